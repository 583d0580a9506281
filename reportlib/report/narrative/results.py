"""Targets beside the figure reported for their year, and the sentence that says whether each was met."""

from __future__ import annotations

import logging

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label
from reportlib.report.narrative.model import (
    MET_EN,
    MET_ZH,
    RANKED_MEASURES,
    Claim,
    Sentence,
    _side,
    _subject,
    format_number,
    value_claim,
    year_claim,
)

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


DOC_NAMES = {"work_report": ("另一份政府工作报告", "another work report"),
             "plan_report": ("计划执行情况报告", "the plan report"),
             "plan_midyear": ("年中计划执行情况报告", "the mid-year plan report")}


def _other_statement(tables: StudyTables, r: dict) -> dict | None:
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


def result_sentence(r: dict, other: dict | None = None) -> Sentence:
    """'2020年一般公共预算收入增长目标为0.58%，实际增长2%，高出目标1.42个百分点，完成了目标。'"""
    tc, tzh, ten = value_claim(_side(r, "target_"), "target")
    actual_unit = r.get("actual_unit") or r["unit"]
    ac, azh, aen = value_claim({**_side(r, "actual_"), "unit": actual_unit}, "actual")
    y = year_claim(r["year"], [tc.sources[0], ac.sources[0]])
    subj_zh, subj_en = _subject(r)
    kind_zh, kind_en = {"estimate": ("预计", "an estimated"), "h1_actual": ("上半年", "a first-half")}.get(
        r["actual_kind"], ("实际", "an actual"))
    claims = [y, tc, ac]
    verb = "增长" if r["measure"] == "growth" and not azh.startswith("下降") else "" if azh.startswith("下降") else "为"
    zh = f"{y.text}年{subj_zh}为{tzh}，{kind_zh}{verb}{azh}"
    en = f"The {y.text} {subj_en} was {ten}; the report gives {kind_en} {aen}"
    higher_better = indicator_label(r["indicator"]).better == "higher" and float(r["target_value"]) >= 0
    same_unit = actual_unit == r["unit"]
    if same_unit and r["unit"] in ("%", "个百分点") and r["measure"] in RANKED_MEASURES and higher_better:
        gap = float(r["actual_value"]) - float(r["target_value"])
        if abs(gap) < 1e-9:
            zh += "，与目标持平"
            en += ", level with the target"
        else:
            gc = Claim(format_number(abs(gap)), "gap", (abs(gap),), (tc.sources[0], ac.sources[0]))
            claims.append(gc)
            zh += f"，{'高出' if gap > 0 else '低于'}目标{gc.text}个百分点"
            en += f", {gc.text} points {'above' if gap > 0 else 'below'} the target"
    if other is not None:  # a revised estimate or a second value: disclosed where the number is used
        oc, ozh, oen = value_claim(other, "actual")
        claims.append(oc)
        said_zh, said_en = ("曾预计为", "had estimated it at") if other["kind"] == "estimate" else (
            "表述为", "states it as")
        doc_zh, doc_en = DOC_NAMES.get(other.get("doc_type", ""), ("另一份报告", "another report"))
        zh += f"（{doc_zh}{said_zh}{ozh}）"
        en += f" ({doc_en} {said_en} {oen})"
    met, on_track = r["met"], r.get("on_track", pd.NA)
    if r["actual_kind"] in ("h1_actual", "estimate"):  # never "met": on track or not yet
        part_zh, part_en = {"h1_actual": ("上半年", "after the first half"),
                            "estimate": ("按预计数", "on the estimate")}[r["actual_kind"]]
        if on_track is None or pd.isna(on_track):
            zh += "，这还不是全年的最终数值，不能说明是否完成"
            en += "; not the year's final figure, so it cannot tell whether the target was met"
        else:
            zh += f"，{part_zh}{'已达到' if bool(on_track) else '尚未达到'}全年目标的要求（非最终数值）"
            en += f": {'on track' if bool(on_track) else 'not yet on track'} {part_en} (not a final figure)"
    elif pd.isna(met):
        zh += "，从表述上无法判断是否完成"
        en += "; the wording does not say whether it was met"
    else:
        zh += f"，{MET_ZH[bool(met)]}"
        en += f": {MET_EN[bool(met)]}"
    return Sentence(zh + "。", en + ".", claims)
