"""Tokens of the reports: a study dictionary, one jieba tokenizer, stopwords and a token cache.

The study dictionary keeps the reports' own terms whole (一网统管, 放管服, 五型经济 — jieba's
default dictionary splits them). It is the union of data files: the terms the corpus defines
(glossaries) or quotes again and again (``corpus_terms.csv``, rebuilt by ``reportlib dictionary
--write``), curated policy terms, districts, towns and places, and indicator names.

>>> tokens = tokenize_text("深化“一网通办”改革,推进“一网统管”建设。")
>>> "一网通办" in tokens and "一网统管" in tokens
True
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import pandas as pd

from reportlib import lexicon
from reportlib.io import write_table, write_text
from reportlib.paths import PACKAGE_DATA, project_paths

log = logging.getLogger(__name__)

#: Bump when tokenisation rules change: old cache entries are then ignored.
TOKEN_VERSION = "1"
#: Least jieba frequency of a study term. suggest_freq() alone only makes a term win when it
#: is cut on its own; in running text a neighbour can still steal a character (在一网统管 →
#: 在一/网/统管), so every term gets at least this much (jieba's 的 has 318825).
TERM_MIN_FREQ = 20_000
#: Term length limits for corpus-derived terms: shorter is a character, longer is a slogan.
TERM_MIN_LEN, TERM_MAX_LEN = 2, 12
#: A term quoted this many times or more across the corpus enters the dictionary.
QUOTED_MIN_COUNT = 2
#: Above this many characters still to tokenise, the work is spread over a process pool.
POOL_MIN_CHARS = 2_000_000
UNITS = ("document", "paragraph", "section")

# A run of characters jieba cuts as one block (its re_han_default); a term with any other
# character (、 · , spaces) can never come out of jieba whole, so it is not a term.
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_HAN = re.compile(r"[\u4E00-\u9FFF]")
# A term in Chinese double quotes: “一网统管”.
_QUOTED = re.compile(r"“([^“”\s]{2,30})”")
# A title in book-title marks: 《廉政准则》.
_TITLED = re.compile(r"《([^《》\s]{2,30})》")
# A glossary entry's number at the start of the section or after a space: "1.“合议核准制”:是指".
# (The "2.0" of "“一证多址”2.0版" follows a quote mark, not a space, so it is not an entry.)
_GLOSSARY_ENTRY = re.compile(r"(?:^|(?<=\s))\d{1,2}[.．](?!\d)")
# Where a glossary entry's head ends: the colon before 是指.
_GLOSSARY_HEAD_END = re.compile(r"[:：]")
# Paragraph breaks of the cleaned text: newlines, and the space flattened texts put after a
# sentence-final mark ("。 " ends a paragraph of the original page).
_PARAGRAPH_BREAK = re.compile(r"\n+|(?<=[。！？!?;；])[ \u3000]+")
# A number as a token: digits, Chinese numerals, an ordinal or a counted unit (2020, 十三,
# 第一, 三年, 两个). Study terms (十四五) are kept even when they match.
_NUMERIC = re.compile(
    r"第?[0-9０-９.,%+\-~～/〇○零一二三四五六七八九十百千万亿两几半]+[年月日个项次家条名所座批号期届大多余]?"
)
# A token with a letter or a Chinese character in it (punctuation and symbols have none).
_WORDLIKE = re.compile(r"[\u4E00-\u9FFFa-zA-Z]")


# ---------------------------------------------------------------------------- data files

def read_terms(path: str | Path) -> list[tuple[str, int | None]]:
    """(word, freq or None) of a user dictionary in jieba's format ``word [freq] [tag]``.

    Survives what editors do to files: a UTF-8 BOM, CRLF or CR line ends, blank lines,
    ``#`` comments and trailing spaces.
    """
    text = Path(path).read_bytes().decode("utf-8-sig")
    terms = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        terms.append((parts[0], freq))
    return terms


def is_term(term: str) -> bool:
    """Whether a string can be a dictionary term: one jieba block, 2–12 characters, some Chinese."""
    return (TERM_MIN_LEN <= len(term) <= TERM_MAX_LEN and _BLOCK.fullmatch(term) is not None
            and _HAN.search(term) is not None)


@cache
def stopwords() -> frozenset[str]:
    """Stopwords (``stopwords.txt``): a general Chinese list and the genre's boilerplate."""
    return frozenset(word for word, _ in read_terms(PACKAGE_DATA / "stopwords.txt"))


