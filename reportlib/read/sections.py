"""Section headings of a report: levels, numbers, heading text, roles and spans.

Headings often run straight into the body (``一、2020年工作回顾过去一年,…``) and enumerations
look like headings (``一、二级预算单位``, ``十、百、千``). A heading counts only where it starts a
line or follows a sentence end, and only when its number is the next one expected among its
siblings; its level comes from nesting (a style seen above it makes it deeper).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from reportlib.lexicon import heading_roles, read_rows
from reportlib.read.numerals import cn_to_int, replace_cn_years
from reportlib.records import Section

CN = "一二三四五六七八九十"
# Each style: (name, rank, pattern). Rank orders nesting: 0 is outermost.
MARKERS = [
    ("part", 0, re.compile(rf"第([{CN}]{{1,3}})部分")),  # 第一部分
    ("bracket", 1, re.compile(rf"【([{CN}]{{1,3}})】")),  # 【一】
    ("dun", 1, re.compile(rf"([{CN}]{{1,3}})、")),  # 一、
    ("paren", 2, re.compile(rf"\(([{CN}]{{1,3}})\)")),  # (一)
    ("arabic", 3, re.compile(r"(\d{1,2})[.、](?!\d)")),  # 1. / 1、
]
SENTENCE_END = "。!?;:”」)】\n"  # a heading follows one of these (then optional spaces)
ENUMERATION = re.compile(rf"[{CN}](?:、|级|期|批|类|个|是|大|项)")  # 一、二级 / 二、三期
YEAR_HEADING = re.compile(
    r"^(?:(?:19|20)\d\d年(?:政府)?(?:工作回顾|主要任务|工作安排|主要工作|工作任务|重点工作)"
    r"|[^,。;:、\d]{4,24})$"
)
STANDALONE_ROLES = {"glossary", "governance"}  # unnumbered lines that may head a top part
NEWLINE = re.compile("\n")
SPAN_END = re.compile(r"[\n。!?;:]| (?=\S)")  # a heading never crosses these
QUOTED = re.compile(r"《[^》]*》")  # a cited title inside a heading is kept whole
MAX_CLAUSE = 30  # a second clause longer than this is body text


@dataclass
class _Heading:
    style: str
    rank: int
    number: str
    start: int
    text_start: int


# A year that opens a body after a run-in heading: "2021年" at the end, or "2021年是/以来/我区…".
YEAR_OPENS_BODY = r"(?:19|20)\d\d年(?:$|是|,|以来|我区|全区|,我们|要|的主要)"


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """Each cue of ``heading_cues.csv`` as one alternation of its words, in file order."""
    words: dict[str, list[str]] = {}
    for r in read_rows("heading_cues.csv"):
        words.setdefault(r["cue"], []).append(re.escape(r["word"]))
    extra = {"body_start": [YEAR_OPENS_BODY]}
    return {cue: re.compile("(?:" + "|".join(extra.get(cue, []) + ws) + ")") for cue, ws in words.items()}


def role_of(heading: str) -> str:
    """Role of a heading from ``heading_roles.csv``: review, targets, tasks, …, else other.

    >>> role_of("2020年工作回顾"), role_of("今后五年的奋斗目标和主要任务"), role_of("加强政府自身建设")
    ('review', 'outline', 'governance')
    """
    view = replace_cn_years(heading)
    for role, pattern in heading_roles():
        if pattern.search(view):
            return role
    return "other"


def heading_text(text: str, start: int) -> str:
    """The heading that begins at ``start``, cut where the run-in body begins.

    A heading runs to the sentence end and may hold two clauses (``A,B``); a third clause, a
    body cue (过去一年, 今年是 …) or a lead sentence glued on without punctuation ends it.

    >>> heading_text("2020年工作回顾过去一年,我们在区委坚强领导下", 0)
    '2020年工作回顾'
    >>> heading_text("坚持平战结合,新冠肺炎疫情防控有力。全区上下", 0)
    '坚持平战结合,新冠肺炎疫情防控有力'
    >>> heading_text("新冠肺炎疫情防控取得阶段性成果打好疫情防控阻击战。区委区政府成立领导小组", 0)
    '新冠肺炎疫情防控取得阶段性成果'
    """
    span = SPAN_END.split(text[start:start + 300], maxsplit=1)[0].strip()
    clauses = span.split(",")
    cues = _cues()
    kept: list[str] = []
    for i, clause in enumerate(clauses[:2]):
        cut = _body_cue(clause, cues, first=(i == 0))
        if cut is not None:
            kept.append(clause[:cut])
            break
        if i == 1 and len(clause) > 12:
            split = _split_lead_sentence(clause, cues)
            if len(split) < len(clause) or len(clause) <= MAX_CLAUSE:
                kept.append(split)
            break
        kept.append(clause)
    heading = ",".join(kept)
    if len(kept) == 1 and len(heading) > 16:
        heading = _split_lead_sentence(heading, cues)
    return heading.strip(" ,")


def _body_cue(clause: str, cues: dict[str, re.Pattern[str]], *, first: bool) -> int | None:
    """Where a body cue starts inside ``clause`` (not at its very start), else None."""
    view = replace_cn_years(QUOTED.sub(lambda m: "《" + "x" * (len(m.group()) - 2) + "》", clause))
    for m in cues["body_start"].finditer(view):
        if m.start() >= 4:
            return m.start()
        if not first and m.start() == 0:
            return 0
    return None


def _split_lead_sentence(span: str, cues: dict[str, re.Pattern[str]]) -> str:
    """Cut a heading from the lead sentence glued to it: the last heading-ending word that is
    directly followed by a lead-sentence opening word, leaving at least 6 characters each side.
    """
    best = None
    for m in cues["heading_end"].finditer(span):
        end = m.end()
        if 6 <= end <= len(span) - 4 and cues["lead_start"].match(span, end):
            best = end
            break
    return span[:best] if best else span


def _follows_sentence_end(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def _table_tails(text: str) -> list[int]:
    """For each line (in order), the last offset from which the rest of the line reads as a table
    row (a `` | `` or a final ``|`` after it), or -1: one pass, not a line scan per candidate heading."""
    tails, pos = [], 0
    for line in text.split("\n"):
        last = line.rfind(" | ")
        tails.append(pos + len(line) - 1 if line.endswith("|") else pos + last if last >= 0 else -1)
        pos += len(line) + 1
    return tails


def _candidates(text: str) -> list[_Heading]:
    found: list[_Heading] = []
    line_starts = [0] + [m.end() for m in NEWLINE.finditer(text)]
    tails = _table_tails(text)
    for style, rank, pattern in MARKERS:
        for m in pattern.finditer(text):
            if not _follows_sentence_end(text, m.start()):
                continue
            if m.start() <= tails[bisect_right(line_starts, m.start()) - 1]:
                continue  # a numbered table row, not a heading
            if style == "dun" and ENUMERATION.match(text, m.end()):
                continue
            number = m.group(1)
            found.append(_Heading(style, rank, number, m.start(), m.end()))
    # Unnumbered top-level lines: year headings (2024年工作回顾) and glossary/governance parts.
    view = replace_cn_years(text)
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        vline = view[pos:pos + len(line)].strip()
        if stripped and YEAR_HEADING.match(vline) and not stripped.startswith(("表", "图")):
            is_year = bool(re.match(r"(?:19|20)\d\d年", vline))
            if is_year or role_of(stripped) in STANDALONE_ROLES:
                start = pos + line.index(stripped)
                found.append(_Heading("line", 0, "", start, start))
        pos += len(line) + 1
    return sorted(found, key=lambda h: (h.start, h.rank))


def _accept(candidates: list[_Heading]) -> list[tuple[_Heading, int]]:
    """Keep headings whose number is the next expected among their siblings; give levels."""
    accepted: list[tuple[_Heading, int]] = []
    stack: list[_Heading] = []
    expected: dict[tuple[int, str], int] = {}  # (id of parent, style) → next number
    for h in candidates:
        if h.style != "line":
            value = cn_to_int(h.number) if not h.number.isdigit() else int(h.number)
            parents = [s for s in stack if s.rank < h.rank]
            key = (id(parents[-1]) if parents else 0, h.style)
            if value != expected.get(key, 1):
                continue
            expected[key] = value + 1
        while stack and stack[-1].rank >= h.rank:
            stack.pop()
        stack.append(h)
        accepted.append((h, len(stack)))
    return accepted


def _section_ends(accepted: list[tuple[_Heading, int]], text_end: int) -> list[int]:
    """Where each section ends: at the next heading of its level or above (one backward pass
    with a stack, not a scan ahead per heading)."""
    ends = [text_end] * len(accepted)
    open_: list[int] = []  # indices of later headings, levels strictly rising from the top down
    for i in range(len(accepted) - 1, -1, -1):
        level = accepted[i][1]
        while open_ and accepted[open_[-1]][1] > level:
            open_.pop()
        if open_:
            ends[i] = accepted[open_[-1]][0].start
        open_.append(i)
    return ends


def find_sections(doc_id: str, text: str) -> list[Section]:
    """Sections of one document, in order, tiling it without gaps at level 1.

    Text before the first heading is a level-1 section with an empty heading (``other``).
    """
    accepted = _accept(_candidates(text))
    sections: list[Section] = []
    first = accepted[0][0].start if accepted else len(text)
    if first > 0:
        sections.append(Section(doc_id, 1, "", "", "other", 0, first))
    roles: dict[int, str] = {}
    ends = _section_ends(accepted, len(text))
    for i, (h, level) in enumerate(accepted):
        if h.style == "line":
            line_end = text.find("\n", h.start)
            heading = text[h.start:line_end if line_end >= 0 else len(text)].strip()
        else:
            heading = heading_text(text, h.text_start)
            if not heading and h.style == "bracket":  # 【一】 alone, its heading on the next line
                nl = text.find("\n", h.text_start)
                heading = heading_text(text, nl + 1) if nl >= 0 else ""
        end = ends[i]
        own = role_of(heading)
        parent_role = roles.get(level - 1, "other")
        if level > 1 and parent_role == "glossary":
            continue  # a glossary's numbered items are its entries, not headings
        role = own if level == 1 or own in ("targets", "glossary") else parent_role
        if level > 1 and parent_role == "other":
            role = own
        roles[level] = role
        sections.append(Section(doc_id, level, h.number, heading, role, h.start, end))
    return sections
