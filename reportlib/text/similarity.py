"""Document similarity: TF-IDF cosine between reports, to show template reuse and outliers.

Two reports written from one template (a district's plan report and its work report) share
words no other report uses; a report of another era shares few with any. The cosine of their
TF-IDF vectors (log-scaled counts, smoothed idf, unit length) measures both.

>>> tokens = pd.DataFrame({"doc_id": ["a", "b", "c"],
...                        "tokens": [["旧改", "征收", "居民"], ["旧改", "征收", "科技"], ["科技", "人才"]]})
>>> sim = similarity_matrix(tokens)
>>> bool(sim.loc["a", "b"] > sim.loc["a", "c"]) and float(sim.loc["a", "a"])
1.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SIMILARITY_COLUMNS = ["doc_a", "doc_b", "cosine"]


def tfidf(tokens: pd.DataFrame) -> tuple[np.ndarray, list[str], list[str]]:
    """TF-IDF rows of each unit of ``tokens`` (doc_id, tokens): (1 + log tf) · (1 + log((1+n)/(1+df))), L2-normed."""
    vocab: dict[str, int] = {}
    for toks in tokens["tokens"]:
        for t in toks:
            vocab.setdefault(t, len(vocab))
    counts = np.zeros((len(tokens), len(vocab)))
    for i, toks in enumerate(tokens["tokens"]):
        for t in toks:
            counts[i, vocab[t]] += 1
    tf = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0.0)
    n = len(tokens)
    idf = 1 + np.log((1 + n) / (1 + (counts > 0).sum(axis=0)))
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return weights / np.maximum(norms, 1e-12), tokens["doc_id"].astype(str).tolist(), list(vocab)


def similarity_matrix(tokens: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity of every pair of units (a square table indexed by doc_id), rounded to 4 places."""
    weights, ids, _ = tfidf(tokens)
    sim = np.clip(weights @ weights.T, 0.0, 1.0)
    return pd.DataFrame(sim.round(4), index=ids, columns=ids)


def similarity(tokens: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a long table: doc_a, doc_b, cosine, one row an ordered pair with a ≠ b."""
    sim = similarity_matrix(tokens)
    long = sim.rename_axis(index="doc_a", columns="doc_b").stack().rename("cosine").reset_index()
    long = long[long["doc_a"] != long["doc_b"]]
    return long.sort_values(["doc_a", "doc_b"], ignore_index=True)[SIMILARITY_COLUMNS]


def nearest(tokens: pd.DataFrame) -> pd.DataFrame:
    """Each report's most similar other report and its mean similarity to all others (outliers low)."""
    sim = similarity_matrix(tokens).astype(float)
    sim = sim.mask(np.eye(len(sim), dtype=bool))
    return pd.DataFrame({"doc_id": sim.index, "nearest": sim.idxmax(axis=1).values,
                         "cosine": sim.max(axis=1).values, "mean_cosine": sim.mean(axis=1).round(4).values})
