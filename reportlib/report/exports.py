"""Tables for people who take the data away: the indicators as one tidy long table.

``indicator_facts`` gives one figure a row with everything needed to use it alone: the place
and its division code, the year and period, the indicator's id and display name, kind, measure,
value, range end, qualifier, unit, and where it was read (document, raw file, verbatim quote).
Columns a corpus does not have yet (``adcode``, ``period``) are empty, never invented.
"""

from __future__ import annotations

import pandas as pd

from reportlib import schema
from reportlib.report.compare import indicator_label


def indicator_facts(indicators: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                    lang: str = "zh") -> pd.DataFrame:
    """The tidy long export (``indicator_facts`` in ``fields.csv``), sorted by place, year, indicator."""
    df = indicators.copy()
    if "place" not in df or df["place"].isna().all():
        df["place"] = df.get("district")
    if documents is not None and "adcode" in documents and ("adcode" not in df or df["adcode"].isna().all()):
        df = df.drop(columns=[c for c in ("adcode",) if c in df]).merge(
            documents[["doc_id", "adcode"]], on="doc_id", how="left")
    for col in ("adcode", "period"):
        if col not in df:
            df[col] = pd.NA
    df["indicator_name"] = [indicator_label(i).label_en if lang == "en" else indicator_label(i).label_zh
                            for i in df["indicator"]]
    cols = schema.columns("indicator_facts")
    df = df.sort_values(["place", "year", "indicator", "doc_id", "start"], kind="mergesort")
    return df[cols].reset_index(drop=True)
