"""Keyness: G² and log ratio per district, doc_type and year against the rest of the corpus."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from reportlib.read.corpus import Corpus
from reportlib.text import keyness
from reportlib.text import tokens as text


@pytest.fixture(scope="module")
def doc_tokens(corpus: Corpus) -> pd.DataFrame:
    return text.tokenize_corpus(corpus, unit="document")


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


@pytest.mark.parametrize(("district", "term"), [
    ("虹口区", "北外滩"), ("徐汇区", "西岸"), ("松江区", "G60科创走廊"), ("青浦区", "示范区"),
    ("普陀区", "长风"), ("嘉定区", "汽车"),
])
def test_district_key_terms(doc_tokens, district, term):
    table = keyness.keyness(doc_tokens, by="district", min_count=5, top=None)
    row = table[(table["group"] == district) & (table["term"] == term)]
    assert len(row) == 1
    assert row["rank"].iloc[0] <= 10


def test_keyness_rows_obey_thresholds(doc_tokens):
    table = keyness.keyness(doc_tokens, by="district", min_count=5, top=20)
    assert list(table.columns) == keyness.KEYNESS_COLUMNS
    assert (table["count"] >= 5).all() and (table["g2"] >= keyness.G2_MIN).all()
    assert (table["log_ratio"] > 0).all() and (table["per_10k"] > table["per_10k_rest"]).all()
    for _, group in table.groupby("group"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1)) and len(group) <= 20
        assert group["g2"].is_monotonic_decreasing
    assert table.equals(keyness.keyness(doc_tokens, by="district", min_count=5, top=20))


def test_common_words_are_not_key():
    tokens = pd.DataFrame({"district": ["甲区", "乙区"],
                           "tokens": [["创新"] * 10 + ["西岸"] * 8, ["创新"] * 10 + ["北外滩"] * 8]})
    table = keyness.keyness(tokens, by="district", min_count=5)
    assert set(table["term"]) == {"西岸", "北外滩"}


def test_keyness_table_skips_a_dimension_with_one_group(doc_tokens):
    table = keyness.keyness_table(doc_tokens)
    assert set(table["by"]) == {"district", "doc_type", "year"}
    only_2021 = doc_tokens[doc_tokens["year"] == 2021]
    assert "year" not in set(keyness.keyness_table(only_2021)["by"])
    plan = table[(table["by"] == "doc_type") & (table["group"] == "plan_midyear")]
    assert "燃料电池" in set(plan["term"])
