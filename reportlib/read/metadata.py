"""Metadata read from a report's own words: place, year, type, date, speaker, session.

Titles of listing pages are often wrong (a 2012 report listed as 2021), so ``year`` follows
what the report reviews and plans; the title's claim is kept in ``title_year``. The place is
read where reports state it (:func:`find_place`), from China's whole division tree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reportlib.lexicon import doc_type_patterns
from reportlib.read import places
from reportlib.read.numerals import cn_to_int, replace_cn_years
from reportlib.read.places import Place
from reportlib.read.segment import is_report_title

HEADER_CHARS = 600  # the report's header: title, date, session, speaker, salutation

YEAR = re.compile(r"((?:19|20)\d\d)年")
MEETING_DATE = re.compile(  # 2021年1月13日在…会议 / 二〇二三年一月十日在…会议
    r"((?:19|20)\d\d)\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:在|于)?[^。]{0,40}?会议"
)
# the date line under a report's title, in brackets on a line of its own: (2022年1月5日)
DATE_LINE = re.compile(
    r"^\s*[(（]\s*((?:19|20)\d\d)\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]\s*$", re.MULTILINE)
SESSION = re.compile(
    r"第?\s*([一二三四五六七八九十]{1,3})\s*届\s*人民代表大会\s*(常务委员会)?\s*"
    r"第\s*([一二三四五六七八九十]{1,4})\s*次\s*会议\s*上"  # 上: where it was delivered
)
# 区长王华 / 代理区长钟晓咏 / 自治区主席 艾尔肯·吐尼亚孜 / 发展和改革委员会主任王志华, then the
# salutation, a line end or 作(政府工作)报告.
OFFICE = r"(?:区长|主任|局长|市长|县长|省长|旗长|州长|盟长|主席)"
SPEAKER = re.compile(
    r"(?P<title>(?:[\u4e00-\u9fff]{2,14}?(?:委员会|局|办公室))?(?:代理|代|常务副|副)?" + OFFICE + r")"
    r"[ \t]*(?P<name>[\u4e00-\u9fff]{2,3}(?:·[\u4e00-\u9fff]{2,8})?)"
    r"(?=\s*(?:各位|主任、|受|\n|$|作(?:政府)?工作报告))"
)
# Where a report names its own place: the meeting line, the speaker line, 我代表…人民政府.
MEETING_PLACE = re.compile(
    r"在(?P<chain>[\u4e00-\u9fff]{1,30}?)\s*第?\s*[一二三四五六七八九十]{1,3}\s*届\s*人民代表大会")
# The organ that speaks or is spoken to, opening a line: 嘉定区发展和改革委员会 / 上海市嘉定区人民代表大会常务委员会:
ORGAN = re.compile(
    r"^(?P<chain>[\u4e00-\u9fff]{2,24}?)(?:人民政府|发展和改革委员会|发展改革委员会|人民代表大会常务委员会)",
    re.MULTILINE)
# The session a review starts from or fulfils: 自X县十五届人大一次会议以来 / 完成了X县十五届人代会确定的.
SESSION_REF = re.compile(
    r"(?:自|完成了|完成)(?P<chain>[\u4e00-\u9fff]{1,20}?)第?[一二三四五六七八九十]{1,3}届人(?:大|代会|民代表大会)")
REPRESENT = re.compile(r"我代表(?P<chain>[\u4e00-\u9fff]{1,30}?)(?:人民)?政府")
OWN_GOVERNMENT = re.compile(r"(?:人民)?政府$")
# A later page of a report: no title, it opens at a numbered part past the first (二、 / (三)).
LATER_PART = re.compile(r"^(?:[二三四五六七八九十]{1,2}、|[(（][二三四五六七八九十]{1,2}[)）])")
OWN_UNIT = re.compile(r"(?:全|本|我)(?:区|县|市|省|旗|州|盟)")
# What a report reviews and plans, strongest first; each gives the year the report is for.
PLAN_PAIR = re.compile(r"((?:19|20)\d\d)年[^。\n]{0,20}?计划执行情况[^。\n]{0,6}?(?:与|和|及)"
                       r"\s*((?:19|20)\d\d)年")
HALF_YEAR = re.compile(r"((?:19|20)\d\d)年上半年")
REVIEW_HEADING = re.compile(r"((?:19|20)\d\d)年(?:政府)?工作回顾")
PLAN_HEADING = re.compile(  # at the text's start or after a space or 。:、】 (tested after 19/20: a fast scan)
    r"((?:19|20)(?<![^\s。:、】]..)\d\d)年(?:的)?(?:主要任务|主要工作|工作安排|工作任务|"
    r"重点工作|主要预期目标|经济社会发展的主要(?:预期)?目标)"
    r"(?![^\n。]{0,24}(?:成就|回顾|成效|完成情况))"  # 2025年主要工作和“十四五”发展成就 reviews 2025
)
ESTIMATED_YEAR = re.compile(r"预计((?:19|20)\d\d)年(?:全年|全[省市区县旗州盟])?")
YEAR_OF_TASKS = re.compile(r"做好((?:19|20)\d\d)年(?:经济社会发展|政府)?工作")
OPENING_TITLE = re.compile(r"\s*(?:19|20)\d\d年[\u4e00-\u9fff]{0,12}?政府工作报告")  # 2020年…政府工作报告
CLOSING = re.compile(r"[。!?…”」』)》]$")  # how a complete report's last line ends
TRAILING_JUNK = ";,、|"  # with spaces: what may follow a complete report's last sentence


@dataclass
class Metadata:
    """What the text says about itself; ``warnings`` are machine-readable notes."""

    doc_type: str = "other"
    place: Place | None = None
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


# A place name the division tree may not hold (a county renamed since): 2-8 characters and a level
# word, where a title or a statement puts a place (after a year, at the start) and before what
# follows one there (政府, 两会, 第…届, a year, a speaker's office).
STATED_NAME = re.compile(
    r"(?:^(?:关于)?|(?<=[年\d\s《(（“]))"
    r"(?![年度])(?P<name>[\u4e00-\u9fff]{2,8}?(?:自治县|自治旗|自治州|自治区|特别行政区|新区|林区|地区|县|区|市|旗|盟|州|省))"
    r"(?=人民政府|政府|两会|第|(?:19|20)\d\d|〇|二〇|《|国民经济|人民代表大会|(?:代理|代|常务副)?[区县市旗州盟省]长|\s|$)")
NOT_A_NAME = re.compile(r"政府|人民|人大|代表|会议|工作|报告|委员|全[省市区县旗州盟]|本[省市区县旗州盟]")
SUFFIX_LEVEL = (("自治区", "province"), ("特别行政区", "province"), ("省", "province"), ("自治州", "prefecture"),
                ("地区", "prefecture"), ("州", "prefecture"), ("盟", "prefecture"))


def _stated_name(text: str, parent: Place | None = None) -> Place | None:
    """The first place name ``text`` states that the tree does not know, with its level from its
    ending (市: a county-level city under a prefecture, else a prefecture); None when there is none.
    With ``parent`` the name must open ``text`` (the rest of 临沂市苍山县 after 临沂市)."""
    found = [STATED_NAME.match(text)] if parent else STATED_NAME.finditer(text)
    for m in filter(None, found):
        name = m.group("name")
        if NOT_A_NAME.search(name) or places.places_by_name().get(name) or places.scan(name, short=parent is None):
            continue
        level = next((lvl for suffix, lvl in SUFFIX_LEVEL if name.endswith(suffix)), "county")
        if name.endswith("市"):
            level = "county" if parent and parent.level == "prefecture" else "prefecture"
        if parent is None:
            return Place(name, level, "")
        if places.DEPTH[level] <= places.DEPTH[parent.level]:
            return None
        province = parent.province or parent.name
        return Place(name, level, "", province, parent.name if parent.level == "prefecture" else "")
    return None


def _chain_place(chain: str, context: str, level: str = "") -> Place | None:
    """The place a statement names: the deepest known name, or an unknown name qualified by it
    (临沂市苍山县: 苍山县 of 临沂市, no code) standing right after it."""
    found = places.scan(chain)
    place = places.resolve([n for _, n in found], context, level) if found else None
    if place is None and len(found) > 1:  # a short name inside a longer one (棋盘山 holds 盘山): dropped
        full = [n for _, n in found if places.lookup(n).level]
        found = [(i, n) for i, n in found if n in full or places.resolve([*full, n], context, level)]
        place = places.resolve([n for _, n in found], context, level) if full and found else None
    if place is not None and place.level != "county":
        offset, name = found[-1]
        return _stated_name(chain[offset + len(name):], place) or place
    return place


# A report's title printed as a headline, the report's name quoted at its end: 2012年X县两会《政府工作报告》.
HEADLINE = re.compile(r"^[^。!?]{0,40}《[^》]{0,30}政府工作报告[^》]{0,6}》\s*(?:全文|[(（]全文[)）])?$")


def header_title(header: str) -> str:
    """A report title on a line of the header where no title was found (after a site's chrome), or "";
    only before the report begins (a sentence, 各位代表), where a heading (一、…计划执行情况) is no title."""
    for line in header.split("\n")[:12]:
        line = line.strip()
        if "。" in line or line.startswith("各位代表"):
            break
        if line and (is_report_title(line) or HEADLINE.match(line)):
            return line
    return ""


def place_sources(title: str, header: str, fields: dict[str, str] | None = None,
                  speaker_title: str = "") -> list[tuple[str, str]]:
    """(where, text) of every statement of the report's own place, strongest first; with no title,
    a report title on a line of the header (after a site's chrome) serves as the title."""
    title = title or header_title(header)
    found = [("title", title)] if title else []
    found += [("meeting", m.group("chain")) for m in MEETING_PLACE.finditer(header)]
    m = SPEAKER.search(header)
    if m:
        line_start = header.rfind("\n", 0, m.start()) + 1
        found.append(("speaker", header[line_start:m.start("name")]))
    found += [("represent", m.group("chain")) for m in REPRESENT.finditer(header)]
    found += [("organ", m.group("chain")) for m in ORGAN.finditer(header)]
    for key in ("place", "title"):
        if fields and fields.get(key):
            found.append((f"wrapper_{key}", fields[key]))
    found += [("session_ref", m.group("chain")) for m in SESSION_REF.finditer(header)]
    return found


def find_place(title: str, header: str, body: str, fields: dict[str, str] | None = None,
               speaker_title: str = "") -> tuple[Place | None, str]:
    """The place whose government delivered the report, and where it was read ("" if nowhere).

    The first statement that names one place wins; a later one may only make it more precise
    (上海市 → 徐汇区). Names in slogans, partner lists or comparisons are never read: only the
    body, as a last resort, is searched, by full names (``place_from_body``).

    >>> find_place("", "2026年1月14日在浙江省第十四届人民代表大会第四次会议上\\n浙江省省长刘捷", "")[0].name
    '浙江省'
    """
    level = places.level_of_title(speaker_title)
    best: Place | None = None
    where = ""
    for source, text in place_sources(title, header, fields, speaker_title):
        place = _chain_place(text, body, level)
        if place is None:
            continue
        if best is None:
            best, where = place, source
        elif place.is_within(best) and place.name != best.name:
            best = place  # a more precise statement of the same place
    if best is not None:
        return best, where
    for source, text in place_sources(title, header, fields, speaker_title):
        stated = _stated_name(text)  # a place stated by a name the tree lacks outranks the body
        if stated is not None:
            return stated, source
    place = places.body_place(body)
    if place is None and level_of_represent(header):
        place = places.body_place_by_short_name(body, level_of_represent(header))
    return place, ("body" if place else "")


# Statements of a report's place that every report has; naming the absent ones says what was missing.
EXPECTED_SOURCES = ("title", "meeting", "speaker", "represent")


def place_evidence(title: str, header: str, fields: dict[str, str] | None = None) -> str:
    """What :func:`find_place` read where no place was found: ``where=text`` of each statement,
    ``|``-separated (the words of :func:`explain_place_unknown`), e.g. ``title=政府工作报告|speaker=区长``."""
    seen: dict[str, str] = {}
    for where, text in place_sources(title, header, fields):
        seen.setdefault(where, re.sub(r"[|=;:\s]+", " ", text).strip()[:24])
    return "|".join(f"{w}={t}" for w, t in seen.items())


def explain_place_unknown(evidence: str, lang: str = "en") -> str:
    """The reason a report's place could not be told, in words: what was read, what was missing."""
    from reportlib.lexicon import read_rows

    words = {r["value"]: (r["label_zh"], r["label_en"]) for r in read_rows("value_labels.csv")
             if r["column"] == "place_source"}
    seen = dict(part.split("=", 1) for part in evidence.split("|") if "=" in part)
    name = {w: words.get(w, (w, w))[lang == "en"] for w in (*seen, *EXPECTED_SOURCES, "body")}
    missing = [name[w] for w in EXPECTED_SOURCES if w not in seen]
    if lang == "en":
        read = [f"{name[w]} «{t}»" if t else name[w] for w, t in seen.items()]
        parts = [f"{', '.join(read)} name{'s' if len(read) == 1 else ''} no known place" if read else ""]
        parts.append("there is no " + " and no ".join(m.removeprefix("the ") for m in missing) if missing else "")
        parts.append(f"{name['body']} names no place unambiguously")
        return "place could not be told: " + "; ".join(p for p in parts if p)
    read = [f"{name[w]}「{t}」" if t else name[w] for w, t in seen.items()]
    parts = [f"{'、'.join(read)}中没有可识别的地名" if read else ""]
    parts.append(f"没有{'、'.join(missing)}" if missing else "")
    parts.append(f"{name['body']}中也没有可确定的地名")
    return "无法确定所属地区：" + "；".join(p for p in parts if p)


def left_out_reason(doc_type: str, evidence: str, lang: str = "en") -> str:
    """Why a document is kept out of the study, in words: not a report, or its place's evidence."""
    if doc_type == "other":
        from reportlib.lexicon import read_rows

        row = next(r for r in read_rows("value_labels.csv") if (r["column"], r["value"]) == ("left_out", "other"))
        return row["label_en" if lang == "en" else "label_zh"]
    return explain_place_unknown(evidence, lang)


def level_of_represent(header: str) -> str:
    """The level of 我代表市人民政府 / 我代表县人民政府 with no name: city (a prefecture or a
    county-level 市), prefecture, county or province; "" when the place is named."""
    m = REPRESENT.search(header)
    chain = m.group("chain") if m else ""
    return {"市": "city", "州": "prefecture", "盟": "prefecture", "区": "county", "县": "county",
            "旗": "county", "省": "province", "自治区": "province"}.get(chain, "")


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
    for m in PLAN_HEADING.finditer(view):  # where the heading's opening mark is, as before
        candidates.append((max(m.start() - 1, 0), int(m.group(1))))
    for m in YEAR_OF_TASKS.finditer(view):
        candidates.append((m.start(), int(m.group(1))))
    if candidates:
        votes = Counter(year for _, year in candidates)
        best = max(votes.values())
        return min(pos_year for pos_year in candidates if votes[pos_year[1]] == best)[1]
    if meeting_date:
        year, month = int(meeting_date[:4]), int(meeting_date[5:7])
        return year + 1 if month >= 10 else year
    if doc_type == "work_report":
        # no heading and no date: the year whose figures the review estimates (预计2012年…) was
        # the last, so the report is for the next (the estimate rule of the spec, read backwards)
        estimated = [int(m.group(1)) for m in ESTIMATED_YEAR.finditer(view[:5000])]
        if estimated:
            return max(estimated) + 1
    return None


# 十九届二中、三中、四中全会 / 十八届三中四中全会 / 党的十九大: the central meetings a review cites.
PLENUMS = re.compile(r"(十[六七八九]|二十)届((?:[一二三四五六七]中(?:全会)?[、,，和及与]?)+)全会")
CONGRESS = re.compile(r"党的(十[六七八九]|二十)大")


def plenum_year(text: str) -> int | None:
    """The year after the latest central plenum or congress the first pages cite (二十届三中全会,
    2024 → 2025): the year of a report that states none of its own; None when it cites none listed."""
    from reportlib.lexicon import read_rows

    held = {r["meeting"]: int(r["held"][:4]) for r in read_rows("party_meetings.csv")}
    view = text[:4000]
    cited = [f"{m.group(1)}届{n}全会" for m in PLENUMS.finditer(view)
             for n in re.findall(r"[一二三四五六七]中", m.group(2))]
    cited += [f"{m.group(1)}大" for m in CONGRESS.finditer(view)]
    years = [held[c] for c in cited if c in held]
    return max(years) + 1 if years else None


def find_meeting_date(header: str) -> str:
    """ISO date of the session where the report was delivered, or "".

    >>> find_meeting_date("——二〇二三年一月十日在上海市徐汇区第十六届人民代表大会第三次会议上")
    '2023-01-10'
    >>> find_meeting_date("2021年1月18日在上海市普陀区第十六届人民代表大会第七次会议上")
    '2021-01-18'
    >>> find_meeting_date("东乌旗人民政府代旗长周玉龙\\n(2022年1月5日)\\n各位代表:")
    '2022-01-05'
    """
    view = replace_cn_years(header)
    m = MEETING_DATE.search(view) or DATE_LINE.search(view)
    if not m:
        return ""
    month, day = (int(g) if g.isdigit() else cn_to_int(g) for g in m.group(2, 3))
    if not (month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{int(m.group(1)):04d}-{month:02d}-{day:02d}"


def find_speaker(header: str) -> tuple[str, str]:
    """(speaker, speaker_title) from the header, place prefix removed.

    >>> find_speaker("上海市徐汇区发展和改革委员会主任王志华\\n主任、各位副主任")
    ('王志华', '发展和改革委员会主任')
    """
    m = SPEAKER.search(header)
    if not m:
        return "", ""
    title = m.group("title")
    for _, name in places.scan(title):
        title = title.split(name)[-1]
    title = re.sub(r"^(?:自治区|省|市|区|县|旗|州|盟)?(?:人民)?政府", "", title)
    title = re.sub(r"^(?:自治区|省)(?=主席|省长)", "", title)
    return m.group("name"), title


def is_truncated(text: str) -> bool:
    """A text whose last line stops mid-sentence (no closing punctuation) was cut off."""
    text = text.rstrip()
    start, end = text.rfind("\n") + 1, len(text)  # the last line, read from its end: cheap on any length
    while end > start and (text[end - 1] in TRAILING_JUNK or text[end - 1].isspace()):
        end -= 1
    return end > start and not CLOSING.match(text, end - 1, end)


def is_fragment(text: str) -> bool:
    """A later page of a report: it opens at a numbered part past the first and speaks of its own unit."""
    first = text.lstrip().split("\n", 1)[0]
    return bool(LATER_PART.match(first)) and len(OWN_UNIT.findall(text)) >= 3


def _title_year(title: str, text: str) -> int | None:
    view_title = replace_cn_years(title)
    if not view_title:  # no title line: a report name opening the text serves as title
        m = OPENING_TITLE.match(replace_cn_years(text[:80]))
        view_title = m.group(0) if m else ""
    m = PLAN_PAIR.search(view_title) or YEAR.search(view_title)
    return int(m.groups()[-1]) if m else None


def read_metadata(title: str, text: str, *, ended_by_mark: bool = False,
                  fields: dict[str, str] | None = None) -> Metadata:
    """All metadata of one chunk of cleaned text (``title`` may be empty; ``fields``: a wrapper's)."""
    fields = fields or {}
    header = text[:HEADER_CHARS]
    meta = Metadata(doc_type=detect_doc_type(title, header))
    if meta.doc_type == "other" and fields.get("title"):
        meta.doc_type = detect_doc_type(fields["title"], "")
    if meta.doc_type == "other" and not title and is_fragment(text):
        meta.doc_type = "work_report"
        meta.warnings.append("fragment")
    meta.title_year = _title_year(title or header_title(header), text)
    if meta.title_year is None and fields.get("title"):
        meta.title_year = _title_year(fields["title"], "")
    meta.meeting_date = find_meeting_date(header)
    m = SESSION.search(header)
    if m:
        meta.session = f"第{m.group(1)}届人民代表大会{m.group(2) or ''}第{m.group(3)}次会议"
    meta.speaker, meta.speaker_title = find_speaker(header)
    if meta.doc_type == "other":  # no government delivered a news item: it has no place
        meta.year = meta.title_year
        return meta
    meta.place, where = find_place(title, header, text, fields, meta.speaker_title)
    meta.year = content_year(text, meta.doc_type, meta.meeting_date) or meta.title_year
    if meta.title_year and meta.year and meta.title_year != meta.year:
        meta.warnings.append("title_year_mismatch")
    if meta.year is None:
        meta.year = plenum_year(text)
        meta.warnings.append("year_inferred" if meta.year else "year_unknown")
    if meta.place is None:
        meta.warnings.append("place_unknown:" + place_evidence(title, header, fields))
    elif where == "body":
        meta.warnings.append("place_from_body")
    elif not places.places_by_name().get(meta.place.name):
        meta.warnings.append(f"place_not_in_tree:{meta.place.name}")
    if meta.place is not None and meta.place.current:
        meta.warnings.append(f"place_now:{meta.place.current}")
    if not ended_by_mark and is_truncated(text):
        meta.warnings.append("truncated")
    return meta
