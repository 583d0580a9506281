"""Targets beside the figure reported for their year, and the sentence that says whether each was met."""

from __future__ import annotations

import logging

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Sentence,
    format_number,
    side,
    subject,
    value_claim,
    year_claim,
)
from reportlib.report.narrative.wording import Label, Phrase

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- last year's targets

PANEL_NEEDS = {"district", "indicator", "year", "measure", "target_value", "target_doc_id", "target_quote",
               "target_start", "actual_value", "actual_kind", "actual_doc_id", "actual_quote", "actual_start", "met"}


def _panel(tables: StudyTables) -> pd.DataFrame | None:
    """The panel (``panel.targets_vs_actuals``): given, or computed from the indicators."""
    if tables.panel is not None:
        return tables.panel
    if tables.indicators is None or tables.indicators.empty:
        return None
    try:
        from reportlib.measure.panel import targets_vs_actuals
    except ImportError:  # an install without the panel stage
        return None
    return targets_vs_actuals(tables.indicators)


def _truth(v) -> object:
    """A panel's ``met`` as True/False/NA, whether it came as booleans or as CSV text."""
    if isinstance(v, bool):
        return v
    return {"true": True, "false": False}.get(str(v).strip().lower(), pd.NA)


def target_results(tables: StudyTables) -> pd.DataFrame:
    """Each target beside the figure reported for its year, as the narratives and figures use it.

    Columns of :data:`compare.RESULT_COLUMNS` plus ``actual_unit``: the panel's pairing and
    ``met`` where a panel is given or computable, tied to the indicator rows by ``row_id``.
    """
    return tables.memo("results", lambda: _compute_results(tables))



def _compute_results(tables: StudyTables) -> pd.DataFrame:
    """Targets beside the figure reported for their year, from the panel, with indicator row ids.

    The panel decides which figure answers a target and whether it was met; its rows are tied
    back to the indicators table (document, offset, quote) so every sentence cites both rows.
    Without a panel, :func:`compare.target_results` pairs them.
    """
    ind = tables.indicator_rows()
    panel = _panel(tables)
    if panel is None or not set(panel.columns) >= PANEL_NEEDS:
        return compare.target_results(ind)
    p = panel[panel["target_value"].notna() & panel["actual_value"].notna()].copy()
    p["year"] = pd.to_numeric(p["year"], errors="coerce").astype("Int64")
    p["met"] = pd.array([_truth(v) for v in p["met"]], dtype="boolean")
    by_span = {(r["doc_id"], int(r["start"]), r["quote"], r["indicator"], r["kind"], r["measure"]): r
               for r in ind.to_dict("records")}
    rows = []
    for r in p.to_dict("records"):
        t = by_span.get((r["target_doc_id"], int(r["target_start"]), r["target_quote"], r["indicator"], "target",
                         r["measure"]))
        a = by_span.get((r["actual_doc_id"], int(r["actual_start"]), r["actual_quote"], r["indicator"],
                         r["actual_kind"], r["measure"]))
        if t is None or a is None:
            log.warning("panel row %s/%s/%s not found in the indicators table", r["district"], r["indicator"],
                        r["year"])
            continue
        rows.append({
            "district": r["district"], "year": r["year"], "indicator": r["indicator"], "measure": r["measure"],
            "unit": t["unit"], "target_value": t["value"], "target_value_high": t["value_high"],
            "target_qualifier": t["qualifier"], "target_row_id": t["row_id"], "target_doc_id": t["doc_id"],
            "target_quote": t["quote"], "target_doc_type": t["doc_type"], "actual_value": a["value"],
            "actual_unit": a["unit"], "actual_kind": a["kind"], "actual_row_id": a["row_id"],
            "actual_doc_id": a["doc_id"], "actual_quote": a["quote"], "met": r["met"],
            "on_track": _truth(r.get("on_track", pd.NA))})
    res = pd.DataFrame(rows, columns=[*compare.RESULT_COLUMNS, "actual_unit", "target_doc_type", "on_track"])
    # one sentence per target: the work report's statement of it when two documents state it
    res = res.assign(_p=res["target_doc_type"].map(compare.DOC_PRIORITY).fillna(9))
    res = res.sort_values(["district", "indicator", "year", "measure", "_p", "target_row_id"], kind="mergesort")
    return res.drop_duplicates(["district", "indicator", "year", "measure"]).drop(columns="_p")


def other_statement(tables: StudyTables, r: dict) -> dict | None:
    """Another report's different figure for a result's year (an estimate revised, or a final figure
    stated twice with two values), so that the sentence using one discloses the other."""
    if r.get("actual_kind") != "actual":
        return None
    ind = tables.indicator_rows()
    same = ind[(ind["district"] == r["district"]) & (ind["indicator"] == r["indicator"])
               & (ind["year"] == r["year"]) & (ind["measure"] == r["measure"])
               & ind["kind"].isin(["actual", "estimate"]) & (ind["doc_id"] != r["actual_doc_id"])
               & (ind["unit"] == r.get("actual_unit", r["unit"])) & ind["value"].notna()]
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
    prev = ind[(ind["district"] == r["district"]) & (ind["indicator"] == r["indicator"])
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
    tc, target = value_claim(side(r, "target_"), "target")
    actual_unit = r.get("actual_unit") or r["unit"]
    ac, actual = value_claim({**side(r, "actual_"), "unit": actual_unit}, "actual")
    y = year_claim(r["year"], [tc.sources[0], ac.sources[0]])
    kind = r["actual_kind"] if r["actual_kind"] in ("estimate", "h1_actual", "ytd_actual") else "actual"
    claims = [y, tc, ac]
    verb = "verb.fall" if actual.fall else "verb.growth" if r["measure"] == "growth" else "verb.level"
    gap: Phrase | str = ""
    higher_better = indicator_label(r["indicator"]).better == "higher" and float(r["target_value"]) >= 0
    same_unit = actual_unit == r["unit"]
    if same_unit and r["unit"] in ("%", "个百分点") and r["measure"] in RANKED_MEASURES and higher_better:
        diff = float(r["actual_value"]) - float(r["target_value"])
        if abs(diff) < 1e-9:
            gap = Phrase.of("gap.equal")
        else:
            gc = Claim(format_number(abs(diff)), "gap", (abs(diff),), (tc.sources[0], ac.sources[0]))
            claims.append(gc)
            gap = Phrase.of("gap.above" if diff > 0 else "gap.below", gap=gc.text)
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