def _indicator_terms() -> list[str]:
    """Indicator names and aliases of ``indicators.csv`` when the indicators stage wrote it."""
    path = PACKAGE_DATA / "indicators.csv"
    if not path.is_file():
        return []
    terms = []
    for row in lexicon.read_rows("indicators.csv"):
        for key in ("name", "alias", "aliases", "label", "term"):
            for value in re.split(r"[|;；,]", row.get(key) or ""):
                if is_term(value.strip()):
                    terms.append(value.strip())
    return terms


# ---------------------------------------------------------------------- study dictionary

def glossary_terms(text: str) -> list[str]:
    """Terms a report's glossary (用语解释) defines, in order.

    >>> glossary_terms("1.“合议核准制”:是指由市场监管部门牵头。 8.市场准入“一业一办”:是指企业开办。")
    ['合议核准制', '一业一办']
    """
    starts = [m.end() for m in _GLOSSARY_ENTRY.finditer(text)]
    terms = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        entry = text[start:end]
        head_end = _GLOSSARY_HEAD_END.search(entry)
        head = entry[: head_end.start()] if head_end else ""
        quoted = _QUOTED.findall(head)
        for term in quoted or [head.strip()]:
            if is_term(term) and term not in terms:
                terms.append(term)
    return terms


def corpus_terms(corpus) -> pd.DataFrame:
    """Terms the corpus itself supplies: glossary entries and recurring quoted/titled terms.

    Returns term, source (``glossary`` or ``quoted``), count (occurrences in the study's texts).
    """
    docs = corpus.study_docs
    glossary: list[str] = []
    for doc in docs:
        for sec in doc.sections:
            if sec.role == "glossary" and sec.level == 1:
                glossary += [t for t in glossary_terms(doc.text[sec.start:sec.end]) if t not in glossary]
    quoted = Counter()
    for doc in docs:
        quoted.update(_QUOTED.findall(doc.text))
        quoted.update(_TITLED.findall(doc.text))
    rows = [(t, "glossary") for t in glossary]
    rows += [(t, "quoted") for t, n in quoted.items()
             if n >= QUOTED_MIN_COUNT and is_term(t) and t not in glossary]
    texts = [d.text for d in docs]
    df = pd.DataFrame(rows, columns=["term", "source"])
    df["count"] = [sum(t.count(term) for t in texts) for term in df["term"]]
    log.info("corpus terms: %d from glossaries, %d quoted at least %d times",
             len(glossary), len(df) - len(glossary), QUOTED_MIN_COUNT)
    return df.sort_values(["source", "term"], ignore_index=True)


def write_corpus_terms(corpus, target: str | Path | None = None) -> Path:
    """Write :func:`corpus_terms` to ``reportlib/data/corpus_terms.csv`` (the dictionary's data)."""
    target = Path(target) if target else PACKAGE_DATA / "corpus_terms.csv"
    df = corpus_terms(corpus)
    header = ("# Terms the corpus supplies (glossary entries, terms quoted at least twice); rebuilt by\n"
              "# `reportlib dictionary --write` from data/raw. Do not edit: add terms to policy_terms.txt.\n")
    return write_text(target, header + df.to_csv(index=False, lineterminator="\n"))


#: Sources of the study dictionary, in priority order (a term's first source is kept).
SOURCES = ("glossary", "quoted", "policy", "district", "place", "indicator")


