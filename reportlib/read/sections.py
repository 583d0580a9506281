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
# a heading never crosses these; a space after a joiner or before 年 is PDF spacing (过去五年及 2022 年工作回顾)
SPAN_END = re.compile(r"[\n。!?;:]|(?<![和及与暨]) (?=[^\s年])")
JOINER_END = re.compile(r"[和及与暨]$")  # a heading broken after 和 goes on on the next line
# a numbered heading's marker at a line start: such a line is never an unnumbered heading
LINE_MARKER = re.compile(rf"(?:第[{CN}]{{1,3}}部分|【[{CN}]{{1,3}}】|[{CN}]{{1,3}}、|\([{CN}]{{1,3}}\)|\d{{1,2}}[.、])")
# a junk token a site stamps at line ends (…工作回顾hd9): not part of the line's words
LINE_JUNK = re.compile(r"(?<=[^\x00-\x7f])[A-Za-z0-9]{1,4}$")
TYPE_LINE_MAX = 32  # an unnumbered heading line is at most this long
OPENING = 200  # how far into a section's body its opening words are looked for
# 2026年是…开局之年 names this year; the line a heading follows ends a sentence (or a greeting)
SENTENCE_DONE = re.compile(r"[。!?;:…]$")
# words that go on with a phrase that would close a heading (…治理现代化水平, …工作回顾和展望)
GOES_ON = re.compile(r"$|[和及与暨、的并,“(]|水平|能力|体系|进程|建设|工作|成效|情况")
PUNCTUATION = frozenset(".,。、:;!?)")  # a heading never starts with one
SENTENCE_MARK = re.compile(r"[。!?;:]")  # a line holding one is a sentence, not a heading
LINE_STYLES = ("line", "typeline", "runin")  # unnumbered headings (a whole line, or run in after a sentence)
NOT_HEADING_LINE = re.compile(r"^(?:表|图|附|——|-)|报告|说明|讲话")  # captions, titles
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
# A period that opens a body glued to a heading ending in a type word (过去五年工作回顾本届政府任期…)
PERIOD_OPENS_BODY = r"(?=本届政府|过去|今后五年|未来五年|五年来|一年来|(?:19|20)\d\d年)"
# A year heading run into a flattened text after a sentence end (…提出意见。2019年工作回顾2019年,是…)
RUN_IN_YEAR_HEADING = re.compile(  # the sentence end is matched (a fast first character), the heading after it
    r"[。!?](?:19|20)\d\d年(?:政府)?(?:工作回顾|主要任务|工作安排|主要工作|工作任务|重点工作)"
    r"(?=(?:19|20)\d\d年|过去|一年来|今年)")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """Each cue of ``heading_cues.csv`` as one alternation of its words, in file order."""
    words: dict[str, list[str]] = {}
    for r in read_rows("heading_cues.csv"):
        words.setdefault(r["cue"], []).append(re.escape(r["word"]))
    extra = {"body_start": [YEAR_OPENS_BODY]}
    return {cue: re.compile("(?:" + "|".join(extra.get(cue, []) + ws) + ")") for cue, ws in words.items()}


@cache
def _type_words() -> re.Pattern[str]:
    """The words of ``section_type_words.csv`` that make a short unnumbered line a heading."""
    return re.compile("|".join(re.escape(r["word"]) for r in read_rows("section_type_words.csv")))


@cache
def _type_then_body() -> re.Pattern[str]:
    """A section type word directly followed by a period that opens the body."""
    return re.compile(f"(?:{_type_words().pattern}){PERIOD_OPENS_BODY}")


