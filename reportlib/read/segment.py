"""Split a raw file's cleaned text into report-sized chunks, dropping site chrome.

A raw file may be a listing page (bullet titles, bodies, date lines, then navigation and terms
of service), a forum post with an edit stamp, or one report followed by search results. Each
title starts a chunk; date lines and end marks close one; lines outside any chunk and chunks
with almost no text are boilerplate, dropped and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlib.lexicon import boilerplate_patterns, doc_type_patterns
from reportlib.read.numerals import replace_cn_years

# A listing item's title; a run of dashes (----2012年2月29日在…会议上) is a subtitle's rule, not a bullet.
BULLET_TITLE = re.compile(r"^(?:[•·●▪■◆►◇○*]|-(?!-))\s*(?P<title>[^\s-].{0,98})$")
DATE_LINE = re.compile(  # a listing item's publication date, alone on its line
    r"^(?:发布(?:时间|日期)[:：]?\s*)?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
END_MARK = re.compile(r"^(?:THE END|全文完|\(完\)|【完】|-{3,}\s*完\s*-{3,})$", re.IGNORECASE)
URL = re.compile(r"https?://|www\.")
SENTENCE_END = re.compile(r"[。!?;]")
QUOTED_TITLE = re.compile(r"《[^》]*》")
# A title that needs no next line.
TITLE_COMPLETE = re.compile(r"(?:报告|草案|情况|讲话|公报)[)）】]?$")
MIN_CHUNK_CJK = 150  # a chunk with fewer Chinese characters is navigation, not an article
TITLE_MAX = 100


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text`` (summed over runs: one regex match per run, not per character)."""
    return sum(map(len, CJK_RUN.findall(text)))


CONTENTS_LINE = re.compile(r"^目\s*录$")
PAGE_NUMBER = re.compile(r"(?:\.{3,}|…{2,}|·{3,})\s*\d+$|\s\d{1,3}$")


def _page_numbered(line: str) -> bool:
    """A contents line's page number at its end (the search runs only on a line ending with a digit:
    bounded time on an overlong line)."""
    return line[-1:].isdigit() and PAGE_NUMBER.search(line) is not None


def is_contents(chunk: Chunk) -> bool:
    """A table of contents: headings (or ``目录``) without a single sentence, not a document."""
    lines = chunk.body_lines
    if not lines:
        return False
    if CONTENTS_LINE.match(lines[0]) or sum(_page_numbered(x) for x in lines) > len(lines) / 2:
        return not any(SENTENCE_END.search(x) for x in lines[1:])
    return len(lines) >= 3 and not any(SENTENCE_END.search(x) for x in lines)


def is_boilerplate(line: str) -> bool:
    """True for a line of site chrome (navigation, pagination, stamps, terms of service)."""
    return any(p.search(line) for p in boilerplate_patterns())


def is_report_title(line: str) -> bool:
    """A short line without sentences that names a report type (政府工作报告, 计划草案 …)."""
    if len(line) > TITLE_MAX or SENTENCE_END.search(line.rstrip("。")):
        return False
    view = QUOTED_TITLE.sub("", replace_cn_years(line))  # 《政府工作报告》用语解释 cites a report
    return any(p.search(view) for doc_type, p in doc_type_patterns()
               if "我代表" not in p.pattern and not p.pattern.startswith("(?:19|20)"))


@dataclass
class Chunk:
    """A run of lines that belongs to one article: its title lines and body lines."""

    title_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    bullet: bool = False
    ended_by_mark: bool = False  # closed by THE END / 全文完: the author says it is complete

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    @property
    def body(self) -> str:
        return "\n".join(self.body_lines)

    @property
    def text(self) -> str:
        return "\n".join([*self.title_lines, *self.body_lines])


@dataclass
class Split:
    """The chunks of one raw file and how many lines were dropped as boilerplate."""

    chunks: list[Chunk]
    dropped_lines: int
    dropped_chunks: int


def split_chunks(text: str) -> Split:
    r"""Split cleaned text into article chunks.

    >>> body = "各位代表:现在。" * 40
    >>> s = split_chunks(f"• 2021年青浦区政府工作报告\n{body}\n2025-07-08\n• 联系我们\n共 28 页")
    >>> len(s.chunks), s.chunks[0].title, s.dropped_lines
    (1, '2021年青浦区政府工作报告', 3)
    """
    chunks: list[Chunk] = []
    dropped = 0
    cur: Chunk | None = None
    after_end = False  # an end mark was seen: what follows is appended material

    def close() -> None:
        nonlocal cur
        if cur is not None and (cur.title_lines or cur.body_lines):
            chunks.append(cur)
        cur = None

    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        bullet = BULLET_TITLE.match(line)
        if bullet and is_boilerplate(bullet.group("title")):
            close()  # a navigation bullet (联系我们): chrome until the next real title
            chunks.append(Chunk([], [], bullet=True))
            dropped += 1
            continue
        if bullet or is_report_title(line):
            if cur is not None and not bullet and not cur.body_lines and cur.title_lines:
                if TITLE_COMPLETE.search(cur.title):
                    cur.body_lines.append(line)  # the title repeated, or its subtitle
                else:
                    cur.title_lines.append(line)  # a title broken over two lines
            elif cur is not None and not bullet and cjk_count(cur.body) < MIN_CHUNK_CJK:
                cur.body_lines.append(line)
            else:
                close()
                title = bullet.group("title") if bullet else line
                cur, after_end = Chunk([title], [], bullet=bool(bullet)), False
            continue
        if END_MARK.match(line):
            if cur is not None:
                cur.ended_by_mark = True
            close()
            after_end = True
            dropped += 1
            continue
        if is_boilerplate(line):
            dropped += 1
            continue
        if DATE_LINE.match(line):
            if cur is not None and cur.bullet:
                close()  # a listing item ends with its date line
            dropped += 1
            continue
        if cur is None:
            listing_chrome = bool(chunks) and chunks[-1].bullet
            if after_end or listing_chrome or URL.search(line):
                dropped += 1
                continue
            cur = Chunk()
        cur.body_lines.append(line)
    close()

    kept = [c for c in chunks if cjk_count(c.text) >= MIN_CHUNK_CJK and not is_contents(c)]
    dropped_chunks = len(chunks) - len(kept)
    dropped += sum(len(c.title_lines) + len(c.body_lines) for c in chunks if c not in kept)
    return Split(kept, dropped, dropped_chunks)
