"""reportlib: parse, measure and compare Chinese district government reports.

>>> import reportlib
>>> corpus = reportlib.read_corpus("data/raw")  # doctest: +SKIP
"""

from .corpus import Corpus, read_corpus

__version__ = "0.1.0"
__all__ = ["Corpus", "__version__", "read_corpus"]
