"""The dictionary of the corpus under study: the terms its own texts define, quote and coin.

jieba's default dictionary splits a report's own terms (一网统管 → 一/网/统管). Every report
brings its own, so the dictionary is built from the texts being read, by rules that owe
nothing to a list of any one corpus's terms: glossary entries (用语解释), every quoted or
book-titled term even when quoted once, numbered slogans (一江一河, 三查一曝光两闭环),
collocations (gensim ``Phrases`` over the corpus), place names (the national division tree,
the corpus's own towns and parks) and indicator names; the curated lists of ``reportlib/data``
come on top. It is cached by the texts' hash in ``paths.cache/dictionary``, never written into
the package.

>>> sorted(slogan_terms("坚持“一江一河”,落实三查一曝光两闭环机制,一是抓好"))
['一江一河', '三查一曝光两闭环']
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from reportlib import lexicon
from reportlib.io import write_text
from reportlib.paths import PACKAGE_DATA, project_paths

log = logging.getLogger(__name__)

#: Bump when the rules below change: cached dictionaries are then rebuilt.
DICTIONARY_VERSION = "6"
#: Term length limits: shorter is a character, longer is a sentence.
TERM_MIN_LEN, TERM_MAX_LEN = 2, 20
#: Collocations: seen at least this often, with normalised PMI at least this high (Bouma 2009).
PHRASE_MIN_COUNT, PHRASE_MIN_NPMI = 4, 0.55
#: A collocation longer than this many characters is a clause, not a term.
PHRASE_MAX_LEN = 8
#: A pair followed (or preceded) by one same token more than this share of its times is a
#: fragment of a longer term.
FRAGMENT_SHARE = 0.5

# Sources in priority order: a term found by several keeps the first.
SOURCES = ("glossary", "quoted", "slogan", "policy", "indicator", "own", "division", "place", "town", "phrase")
#: Sources whose terms are place names (left out of comparisons unless asked for); ``own``: the
#: places whose governments delivered the corpus's reports.
PLACE_SOURCES = frozenset({"own", "division", "place", "town"})

# A run of characters jieba cuts as one block (its re_han_default); a term with any other
# character (、 · , spaces) can never come out of jieba whole, so it is not a term.
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_HAN = re.compile(r"[\u4E00-\u9FFF]")
# A term in quotes: “一网统管”, "智赋万企", 「两旧一村」 (straight quotes pair left to right).
_QUOTED = re.compile(r"“([^“”\s]{2,30})”|\"([^\"“”\s]{2,30})\"|「([^「」\s]{2,30})」")
# A title in book-title marks: 《廉政准则》.
_TITLED = re.compile(r"《([^《》\s]{2,30})》")
# A glossary entry's number at the start of the section or after a space: "1.“合议核准制”:是指".
# (The "2.0" of "“一证多址”2.0版" follows a quote mark, not a space, so it is not an entry.)
_GLOSSARY_ENTRY = re.compile(r"(?:^|(?<=\s))\d{1,2}[.．](?!\d)")
# Where a glossary entry's head ends: the colon before 是指.
_GLOSSARY_HEAD_END = re.compile(r"[:：]")
_NUM = "一二三四五六七八九十两百千万"
# A numbered slogan: two or more pieces "numeral + 1-3 other characters" (一江一河, 五违四必,
# 三查一曝光两闭环), not after another numeral or digit. The last piece is cut to the length of
# the one before (the pieces of a slogan are parallel: 三基地一枢纽, not 三基地一枢纽建).
_OTHER = rf"(?:(?![{_NUM}])[\u4E00-\u9FFF])"
_SLOGAN = re.compile(rf"(?<![{_NUM}0-9第])(?:[{_NUM}]{{1,2}}{_OTHER}{{1,3}}){{2,5}}")
_SLOGAN_PIECE = re.compile(rf"([{_NUM}]{{1,2}})([^{_NUM}]+)")
# A slogan piece cannot start with a counter or a copula: 一是, 三个, 五年, 两批 are counts.
_COUNTERS = frozenset("是个年月日天次项批家条名些种点位倍成届期场类级所座件户人支大多余")
# A place suffix: the token before it (or the head of a token ending in it) names a town or park.
_PLACE_SUFFIXES = ("街道", "镇", "乡", "园区", "工业区", "开发区", "新城", "片区", "苏木", "路", "南路", "北路",
                   "东路", "西路", "中路", "大道")
_SUFFIX_ENDS = frozenset(s[-1] for s in _PLACE_SUFFIXES)
# Suffixes of parks and areas, generic after a common word (智慧园区): their stem must be a place.
_PARK_SUFFIXES = frozenset({"园区", "片区", "新城"})
# Characters of suffixes: a stem holding one is a run of two names or a list (各街镇, 无违建街).
_SUFFIX_CHARS = frozenset("街镇乡区园城")
# First characters of a determiner or a verb before a suffix (各镇, 全区, 做实片区), not of a name.
_NOT_A_NAME_START = frozenset("各全本该每做实强无")
# Characters of function words: a slogan piece with one is a clause (五区与长三角).
_FUNCTION_CHARS = frozenset("与和及的或并对在将把从向为以于由被")


@dataclass(frozen=True)
class TermDictionary:
    """The dictionary's terms (term, source, count), its cache key, its place names and collocations."""

    table: pd.DataFrame
    key: str
    terms: frozenset[str] = field(default=frozenset())
    places: frozenset[str] = field(default=frozenset())
    phrases: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(cls, table: pd.DataFrame) -> TermDictionary:
        table = table.sort_values("term", ignore_index=True)
        key = _hash([DICTIONARY_VERSION, *(f"{t}\t{s}" for t, s in zip(table["term"], table["source"],
                                                                      strict=True))])
        places = frozenset(table.loc[table["source"].isin(PLACE_SOURCES), "term"])
        phrases = frozenset(table.loc[table["source"] == "phrase", "term"])
        return cls(table, key, frozenset(table["term"]), places, phrases)


