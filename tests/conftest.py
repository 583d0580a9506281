"""Shared fixtures: the corpus is parsed once per test session."""

from __future__ import annotations

import os
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


def _dev_corpus() -> Path:
    """../shared/corpus-dev beside the clone (a worktree may sit one folder deeper); REPORTLIB_DEV overrides."""
    if os.environ.get("REPORTLIB_DEV"):
        return Path(os.environ["REPORTLIB_DEV"])
    candidates = [folder / "shared" / "corpus-dev" for folder in (ROOT.parent, ROOT.parent.parent)]
    return next((c for c in candidates if c.is_dir()), candidates[0])


DEV = _dev_corpus()  # the development corpus (provincial 2026, Hailar 2012-2015); tests skip where absent


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(RAW)
