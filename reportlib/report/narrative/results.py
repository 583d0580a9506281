"""Targets beside the figure reported for their year, and the sentence that says whether each was met."""

from __future__ import annotations

import logging

import pandas as pd

from reportlib import schema
from reportlib.measure.panel import targets_vs_actuals
from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Sentence,
    format_number,
    rows_by_id,
    subject,
    value_claim,
    year_claim,
)
from reportlib.report.narrative.wording import Label, Phrase, Points

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- last year's targets

# One shape of "target beside actual": the panel's, declared once in fields.csv (with the rows' ids).
RESULT_COLUMNS = schema.columns("targets_vs_actuals")
_TEXT = ["target_qualifier", "target_unit", "target_doc_id", "target_quote", "actual_qualifier", "actual_unit",
         "actual_kind", "actual_doc_id", "actual_quote", "target_row_id", "actual_row_id", "period"]


def _panel(tables: StudyTables) -> pd.DataFrame | None:
    """The panel (``panel.targets_vs_actuals``) in its declared shape: given, else computed from the indicators.

    A panel written before a column was declared (an older ``targets_vs_actuals.csv``) is computed again.
    """
    given = tables.panel
    if given is not None:
        missing = [c for c in RESULT_COLUMNS if c not in given]
        if not missing:
            return schema.conform(given, "targets_vs_actuals")
        log.info("the panel given lacks %s: computed again from the indicators", missing)
    if tables.indicators is None or tables.indicators.empty:
        return None
    return targets_vs_actuals(tables.indicators)


def target_results(tables: StudyTables) -> pd.DataFrame:
    """Each target beside the figure reported for its year, as the narratives and figures use it.

    The panel's rows (:data:`RESULT_COLUMNS`, the ``targets_vs_actuals`` of ``fields.csv``) that have
    both numbers and whose rows the indicators table holds, one per target.
    """
    return tables.memo("results", lambda: _compute_results(tables))


def _compute_results(tables: StudyTables) -> pd.DataFrame:
    """The panel's pairs with both numbers, tied to the indicator rows by their ids; one per target.

    The panel decides which figure answers a target and whether it was met (``panel.judge``); every
    sentence cites both rows. A target stated by two documents is said once: the work report's.
    """
    panel = _panel(tables)
    if panel is None:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    by_id = rows_by_id(tables)
    p = panel[panel["target_value"].notna() & panel["actual_value"].notna()].copy()
    for col in _TEXT:
        p[col] = p[col].astype(object).where(p[col].notna(), "").astype(str)
    known = p["target_row_id"].isin(by_id.keys()) & p["actual_row_id"].isin(by_id.keys())
    for r in p[~known].to_dict("records"):
        log.warning("panel row %s/%s/%s not found in the indicators table", r["place"], r["indicator"], r["year"])
    p = p[known]
    p = p.assign(_p=[compare.DOC_PRIORITY.get(by_id[i]["doc_type"], 9) for i in p["target_row_id"]])
    p = p.sort_values(["place", "indicator", "year", "measure", "_p", "target_row_id"], kind="mergesort")
    p = p.drop_duplicates(["place", "indicator", "year", "measure"]).drop(columns="_p")
    return p[RESULT_COLUMNS].reset_index(drop=True)


def _side(r: dict, prefix: str) -> dict:
    """The target (``target_``) or the figure (``actual_``) of a result as an indicator-like row.

    A figure is shown as its number (its range and qualifier are the target's business).
    """
    keep = {k: r[k] for k in ("place", "year", "indicator", "measure")}
    figure = prefix == "actual_"
    return {**keep, "value": r[f"{prefix}value"], "value_high": None if figure else r[f"{prefix}value_high"],
            "qualifier": "" if figure else r[f"{prefix}qualifier"], "unit": r[f"{prefix}unit"] or r["target_unit"],
            "row_id": r[f"{prefix}row_id"], "doc_id": r[f"{prefix}doc_id"], "quote": r[f"{prefix}quote"]}


def other_statement(tables: StudyTables, r: dict) -> dict | None:
    """Another report's different figure for a result's year (an estimate revised, or a final figure
    stated twice with two values), so that the sentence using one discloses the other."""
    if r.get("actual_kind") != "actual":
        return None
    ind = tables.indicator_rows()
    same = ind[(ind["place"] == r["place"]) & (ind["indicator"] == r["indicator"])
               & (ind["year"] == r["year"]) & (ind["measure"] == r["measure"])
               & ind["kind"].isin(["actual", "estimate"]) & (ind["doc_id"] != r["actual_doc_id"])
               & (ind["unit"] == (r["actual_unit"] or r["target_unit"])) & ind["value"].notna()]
    differ = same[(same["value"].astype(float) - float(r["actual_value"])).abs() > 1e-9]
    return None if differ.empty else differ.sort_values(["doc_id", "start"]).iloc[0].to_dict()


