"""Accuracy of the indicator extraction on the gold sets labelled by reading (benchmarks/accuracy.py).

The seeds are always scored; the development corpus (../shared/corpus-dev) where it is present.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

from reportlib.measure.indicators import extract_indicators

BENCH = ROOT / "benchmarks" / "accuracy.py"
MIN_RECALL = 0.95
MIN_PRECISION = 0.98


def _accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


accuracy = _accuracy()
DEV = accuracy.DEV
dev_only = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")


@pytest.fixture(scope="module")
def seeds(corpus):
    gold = accuracy.read_gold(accuracy.CORPORA["seeds"][1])
    return gold, accuracy.score(extract_indicators(corpus), gold)


def test_seed_gold_covers_every_file_and_report(corpus, seeds) -> None:
    gold, _ = seeds
    assert len(gold) >= 300
    assert set(gold["source"]) == {d.source for d in corpus.study_docs}
    reports = {(d.source, d.district) for d in corpus.study_docs}
    assert set(zip(gold["source"], gold["place"], strict=True)) == reports


def test_recall_and_precision_on_the_seeds(seeds) -> None:
    _, (per_file, _) = seeds
    overall = accuracy.total(per_file)
    assert overall.recall >= MIN_RECALL, f"recall {overall.recall:.3f}"
    assert overall.precision >= MIN_PRECISION, f"precision {overall.precision:.3f}"


@dev_only
@pytest.mark.parametrize("name", ["hailar", "provincial"])
def test_recall_and_precision_on_the_development_corpus(name: str) -> None:
    per_file, _ = accuracy.score(accuracy.extract(name), accuracy.read_gold(accuracy.CORPORA[name][1]))
    overall = accuracy.total(per_file)
    assert overall.recall >= MIN_RECALL, f"{name} recall {overall.recall:.3f}"
    assert overall.precision >= MIN_PRECISION, f"{name} precision {overall.precision:.3f}"


def test_scoring_counts_a_wrong_value_a_wrong_qualifier_and_a_wrong_period(seeds) -> None:
    gold, _ = seeds
    gold = gold.head(3).copy()
    extracted = gold.rename(columns={"place": "district"}).copy()
    extracted.loc[extracted.index[0], "value"] = gold["value"].iloc[0] + 1  # a wrong number
    extracted.loc[extracted.index[1], "qualifier"] = "approx"  # a wrong qualifier
    extracted.loc[extracted.index[2], "period"] = "2016-2020"  # a one-year figure read as a period's
    per_file, notes = accuracy.score(extracted, gold)
    overall = accuracy.total(per_file)
    assert (overall.recalled, overall.judged, overall.correct) == (0, 3, 0)
    assert len(notes) == 6
