"""Knowledge kept as data files under ``reportlib/data/``, loaded once per process.

District names, document-type patterns, site boilerplate, heading roles and indicator aliases
are rows in CSV files: another city's districts or a new alias is a new row, not new code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlib.paths import PACKAGE_DATA


def read_rows(name: str, folder: Path = PACKAGE_DATA) -> list[dict[str, str]]:
    """Rows of a CSV data file as dicts (UTF-8 with or without BOM; ``#`` lines skipped)."""
    with open(folder / name, encoding="utf-8-sig", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@dataclass(frozen=True)
class District:
    name: str
    short: str
    slug: str
    city: str


@cache
def districts() -> tuple[District, ...]:
    """The districts the study knows (``districts.csv``)."""
    return tuple(District(**row) for row in read_rows("districts.csv"))


@cache
def district_by_name() -> dict[str, District]:
    """Full and short names → district."""
    table: dict[str, District] = {}
    for d in districts():
        table[d.name] = d
        table[d.short] = d
    return table


@cache
def doc_type_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(doc_type, compiled pattern) in priority order (``doc_types.csv``)."""
    rows = sorted(read_rows("doc_types.csv"), key=lambda r: int(r["priority"]))
    return tuple((r["doc_type"], re.compile(r["pattern"])) for r in rows)


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Line patterns of site chrome, forum stamps and terms of service (``boilerplate.csv``)."""
    return tuple(re.compile(r["pattern"]) for r in read_rows("boilerplate.csv"))


@cache
def heading_roles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(role, pattern) tried in order on a heading (``heading_roles.csv``)."""
    return tuple((r["role"], re.compile(r["pattern"])) for r in read_rows("heading_roles.csv"))
