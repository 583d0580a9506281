"""Indicator tables in the three layouts the reports arrive in, as (row label, column, cell) spans.

Web pages flatten a report's tables: into pipe rows (``指标名称 | 年度目标 | 上半年完成 |``), into
one cell per line (a header of N cells, then rows of N cells, some cells missing and labels
broken over two lines), or into space-separated cells on one line. The column headers decide
what a cell holds (年度目标 → target, 上半年完成 → h1_actual, 全年完成预计 → estimate), so the
layout is read here once and the indicator stage sees only labelled cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlib.lexicon import read_rows
from reportlib.measure.quantities import BARE, find_quantities, units

PIPE_ROW = re.compile(r"^[^\n]*\|[^\n]*\|[^\n]*$", re.MULTILINE)  # a line with two pipes or more
LINE = re.compile(r"[^\n]+")  # one line of text with its span
TABLE_TITLE = re.compile(r"^表\s*[\d一二三四五六七八九十]+|^图\s*\d+")  # 表1… / 表一… / 图2…
TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年")  # the year a table's title names
ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.、]|[一二三四五六七八九十]{1,2}、)\s*")  # 1. / 一、 before a label
# What may stand around the number of a value cell: growth words and the cues of quantities.cues.
CELL_WORDS = re.compile(r"^(?:增长|下降|减少|降低|提高|提升|上升|增加|达到|保持在|保持|力争|确保|约|)$")
# A number written bare in a table with a unit column: 500 / 6以上 / 增长6左右 / 1.72以内.
BARE_CELL = re.compile(r"^(?:增长|下降|减少|降低|提高|提升|上升|增加|达到|保持在|保持|约|超过|不低于|近)?"
                       r"\d+(?:\.\d+)?(?:\s?[-~—–至]\s?\d+(?:\.\d+)?)?(?:以上|左右|以内|以下)?$")
MAX_CELL = 24  # a value cell is short; longer lines are body text
MAX_LABEL = 30  # a row label is short; a longer line ends the table
MAX_LABEL_LINES = 2  # a label broken over more lines than this is not a label


@dataclass(frozen=True)
class Cell:
    """One value cell of an indicator table with its row label and column."""

    label: str
    column: str
    kind: str
    text: str
    start: int  # span of the cell text in the document
    end: int
    row_start: int  # span of the row, label to last cell: the quote
    row_end: int
    title_year: int | None
    unit: str = ""  # the row's cell of a unit column (亿元, %), for numbers written bare


@cache
def _headers() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(r["pattern"]), r["role"], r["kind"]) for r in read_rows("table_headers.csv"))


def header_role(cell: str) -> tuple[str, str] | None:
    """(role, kind) of a column header, or None when the text is no known header.

    >>> header_role("年度目标"), header_role("全年完成预计"), header_role("指标名称")
    (('value', 'target'), ('value', 'estimate'), ('label', ''))
    """
    cell = cell.strip()
    for pattern, role, kind in _headers():
        if pattern.match(cell):
            return role, kind
    return None


@cache
def _qualitative() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"]) for r in read_rows("qualitative_targets.csv"))


def is_value_cell(text: str, *, bare: bool = False) -> bool:
    """A cell holding a figure (增长6%左右, 550亿元以上, 1.72万人以内) or a worded target.

    With ``bare`` (the table has a unit column) a number alone (500, 6以上) is a figure too.

    >>> is_value_cell("增长6%左右"), is_value_cell("控制在市下达指标以内"), is_value_cell("地区生产总值")
    (True, True, False)
    """
    text = text.strip()
    if not text or len(text) > MAX_CELL:
        return False
    if bare and BARE_CELL.match(text):
        return True
    if any(p.search(text) for p in _qualitative()):
        return True
    qs = find_quantities(text)
    if len(qs) != 1:
        return False
    rest = text[:qs[0].start] + text[qs[0].end:]
    return bool(CELL_WORDS.match(rest.strip()))


def _title_year(text: str, before: int) -> int | None:
    """Year named by the table's title: the nearest 表… line within three lines above."""
    lines = text[:before].split("\n")[-4:]
    for line in reversed(lines):
        if TABLE_TITLE.match(line) or "完成情况" in line or "指标" in line:
            m = TITLE_YEAR.search(line)
            if m:
                return int(m.group(1))
    return None


def is_unit_cell(text: str) -> bool:
    """A cell of a unit column: a unit the reports write (亿元, %, 万人, 个百分点).

    >>> is_unit_cell("亿元"), is_unit_cell("%"), is_unit_cell("增长6%")
    (True, True, False)
    """
    return text.strip() in units() or text.strip() in BARE


def _label(text: str) -> str:
    return ROW_NUMBER.sub("", text).strip()