def _hash(parts: Iterable[str]) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def is_term(term: str) -> bool:
    """Whether a string can be a dictionary term: one jieba block, 2–20 characters, some Chinese."""
    return (TERM_MIN_LEN <= len(term) <= TERM_MAX_LEN and _BLOCK.fullmatch(term) is not None
            and _HAN.search(term) is not None)


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


# ------------------------------------------------------------------------ rules on text

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
        quoted = quoted_terms(head)
        for term in quoted or [head.strip()]:
            if is_term(term) and term not in terms:
                terms.append(term)
    return terms


def quoted_terms(text: str) -> list[str]:
    """Every term in quotes or book-title marks, in order, repeats kept (“退二进三”, 《条例》).

    >>> quoted_terms('实施"智赋万企"行动,推进“退二进三”,落实《民法典》')
    ['智赋万企', '退二进三', '民法典']
    """
    found = [(m.start(), next(g for g in m.groups() if g)) for m in _QUOTED.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _TITLED.finditer(text)]
    return [term for _, term in sorted(found)]


def slogan_terms(text: str, cut: Callable[[str], list[str]] | None = None) -> list[str]:
    """Numbered slogans of ``text`` by rule (一X一Y, 三X三Y, 五X六Y …), repeats kept.

    A slogan starts and ends where words do: with ``cut`` (a tokenizer) its start must be a
    token boundary (三 of 长三角 is not) and it ends at the last boundary within reach
    (三库三计划 of 三库三计划建设); without, the last piece is as long as the one before.
    """
    terms = []
    for m in _SLOGAN.finditer(text):
        pieces = _SLOGAN_PIECE.findall(m.group(0))
        if len(pieces) < 2 or any(body[0] in _COUNTERS or set(body) & _FUNCTION_CHARS for _, body in pieces):
            continue
        *head, (num, last) = pieces
        stem = "".join(n + b for n, b in head) + num
        if cut is None:
            term = stem + last[: len(head[-1][1])]
        else:
            lo = max(0, m.start() - 8)
            window = text[lo:m.end() + 8]
            ends, pos = {0}, 0
            for token in cut(window):
                pos += len(token)
                ends.add(pos)
            start = m.start() - lo
            if start not in ends:
                continue
            reach = [e for e in ends if start + len(stem) < e <= start + len(stem) + len(last)]
            if not reach:
                continue
            term = window[start:min(reach)]
        if is_term(term):
            terms.append(term)
    return terms