@cache
def _openings() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(role, pattern) of ``section_openings.csv``: how the body of a section of that role opens."""
    return tuple((r["role"], re.compile(r["pattern"])) for r in read_rows("section_openings.csv"))


# 和/及/与 before a part that names its own period (…目标任务和2026年工作安排, 2025年和“十四五”时期…)
PERIOD_JOIN = re.compile(r"[和及与暨] ?(?=“?(?:(?:19|20)\d\d ?年|十[一二三四五六]五|今后|未来|过去|本届|今年))")


def role_of(heading: str) -> str:
    """Role of a heading from ``heading_roles.csv``: review, targets, tasks, …, else other.

    A heading of two parts that each name a period (“十五五”时期目标任务和2026年工作安排) heads
    the part named last, which its numbered sub-sections hold, where that part names a section
    type (``section_type_words.csv``: a bare 2015年工作情况 names none, the whole heading decides).

    >>> role_of("2020年工作回顾"), role_of("今后五年的奋斗目标和主要任务"), role_of("加强政府自身建设")
    ('review', 'outline', 'governance')
    >>> role_of("“十五五”时期目标任务和2026年工作安排"), role_of("2025年和“十四五”时期工作回顾")
    ('tasks', 'review')
    """
    view = replace_cn_years(heading)
    parts = PERIOD_JOIN.split(view)
    if len(parts) > 1 and _type_words().search(parts[-1]):
        return _role_of_words(parts[-1])
    return _role_of_words(view)


def _role_of_words(view: str) -> str:
    for role, pattern in heading_roles():
        if pattern.search(view):
            return role
    return "other"


def role_of_opening(opening: str) -> str:
    """Role of a section from how its body opens (``section_openings.csv``), else other.

    >>> role_of_opening("2025年是“十四五”收官之年。一年来,我们坚持…")
    'review'
    >>> role_of_opening("“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期")
    'outline'
    """
    found = [(m.start(), role) for role, pattern in _openings() if (m := pattern.search(opening))]
    return min(found)[1] if found else "other"


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
    raw = SPAN_END.split(text[start:start + 300], maxsplit=1)[0]
    span = raw.strip()
    if JOINER_END.search(span) and text.startswith("\n", start + len(raw)):
        span += SPAN_END.split(text[start + len(raw) + 1:start + 300], maxsplit=1)[0].strip()
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
    if (glued := _type_then_body().search(heading)) and glued.end() >= 4:
        heading = heading[:glued.end()]
    close = cues["heading_close"].search(heading)  # after a verb (加强政府自身建设…), not a subject (政府自身建设取得…)
    if close and close.start() >= 2 and not GOES_ON.match(heading, close.end()):
        heading = heading[:close.end()]
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
        if 6 <= end <= len(span) - 4 and cues["lead_start"].match(span, end) and not cues["not_lead"].match(span, end):
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
            if text[m.end():m.end() + 1] in PUNCTUATION:
                continue  # 1、.济南市政府工作报告: a page's list mark before a title, not a heading
            number = m.group(1)
            found.append(_Heading(style, rank, number, m.start(), m.end()))
    found.extend(_line_headings(text))
    found.extend(_Heading("runin", 0, "", m.start() + 1, m.start() + 1) for m in RUN_IN_YEAR_HEADING.finditer(text))
    return sorted(found, key=lambda h: (h.start, h.rank))


def _line_headings(text: str) -> list[_Heading]:
    """Unnumbered top-level lines: year headings (2024年工作回顾), glossary/governance parts, and
    lines that name a section type (“十四五”时期工作回顾) between a finished sentence and prose."""
    view = replace_cn_years(text)
    lines = text.split("\n")
    found: list[_Heading] = []
    pos = 0
    prev = ""  # the last non-empty line before this one, its junk token removed
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            style = _line_style(stripped, view[pos:pos + len(line)].strip(), prev, lines, i)
            if style:
                start = pos + line.index(stripped)
                found.append(_Heading(style, 0, "", start, start))
            prev = _without_junk(stripped)
        pos += len(line) + 1
    return found


def _line_style(stripped: str, vline: str, prev: str, lines: list[str], i: int) -> str | None:
    """``line`` (a year heading, a glossary or governance part), ``typeline`` (a line naming a
    section type) or None, for the non-empty line ``lines[i]`` after the line ``prev``."""
    if LINE_MARKER.match(stripped) or stripped.startswith(("表", "图")) or JOINER_END.search(prev[-1:]):
        return None  # a numbered heading, a caption, or the second line of a broken heading
    if YEAR_HEADING.match(vline) and (re.match(r"(?:19|20)\d\d年", vline) or role_of(stripped) in STANDALONE_ROLES):
        return "line"
    words = _without_junk(stripped)
    if (len(words) <= TYPE_LINE_MAX and not SENTENCE_MARK.search(words) and _type_words().search(words)
            and not NOT_HEADING_LINE.search(words) and SENTENCE_DONE.search(prev[-1:]) and _prose_follows(lines, i)):
        return "typeline"
    return None


def _without_junk(line: str) -> str:
    """``line`` without a site's junk token at its end (looked for in its last characters only)."""
    if not line or not (line[-1].isascii() and line[-1].isalnum()):
        return line
    tail = line[-6:]
    junk = LINE_JUNK.search(tail)
    return line[:len(line) - len(tail) + junk.start()] if junk else line


def _prose_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-empty line after ``lines[i]`` (within 3) is prose or a numbered heading."""
    for line in lines[i + 1:i + 4]:
        words = _without_junk(line.strip())
        if words:
            return len(words) >= 20 or bool(SENTENCE_DONE.search(words)) or bool(LINE_MARKER.match(words))
    return False


def _accept(candidates: list[_Heading]) -> list[tuple[_Heading, int]]:
    """Keep headings whose number is the next expected among their siblings; give levels."""
    accepted: list[tuple[_Heading, int]] = []
    stack: list[_Heading] = []
    expected: dict[tuple[int, str], int] = {}  # (id of parent, style) → next number
    numbered_top = False  # the report numbers its top parts (一、): a type line is then no top heading
    for h in candidates:
        if h.style == "typeline" and numbered_top:
            continue
        if h.style not in LINE_STYLES:
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
        numbered_top = numbered_top or (len(stack) == 1 and h.style not in LINE_STYLES)
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
        if h.style == "runin":
            heading = heading_text(text, h.start)
        elif h.style in LINE_STYLES:
            line_end = text.find("\n", h.start)
            heading = text[h.start:line_end if line_end >= 0 else len(text)].strip()
            heading = _without_junk(heading) if h.style == "typeline" else heading
        else:
            heading = heading_text(text, h.text_start)
            if not heading and h.style == "bracket":  # 【一】 alone, its heading on the next line
                nl = text.find("\n", h.text_start)
                heading = heading_text(text, nl + 1) if nl >= 0 else ""
        end = ends[i]
        own = role_of(heading)
        if level == 1 and own == "other" and heading:  # a thematic heading: how its body opens
            at = text.find(heading, h.start, h.start + 400)
            body = at + len(heading) if at >= 0 else h.text_start
            inner = accepted[i + 1][0].start if i + 1 < len(accepted) else end
            own = role_of_opening(text[body:min(inner, body + OPENING)])
        parent_role = roles.get(level - 1, "other")
        if level > 1 and parent_role == "glossary":
            continue  # a glossary's numbered items are its entries, not headings
        role = own if level == 1 or own in ("targets", "glossary") else parent_role
        if level > 1 and (parent_role == "other" or (own == "governance" and parent_role in ("tasks", "targets"))):
            role = own  # a plan's last item (加强政府自身建设) is the government's own part; a review's is reviewed
        roles[level] = role
        sections.append(Section(doc_id, level, h.number, heading, role, h.start, end))
    return sections
