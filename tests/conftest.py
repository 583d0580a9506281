"""Shared fixtures: the corpus is parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlib import read_corpus
from reportlib.read.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
TEST_DATA = ROOT / "tests" / "data"
# The study's small sample: two reports (嘉定区 and 徐汇区, 18k chars) and settings that fit fast.
STUDY_SAMPLE = ["002_0cb2a038c8fac1b0.txt", "003_d82c2995966ce095.txt"]
STUDY_SMALL = ["-p", "k_grid=[2, 3]", "-p", "search_passes=2", "-p", "passes=2", "-p", "seeds=[7]"]
XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(RAW)