# A part of the year's growth, and the figures of the year before that may show its base fell:
# the same part of the year first, then the year's.
PART_YEAR_KINDS = {"h1_actual": ("h1_actual", "actual", "estimate"),
                   "ytd_actual": ("ytd_actual", "actual", "estimate")}


def low_base(tables: StudyTables, r: dict) -> dict | None:
    """The fall of the year before under a part of the year's growth (上半年增长16.7% after a first half
    that fell 14.1%): the growth is measured against a low base, which the sentence using it must say."""
    kinds = PART_YEAR_KINDS.get(r.get("actual_kind", ""))
    if kinds is None or r["measure"] != "growth":
        return None
    ind = tables.indicator_rows()
    prev = ind[(ind["place"] == r["place"]) & (ind["indicator"] == r["indicator"])
               & (ind["year"] == int(r["year"]) - 1) & (ind["measure"] == "growth") & ind["kind"].isin(kinds)
               & ind["value"].notna()]
    prev = prev[prev["value"].astype(float) < 0]
    if prev.empty:
        return None
    order = {k: i for i, k in enumerate(kinds)}
    prev = prev.assign(_k=prev["kind"].map(order)).sort_values(["_k", "doc_id", "start"], kind="mergesort")
    return prev.drop(columns="_k").iloc[0].to_dict()


def result_sentence(r: dict, other: dict | None = None, base: dict | None = None) -> Sentence:
    """'2020年一般公共预算收入增长目标为0.58%，实际增长2%，高出目标1.42个百分点，完成了目标。'

    ``other``: another report's different figure, disclosed; ``base``: the fall of the year before
    under a part-year growth (:func:`low_base`), said where the number is used."""
    tc, target = value_claim(_side(r, "target_"), "target")
    actual_unit = r["actual_unit"] or r["target_unit"]
    ac, actual = value_claim(_side(r, "actual_"), "actual")
    y = year_claim(r["year"], [tc.sources[0], ac.sources[0]])
    kind = r["actual_kind"] if r["actual_kind"] in ("estimate", "h1_actual", "ytd_actual") else "actual"
    claims = [y, tc, ac]
    verb = "verb.fall" if actual.fall else "verb.growth" if r["measure"] == "growth" else "verb.level"
    gap: Phrase | str = ""
    higher_better = indicator_label(r["indicator"]).better == "higher" and float(r["target_value"]) >= 0
    same_unit = actual_unit == r["target_unit"]
    if same_unit and r["target_unit"] in ("%", "个百分点") and r["measure"] in RANKED_MEASURES and higher_better:
        diff = float(r["actual_value"]) - float(r["target_value"])
        if abs(diff) < 1e-9:
            gap = Phrase.of("gap.equal")
        else:
            gc = Claim(format_number(abs(diff)), "gap", (abs(diff),), (tc.sources[0], ac.sources[0]))
            claims.append(gc)
            gap = Phrase.of("gap.above" if diff > 0 else "gap.below", gap=Points(gc.text))
    said: Phrase | str = ""
    if other is not None:  # a revised estimate or a second value: disclosed where the number is used
        oc, other_value = value_claim(other, "actual")
        claims.append(oc)
        doc = other.get("doc_type", "")
        doc_key = f"doc.{doc}" if doc in ("work_report", "plan_report", "plan_midyear") else "doc.other"
        said = Phrase.of("other.estimate" if other["kind"] == "estimate" else "other.stated",
                         doc=Phrase.of(doc_key), value=other_value)
    low: Phrase | str = ""
    if base is not None:  # 上半年增长16.7% after a first half that fell: a low base, said where it is used
        bc, base_value = value_claim(base, "actual")
        claims.append(bc)
        low = Phrase.of("base.same" if base["kind"] == r["actual_kind"] else "base.year",
                        value=base_value, kind=Phrase.of(f"actual_kind.{kind}"))
    return Sentence(Phrase.of("result", year=y.text, subject=subject(r), target=target,
                              kind=Phrase.of(f"actual_kind.{kind}"), verb=Phrase.of(verb), actual=actual, gap=gap,
                              other=said, base=low, verdict=_verdict(r)), claims)


def _verdict(r: dict) -> Phrase:
    """Met or missed for a final figure; on track or not for an estimate or a half year; else unclear."""
    met, on_track = r["met"], r.get("on_track", pd.NA)
    if r["actual_kind"] in ("h1_actual", "ytd_actual", "estimate"):  # never "met": on track or not yet
        if on_track is None or pd.isna(on_track):
            return Phrase.of("verdict.not_final")
        return Phrase.of("verdict.on_track" if bool(on_track) else "verdict.not_on_track",
                         part=Phrase.of(f"partial.{r['actual_kind']}"))
    if pd.isna(met):
        return Phrase.of("verdict.unclear")
    return Phrase.of("verdict.met", met=Label("met", "true" if bool(met) else "false"))
