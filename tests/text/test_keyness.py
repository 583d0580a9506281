"""Keyness: G² and log ratio per place, doc_type and year against reports of the same year, type and level."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest
from conftest import DEV, SEED_PLACES

from reportlib.read.corpus import Corpus
from reportlib.text import dictionary, keyness, vocabulary
from reportlib.text import tokens as text


@pytest.fixture(scope="module")
def doc_tokens(corpus: Corpus, terms) -> pd.DataFrame:
    return vocabulary.comparable(text.tokenize_corpus(corpus, unit="document", dictionary=terms), terms)


@pytest.mark.parametrize(("a", "b", "c", "d", "g2"), [
    # expected counts 1000·20/11000 = 1.818 and 18.18: 2·(10·ln 5.5 + 10·ln 0.55)
    (10, 10, 1000, 10_000, 2 * (10 * math.log(5.5) + 10 * math.log(0.55))),
    (5, 0, 100, 100, 2 * 5 * math.log(2)),  # absent from the rest: only the group's cell counts
    (10, 10, 1000, 1000, 0.0),  # same relative frequency: no evidence
])
def test_log_likelihood(a, b, c, d, g2):
    assert keyness.log_likelihood(a, b, c, d) == pytest.approx(g2)


@pytest.mark.parametrize(("a", "b", "c", "d", "ratio"), [
    (20, 10, 1000, 1000, 1.0),
    (10, 0, 1000, 1000, math.log2(10 / 0.5)),  # a zero count becomes 0.5
    (10, 40, 1000, 4000, 0.0),
])
def test_log_ratio(a, b, c, d, ratio):
    assert keyness.log_ratio(a, b, c, d) == pytest.approx(ratio)


@pytest.mark.parametrize(("place", "term"), [
    ("虹口区", "航运"), ("徐汇区", "人工智能"), ("松江区", "G60科创走廊"), ("青浦区", "示范区"),
    ("嘉定区", "汽车产业"), ("闵行区", "主城区"),
])
def test_place_key_terms(doc_tokens, place, term):
    table = keyness.keyness(doc_tokens, min_count=5, top=None)
    row = table[(table["group"] == place) & (table["term"] == term)]
    assert len(row) == 1
    assert row["rank"].iloc[0] <= 10


def test_no_place_name_among_the_key_terms(doc_tokens, terms):
    table = keyness.keyness_table(doc_tokens, top=20)
    assert set(table["by"]) == {"place", "doc_type", "year"}
    found = set(table["term"])
    assert not found & SEED_PLACES
    assert not {t for t in found if t in terms.places or vocabulary.is_place(t, terms)}


def test_places_kept_when_asked(corpus: Corpus, terms):
    with_places = vocabulary.comparable(text.tokenize_corpus(corpus, dictionary=terms), terms, places=True)
    table = keyness.keyness(with_places, by="place", top=20)
    assert "北外滩" in set(table.loc[table["group"] == "虹口区", "term"])


@pytest.mark.parametrize("junk", ["及物", "放在", "条段", "编制工作", "规划编制工作", "上升"])
def test_segmentation_debris_is_no_key_term(doc_tokens, junk):
    table = keyness.keyness_table(doc_tokens, top=50)
    assert junk not in set(table["term"])


@pytest.mark.parametrize(("token", "debris"), [
    ("及物", True), ("放在", True), ("用于", True), ("编制工作", True), ("优做", True),
    ("物联网", False), ("社区工作", False), ("创新", False), ("旧改", False),
])
def test_debris_rules(terms, token, debris):
    assert vocabulary.is_debris(token, terms) is debris


def test_groups_are_compared_within_their_year_and_type(doc_tokens):
    table = keyness.keyness(doc_tokens, by="place", min_count=5, top=None)
    first = table.drop_duplicates("group").set_index("group")
    # 徐汇's 2021 plan report and 2025 report have no peer of another place: only its 2021 work report
    assert first.loc["徐汇区", "docs"] == "xuhui-2021-work_report"
    assert first.loc["徐汇区", "reference"] == keyness.SAME_STRATUM
    # the 2012 report has no peer of its year: compared with all others, and marked
    assert first.loc["杨浦区", "reference"] == keyness.ALL_OTHERS
    # the reference of 虹口's 2021 report is the other places' 2021 work reports only
    row = table[(table["group"] == "虹口区")].iloc[0]
    peers = doc_tokens[(doc_tokens["year"] == 2021) & (doc_tokens["doc_type"] == "work_report")
                       & (doc_tokens["place"] != "虹口区")]
    assert row["count_rest"] == sum(Counter(t)[row["term"]] for t in peers["tokens"])


def test_a_place_is_compared_with_places_of_its_level_first():
    """Two provinces and a district of one year and type: each province against the other province
    (not the district's words); the district, alone at its level, against both provinces."""
    tokens = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "place": ["甲省", "乙省", "丙区"],
        "place_level": ["province", "province", "county"], "year": [2026] * 3, "doc_type": ["work_report"] * 3,
        "tokens": [["全省"] * 6 + ["港口"] * 6, ["全省"] * 6 + ["草原"] * 6, ["全区"] * 6 + ["港口"] * 6]})
    table = keyness.keyness(tokens, min_count=5)
    first = table.drop_duplicates("group").set_index("group")
    assert first.loc["甲省", "reference"] == keyness.SAME_LEVEL
    assert first.loc["丙区", "reference"] == keyness.SAME_STRATUM
    assert set(table.loc[table["group"] == "甲省", "term"]) == {"港口"}  # 全省 is its level's word, not its own
    assert table.loc[table["group"] == "丙区", "term"].tolist() == ["全区"]


