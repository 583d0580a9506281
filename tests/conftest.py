"""Shared fixtures: the corpus is parsed once per test session."""

from __future__ import annotations

import os
import re
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
# the seeds' place names and their parts of town: none may be a key term or a topic word
SEED_PLACES = {
    "徐汇", "徐汇区", "虹口", "虹口区", "嘉定", "嘉定区", "松江", "松江区", "青浦", "青浦区", "普陀", "普陀区",
    "闵行", "闵行区", "杨浦", "杨浦区", "北外滩", "西岸", "徐家汇", "长风", "莘庄", "虹桥", "漕河泾", "五角场",
    "徐汇滨江", "嘉定新城", "松江新城", "青浦新城", "南翔", "安亭", "朱家角", "华漕", "马桥", "江湾", "凌云",
    "青东", "浦南", "南部", "北部", "中部",
}


def _dev_corpus() -> Path:
    """../shared/corpus-dev beside the clone (a worktree may sit one folder deeper); REPORTLIB_DEV overrides."""
    if os.environ.get("REPORTLIB_DEV"):
        return Path(os.environ["REPORTLIB_DEV"])
    candidates = [folder / "shared" / "corpus-dev" for folder in (ROOT.parent, ROOT.parent.parent)]
    return next((c for c in candidates if c.is_dir()), candidates[0])


DEV = _dev_corpus()  # the development corpus (provincial 2026, Hailar 2012-2015); tests skip where absent


def page_problems(page: str, out: Path | None = None) -> list[str]:
    """What a reader should never see on a study page: NaN, a local path, a repr, an empty heading."""
    import html
    import itertools
    import re

    problems = []
    body = page.split("<body", 1)[-1]
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)))
    for bad in ("NaN", "<NA>", "PosixPath", "dtype:", "object at 0x", "Traceback"):
        if bad in text:
            problems.append(bad)
    if out is not None and str(out) in text:
        problems.append("local path")
    if re.search(r"/(home|tmp|work|Users)/", text):
        problems.append("path")
    for level, inner in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", body, re.S):
        if not re.sub(r"<[^>]+>|¶|\s", "", inner):
            problems.append(f"empty h{level}")
    # a heading directly followed by another of the same or a higher level has nothing under it
    heads = [(m.start(), m.end(), int(m.group(1))) for m in re.finditer(r"<h([1-6])[^>]*>.*?</h\1>", body, re.S)]
    for (_, e0, l0), (s1, _, l1) in itertools.pairwise(heads):
        between = re.sub(r"<(?!img)[^>]+>|\s", "", body[e0:s1])  # a figure is content
        if not between and l1 <= l0:
            problems.append("heading with nothing under it")
    return problems


# Words of the other script a page may show: names and standard abbreviations, not the library's prose.
NAMES = {"reportlib", "gensim", "jieba", "lda", "tf-idf", "npmi", "aqi", "pm", "gdp", "cpi", "utf", "gb", "k", "c_v",
         "g²", "jaccard", "readme", "path", "csv", "svg", "png", "html", "id", "url", "sd", "se", "dunning", "iso"}


def _table_names() -> set[str]:
    from reportlib import schema

    return {f.table for f in schema.fields()}  # names of the files in outputs/tables: identifiers
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# quotes of the reports' words (greedy within a line: a quote may hold quotes), and a footnote's table row id
# ("table keyness: 徐汇区/平台"), a key into a table whose values are the reports' words
_QUOTED = re.compile(r"「[^\n]*」|“[^\n]*”|‘[^’\n]*’|'[^'\n]*[\u3400-\u9fff][^'\n]*'|(?:table|表) \w+[:：] ?\S+")


def stray_script(page: str, lang: str) -> list[str]:
    """Text of the other language on a page of ``lang``, outside quotes and elements marked with its lang.

    English pages: Chinese characters outside 「」“”‘’ quotes and ``lang="zh-CN"`` elements (the reports'
    words). Chinese pages: English words outside ``<code>``, quotes, identifiers (doc ids, file and column
    names: anything with ``_ - . / =`` or a digit) and ``NAMES``.
    """
    import html

    body = page.split("<body", 1)[-1].split(">", 1)[-1]
    body = re.sub(r"<(style|script|code)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>.*?</\1>', " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", body))
    text = _QUOTED.sub(" ", re.sub(r"https?://\S+", " ", text))
    if lang == "en":
        return sorted(set(_CJK_RUN.findall(text)))
    words = []
    for token in re.split(r"[\s\u3000-\u303f\uff00-\uffef,;:()\[\]·…—–]+|[\u3400-\u9fff]+", text):
        if re.search(r"[A-Za-z]{2,}", token) and not re.search(r"[_\-./=\d]", token) \
                and token.lower().strip("'\"") not in NAMES | _table_names():
            words.append(token)
    return sorted(set(words))


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(RAW)


@pytest.fixture(scope="module")
def terms(corpus: Corpus):
    """The dictionary of the seeds being read (keyness and topics tests share it)."""
    from reportlib.text import dictionary

    return dictionary.corpus_dictionary(corpus)
