"""Tokens of the reports: one jieba tokenizer per corpus dictionary, stopwords, a token cache.

The tokenizer keeps the terms of the corpus under study whole (``dictionary.corpus_dictionary``:
its glossaries, quoted terms, slogans, collocations and place names, with the curated lists on
top); jieba's default dictionary would split most of them.

>>> from reportlib.text.dictionary import build_dictionary
>>> from reportlib.records import Document
>>> doc = Document("d", "s", "深化“一网通办”改革,推进“一网统管”建设。", "work_report")
>>> tokens = tokenize_text(doc.text, build_dictionary([doc], phrases=False))
>>> "一网通办" in tokens and "一网统管" in tokens
True
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import marshal
import multiprocessing
import os
import re
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import pandas as pd

from reportlib.io import write_bytes, write_table, write_text
from reportlib.paths import PACKAGE_DATA, project_paths
from reportlib.text.dictionary import (
    TermDictionary,
    corpus_dictionary,
    curated_dictionary,
    glossary_terms,
    is_term,
    read_terms,
)

__all__ = ["glossary_terms", "is_term", "read_terms"]  # re-exported: they lived here before

log = logging.getLogger(__name__)

#: Bump when tokenisation rules change: old cache entries are then ignored.
TOKEN_VERSION = "2"
#: Least jieba frequency of a study term. suggest_freq() alone only makes a term win when it
#: is cut on its own; in running text a neighbour can still steal a character (在一网统管 →
#: 在一/网/统管), so every term gets at least this much (jieba's 的 has 318825).
TERM_MIN_FREQ = 20_000
#: Above this many characters still to tokenise, the work is spread over a process pool.
POOL_MIN_CHARS = 2_000_000
UNITS = ("document", "paragraph", "section")

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
# Digits and the counter after them (460条, 11台, 36幢): cut apart before jieba, whose unknown-word
# model would otherwise join the counter to the next character (条段, 台老旧).
_COUNTED = re.compile(r"[0-9０-９][0-9０-９.%．]*[个台条幢家项座所名批次户只件套辆栋处间张轮场]")
#: A run of characters jieba reads as one block (no punctuation, space or counted number between) longer
#: than any real clause is cut in windows of this many characters: jieba holds a block's word graph in
#: memory whole (≈ 400 MB a million characters). Each window keeps its tokens up to RUN_CONTEXT
#: characters before its end; the next starts where they stop, so every boundary is jieba's own.
MAX_RUN = 4000
RUN_CONTEXT = 200
_LONG_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]{" + str(MAX_RUN + 1) + ",}")  # jieba's block, overlong


# ---------------------------------------------------------------------------- data files

@cache
def stopwords() -> frozenset[str]:
    """Stopwords (``stopwords.txt``): a general Chinese list and the genre's boilerplate."""
    return frozenset(word for word, _ in read_terms(PACKAGE_DATA / "stopwords.txt"))


@cache
def default_tags() -> dict[str, str]:
    """Part-of-speech tag of each word of jieba's default dictionary (its ``dict.txt``).

    Parsed once and kept in ``paths.cache`` (parsing the 349,000 lines takes seconds).
    """
    path = project_paths().cache / f"jieba-tags-{jieba.__version__}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tags = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    try:
        write_bytes(path, marshal.dumps(tags))
    except OSError as exc:  # a read-only checkout still works, only slower
        log.info("jieba tags not cached: %s", exc)
    return tags


def known_non_place(word: str) -> bool:
    """Whether jieba's dictionary knows ``word`` as something other than a place name."""
    tag = default_tags().get(word)
    return tag is not None and tag not in ("ns", "nr", "nz", "nt", "s")


