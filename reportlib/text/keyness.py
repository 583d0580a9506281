"""Keyness: which words one group of reports uses more than the others do.

Each group (a district, a doc_type, a year) is compared with the rest of the corpus by
Dunning's log-likelihood G² (is the difference more than chance?) and the log ratio (how big
is it? log2 of the ratio of relative frequencies; 1 = twice as frequent). Hardie (2014).

>>> tokens = pd.DataFrame({"district": ["徐汇区", "虹口区"],
...                        "tokens": [["西岸"] * 6 + ["创新"] * 4, ["北外滩"] * 6 + ["创新"] * 4]})
>>> keyness(tokens, by="district", min_count=5)[["group", "term", "count", "count_rest"]]
  group term  count  count_rest
0   徐汇区   西岸      6           0
1   虹口区  北外滩      6           0
"""

from __future__ import annotations

import logging
import math
from collections import Counter

import pandas as pd

log = logging.getLogger(__name__)

KEYNESS_COLUMNS = ["by", "group", "term", "count", "count_rest", "per_10k", "per_10k_rest", "g2",
                   "log_ratio", "rank"]
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


def keyness(tokens: pd.DataFrame, by: str = "district", min_count: int = 5, *, top: int | None = 50,
            g2_min: float = G2_MIN) -> pd.DataFrame:
    """Terms each group of ``by`` uses more than the rest, ranked by G².

    ``tokens`` has a ``by`` column and a ``tokens`` list column (``text.tokenize_corpus``).
    Only terms seen at least ``min_count`` times in the group, more often relatively than in
    the rest, with G² ≥ ``g2_min`` are kept; ``top`` per group (None: all). Columns: by, group,
    term, count, count_rest, per_10k, per_10k_rest, g2, log_ratio, rank.
    """
    counts: dict[object, Counter] = {}
    for group, toks in zip(tokens[by], tokens["tokens"], strict=True):
        if pd.isna(group) or group == "":
            continue
        counts.setdefault(group, Counter()).update(toks)
    total = sum(counts.values(), Counter())
    n_total = sum(total.values())
    rows = []
    for group, counter in counts.items():
        c = sum(counter.values())
        d = n_total - c
        if not c or not d:
            continue
        for term, a in counter.items():
            b = total[term] - a
            if a < min_count or a / c <= b / d:
                continue
            g2 = log_likelihood(a, b, c, d)
            if g2 >= g2_min:
                rows.append((by, group, term, a, b, 1e4 * a / c, 1e4 * b / d, g2, log_ratio(a, b, c, d)))
    df = pd.DataFrame(rows, columns=KEYNESS_COLUMNS[:-1])
    df["group"] = df["group"].astype(str)
    df = df.sort_values(["group", "g2", "term"], ascending=[True, False, True], ignore_index=True)
    df["rank"] = df.groupby("group").cumcount() + 1
    if top is not None:
        df = df[df["rank"] <= top].reset_index(drop=True)
    df[["g2", "log_ratio", "per_10k", "per_10k_rest"]] = df[["g2", "log_ratio", "per_10k",
                                                              "per_10k_rest"]].round(4)
    log.info("keyness by %s: %d groups, %d key terms", by, len(counts), len(df))
    return df[KEYNESS_COLUMNS]


def keyness_table(tokens: pd.DataFrame, by: tuple[str, ...] = ("district", "doc_type", "year"),
                  min_count: int = 5, *, top: int | None = 50) -> pd.DataFrame:
    """:func:`keyness` for each of ``by`` that has more than one group, stacked (column ``by``)."""
    parts = []
    for column in by:
        groups = tokens[column].dropna()
        if groups[groups != ""].nunique() > 1:
            parts.append(keyness(tokens, by=column, min_count=min_count, top=top))
        else:
            log.info("keyness by %s skipped: one group only", column)
    if not parts:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(parts, ignore_index=True)