def town_names(token_lists: Iterable[Sequence[str]], known: Callable[[str], bool],
               is_place: Callable[[str], bool], is_word: Callable[[str], bool] = lambda w: False) -> Counter:
    """Towns, subdistricts and parks named in tokenised text: a name before a place suffix.

    ``known(word)`` says whether jieba's dictionary knows ``word`` as something other than a
    place, ``is_word(word)`` whether it knows it at all (then 特色小 + 镇 is not a town: 小镇 is a
    word); a park (园区, 片区) needs a stem that ``is_place``.
    Returns a count of names, each with its suffix (莘庄镇) and without (莘庄).
    """
    found: Counter = Counter()
    for tokens in token_lists:
        for prev, token in itertools.pairwise(["", *tokens]):
            if token[-1:] not in _SUFFIX_ENDS:
                continue
            if token in _PLACE_SUFFIXES:
                stem, suffix = prev, token
            else:
                suffix = next((s for s in _PLACE_SUFFIXES if token.endswith(s)), "")
                stem = token[: -len(suffix)] if suffix and not known(token) else ""
            if not (2 <= len(stem) <= 4 and _HAN.fullmatch(stem) is None and stem.isalnum()):
                continue
            # 特色小 + 镇: the stem's last character makes a word with the suffix (小镇), not a name
            if known(stem) or is_word(stem[-1] + suffix) or set(stem) & _SUFFIX_CHARS \
                    or stem[0] in _NOT_A_NAME_START or stem[0] in _NUM:
                continue
            if suffix in _PARK_SUFFIXES and not is_place(stem):
                continue
            found[stem] += 1
            found[stem + suffix] += 1
    return found


def collocations(token_lists: Sequence[Sequence[str]], *, stop: Callable[[str], bool],
                 stopwords: frozenset[str] = frozenset(), min_count: int = PHRASE_MIN_COUNT,
                 threshold: float = PHRASE_MIN_NPMI) -> Counter:
    """Two-token collocations of the corpus by normalised PMI, as gensim's ``Phrases(scoring="npmi")``.

    Pairs of adjacent tokens neither of which is a stopword, number or punctuation (``stop``). A pair that
    is mostly followed or preceded by one same token is a fragment of a longer term (跨国公司 +
    地区 of 跨国公司地区总部) and is left out. Returns joined phrase → count (城市 + 更新 → 城市更新).
    """
    words: Counter = Counter()
    pairs: Counter = Counter()
    for tokens in token_lists:
        keep = [not stop(t) for t in tokens]
        words.update(t for t, k in zip(tokens, keep, strict=True) if k)
        pairs.update((a, b) for (a, ka), (b, kb) in itertools.pairwise(zip(tokens, keep, strict=True))
                     if ka and kb)
    # Neighbours of the frequent pairs: any word, single characters too (人民城市人民 + 建), not
    # punctuation or a listed stopword (推进 城市更新 is not a fragment of 推进城市更新).
    after: dict[tuple[str, str], Counter] = {}
    before: dict[tuple[str, str], Counter] = {}
    for tokens in token_lists:
        for i in range(len(tokens) - 1):
            pair = (tokens[i], tokens[i + 1])
            if pairs[pair] >= min_count:
                nxt = tokens[i + 2] if i + 2 < len(tokens) else ""
                prv = tokens[i - 1] if i > 0 else ""
                after.setdefault(pair, Counter())[nxt if _HAN.search(nxt) and nxt not in stopwords else ""] += 1
                before.setdefault(pair, Counter())[prv if _HAN.search(prv) and prv not in stopwords else ""] += 1
    n = sum(words.values())
    found: Counter = Counter()
    for (a, b), count in pairs.items():
        term = a + b
        if count < min_count or len(term) > PHRASE_MAX_LEN or not is_term(term):
            continue
        p_ab = count / n
        npmi = math.log(p_ab / (words[a] / n * words[b] / n)) / -math.log(p_ab)
        if npmi < threshold:
            continue
        if any(t and c > FRAGMENT_SHARE * count for side in (after, before)
               for t, c in side[(a, b)].most_common(1)):
            continue
        found[term] = count
    return found


# ------------------------------------------------------------------- curated data on top

def curated_terms() -> list[tuple[str, str]]:
    """(term, source) of the curated data files: policy terms, districts, places, indicators."""
    rows = [(t, "policy") for t, _ in read_terms(PACKAGE_DATA / "policy_terms.txt")]
    rows += [(t, "indicator") for t in indicator_terms()]
    for d in lexicon.districts():
        rows += [(d.name, "division"), (d.short, "division")]
    rows += [(r["name"], "place") for r in lexicon.read_rows("places.csv")]
    return [r for r in rows if is_term(r[0])]


def indicator_terms() -> list[str]:
    """Indicator names and aliases of ``indicators.csv``."""
    terms = []
    for row in lexicon.read_rows("indicators.csv"):
        for key in ("name", "alias", "aliases", "label", "term"):
            for value in re.split(r"[|;；,]", row.get(key) or ""):
                if is_term(value.strip()):
                    terms.append(value.strip())
    return terms