@cache
def study_dictionary() -> pd.DataFrame:
    """The study dictionary: term and source, one row a term, from the data files."""
    rows: list[tuple[str, str]] = []
    path = PACKAGE_DATA / "corpus_terms.csv"
    if path.is_file():
        rows += [(r["term"], r["source"]) for r in lexicon.read_rows("corpus_terms.csv")]
    rows += [(t, "policy") for t, _ in read_terms(PACKAGE_DATA / "policy_terms.txt")]
    for d in lexicon.districts():
        rows += [(d.name, "district"), (d.short, "district")]
    rows += [(r["name"], "place") for r in lexicon.read_rows("places.csv")]
    rows += [(t, "indicator") for t in _indicator_terms()]
    df = pd.DataFrame([r for r in rows if is_term(r[0])], columns=["term", "source"])
    df["priority"] = df["source"].map({s: i for i, s in enumerate(SOURCES)})
    df = df.sort_values(["priority", "term"]).drop_duplicates("term").drop(columns="priority")
    return df.sort_values("term", ignore_index=True)


def _hash(parts: Iterable[str]) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@cache
def dictionary_hash() -> str:
    """Fingerprint of the dictionary and of how it is loaded (part of the token cache's key)."""
    return _hash([TOKEN_VERSION, jieba.__version__, str(TERM_MIN_FREQ), *study_dictionary()["term"]])


@cache
def stopwords_hash() -> str:
    """Fingerprint of the stopwords (part of the token cache's key)."""
    return _hash(sorted(stopwords()))


# ------------------------------------------------------------------------------ tokenizer

@cache
def get_tokenizer() -> jieba.Tokenizer:
    """The library's jieba tokenizer with the study dictionary, built once per process.

    Its own instance, not jieba's global one, so a notebook's ``jieba.add_word`` cannot change
    the study's tokens; jieba's prefix-dictionary cache lives in ``paths.cache``.
    """
    t0 = time.perf_counter()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache_dir = project_paths().cache
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    terms = study_dictionary()["term"].tolist()
    add_terms(tokenizer, terms)
    # Boilerplate phrases (各位代表, 请予审议) must come out as one token to be dropped as one.
    phrases = sorted(w for w in stopwords() if len(w) > 2 and w not in _term_set())
    add_terms(tokenizer, phrases)
    log.info("tokenizer ready in %.2f s: %d study terms", time.perf_counter() - t0, len(terms))
    return tokenizer


def add_terms(tokenizer: jieba.Tokenizer, terms: Sequence[str], *, min_freq: int = TERM_MIN_FREQ) -> None:
    """Add ``terms`` so that they win over jieba's default split, in running text too."""
    for term in sorted(terms):
        tokenizer.add_word(term, max(tokenizer.suggest_freq(term), min_freq))


def load_userdict(tokenizer: jieba.Tokenizer, path: str | Path) -> int:
    """Add a user dictionary file to ``tokenizer`` (BOM and CRLF safe); returns the count."""
    terms = read_terms(path)
    add_terms(tokenizer, [t for t, _ in terms])
    return len(terms)


def cut(text: str) -> list[str]:
    """Raw jieba tokens of ``text`` with the study dictionary (nothing dropped)."""
    return get_tokenizer().lcut(text)


def keep_token(token: str) -> bool:
    """Whether a token counts: not a stopword, number, punctuation or single character.

    Study terms are kept even when they look like numbers (十四五, 六稳).
    """
    if len(token) < 2 or token in stopwords() or not _WORDLIKE.search(token):
        return False
    return not _NUMERIC.fullmatch(token) or token in _term_set()


@cache
def _term_set() -> frozenset[str]:
    return frozenset(study_dictionary()["term"])


def tokenize_text(text: str) -> list[str]:
    """Tokens of ``text`` as the study counts them (dictionary on, stopwords and numbers out)."""
    return [t for t in cut(text) if keep_token(t)]


# ---------------------------------------------------------------------------------- units

