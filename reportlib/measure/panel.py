"""The panel on top of the indicators: targets beside actuals, and conflicting statements.

``targets_vs_actuals`` answers "was the target met?": the target a report set for a year beside
the figure reported later for that year (next year's work report, a plan report, a mid-year
report), never "met" by an estimate or a part year. ``conflicts`` lists final figures of one fact
stated with two values, both quotes shown; ``revisions`` lists estimates beside the final figure a
later report gave, so that a reader can see which document to trust.
"""

from __future__ import annotations

import itertools
import logging

import pandas as pd

from reportlib import schema
from reportlib.measure.indicators import indicator_defs
from reportlib.measure.quantities import standardise
from reportlib.measure.vocabulary import alias_table
from reportlib.records import row_id

log = logging.getLogger(__name__)

KEY = ["place", "indicator", "year", "measure"]  # place: the report's unit, any level
# Which reported figure answers a yearly target, best first: the final figure of the next report,
# an estimate, the first half's, another part of the year's. Only a final figure is ever "met".
ACTUAL_KINDS = {"actual": 0, "estimate": 1, "h1_actual": 2, "ytd_actual": 3}
FINAL_KINDS = ("actual", "period_actual")  # figures whose disagreement is a conflict
DOC_TYPE_ORDER = {"work_report": 0, "plan_report": 1, "plan_midyear": 2}
DOC_ID_YEAR = r"-(\d{4})-"  # the year a doc_id names (xuhui-2021-work_report)
APPROX_TOLERANCE = 0.1  # 5%左右 is met by 4.5% (a tenth of the target, at least 0.5 of its unit)
APPROX_MIN = 0.5

# The one shape of "target beside actual", declared in fields.csv: the panel, the narratives' results
# and the figures all use it.
PANEL_COLUMNS = schema.columns("targets_vs_actuals")
CONFLICT_COLUMNS = [
    "place", "district", "year", "period", "indicator", "kind", "measure", "same_document",
    "doc_id_a", "value_a", "value_high_a", "qualifier_a", "unit_a", "quote_a", "start_a",
    "doc_id_b", "value_b", "value_high_b", "qualifier_b", "unit_b", "quote_b", "start_b",
]
REVISION_COLUMNS = [
    "place", "district", "indicator", "year", "measure",
    "estimate_value", "estimate_value_high", "estimate_qualifier", "estimate_unit", "estimate_doc_id",
    "estimate_quote", "estimate_start",
    "final_value", "final_value_high", "final_qualifier", "final_unit", "final_doc_id",
    "final_quote", "final_start", "revised",
]


def _placed(ind: pd.DataFrame) -> pd.DataFrame:
    """The rows with a ``place`` (the district where an older table has none) and a ``period``."""
    district = ind["district"].astype(object).fillna("") if "district" in ind else ""
    place = ind["place"].astype(object).fillna("") if "place" in ind else district
    place = place.where(place != "", district)
    period = ind["period"].astype(object).fillna("") if "period" in ind else ""
    return ind.assign(place=place, district=district, period=period)


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


def _ranked(rows: pd.DataFrame, kinds: dict[str, int], target_doc: str = "") -> pd.DataFrame:
    """Rows best first: with a number, by kind, from another (the next) report than the target's, by
    document type, in text order."""
    return rows.assign(
        _has=rows["value"].isna().astype(int),
        _kind=rows["kind"].map(kinds),
        _same=(rows["doc_id"] == target_doc).astype(int),
        _doc=rows["doc_type"].map(DOC_TYPE_ORDER).fillna(9),
    ).sort_values(["_has", "_kind", "_same", "_doc", "doc_id", "start"], kind="mergesort")


def _best_target(group: pd.DataFrame) -> pd.Series:
    """The target a year's own report set (its work report first); numbers before words."""
    doc_year = group["doc_id"].str.extract(DOC_ID_YEAR, expand=False)  # spec: slug-year-doc_type
    own = group.assign(_own=(doc_year == group["year"].astype(str)).astype(int))
    ranked = _ranked(own, {"target": 0, "plan_period_target": 0})
    return ranked.sort_values("_own", ascending=False, kind="mergesort").iloc[0]


