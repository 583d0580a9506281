"""Numbers with their unit and qualifier as the reports write them: 583.1亿元, 6-7%, 8%以上, 千亿元.

A figure is only useful with its unit (亿元 vs 亿美元 vs %) and the words around it that bound it
(以上, 左右, 控制在…以内); this module reads the three together and knows nothing of indicators.

>>> [(q.value, q.value_high, q.unit, q.qualifier) for q in find_quantities("地区生产总值可比增长6-7%")]
[(6.0, 7.0, '%', '')]
>>> [(q.value, q.unit, q.qualifier) for q in find_quantities("首破千亿元大关,增长6%以上")]
[(1000.0, '亿元', 'at_least'), (6.0, '%', 'at_least')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlib.lexicon import read_rows
from reportlib.read.numerals import parse_number

CN_NUM = "零〇一二两三四五六七八九十百千"
BARE = ("万亿", "亿", "万")  # multipliers written without their unit: 298亿, 5.67万亿
# A number: arabic with decimals and thousands commas, or a Chinese numeral (千, 两千, 一百二十).
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUM}]+)"


@dataclass(frozen=True)
class Unit:
    unit: str
    cls: str
    factor: float
    unit_std: str


@dataclass(frozen=True)
class Quantity:
    """A number found in text: value (low end of a range), unit as written, qualifier, span."""

    start: int  # first character of the number (or of its qualifier cue before it)
    end: int  # one past the unit or the qualifier cue after it
    num_start: int  # first character of the number itself
    value: float
    value_high: float | None
    unit: str  # as written; "亿"/"万" when the unit is left to the context (完成298亿)
    qualifier: str
    cue_before: str = ""

    @property
    def bare(self) -> bool:
        """A multiplier without its unit (298亿, 8亿、6亿美元): the context supplies it."""
        return self.unit in BARE


@cache
def units() -> dict[str, Unit]:
    """Units of ``units.csv`` by their written form."""
    return {r["unit"]: Unit(r["unit"], r["class"], float(r["factor"]), r["unit_std"])
            for r in read_rows("units.csv")}


@cache
def _cues() -> tuple[dict[str, str], dict[str, str]]:
    rows = read_rows("quantity_cues.csv")
    before = {r["cue"]: r["qualifier"] for r in rows if r["position"] == "before"}
    after = {r["cue"]: r["qualifier"] for r in rows if r["position"] == "after"}
    return before, after


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def quantity_pattern() -> re.Pattern[str]:
    """Number, optional range end, unit, optional qualifier after (compiled once from the data)."""
    unit_alt = _alternation([*units(), *BARE])
    before, after = _cues()
    first = "".join(sorted({w[0] for w in before} | set("-−0123456789" + CN_NUM)))
    return re.compile(
        rf"(?=[{re.escape(first)}])"  # what a match can start with: a cheap test at every position
        rf"(?:(?P<before>{_alternation(before)})[“ ]?)?"  # 超 / 突破 / 控制在 / 近 … (站上“千亿级”)
        rf"(?P<minus>(?<![\d%])[-−])?"  # a negative number (增长-2.1%), never a range's dash
        rf"(?P<num>{NUMBER})(?P<many>多)? ?(?P<u1>%)?"  # a PDF's text may put a space before the unit: 5 万亿元
        rf"(?:\s?[-~—–至]\s?(?P<high>{NUMBER}))?"  # 6-7% / 6%-7% / 6至7%
        rf" ?(?P<unit>{unit_alt})"
        rf"(?P<after>{_alternation(after)})?"  # 以上 / 左右 / 以内 …
    )


# A number glued to a longer token is no amount of its own (V类, 15.5 read from its middle).
NOT_AMOUNT_BEFORE = re.compile(r"[\d.A-Za-z]$")  # part of a longer token (V类, 15.5)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number with a known unit in ``text[start:end]``, offsets into ``text``.

    >>> [(q.value, q.unit) for q in find_quantities("合同外资、实到外资分别为8亿、6亿美元")]
    [(8.0, '亿'), (6.0, '亿美元')]
    >>> [(q.value, q.unit) for q in find_quantities("2021年1月18日,首批孵化6个项目")]
    [(6.0, '个')]
    >>> [(q.value, q.unit, q.qualifier) for q in find_quantities("五年累计完成300多亿元")]
    [(300.0, '亿元', 'at_least')]
    """
    end = len(text) if end is None else end
    before_cues, after_cues = _cues()
    found = []
    for m in quantity_pattern().finditer(text, start, end):
        num = m.group("num")
        if NOT_AMOUNT_BEFORE.search(text[max(0, m.start("num") - 1):m.start("num")]):
            continue
        unit = m.group("unit")
        if m.group("u1") and unit != "%":  # 6%个 — not a quantity
            continue
        if not num[0].isdigit() and unit in ("%", "个百分点"):
            continue
        value = parse_number(num)
        if value is None:
            continue
        high = parse_number(m.group("high")) if m.group("high") else None
        if m.group("minus"):  # 增长-2.1%
            value = -value
            high = None if high is None else -high
        cue_b = m.group("before") or ""
        cue_a = m.group("after") or ""
        if cue_a == "内" and cue_b != "控制在":  # 内 alone bounds only after 控制在 (控制在4750人内)
            cue_a = ""
        # a cue after decides, even when it gives none (控制在3.9%的较低水平: a level, no ceiling)
        qualifier = after_cues[cue_a] if cue_a else before_cues.get(cue_b, "")
        if m.group("many") and not qualifier:  # 300多亿元: more than 300
            qualifier = "at_least"
        q_end = m.end("unit") + len(cue_a)
        q = Quantity(start=m.start(), end=q_end, num_start=m.start("num"), value=value,
                     value_high=high, unit=unit, qualifier=qualifier, cue_before=cue_b)
        found += [*_listed_before(text, q, max(start, found[-1].end if found else start)), q]
    return found