def pipe_cells(text: str) -> list[Cell]:
    """Cells of tables written as pipe rows; the first row of a block is its header."""
    cells: list[Cell] = []
    columns: list[tuple[str, str, str]] | None = None
    last_end = -2
    title_year = None
    for m in PIPE_ROW.finditer(text):
        parts = m.group().split("|")
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        if m.start() != last_end + 1:  # a new block: this row is the header
            columns = [(p.strip(), *(header_role(p) or ("", ""))) for p in parts]
            title_year = _title_year(text, m.start())
            if not any(role == "value" for _, role, _ in columns):
                columns = None
            last_end = m.end()
            continue
        last_end = m.end()
        if columns is None:
            continue
        offset = m.start()
        spans = []
        for part in parts:
            spans.append((offset, offset + len(part)))
            offset += len(part) + 1
        label_start, label_end = spans[0]
        label = _label(text[label_start:label_end])
        unit = next((text[s:e].strip() for (_, role, _), (s, e) in zip(columns, spans, strict=False)
                     if role == "unit"), "")
        for (col, role, kind), (s, e) in zip(columns[1:], spans[1:], strict=False):
            if role != "value":
                continue
            raw = text[s:e]
            s += len(raw) - len(raw.lstrip())
            e -= len(raw) - len(raw.rstrip())
            if s >= e:
                continue
            cells.append(Cell(label, col, kind, text[s:e], s, e, m.start(), m.end(), title_year, unit))
    return cells


def _lines(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().strip()) for m in LINE.finditer(text)]


def line_cells(text: str) -> list[Cell]:
    """Cells of tables flattened one cell per line: a header of N lines, then rows."""
    lines = _lines(text)
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        role = header_role(lines[i][2])
        if not role or role[0] != "label":
            i += 1
            continue
        columns = []
        has_unit = False
        j = i + 1
        while j < len(lines) and (h := header_role(lines[j][2])) and h[0] in ("value", "unit"):
            if h[0] == "unit":
                has_unit = not columns  # a unit column right after the labels
            else:
                columns.append((lines[j][2], h[1]))
            j += 1
        if not columns:
            i += 1
            continue
        title_year = _title_year(text, lines[i][0])
        i = j
        while i < len(lines):
            label_lines = []
            while (i < len(lines) and not is_value_cell(lines[i][2], bare=has_unit)
                   and not (has_unit and label_lines and is_unit_cell(lines[i][2]))
                   and len(label_lines) <= MAX_LABEL_LINES):
                label_lines.append(lines[i])
                i += 1
            label = "".join(t for _, _, t in label_lines)
            if (not label_lines or len(label_lines) > MAX_LABEL_LINES or len(label) > MAX_LABEL
                    or TABLE_TITLE.match(label_lines[0][2])):
                i -= len(label_lines)
                break
            unit = ""
            if has_unit and i < len(lines) and is_unit_cell(lines[i][2]):
                unit = lines[i][2]
                i += 1
            values = []
            while (i < len(lines) and len(values) < len(columns)
                   and is_value_cell(lines[i][2], bare=has_unit)):
                values.append(lines[i])
                i += 1
            if not values:
                i -= len(label_lines) + (1 if unit else 0)
                break
            row_start, row_end = label_lines[0][0], values[-1][1]
            for (col, kind), (s, e, t) in zip(columns, values, strict=False):
                cells.append(Cell(_label(label), col, kind, t, s, e, row_start, row_end, title_year, unit))
        i = max(i, j)
    return cells


def space_cells(text: str) -> list[Cell]:
    """Cells of tables flattened into space-separated cells, one row a line."""
    lines = _lines(text)
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        tokens = lines[i][2].split(" ")
        roles = [header_role(t) for t in tokens]
        if len(tokens) < 2 or not roles[0] or roles[0][0] != "label" \
                or not all(r and r[0] in ("value", "unit") for r in roles[1:]) \
                or not any(r[0] == "value" for r in roles[1:]):
            i += 1
            continue
        has_unit = roles[1][0] == "unit"
        columns = [(t, r[1]) for t, r in zip(tokens[1:], roles[1:], strict=True) if r[0] == "value"]
        title_year = _title_year(text, lines[i][0])
        i += 1
        while i < len(lines):
            start, end, line = lines[i]
            tokens = line.split(" ")
            k = 0
            while k < len(tokens) and not is_value_cell(tokens[k], bare=has_unit) \
                    and not (has_unit and k and is_unit_cell(tokens[k])):
                k += 1
            if k == 0 or k == len(tokens) or TABLE_TITLE.match(line):
                break
            label = "".join(tokens[:k])
            pos = start + len(" ".join(tokens[:k])) + 1
            unit = ""
            if has_unit and is_unit_cell(tokens[k]):
                unit = tokens[k]
                pos += len(tokens[k]) + 1
                k += 1
            for (col, kind), token in zip(columns, tokens[k:], strict=False):
                if is_value_cell(token, bare=has_unit):
                    cells.append(Cell(_label(label), col, kind, token, pos, pos + len(token),
                                      start, end, title_year, unit))
                pos += len(token) + 1
            i += 1
    return cells


def table_cells(text: str) -> list[Cell]:
    """Value cells of every indicator table in ``text``, in all three layouts, in text order.

    >>> rows = "指标名称 | 年度目标 | 上半年完成 |\\n1.增加值 | 6%以上 | 16.7% |"
    >>> [(c.label, c.kind, c.text) for c in table_cells(rows)]
    [('增加值', 'target', '6%以上'), ('增加值', 'h1_actual', '16.7%')]
    """
    cells = pipe_cells(text) + line_cells(text) + space_cells(text)
    return sorted(cells, key=lambda c: (c.start, c.end))


def table_spans(cells: list[Cell]) -> list[tuple[int, int]]:
    """Spans of the table rows, so that running-text extraction can skip them."""
    return sorted({(c.row_start, c.row_end) for c in cells})
