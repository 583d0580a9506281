"""Emphasis measures and commitment words: word lists as data, rates per 10,000 characters, intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reportlib import lexicon
from reportlib.read.corpus import Corpus
from reportlib.text import emphasis

MEASURES = {"innovation", "environment", "livelihood", "security", "growth", "reform", "opening"}


def test_word_lists_are_data_with_sources():
    rows = lexicon.read_rows("emphasis_terms.csv")
    assert {r["measure"] for r in rows} == MEASURES
    assert all(r["term"] and r["source"] and r["rationale"] for r in rows)
    words = [r["term"] for r in rows]
    assert len(words) == len(set(words))  # a word speaks for one measure


@pytest.mark.parametrize(("snippet", "expected"), [
    # 科技创新 is one innovation word only if listed; here 科技 and 创新 count once each
    ("推进科技创新,加强生态环境保护,打好污染防治攻坚战。", {"innovation": 2, "environment": 3}),
    ("深化“放管服”改革,优化营商环境,扩大对外开放,吸引外资。", {"reform": 3, "opening": 2}),
    ("确保安全生产,加强应急管理,防范化解重大风险。", {"security": 3}),
])
def test_counts_of_real_sentences(snippet, expected):
    rates = emphasis.emphasis_rates([snippet], n_boot=20).set_index("measure")
    got = {m: int(n) for m, n in rates["count"].items() if n}
    assert got == expected
    assert rates["per_10k"].to_dict() == pytest.approx({m: 1e4 * expected.get(m, 0) / len(snippet)
                                                        for m in rates.index}, abs=1e-3)


def test_bootstrap_interval_is_fixed_and_covers_the_rate(corpus: Corpus):
    table = emphasis.emphasis(corpus, n_boot=300)
    assert len(table) == len(corpus.study_docs) * len(MEASURES)
    assert list(table.columns) == emphasis.EMPHASIS_COLUMNS
    assert ((table["ci_low"] <= table["per_10k"]) & (table["per_10k"] <= table["ci_high"])).all()
    assert (table["ci_high"] > table["ci_low"]).mean() > 0.9
    pd.testing.assert_frame_equal(table, emphasis.emphasis(corpus, n_boot=300))
    assert set(table["place_level"]) == {"county"} and table["place"].ne("").all()
    row = table[(table["doc_id"] == "hongkou-2021-work_report") & (table["measure"] == "innovation")].iloc[0]
    assert row["place"] == "虹口区"
    assert row["per_10k"] == pytest.approx(round(1e4 * row["count"] / row["n_chars"], 3))
    assert row["n_paragraphs"] > 20


def test_bootstrap_rate_widens_with_uneven_paragraphs():
    even = emphasis.bootstrap_rate(np.array([[1]] * 20), np.array([100] * 20), n_boot=500)
    uneven = emphasis.bootstrap_rate(np.array([[20]] + [[0]] * 19), np.array([100] * 20), n_boot=500)
    assert even[0][0] == even[1][0] == 100.0  # every paragraph alike: no uncertainty
    assert uneven[0][0] < 100.0 < uneven[1][0]


def test_commitment_words_of_each_report(corpus: Corpus):
    table = emphasis.commitment(corpus)
    assert set(table["term"]) == {"确保", "力争", "争取", "努力"}
    sums = table.groupby("doc_id")["share"].sum()
    assert sums.between(0.999, 1.001).all()
    doc = corpus.by_id["qingpu-2021-work_report"]
    row = table[(table["doc_id"] == doc.doc_id) & (table["term"] == "确保")].iloc[0]
    assert row["count"] == doc.text.count("确保") > 0
