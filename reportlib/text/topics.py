"""Topic models of the reports: an LDA estimator, K chosen by coherence, stability, shares.

``TopicModel(n_topics=12, passes=20, random_state=7).fit(tokens)`` follows scikit-learn's
conventions (``__init__`` stores parameters, ``fit`` returns ``self``, learned attributes end in
``_``). It wraps gensim's single-process ``LdaModel``: ``LdaMulticore`` is not reproducible.

Choosing K (:func:`search_k`) fits every K of a grid on a fixed-seed sample of at most
``SAMPLE_SIZE`` (2000) units at 10 passes, once per seed of ``SEEDS``; scores each K by
coherence (c_v and NPMI, means over the seeds) and by stability (mean best-match Jaccard of top
terms between seeds); keeps the curve; and chooses K by the rule of :data:`K_RULE`
(:func:`choose_k`). Only the chosen K is then fitted on all units at full passes.
Why: on a corpus 50 times this one (41 000 paragraphs) one full fit took 158 s on 2 busy cores,
so the grid at full size (6 K × 3 seeds) would take about 47 minutes; the sampled search took
166 s, the cost of about one full fit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel

from reportlib.io import atomic_path, write_table
from reportlib.paths import project_paths

log = logging.getLogger(__name__)

DEFAULT_GRID = (4, 6, 8, 10, 12, 15)
SEEDS = (7, 11, 23)
#: Units a K search fits on (a fixed-seed sample when there are more).
SAMPLE_SIZE = 2000
TOPIC_COLUMNS = ["topic", "rank", "term", "weight", "label"]
SHARE_BY = ("place", "year", "doc_type", "section_role")
#: Weight of a term's probability in the topic against its lift when labelling (LDAvis's 0.6).
RELEVANCE_LAMBDA = 0.6
#: How K is chosen, in words (written beside the curve in coherence.csv and on the methods page).
K_RULE = ("Among the K whose mean c_v is within one standard error (seed-to-seed SD / sqrt(seeds)) "
          "of the best, the one with the highest stability (mean best-match Jaccard of top terms "
          "across seeds); a tie goes to the smallest K.")
K_RULE_ZH = ("在平均c_v与最佳值相差不超过一个标准误（种子间标准差除以种子数的平方根）的K中，选稳定性最高的一个"
             "（各种子间高频词的最佳匹配Jaccard均值）；并列时取较小的K。")  # K_RULE on the Chinese pages


def _token_lists(docs) -> tuple[list[list[str]], pd.DataFrame | None]:
    """Token lists and, when ``docs`` is a tokens table, the table itself (for unit ids)."""
    if isinstance(docs, pd.DataFrame):
        return [list(t) for t in docs["tokens"]], docs.reset_index(drop=True)
    return [list(t) for t in docs], None


class TopicModel:
    """LDA over paragraphs or sections (``unit``), reproducible for a given ``random_state``.

    Units with fewer than ``min_tokens`` tokens are left out: a flattened table gives one
    "paragraph" per row (科技创新, 动力增强), hundreds of them in one plan report.

    ``fit`` takes a tokens table (``text.tokenize_corpus``), a corpus (tokenised by ``unit``,
    place names and debris left out) or a list of token lists; ``transform`` gives new units'
    topic weights; ``save`` and ``load`` keep a fitted model. Learned: ``dictionary_``,
    ``model_``, ``topics_`` (topic, rank, term, weight, label; topics numbered from 1),
    ``labels_``, ``doc_topics_`` (unit_id, topic, weight; unit_id is the position in ``docs`` for
    plain token lists), ``kept_units_``, ``coherence_`` (c_v, npmi) and ``coherence_per_topic_``.
    """

    def __init__(self, n_topics: int = 10, *, passes: int = 20, iterations: int = 50,
                 random_state: int = 7, unit: str = "paragraph", no_below: int = 3,
                 no_above: float = 0.5, top_n: int = 10, alpha: str = "symmetric",
                 chunksize: int = 2000, min_tokens: int = 5, coherence: bool = True) -> None:
        self.n_topics = n_topics
        self.passes = passes
        self.iterations = iterations
        self.random_state = random_state
        self.unit = unit
        self.no_below = no_below
        self.no_above = no_above
        self.top_n = top_n
        self.alpha = alpha
        self.chunksize = chunksize
        self.min_tokens = min_tokens
        self.coherence = coherence

    def get_params(self) -> dict:
        """Parameters as given to ``__init__`` (scikit-learn convention)."""
        return {k: v for k, v in vars(self).items() if not k.endswith("_")}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"TopicModel({args})"

    def fit(self, docs) -> TopicModel:
        """Fit LDA to ``docs``; returns ``self``."""
        if not isinstance(docs, (pd.DataFrame, list, tuple)):
            from reportlib.text.dictionary import corpus_dictionary
            from reportlib.text.tokens import tokenize_corpus
            from reportlib.text.vocabulary import comparable

            docs = comparable(tokenize_corpus(docs, unit=self.unit), corpus_dictionary(docs))
        texts, table = _token_lists(docs)
        keep = [i for i, t in enumerate(texts) if len(t) >= self.min_tokens]
        if len(keep) < 2:
            raise ValueError(f"TopicModel.fit: {len(keep)} unit(s) with at least {self.min_tokens} tokens; "
                             "a topic model needs more")
        self.kept_units_ = keep
        if len(keep) < len(texts):
            log.info("%d of %d units have fewer than %d tokens (table rows, headings): left out",
                     len(texts) - len(keep), len(texts), self.min_tokens)
            texts = [texts[i] for i in keep]
            table = table.iloc[keep].reset_index(drop=True) if table is not None else None
        t0 = time.perf_counter()
        dictionary = Dictionary(texts)
        dictionary.filter_extremes(no_below=self.no_below, no_above=self.no_above, keep_n=None)
        if len(dictionary) < self.n_topics:
            raise ValueError(f"TopicModel.fit: {len(dictionary)} terms left after filtering for "
                             f"{self.n_topics} topics")
        bows = [dictionary.doc2bow(t) for t in texts]
        self.model_ = LdaModel(
            bows, id2word=dictionary, num_topics=self.n_topics, passes=self.passes,
            iterations=self.iterations, random_state=self.random_state, alpha=self.alpha,
            chunksize=self.chunksize, eval_every=None, minimum_probability=0.0,
        )
        self.dictionary_ = dictionary
        self.fit_seconds_ = time.perf_counter() - t0
        self.topics_ = self._topics_table()
        self.labels_ = topic_labels(self._relevance_table(bows))
        self.topics_["label"] = self.topics_["topic"].map(self.labels_)
        self.doc_topics_ = self._doc_topics(bows, table)
        if self.coherence:
            self.coherence_, self.coherence_per_topic_ = coherence_scores(
                self.model_, texts, dictionary, top_n=self.top_n)
        log.info("LDA K=%d on %d units, %d terms, %d passes: %.1f s%s", self.n_topics, len(texts),
                 len(dictionary), self.passes, self.fit_seconds_,
                 f"; c_v {self.coherence_['c_v']:.3f}, NPMI {self.coherence_['npmi']:.3f}"
                 if self.coherence else "")
        return self

    def _topics_table(self) -> pd.DataFrame:
        rows = []
        for k in range(self.n_topics):
            for rank, (term, weight) in enumerate(self.model_.show_topic(k, topn=self.top_n), start=1):
                rows.append((k + 1, rank, term, round(float(weight), 6)))
        return pd.DataFrame(rows, columns=TOPIC_COLUMNS[:-1])

    def _relevance_table(self, bows, n_candidates: int = 30) -> pd.DataFrame:
        """Each topic's top terms re-ranked by relevance (Sievert & Shirley 2014, λ = RELEVANCE_LAMBDA).

        Ranking by weight alone puts the corpus's commonest words (企业, 创新) atop every topic;
        relevance discounts a term by its overall frequency, so labels tell topics apart.
        """
        counts = np.zeros(len(self.dictionary_))
        for bow in bows:
            for term_id, n in bow:
                counts[term_id] += n
        p_term = counts / counts.sum()
        rows = []
        for k in range(self.n_topics):
            top = self.model_.get_topic_terms(k, topn=n_candidates)
            scored = sorted(((RELEVANCE_LAMBDA * np.log(w) + (1 - RELEVANCE_LAMBDA) * np.log(w / p_term[i]),
                              self.dictionary_[i]) for i, w in top), key=lambda x: (-x[0], x[1]))
            rows += [(k + 1, rank, term, score) for rank, (score, term) in enumerate(scored, start=1)]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "relevance"])

    def _doc_topics(self, bows, table: pd.DataFrame | None) -> pd.DataFrame:
        gamma, _ = self.model_.inference(bows)
        theta = gamma / gamma.sum(axis=1, keepdims=True)
        ids = table["unit_id"].tolist() if table is not None else self.kept_units_
        df = pd.DataFrame({
            "unit_id": np.repeat(ids, self.n_topics),
            "topic": np.tile(np.arange(1, self.n_topics + 1), len(bows)),
            "weight": theta.ravel().round(6),
        })
        return df

    def transform(self, docs) -> pd.DataFrame:
        """Topic weights of new ``docs`` (token lists or a tokens table) under the fitted model.

        One row a unit (unit_id, or the position for token lists), one column a topic (1..K);
        rows sum to 1. Terms the model never saw are ignored.
        """
        if not hasattr(self, "model_"):
            raise ValueError("TopicModel.transform: fit the model first")
        texts, table = _token_lists(docs)
        bows = [self.dictionary_.doc2bow(t) for t in texts]
        gamma, _ = self.model_.inference(bows)
        theta = gamma / gamma.sum(axis=1, keepdims=True)
        index = table["unit_id"].tolist() if table is not None else list(range(len(texts)))
        return pd.DataFrame(theta.round(6), index=pd.Index(index, name="unit_id"),
                            columns=range(1, self.n_topics + 1))

    def save(self, path: str | Path) -> Path:
        """Write the fitted estimator (parameters and learned attributes) to ``path`` (a pickle)."""
        path = Path(path)
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    @classmethod
    def load(cls, path: str | Path) -> TopicModel:
        """A model written by :meth:`save`."""
        with open(path, "rb") as fh:
            model = pickle.load(fh)
        if not isinstance(model, cls):
            raise ValueError(f"{path}: not a saved TopicModel but {type(model).__name__}")
        return model

    def top_terms(self, n: int | None = None) -> dict[int, list[str]]:
        """Top ``n`` terms of each topic (default ``top_n``)."""
        n = n or self.top_n
        return {t: g.sort_values("rank")["term"].head(n).tolist() for t, g in self.topics_.groupby("topic")}


def coherence_scores(model: LdaModel, texts: list[list[str]], dictionary: Dictionary, *,
                     top_n: int = 10) -> tuple[dict[str, float], pd.DataFrame]:
    """c_v and NPMI of a fitted model (gensim, one process), overall and per topic."""
    scores, per_topic = {}, {}
    for name, measure in (("c_v", "c_v"), ("npmi", "c_npmi")):
        cm = CoherenceModel(model=model, texts=texts, dictionary=dictionary, coherence=measure,
                            topn=top_n, processes=1)
        values = cm.get_coherence_per_topic()
        per_topic[name] = [round(float(v), 6) for v in values]
        scores[name] = round(float(np.mean(values)), 6)
    table = pd.DataFrame({"topic": range(1, model.num_topics + 1), **per_topic})
    return scores, table


def topic_labels(topics: pd.DataFrame, n_terms: int = 3) -> dict[int, str]:
    """A label per topic from its first terms by ``rank`` ("旧改·征收·居民"), longer where two would match."""
    terms = {t: g.sort_values("rank")["term"].tolist() for t, g in topics.groupby("topic")}
    n = {t: n_terms for t in terms}
    while True:
        labels = {t: "·".join(terms[t][: n[t]]) for t in terms}
        seen: dict[str, list[int]] = {}
        for t, label in labels.items():
            seen.setdefault(label, []).append(t)
        clashes = [t for ts in seen.values() if len(ts) > 1 for t in ts if n[t] < len(terms[t])]
        if not clashes:
            return labels
        for t in clashes:
            n[t] += 1


def topic_jaccard(a: dict[int, list[str]], b: dict[int, list[str]]) -> float:
    """Mean over the topics of ``a`` of the best Jaccard overlap with a topic of ``b``.

    >>> topic_jaccard({1: ["旧改", "征收"]}, {1: ["旧改", "居民"], 2: ["科技", "创新"]})
    0.3333333333333333
    """
    scores = []
    for terms in a.values():
        sa = set(terms)
        scores.append(max(len(sa & set(tb)) / len(sa | set(tb)) for tb in b.values()))
    return float(np.mean(scores))


def sample_units(n: int, size: int | None, random_state: int) -> list[int]:
    """Indices of a fixed-seed sample of ``size`` of ``n`` units, in corpus order (all if small)."""
    if size is None or n <= size:
        return list(range(n))
    rng = np.random.default_rng(random_state)
    return sorted(int(i) for i in rng.choice(n, size=size, replace=False))


def search_k(docs, grid: Sequence[int] = DEFAULT_GRID, *, passes: int = 10, seeds: Sequence[int] = SEEDS,
             sample_size: int | None = SAMPLE_SIZE, top_n: int = 10, processes: int | None = None,
             **params) -> tuple[pd.DataFrame, int]:
    """Coherence and stability of each K of ``grid``; returns the curve and the chosen K.

    Fits run on a fixed-seed sample of at most ``sample_size`` units at ``passes`` (fewer than a
    final fit): the curve's shape, not its last decimal, chooses K. Each K is fitted with every
    seed of ``seeds``; coherence is the mean over the seeds (one seed's c_v moves by a few
    hundredths, as much as the differences between K), stability the mean best-match Jaccard of
    top-``top_n`` terms between the first seed's topics and each other seed's. K is chosen by
    :func:`choose_k`. The grid's fits run in ``processes`` worker processes (default: one a
    core); each fit depends only on its K and seed, so the table is the same however many run.
    Columns: k, c_v, c_v_sd, npmi, stability, n_units, passes, n_seeds, c_v_se, within_1se, chosen
    and rule (:data:`K_RULE`; no timings: the same inputs give the same table).
    """
    texts, _ = _token_lists(docs)
    min_tokens = params.get("min_tokens", TopicModel().min_tokens)
    texts = [t for t in texts if len(t) >= min_tokens]  # what each fit would keep
    idx = sample_units(len(texts), sample_size, seeds[0])
    sample = [texts[i] for i in idx]
    tasks = [(k, seed) for k in grid for seed in seeds]
    summaries = _map_fits(tasks, sample, passes, top_n, params, processes)
    probe = TopicModel(**params)
    scores = shared_coherence(sample, [[terms for _, terms in sorted(s["top_terms"].items())] for s in summaries],
                              top_n=top_n, no_below=probe.no_below, no_above=probe.no_above)
    fits = {task: {**summary, **score} for task, summary, score in zip(tasks, summaries, scores)}
    rows = []
    for k in grid:
        runs = [fits[(k, seed)] for seed in seeds]
        ref = runs[0]["top_terms"]
        stability = float(np.mean([topic_jaccard(ref, r["top_terms"]) for r in runs[1:]])) if len(runs) > 1 \
            else float("nan")
        c_v = [r["c_v"] for r in runs]
        rows.append({"k": k, "c_v": round(float(np.mean(c_v)), 6), "c_v_sd": round(float(np.std(c_v)), 6),
                     "npmi": round(float(np.mean([r["npmi"] for r in runs])), 6),
                     "stability": round(stability, 6), "n_units": len(sample), "passes": passes,
                     "n_seeds": len(seeds)})
        log.info("K=%d: c_v %.3f ± %.3f, NPMI %.3f, stability %.3f", k, rows[-1]["c_v"],
                 rows[-1]["c_v_sd"], rows[-1]["npmi"], stability)
    curve = pd.DataFrame(rows)
    curve["c_v_se"] = (curve["c_v_sd"] / np.sqrt(curve["n_seeds"])).round(6)
    curve["within_1se"] = within_one_se(curve)
    best_k = choose_k(curve)
    curve["chosen"] = curve["k"] == best_k
    curve["rule"] = K_RULE
    log.info("chosen K=%d of %s", best_k, list(grid))
    return curve, best_k


def _fit_summary(k: int, seed: int, sample: list[list[str]], passes: int, top_n: int, params: dict) -> dict:
    """One fit of the K search, reduced to its top terms (picklable for a worker)."""
    fit = TopicModel(k, passes=passes, random_state=seed, top_n=top_n, coherence=False, **params).fit(sample)
    return {"top_terms": fit.top_terms()}


def shared_coherence(texts: list[list[str]], topic_sets: list[list[list[str]]], *, top_n: int,
                     no_below: int, no_above: float) -> list[dict[str, float]]:
    """Mean c_v and NPMI of each fit's topics over one sample, counting its sliding windows once.

    Scoring each of a K search's fits on its own recounts the same windows every time (half the
    search's cost); one count over the union of all fits' top terms serves them all.
    """
    dictionary = Dictionary(texts)
    dictionary.filter_extremes(no_below=no_below, no_above=no_above, keep_n=None)
    union = [topic for topics in topic_sets for topic in topics]
    scores: list[dict[str, float]] = [{} for _ in topic_sets]
    for name, measure in (("c_v", "c_v"), ("npmi", "c_npmi")):
        cm = CoherenceModel(topics=union, texts=texts, dictionary=dictionary, coherence=measure, topn=top_n,
                            processes=1)
        cm.estimate_probabilities()
        for score, topics in zip(scores, topic_sets):
            cm.topics = topics  # a subset of the union: the counts are kept
            score[name] = round(float(np.mean(cm.get_coherence_per_topic())), 6)
    return scores


def _map_fits(tasks: list[tuple[int, int]], sample: list[list[str]], passes: int, top_n: int, params: dict,
              processes: int | None) -> list[dict]:
    """Summaries of the (K, seed) fits, in ``tasks`` order, in parallel where cores allow."""
    workers = min(len(tasks), processes or os.cpu_count() or 1)
    if workers <= 1:
        return [_fit_summary(k, seed, sample, passes, top_n, params) for k, seed in tasks]
    # fork (as text.py's pool): the workers need the parent's imports, not a fresh interpreter
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        futures = [pool.submit(_fit_summary, k, seed, sample, passes, top_n, params) for k, seed in tasks]
        return [f.result() for f in futures]


def choose_k(curve: pd.DataFrame) -> int:
    """K by :data:`K_RULE`: within one standard error of the best c_v, the most stable, then the smallest.

    Like the one-standard-error rule of cross-validation: K that coherence cannot tell apart
    from the best are as good, and among them the one whose topics come back across seeds is
    the one a reader can trust. Without stability (one seed) the smallest such K.

    >>> choose_k(pd.DataFrame({"k": [6, 10, 12], "c_v": [0.503, 0.510, 0.47], "c_v_sd": [0.01, 0.02, 0.01],
    ...                        "n_seeds": 3, "stability": [0.42, 0.36, 0.50]}))
    6
    """
    within = within_one_se(curve)
    candidates = curve[within]
    if "stability" in candidates and candidates["stability"].notna().any():
        best = candidates["stability"].max()
        candidates = candidates[candidates["stability"] >= best - 1e-9]
    return int(candidates["k"].min())


def within_one_se(curve: pd.DataFrame) -> pd.Series:
    """Whether each K's mean c_v is within one standard error of the best K's (the best's SE)."""
    best = curve.loc[curve["c_v"].idxmax()]
    sd = 0.0 if pd.isna(best.get("c_v_sd", np.nan)) else float(best["c_v_sd"])
    n = int(best["n_seeds"]) if "n_seeds" in curve and not pd.isna(best["n_seeds"]) else 1
    return curve["c_v"] >= best["c_v"] - sd / np.sqrt(max(n, 1)) - 1e-12


def topic_shares(doc_topics: pd.DataFrame, units: pd.DataFrame, by: str | Sequence[str] = "place",
                 labels: dict[int, str] | None = None) -> pd.DataFrame:
    """Share of each topic in the tokens of each group (units weighted by their token count).

    ``units`` is the tokens table (unit_id, n_tokens and the ``by`` columns). Several ``by``
    are stacked with a ``by`` column; ``place`` groups by the place of any level (a province, a
    district). A group whose text is mostly of another year than the corpus's usual (the 2012
    report among 2021 ones) is marked ``other_year``: its shares mix the era's words with the
    place's. Columns: by, group, topic, label, share, n_units, years, usual_year_share (of the
    group's tokens), other_year.
    """
    columns = [by] if isinstance(by, str) else list(by)
    n_tokens = units["n_tokens"] if "n_tokens" in units else units["tokens"].map(len)
    extra = [c for c in ("year",) if c in units and c not in columns]
    meta = units.assign(n_tokens=n_tokens)[["unit_id", "n_tokens", *columns, *extra]]
    merged = doc_topics.merge(meta, on="unit_id", how="inner", validate="many_to_one")
    merged["mass"] = merged["weight"] * merged["n_tokens"]
    years = merged["year"].dropna() if "year" in merged else pd.Series(dtype="Int64")
    usual = int(years.mode().min()) if len(years) else None
    parts = []
    for column in columns:
        m = merged.dropna(subset=[column])
        m = m[m[column].astype(str) != ""]
        g = m.groupby([column, "topic"], sort=True).agg(mass=("mass", "sum"), n_units=("unit_id", "nunique"))
        g = g.reset_index().rename(columns={column: "group"})
        g["share"] = (g["mass"] / g.groupby("group")["mass"].transform("sum")).round(6)
        if "year" in m:
            group_years = {k: sorted({int(v) for v in y.dropna()}) for k, y in m.groupby(column)["year"]}
            usual_mass = m[m["year"] == usual].groupby(column)["mass"].sum() if usual is not None else {}
            total_mass = m.groupby(column)["mass"].sum()
            g["years"] = [";".join(map(str, group_years.get(x, []))) for x in g["group"]]
            g["usual_year_share"] = [round(float(usual_mass.get(x, 0.0)) / float(total_mass[x]), 4)
                                     for x in g["group"]]
        else:
            g["years"], g["usual_year_share"] = "", 1.0
        g["other_year"] = g["usual_year_share"] < 0.5
        g.insert(0, "by", column)
        g["group"] = g["group"].astype(str)
        parts.append(g.drop(columns="mass"))
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["by", "group", "topic", "share", "n_units", "years", "usual_year_share", "other_year"])
    df["label"] = df["topic"].map(labels or {}).fillna("")
    return df[["by", "group", "topic", "label", "share", "n_units", "years", "usual_year_share", "other_year"]]


