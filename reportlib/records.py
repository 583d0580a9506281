"""Record types shared by every stage, and the column order of the study's tables.

The columns follow ``spec/tables.md``: the contract between the library, the notebooks and
the people who read the CSV files. Their order, types and meanings are declared once in
``reportlib/data/fields.csv`` (``schema``); the lists here are read from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from reportlib import schema

# Column order and types are declared once, in reportlib/data/fields.csv; a record fills them.
DOCUMENT_COLUMNS = schema.columns("documents")
SECTION_COLUMNS = schema.columns("sections")


@dataclass
class Section:
    """A heading of a document and the span of cleaned text it governs."""

    doc_id: str
    level: int
    number: str
    heading: str
    role: str
    start: int
    end: int

    def as_row(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """One report (or other article) found in a raw file, with its cleaned text."""

    doc_id: str
    source: str
    text: str
    doc_type: str
    place: str = ""  # official full name of the unit whose government delivered it, any level
    place_level: str = ""  # province · prefecture · county
    adcode: str = ""
    province: str = ""
    prefecture: str = ""
    district: str = ""  # the place when it is county-level, else empty
    district_slug: str = ""  # slug of the place (any level): file names, notebook parameters
    source_url: str = ""
    publish_date: str = ""
    year: int | None = None
    title_year: int | None = None
    title: str = ""
    meeting_date: str = ""
    speaker: str = ""
    speaker_title: str = ""
    session: str = ""
    warnings: list[str] = field(default_factory=list)
    order: int = 0
    sections: list[Section] = field(default_factory=list)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def in_study(self) -> bool:
        """Only reports of a known place enter the study; news items, notices and placeless texts do not."""
        return self.doc_type != "other" and bool(self.place)

    @property
    def left_out_because(self) -> str:
        """Why the document is not in the study ("" when it is)."""
        if self.doc_type == "other":
            return "not a report (doc_type other)"
        return "" if self.place else "place not stated in the title, meeting line, speaker line or body"

    def as_row(self) -> dict:
        row = {f.name: getattr(self, f.name) for f in fields(self)
               if f.name not in ("text", "sections")}
        row["n_chars"] = self.n_chars
        row["warnings"] = ";".join(self.warnings)
        return {c: row.get(c) for c in DOCUMENT_COLUMNS}


@dataclass
class Indicator:
    """One number a report states about a known indicator, with the words it came from."""

    doc_id: str
    source: str
    district: str
    year: int | None
    indicator: str
    kind: str
    measure: str
    value: float | None
    unit: str
    quote: str
    start: int
    end: int
    value_high: float | None = None
    qualifier: str = ""
    basis: str = ""
    value_std: float | None = None
    unit_std: str = ""
    section_role: str = ""
    doc_type: str = ""
    period: str = ""  # the span when not one calendar year: 2016-2020, 2021-01..2021-06
    place: str = ""  # the report's place, any level (the district for a district's report)

    def as_row(self) -> dict:
        return {c: getattr(self, c) for c in INDICATOR_COLUMNS}  # flat values: no deep copy needed


# The indicators table's columns that an extracted record carries (the place columns are added later).
INDICATOR_COLUMNS = [c for c in schema.columns("indicators") if c in {f.name for f in fields(Indicator)}]


def row_id(row) -> str:
    """Stable id of an indicators row: document, span, indicator, kind and measure (``doc@0-9/gdp/target/growth``)."""
    return (f"{row['doc_id']}@{int(row['start'])}-{int(row['end'])}"
            f"/{row['indicator']}/{row['kind']}/{row['measure']}")
