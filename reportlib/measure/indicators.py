"""Indicators: every number the reports state about a known indicator, as tidy rows with their quote.

A figure becomes a row (spec: indicators) when a known indicator name (``indicators.csv``) is its
subject: in the same clause (``一般公共预算收入实现583.1亿元、增长0.4%``: a level and a growth), in
a list paired by 分别 (``合同外资、实到外资分别为8亿、6亿美元``), carried into a following clause that
is only a predicate (``…2488.4亿元,可比下降3.9%``), or as the row label of a table. What kind of
figure it is and which year it is about come from the words (预计, 上半年, 目标, 2017年, 从…到) and
from where it stands: the review of last year (actuals), the main expected targets and this
year's tasks (targets), the five-year plan's outline (plan-period targets), a table's column.

Every row keeps the verbatim ``quote`` and its offsets in the document's cleaned text, so that a
reader can check each number against the words it came from.

Conventions (spec: indicators), for the reader of the table:

- ``year`` is the year a figure is about: a work report's review → the year before the report;
  its targets → the report's year; a mid-year report → its own year; a year written next to the
  number wins (``2017年首破千亿元`` → 2017, ``力争2025年达到`` → 2025); ``从214亿元增长到近300亿元``
  in a five-year review gives the start of the period (2015) and its end.
- A five-year plan's figure (年均增长 …, 累计 …) is ``plan_period_target`` with the plan's last
  year (the report's year + 4 unless a year is named). Figures over the five years just ended
  (五年累计, 年均增长 in the review) are ``actual`` of the last year, as the gold set labels them.
- A decline is negative (下降3.9% → -3.9) and its bound turns with it: 下降1%以上 is a growth of at
  most -1 (``at_most``), so that whether a target was met compares the right way.
- A target stated in words (与经济增长保持同步, 控制在市下达指标内) is a row with no value and the
  qualifier the words give, so that "no numeric target" differs from "not found".
- Left out: quarterly and monthly figures (一季度, 1-5月), sub-items (区属…, #…), the city's or
  an industry's figures (全市生产总值, 服务业…实现增加值), sums over a list (合计…).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import pandas as pd

from reportlib.lexicon import read_rows
from reportlib.measure.flat_tables import TITLE_YEAR, Cell, table_cells, table_spans
from reportlib.measure.quantities import Quantity, find_quantities, standardise, units
from reportlib.records import INDICATOR_COLUMNS, Document, Indicator

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# The lexicon (knowledge as data)


@dataclass(frozen=True)
class IndicatorDef:
    """One canonical indicator of ``indicators.csv``."""

    id: str
    aliases: tuple[str, ...]
    unit_classes: frozenset[str]
    pct_measure: str
    heads: tuple[str, ...]
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    better: str
    gap_stop: re.Pattern[str] | None


@cache
def indicator_defs() -> dict[str, IndicatorDef]:
    """Canonical ids → their aliases, units and conventions (``indicators.csv``)."""
    defs = {}
    for r in read_rows("indicators.csv"):
        defs[r["indicator"]] = IndicatorDef(
            id=r["indicator"], aliases=tuple(a for a in r["aliases"].split("|") if a),
            unit_classes=frozenset(u for u in r["units"].split("|") if u),
            pct_measure=r["pct_measure"] or "growth",
            heads=tuple(h for h in r["heads"].split("|") if h),
            not_after=re.compile(r["not_after"]) if r["not_after"] else None,
            not_before=re.compile(r["not_before"]) if r["not_before"] else None,
            better=r["better"] or "higher",
            gap_stop=re.compile(r["gap_stop"]) if r["gap_stop"] else None,
        )
    return defs


@cache
def _alias_table() -> tuple[re.Pattern[str], dict[str, str]]:
    owner = {a: d.id for d in indicator_defs().values() for a in d.aliases}
    alternation = "|".join(re.escape(a) for a in sorted(owner, key=len, reverse=True))
    return re.compile(alternation), owner


@cache
def _qualitative() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(r["pattern"]), r["qualifier"], r["measure"])
                 for r in read_rows("qualitative_targets.csv"))


# ---------------------------------------------------------------------------------------------
# Patterns of the running text (each compiled once)

NUMBER_IN_CELL = re.compile(r"\d+(?:\.\d+)?(?:\s?[-~—–至]\s?\d+(?:\.\d+)?)?")  # 6 / 6-7 in a bare cell
SENTENCE = re.compile(r"[^。!?\n]+")  # a sentence: up to 。!? or a line end
# A clause of a sentence (or a cell of a pipe row); a comma inside 1,850.3 separates thousands.
CLAUSE = re.compile(r"(?:[^,;:|]|(?<=\d),(?=\d{3}(?!\d)))+")
FRAGMENT = re.compile(r"[^、]+")  # a fragment of a clause: 583.1亿元、增长0.4% → two
# 区属规模以上工业 / #规模以上工业总产值: a sub-item; 全市生产总值: the city's, not the district's
VOID_BEFORE = re.compile(r"(?:区属|#|全市|全国|全省)$")
DENOMINATOR_BEFORE = re.compile(r"(?:占|相当于|占全区|占全市)$")  # 占规模以上工业总产值的23.0%
LIST_JOIN = re.compile(r"^(?:、|和|及|与|以及)$")  # 合同外资、实到外资 / A和B
RESPECTIVELY = re.compile(r"分别|均")  # 分别为8亿、6亿美元 / 均完成市下达目标
BOTH = re.compile(r"均|都|双双")  # 均完成 / 均增长5%: one number for every subject of the list
QUARTER = re.compile(r"[一二三四1-4]季度|前三季度|\d{1,2}-\d{1,2}月|1至\d{1,2}月")  # not an annual figure
ESTIMATE = re.compile(r"预计")
FIRST_HALF = re.compile(r"(?<![较比同])上半年")  # 上半年增加值下降14.1% (not 较上半年收窄)
TARGET_WORD = re.compile(r"目标")  # 控制在目标4750人以内
# A year the figure is about (2017年首破千亿元); not a date, not the base of a comparison (较2019年同期).
YEAR_IN = re.compile(r"(?<![较比])((?:19|20)\d\d)年(?![\d一二三四五六七八九十]{1,2}月|以来|起|度|同期)")
REALISED = re.compile(r"完成|实现")  # a clause with its own 完成/实现 states a realised figure
# 和财政总收入在2018年均…: a co-subject the lexicon does not know, sharing the number through 均/都
CO_SUBJECT = re.compile(r"^(?:和|及|与|、)[\u4e00-\u9fff]{2,10}?(?=在?(?:(?:19|20)\d\d年)?(?:均|都))")
GROWTH_WORDS = re.compile(r"增幅|增速|增长|下降率|降低率")  # 增幅高于全市平均水平: a worded growth target
# A subject named by the words before an indicator: 四大园区实现规模以上工业总产值 (the parks'), and
# 服务业,实现增加值 (the industry's value added, not the district's GDP).
VERB_BEFORE = re.compile(r"(?:实现|完成|达到|达)$")
SUM_BEFORE = re.compile(r"合计")  # …四大特色产业,合计规模以上工业总产值: a sum over a list
OTHER_OWNER = re.compile(r"(?:业|产业|行业|企业|园区|集群|基地)$")
LIST_WORDS = re.compile(r"和|及|与|、")  # joiners between the numbers of a 分别 list
PLAN_END = re.compile(r"十([一二三四五六七八九])五")  # “十三五” → the plan ending 1955 + 5·13
PLAN_END_OF = re.compile(r"十([一二三四五六七八九])五”?(?:末|期末)")  # 从“十二五”末的19.1%
FIVE_YEARS = re.compile(r"五年|十[一二三四五六七八九]五")  # a five-year review or plan
FROM_VALUE = re.compile(r"(?:从|由)(?:“?十[一二三四五六七八九]五”?(?:末|期末)的?)?$")  # 从214亿元…到
COMPARED_VALUE = re.compile(r"(?:较|比)(?:(?P<year>(?:19|20)\d\d)年|上年|去年)(?:同期)?(?:的)?$")  # 较上年同期36
BASIS_COMPARABLE = re.compile(r"可比|同口径")
BASIS_YOY = re.compile(r"同比|比上年|较上年|比去年|较去年|较(?:19|20)\d\d年同期")
SHARE_WORDS = re.compile(r"占|比重|比例|相当于|率")  # a ratio, not a change
GROWTH_NOUN = re.compile(r"增速|增幅|增长率|降幅")  # 年均增速达10.2% is a growth
NEGATIVE_NOUN = re.compile(r"降幅")
# Verbs in the words before a number; the last one decides: 增长 → a change, 增长到/达到 → a level.
VERB = re.compile(
    r"(?P<level>降至|降到|增加到|增长到|上升到|提高到|提升到|下降到|达到|保持在|控制在|达|为|至|到)"
    r"|(?P<down>下降|减少|降低|回落|下滑|收缩)"
    r"|(?P<up>增长|增加|提高|提升|上升|收窄|扩大|增)"
)
GROWTH_AFTER = re.compile(r"^的?(?:大幅|正)?(?P<dir>增长|下降|负增长)")  # 实现了0.2%的正增长
# The words a clause may hold between its subject (or its start) and a number and still state
# that number about the subject: predicates, bases, time words, cues and joiners, nothing else.
PREDICATE = re.compile(
    r"(?:预计|力争|确保|争取|全年|当年|年内|全区|全市|其中|共计|共|并|且|而|实现了?|完成了?|达到了?|达|为|是|"
    r"同比|按|计算|可比价格|可比价|可比口径|同口径|可比|比上年|较上年同期|较上年|比去年|较上半年|比上半年|(?:较|比)(?:19|20)\d\d年(?:同期)?|"
    r"分别|均|增长率|增长了?|下降了?|增幅|降幅|增速|收窄|扩大|提高了?|提升了?|上升了?|减少了?|降低了?|回落|"
    r"年均|年平均|平均|累计|五年累计|五年|“?十[一二三四五六七八九]五”?(?:期间|时期|末|期末)?的?|"
    r"(?:19|20)\d\d年(?:底|末)?|上半年|保持在|保持|控制在|突破|超过|超|站上|首破|首次突破|首次|跨越|迈上|"
    r"降至|降到|增加到|增长到|上升到|提高到|提升到|到|至|从|由|近|接近|约|的|继续|进一步|目标|"
    r"再次|一举|成功|顺利|稳定|稳步|平稳|正|在|大关|台阶|级|“|”|\s)*"
)
TARGET_CUE = re.compile(r"主要预期目标|预期目标是|主要目标是|主要预期指标|主要目标为")  # the targets paragraph
TARGET_SWITCH = re.compile(r"(?:做好|安排|建议|确定)(?P<year>(?:19|20)\d\d)年")  # plan reports' second part
PAST_WORDS = re.compile(r"过去五年|过去的五年|五年来|回顾|五年里")
PLAN_WORDS = re.compile(r"今后五年|未来五年|今后|展望|远景|纲要|到(?:19|20)\d\d年")
SKIP_ROLES = {"glossary"}


# ---------------------------------------------------------------------------------------------
# Frames: what a figure at a position is, by default (kind and year)


@dataclass(frozen=True)
class Frame:
    """The default kind and year of a figure at a position of a document."""

    kind: str  # actual | h1_actual | target | plan_period_target | skip
    year: int


def _plan_end(match: re.Match[str]) -> int:
    return 1955 + 5 * (10 + "一二三四五六七八九".index(match.group(1)) + 1)


def _role_frame(doc: Document, role: str) -> Frame:
    y = doc.year or 0
    if role == "review":
        return Frame("h1_actual", y) if doc.doc_type == "plan_midyear" else Frame("actual", y - 1)
    if role == "outline":
        return Frame("plan_period_target", y + 4)
    if role in ("targets", "tasks", "governance"):
        return Frame("target", y)
    if role in SKIP_ROLES:
        return Frame("skip", y)
    return Frame("", y)


class Frames:
    """Default frame of every sentence of a document, from its sections and cue sentences.

    Sections give the frame (review → actuals of last year, tasks → this year's targets, outline →
    the five-year plan). Where a document has no usable sections (a plan report whose parts
    carry no numbered headings), a sentence such as ``做好2021年经济社会发展工作`` switches from the
    review of last year to this year's plan. In an outline, sentences about the plan that just
    ended (“十三五”, 过去五年) are actuals.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        y = doc.year or 0
        sections = [s for s in doc.sections if s.role != "other" or s.level == 1]
        self.starts: list[int] = []
        self.frames: list[Frame] = []
        self.roles: list[str] = []
        default = Frame("h1_actual", y) if doc.doc_type == "plan_midyear" else Frame("actual", y - 1)
        state = default
        past = False
        for sent in SENTENCE.finditer(doc.text):
            role = self._role_at(sections, sent.start())
            frame = _role_frame(doc, role)
            text = sent.group()
            if frame.kind == "":  # no section says: follow the cue sentences
                m = TARGET_SWITCH.search(text)
                if (m and int(m.group("year")) == y) or TARGET_CUE.search(text):
                    state = Frame("target", y)
                frame = state
            elif frame.kind == "plan_period_target":
                ends = [_plan_end(m) for m in PLAN_END.finditer(text)]
                if PLAN_WORDS.search(text) or any(e >= y for e in ends):
                    past = False
                elif PAST_WORDS.search(text) or any(e < y for e in ends):
                    past = True
                if past:
                    frame = Frame("actual", y - 1)
            elif frame.kind == "actual" and TARGET_CUE.search(text):
                frame = Frame("target", y)
            self.starts.append(sent.start())
            self.frames.append(frame)
            self.roles.append(role)

    @staticmethod
    def _role_at(sections, pos: int) -> str:
        role = "other"
        for s in sections:
            if s.start <= pos < s.end and (s.role != "other" or role == "other"):
                role = s.role
        return role

    def at(self, pos: int) -> Frame:
        i = max(bisect_right(self.starts, pos) - 1, 0)
        return self.frames[i] if self.frames else Frame("actual", (self.doc.year or 1) - 1)

    def role_at(self, pos: int) -> str:
        i = max(bisect_right(self.starts, pos) - 1, 0)
        return self.roles[i] if self.roles else "other"