@dataclass(frozen=True)
class Atom:
    """A stretch of a document inside one paragraph and one leaf section, with its tokens."""

    start: int
    end: int
    tokens: tuple[str, ...]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of a cleaned text.

    >>> text = "一年来,成效显著。 (一)坚持人民至上。 二、任务"
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['一年来,成效显著。', '(一)坚持人民至上。', '二、任务']
    """
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _atom_spans(text: str, section_starts: Sequence[int], title: str = "") -> list[tuple[int, int]]:
    """Paragraphs cut again where a section starts inside one; the title line is left out.

    The title is metadata, not the report's words (and on one site it carries the site's name,
    【徐汇区招商】).
    """
    cuts = sorted(set(section_starts))
    skip = len(title) if title and text.startswith(title) else 0
    spans = []
    for start, end in paragraph_spans(text):
        start = max(start, skip)
        if start >= end:
            continue
        inner = [c for c in cuts if start < c < end]
        edges = [start, *inner, end]
        spans += [(a, b) for a, b in itertools.pairwise(edges) if b > a]
    return spans


def _tokenize_atoms(text: str, spans: Sequence[tuple[int, int]]) -> list[list]:
    """[start, end, tokens] of each span; what the cache stores and the pool computes."""
    return [[s, e, tokenize_text(text[s:e])] for s, e in spans]


def document_atoms(doc) -> list:
    """A document's atoms as ``[start, end, tokens]`` lists: a pure function of its text, title
    and sections (what a worker computes for ``tokenize_corpus(..., atoms=...)``)."""
    return _tokenize_atoms(doc.text, _atom_spans(doc.text, [s.start for s in doc.sections], doc.title))


def _cache_key(doc) -> str:
    spans = [f"{s.start}:{s.end}" for s in doc.sections]
    return _hash([TOKEN_VERSION, dictionary_hash(), stopwords_hash(), doc.title, doc.text, *spans])


def _doc_atoms(docs: Sequence, cache_dir: Path | None, processes: int | None) -> dict[str, list[Atom]]:
    """Atoms of every document: read from the cache, else tokenised (in a pool when large)."""
    result: dict[str, list[Atom]] = {}
    todo = []
    for doc in docs:
        key = _cache_key(doc)
        path = cache_dir / "tokens" / f"{key}.json" if cache_dir else None
        if path and path.is_file():
            result[doc.doc_id] = [Atom(s, e, tuple(t)) for s, e, t in json.loads(path.read_text("utf-8"))]
        else:
            todo.append((doc, path))
    if todo:
        t0 = time.perf_counter()
        jobs = [(doc.text, _atom_spans(doc.text, [s.start for s in doc.sections], doc.title))
                for doc, _ in todo]
        n_chars = sum(len(doc.text) for doc, _ in todo)
        workers = processes if processes is not None else (
            min(os.cpu_count() or 1, 4) if n_chars >= POOL_MIN_CHARS else 1)
        if workers > 1 and len(jobs) > 1:
            get_tokenizer()  # built once here; forked workers inherit it
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                outputs = list(pool.map(_tokenize_atoms, *zip(*jobs, strict=True), chunksize=4))
        else:
            outputs = [_tokenize_atoms(text, spans) for text, spans in jobs]
        for (doc, path), atoms in zip(todo, outputs, strict=True):
            if path:
                write_text(path, json.dumps(atoms, ensure_ascii=False))
            result[doc.doc_id] = [Atom(s, e, tuple(t)) for s, e, t in atoms]
        log.info("tokenised %d documents (%d characters) in %.2f s with %d process(es); %d from cache",
                 len(todo), n_chars, time.perf_counter() - t0, workers, len(docs) - len(todo))
    else:
        log.info("tokens of %d documents read from cache", len(docs))
    return result


def _deepest_section(doc, position: int):
    """The most specific section covering ``position`` (None before the first heading)."""
    best = None
    for sec in doc.sections:
        if sec.start <= position < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best


TOKEN_COLUMNS = ["doc_id", "unit_id", "district", "year", "doc_type", "section_role", "start", "end",
                 "n_tokens", "tokens"]


def tokenize_corpus(corpus, unit: str = "document", *, cache: bool = True, include_other: bool = False,
                    processes: int | None = None, atoms: dict[str, list] | None = None) -> pd.DataFrame:
    """Tokens of the study's documents by ``unit`` (document, paragraph or section).

    One row a unit with doc_id, unit_id, district, year, doc_type, section_role, start, end,
    n_tokens and tokens (a list). Units without tokens are left out. Tokens are cached under
    ``paths.cache/tokens`` keyed by text, sections, dictionary and stopwords, so an unchanged
    corpus is never tokenised twice; ``processes`` overrides the pool size (default: a pool of
    up to 4 only above ``POOL_MIN_CHARS`` characters to tokenise). ``atoms`` (doc_id →
    ``document_atoms(doc)``, computed elsewhere, e.g. on a Dask cluster) skips the tokenising.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    docs = corpus.docs if include_other else corpus.study_docs
    if atoms is not None:
        atoms = {doc.doc_id: [Atom(s, e, tuple(t)) for s, e, t in atoms[doc.doc_id]] for doc in docs}
    else:
        atoms = _doc_atoms(docs, project_paths().cache if cache else None, processes)
    rows = []
    for doc in docs:
        para_starts = [s for s, _ in paragraph_spans(doc.text)] if unit == "paragraph" else []
        groups: dict[object, list[Atom]] = {}
        roles: dict[object, str] = {}
        for atom in atoms[doc.doc_id]:
            sec = _deepest_section(doc, atom.start)
            if unit == "document":
                key = 0
            elif unit == "section":
                key = (sec.start, sec.level) if sec else (-1, 0)
            else:
                key = bisect.bisect_right(para_starts, atom.start) - 1
            groups.setdefault(key, []).append(atom)
            roles.setdefault(key, sec.role if sec else "other")
        for i, (key, group) in enumerate(groups.items()):
            tokens = [t for a in group for t in a.tokens]
            if not tokens:
                continue
            unit_id = doc.doc_id if unit == "document" else f"{doc.doc_id}/{unit[0]}{i:03d}"
            rows.append({
                "doc_id": doc.doc_id, "unit_id": unit_id, "district": doc.district, "year": doc.year,
                "doc_type": doc.doc_type, "section_role": "" if unit == "document" else roles[key],
                "start": group[0].start, "end": group[-1].end, "n_tokens": len(tokens), "tokens": tokens,
            })
    df = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    log.info("%d %s units, %d tokens, from %d documents", len(df), unit, int(df["n_tokens"].sum()),
             len(docs))
    return df