@cache
def division_names() -> tuple[str, ...]:
    """Names of the national division tree: every unit's full name (past ones too) and the short
    names of provinces and prefectures (浙江, 呼伦贝尔).

    A county's short name is often a word (复兴区 → 复兴, 和平区 → 和平): only its full name is
    taken, unless it is a place of the corpus itself (:func:`own_places`).
    """
    from reportlib.read import places

    # A full name of two characters (城区, 郊区, 和县, 南县) is a word or a slip across words far
    # more often than that county: left out.
    names = {p.name for p in places.all_places() if len(p.name) > 2}
    names |= {p.alias for p in places.all_places() if p.level in ("province", "prefecture")}
    return tuple(sorted(n for n in names if is_term(n)))


def own_places(docs: Sequence) -> list[str]:
    """The places whose governments delivered ``docs``, full and short names (海拉尔区, 海拉尔)."""
    from reportlib.read import places

    names: set[str] = set()
    for doc in docs:
        for name in (getattr(doc, "place", ""), getattr(doc, "district", "")):
            if name:
                names |= {name, places.lookup(name).alias}
    return sorted(n for n in names if is_term(n))


def divisions_in(texts: Sequence[str]) -> list[tuple[int, int, str]]:
    """Division-tree names in ``texts``, the longest at each position: (text index, offset, name)."""
    names = set(division_names())
    lengths: dict[str, list[int]] = {}
    for n in names:
        lengths.setdefault(n[0], []).append(len(n))
    lengths = {c: sorted(set(v), reverse=True) for c, v in lengths.items()}
    found = []
    for t, text in enumerate(texts):
        for i, c in enumerate(text):
            for size in lengths.get(c, ()):
                if text[i:i + size] in names:
                    found.append((t, i, text[i:i + size]))
                    break
    return found


def at_word_edges(found: Sequence[tuple[int, int, str]], token_lists: Sequence[Sequence[str]]) -> list[str]:
    """Names whose occurrences mostly start and end where the tokens of ``token_lists`` do.

    海城市 (a city of Liaoning) inside 上海城市 cuts 上海; 新建区 inside 新建区域 cuts 区域: a
    name that usually straddles words is not the place there.
    """
    edges = []
    for tokens in token_lists:
        ends, pos = {0}, 0
        for tok in tokens:
            pos += len(tok)
            ends.add(pos)
        edges.append(ends)
    seen: dict[str, list[int]] = {}
    for t, start, name in found:
        seen.setdefault(name, [0, 0])
        seen[name][0] += 1
        seen[name][1] += start in edges[t] and start + len(name) in edges[t]
    return sorted(n for n, (total, whole) in seen.items() if 2 * whole >= total)


@cache
def curated_hash() -> str:
    """Fingerprint of the curated data and rules that enter every dictionary."""
    files = ["policy_terms.txt", "indicators.csv", "districts.csv", "places.csv", "stopwords.txt"]
    return _hash([DICTIONARY_VERSION, *division_names(),
                  *((PACKAGE_DATA / f).read_text("utf-8") for f in files)])


# -------------------------------------------------------------------------- the dictionary

def text_terms(docs: Sequence, cut: Callable[[str], list[str]] | None = None) -> list[tuple[str, str]]:
    """(term, source) the texts supply by rule before tokenising: glossaries, quotes, slogans.

    ``cut`` (a tokenizer) finds where a slogan starts and ends (see :func:`slogan_terms`).
    """
    rows: list[tuple[str, str]] = []
    for doc in docs:
        for sec in getattr(doc, "sections", []):
            if sec.role == "glossary" and sec.level == 1:
                rows += [(t, "glossary") for t in glossary_terms(doc.text[sec.start:sec.end])]
        rows += [(t, "quoted") for t in quoted_terms(doc.text) if is_term(t)]
        rows += [(t, "slogan") for t in slogan_terms(doc.text, cut)]
    return rows


def _map_here(func: Callable, items: Sequence, shared: dict) -> Iterable:
    return (func(item, **shared) for item in items)