def test_keyness_rows_obey_thresholds(doc_tokens):
    table = keyness.keyness(doc_tokens, by="place", min_count=5, top=20)
    assert list(table.columns) == keyness.KEYNESS_COLUMNS
    assert (table["count"] >= 5).all() and (table["g2"] >= keyness.G2_MIN).all()
    assert (table["log_ratio"] > 0).all() and (table["per_10k"] > table["per_10k_rest"]).all()
    for _, group in table.groupby("group"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1)) and len(group) <= 20
        assert group["g2"].is_monotonic_decreasing
    assert table.equals(keyness.keyness(doc_tokens, by="place", min_count=5, top=20))


def test_common_words_are_not_key():
    tokens = pd.DataFrame({"place": ["甲区", "乙区"],
                           "tokens": [["创新"] * 10 + ["西岸"] * 8, ["创新"] * 10 + ["北外滩"] * 8]})
    table = keyness.keyness(tokens, by="place", min_count=5)
    assert set(table["term"]) == {"西岸", "北外滩"}


def test_keyness_table_skips_a_dimension_with_one_group(doc_tokens):
    table = keyness.keyness_table(doc_tokens)
    assert set(table["by"]) == {"place", "doc_type", "year"}
    only_2021 = doc_tokens[doc_tokens["year"] == 2021]
    assert "year" not in set(keyness.keyness_table(only_2021)["by"])
    plan = table[(table["by"] == "doc_type") & (table["group"] == "plan_midyear")]
    assert "智慧交通" in set(plan["term"])


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")
def test_no_place_name_among_the_key_terms_of_another_corpus():
    """Provinces and a county-level district of other years: grouped by place, no place name key."""
    from reportlib.read import places
    from reportlib.read.corpus import read_corpus

    dev = read_corpus(DEV)
    terms = dictionary.corpus_dictionary(dev)
    docs = vocabulary.comparable(text.tokenize_corpus(dev, dictionary=terms), terms)
    table = keyness.keyness_table(docs, top=20)
    assert table.loc[table["by"] == "place", "group"].nunique() >= 20
    division = {n for p in places.all_places() if p.level != "county" for n in (p.name, p.alias) if n}
    found = set(table["term"])
    assert not found & division
    assert not {t for t in found if vocabulary.is_place(t, terms)}
