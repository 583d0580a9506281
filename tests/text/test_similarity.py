"""Similarity between reports: TF-IDF cosine shows template reuse and outliers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reportlib.read.corpus import Corpus
from reportlib.text import dictionary, similarity, vocabulary
from reportlib.text import tokens as text


@pytest.fixture(scope="module")
def doc_tokens(corpus: Corpus) -> pd.DataFrame:
    terms = dictionary.corpus_dictionary(corpus)
    return vocabulary.comparable(text.tokenize_corpus(corpus, dictionary=terms), terms)


def test_matrix_is_a_symmetric_cosine(doc_tokens):
    sim = similarity.similarity_matrix(doc_tokens)
    assert list(sim.index) == doc_tokens["doc_id"].tolist() == list(sim.columns)
    assert np.allclose(np.diag(sim), 1.0) and np.allclose(sim, sim.T)
    assert ((sim >= 0) & (sim <= 1)).all().all()


def test_template_reuse_and_outliers(doc_tokens):
    near = similarity.nearest(doc_tokens).set_index("doc_id")
    # 徐汇's plan report and its work report of the same year share a template
    assert near.loc["xuhui-2021-plan_report", "nearest"] == "xuhui-2021-work_report"
    assert near.loc["hongkou-2020-work_report", "nearest"] == "hongkou-2021-work_report"
    # the 2012 report and the short 2025 one are the least like the others
    lowest = near["mean_cosine"].nsmallest(2).index
    assert set(lowest) == {"yangpu-2012-work_report", "xuhui-2025-work_report"}


def test_long_table(doc_tokens):
    long = similarity.similarity(doc_tokens)
    n = len(doc_tokens)
    assert list(long.columns) == similarity.SIMILARITY_COLUMNS and len(long) == n * (n - 1)
    assert long.equals(similarity.similarity(doc_tokens))