# ---------------------------------------------------------------------------------------------
# Mentions of indicators


@dataclass(frozen=True)
class Mention:
    indicator: str
    start: int
    end: int
    denominator: bool  # 占地区生产总值 / 相当于地区生产总值: the base of a ratio, not a subject


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Indicator names in ``text[start:end]``, without those that name another thing.

    >>> [(m.indicator, m.denominator) for m in find_mentions("战略性新兴产业产值占规模以上工业总产值的23.0%", 0, 26)]
    [('strategic_emerging_output', False), ('industrial_output', True)]
    >>> [m.indicator for m in find_mentions("单位增加值综合能耗下降率", 0, 12)]  # not GDP
    ['energy_intensity']
    >>> find_mentions("知识型现代服务业占第三产业增加值比重", 0, 18)
    []
    """
    pattern, owner = _alias_table()
    defs = indicator_defs()
    found = []
    for m in pattern.finditer(text, start, end):
        d = defs[owner[m.group()]]
        before = text[max(0, m.start() - 6):m.start()]
        after = text[m.end():m.end() + 6]
        if VOID_BEFORE.search(before):
            continue
        if d.not_after and d.not_after.search(before):
            continue
        if d.not_before and d.not_before.search(after):
            continue
        found.append(Mention(d.id, m.start(), m.end(), bool(DENOMINATOR_BEFORE.search(before))))
    return found


# ---------------------------------------------------------------------------------------------
# Reading one figure


@dataclass
class Reading:
    """A figure read about one indicator, before it becomes an :class:`Indicator` row."""

    indicator: str
    measure: str
    value: float | None
    value_high: float | None
    unit: str
    qualifier: str
    basis: str
    kind: str
    year: int
    start: int  # quote span
    end: int


def _strip_quantities(text: str, offset: int, quantities: list[Quantity]) -> str:
    """``text`` (starting at ``offset``) with the numbers of ``quantities`` cut out."""
    out, pos = [], offset
    for q in quantities:
        if q.start >= pos and q.end <= offset + len(text):
            out.append(text[pos - offset:q.start - offset])
            pos = q.end
    out.append(text[pos - offset:])
    return "".join(out)


def _is_predicate(gap: str, indicator: str) -> bool:
    """True when ``gap`` holds only predicate words (and generic heads of ``indicator``)."""
    for head in sorted(indicator_defs()[indicator].heads, key=len, reverse=True):
        gap = gap.replace(head, "")
    return PREDICATE.fullmatch(gap) is not None


def _predicate_view(gap: str, *, listed: bool) -> str:
    """The gap as the predicate test sees it: ratio words, co-subjects and list joiners removed."""
    gap = CO_SUBJECT.sub("", gap)
    gap = gap.replace("占", "").replace("相当于", "").replace("比重", "").replace("比例", "")
    return LIST_WORDS.sub("", gap) if listed else gap


def _measure(q: Quantity, gap: str, after: str, d: IndicatorDef, *, table: bool) -> tuple[str, int] | None:
    """(measure, sign) of a quantity about indicator ``d``, or None when it states no measure of it."""
    verbs = list(VERB.finditer(gap))
    last = verbs[-1] if verbs else None
    unit = units().get(q.unit)
    cls = unit.cls if unit else ""
    if cls == "pp":
        return "change_pp", -1 if last and last.lastgroup == "down" else 1
    if cls == "pct":
        tail = GROWTH_AFTER.match(after)
        if GROWTH_NOUN.search(gap):
            return "growth", -1 if NEGATIVE_NOUN.search(gap) else 1
        if last and last.lastgroup in ("up", "down"):
            return "growth", -1 if last.lastgroup == "down" else 1
        if tail:
            return "growth", -1 if tail.group("dir") != "增长" else 1
        if d.pct_measure == "share" or SHARE_WORDS.search(gap):
            return "share", 1
        if table:
            return "growth", 1
        return None
    if last and last.lastgroup in ("up", "down"):
        return None  # 增加1平方米: a change in an amount, not a level
    if q.bare:
        if "money" in d.unit_classes or "usd" in d.unit_classes:
            return "level", 1
        return None
    if cls not in d.unit_classes:
        return None
    return "level", 1


FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def _signed(q: Quantity, sign: int) -> tuple[float, float | None, str]:
    """Value, range end and qualifier of a signed figure.

    A decline is negative (下降3.9% → -3.9); its bound turns round with it: 下降1%以上 is a growth
    of at most -1, so that "met" compares the right way. A declining range keeps low ≤ high.
    """
    value = q.value * sign
    high = None if q.value_high is None else q.value_high * sign
    if sign > 0:
        return value, high, q.qualifier
    if high is not None:
        value, high = high, value
    return value, high, FLIPPED.get(q.qualifier, q.qualifier)


def _unit(q: Quantity, d: IndicatorDef, shared: str) -> str:
    """The unit of a quantity, completing a bare 亿/万 from the list's unit or the indicator's."""
    if not q.bare:
        return q.unit
    if shared and units()[shared].cls in d.unit_classes:
        return shared
    if "money" in d.unit_classes:
        return q.unit + "元"
    return ""


def _kind_year(frame: Frame, lead: str, gap: str, doc_year: int, estimate: bool = False) -> tuple[str, int]:
    """Kind and year of a figure from its frame and the words before it (预计 by ``estimate``)."""
    kind, year = frame.kind, frame.year
    years = [int(m.group(1)) for m in YEAR_IN.finditer(lead)]
    explicit = years[-1] if years else None
    if estimate or ESTIMATE.search(lead):
        return "estimate", explicit or (year if kind != "plan_period_target" else doc_year - 1)
    if FIRST_HALF.search(lead) and kind in ("actual", "h1_actual"):
        return "h1_actual", explicit or year
    if TARGET_WORD.search(gap) and kind in ("actual", "h1_actual"):
        return "target", explicit or year
    if explicit is not None:
        if explicit < doc_year:
            return "actual", explicit
        if kind == "plan_period_target" or explicit > doc_year:
            return "plan_period_target", explicit  # 力争2025年达到2000亿元
        return ("target" if kind == "actual" else kind), explicit  # this year: not last year's
    if kind == "target" and "年均" in gap:
        return "plan_period_target", doc_year + 4
    return kind, year


# ---------------------------------------------------------------------------------------------
# Running text


class _TextReader:
    """Reads the running text of one document sentence by sentence."""

    def __init__(self, doc: Document, frames: Frames, skip: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.frames = frames
        self.skip = skip
        self.readings: list[Reading] = []

    def _skipped(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.skip)

    def run(self) -> list[Reading]:
        for sent in SENTENCE.finditer(self.text):
            if self._skipped(sent.start(), sent.end()):
                continue
            frame = self.frames.at(sent.start())
            if frame.kind == "skip":
                continue
            self._sentence(sent.start(), sent.end(), frame)
        return self.readings

    def _five_year_context(self, pos: int) -> bool:
        window = self.text[max(0, pos - 400):pos]
        return bool(FIVE_YEARS.search(window))

    def _sentence(self, start: int, end: int, frame: Frame) -> None:
        carried: list[Mention] = []
        carried_lead = ""  # the clause of the carried subject: its 上半年, 2011年 … still hold
        estimate = False  # 预计 holds over the clauses that follow it, until one says 完成/实现
        for clause in CLAUSE.finditer(self.text, start, end):
            c0, c1 = clause.start(), clause.end()
            text = clause.group()
            if QUARTER.search(text):
                carried = []
                continue
            subjects = [m for m in find_mentions(self.text, c0, c1)
                        if not m.denominator and not self._owned_by_other(m, c0, start)]
            quantities = find_quantities(self.text, c0, c1)
            if ESTIMATE.search(text):
                estimate = True
            elif subjects and REALISED.search(text[:max(0, quantities[0].start - c0)] if quantities else text):
                estimate = False
            lead_extra = "" if subjects else carried_lead
            if self._qualitative(c0, c1, subjects, quantities, frame, estimate):
                carried, carried_lead = subjects, text
                continue
            listed = subjects if len(subjects) >= 2 else carried if not subjects else []
            if len(listed) >= 2 and (subjects or RESPECTIVELY.search(text)) \
                    and self._respectively(c0, c1, listed, quantities, frame, lead_extra, estimate):
                carried = listed
                carried_lead = text if subjects else carried_lead
                continue
            for frag in FRAGMENT.finditer(self.text, c0, c1):
                f0, f1 = frag.start(), frag.end()
                frag_subjects = [m for m in subjects if f0 <= m.start < f1]
                frag_quantities = [q for q in quantities if f0 <= q.start and q.end <= f1]
                if frag_subjects:
                    carried = frag_subjects[:1]
                    carried_lead = text
                elif carried:
                    # a fragment that names something else ends the carried subject
                    first = frag_quantities[0].start if frag_quantities else f1
                    if not self._states_about(f0, first, carried[0].indicator):
                        carried = []
                if not carried:
                    continue
                for q in frag_quantities:
                    # the nearest name before the number is its subject (…下降1.5%森林覆盖率达到25.1%)
                    before_q = [m for m in frag_subjects if m.end <= q.start]
                    if before_q and before_q[-1] is not carried[0]:
                        carried, carried_lead = before_q[-1:], text
                    subject = carried[0]
                    anchor = subject.end if subject.start >= f0 else f0
                    if q.start < anchor:
                        continue
                    if not self._read(subject, q, anchor, c0, f1, frame, quantities, estimate,
                                      lead_extra=lead_extra,
                                      quote_start=self._quote_start(c0, min(subject.start, q.start))):
                        carried = []  # …76.4%农村居民家庭人均可支配收入23120元: another subject began
                        break

    def _respectively(self, c0: int, c1: int, listed: list[Mention], quantities: list[Quantity],
                      frame: Frame, lead_words: str, estimate: bool) -> bool:
        """Pair a list of subjects with a list of numbers (分别为8亿、6亿美元); True when it did."""
        text = self.text
        run = [listed[0]]
        for m in listed[1:]:
            if m.start < c0 and run[-1].start < c0:  # carried from an earlier clause
                run.append(m)
                continue
            if LIST_JOIN.match(text[run[-1].end:m.start]):
                run.append(m)
            else:
                break
        if len(run) < 2:
            return False
        after = [q for q in quantities if q.start >= max(run[-1].end, c0)]
        if not after:
            return False
        shared = next((q.unit for q in reversed(after) if not q.bare), "")
        # pair within each unit class: levels with levels, percentages with percentages
        by_class: dict[str, list[Quantity]] = {}
        for q in after:
            cls = "pct" if q.unit == "%" else "pp" if q.unit == "个百分点" else "level"
            by_class.setdefault(cls, []).append(q)
        paired = False
        for qs in by_class.values():
            if len(qs) == len(run):
                pairs = list(zip(run, qs, strict=True))
            elif len(qs) == 1 and BOTH.search(text[run[-1].end:qs[0].start]):
                pairs = [(m, qs[0]) for m in run]  # 均: one number for each subject
            else:
                continue
            for m, q in pairs:
                gap_start = max(run[-1].end, c0)
                self._read(m, q, gap_start, c0, c1, frame, after, estimate, lead_extra=lead_words,
                           quote_start=self._quote_start(c0, min(run[0].start, q.start))
                           if run[0].start >= c0 else c0,
                           shared_unit=shared, listed=True)
                paired = True
        return paired

    def _qualitative(self, c0: int, c1: int, subjects: list[Mention], quantities: list[Quantity],
                     frame: Frame, estimate: bool) -> bool:
        """A target stated in words (与经济增长保持同步): a row with no value; True when found."""
        if quantities or not subjects:
            return False
        clause = self.text[c0:c1]
        for pattern, qualifier, measure in _qualitative():
            m = pattern.search(clause)
            if not m:
                continue
            for s in subjects:
                if s.start - c0 >= m.end():
                    continue
                d = indicator_defs()[s.indicator]
                meas = measure
                if meas != "growth" and GROWTH_WORDS.search(clause[s.end - c0:m.start()]):
                    meas = "growth"
                elif meas == "default":
                    meas = "share" if d.pct_measure == "share" else "level"
                # a worded statement (每年都控制在…) is no estimate unless its own clause says 预计
                kind, year = _kind_year(frame, clause[:m.start()], clause[s.end - c0:m.start()],
                                        self.doc.year or 0)
                self.readings.append(Reading(s.indicator, meas, None, None, "", qualifier, "",
                                             kind, year, s.start, c0 + m.end()))
            return True
        return False

    def _quote_start(self, c0: int, start: int) -> int:
        """Where a quote begins: with the predicate words that lead its clause (全年预计实现…)."""
        if start < c0:  # a subject carried from an earlier clause: that clause's start counts
            c0 = max(self.text.rfind(ch, 0, start) for ch in ",;:。!?\n") + 1
        return c0 if PREDICATE.fullmatch(self.text[c0:start]) else start

    def _owned_by_other(self, m: Mention, c0: int, s0: int) -> bool:
        """True when the words before a mention make it another subject's (四大园区实现…产值)."""
        prefix = self.text[c0:m.start]
        if SUM_BEFORE.search(prefix):
            return True
        verb = VERB_BEFORE.search(prefix)
        if not verb:
            return False
        owner = prefix[:verb.start()]
        if owner and PREDICATE.fullmatch(owner) is None:
            return True
        previous = self.text[s0:c0].rstrip(",;: ")
        return not owner and bool(OTHER_OWNER.search(previous))

    def _gap(self, start: int, end: int, quantities: list[Quantity], *, listed: bool = False) -> str:
        """Words between a subject and its number, without the numbers and ratio bases between."""
        gap = _strip_quantities(self.text[start:end], start, quantities)
        # the base of a ratio (占规模以上工业总产值的) belongs to the predicate, as do the other
        # subjects of a 分别 list
        for m in find_mentions(self.text, start, end):
            if m.denominator or listed:
                gap = gap.replace(self.text[m.start:m.end], "")
        return gap

    def _states_about(self, start: int, end: int, indicator: str) -> bool:
        """True when ``text[start:end]`` is only a predicate, so it still speaks of ``indicator``."""
        return _is_predicate(_predicate_view(self._gap(start, end, []), listed=False), indicator)

    def _read(self, subject: Mention, q: Quantity, anchor: int, c0: int, f1: int, frame: Frame,
              quantities: list[Quantity], estimate: bool, *, lead_extra: str = "", quote_start: int,
              shared_unit: str = "", listed: bool = False) -> bool:
        """Read one number about ``subject``; False when the words between name something else."""
        text = self.text
        d = indicator_defs()[subject.indicator]
        others = [o for o in quantities if anchor <= o.start and o.end <= q.start]
        gap = self._gap(anchor, q.start, others, listed=listed)
        if not _is_predicate(_predicate_view(gap, listed=listed), subject.indicator):
            return False
        since_subject = text[subject.end:q.start] if subject.end <= q.start else gap
        if d.gap_stop and d.gap_stop.search(since_subject):
            return False
        after = text[q.end:q.end + 6]
        before = text[max(c0, q.start - 12):q.num_start]
        measure = _measure(q, gap, after, d, table=False)
        if measure is None:
            return True
        meas, sign = measure
        unit = _unit(q, d, shared_unit)
        if not unit:
            return True
        lead = lead_extra + text[c0:q.start]
        kind, year = _kind_year(frame, lead, gap, self.doc.year or 0, estimate)
        basis = ""
        if meas in ("growth", "change_pp"):
            # the basis may stand in a clause of its own: …1500亿元,按可比价格计算,比上年增长3.1%
            words = since_subject[max((o.end for o in find_quantities(since_subject)), default=0):] + gap
            if BASIS_COMPARABLE.search(words):
                basis = "comparable"
            elif BASIS_YOY.search(words):
                basis = "yoy"
        from_m = FROM_VALUE.search(text[max(c0, q.num_start - 12):q.num_start])
        cmp_m = COMPARED_VALUE.search(before)
        if cmp_m and meas in ("level", "share"):
            kind = "actual"
            year = int(cmp_m.group("year")) if cmp_m.group("year") else frame.year - 1
            basis = ""
        elif from_m and meas in ("level", "share"):
            end_m = PLAN_END_OF.search(text[max(c0, q.num_start - 12):q.num_start])
            year = _plan_end(end_m) if end_m else year - (5 if self._five_year_context(q.start) else 1)
            kind = "actual" if kind in ("actual", "estimate") else kind
        value, high, qualifier = _signed(q, sign)
        self.readings.append(Reading(subject.indicator, meas, value, high, unit, qualifier, basis,
                                     kind, year, quote_start, q.end))
        return True