def assemble(rows: Iterable[tuple[str, str]], texts: Sequence[str] = (),
             counts: Counter | None = None) -> pd.DataFrame:
    """term, source (its first by ``SOURCES``), count, sorted by term.

    count: the term's number in ``counts`` (tokens of a first pass) when there, else its
    occurrences in ``texts``, searched joined (a term, one block, never spans two texts) and only
    for the terms ``counts`` lacks.
    """
    df = pd.DataFrame([r for r in rows if is_term(r[0])], columns=["term", "source"])
    df["priority"] = df["source"].map({s: i for i, s in enumerate(SOURCES)})
    df = df.sort_values(["priority", "term"]).drop_duplicates("term").drop(columns="priority")
    counts = counts or Counter()
    joined = "\n".join(texts)
    searched = {t: joined.count(t) for t in df["term"] if t not in counts}
    df["count"] = [counts[t] if t in counts else searched[t] for t in df["term"]]
    return df.sort_values("term", ignore_index=True)


def paragraph_tokens(text: str, dictionary: TermDictionary) -> list[list[str]]:
    """Raw tokens of each paragraph of ``text`` with ``dictionary`` (the draft cut of one text)."""
    from reportlib.text import tokens as tok

    return [tok.cut(p, dictionary) for p in tok.paragraphs(text)]


def build_dictionary(docs: Sequence, *, phrases: bool = True, map_docs: Callable = _map_here) -> TermDictionary:
    """The dictionary of ``docs`` (Documents with text and sections), built by the rules above.

    Two passes: the terms the texts mark (glossaries, quotes, slogans) and the curated data
    make a first tokenizer; its tokens give the division names found at word edges, the towns
    and the collocations. ``map_docs(func, texts, shared)`` runs the draft cut of each text
    (``func(text, **shared)``, results in order), e.g. on a Dask cluster; default: here.
    """
    from reportlib.text import tokens as tok

    texts = [d.text for d in docs]
    first = text_terms(docs, tok.cut) + curated_terms() + [(n, "own") for n in own_places(docs)]
    draft = TermDictionary.of(assemble(first))
    paras = [p for text in texts for p in tok.paragraphs(text)]
    token_lists = [t for lists in map_docs(paragraph_tokens, texts, {"dictionary": draft}) for t in lists]
    first += [(n, "division") for n in at_word_edges(divisions_in(paras), token_lists)]
    places = draft.places | {t for t, s in first if s == "division"}
    towns = town_names(token_lists, tok.known_non_place, places.__contains__, tok.default_tags().__contains__)
    rows = first + [(t, "town") for t in towns]
    if phrases:
        found = collocations(token_lists, stop=lambda t: not tok.keep_token(t), stopwords=tok.stopwords())
        rows += [(t, "phrase") for t in found if t not in draft.terms]
    # the term search stays here, over the joined texts (spread by text on Dask workers, its terms
    # went as a list, which Dask's scatter splits into a future a term: it failed at 10 MB)
    table = assemble(rows, texts, Counter(t for tokens in token_lists for t in tokens))
    log.info("dictionary of %d texts: %s", len(texts),
             ", ".join(f"{n} {s}" for s, n in table["source"].value_counts().sort_index().items()))
    return TermDictionary.of(table)


def corpus_dictionary(corpus, *, cache: bool = True, map_docs: Callable = _map_here) -> TermDictionary:
    """The dictionary of ``corpus`` (all its documents), cached by the texts' hash (``map_docs``:
    see :func:`build_dictionary`)."""
    docs = corpus.docs if hasattr(corpus, "docs") else list(corpus)
    key = _hash([curated_hash(), *(d.text for d in docs),
                 *(f"{s.role}:{s.level}:{s.start}:{s.end}" for d in docs for s in getattr(d, "sections", []))])
    return _cached(key, docs, cache, map_docs)


_MEMO: dict[str, TermDictionary] = {}


def _cached(key: str, docs: Sequence, use_disk: bool, map_docs: Callable = _map_here) -> TermDictionary:
    if key in _MEMO:
        return _MEMO[key]
    path = project_paths().cache / "dictionary" / f"{key}.csv"
    if use_disk and path.is_file():
        result = TermDictionary.of(pd.read_csv(path, dtype={"term": str, "source": str}, keep_default_na=False))
    else:
        result = build_dictionary(docs, map_docs=map_docs)
        if use_disk:
            buf = io.StringIO()
            result.table.to_csv(buf, index=False, lineterminator="\n")
            write_text(path, buf.getvalue())
    _MEMO[key] = result
    return result


def curated_dictionary() -> TermDictionary:
    """The curated data alone: the dictionary of a text when no corpus is given."""
    key = curated_hash()
    if key not in _MEMO:
        _MEMO[key] = TermDictionary.of(assemble(curated_terms(), []))
    return _MEMO[key]
