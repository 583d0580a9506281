"""Reading one figure: the mentions of indicators in a span, and the measure, sign, unit and
qualifier of a number said about one of them."""

from __future__ import annotations

from dataclasses import dataclass

from reportlib.measure.quantities import Quantity, units
from reportlib.measure.vocabulary import (
    CO_SUBJECT,
    DENOMINATOR_BEFORE,
    GROWTH_AFTER,
    GROWTH_NOUN,
    LIST_WORDS,
    NEGATIVE_NOUN,
    PREDICATE,
    SCOPE,
    SCOPE_OF_PLACE,
    SHARE_WORDS,
    SPEAKER_LEVEL,
    VERB,
    VOID_BEFORE,
    IndicatorDef,
    alias_table,
    indicator_defs,
)

NOT_AFTER_REACH = 24  # the words before a name that indicators.csv's not_after may look at (对X、Y国家)

# ---------------------------------------------------------------------------------------------
# Mentions of indicators


@dataclass(frozen=True)
class Mention:
    indicator: str
    start: int
    end: int
    denominator: bool  # 占地区生产总值 / 相当于地区生产总值: the base of a ratio, not a subject


def own_scope(place: str) -> str:
    """The 全X word that names the report's own place (全省 in a province's report, 全区 in a
    district's or an autonomous region's); 全区 when the place is not known."""
    for suffix, level in sorted(SCOPE_OF_PLACE.items(), key=lambda kv: -len(kv[0])):
        if place.endswith(suffix):
            return level
    return "区"


def document_scope(place: str, text: str) -> str:
    """:func:`own_scope` of a document; where its place is not known, the level of the government
    that delivers it (现在,我代表州人民政府向大会报告工作 → 州)."""
    if place:
        return own_scope(place)
    m = SPEAKER_LEVEL.search(text[:3000])
    return own_scope(m.group("level")) if m else own_scope("")


def find_mentions(text: str, start: int, end: int, own: str = "区") -> list[Mention]:
    """Indicator names in ``text[start:end]``, without those that name another thing.

    ``own`` is the level of the report's place (:func:`own_scope`): 全市生产总值 is the place's own
    figure in a city's report and the city's (not a row) in a district's.

    >>> [(m.indicator, m.denominator) for m in find_mentions("战略性新兴产业产值占规模以上工业总产值的23.0%", 0, 26)]
    [('strategic_emerging_output', False), ('industrial_output', True)]
    >>> [m.indicator for m in find_mentions("单位增加值综合能耗下降率", 0, 12)]  # not GDP
    ['energy_intensity']
    >>> find_mentions("知识型现代服务业占第三产业增加值比重", 0, 18)
    []
    """
    pattern, owner = alias_table()
    defs = indicator_defs()
    found = []
    for m in pattern.finditer(text, start, end):
        d = defs[owner[m.group()]]
        before = text[max(0, m.start() - 6):m.start()]
        lead = text[max(0, m.start() - NOT_AFTER_REACH):m.start()]  # for not_after: 对东盟、共建“一带一路”国家
        after = text[m.end():m.end() + 6]
        scope = SCOPE.search(before) or SCOPE.match(m.group()[:2] + "")
        if VOID_BEFORE.search(before) and not SCOPE.search(before):  # 全县地区生产总值 is a 全X, no sub-area
            continue
        if scope and scope.group("level") != own:
            continue
        if d.not_after and not scope and d.not_after.search(lead):
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
    period: str = ""  # the span when not one calendar year (spec: indicators)


def strip_quantities(text: str, offset: int, quantities: list[Quantity]) -> str:
    """``text`` (starting at ``offset``) with the numbers of ``quantities`` cut out."""
    out, pos = [], offset
    for q in quantities:
        if q.start >= pos and q.end <= offset + len(text):
            out.append(text[pos - offset:q.start - offset])
            pos = q.end
    out.append(text[pos - offset:])
    return "".join(out)


def is_predicate(gap: str, indicator: str) -> bool:
    """True when ``gap`` holds only predicate words (and generic heads of ``indicator``)."""
    for head in sorted(indicator_defs()[indicator].heads, key=len, reverse=True):
        gap = gap.replace(head, "")
    return PREDICATE.fullmatch(gap) is not None


def predicate_view(gap: str, *, listed: bool) -> str:
    """The gap as the predicate test sees it: ratio words, co-subjects and list joiners removed."""
    gap = CO_SUBJECT.sub("", gap)
    gap = gap.replace("占", "").replace("相当于", "").replace("比重", "").replace("比例", "")
    return LIST_WORDS.sub("", gap) if listed else gap


def _measure_of(q: Quantity, gap: str, after: str, d: IndicatorDef, *, table: bool) -> tuple[str, int] | None:
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


def measure_of(q: Quantity, gap: str, after: str, d: IndicatorDef, *, table: bool) -> tuple[str, int] | None:
    """(measure, sign) of a quantity about indicator ``d``, or None when it states no measure of it
    (or one the indicator cannot have: the growth of R&D spending is no R&D intensity)."""
    found = _measure_of(q, gap, after, d, table=table)
    if found is not None and d.measures and found[0] not in d.measures:
        return None
    return found


FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def signed(q: Quantity, sign: int) -> tuple[float, float | None, str]:
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


def unit_of(q: Quantity, d: IndicatorDef, shared: str) -> str:
    """The unit of a quantity, completing a bare 亿/万 from the list's unit or the indicator's."""
    if not q.bare:
        return q.unit
    if shared and units()[shared].cls in d.unit_classes:
        return shared
    if "money" in d.unit_classes:
        return q.unit + "元"
    return ""


