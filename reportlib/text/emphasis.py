"""Emphasis measures that need no model fit: word lists counted per 10,000 characters.

A topic share depends on one LDA fit; a count of listed words does not, and a reader can check
it. Each measure (innovation, environment, livelihood, security, growth, reform, opening) is a
list of words in ``emphasis_terms.csv`` with a source and a rationale a row; its rate is the
count of those words per 10,000 characters of a report, with a bootstrap 95 % interval over
the report's paragraphs (a fixed seed: the same inputs give the same table). Commitment
language (确保 / 力争 / 争取 / 努力, ``commitment_terms.csv``) is counted the same way, with each
word's share of the four.

>>> rates = emphasis_rates(["推进科技创新,加强生态环境保护。", "扩大开放。"], n_boot=50)
>>> rates.set_index("measure").loc[["innovation", "environment", "opening"], "count"].tolist()
[2, 2, 1]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd

from reportlib import lexicon
from reportlib.text.tokens import paragraphs

log = logging.getLogger(__name__)

#: Resamples of the paragraphs for an interval; a fixed seed for each report.
N_BOOT = 1000
SEED = 7
#: The interval's level.
LEVEL = 0.95
EMPHASIS_COLUMNS = ["doc_id", "place", "place_level", "year", "doc_type", "measure", "count", "n_chars", "per_10k",
                    "ci_low", "ci_high", "n_paragraphs"]
COMMITMENT_COLUMNS = ["doc_id", "place", "place_level", "year", "doc_type", "term", "strength", "count", "share",
                      "per_10k"]


@cache
def measure_terms() -> dict[str, tuple[str, ...]]:
    """measure → its words (``emphasis_terms.csv``), in file order."""
    out: dict[str, list[str]] = {}
    for row in lexicon.read_rows("emphasis_terms.csv"):
        out.setdefault(row["measure"], []).append(row["term"])
    return {m: tuple(t) for m, t in out.items()}


@cache
def commitment_terms() -> tuple[tuple[str, int], ...]:
    """(word, strength) of ``commitment_terms.csv``, strongest first."""
    return tuple((r["term"], int(r["strength"])) for r in lexicon.read_rows("commitment_terms.csv"))


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    """One alternation of ``words``, longest first: a match is never counted twice."""
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


@cache
def _measure_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The alternation of every measure's words and word → measure (a word is in one measure)."""
    owner: dict[str, str] = {}
    for measure, words in measure_terms().items():
        for word in words:
            if owner.setdefault(word, measure) != measure:
                raise ValueError(f"emphasis_terms.csv: {word!r} is in both {owner[word]} and {measure}")
    return _pattern(list(owner)), owner


def _counts(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Counts of each measure's words in each text: an array texts × measures."""
    pattern, owner = _measure_pattern()
    measures = list(measure_terms())
    index = {m: i for i, m in enumerate(measures)}
    counts = np.zeros((len(texts), len(measures)), dtype=np.int64)
    for i, text in enumerate(texts):
        for m in pattern.finditer(text):
            counts[i, index[owner[m.group(0)]]] += 1
    return counts, measures


def bootstrap_rate(counts: np.ndarray, chars: np.ndarray, *, n_boot: int = N_BOOT, seed: int = SEED,
                   level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of per-10k rates (columns of ``counts``) resampling the rows (paragraphs).

    >>> lo, hi = bootstrap_rate(np.array([[1], [0], [2]]), np.array([100, 100, 100]), n_boot=200)
    >>> bool(lo[0] <= 100 <= hi[0])
    True
    """
    rng = np.random.default_rng(seed)
    n = len(chars)
    idx = rng.integers(0, n, size=(n_boot, n))
    sums = counts[idx].sum(axis=1)  # n_boot × measures
    totals = chars[idx].sum(axis=1)[:, None]
    rates = 1e4 * sums / np.maximum(totals, 1)
    alpha = (1 - level) / 2
    return np.quantile(rates, alpha, axis=0), np.quantile(rates, 1 - alpha, axis=0)


def emphasis_rates(paras: Sequence[str], *, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Each measure's count, rate per 10,000 characters and bootstrap interval in ``paras``."""
    counts, measures = _counts(paras)
    chars = np.array([len(p) for p in paras], dtype=np.int64)
    total = int(chars.sum())
    low, high = bootstrap_rate(counts, chars, n_boot=n_boot, seed=seed) if len(paras) else (
        np.zeros(len(measures)), np.zeros(len(measures)))
    return pd.DataFrame({
        "measure": measures, "count": counts.sum(axis=0), "n_chars": total,
        "per_10k": (1e4 * counts.sum(axis=0) / max(total, 1)).round(3),
        "ci_low": np.round(low, 3), "ci_high": np.round(high, 3), "n_paragraphs": len(paras),
    })


def _body(doc) -> list[str]:
    """The paragraphs of a report without its title line."""
    text = doc.text[len(doc.title):] if doc.title and doc.text.startswith(doc.title) else doc.text
    return paragraphs(text)


def emphasis(corpus, *, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Emphasis measures of each study report (one row a report and measure; EMPHASIS_COLUMNS)."""
    parts = []
    for doc in corpus.study_docs:
        rates = emphasis_rates(_body(doc), n_boot=n_boot, seed=seed)
        parts.append(rates.assign(doc_id=doc.doc_id, place=doc.place, place_level=doc.place_level, year=doc.year,
                                  doc_type=doc.doc_type))
    if not parts:
        return pd.DataFrame(columns=EMPHASIS_COLUMNS)
    df = pd.concat(parts, ignore_index=True)[EMPHASIS_COLUMNS]
    df["year"] = df["year"].astype("Int64")
    log.info("emphasis: %d reports × %d measures", df["doc_id"].nunique(), df["measure"].nunique())
    return df.sort_values(["doc_id", "measure"], ignore_index=True)


def commitment(corpus) -> pd.DataFrame:
    """Commitment words of each report: count, share of the four, rate per 10,000 characters."""
    terms = commitment_terms()
    pattern = _pattern([t for t, _ in terms])
    rows = []
    for doc in corpus.study_docs:
        body = "\n".join(_body(doc))
        found = pd.Series([m.group(0) for m in pattern.finditer(body)], dtype=str).value_counts()
        total = int(found.sum())
        for term, strength in terms:
            n = int(found.get(term, 0))
            rows.append((doc.doc_id, doc.place, doc.place_level, doc.year, doc.doc_type, term, strength, n,
                         round(n / total, 4) if total else 0.0, round(1e4 * n / max(len(body), 1), 3)))
    df = pd.DataFrame(rows, columns=COMMITMENT_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    return df.sort_values(["doc_id", "strength"], ignore_index=True)
