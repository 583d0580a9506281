"""Statements as data, words per language: a :class:`Phrase` is a kind of statement and its parts.

Each kind of statement has one row in ``reportlib/data/sentences.csv`` and one template per
language (a column), so the claims are built once and rendered in every language, and adding a
language is adding a column (and its ``label_xx`` columns in the indicator, unit and value label
files). Parts are rendered in the same language: a :class:`Place` by its name there, an
:class:`Indicator` by its label, a :class:`Value` with its unit and qualifier, a :class:`Listing`
joined as the language joins lists; text from the reports (quotes, terms, topic labels) and
numbers are the same in every language.

>>> Phrase.of("subject.growth", indicator=Indicator("gdp")).render("zh")
'地区生产总值增长目标'
>>> Value("6", "%", "at_least").render("en"), Value("3.9", "%", fall=True).render("zh")
('at least 6%', '下降3.9%')
>>> Listing((Place("徐汇区"), Place("海拉尔区"), Place("内蒙古自治区"))).render("en")
'Xuhui District, Hailar District and Inner Mongolia Autonomous Region'
"""

from __future__ import annotations

import csv
import re
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from reportlib.lexicon import read_rows
from reportlib.paths import PACKAGE_DATA

SENTENCES_FILE = PACKAGE_DATA / "sentences.csv"
NATIVE = "zh"  # the reports' language: place and unit names are written in it as the reports write them


@cache
def templates() -> dict[str, dict[str, str]]:
    """Key → language → template; cells are not stripped (a leading or trailing space is wording)."""
    with open(SENTENCES_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    table: dict[str, dict[str, str]] = {}
    for i, row in enumerate(rows, start=2):
        key = row.pop("key")
        if key in table:
            raise ValueError(f"{SENTENCES_FILE.name}: key {key!r} twice (row {i})")
        table[key] = row
    return table


def languages() -> tuple[str, ...]:
    """The languages the wording is written in: the columns of ``sentences.csv`` after the key."""
    return tuple(next(iter(templates().values())))


def word(key: str, lang: str) -> str:
    """The template of ``key`` in ``lang``; an unknown key or language is a clear error."""
    try:
        return templates()[key][lang]
    except KeyError:
        known = "key" if key not in templates() else "language"
        raise ValueError(f"{SENTENCES_FILE.name}: no {known} {key if known == 'key' else lang!r}") from None


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# ---------------------------------------------------------------- parts of a statement

@dataclass(frozen=True)
class Place:
    """A place, named in the reader's language: the report's name, or its romanised name."""

    name: str

    def render(self, lang: str) -> str:
        return self.name if lang == NATIVE else place_name(self.name)


def place_name(name: str) -> str:
    """A place's name in English (``compare.place_en``, the one rule every page uses)."""
    from reportlib.report.compare import place_en

    return place_en(name)


@dataclass(frozen=True)
class Indicator:
    """An indicator, by its label in ``indicator_display.csv`` (``label_zh``, ``label_en``, …)."""

    indicator: str

    def render(self, lang: str) -> str:
        from reportlib.report.compare import indicator_label

        label = indicator_label(self.indicator)
        return str(getattr(label, f"label_{lang}", "") or self.indicator)


@cache
def _value_labels() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["column"], r["value"]): r for r in read_rows("value_labels.csv")}


@dataclass(frozen=True)
class Label:
    """A value of a closed vocabulary (``value_labels.csv``): a qualifier, met or missed."""

    column: str
    value: str

    def render(self, lang: str) -> str:
        row = _value_labels().get((self.column, self.value), {})
        return row.get(f"label_{lang}", "") or self.value


@cache
def _unit_names() -> dict[str, dict[str, str]]:
    return {r["unit"]: r for r in read_rows("unit_display.csv")}


@dataclass(frozen=True)
class Unit:
    """A unit as the reports write it, or its name in ``unit_display.csv``'s ``unit_xx`` column."""

    unit: str

    def render(self, lang: str) -> str:
        name = self.unit if lang == NATIVE else _unit_names().get(self.unit, {}).get(f"unit_{lang}", "") or self.unit
        return word("unit.tight" if name == "%" else "unit", lang).format(unit=name)


