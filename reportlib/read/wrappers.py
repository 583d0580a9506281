"""Wrappers around report texts: CSV export records whose fields say where a text came from.

A scraper's export (``province,year,title,source_url,publish_date,full_text``) holds one report
per record; its header line is not text of the report. Each record becomes its own text, and
its fields become document columns (``source_url``, ``publish_date``) or hints (title, place).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

HEADER = re.compile(r"^\ufeff?[A-Za-z_][A-Za-z0-9_ ]*(?:,[A-Za-z_][A-Za-z0-9_ ]*){2,}\s*$")
TEXT_FIELDS = ("full_text", "text", "content", "body", "正文")
FIELD_NAMES = {  # a wrapper's column → the document's
    "title": "title", "标题": "title",
    "source_url": "source_url", "url": "source_url", "link": "source_url",
    "publish_date": "publish_date", "date": "publish_date", "pub_date": "publish_date",
    "province": "place", "city": "place", "district": "place", "county": "place", "place": "place",
    "region": "place",
}


@dataclass
class Record:
    """One text of a raw file and what its wrapper says about it (empty for a plain text)."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)


def unwrap(text: str) -> list[Record]:
    """The records of a CSV export, or the whole text as one record when it is not one.

    >>> recs = unwrap('province,year,title,source_url,publish_date,full_text\\n浙江省,2026,报告,http://x,2026-01-22,"各位代表:"\\n')
    >>> recs[0].text, recs[0].fields["place"], recs[0].fields["publish_date"]
    ('各位代表:', '浙江省', '2026-01-22')
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if not HEADER.match(first):
        return [Record(text)]
    columns = [c.strip().lower() for c in first.split(",")]
    body = next((c for c in TEXT_FIELDS if c in columns), None)
    if body is None:
        return [Record(text)]
    csv.field_size_limit(1 << 30)
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), fieldnames=None))
    except csv.Error:
        return [Record(text)]
    records = []
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not row.get(body):
            continue
        fields = {FIELD_NAMES[k]: v for k, v in row.items() if k in FIELD_NAMES and v}
        records.append(Record(row[body], fields))
    return records or [Record(text)]