def write_tables(corpus=None, *, tables_dir: str | Path | None = None, unit: str = "paragraph",
                 grid: Sequence[int] = DEFAULT_GRID, passes: int = 20, search_passes: int = 10,
                 seeds: Sequence[int] = SEEDS, sample_size: int | None = SAMPLE_SIZE, n_topics: int | None = None,
                 keyness_min_count: int = 5, keyness_top: int = 50, places: bool = False) -> dict[str, Path]:
    """Write the tables of the text notebooks into ``paths.tables``: topics.csv, doc_topics.parquet,
    topic_shares.csv, coherence.csv and keyness.csv; returns name → path.

    K comes from :func:`search_k` over ``grid`` unless ``n_topics`` is given. Place names are
    left out of the model and the key terms unless ``places``.
    """
    from reportlib.read.corpus import read_corpus
    from reportlib.text.dictionary import corpus_dictionary
    from reportlib.text.keyness import keyness_table
    from reportlib.text.tokens import tokenize_corpus
    from reportlib.text.vocabulary import comparable

    corpus = corpus if corpus is not None else read_corpus()
    out = Path(tables_dir) if tables_dir else project_paths().tables
    dictionary = corpus_dictionary(corpus)
    units = comparable(tokenize_corpus(corpus, unit=unit, dictionary=dictionary), dictionary, places=places)
    docs = comparable(tokenize_corpus(corpus, unit="document", dictionary=dictionary), dictionary, places=places)
    curve, best_k = search_k(units, grid, passes=search_passes, seeds=seeds, sample_size=sample_size,
                             unit=unit)
    k = n_topics or best_k
    model = TopicModel(k, passes=passes, random_state=seeds[0], unit=unit).fit(units)
    curve["final_c_v"] = np.where(curve["k"] == k, model.coherence_["c_v"], np.nan)
    curve["final_npmi"] = np.where(curve["k"] == k, model.coherence_["npmi"], np.nan)
    meta = units[["unit_id", "doc_id", "place", "place_level", "year", "section_role"]]
    doc_topics = model.doc_topics_.merge(meta, on="unit_id", how="left")
    doc_topics["label"] = doc_topics["topic"].map(model.labels_)
    shares = topic_shares(model.doc_topics_, units, by=SHARE_BY, labels=model.labels_)
    keyness = keyness_table(docs, min_count=keyness_min_count, top=keyness_top)
    if not doc_topics.groupby("unit_id")["weight"].sum().between(0.999, 1.001).all():
        raise ValueError("topic weights of a unit do not sum to 1")
    if model.topics_.isna().any().any():
        raise ValueError("missing terms in the topics table")
    paths = {
        "topics": write_table(model.topics_, out / "topics.csv"),
        "doc_topics": write_table(doc_topics, out / "doc_topics.parquet"),
        "topic_shares": write_table(shares, out / "topic_shares.csv"),
        "coherence": write_table(curve, out / "coherence.csv"),
        "keyness": write_table(keyness, out / "keyness.csv"),
    }
    log.info("topic and keyness tables written to %s (K=%d)", out, k)
    return paths