NUMBER = re.compile(r"\d+(?:\.\d+)?")
SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def scaled(number: str, unit: str, lang: str) -> tuple[str, str]:
    """The number and unit name a language writes (58.31 billion yuan for 583.1亿元): units of 万 and
    亿 are multiplied out where ``unit_display.csv`` gives a factor and a base for the language; the
    unit name is empty where the number stays as the reports write it."""
    row = _unit_names().get(unit, {})
    factor, base = row.get("factor", ""), row.get(f"base_{lang}", "")
    parts = NUMBER.findall(number)
    if lang == NATIVE or not factor or not base or not parts:
        return number, ""
    try:
        values = [Decimal(p) * Decimal(factor) for p in parts]
    except InvalidOperation:
        return number, ""
    size, name = next(((s, w) for s, w in SCALES if max(values) >= s), (Decimal(1), ""))
    shown = iter(_grouped(v / size) for v in values)
    return NUMBER.sub(lambda _: next(shown), number), f"{name} {base}".strip()


def _grouped(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros (23,500; 58.31)."""
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


@dataclass(frozen=True)
class Value:
    """A number as a sentence shows it ('6-7'), with its unit, qualifier, and whether it is a fall."""

    number: str
    unit: str
    qualifier: str = ""
    fall: bool = False

    def render(self, lang: str) -> str:
        q = word("qualifier", lang).format(word=Label("qualifier", self.qualifier).render(lang)) \
            if self.qualifier else ""
        number, name = scaled(self.number, self.unit, lang)
        unit = word("unit", lang).format(unit=name) if name else Unit(self.unit).render(lang)
        return word("value.fall" if self.fall else "value", lang).format(number=number, unit=unit, qualifier=q)


@dataclass(frozen=True)
class Ordinal:
    """'3rd' in English; the key ``ordinal.N`` (N the last digit) or ``ordinal`` of each language."""

    n: int

    def render(self, lang: str) -> str:
        last = self.n % 10 if not 10 <= self.n % 100 <= 20 else 0
        key = f"ordinal.{last}" if f"ordinal.{last}" in templates() else "ordinal"
        return word(key, lang).format(n=self.n)


@dataclass(frozen=True)
class Points:
    """A difference in percentage points: '1.42个百分点', '1.42 points', '1 point'."""

    number: str

    def render(self, lang: str) -> str:
        return word("points.one" if self.number == "1" else "points", lang).format(n=self.number)


@dataclass(frozen=True)
class Listing:
    """Parts joined as ``how``: ``and`` ('A、B和C' / 'A, B and C'), or the separator ``join.<how>``."""

    items: tuple
    how: str = "and"

    def render(self, lang: str) -> str:
        texts = [render(i, lang) for i in self.items]
        if self.how != "and" or len(texts) < 2:
            return word(f"join.{self.how}", lang).join(texts) if self.how != "and" else "".join(texts)
        return word("join.and.sep", lang).join(texts[:-1]) + word("join.and.last", lang) + texts[-1]


@dataclass(frozen=True)
class Phrase:
    """A kind of statement (a key of ``sentences.csv``) and the parts its template names."""

    key: str
    parts: tuple[tuple[str, Part], ...] = ()

    @classmethod
    def of(cls, key: str, **parts: Part) -> Phrase:
        return cls(key, tuple(parts.items()))

    def get(self, name: str) -> Part | None:
        return dict(self.parts).get(name)

    def render(self, lang: str) -> str:
        return word(self.key, lang).format(**{k: render(v, lang) for k, v in self.parts})


Part = str | int | Place | Indicator | Label | Unit | Value | Ordinal | Points | Listing | Phrase


def render(part: Part, lang: str) -> str:
    """Any part in ``lang``: strings and numbers are the same in every language."""
    return part if isinstance(part, str) else str(part) if isinstance(part, int) else part.render(lang)


def listing(items, how: str = "and") -> Listing:
    """A :class:`Listing` of any iterable of parts."""
    return Listing(tuple(items), how)


def places(names) -> Listing:
    """Place names joined with 'and' in each language."""
    return Listing(tuple(Place(n) for n in names))
