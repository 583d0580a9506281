"""reportlib: parse, measure and compare Chinese government work reports.

The package follows the data's way, one sub-package a stage: ``read`` (raw files → documents,
sections) ← ``measure`` (indicators, panel) ← ``text`` (tokens, keyness, topics) ← ``report``
(comparisons, narratives, figures) ← ``study`` (notebooks → HTML) ← ``cli``. A stage imports only
the stages before it and the shared modules at the top (``paths``, ``records``, ``io``, ``lexicon``).

>>> import reportlib
>>> corpus = reportlib.read_corpus("data/raw")  # doctest: +SKIP
>>> indicators = reportlib.extract_indicators(corpus)  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from reportlib.read.corpus import Corpus, read_corpus

__version__ = "0.1.0"

# The table functions, imported on first use so that `import reportlib` stays light.
_LAZY = {
    "extract_indicators": "reportlib.measure.indicators",
    "targets_vs_actuals": "reportlib.measure.panel",
    "conflicts": "reportlib.measure.panel",
    "tokenize_corpus": "reportlib.text.tokens",
    "keyness_table": "reportlib.text.keyness",
    "TopicModel": "reportlib.text.topics",
    "StudyTables": "reportlib.report.compare",
    "load_corpus": "reportlib.read.cache",
}

__all__ = ["Corpus", "__version__", "read_corpus", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reportlib' has no attribute {name!r}")
