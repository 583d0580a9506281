"""Shared fixtures: the corpus is parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlib import read_corpus
from reportlib.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
TEST_DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(RAW)