def is_place_word(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as a place name (ns)."""
    return default_tags().get(word) == "ns"


def _hash(parts: Iterable[str]) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@cache
def stopwords_hash() -> str:
    """Fingerprint of the stopwords (part of the token cache's key)."""
    return _hash(sorted(stopwords()))


# ------------------------------------------------------------------------------ tokenizer

@cache
def base_tokenizer() -> jieba.Tokenizer:
    """jieba's default dictionary plus the boilerplate phrases, loaded once per process.

    Its own instance, not jieba's global one, so a notebook's ``jieba.add_word`` cannot change
    the study's tokens; jieba's prefix-dictionary cache lives in ``paths.cache``.
    """
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache_dir = project_paths().cache
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    # Boilerplate phrases (各位代表, 请予审议) must come out as one token to be dropped as one.
    add_terms(tokenizer, sorted(w for w in stopwords() if len(w) > 2))
    return tokenizer


_TOKENIZERS: dict[str, jieba.Tokenizer] = {}


def get_tokenizer(dictionary: TermDictionary | None = None) -> jieba.Tokenizer:
    """The tokenizer of ``dictionary`` (default: the curated lists), built once per process.

    A copy of :func:`base_tokenizer`'s word table with the dictionary's terms added, so that
    tokenizers of two corpora never mix.
    """
    dictionary = dictionary or curated_dictionary()
    if dictionary.key not in _TOKENIZERS:
        t0 = time.perf_counter()
        base = base_tokenizer()
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = base.tmp_dir
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
        add_terms(tokenizer, sorted(dictionary.terms))
        _TOKENIZERS[dictionary.key] = tokenizer
        log.info("tokenizer ready in %.2f s: %d dictionary terms", time.perf_counter() - t0,
                 len(dictionary.terms))
    return _TOKENIZERS[dictionary.key]


def add_terms(tokenizer: jieba.Tokenizer, terms: Sequence[str], *, min_freq: int = TERM_MIN_FREQ) -> None:
    """Add ``terms`` so that they win over jieba's default split, in running text too."""
    for term in sorted(terms):
        tokenizer.add_word(term, max(tokenizer.suggest_freq(term), min_freq))


def load_userdict(tokenizer: jieba.Tokenizer, path: str | Path) -> int:
    """Add a user dictionary file to ``tokenizer`` (BOM and CRLF safe); returns the count."""
    terms = read_terms(path)
    add_terms(tokenizer, [t for t, _ in terms])
    return len(terms)


def cut(text: str, dictionary: TermDictionary | None = None) -> list[str]:
    """Raw jieba tokens of ``text`` with ``dictionary`` (nothing dropped; joined they give ``text``)."""
    tokenizer = get_tokenizer(dictionary)
    out: list[str] = []
    start = 0
    for m in _COUNTED.finditer(text):
        if m.start() > start:
            out += _lcut(tokenizer, text[start:m.start()])
        out += tokenizer.lcut(m.group(0))
        start = m.end()
    if start < len(text):
        out += _lcut(tokenizer, text[start:])
    return out


def _lcut(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """jieba's tokens of ``text``, an overlong run of one block read in windows (see ``MAX_RUN``);
    text without such a run is cut as jieba cuts it, block by block."""
    if len(text) <= MAX_RUN:
        return tokenizer.lcut(text)
    out: list[str] = []
    start = 0
    for m in _LONG_RUN.finditer(text):  # a maximal block: jieba cuts the text around it the same way
        if m.start() > start:
            out += tokenizer.lcut(text[start:m.start()])
        run, pos = m.group(), 0
        while len(run) - pos > MAX_RUN:
            end = pos
            for token in tokenizer.lcut(run[pos:pos + MAX_RUN]):
                if end + len(token) > pos + MAX_RUN - RUN_CONTEXT and end > pos:
                    break
                out.append(token)
                end += len(token)
            pos = end
        out += tokenizer.lcut(run[pos:])
        start = m.end()
    if start < len(text):
        out += tokenizer.lcut(text[start:])
    return out


def keep_token(token: str, terms: frozenset[str] = frozenset()) -> bool:
    """Whether a token counts: not a stopword, number, punctuation or single character.

    Dictionary terms (``terms``) are kept even when they look like numbers (十四五, 六稳).
    """
    if len(token) < 2 or token in stopwords() or not _WORDLIKE.search(token):
        return False
    return not _NUMERIC.fullmatch(token) or token in terms or token in curated_dictionary().terms


def tokenize_text(text: str, dictionary: TermDictionary | None = None) -> list[str]:
    """Tokens of ``text`` as the study counts them (dictionary on, stopwords and numbers out)."""
    terms = (dictionary or curated_dictionary()).terms
    return [t for t in cut(text, dictionary) if keep_token(t, terms)]


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a cleaned text (see :func:`paragraph_spans`)."""
    return [text[s:e] for s, e in paragraph_spans(text)]


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


def _tokenize_atoms(text: str, spans: Sequence[tuple[int, int]], key: str) -> list[list]:
    """[start, end, tokens] of each span; what the cache stores and the pool computes.

    ``key`` names a tokenizer built in the parent (forked workers inherit ``_TOKENIZERS``).
    """
    dictionary = _DICTIONARIES[key]
    return [[s, e, tokenize_text(text[s:e], dictionary)] for s, e in spans]


def document_atoms(doc, dictionary: TermDictionary) -> list:
    """A document's atoms as ``[start, end, tokens]`` lists: a pure function of its text, title,
    sections and the corpus dictionary (what a worker computes for ``tokenize_corpus(..., atoms=...)``)."""
    _DICTIONARIES[dictionary.key] = dictionary
    spans = _atom_spans(doc.text, [s.start for s in doc.sections], doc.title)
    return _tokenize_atoms(doc.text, spans, dictionary.key)


_DICTIONARIES: dict[str, TermDictionary] = {}


def _cache_key(doc, dictionary: TermDictionary) -> str:
    spans = [f"{s.start}:{s.end}" for s in doc.sections]
    return _hash([TOKEN_VERSION, jieba.__version__, str(TERM_MIN_FREQ), dictionary.key, stopwords_hash(),
                  doc.title, doc.text, *spans])


def _doc_atoms(docs: Sequence, dictionary: TermDictionary, cache_dir: Path | None,
               processes: int | None) -> dict[str, list[Atom]]:
    """Atoms of every document: read from the cache, else tokenised (in a pool when large)."""
    result: dict[str, list[Atom]] = {}
    todo = []
    _DICTIONARIES[dictionary.key] = dictionary
    for doc in docs:
        key = _cache_key(doc, dictionary)
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
            get_tokenizer(dictionary)  # built once here; forked workers inherit it
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                outputs = list(pool.map(_tokenize_atoms, *zip(*jobs, strict=True),
                                        itertools.repeat(dictionary.key), chunksize=4))
        else:
            outputs = [_tokenize_atoms(text, spans, dictionary.key) for text, spans in jobs]
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


TOKEN_COLUMNS = ["doc_id", "unit_id", "place", "place_level", "district", "year", "doc_type", "section_role", "start",
                 "end", "n_tokens", "tokens"]


def tokenize_corpus(corpus, unit: str = "document", *, cache: bool = True, include_other: bool = False,
                    processes: int | None = None, dictionary: TermDictionary | None = None,
                    atoms: dict[str, list] | None = None) -> pd.DataFrame:
    """Tokens of the study's documents by ``unit`` (document, paragraph or section).

    One row a unit with doc_id, unit_id, place, place_level, district, year, doc_type, section_role,
    start, end, n_tokens and tokens (a list). Units without tokens are left out. Tokens are cached under
    ``paths.cache/tokens`` keyed by text, sections, dictionary and stopwords, so an unchanged
    corpus is never tokenised twice. The dictionary is the corpus's own (``corpus_dictionary``)
    unless ``dictionary`` is given. ``processes`` overrides the pool size (default: a pool of
    up to 4 only above ``POOL_MIN_CHARS`` characters to tokenise). ``atoms`` (doc_id →
    ``document_atoms(doc, dictionary)``, computed elsewhere, e.g. on a Dask cluster) skips the
    tokenising.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    docs = corpus.docs if include_other else corpus.study_docs
    if atoms is not None:
        atoms = {doc.doc_id: [Atom(s, e, tuple(t)) for s, e, t in atoms[doc.doc_id]] for doc in docs}
    else:
        dictionary = dictionary or corpus_dictionary(corpus, cache=cache)
        atoms = _doc_atoms(docs, dictionary, project_paths().cache if cache else None, processes)
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
                "doc_id": doc.doc_id, "unit_id": unit_id, "place": doc.place,
                "place_level": doc.place_level, "district": doc.district, "year": doc.year,
                "doc_type": doc.doc_type, "section_role": "" if unit == "document" else roles[key],
                "start": group[0].start, "end": group[-1].end, "n_tokens": len(tokens), "tokens": tokens,
            })
    df = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    log.info("%d %s units, %d tokens, from %d documents", len(df), unit, int(df["n_tokens"].sum()),
             len(docs))
    return df


# -------------------------------------------------------------------------------- measures

def marked_terms(docs: Sequence) -> pd.DataFrame:
    """The terms the texts themselves mark as terms: quoted or book-titled ones and glossary heads.

    Only those that can be one token (a single run of characters jieba cuts as one block).
    Columns: term, source (glossary or quoted).
    """
    from reportlib.text.dictionary import assemble, text_terms

    rows = [r for r in text_terms(docs) if r[1] in ("glossary", "quoted")]
    return assemble(rows, [])[["term", "source"]]


def whole_term_share(corpus, dictionary: TermDictionary | None = None, *, include_other: bool = True,
                     terms: Iterable[str] | None = None) -> tuple[float, pd.DataFrame]:
    """Share of the texts' marked terms (:func:`marked_terms`) that no token boundary ever cuts.

    An occurrence is whole when jieba puts no boundary inside it: it is a token, or part of a
    longer token (虹口 in 虹口区). A term counts as kept whole when every occurrence is.
    ``dictionary`` defaults to the corpus's own. Returns the share and a table term, source,
    n_text, n_whole.
    """
    docs = corpus.docs if include_other else corpus.study_docs
    dictionary = dictionary or corpus_dictionary(corpus)
    marked = marked_terms(docs)
    if terms is not None:
        marked = pd.DataFrame({"term": sorted(set(terms)), "source": "given"})
    texts = [d.text for d in docs]
    boundaries = []
    for text in texts:
        ends, pos = set(), 0
        for token in cut(text, dictionary):
            pos += len(token)
            ends.add(pos)
        boundaries.append(ends)
    rows = []
    for term, source in zip(marked["term"], marked["source"], strict=True):
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