# -------------------------------------------------------------------------------- measures

def whole_term_share(corpus, terms: Iterable[str] | None = None) -> tuple[float, pd.DataFrame]:
    """Share of the study terms found in the texts that no token boundary cuts, at any occurrence.

    An occurrence is whole when jieba puts no boundary inside it: it is a token, or part of a
    longer token (虹口 in 虹口区). Counted over the study's documents, terms that occur only.
    Returns the share and a table term, source, n_text, n_whole.
    """
    dictionary = study_dictionary()
    if terms is not None:
        dictionary = dictionary[dictionary["term"].isin(set(terms))]
    texts = [d.text for d in corpus.study_docs]
    boundaries = []
    for text in texts:
        ends, pos = set(), 0
        for token in cut(text):
            pos += len(token)
            ends.add(pos)
        boundaries.append(ends)
    rows = []
    for term, source in zip(dictionary["term"], dictionary["source"], strict=True):
        n_text = n_whole = 0
        for text, ends in zip(texts, boundaries, strict=True):
            start = text.find(term)
            while start >= 0:
                n_text += 1
                n_whole += not any(p in ends for p in range(start + 1, start + len(term)))
                start = text.find(term, start + len(term))
        if n_text:
            rows.append((term, source, n_text, n_whole))
    df = pd.DataFrame(rows, columns=["term", "source", "n_text", "n_whole"])
    share = float((df["n_whole"] == df["n_text"]).mean()) if len(df) else 1.0
    return share, df


def token_lines(tokens: pd.DataFrame) -> list[str]:
    """``unit_id<TAB>tokens separated by spaces``, one line a unit (the ``tokens`` command)."""
    return [f"{uid}\t{' '.join(toks)}" for uid, toks in zip(tokens["unit_id"], tokens["tokens"], strict=True)]


def write_tables(corpus, tables_dir: str | Path | None = None, **kwargs) -> dict[str, Path]:
    """Write the text and topic tables for the notebooks (see :func:`reportlib.text.topics.write_tables`)."""
    from reportlib.text.topics import write_tables as _write

    return _write(corpus, tables_dir=tables_dir, **kwargs)


def write_tokens(tokens: pd.DataFrame, target: str | Path) -> Path:
    """Write a tokens table as Parquet (tokens as a list column) atomically."""
    return write_table(tokens, target)
