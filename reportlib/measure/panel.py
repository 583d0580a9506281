"""The panel on top of the indicators: targets beside actuals, and conflicting statements.

``targets_vs_actuals`` answers "was the target met?": the target a report set for a year beside
the figure reported later for that year (next year's work report, a plan report, a mid-year
report). ``conflicts`` lists the places where the reports state one fact with two values, both
quotes shown, so that a reader can see which document to trust.
"""

from __future__ import annotations

import itertools
import logging
import re

import pandas as pd

from reportlib.measure.indicators import indicator_defs
from reportlib.measure.quantities import standardise

log = logging.getLogger(__name__)

KEY = ["district", "indicator", "year", "measure"]
# Which reported figure answers a target, best first: a completed figure, an estimate, the first half.
ACTUAL_KINDS = {"actual": 0, "estimate": 1, "h1_actual": 2}
# A figure over several years (累计下降15%, 年均增长6.7%, 五年…) answers a yearly target last.
PERIOD_WORDS = r"累计|年均|五年|十[一二三四五六七八九]五"
DOC_TYPE_ORDER = {"work_report": 0, "plan_report": 1, "plan_midyear": 2}
DOC_ID_YEAR = r"-(\d{4})-"  # the year a doc_id names (xuhui-2021-work_report)
APPROX_TOLERANCE = 0.1  # 5%左右 is met by 4.5% (a tenth of the target, at least 0.5 of its unit)
APPROX_MIN = 0.5

PANEL_COLUMNS = [
    "district", "indicator", "year", "measure",
    "target_value", "target_value_high", "target_qualifier", "target_unit", "target_doc_id",
    "target_quote", "target_start", "n_targets", "targets_differ",
    "actual_value", "actual_value_high", "actual_qualifier", "actual_unit", "actual_kind",
    "actual_doc_id", "actual_quote", "actual_start", "n_actuals",
    "gap", "met",
]
CONFLICT_COLUMNS = [
    "district", "year", "indicator", "kind", "measure", "same_document", "period_statement",
    "doc_id_a", "value_a", "value_high_a", "qualifier_a", "unit_a", "quote_a", "start_a",
    "doc_id_b", "value_b", "value_high_b", "qualifier_b", "unit_b", "quote_b", "start_b",
]


