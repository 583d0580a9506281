"""Topic models: a reproducible estimator, K by coherence with stability, shares and tables."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SEED_PLACES

from reportlib.read.corpus import Corpus
from reportlib.text import tokens as text
from reportlib.text import topics, vocabulary

FAST = {"passes": 2, "iterations": 20}


@pytest.fixture(scope="module")
def paragraphs(corpus: Corpus, terms) -> pd.DataFrame:
    return vocabulary.comparable(text.tokenize_corpus(corpus, unit="paragraph", dictionary=terms), terms)


@pytest.fixture(scope="module")
def model(paragraphs) -> topics.TopicModel:
    return topics.TopicModel(5, random_state=3, **FAST).fit(paragraphs)


def test_estimator_conventions():
    m = topics.TopicModel(6, passes=3, random_state=1, unit="section")
    assert m.get_params()["n_topics"] == 6 and m.get_params()["unit"] == "section"
    assert not [k for k in vars(m) if k.endswith("_")]  # nothing learned before fit
    assert "TopicModel(n_topics=6" in repr(m)


def test_fit_learns_topics_doc_topics_and_coherence(model, paragraphs):
    assert list(model.topics_.columns) == topics.TOPIC_COLUMNS
    assert model.topics_.groupby("topic")["rank"].apply(list).map(lambda r: r == list(range(1, 11))).all()
    assert sorted(model.topics_["topic"].unique()) == [1, 2, 3, 4, 5]
    dt = model.doc_topics_
    fitted = paragraphs[paragraphs["n_tokens"] >= 5]
    assert len(fitted) < len(paragraphs)  # a plan report's table rows are one-line "paragraphs"
    assert len(dt) == 5 * len(fitted) and set(dt["unit_id"]) == set(fitted["unit_id"])
    assert dt.groupby("unit_id")["weight"].sum().between(0.999, 1.001).all()
    assert 0.0 < model.coherence_["c_v"] < 1.0 and -1.0 <= model.coherence_["npmi"] <= 1.0
    assert len(model.coherence_per_topic_) == 5
    assert len(set(model.labels_.values())) == 5


def test_same_inputs_give_identical_topics(model, paragraphs):
    again = topics.TopicModel(5, random_state=3, **FAST).fit(paragraphs)
    pd.testing.assert_frame_equal(model.topics_, again.topics_)
    pd.testing.assert_frame_equal(model.doc_topics_, again.doc_topics_)
    assert model.coherence_ == again.coherence_
    other_seed = topics.TopicModel(5, random_state=4, coherence=False, **FAST).fit(paragraphs)
    assert not model.topics_.equals(other_seed.topics_)


def test_fit_takes_a_corpus_by_unit(corpus: Corpus):
    m = topics.TopicModel(3, unit="section", coherence=False, **FAST).fit(corpus)
    assert m.doc_topics_["unit_id"].str.contains("/s").all()


@pytest.mark.parametrize(("a", "b", "expected"), [
    ({1: ["旧改", "征收"]}, {1: ["旧改", "征收"], 2: ["科技", "创新"]}, 1.0),
    ({1: ["旧改", "征收"], 2: ["科技", "创新"]}, {1: ["旧改", "居民"]}, (1 / 3 + 0) / 2),
    ({1: ["旧改"]}, {1: ["科技"]}, 0.0),
])
def test_topic_jaccard(a, b, expected):
    assert topics.topic_jaccard(a, b) == pytest.approx(expected)


def test_topic_labels_are_unique():
    table = pd.DataFrame({"topic": [1, 1, 1, 1, 2, 2, 2, 2], "rank": [1, 2, 3, 4] * 2,
                          "term": ["创新", "企业", "产业", "科技", "创新", "企业", "产业", "人才"]})
    assert topics.topic_labels(table) == {1: "创新·企业·产业·科技", 2: "创新·企业·产业·人才"}


def test_search_k_keeps_the_curve(paragraphs):
    curve, best = topics.search_k(paragraphs, grid=(3, 5), seeds=(1, 2), sample_size=300, **FAST)
    assert curve["k"].tolist() == [3, 5] and best in (3, 5)
    assert {"k", "c_v", "c_v_se", "within_1se", "npmi", "stability", "n_units", "passes", "chosen",
            "rule"} <= set(curve.columns)
    assert (curve["n_units"] == 300).all() and curve["stability"].between(0, 1).all()
    assert curve.loc[curve["chosen"], "k"].tolist() == [best]
    assert (curve["rule"] == topics.K_RULE).all()
    within = curve[curve["within_1se"]]
    assert best in within["k"].tolist()
    assert curve.loc[curve["k"] == best, "stability"].iloc[0] == within["stability"].max()
    assert topics.sample_units(len(paragraphs), 300, 1) == topics.sample_units(len(paragraphs), 300, 1)


@pytest.mark.parametrize(("c_v", "c_v_sd", "stability", "chosen"), [
    # the case: K=6 and K=10 within one SE, K=6 more stable → 6 (not the smallest-K or best-c_v K)
    ([0.48, 0.503, 0.510, 0.47], [0.01, 0.02, 0.02, 0.01], [0.45, 0.42, 0.36, 0.50], 6),
    # K=4 and K=15 are more stable but outside one SE (0.527 < 0.533 - 0.01/√3): only K=10 is eligible
    ([0.48, 0.50, 0.533, 0.527], [0.01, 0.02, 0.01, 0.02], [0.60, 0.40, 0.35, 0.39], 10),
    # a tie in stability (K=6 and K=10) goes to the smaller K
    ([0.50, 0.53, 0.533, 0.527], [0.05, 0.02, 0.05, 0.02], [0.40, 0.40, 0.40, 0.30], 6),
    # no stability measured: the smallest K within one SE
    ([0.48, 0.53, 0.533, 0.527], [0.03, 0.03, 0.03, 0.03], [float("nan")] * 4, 6),
])
def test_choose_k(c_v, c_v_sd, stability, chosen):
    curve = pd.DataFrame({"k": [4, 6, 10, 15], "c_v": c_v, "c_v_sd": c_v_sd, "n_seeds": 3, "stability": stability})
    assert topics.choose_k(curve) == chosen


def test_no_place_name_among_the_topics_top_words(paragraphs, terms):

    model = topics.TopicModel(8, random_state=7, passes=5, coherence=False).fit(paragraphs)
    top = set(model.topics_["term"])  # top-10 of each topic
    assert not top & SEED_PLACES
    assert not {t for t in top if vocabulary.is_place(t, terms)}


def test_transform_save_and_load(model, paragraphs, tmp_path):
    fitted = model.doc_topics_.pivot(index="unit_id", columns="topic", values="weight")
    kept = paragraphs.iloc[model.kept_units_].reset_index(drop=True)
    again = model.transform(kept)
    assert again.shape == fitted.shape and again.sum(axis=1).between(0.999, 1.001).all()
    assert (again.idxmax(axis=1) == fitted.loc[again.index].idxmax(axis=1)).mean() > 0.9
    path = model.save(tmp_path / "model.pkl")
    loaded = topics.TopicModel.load(path)
    pd.testing.assert_frame_equal(loaded.topics_, model.topics_)
    pd.testing.assert_frame_equal(loaded.transform([["创新", "科技", "企业"]]),
                                  model.transform([["创新", "科技", "企业"]]))
    (tmp_path / "other.pkl").write_bytes(__import__("pickle").dumps({"not": "a model"}))
    with pytest.raises(ValueError, match="not a saved TopicModel"):
        topics.TopicModel.load(tmp_path / "other.pkl")


def test_bad_input_raises_value_error():
    with pytest.raises(ValueError, match="unit"):
        topics.TopicModel(3).fit([["创新", "科技"]])
    with pytest.raises(ValueError, match="fit the model first"):
        topics.TopicModel(3).transform([["创新"]])


def test_other_year_groups_are_marked(model, paragraphs):
    shares = topics.topic_shares(model.doc_topics_, paragraphs, by=topics.SHARE_BY, labels=model.labels_)
    place = shares[shares["by"] == "place"].drop_duplicates("group").set_index("group")
    assert bool(place.loc["杨浦区", "other_year"]) and place.loc["杨浦区", "years"] == "2012"
    assert not place.loc["松江区", "other_year"] and not place.loc["徐汇区", "other_year"]
    assert {"2012", "2021"} <= set(shares.loc[shares["by"] == "year", "group"])
    assert {"work_report", "plan_report"} <= set(shares.loc[shares["by"] == "doc_type", "group"])


def test_topic_shares_sum_to_one_per_group(model, paragraphs):
    shares = topics.topic_shares(model.doc_topics_, paragraphs, by=topics.SHARE_BY, labels=model.labels_)
    assert set(shares["by"]) == set(topics.SHARE_BY)
    sums = shares.groupby(["by", "group"])["share"].sum()
    assert sums.between(0.999, 1.001).all()
    assert {"虹口区", "徐汇区"} <= set(shares.loc[shares["by"] == "place", "group"])
    assert {"review", "tasks"} <= set(shares.loc[shares["by"] == "section_role", "group"])


def test_write_tables(corpus: Corpus, tmp_path):
    paths = topics.write_tables(corpus, tables_dir=tmp_path, grid=(3, 4), passes=2, search_passes=2,
                                seeds=(1, 2), sample_size=200)
    assert {p.name for p in paths.values()} == {"topics.csv", "doc_topics.parquet", "topic_shares.csv",
                                                  "coherence.csv", "keyness.csv"}
    assert list(pd.read_csv(paths["topics"]).columns[:4]) == ["topic", "rank", "term", "weight"]
    doc_topics = pd.read_parquet(paths["doc_topics"])
    assert {"doc_id", "unit_id", "place", "place_level", "year", "topic", "weight", "label"} <= set(doc_topics.columns)
    coherence = pd.read_csv(paths["coherence"])
    assert coherence["chosen"].sum() == 1 and (coherence["rule"] == topics.K_RULE).all()
    assert set(pd.read_csv(paths["keyness"])["by"]) == {"place", "doc_type", "year"}
    first = {name: path.read_bytes() for name, path in paths.items()}
    topics.write_tables(corpus, tables_dir=tmp_path, grid=(3, 4), passes=2, search_passes=2,
                        seeds=(1, 2), sample_size=200)
    assert first == {name: path.read_bytes() for name, path in paths.items()}


def test_search_k_is_the_same_in_parallel(paragraphs):
    args = dict(grid=(3, 4), seeds=(1, 2), sample_size=200, **FAST)
    serial, _ = topics.search_k(paragraphs, processes=1, **args)
    parallel, _ = topics.search_k(paragraphs, processes=2, **args)
    assert serial.equals(parallel)
