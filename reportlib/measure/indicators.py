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
- A part of the year from January (1-11月, 前三季度, 一季度; ``part_year.csv``) is ``ytd_actual``
  with its months as ``period`` (2020-01..2020-11), for its clause and the rest of its sentence.
- Left out: a single quarter or month (三季度, 10月), sub-items (区属…, #…), the city's or
  an industry's figures (全市生产总值, 服务业…实现增加值), sums over a list (合计…).
"""

from __future__ import annotations

import logging

import pandas as pd

from reportlib.measure.flat_tables import TITLE_YEAR, Cell, table_cells, table_spans
from reportlib.measure.frames import Frame, Frames, kind_year, period_of
from reportlib.measure.quantities import find_quantities, standardise
from reportlib.measure.reading import (
    Mention,
    Reading,
    document_scope,
    find_mentions,
    measure_of,
    signed,
    unit_of,
)
from reportlib.measure.text_reader import TextReader
from reportlib.measure.vocabulary import (
    MILESTONE_CUE,
    NUMBER_IN_CELL,
    IndicatorDef,
    indicator_defs,
    qualitative_targets,
)
from reportlib.parallel import choose_scheduler, map_ordered
from reportlib.records import INDICATOR_COLUMNS, Document, Indicator

__all__ = ["Frame", "IndicatorDef", "Mention", "extract_document", "extract_indicators",
           "extract_text", "find_mentions", "indicator_defs", "kind_year"]
log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# Tables


def _table_readings(doc: Document, cells: list[Cell], frames: Frames) -> list[Reading]:
    readings = []
    own = document_scope(doc.place or doc.district, doc.text)
    for c in cells:
        label_mentions = [m for m in find_mentions(c.label, 0, len(c.label), own) if not m.denominator]
        if not label_mentions or c.label.startswith("#"):
            continue
        d = indicator_defs()[label_mentions[0].indicator]
        frame = frames.at(c.row_start)
        column_year = TITLE_YEAR.search(c.column)
        year = (int(column_year.group(1)) if column_year else c.title_year
                or (doc.year or frame.year if c.kind == "target" else frame.year))
        quote = (c.row_start, c.row_end)
        qual = [(p, q, m) for p, q, m in qualitative_targets() if p.search(c.text)]
        if qual:
            _, qualifier, meas = qual[0]
            if meas == "default":
                meas = "share" if d.pct_measure == "share" else "level"
            kind, period = period_of(c.kind, year, meas, "", Frame(c.kind, year), d.sums)
            readings.append(Reading(d.id, meas, None, None, "", qualifier, "", kind, year, *quote, period))
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
        measure = measure_of(q, gap, cell[q.end:], d, table=True)
        if measure is None:
            continue
        meas, sign = measure
        unit = unit_of(q, d, "")
        if not unit:
            continue
        value, high, qualifier = signed(q, sign)
        kind, period = period_of(c.kind, year, meas, "", Frame(c.kind, year), d.sums)
        readings.append(Reading(d.id, meas, value, high, unit, qualifier, "", kind, year, *quote, period))
    return readings


# ---------------------------------------------------------------------------------------------
# Documents and the corpus


def _unfinished(doc: Document, r: Reading) -> bool:
    """True when a year's figure comes from a document delivered before that year ended (a plan
    report of 23 December giving the year's "execution"): it is an estimate (spec: indicators)."""
    date = doc.meeting_date or ""
    return r.kind == "actual" and not r.period and len(date) >= 10 and date[:4] == str(r.year) \
        and date[5:10] < "12-31"


def _exact_over_milestones(doc: Document, readings: list[Reading]) -> list[Reading]:
    """Readings without a milestone (突破4000亿元) where the same figure is also stated exactly
    (达到4211亿元): the exact value says more and the milestone is the same fact."""
    exact: dict[tuple, list[float]] = {}
    for r in readings:
        if r.value is not None and not r.qualifier:
            std = standardise(r.value, r.unit)[0]
            exact.setdefault((r.indicator, r.kind, r.year, r.period, r.measure), []).append(
                r.value if std is None else std)
    out = []
    for r in readings:
        key = (r.indicator, r.kind, r.year, r.period, r.measure)
        if r.qualifier == "at_least" and key in exact and MILESTONE_CUE.search(doc.text[r.start:r.end]):
            bound = standardise(r.value, r.unit)[0]
            bound = r.value if bound is None else bound
            if any(v >= bound for v in exact[key]):
                continue
        out.append(r)
    return out


def extract_document(doc: Document) -> list[Indicator]:
    """Indicator rows of one document (tables first, then the running text around them)."""
    frames = Frames(doc)
    cells = table_cells(doc.text)
    readings = _table_readings(doc, cells, frames)
    readings += TextReader(doc, frames, table_spans(cells)).run()
    readings = _exact_over_milestones(doc, readings)
    rows = []
    seen = set()
    for r in readings:
        key = (r.indicator, r.kind, r.period, r.measure, r.year, r.value, r.value_high, r.start, r.end)
        if key in seen or r.kind in ("", "skip"):
            continue
        seen.add(key)
        if _unfinished(doc, r):
            r.kind = "estimate"
        value_std, unit_std = standardise(r.value, r.unit)
        rows.append(Indicator(
            doc_id=doc.doc_id, source=doc.source, district=doc.district, place=doc.place or doc.district,
            year=r.year,
            indicator=r.indicator, kind=r.kind, measure=r.measure, value=r.value, unit=r.unit,
            quote=doc.text[r.start:r.end], start=r.start, end=r.end, value_high=r.value_high,
            qualifier=r.qualifier, basis=r.basis, value_std=value_std, unit_std=unit_std,
            section_role=frames.role_at(r.start), doc_type=doc.doc_type, period=r.period,
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


def document_rows(doc: Document) -> list[dict]:
    """The indicator rows of one document as dicts (pure: what a Dask worker returns)."""
    return [r.as_row() for r in extract_document(doc)]


def extract_indicators(corpus, *, scheduler: str | None = None, workers: int | None = None) -> pd.DataFrame:
    """The ``indicators`` table (spec) of every study document of ``corpus``, sorted.

    Documents are read on a Dask cluster when the corpus is large or when asked (``scheduler``,
    ``workers``: see :mod:`reportlib.parallel`); the table is the same either way.

    >>> from reportlib import read_corpus  # doctest: +SKIP
    >>> extract_indicators(read_corpus("data/raw")).head()  # doctest: +SKIP
    """
    docs = corpus.study_docs
    chosen = choose_scheduler(scheduler, sum(len(d.text.encode("utf-8")) for d in docs))
    rows = []
    for doc, found in zip(docs, map_ordered(document_rows, docs, chosen, workers), strict=True):
        log.info("%s: %d indicator rows", doc.doc_id, len(found))
        rows += found
    df = _table(rows)
    log.info("%d indicator rows from %d documents", len(df), len(corpus.study_docs))
    return df