def _compare(t: pd.Series, best: pd.Series, defs: dict) -> tuple:
    """(gap, met, on_track) of a target and the figure that answers it.

    ``met`` only for a final figure (``actual``, or ``period_actual`` for a plan's target); an
    estimate's or a part year's growth says whether the year is ``on_track``, a part year's level
    says nothing (NA).
    """
    actual = best["value"]
    if pd.isna(actual) or pd.isna(t["value"]):
        return pd.NA, pd.NA, pd.NA
    if best["unit"] != t["unit"]:
        actual = _rescaled(actual, best["unit"], t["unit"])
    if actual is None:
        return pd.NA, pd.NA, pd.NA
    gap = round(float(actual) - float(t["value"]), 9)
    better = defs[t["indicator"]].better if t["indicator"] in defs else "higher"
    high = None if pd.isna(t["value_high"]) else float(t["value_high"])
    reached = is_met(float(actual), float(t["value"]), high, t["qualifier"], better)
    if best["kind"] in FINAL_KINDS:
        return gap, reached, pd.NA
    if best["kind"] in ("h1_actual", "ytd_actual") and t["measure"] == "level":
        return gap, pd.NA, pd.NA
    return gap, pd.NA, reached


def _pair(key: tuple, group: pd.DataFrame, candidates: pd.DataFrame | None, kinds: dict, defs: dict) -> dict:
    """One panel row: the best target of ``group`` beside the best of ``candidates``."""
    t = _best_target(group)
    numbers = {round(v, 9) for v in group["value"].dropna()}
    row = dict(zip(KEY, key, strict=True)) | {
        "district": t["district"], "period": t.get("period", "") or "",
        "target_value": t["value"], "target_value_high": t["value_high"],
        "target_qualifier": t["qualifier"], "target_unit": t["unit"],
        "target_doc_id": t["doc_id"], "target_quote": t["quote"], "target_start": t["start"],
        "target_row_id": row_id(t), "n_targets": len(group), "targets_differ": len(numbers) > 1,
        "n_actuals": 0 if candidates is None else len(candidates),
        "gap": pd.NA, "met": pd.NA, "on_track": pd.NA,
    }
    if candidates is None or candidates.empty:
        return row
    best = _ranked(candidates, kinds, t["doc_id"]).iloc[0]
    row.update({
        "actual_value": best["value"], "actual_value_high": best["value_high"],
        "actual_qualifier": best["qualifier"], "actual_unit": best["unit"],
        "actual_kind": best["kind"], "actual_period": best.get("period", "") or "",
        "actual_doc_id": best["doc_id"], "actual_quote": best["quote"], "actual_start": best["start"],
        "actual_row_id": row_id(best),
    })
    row["gap"], row["met"], row["on_track"] = _compare(t, best, defs)
    return row


def targets_vs_actuals(ind: pd.DataFrame) -> pd.DataFrame:
    """One row per target (district, indicator, year, measure) beside the figure reported for it.

    A year's target (the one its own report set, its work report first; ``n_targets`` counts the
    statements, ``targets_differ`` whether their numbers disagree) is answered by the final figure
    of that year from the next report; failing that by an estimate, the first half's or another part
    of the year's figure, shown as such in ``actual_kind``. Renamed indicators of one concept meet
    because the lexicon gives their names one id (公共财政预算收入 = 一般公共预算收入). A plan
    period's target (``plan_period_target``) is answered by the same period's ``period_actual``.
    ``gap`` is the figure minus the target (its low end) in the target's unit. ``met`` is set only
    for a final figure, respecting the qualifier (at_least, at_most, approx within a tenth), ranges
    and the indicator's good direction; an estimate's or a part year's growth gives ``on_track``
    instead, never ``met``. Targets without any figure are kept, with empty actual columns.
    """
    defs = indicator_defs()
    ind = _placed(ind)
    rows = []
    # a year's target meets any figure of that year (a first half's has its own period); a plan's
    # target only the figure of its own period
    for target_kind, kinds, key_cols in (("target", ACTUAL_KINDS, KEY),
                                         ("plan_period_target", {"period_actual": 0}, [*KEY, "period"])):
        targets = ind[ind["kind"] == target_kind]
        answers = ind[ind["kind"].isin(kinds)]
        by_key = {k: g for k, g in answers.groupby(key_cols, sort=False, dropna=False)}
        for key, group in targets.groupby(key_cols, sort=True, dropna=False):
            rows.append(_pair(key[:len(KEY)], group, by_key.get(key), kinds, defs))
    df = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    for col in ("met", "on_track", "targets_differ"):
        df[col] = df[col].astype("boolean")
    for col in ("n_actuals", "n_targets", "year"):
        df[col] = df[col].astype("Int64")
    df = df.sort_values([*KEY, "period"], kind="mergesort").reset_index(drop=True)
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


