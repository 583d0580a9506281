"""Tables as a reader sees them: static HTML with display names, units and no ``NaN``.

Pages show the study's tables after its narrative; :func:`table_html` names the columns from
``fields.csv`` (``schema.label``) and the values from ``value_labels.csv``,
``indicator_display.csv`` and ``doc_type_labels.csv``, writes numbers as the reports do (no
trailing zeros), leaves empty cells empty, never shows a row index, escapes every text, and
wraps the table in a block that scrolls sideways when it is wider than the page (the CSS
is ``study/templates/reportlib/study.css``).

>>> page = table_html(pd.DataFrame({"indicator": ["gdp"], "value": [6.50], "qualifier": [None]}),
...                   "indicators")
>>> re.findall(r"<t[hd]>([^<]*)</t[hd]>", page)
['指标', '数值', '限定', '地区生产总值', '6.5', '']
"""

from __future__ import annotations

import html
import math
import re
from functools import cache

import numpy as np
import pandas as pd

from reportlib import schema
from reportlib.lexicon import read_rows
from reportlib.read.places import english_name

LONG = 16  # characters: a longer cell (a quote) wraps, a shorter one stays on one line
CJK = re.compile(r"[\u3400-\u9fff]")  # a Chinese character
#: Columns that name a place: English pages show its English name (徐汇区 → Xuhui District).
PLACE_COLUMNS = frozenset({"district", "place", "parent", "province", "prefecture", "group"})
ZH = "zh-CN"  # the lang attribute of the reports' own words on an English page
_NEWLINES = re.compile(r"\s*\n\s*")  # a quote across lines or table cells: shown as " / "


@cache
def _value_labels() -> dict[tuple[str, str], tuple[str, str]]:
    out = {(r["column"], r["value"]): (r["label_zh"], r["label_en"]) for r in read_rows("value_labels.csv")}
    for r in read_rows("indicator_display.csv"):
        out[("indicator", r["indicator"])] = (r["label_zh"], r["label_en"])
    for r in read_rows("unit_display.csv"):
        out[("unit", r["unit"])] = (r["unit"], r["unit_en"])
    for r in read_rows("doc_type_labels.csv"):
        out[("doc_type", r["doc_type"])] = (r["label_zh"], r["label_en"])
        out[("group", r["doc_type"])] = (r["label_zh"], r["label_en"])  # topic shares by type of report
    return out


@cache
def verbatim_columns() -> frozenset[str]:
    """Columns whose values are the reports' own words (``verbatim_columns.csv``, and any ``*_quote``)."""
    return frozenset(r["column"] for r in read_rows("verbatim_columns.csv"))


def is_verbatim(column: object) -> bool:
    """True for a column of the reports' words: shown as written, marked as Chinese on English pages."""
    name = str(column)
    return name in verbatim_columns() or name.endswith("_quote")


def _vocabulary(column: str) -> str:
    """The vocabulary a column's values belong to (``target_qualifier`` → ``qualifier``)."""
    for vocab in ("qualifier", "kind", "measure", "doc_type", "section_role", "role", "place_level",
                  "parent_source", "basis", "indicator", "unit"):
        if column == vocab or column.endswith("_" + vocab) or column.startswith(vocab + "_"):
            return "role" if vocab == "section_role" else vocab
    return column


def value_label(column: str, value: object, lang: str = "zh") -> str:
    """A value as pages show it: a display name for a known code, else the value as text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool | np.bool_):
        return _value_labels()[("boolean", str(bool(value)).lower())][lang == "en"]
    if isinstance(value, float):
        return format_number(value)
    text = str(value)
    if column == "warnings" and text:  # a list of warning codes: each by its words
        words = [value_label("warning", w.strip(), lang) for w in text.split(";") if w.strip()]
        return ("; " if lang == "en" else "；").join(words)
    found = _value_labels().get((column, text)) or _value_labels().get((_vocabulary(column), text))
    if found:
        return found[lang == "en"]
    if lang == "en" and column in PLACE_COLUMNS and CJK.search(text):
        return english_name(text)
    return _NEWLINES.sub(" / ", text).strip()


def format_number(x: float, digits: int = 2) -> str:
    """A number as the reports write it: no trailing zeros, no thousands separators."""
    text = f"{round(float(x), digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def column_label(table: str | None, column: object, lang: str = "zh") -> str:
    """A column header: its ``fields.csv`` label, else a known code's name, else the column."""
    if isinstance(column, tuple):  # a pivot's several levels
        return " · ".join(column_label(table, c, lang) for c in column if str(c) != "")
    if table is not None or schema.field("indicators", str(column)):
        label = schema.label(table or "indicators", str(column), lang)
        if label != str(column):
            return label
    if not isinstance(column, str):
        return value_label("", column, lang)
    for vocabulary in (table, "indicator"):  # a pivot's columns: the table's codes (emphasis measures), indicators
        found = _value_labels().get((vocabulary, column))
        if found:
            return found[lang == "en"]
    return value_label("place", column, lang)  # a pivot by place: its name


def _cell(text: str, verbatim: bool, lang: str, code: bool = False) -> str:
    """One ``<td>``: long text wraps; the reports' own words carry ``lang="zh-CN"``;
    identifiers (column names, codes) are ``<code>``."""
    attrs = ' class="rl-long"' if len(text) > LONG else ""
    if verbatim and CJK.search(text):  # on either page set: whatever the reports wrote (PM2.5, AQI, markup) is theirs
        attrs += f' lang="{ZH}"'
    inner = f"<code>{html.escape(text)}</code>" if code and text else html.escape(text)
    return f"<td{attrs}>{inner}</td>"


def table_html(df: pd.DataFrame, table: str | None = None, *, lang: str = "zh",
               labels: dict[str, str] | None = None, caption: str = "", max_rows: int | None = None,
               empty: str = "", verbatim: bool | frozenset[str] = frozenset(),
               code: frozenset[str] = frozenset()) -> str:
    """``df`` as a static, escaped HTML table with display names (no index, no ``NaN``).

    ``verbatim``: columns (or True: all) holding the reports' words beside those of ``verbatim_columns.csv``;
    ``code``: columns of identifiers (column names, codes), shown as ``<code>``.
    """
    if df.empty:
        return f"<p>{html.escape(empty)}</p>" if empty else ""
    rows = df if max_rows is None else df.head(max_rows)
    heads = [(labels or {}).get(c) or column_label(table, c, lang) for c in rows.columns]
    words = [verbatim is True or c in (verbatim or ()) or is_verbatim(c) for c in rows.columns]
    marked = verbatim is True and lang == "en"  # a pivot's headers are then the reports' words too (确保 …)
    head = "".join(f'<th lang="{ZH}">{html.escape(str(h))}</th>' if marked and CJK.search(str(h))
                   else f"<th>{html.escape(str(h))}</th>" for h in heads)
    body = []
    for values in rows.itertuples(index=False, name=None):
        texts = [value_label(str(c), v, lang) for c, v in zip(rows.columns, values, strict=True)]
        cells = (_cell(t, w, lang, c in code) for t, w, c in zip(texts, words, rows.columns, strict=True))
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = (f"<p>{'另有' if lang != 'en' else 'and '}{len(df) - max_rows}"
                f"{'行未列出（见数据表）' if lang != 'en' else ' more rows (see the data tables)'}</p>")
    return (f'<div class="rl-table"><table>{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{more}")


def show(df: pd.DataFrame, table: str | None = None, **options):
    """``table_html`` for a notebook cell: displays as HTML, nothing else."""
    from IPython.display import HTML

    return HTML(table_html(df, table, **options))
