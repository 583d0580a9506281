"""Metadata read from a report's own words: district, year, type, date, speaker, session.

Titles of listing pages are often wrong (a 2012 report listed as 2021), so ``year`` follows
what the report reviews and plans; the title's claim is kept in ``title_year``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reportlib.lexicon import District, district_by_name, districts, doc_type_patterns
from reportlib.read.numerals import cn_to_int, replace_cn_years

HEADER_CHARS = 600  # the report's header: title, date, session, speaker, salutation

YEAR = re.compile(r"((?:19|20)\d\d)年")
MEETING_DATE = re.compile(  # 2021年1月13日在…会议 / 二〇二三年一月十日在…会议
    r"((?:19|20)\d\d)\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:在|于)?[^。]{0,40}?会议"
)
SESSION = re.compile(
    r"第\s*([一二三四五六七八九十]{1,3})\s*届\s*人民代表大会\s*(常务委员会)?\s*"
    r"第\s*([一二三四五六七八九十]{1,4})\s*次\s*会议\s*上"  # 上: where it was delivered
)
# 区长王华 / 代理区长钟晓咏 / 发展和改革委员会主任王志华, then the salutation or a line end.
SPEAKER = re.compile(
    r"(?P<title>(?:[\u4e00-\u9fff]{2,14}?(?:委员会|局|办公室))?(?:代理|常务副|副)?"
    r"(?:区长|主任|局长|市长|县长))\s*(?P<name>[\u4e00-\u9fff]{2,3})"
    r"(?=\s*(?:各位|主任、|受|\n|$))"
)
# What a report reviews and plans, strongest first; each gives the year the report is for.
PLAN_PAIR = re.compile(r"((?:19|20)\d\d)年[^。\n]{0,20}?计划执行情况[^。\n]{0,6}?(?:与|和|及)"
                       r"\s*((?:19|20)\d\d)年")
HALF_YEAR = re.compile(r"((?:19|20)\d\d)年上半年")
REVIEW_HEADING = re.compile(r"((?:19|20)\d\d)年(?:政府)?工作回顾")
PLAN_HEADING = re.compile(
    r"(?:^|[\s。:、】])((?:19|20)\d\d)年(?:的)?(?:主要任务|主要工作|工作安排|工作任务|"
    r"重点工作|主要预期目标|经济社会发展的主要(?:预期)?目标)"
)
YEAR_OF_TASKS = re.compile(r"做好((?:19|20)\d\d)年(?:经济社会发展|政府)?工作")
OPENING_TITLE = re.compile(r"\s*(?:19|20)\d\d年[\u4e00-\u9fff]{0,12}?政府工作报告")  # 2020年…政府工作报告
CLOSING = re.compile(r"[。!?…”」』)》]$")  # how a complete report's last line ends
TRAILING_JUNK = re.compile(r"[;,、|\s]+$")


@dataclass
class Metadata:
    """What the text says about itself; ``warnings`` are machine-readable notes."""

    doc_type: str = "other"
    district: str = ""
    district_slug: str = ""
    year: int | None = None
    title_year: int | None = None
    meeting_date: str = ""
    speaker: str = ""
    speaker_title: str = ""
    session: str = ""
    warnings: list[str] = field(default_factory=list)


def detect_doc_type(title: str, header: str) -> str:
    """work_report, plan_report, plan_midyear or other, from the title, else the header.

    >>> detect_doc_type("2021年青浦区政府工作报告", "")
    'work_report'
    >>> detect_doc_type("", "受区人民政府的委托,就本区2021年上半年国民经济和社会发展计划执行情况")
    'plan_midyear'
    """
    title, header = replace_cn_years(title), replace_cn_years(header)
    for doc_type, pattern in doc_type_patterns():
        if title and pattern.search(title):
            return doc_type
    for doc_type, pattern in doc_type_patterns():
        if pattern.search(header):
            return doc_type
    return "other"


def find_district(title: str, header: str, body: str) -> District | None:
    """The district the report is about: named in the title, else the header, else most often."""
    names = district_by_name()
    full = re.compile("|".join(sorted((d.name for d in districts()), key=len, reverse=True)))
    for part in (title, header):
        found = full.findall(part)
        if found:
            return names[Counter(found).most_common(1)[0][0]]
    short = re.compile("|".join(sorted(names, key=len, reverse=True)))
    counts = Counter(names[m].name for m in short.findall(body))
    if not counts:
        return None
    return names[counts.most_common(1)[0][0]]


def content_year(text: str, doc_type: str, meeting_date: str) -> int | None:
    """The year a report is for, from what it reviews and plans (not from its title).

    >>> content_year("一、2020年工作回顾过去一年", "work_report", "")
    2021
    >>> content_year("三、2012年主要任务2012年,是", "work_report", "")
    2012
    """
    view = replace_cn_years(text)
    if doc_type in ("plan_report", "plan_midyear"):
        m = PLAN_PAIR.search(view[:3000])
        if m:
            return int(m.group(2))
        m = HALF_YEAR.search(view[:3000])
        if m and doc_type == "plan_midyear":
            return int(m.group(1))
    candidates: list[tuple[int, int]] = []  # (position, year)
    for m in REVIEW_HEADING.finditer(view):
        candidates.append((m.start(), int(m.group(1)) + 1))
    for pattern in (PLAN_HEADING, YEAR_OF_TASKS):
        for m in pattern.finditer(view):
            candidates.append((m.start(), int(m.group(1))))
    if candidates:
        votes = Counter(year for _, year in candidates)
        best = max(votes.values())
        return min(pos_year for pos_year in candidates if votes[pos_year[1]] == best)[1]
    if meeting_date:
        year, month = int(meeting_date[:4]), int(meeting_date[5:7])
        return year + 1 if month >= 10 else year
    return None


def find_meeting_date(header: str) -> str:
    """ISO date of the session where the report was delivered, or "".

    >>> find_meeting_date("——二〇二三年一月十日在上海市徐汇区第十六届人民代表大会第三次会议上")
    '2023-01-10'
    >>> find_meeting_date("2021年1月18日在上海市普陀区第十六届人民代表大会第七次会议上")
    '2021-01-18'
    """
    m = MEETING_DATE.search(replace_cn_years(header))
    if not m:
        return ""
    month, day = (int(g) if g.isdigit() else cn_to_int(g) for g in m.group(2, 3))
    if not (month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{int(m.group(1)):04d}-{month:02d}-{day:02d}"


def find_speaker(header: str) -> tuple[str, str]:
    """(speaker, speaker_title) from the header, district prefix removed.

    >>> find_speaker("上海市徐汇区发展和改革委员会主任王志华\\n主任、各位副主任")
    ('王志华', '发展和改革委员会主任')
    """
    m = SPEAKER.search(header)
    if not m:
        return "", ""
    title = m.group("title")
    for d in districts():
        title = title.split(d.name)[-1]
    title = re.sub(r"^(?:上海市|区?人民政府|区政府)+", "", title)
    return m.group("name"), title


def is_truncated(text: str) -> bool:
    """A text whose last line stops mid-sentence (no closing punctuation) was cut off."""
    last = TRAILING_JUNK.sub("", text.rstrip().rsplit("\n", 1)[-1])
    return bool(last) and not CLOSING.search(last)


def read_metadata(title: str, text: str, *, ended_by_mark: bool = False) -> Metadata:
    """All metadata of one chunk of cleaned text (``title`` may be empty)."""
    header = text[:HEADER_CHARS]
    meta = Metadata(doc_type=detect_doc_type(title, header))
    view_title = replace_cn_years(title)
    district = find_district(title, header, text)
    if district:
        meta.district, meta.district_slug = district.name, district.slug
    if not view_title:  # no title line: a report name opening the text serves as title
        m = OPENING_TITLE.match(replace_cn_years(text[:80]))
        view_title = m.group(0) if m else ""
    m = PLAN_PAIR.search(view_title) or YEAR.search(view_title)
    meta.title_year = int(m.groups()[-1]) if m else None
    meta.meeting_date = find_meeting_date(header)
    m = SESSION.search(header)
    if m:
        meta.session = f"第{m.group(1)}届人民代表大会{m.group(2) or ''}第{m.group(3)}次会议"
    meta.speaker, meta.speaker_title = find_speaker(header)
    if meta.doc_type == "other":
        meta.year = meta.title_year
        return meta
    meta.year = content_year(text, meta.doc_type, meta.meeting_date) or meta.title_year
    if meta.title_year and meta.year and meta.title_year != meta.year:
        meta.warnings.append("title_year_mismatch")
    if meta.year is None:
        meta.warnings.append("year_unknown")
    if not district:
        meta.warnings.append("district_unknown")
    if not ended_by_mark and is_truncated(text):
        meta.warnings.append("truncated")
    return meta