# 12488和10163亿元: a number joined to the next one by 和/、, its unit written once after the last
LISTED_BEFORE = re.compile(r"(?<![\d.,A-Za-z])(\d+(?:,\d{3})*(?:\.\d+)?) ?(?:和|、|与|及) ?$")
LIST_JOINT = frozenset("和、与及 \n")  # the character before a LISTED_BEFORE match's end ($ also matches before \n)


def _listed_before(text: str, q: Quantity, floor: int) -> list[Quantity]:
    """The unitless numbers of a list that end with ``q`` (分别达到12488和10163亿元), with its unit.

    >>> [(q.value, q.unit) for q in find_quantities("分别达到12488和10163亿元,年均增长13.3%和16.9%")]
    [(12488.0, '亿元'), (10163.0, '亿元'), (13.3, '%'), (16.9, '%')]
    """
    if q.cue_before or q.value_high is not None or not text[q.num_start].isdigit():
        return []
    out: list[Quantity] = []
    pos = q.num_start
    while True:
        # the list's joint (和, 、, 与, 及, a space) ends right before: no search for the other numbers
        m = LISTED_BEFORE.search(text, max(floor, pos - 24), pos) if text[pos - 1:pos] in LIST_JOINT else None
        value = parse_number(m.group(1).replace(",", "")) if m else None
        if m is None or value is None:
            return out
        out.insert(0, Quantity(start=m.start(1), end=m.end(1), num_start=m.start(1), value=value,
                               value_high=None, unit=q.unit, qualifier=""))
        pos = m.start(1)


def standardise(value: float | None, unit: str) -> tuple[float | None, str]:
    """Value rescaled to the unit's standard (583.1亿元 → 58310000000.0 元).

    >>> standardise(583.1, "亿元")
    (58310000000.0, '元')
    """
    info = units().get(unit)
    if info is None or value is None:
        return None, ""
    return round(value * info.factor, 6), info.unit_std