# ---------------------------------------------------------------------------------------------
# Tables


def _table_readings(doc: Document, cells: list[Cell], frames: Frames) -> list[Reading]:
    readings = []
    for c in cells:
        label_mentions = [m for m in find_mentions(c.label, 0, len(c.label)) if not m.denominator]
        if not label_mentions or c.label.startswith("#"):
            continue
        d = indicator_defs()[label_mentions[0].indicator]
        frame = frames.at(c.row_start)
        column_year = TITLE_YEAR.search(c.column)
        year = (int(column_year.group(1)) if column_year else c.title_year
                or (doc.year or frame.year if c.kind == "target" else frame.year))
        quote = (c.row_start, c.row_end)
        qual = [(p, q, m) for p, q, m in _qualitative() if p.search(c.text)]
        if qual:
            _, qualifier, meas = qual[0]
            if meas == "default":
                meas = "share" if d.pct_measure == "share" else "level"
            readings.append(Reading(d.id, meas, None, None, "", qualifier, "", c.kind, year, *quote))
            continue
        cell = doc.text[c.start:c.end]
        qs = find_quantities(cell)
        if not qs and c.unit:  # a number written bare beside a unit column: 500 | 亿元
            m = NUMBER_IN_CELL.search(cell)
            cell = cell[:m.end()] + c.unit + cell[m.end():] if m else cell
            qs = find_quantities(cell)
        if len(qs) != 1:
            continue
        q = qs[0]
        gap = cell[:q.start]
        measure = _measure(q, gap, cell[q.end:], d, table=True)
        if measure is None:
            continue
        meas, sign = measure
        unit = _unit(q, d, "")
        if not unit:
            continue
        value, high, qualifier = _signed(q, sign)
        readings.append(Reading(d.id, meas, value, high, unit, qualifier, "", c.kind, year, *quote))
    return readings


