"""Keyness: which words one group of reports uses more than comparable reports do.

Each group (a place of any level, a doc_type, a year) is compared by Dunning's log-likelihood G²
(is the difference more than chance?) and the log ratio (how big is it? log2 of the ratio of
relative frequencies; 1 = twice as frequent; Hardie 2014) with the reports of the *same year,
type and level* of the other groups: a 2012 report against 2021 ones would show the era's words
(和谐, 以人为本), a plan report against work reports the genre's, a province against districts
the words of its level (全省). A group's reports without such peers are left out of its
comparison when it has others; failing peers of its level, it is compared with the reports of
the same year and type; a group with none is compared with all other reports and marked
(``reference``).

>>> tokens = pd.DataFrame({"place": ["徐汇区", "虹口区"],
...                        "tokens": [["西岸"] * 6 + ["创新"] * 4, ["北外滩"] * 6 + ["创新"] * 4]})
>>> keyness(tokens, by="place", min_count=5)[["group", "term", "count", "count_rest"]]
  group term  count  count_rest
0   徐汇区   西岸      6           0
1   虹口区  北外滩      6           0

(Comparisons count what they are given; ``vocabulary.comparable`` leaves place names out first.)
"""

from __future__ import annotations

import logging
import math
from collections import Counter

import pandas as pd

log = logging.getLogger(__name__)

KEYNESS_COLUMNS = ["by", "group", "term", "count", "count_rest", "per_10k", "per_10k_rest", "g2",
                   "log_ratio", "rank", "reference", "docs"]
#: What a group is compared with (column ``reference``), closest first.
SAME_LEVEL = "same year, type and level"
SAME_STRATUM = "same year and type"
ALL_OTHERS = "all other reports (none of the same year and type)"
#: Columns that make reports comparable: a group is compared within them, the first that has peers.
STRATA = ("year", "doc_type", "place_level")
REFERENCES = ((STRATA, SAME_LEVEL), (("year", "doc_type"), SAME_STRATUM))
#: G² of a 1-degree-of-freedom χ² at p < 0.05; below it a difference is not reported.
G2_MIN = 3.84
#: Added to a zero count in the log ratio, so a term absent from the rest has a finite ratio.
ZERO_COUNT = 0.5


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Dunning's G² of a term seen ``a`` times in ``c`` tokens against ``b`` times in ``d``.

    >>> round(log_likelihood(10, 10, 1000, 10000), 2)  # expected 1.82 and 18.18
    22.14
    """
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = (a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0)
    return 2.0 * g2


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """log2 of the relative frequency in the group over that in the rest (zeros → 0.5).

    >>> log_ratio(20, 10, 1000, 1000)
    1.0
    """
    return math.log2(((a or ZERO_COUNT) / c) / ((b or ZERO_COUNT) / d))


def _strata(table: pd.DataFrame, by: str, strata: tuple[str, ...]) -> list[tuple[pd.Series, str]]:
    """(stratum of each row, what it is called), closest first: year, type and level, then year and type.

    In a corpus of one level the level splits nothing: the stratum is then called by the coarser name.
    """
    found: list[tuple[pd.Series, str, tuple[str, ...]]] = []
    for columns, name in REFERENCES if tuple(strata) == STRATA else ((tuple(strata), SAME_STRATUM),):
        columns = tuple(c for c in columns if c != by)
        if not columns or not all(c in table.columns for c in columns):
            continue
        varying = tuple(c for c in columns if table[c].astype(str).nunique() > 1)
        if found and found[-1][2] == varying:
            found.pop()  # the finer one splits nothing more
        found.append((table[list(columns)].astype(str).agg("|".join, axis=1), name, varying))
    return [(stratum, name) for stratum, name, _ in found]


def keyness(tokens: pd.DataFrame, by: str = "place", min_count: int = 5, *, top: int | None = 50,
            g2_min: float = G2_MIN, strata: tuple[str, ...] = STRATA) -> pd.DataFrame:
    """Terms each group of ``by`` uses more than comparable reports, ranked by G².

    ``tokens`` has a ``by`` column (``place`` by default: the place of any level whose government
    delivered the report) and a ``tokens`` list column (``text.tokenize_corpus``), and the
    ``strata`` columns (year, doc_type, place_level) when present. A group is compared with the
    other groups' reports of its year, type and level, else of its year and type, else with all.
    Only terms seen at least ``min_count`` times in the group, more often relatively than in its
    reference, with G² ≥ ``g2_min`` are kept; ``top`` per group (None: all). Columns: by, group,
    term, count, count_rest, per_10k, per_10k_rest, g2, log_ratio, rank, reference (what it was
    compared with), docs (the group's reports compared, ``;``-joined doc_id or row numbers).
    """
    table = tokens.reset_index(drop=True)
    ids = table["doc_id"].astype(str) if "doc_id" in table else pd.Series(table.index.astype(str))
    levels = _strata(table, by, strata)
    groups = table[by]
    valid = groups.notna() & (groups.astype(str) != "")
    counts = [Counter(t) for t in table["tokens"]]
    rows = []
    n_groups = 0
    for group in sorted(groups[valid].unique(), key=str):
        mine = valid & (groups == group)
        others = valid & (groups != group)
        target, ref, reference = mine, others, ALL_OTHERS
        for stratum, name in levels:
            peered = mine & stratum.isin(set(stratum[others]))
            if peered.any():
                target, ref, reference = peered, others & stratum.isin(set(stratum[peered])), name
                break
        group_counts = sum((counts[i] for i in target[target].index), Counter())
        ref_counts = sum((counts[i] for i in ref[ref].index), Counter())
        c, d = sum(group_counts.values()), sum(ref_counts.values())
        if not c or not d:
            continue
        n_groups += 1
        docs = ";".join(sorted(set(ids[target])))
        for term, a in group_counts.items():
            b = ref_counts[term]
            if a < min_count or a / c <= b / d:
                continue
            g2 = log_likelihood(a, b, c, d)
            if g2 >= g2_min:
                rows.append((by, group, term, a, b, 1e4 * a / c, 1e4 * b / d, g2, log_ratio(a, b, c, d),
                             reference, docs))
    columns = [c for c in KEYNESS_COLUMNS if c != "rank"]
    df = pd.DataFrame(rows, columns=columns)
    df["group"] = df["group"].astype(str)
    df = df.sort_values(["group", "g2", "term"], ascending=[True, False, True], ignore_index=True)
    df["rank"] = df.groupby("group").cumcount() + 1
    if top is not None:
        df = df[df["rank"] <= top].reset_index(drop=True)
    df[["g2", "log_ratio", "per_10k", "per_10k_rest"]] = df[["g2", "log_ratio", "per_10k",
                                                              "per_10k_rest"]].round(4)
    log.info("keyness by %s: %d groups, %d key terms", by, n_groups, len(df))
    return df[KEYNESS_COLUMNS]


def keyness_table(tokens: pd.DataFrame, by: tuple[str, ...] = ("place", "doc_type", "year"),
                  min_count: int = 5, *, top: int | None = 50) -> pd.DataFrame:
    """:func:`keyness` for each of ``by`` that has more than one group, stacked (column ``by``).

    Places are grouped whatever their level (a province, a prefecture-level city, a district).
    """
    parts = []
    for column in by:
        groups = tokens[column].dropna()
        if groups[groups.astype(str) != ""].nunique() > 1:
            parts.append(keyness(tokens, by=column, min_count=min_count, top=top))
        else:
            log.info("keyness by %s skipped: one group only", column)
    if not parts:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(parts, ignore_index=True)
