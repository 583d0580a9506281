"""Every column of the study's tables, declared once: type, unit, allowed values, meaning.

``reportlib/data/fields.csv`` is the one source of truth (as PUDL's ``fields.py``): tables are
conformed to it when written (:func:`conform`, called by ``io.write_table``), pages label their
columns from it (:func:`label`) and the codebook page is made from it (:func:`codebook`).

>>> columns("sections")
['doc_id', 'level', 'number', 'heading', 'role', 'start', 'end']
>>> label("indicators", "value", "zh"), label("indicators", "value", "en")
('数值', 'value')
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from reportlib.paths import PACKAGE_DATA

log = logging.getLogger(__name__)

FIELDS_FILE = PACKAGE_DATA / "fields.csv"
DTYPES = ("string", "integer", "number", "boolean", "date", "list")


@dataclass(frozen=True)
class Field:
    """One column of one table."""

    table: str
    column: str
    dtype: str
    unit: str = ""
    values: tuple[str, ...] = ()
    label_zh: str = ""
    label_en: str = ""
    description: str = ""
    description_zh: str = ""

    def label(self, lang: str = "zh") -> str:
        return (self.label_en if lang == "en" else self.label_zh) or self.column


@cache
def fields() -> tuple[Field, ...]:
    """Every declared column, in file order; a row with an unknown type is an error."""
    with open(FIELDS_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    out = []
    for i, r in enumerate(rows, start=2):
        if r["dtype"] not in DTYPES:
            raise ValueError(f"{FIELDS_FILE.name} row {i}: dtype {r['dtype']!r} not one of {DTYPES}")
        out.append(Field(r["table"], r["column"], r["dtype"], r["unit"],
                         tuple(v for v in r["values"].split("|") if v), r["label_zh"], r["label_en"],
                         r["description"], r.get("description_zh") or ""))
    return tuple(out)


@cache
def _by_table() -> dict[str, dict[str, Field]]:
    tables: dict[str, dict[str, Field]] = {}
    for f in fields():
        tables.setdefault(f.table, {})[f.column] = f
    return tables


def tables() -> list[str]:
    """Names of the declared tables, in file order."""
    return list(_by_table())


def columns(table: str) -> list[str]:
    """Declared columns of ``table``, in their order."""
    return list(_by_table().get(table, {}))


def field(table: str, column: str) -> Field | None:
    """The declaration of ``table.column``; None when it is not declared."""
    return _by_table().get(table, {}).get(column)


def label(table: str, column: str, lang: str = "zh") -> str:
    """How pages name ``column`` of ``table``; a column declared in no table keeps its name."""
    f = field(table, column)
    if f is None:  # the same column of another table (doc_id, year …) has the same name
        f = next((t[column] for t in _by_table().values() if column in t), None)
    return f.label(lang) if f else str(column)


def undeclared(df: pd.DataFrame, table: str) -> list[str]:
    """Columns of ``df`` that ``fields.csv`` does not declare for ``table``."""
    known = _by_table().get(table, {})
    return [c for c in df.columns if c not in known]


def _cast(s: pd.Series, dtype: str) -> pd.Series:
    """``s`` as the declared type, leaving values it cannot read as they are."""
    try:
        if dtype == "integer":
            return pd.to_numeric(s, errors="raise").astype("Int64")
        if dtype == "number":
            return pd.to_numeric(s, errors="raise").astype("Float64")
        if dtype == "boolean":
            if s.dtype == bool or str(s.dtype) == "boolean":
                return s.astype("boolean")
            mapped = s.map(lambda v: {"true": True, "false": False}.get(str(v).strip().lower(), pd.NA)
                           if not isinstance(v, bool) else v)
            return mapped.astype("boolean")
    except (ValueError, TypeError):
        log.warning("column %s: values are not all %s; kept as they are", s.name, dtype)
    return s


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with its declared columns first (file order), cast to their types.

    A column ``fields.csv`` does not declare is kept at the end and logged: the codebook test
    fails on it, so a new column is declared before it ships.
    """
    known = _by_table().get(table)
    if known is None:
        return df
    extra = undeclared(df, table)
    if extra:
        log.warning("table %s: columns not declared in %s: %s", table, FIELDS_FILE.name, extra)
    out = df[[c for c in known if c in df.columns] + extra].copy()
    for c in out.columns:
        if c in known:
            out[c] = _cast(out[c], known[c].dtype)
    return out


def codebook(tables_dir: str | Path | None = None, *, lang: str = "zh") -> pd.DataFrame:
    """One row per declared column: table, column, type, unit, allowed values, meaning.

    With ``tables_dir``, only the tables written there, and ``rows`` of each table.
    """
    present: dict[str, int] | None = None
    if tables_dir is not None:
        present = {}
        for path in sorted(Path(tables_dir).glob("*.csv")):
            with open(path, encoding="utf-8") as fh:
                present[path.stem] = max(0, sum(1 for _ in fh) - 1)
    rows = []
    for f in fields():
        if present is not None and f.table not in present:
            continue
        rows.append({"table": f.table, "column": f.column, "label": f.label(lang), "dtype": f.dtype,
                     "unit": f.unit, "values": " · ".join(f.values),
                     "description": f.description_zh if lang != "en" and f.description_zh else f.description,
                     **({"rows": present[f.table]} if present is not None else {})})
    return pd.DataFrame(rows)