# ---------------------------------------------------------------------------------------------
# Documents and the corpus


def extract_document(doc: Document) -> list[Indicator]:
    """Indicator rows of one document (tables first, then the running text around them)."""
    frames = Frames(doc)
    cells = table_cells(doc.text)
    readings = _table_readings(doc, cells, frames)
    readings += _TextReader(doc, frames, table_spans(cells)).run()
    rows = []
    seen = set()
    for r in readings:
        key = (r.indicator, r.kind, r.measure, r.year, r.value, r.value_high, r.start, r.end)
        if key in seen or r.kind in ("", "skip"):
            continue
        seen.add(key)
        value_std, unit_std = standardise(r.value, r.unit)
        rows.append(Indicator(
            doc_id=doc.doc_id, source=doc.source, district=doc.district, year=r.year,
            indicator=r.indicator, kind=r.kind, measure=r.measure, value=r.value, unit=r.unit,
            quote=doc.text[r.start:r.end], start=r.start, end=r.end, value_high=r.value_high,
            qualifier=r.qualifier, basis=r.basis, value_std=value_std, unit_std=unit_std,
            section_role=frames.role_at(r.start), doc_type=doc.doc_type,
        ))
    return rows


def extract_text(text: str, *, year: int, doc_type: str = "work_report", district: str = "",
                 doc_id: str = "snippet") -> pd.DataFrame:
    """Indicator rows of a piece of cleaned text, as if it were a report of ``year``.

    For trying the rules on a snippet or a report that is not in the corpus; sections are found
    as for any document.

    >>> rows = extract_text("一般公共预算收入实现583.1亿元、增长0.4%。", year=2021)
    >>> rows[["indicator", "kind", "year", "measure", "value", "unit"]].values.tolist()
    [['general_budget_revenue', 'actual', 2020, 'level', 583.1, '亿元'], \
['general_budget_revenue', 'actual', 2020, 'growth', 0.4, '%']]
    """
    from reportlib.read.sections import find_sections

    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, doc_type=doc_type,
                   district=district, year=year)
    doc.sections = find_sections(doc_id, text)
    return _table([r.as_row() for r in extract_document(doc)])


def _table(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    for col in ("year", "start", "end"):
        df[col] = df[col].astype("Int64")
    for col in ("value", "value_high", "value_std"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    return df.sort_values(["doc_id", "start", "end", "indicator", "kind", "measure", "value"],
                          kind="mergesort", na_position="first").reset_index(drop=True)


def extract_indicators(corpus) -> pd.DataFrame:
    """The ``indicators`` table (spec) of every study document of ``corpus``, sorted.

    >>> from reportlib import read_corpus  # doctest: +SKIP
    >>> extract_indicators(read_corpus("data/raw")).head()  # doctest: +SKIP
    """
    rows = []
    for doc in corpus.study_docs:
        found = extract_document(doc)
        log.info("%s: %d indicator rows", doc.doc_id, len(found))
        rows += [r.as_row() for r in found]
    df = _table(rows)
    log.info("%d indicator rows from %d documents", len(df), len(corpus.study_docs))
    return df