def _rescaled(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (3.2 万个 → 32000 个), else None."""
    v_std, u_std = standardise(value, from_unit)
    one_std, u2 = standardise(1.0, to_unit)
    if v_std is None or one_std is None or u_std != u2 or not one_std:
        return None
    return v_std / one_std


def is_met(actual: float, target: float, target_high: float | None, qualifier: str,
           better: str = "higher") -> bool:
    """Whether ``actual`` meets a target, respecting 以上/以内/左右/ranges and the good direction.

    >>> is_met(6.5, 6, None, "at_least"), is_met(5.8, 6, 7, ""), is_met(4.6, 5, None, "approx")
    (True, False, True)
    >>> is_met(4123, 4750, None, "at_most", better="lower")
    True
    """
    if qualifier == "at_least":
        return actual >= target
    if qualifier == "at_most":
        return actual <= (target if target_high is None else target_high)
    if target_high is not None and not pd.isna(target_high):
        return actual >= target if better == "higher" else actual <= target_high
    if qualifier == "approx":
        tolerance = max(abs(target) * APPROX_TOLERANCE, APPROX_MIN)
        return actual >= target - tolerance if better == "higher" else actual <= target + tolerance
    return actual >= target if better == "higher" else actual <= target


def _ranked(rows: pd.DataFrame, kinds: dict[str, int]) -> pd.DataFrame:
    """Rows best first: with a number, by kind, by document type, then in text order."""
    return rows.assign(
        _has=rows["value"].isna().astype(int),
        _kind=rows["kind"].map(kinds),
        _doc=rows["doc_type"].map(DOC_TYPE_ORDER).fillna(9),
    ).sort_values(["_has", "_kind", "_doc", "doc_id", "start"], kind="mergesort")


def _best_target(group: pd.DataFrame) -> pd.Series:
    """The target a year's own report set (its work report first); numbers before words."""
    doc_year = group["doc_id"].str.extract(DOC_ID_YEAR, expand=False)  # spec: slug-year-doc_type
    own = group.assign(_own=(doc_year == group["year"].astype(str)).astype(int))
    ranked = _ranked(own, {"target": 0})
    return ranked.sort_values("_own", ascending=False, kind="mergesort").iloc[0]


def _best_actual(candidates: pd.DataFrame) -> pd.Series | None:
    """The figure that answers a yearly target; a figure over several years (累计, 年均) never does."""
    yearly = candidates[~candidates["quote"].str.contains(PERIOD_WORDS, regex=True)]
    return None if yearly.empty else _ranked(yearly, ACTUAL_KINDS).iloc[0]


def targets_vs_actuals(ind: pd.DataFrame) -> pd.DataFrame:
    """One row per target (district, indicator, year, measure) beside the figure reported for it.

    The target is the one the year's own report set (its work report first; a plan or mid-year
    report restating it otherwise); ``n_targets`` counts the statements and ``targets_differ``
    says whether their numbers disagree (see :func:`conflicts`). The figure is a completed
    actual, else an estimate, else the first half's (a mid-year report), from a work report
    before a plan report before a mid-year report; figures over several years (五年累计, 年均) are
    not compared with a yearly target. ``gap`` is actual minus target (the low end of a range) in
    the target's unit; ``met`` respects the qualifier (at_least, at_most, approx within a tenth),
    ranges and the indicator's good direction; a first half's growth is compared with the year's
    target (on track), a first half's level is not (NA). ``met`` is NA when either side has no
    number. Targets without any figure are kept, with empty actual columns.
    """
    defs = indicator_defs()
    targets = ind[ind["kind"] == "target"]
    actuals = ind[ind["kind"].isin(ACTUAL_KINDS)]
    by_key = {k: g for k, g in actuals.groupby(KEY, sort=False, dropna=False)}
    rows = []
    for key, group in targets.groupby(KEY, sort=True, dropna=False):
        t = _best_target(group)
        numbers = {round(v, 9) for v in group["value"].dropna()}
        row = dict(zip(KEY, key, strict=True)) | {
            "target_value": t["value"], "target_value_high": t["value_high"],
            "target_qualifier": t["qualifier"], "target_unit": t["unit"],
            "target_doc_id": t["doc_id"], "target_quote": t["quote"], "target_start": t["start"],
            "n_targets": len(group), "targets_differ": len(numbers) > 1,
        }
        candidates = by_key.get(key)
        best = _best_actual(candidates) if candidates is not None else None
        row["n_actuals"] = 0 if candidates is None else len(candidates)
        gap = met = pd.NA
        if best is not None:
            row.update({
                "actual_value": best["value"], "actual_value_high": best["value_high"],
                "actual_qualifier": best["qualifier"], "actual_unit": best["unit"],
                "actual_kind": best["kind"], "actual_doc_id": best["doc_id"],
                "actual_quote": best["quote"], "actual_start": best["start"],
            })
            actual = best["value"]
            if not pd.isna(actual) and not pd.isna(t["value"]):
                if best["unit"] != t["unit"]:
                    actual = _rescaled(actual, best["unit"], t["unit"])
                if actual is not None:
                    gap = round(float(actual) - float(t["value"]), 9)
                    if not (best["kind"] == "h1_actual" and t["measure"] == "level"):
                        better = defs[t["indicator"]].better if t["indicator"] in defs else "higher"
                        high = None if pd.isna(t["value_high"]) else float(t["value_high"])
                        met = is_met(float(actual), float(t["value"]), high, t["qualifier"], better)
        row["gap"], row["met"] = gap, met
        rows.append(row)
    df = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    df["met"] = df["met"].astype("boolean")
    for col in ("n_actuals", "n_targets", "year"):
        df[col] = df[col].astype("Int64")
    df["targets_differ"] = df["targets_differ"].astype("boolean")
    df = df.sort_values(KEY, kind="mergesort").reset_index(drop=True)
    log.info("%d targets, %d with a reported figure, %d met", len(df),
             int(df["actual_kind"].notna().sum()), int(df["met"].fillna(False).sum()))
    return df


def _std(row) -> float | None:
    if pd.isna(row.value):
        return None
    if not pd.isna(row.value_std):
        return float(row.value_std)
    return float(row.value)


def _bounds(row) -> tuple[float, float]:
    """The interval a statement allows: 突破100 → [100, ∞), 近300 → about 300, 6-7% → [6, 7]."""
    low = _std(row)
    high = low
    if not pd.isna(row.value_high) and not pd.isna(row.value):
        high = low * (row.value_high / row.value) if row.value else row.value_high
    if row.qualifier == "at_least":
        high = float("inf")
    elif row.qualifier == "at_most":
        low = float("-inf")
    elif row.qualifier == "approx":
        tolerance = max(abs(low) * APPROX_TOLERANCE, APPROX_MIN * abs(low / row.value) if row.value else 0)
        low, high = low - tolerance, high + tolerance
    return low, high


def _compatible(a, b) -> bool:
    """True when two statements can both be true (110.63 and 突破百亿; 298 and 近300)."""
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    tol = 1e-9 * max(1.0, abs(_std(a) or 0))
    return a0 <= b1 + tol and b0 <= a1 + tol


def conflicts(ind: pd.DataFrame) -> pd.DataFrame:
    """Pairs of rows stating one fact (district, year, indicator, kind, measure) incompatibly.

    Values are compared in the standard unit (3.2万个 = 32000个) with their qualifiers and ranges:
    110.63亿元 and 突破百亿 agree, 298亿 and 近300亿 agree, 12.5 and 13亿美元 do not. Rows without a
    number (worded targets) are left out. ``same_document`` tells a conflict within one report
    (two places) from one between reports; ``period_statement`` marks pairs where one side is a
    figure over several years (五年累计, 年均), which the kinds of the spec do not tell apart.
    """
    keys = ["district", "year", "indicator", "kind", "measure"]
    numeric = ind[ind["value"].notna()]
    rows = []
    for key, group in numeric.groupby(keys, sort=True, dropna=False):
        recs = list(group.sort_values(["doc_id", "start"], kind="mergesort").itertuples(index=False))
        for a, b in itertools.combinations(recs, 2):
            if _compatible(a, b):
                continue
            period = bool(re.search(PERIOD_WORDS, a.quote) or re.search(PERIOD_WORDS, b.quote))
            rows.append(dict(zip(keys, key, strict=True)) | {
                "same_document": a.doc_id == b.doc_id, "period_statement": period,
                "doc_id_a": a.doc_id, "value_a": a.value, "value_high_a": a.value_high,
                "qualifier_a": a.qualifier, "unit_a": a.unit, "quote_a": a.quote, "start_a": a.start,
                "doc_id_b": b.doc_id, "value_b": b.value, "value_high_b": b.value_high,
                "qualifier_b": b.qualifier, "unit_b": b.unit, "quote_b": b.quote, "start_b": b.start,
            })
    df = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    log.info("%d conflicting pairs (%d between documents)", len(df),
             int((~df["same_document"].astype(bool)).sum()) if len(df) else 0)
    return df.reset_index(drop=True)
