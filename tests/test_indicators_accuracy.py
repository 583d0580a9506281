"""Accuracy of the indicator extraction on the hand-labelled gold set (benchmarks/accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reportlib.measure.indicators import extract_indicators

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "accuracy.py"
MIN_RECALL = 0.95
MIN_PRECISION = 0.98


def _accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(corpus):
    accuracy = _accuracy()
    per_file, _ = accuracy.score(extract_indicators(corpus), accuracy.read_gold())
    return accuracy, per_file


def test_gold_set_covers_every_file_and_report(corpus, scores) -> None:
    accuracy, _ = scores
    gold = accuracy.read_gold()
    assert len(gold) >= 200
    assert set(gold["source"]) == {d.source for d in corpus.study_docs}
    reports = {(d.source, d.district) for d in corpus.study_docs}
    assert set(zip(gold["source"], gold["district"], strict=True)) == reports


def test_recall_and_precision_on_the_gold_set(scores) -> None:
    accuracy, per_file = scores
    overall = accuracy.total(per_file)
    assert overall.recall >= MIN_RECALL, f"recall {overall.recall:.3f}"
    assert overall.precision >= MIN_PRECISION, f"precision {overall.precision:.3f}"


def test_scoring_counts_a_wrong_value_and_a_wrong_qualifier(scores) -> None:
    accuracy, _ = scores
    gold = accuracy.read_gold().head(2).copy()
    extracted = gold.copy()
    extracted.loc[extracted.index[0], "value"] = gold["value"].iloc[0] + 1  # a wrong number
    extracted.loc[extracted.index[1], "qualifier"] = "approx"  # a wrong qualifier
    per_file, notes = accuracy.score(extracted, gold)
    overall = accuracy.total(per_file)
    assert (overall.recalled, overall.judged, overall.correct) == (0, 2, 0)
    assert len(notes) == 4