def _named_apart(a, b) -> bool:
    """True for two figures of one report that it names differently (财政总收入完成29亿元 and
    地方财政总收入完成16亿元): two measures of one concept that the report itself tells apart."""
    if a.doc_id != b.doc_id:
        return False
    pattern = alias_table()[0]
    names = [pattern.search(str(r.quote or "")) for r in (a, b)]
    return all(names) and names[0].group() != names[1].group()


def _side(prefix: str, r) -> dict:
    return {f"{prefix}value": r.value, f"{prefix}value_high": r.value_high,
            f"{prefix}qualifier": r.qualifier, f"{prefix}unit": r.unit, f"{prefix}doc_id": r.doc_id,
            f"{prefix}quote": r.quote, f"{prefix}start": r.start}


def conflicts(ind: pd.DataFrame) -> pd.DataFrame:
    """Pairs of final figures of one fact (place, year, period, indicator, kind, measure) that disagree.

    Only final figures (``actual``, ``period_actual``) are compared: an estimate later revised is
    a revision (:func:`revisions`), an annual figure and a five-year one are different facts. Values
    are compared in the standard unit (3.2万个 = 32000个) with their qualifiers and ranges: 110.63亿元
    and 突破百亿 agree, 298亿 and 近300亿 agree, 12.5 and 13亿美元 do not. ``same_document`` tells a
    conflict within one report (two places) from one between reports; two figures one report names
    apart (财政总收入 and 地方财政总收入) are two measures, not a conflict.
    """
    keys = ["place", "year", "period", "indicator", "kind", "measure"]
    ind = _placed(ind)
    numeric = ind[ind["value"].notna() & ind["kind"].isin(FINAL_KINDS)]
    rows = []
    for key, group in numeric.groupby(keys, sort=True, dropna=False):
        recs = list(group.sort_values(["doc_id", "start"], kind="mergesort").itertuples(index=False))
        for a, b in itertools.combinations(recs, 2):
            if _compatible(a, b) or _named_apart(a, b):
                continue
            rows.append(dict(zip(keys, key, strict=True)) | {"district": a.district,
                                                             "same_document": a.doc_id == b.doc_id}
                        | {f"{c}_a": v for c, v in zip(SIDE, _values(a), strict=True)}
                        | {f"{c}_b": v for c, v in zip(SIDE, _values(b), strict=True)})
    df = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    log.info("%d conflicting pairs (%d between documents)", len(df),
             int((~df["same_document"].astype(bool)).sum()) if len(df) else 0)
    return df.reset_index(drop=True)


SIDE = ["doc_id", "value", "value_high", "qualifier", "unit", "quote", "start"]


def _values(r) -> list:
    return [getattr(r, c) for c in SIDE]


def revisions(ind: pd.DataFrame) -> pd.DataFrame:
    """An estimate of a year's figure beside the final figure a later report gives for it.

    A plan report of 23 December estimates the year (预计, 全年完成预计); the next work report
    states the final figure. Every such pair is a row, ``revised`` when the values differ (see
    :func:`conflicts` for final figures that disagree).
    """
    numeric = _placed(ind)
    numeric = numeric[numeric["value"].notna()]
    estimates = numeric[numeric["kind"] == "estimate"]
    finals = {k: g for k, g in numeric[numeric["kind"] == "actual"].groupby(KEY, sort=False, dropna=False)}
    rows = []
    for key, group in estimates.groupby(KEY, sort=True, dropna=False):
        final = finals.get(key)
        if final is None:
            continue
        for e in group.sort_values(["doc_id", "start"], kind="mergesort").itertuples(index=False):
            for f in final.sort_values(["doc_id", "start"], kind="mergesort").itertuples(index=False):
                if f.doc_id == e.doc_id:
                    continue
                rows.append(dict(zip(KEY, key, strict=True)) | {"district": e.district}
                            | _side("estimate_", e) | _side("final_", f)
                            | {"revised": not _compatible(e, f)})
    df = pd.DataFrame(rows, columns=REVISION_COLUMNS)
    log.info("%d estimate-then-final pairs (%d revised)", len(df), int(df["revised"].sum()) if len(df) else 0)
    return df.reset_index(drop=True)
