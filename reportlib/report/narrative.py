"""District profiles and corpus comparisons in words, generated from the study's tables.

Each sentence is a :class:`Sentence` holding its Chinese and English text and the
:class:`Claim` behind every number in it (the value shown, what it is, the table rows it comes
from), so a test can re-derive every number and a reader can follow every footnote to a
document and a verbatim quote. Wording follows the data: equal values are "the same", a
district alone in its year is never ranked, and "not stated in the report" is said only when
the report exists and the tables hold no row of the indicator.

>>> from reportlib.report.narrative import format_number
>>> format_number(6.50), format_number(13590.0), format_number(0.58)
('6.5', '13590', '0.58')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from reportlib.lexicon import district_by_name, read_rows
from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label, sort_districts

log = logging.getLogger(__name__)

RANKED_MEASURES = ("growth", "share", "change_pp")  # levels differ by district size, not ambition
MEASURE_ORDER = {"growth": 0, "share": 1, "change_pp": 2, "level": 3}

_VALUE_LABELS = read_rows("value_labels.csv")  # qualifier and "met" words: data, shared with the tables
QUALIFIER_ZH = {r["value"]: r["label_zh"] for r in _VALUE_LABELS if r["column"] == "qualifier"}
QUALIFIER_EN = {r["value"]: r["label_en"] + " " for r in _VALUE_LABELS if r["column"] == "qualifier"}
MET_ZH = {r["value"] == "true": r["label_zh"] for r in _VALUE_LABELS if r["column"] == "met"}
MET_EN = {r["value"] == "true": r["label_en"] for r in _VALUE_LABELS if r["column"] == "met"}
# Markdown and HTML specials in text that comes from the reports: shown, never interpreted.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")


@dataclass(frozen=True)
class Source:
    """A table row a number rests on; report figures carry their document and verbatim quote."""

    table: str
    row_id: str
    doc_id: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Claim:
    """One number as a sentence shows it (``text``), what it is, and the rows it comes from.

    ``what``: ``target`` · ``actual`` · ``year`` · ``rank`` · ``n_districts`` · ``median`` ·
    ``gap`` · ``uplift`` · ``share`` · ``mean_share`` · ``count``.
    ``values`` are the numbers shown, in order (a range shows two).
    """

    text: str
    what: str
    values: tuple[float, ...]
    sources: tuple[Source, ...]


@dataclass
class Sentence:
    """A sentence in Chinese and English with the claims behind its numbers."""

    zh: str
    en: str
    claims: list[Claim] = field(default_factory=list)
    extra_sources: list[Source] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # terms and topic labels from the data (G60科创走廊)

    @property
    def sources(self) -> list[Source]:
        """The sentence's footnotes: every row its numbers rest on, in order, once each."""
        seen: dict[tuple[str, str], Source] = {}
        for s in [*(s for c in self.claims for s in c.sources), *self.extra_sources]:
            seen.setdefault((s.table, s.row_id), s)
        return list(seen.values())


@dataclass
class Section:
    """A headed group of sentences (one bullet each)."""

    heading_zh: str
    heading_en: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Narrative:
    """A titled list of sections; render with :meth:`to_markdown`."""

    title_zh: str
    title_en: str
    district: str | None
    sections: list[Section] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]

    @property
    def claims(self) -> list[Claim]:
        return [c for s in self.sentences for c in s.claims]

    def to_markdown(self, lang: str = "zh", *, heading_level: int = 2) -> str:
        """Markdown with numbered footnotes; text from the reports is escaped, never markup."""
        return render_markdown(self, lang=lang, heading_level=heading_level)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


# ---------------------------------------------------------------- numbers and phrases

def format_number(x: float, digits: int = 2) -> str:
    """A number as the reports write it: no trailing zeros, no thousands separators."""
    text = f"{round(float(x), digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@cache
def _units_en() -> dict[str, str]:
    return {r["unit"]: r["unit_en"] for r in read_rows("unit_display.csv")}


def _unit_en(unit: str) -> str:
    en = _units_en().get(unit, unit)
    return en if en == "%" else f" {en}"


def _src(row: dict) -> Source:
    return Source("indicators", row["row_id"], row["doc_id"], row.get("quote", ""))


def _doc_src(doc: dict) -> Source:
    """A document as a source: its opening line, verbatim (the title when the text is not at hand)."""
    return Source("documents", doc["doc_id"], doc["doc_id"], str(doc.get("opening") or doc.get("title") or ""))


def _opening(text: str, limit: int = 60) -> str:
    """The first non-empty line of a document's cleaned text, cut at ``limit`` characters."""
    return next((line.strip()[:limit] for line in text.splitlines() if line.strip()), "")


def _year_claim(year: int, sources: Iterable[Source]) -> Claim:
    return Claim(str(int(year)), "year", (float(year),), tuple(sources))


def _value_claim(row: dict, what: str) -> tuple[Claim, str, str]:
    """A target or figure as text: '6-7%', '6%以上', '下降3.9%'; the claim, zh and en."""
    v, vh = float(row["value"]), row.get("value_high")
    has_high = vh is not None and pd.notna(vh)
    negative = row["measure"] == "growth" and v < 0 and (not has_high or float(vh) <= 0)
    shown = (v, float(vh)) if has_high else (v,)
    if negative:
        shown = tuple(abs(x) for x in shown)
    text = "-".join(format_number(x) for x in shown)
    unit, q = row["unit"], row.get("qualifier", "") or ""
    if negative:  # ≤ -1% is a fall of 1% or more: 下降1%以上
        q = {"at_most": "at_least", "at_least": "at_most"}.get(q, q)
    claim = Claim(text, what, shown, (_src(row),))
    zh = f"{'下降' if negative else ''}{text}{unit}{QUALIFIER_ZH.get(q, '')}"
    en = f"{QUALIFIER_EN.get(q, '')}{'minus ' if negative else ''}{text}{_unit_en(unit)}"
    return claim, zh, en


def _side(row: dict, prefix: str) -> dict:
    """The target or the figure of a result row, as an indicator-like row."""
    keep = {k: row[k] for k in ("district", "year", "indicator", "measure", "unit")}
    if prefix == "target_":
        return {**keep, "value": row["target_value"], "value_high": row["target_value_high"],
                "qualifier": row["target_qualifier"], "row_id": row["target_row_id"],
                "doc_id": row["target_doc_id"], "quote": row["target_quote"]}
    return {**keep, "value": row[f"{prefix}value"], "value_high": None, "qualifier": "",
            "row_id": row[f"{prefix}row_id"], "doc_id": row[f"{prefix}doc_id"], "quote": row[f"{prefix}quote"]}


def _subject(row: dict) -> tuple[str, str]:
    """'地区生产总值增长目标' / 'GDP growth target' for a target row."""
    label = indicator_label(row["indicator"])
    value = row.get("value", row.get("target_value"))
    if row["measure"] == "growth" and not (value is not None and pd.notna(value) and float(value) < 0):
        return f"{label.label_zh}增长目标", f"{label.label_en} growth target"
    if row["measure"] == "change_pp":
        return f"{label.label_zh}变动目标", f"{label.label_en} change target"
    return f"{label.label_zh}目标", f"{label.label_en} target"


def _join_zh(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]


def _join_en(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _en_name(district: str) -> str:
    d = district_by_name().get(district)
    return d.slug.capitalize() if d else district


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---------------------------------------------------------------- targets and ranks

def _ranked(tables: StudyTables) -> pd.DataFrame:
    return tables.memo("ranked", lambda: compare.rank_targets(_headline(tables)))


def _rows_by_id(tables: StudyTables) -> dict[str, dict]:
    return tables.memo("rows_by_id", lambda: {r["row_id"]: r for r in tables.indicator_rows().to_dict("records")})


def _headline(tables: StudyTables) -> pd.DataFrame:
    return tables.memo("headline", lambda: compare.headline_targets(tables.indicator_rows()))


def _target_sentence(row: dict, ranked: pd.DataFrame) -> Sentence:
    """One headline target and, when others set one too, where it stands among them."""
    own, zh_v, en_v = _value_claim(row, "target")
    subj_zh, subj_en = _subject(row)
    year, district = int(row["year"]), row["district"]
    name_en = _en_name(district)
    claims = [own]
    zh = f"{subj_zh}为{zh_v}"
    en = f"{name_en}'s {year} {subj_en} is {en_v}"
    peers = ranked[(ranked["year"] == year) & (ranked["indicator"] == row["indicator"])
                   & (ranked["measure"] == row["measure"]) & (ranked["unit"] == row["unit"])]
    peer_rows = peers.to_dict("records")
    others = [p for p in peer_rows if p["district"] != district]
    y = _year_claim(year, [_src(row)])
    claims.append(y)
    if row["measure"] not in RANKED_MEASURES:
        return Sentence(f"{y.text}年{zh}。", f"{en}.", claims)
    if not others:
        return Sentence(f"{y.text}年{zh}；语料中当年只有{district}提出这项目标，无从比较。",
                        f"{en}; no other district in the corpus set this target for {y.text}, so there is "
                        "nothing to compare it with.", claims)
    ranged = any(pd.notna(p["value_high"]) for p in peer_rows)
    note_zh = "（区间目标按下限比较）" if ranged else ""
    note_en = " (ranges compared by their low end)" if ranged else ""
    mine = float(row["value"])
    if len(others) == 1:
        o = others[0]
        oc, ozh, oen = _value_claim(o, "target")
        claims.append(oc)
        if abs(float(o["value"]) - mine) < 1e-9:
            cmp_zh, cmp_en = "两者数值相同", "the same figure"
        elif mine > float(o["value"]):
            cmp_zh, cmp_en = f"{district}的目标更高", f"{name_en}'s is higher"
        else:
            cmp_zh, cmp_en = f"{district}的目标更低", f"{name_en}'s is lower"
        return Sentence(f"{y.text}年{zh}；当年另有{o['district']}提出该目标（{ozh}），{cmp_zh}{note_zh}。",
                        f"{en}; the only other district with this target, {_en_name(o['district'])}, set "
                        f"{oen}: {cmp_en}{note_en}.", claims)
    n = len(peer_rows)
    sources = tuple(_src(p) for p in sorted(peer_rows, key=lambda p: p["district"] != district))
    nc = Claim(str(n), "n_districts", (float(n),), sources)
    claims.append(nc)
    rank, n_tied = int(row["rank"]), int(row["n_tied"])
    tied = sort_districts(p["district"] for p in others if abs(float(p["value"]) - mine) < 1e-9)
    lowest = all(float(p["value"]) >= mine - 1e-9 for p in others)
    if n_tied == n:
        where_zh, where_en = "，各区目标数值相同", ": all set the same figure"
    else:
        if rank == 1:
            pos_zh, pos_en = "最高", "the highest"
        elif lowest:
            pos_zh, pos_en = "最低", "the lowest"
        else:
            rc = Claim(str(rank), "rank", (float(rank),), sources)
            claims.append(rc)
            pos_zh, pos_en = f"第{rc.text}位", f"{_ordinal(rank)} highest"
        if tied:
            where_zh = f"中与{_join_zh(tied)}并列{pos_zh}"
            where_en = f", tied with {_join_en([_en_name(t) for t in tied])} as {pos_en}"
        else:
            where_zh = f"中{'居' if pos_zh.startswith('第') else ''}{pos_zh}"
            where_en = f", {pos_en}"
        mc = Claim(format_number(row["median"]), "median", (float(row["median"]),), sources)
        claims.append(mc)
        side = row["vs_median"]
        unit = row["unit"]
        if side == "equal":
            where_zh += f"，与中位数{mc.text}{unit}持平"
            where_en += f", level with the median of {mc.text}{_unit_en(unit)}"
        else:
            where_zh += f"，{'高' if side == 'above' else '低'}于中位数{mc.text}{unit}"
            where_en += f", {side} the median of {mc.text}{_unit_en(unit)}"
    return Sentence(f"{y.text}年{zh}，在当年提出该目标的{nc.text}个区{where_zh}{note_zh}。",
                    f"{en}; among the {nc.text} districts that set one for {y.text}{where_en}{note_en}.",
                    claims)


@cache
def _indicator_order() -> dict[str, int]:
    return {r["indicator"]: i for i, r in enumerate(read_rows("indicator_display.csv"))}


def _alone_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets no other district set that year: stated together, never ranked."""
    y = _year_claim(rows[0]["year"], [_src(r) for r in rows])
    claims, zh, en = [y], [], []
    for r in rows:
        c, vz, ve = _value_claim(r, "target")
        claims.append(c)
        subj_zh, subj_en = _subject(r)
        zh.append(f"{subj_zh}为{vz}")
        en.append(f"{subj_en} {ve}")
    these_zh, these_en = ("这些", "these") if len(rows) > 1 else ("这项", "this")
    return Sentence(f"{y.text}年{'，'.join(zh)}；语料中当年没有其他区提出{these_zh}目标，无从比较。",
                    f"{_en_name(district)}'s {y.text} {'; '.join(en)}: no other district in the corpus set "
                    f"{these_en} for {y.text}, so there is nothing to compare.", claims)


def _levels_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets stated as amounts (亿元, 人, 户): sizes differ by district, so they are listed, not ranked."""
    y = _year_claim(rows[0]["year"], [_src(r) for r in rows])
    claims, zh, en = [y], [], []
    for r in rows:
        c, vz, ve = _value_claim(r, "target")
        claims.append(c)
        label = indicator_label(r["indicator"])
        zh.append(f"{label.label_zh}{vz}")
        en.append(f"{label.label_en} {ve}")
    return Sentence(f"{y.text}年的数量目标有：{'、'.join(zh)}（规模随区而异，不作排名）。",
                    f"{_en_name(district)}'s {y.text} targets stated as amounts: {'; '.join(en)} (amounts depend "
                    "on a district's size and are not ranked).", claims)


def _sort_targets(rows: list[dict]) -> list[dict]:
    """Growth targets first, then shares and levels; indicators in ``indicator_display.csv`` order."""
    order = _indicator_order()
    return sorted(rows, key=lambda r: (MEASURE_ORDER.get(r["measure"], 9), order.get(r["indicator"], 99),
                                       r["indicator"], r["unit"]))


def _group_order(key: tuple) -> tuple:
    """(year, indicator, measure, unit) → latest year first, then as :func:`_sort_targets`."""
    year, indicator, measure, unit = key
    return (-int(year), MEASURE_ORDER.get(measure, 9), _indicator_order().get(indicator, 99), indicator, unit)


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


_results = target_results


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


def _result_sentence(r: dict, other: dict | None = None) -> Sentence:
    """'2020年一般公共预算收入增长目标为0.58%，实际增长2%，高出目标1.42个百分点，完成了目标。'"""
    tc, tzh, ten = _value_claim(_side(r, "target_"), "target")
    actual_unit = r.get("actual_unit") or r["unit"]
    ac, azh, aen = _value_claim({**_side(r, "actual_"), "unit": actual_unit}, "actual")
    y = _year_claim(r["year"], [tc.sources[0], ac.sources[0]])
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
        oc, ozh, oen = _value_claim(other, "actual")
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


# ---------------------------------------------------------------- emphasis

def _topic_shares(tables: StudyTables) -> pd.DataFrame | None:
    """Long topic shares (district, topic, share, label) from whatever shape was given."""
    shares = tables.topic_shares
    if shares is None or shares.empty:
        return None
    if "by" in shares:  # topics.topic_shares stacks several groupings: keep the districts
        shares = shares[shares["by"] == "district"].rename(columns={"group": "district"})
    if "share" not in shares:  # wide: one row per district, one column per topic
        by = "district" if "district" in shares else shares.columns[0]
        shares = shares.melt(id_vars=[by], var_name="topic", value_name="share").rename(columns={by: "district"})
    shares = shares.copy()
    if "label" not in shares:
        shares["label"] = shares["topic"].map(_topic_labels(tables))
    shares["label"] = shares["label"].fillna("").astype(str)
    return shares


def _topic_labels(tables: StudyTables) -> dict:
    """Topic → '词·词·词' from the model's top terms; letters when no model table is given."""
    labels: dict = {}
    if tables.topics is not None and not tables.topics.empty:
        top = tables.topics.sort_values(["topic", "rank"]).groupby("topic")["term"].apply(lambda t: "·".join(t[:3]))
        labels.update(top.to_dict())
    shares = tables.topic_shares
    for i, t in enumerate(sorted(shares["topic"].unique()) if shares is not None and "topic" in shares else []):
        labels.setdefault(t, f"主题{chr(ord('A') + i % 26)}")
    return labels


def _share_claims(row: dict, tables_name: str = "topic_shares") -> tuple[Claim, Claim]:
    rid = f"{row['district']}/{row['topic']}"
    own = Claim(format_number(100 * row["share"], 1), "share", (100 * float(row["share"]),),
                (Source(tables_name, rid),))
    mean = Claim(format_number(100 * row["mean_share"], 1), "mean_share", (100 * float(row["mean_share"]),),
                 (Source(tables_name, f"*/{row['topic']}"),))
    return own, mean


def _topic_sentence(district: str, rows: list[dict]) -> Sentence:
    claims, parts_zh, parts_en = [], [], []
    for r in rows:
        own, mean = _share_claims(r)
        claims += [own, mean]
        parts_zh.append(f"「{r['label']}」（{own.text}%，各区平均{mean.text}%）")
        parts_en.append(f"'{r['label']}' ({own.text}% against a mean of {mean.text}%)")
    return Sentence(f"与各区平均相比，{district}的报告更多谈及{_join_zh(parts_zh)}。",
                    f"Compared with the average district, {_en_name(district)}'s reports dwell more on "
                    f"{_join_en(parts_en)}.", claims, names=[str(r["label"]) for r in rows])


# One clause: the text between two marks of punctuation (the example a key term is quoted in).
_CLAUSE = re.compile(r"[^。；！？\n]*")


def _example(texts: dict[str, str] | None, doc_ids: list[str], term: str) -> Source | None:
    """The first clause of the district's reports that contains ``term``, verbatim."""
    for doc_id in doc_ids:
        text = (texts or {}).get(doc_id, "")
        at = text.find(term)
        if at < 0:
            continue
        start = max(text.rfind(p, 0, at) for p in "。；！？\n") + 1
        while text[start].isspace():
            start += 1
        m = _CLAUSE.match(text, start)
        quote = m.group(0)[:120] if m else term
        return Source("documents", f"{doc_id}@{start}", doc_id, quote)
    return None


def _term_sentence(district: str, rows: list[dict], tables: StudyTables) -> Sentence:
    doc_ids = sorted(tables.study_documents.loc[lambda d: d["district"] == district, "doc_id"])
    claims, parts_zh, parts_en, extra = [], [], [], []
    for r in rows:
        c = Claim(str(int(r["count"])), "count", (float(r["count"]),),
                  (Source("keyness", f"{r['group']}/{r['term']}"),))
        claims.append(c)
        ex = _example(tables.texts, doc_ids, r["term"])
        if ex:
            extra.append(ex)
        parts_zh.append(f"“{r['term']}”（{c.text}次）")
        parts_en.append(f"“{r['term']}” ({c.text} times)")
    return Sentence(f"比其他区用得明显更多的词有{'、'.join(parts_zh)}。",
                    f"Words it uses markedly more than the other districts: {', '.join(parts_en)}.",
                    claims, extra, names=[str(r["term"]) for r in rows])


# ---------------------------------------------------------------- what is not reported

def _missing_sentences(tables: StudyTables, district: str, year: int, doc: dict, ranked: pd.DataFrame,
                       min_others: int) -> list[Sentence]:
    missing = compare.missing_targets(tables.indicator_rows(), tables.study_documents, district, year,
                                      min_others=min_others, texts=tables.texts, targets=_headline(tables))
    out = []
    by_id = _rows_by_id(tables)
    doc_ids = sorted(tables.study_documents.loc[lambda d: (d["district"] == district) & (d["year"] == year),
                                                "doc_id"])
    for status, grp in missing.groupby("status", sort=True):
        if status == compare.NO_DOCUMENT:
            continue  # nothing can be said about what a missing report states
        y = _year_claim(year, [_doc_src(doc)])
        extra, parts_zh, parts_en = [], [], []
        for r in grp.to_dict("records"):
            label = indicator_label(r["indicator"])
            extra += [_src(by_id[rid]) for rid in r["peer_row_ids"]]
            peers = list(r["peer_districts"])
            name_zh = f"“{r['mentioned_as']}”" if r["mentioned_as"] else label.label_zh
            parts_zh.append(f"{name_zh}（{_join_zh(peers)}提出了目标）")
            parts_en.append(f"{label.label_en} (set by {_join_en([_en_name(p) for p in peers])})")
            extra += [_src(by_id[rid]) for rid in r["own_row_ids"]]
            if r["mentioned_as"] and (ex := _example(tables.texts, doc_ids, r["mentioned_as"])):
                extra.append(ex)
        listed_zh, listed_en = "、".join(parts_zh), "; ".join(parts_en)
        name_en = _en_name(district)
        if status == compare.NOT_STATED:
            zh = f"{district}{y.text}年的报告未提及{listed_zh}，既没有数值也没有目标。"
            en = f"{name_en}'s {y.text} report: {listed_en} not stated in the report (no figure, no target)."
        elif status == compare.QUALITATIVE:
            zh = f"{district}{y.text}年的报告对{listed_zh}只提出了不带数值的目标。"
            en = f"{name_en}'s {y.text} report sets targets in words only, without a number, for {listed_en}."
        elif status == compare.NO_TARGET:
            zh = f"{district}{y.text}年的报告给出了{listed_zh}的数值，但没有提出当年目标。"
            en = f"{name_en}'s {y.text} report gives figures for {listed_en} but sets no target for the year."
        else:
            them = "它们" if len(grp) > 1 else "它"
            zh = (f"{district}{y.text}年的报告提到了{listed_zh}，但表中没有{them}的数值或目标："
                  "这是未能提取，不等于报告未提及。")
            en = (f"{name_en}'s {y.text} report names {listed_en}, but the tables hold no figure or target: "
                  "not extracted, which is not the same as not stated.")
        out.append(Sentence(zh, en, [y], extra))
    return out


# ---------------------------------------------------------------- the profile

def _years_of(tables: StudyTables, district: str) -> list[dict]:
    """The district's study documents, one per year (work report first), latest year first."""
    docs = tables.study_documents
    docs = docs[docs["district"] == district].assign(
        _p=lambda d: d["doc_type"].map(compare.DOC_PRIORITY).fillna(9))
    docs = docs.sort_values(["year", "_p", "doc_id"], ascending=[False, True, True])
    rows = docs.drop_duplicates("year").drop(columns="_p").to_dict("records")
    for row in rows:
        row["opening"] = _opening((tables.texts or {}).get(row["doc_id"], ""))
    return rows


def district_profile(district: str, tables: StudyTables, *, n_terms: int = 6, n_topics: int = 3,
                     min_others: int = 2) -> Narrative:
    """The profile of one district: targets and ranks, last year's results, emphasis, omissions.

    ``district`` is the full name (``青浦区``) or the slug (``qingpu``).
    """
    district = _district_name(district)
    narrative = Narrative(f"{district}：目标、完成情况与侧重", f"{_en_name(district)}: targets, results and emphasis",
                          district)
    ranked = _ranked(tables)
    years = _years_of(tables, district)
    if not years:
        narrative.sections.append(Section("报告", "Reports", [Sentence(
            f"语料中没有{district}的报告。", f"The corpus holds no report of {_en_name(district)}.")]))
        return narrative
    targets = Section("主要目标", "Headline targets")
    for doc in years:
        rows = ranked[(ranked["district"] == district) & (ranked["year"] == doc["year"])]
        compared, alone, levels = [], [], []
        for row in _sort_targets(rows.to_dict("records")):
            if row["measure"] not in RANKED_MEASURES:
                levels.append(row)
            elif int(row["n_districts"]) > 1:
                compared.append(row)
            else:
                alone.append(row)
        targets.sentences += [_target_sentence(row, ranked) for row in compared]
        if alone:
            targets.sentences.append(_alone_sentence(district, alone))
        if levels:
            targets.sentences.append(_levels_sentence(district, levels))
        if rows.empty:
            y = _year_claim(doc["year"], [_doc_src(doc)])
            targets.sentences.append(Sentence(
                f"表中没有{district}{y.text}年报告提出的、带数值的当年目标。",
                f"The tables hold no numeric target of {_en_name(district)}'s {y.text} report for that year.", [y]))
    narrative.sections.append(targets)
    narrative.sections.append(_results_section(tables, district, years))
    emphasis = _emphasis_section(tables, district, n_terms=n_terms, n_topics=n_topics)
    if emphasis.sentences:
        narrative.sections.append(emphasis)
    missing = Section("未报告的指标", "What it does not report")
    for doc in years:
        missing.sentences += _missing_sentences(tables, district, int(doc["year"]), doc, ranked, min_others)
    if missing.sentences:
        narrative.sections.append(missing)
    log.info("%s: %d sentences, %d claims", district, len(narrative.sentences), len(narrative.claims))
    return narrative


def _district_name(district: str) -> str:
    from reportlib.lexicon import districts

    for d in districts():
        if district in (d.name, d.short, d.slug):
            return d.name
    return district


def _results_section(tables: StudyTables, district: str, years: list[dict]) -> Section:
    section = Section("目标完成情况", "Were the targets met?")
    res = _results(tables)
    rows = res[res["district"] == district]
    for r in _sort_targets(rows.to_dict("records")):
        section.sentences.append(_result_sentence(r, _other_statement(tables, r)))
    if section.sentences:
        return section
    have = sorted(int(d["year"]) for d in years)
    latest = years[0]
    if int(latest["year"]) - 1 in have:
        prev = next(d for d in years if int(d["year"]) == int(latest["year"]) - 1)
        y0, y1 = _year_claim(prev["year"], [_doc_src(prev)]), _year_claim(latest["year"], [_doc_src(latest)])
        section.sentences.append(Sentence(
            f"语料中有{district}{y0.text}年和{y1.text}年的报告，但表中没有可以相互对照的目标与实际值。",
            f"The corpus holds {_en_name(district)}'s {y0.text} and {y1.text} reports, but no target in the "
            "tables has a matching figure.", [y0, y1]))
    else:
        y = _year_claim(latest["year"] - 1, [_doc_src(latest)])
        section.sentences.append(Sentence(
            f"语料中没有{district}{y.text}年的报告，也没有目标与实际值可以对照，无法核对上年目标的完成情况。",
            f"The corpus holds no {y.text} report of {_en_name(district)} and no target with a matching "
            "figure, so last year's targets cannot be checked.", [y]))
    return section


def _emphasis_section(tables: StudyTables, district: str, *, n_terms: int, n_topics: int) -> Section:
    section = Section("报告侧重", "What the reports emphasise")
    shares = _topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        rows = emph[(emph["district"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
        # a share shown as the same rounded number as the mean would read as "more" of equals
        rows = [r for r in rows.to_dict("records")
                if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
        if rows:
            section.sentences.append(_topic_sentence(district, rows[:n_topics]))
    keyness = tables.keyness
    if keyness is not None and "by" in keyness:  # stacked by district, doc_type, year
        keyness = keyness[keyness["by"] == "district"]
    if keyness is not None and not keyness.empty:
        terms = compare.term_emphasis(keyness, district, n=n_terms)
        if not terms.empty:
            section.sentences.append(_term_sentence(district, terms.to_dict("records"), tables))
    off = off_year(tables)
    section.sentences = [_year_caveat(s, [district], off) for s in section.sentences]
    return section


# ---------------------------------------------------------------- the corpus comparison

def off_year(tables: StudyTables) -> dict[str, list[int]]:
    """Districts none of whose reports is of the corpus's main year → their years.

    Their words and topic shares describe another year's report (杨浦区's 2012 report beside
    the 2021 ones), so a sentence about their emphasis says so.
    """
    docs = tables.study_documents.dropna(subset=["year"])
    if docs.empty:
        return {}
    main = int(docs["year"].mode().iloc[0])
    years = docs.groupby("district")["year"].agg(lambda y: sorted({int(v) for v in y}))
    return {d: ys for d, ys in years.items() if main not in ys}


def _year_caveat(sentence: Sentence, districts: list[str], off: dict[str, list[int]]) -> Sentence:
    """``sentence`` with a note for each district whose reports are of another year than the rest."""
    marked = [d for d in districts if d in off]
    if not marked:
        return sentence
    zh = "；".join(f"{d}的报告为{'、'.join(map(str, off[d]))}年的" for d in marked)
    en = "; ".join(f"{_en_name(d)}'s report is of {', '.join(map(str, off[d]))}" for d in marked)
    return Sentence(f"{sentence.zh.rstrip('。')}（{zh}，与其他报告年份不同）。",
                    f"{sentence.en.rstrip('.')} ({en}, another year than the other reports).",
                    sentence.claims, sentence.extra_sources, sentence.names)


def corpus_comparison(tables: StudyTables, *, n_topics: int = 1) -> Narrative:
    """All districts side by side: highest and lowest targets, ambition against last year, themes."""
    narrative = Narrative("各区比较", "The districts compared", None)
    ranked = _ranked(tables)
    section = Section("目标高低", "Who set the highest targets")
    ranked_growth = ranked[ranked["measure"].isin(RANKED_MEASURES)]
    singles = []
    for _, grp in sorted(ranked_growth.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: _group_order(kv[0])):
        rows = grp.to_dict("records")
        if len(rows) < 2:
            singles.append(rows[0])
            continue
        section.sentences.append(_extremes_sentence(rows))
    by_year: dict[int, list[dict]] = {}
    for r in singles:
        by_year.setdefault(int(r["year"]), []).append(r)
    for year, rows in by_year.items():
        y = _year_claim(year, [_src(r) for r in rows])
        parts_zh = [f"{r['district']}的{_subject(r)[0]}" for r in rows]
        parts_en = [f"{_en_name(r['district'])}'s {_subject(r)[1]}" for r in rows]
        section.sentences.append(Sentence(
            f"{y.text}年只有一个区提出、无从比较的目标：{'；'.join(parts_zh)}。",
            f"Targets for {y.text} that only one district set, with nothing to compare: {'; '.join(parts_en)}.",
            [y]))
    if not section.sentences:
        section.sentences.append(Sentence("表中没有带数值的年度目标，无从比较。",
                                          "The tables hold no numeric annual target to compare."))
    narrative.sections.append(section)
    amb = compare.rank_uplift(compare.ambition(tables.indicator_rows()))
    amb_section = Section("对照上年实际的目标力度", "Ambition against last year's figure")
    for _, grp in sorted(amb.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: _group_order(kv[0])):
        amb_section.sentences.append(_ambition_sentence(grp.to_dict("records")))
    if amb_section.sentences:
        narrative.sections.append(amb_section)
    shares = _topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        theme = Section("各区侧重的主题", "Who stresses which themes")
        leading: dict = {}  # topic → the districts for which it is the theme furthest above the mean
        for district in sort_districts(emph["district"]):
            rows = emph[(emph["district"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
            rows = [r for r in rows.to_dict("records")
                    if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
            if rows:
                leading.setdefault(rows[0]["topic"], []).append(rows[0])
        off = off_year(tables)
        for rows in leading.values():
            theme.sentences.append(_year_caveat(_theme_sentence(rows), [r["district"] for r in rows], off))
        if theme.sentences:
            narrative.sections.append(theme)
    return narrative


def _theme_sentence(rows: list[dict]) -> Sentence:
    """'松江区（11.6%）和青浦区（13.1%）最突出的主题都是「农村·农业·乡村振兴」，各区平均为5.8%。'"""
    claims, parts_zh, parts_en = [], [], []
    for r in rows:
        own, mean = _share_claims(r)
        claims.append(own)
        parts_zh.append(f"{r['district']}（{own.text}%）")
        parts_en.append(f"{_en_name(r['district'])} ({own.text}%)")
    claims.append(mean)
    label = rows[0]["label"]
    if len(rows) == 1:
        zh = (f"{rows[0]['district']}的报告最突出的主题是「{label}」，占其文本的{claims[0].text}%，"
              f"各区平均为{mean.text}%。")
        en = (f"{_en_name(rows[0]['district'])}'s most distinctive theme is '{label}': {claims[0].text}% of its "
              f"text against a mean of {mean.text}%.")
    else:
        zh = f"{_join_zh(parts_zh)}最突出的主题都是「{label}」，各区平均为{mean.text}%。"
        en = f"The most distinctive theme of {_join_en(parts_en)} is the same, '{label}' (mean {mean.text}%)."
    return Sentence(zh, en, claims, names=[str(label)])


def _extremes_sentence(rows: list[dict]) -> Sentence:
    """'2021年，松江区的地区生产总值增长目标最高（7%），嘉定区最低（6%以上）；5个区的中位数为6.5%。'"""
    rows = sorted(rows, key=lambda r: (compare.district_order().get(r["district"], 99), r["district"]))
    hi, lo = max(float(r["value"]) for r in rows), min(float(r["value"]) for r in rows)
    y = _year_claim(rows[0]["year"], [_src(r) for r in rows])
    subj_zh, subj_en = _subject(rows[0])
    claims = [y]

    def listed(group: list[dict]) -> tuple[str, str]:
        zh, en = [], []
        for r in group:
            c, vz, ve = _value_claim(r, "target")
            claims.append(c)
            zh.append(f"{r['district']}（{vz}）")
            en.append(f"{_en_name(r['district'])} ({ve})")
        return _join_zh(zh), _join_en(en)

    ranged = any(pd.notna(r["value_high"]) for r in rows)
    note_zh, note_en = ("（区间目标按下限比较）", " (ranges compared by their low end)") if ranged else ("", "")
    if abs(hi - lo) < 1e-9:
        zh_all, en_all = listed(rows)
        return Sentence(f"{y.text}年，{zh_all}的{subj_zh}数值相同。",
                        f"In {y.text}, {en_all} set the same {subj_en}.", claims)
    top = [r for r in rows if abs(float(r["value"]) - hi) < 1e-9]
    bottom = [r for r in rows if abs(float(r["value"]) - lo) < 1e-9]
    tz, te = listed(top)
    bz, be = listed(bottom)
    top_zh = "并列最高" if len(top) > 1 else "最高"
    bottom_zh = "并列最低" if len(bottom) > 1 else "最低"
    zh = f"{y.text}年，{tz}的{subj_zh}{top_zh}，{bz}{bottom_zh}"
    en = f"In {y.text}, {te} set the highest {subj_en}, {be} the lowest"
    if len(rows) >= 3:
        n = Claim(str(len(rows)), "n_districts", (float(len(rows)),), tuple(_src(r) for r in rows))
        med = float(pd.Series([float(r["value"]) for r in rows]).median())
        m = Claim(format_number(med), "median", (med,), tuple(_src(r) for r in rows))
        claims += [n, m]
        zh += f"；{n.text}个区的中位数为{m.text}{rows[0]['unit']}"
        en += f"; the median of the {n.text} districts is {m.text}{_unit_en(rows[0]['unit'])}"
    return Sentence(zh + note_zh + "。", en + note_en + ".", claims)


def _ambition_sentence(rows: list[dict]) -> Sentence:
    """Who reaches furthest beyond last year's figure (never 'furthest' of a single district)."""
    rows = sorted(rows, key=lambda r: (int(r["uplift_rank"]), compare.district_order().get(r["district"], 99)))
    first = rows[0]
    y = _year_claim(first["year"], [_src(r) for r in rows])
    label = indicator_label(first["indicator"])

    def part(r: dict) -> tuple[list[Claim], str, str]:
        lc, lz, le = _value_claim(_side(r, "last_"), "actual")
        tc, tz, te = _value_claim(r, "target")
        up = float(r["uplift"])
        if abs(up) < 1e-9:
            return [lc, tc], f"{r['district']}（上年{lz}，目标{tz}，持平）", \
                f"{_en_name(r['district'])} (last year {le}, target {te}, no change)"
        uc = Claim(format_number(abs(up)), "uplift", (abs(up),), (tc.sources[0], lc.sources[0]))
        word_zh = "高出" if up > 0 else "低"
        word_en = "above" if up > 0 else "below"
        return ([lc, tc, uc], f"{r['district']}（上年{lz}，目标{tz}，{word_zh}{uc.text}个百分点）",
                f"{_en_name(r['district'])} (last year {le}, target {te}, {uc.text} points {word_en})")

    claims: list[Claim] = [y]
    if len(rows) == 1:
        cs, zh, en = part(first)
        claims += cs
        return Sentence(f"{y.text}年只有{zh}同时给出了{label.label_zh}的增长目标和上年数值。",
                        f"For {y.text} only {en} states both a {label.label_en} growth target and last year's "
                        "figure.", claims)
    ups = [float(r["uplift"]) for r in rows]
    if max(ups) - min(ups) < 1e-9:
        parts = [part(r) for r in rows]
        for cs, _, _ in parts:
            claims += cs
        listed = "、".join(p[1] for p in parts)
        return Sentence(f"{y.text}年，{listed}的{label.label_zh}增长目标比上年数值提高的幅度相同。",
                        f"In {y.text}, {'; '.join(p[2] for p in parts)} raised their {label.label_en} growth target "
                        "by the same margin over last year.", claims)
    top = [r for r in rows if abs(float(r["uplift"]) - max(ups)) < 1e-9]
    bottom = [r for r in rows if abs(float(r["uplift"]) - min(ups)) < 1e-9]
    tparts, bparts = [part(r) for r in top], [part(r) for r in bottom]
    for cs, _, _ in tparts + bparts:
        claims += cs
    both = "并列" if len(top) > 1 else ""
    both_low = "并列" if len(bottom) > 1 else ""
    # the furthest reach is a rise only when it is above last year's figure; else the smallest fall
    top_zh = f"{both}提升幅度最大" if max(ups) > 0 else f"{both}回落幅度最小"
    bottom_zh = f"{both_low}回落幅度最大" if min(ups) < 0 else f"{both_low}提升幅度最小"
    top_en = "raised it most" if max(ups) > 0 else "lowered it least"
    bottom_en = "lowered it most" if min(ups) < 0 else "raised it least"
    zh = (f"{y.text}年，对照上年的数值，{'、'.join(p[1] for p in tparts)}的{label.label_zh}增长目标"
          f"{top_zh}，{'、'.join(p[1] for p in bparts)}{bottom_zh}。")
    en = (f"In {y.text}, against last year's figure, {'; '.join(p[2] for p in tparts)} {top_en} with its "
          f"{label.label_en} growth target, {'; '.join(p[2] for p in bparts)} {bottom_en}.")
    return Sentence(zh, en, claims)


# ---------------------------------------------------------------- Markdown

def escape_markdown(text: str) -> str:
    """Text from the reports shown as is: HTML and Markdown specials escaped, never interpreted.

    >>> escape_markdown("<b>增长6-7%</b>")
    '&lt;b&gt;增长6\\\\-7%&lt;/b&gt;'
    """
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    # no autolinks either: http://…, www.… and a@b are links to a Markdown renderer
    return text.replace(":", "&#58;").replace("@", "&#64;").replace("www.", "www&#46;")


def _footnote(source: Source, lang: str) -> str:
    if source.quote:  # a quote across table cells or lines keeps them apart with " / "
        source = Source(source.table, source.row_id, source.doc_id, re.sub(r"\s*\n\s*", " / ", source.quote))
        return f"{escape_markdown(source.doc_id)}：「{escape_markdown(source.quote)}」" if lang == "zh" \
            else f"{escape_markdown(source.doc_id)}: “{escape_markdown(source.quote)}”"
    label = {"zh": "表", "en": "table"}[lang]
    return f"{label} {escape_markdown(source.table)}：{escape_markdown(source.row_id)}" if lang == "zh" \
        else f"{label} {escape_markdown(source.table)}: {escape_markdown(source.row_id)}"


def render_markdown(narrative: Narrative, *, lang: str = "zh", heading_level: int = 2) -> str:
    """Headings, one bullet per sentence with linked source numbers, and the numbered sources at the end."""
    h = "#" * heading_level
    # ids unique per narrative and language, so several narratives can share one page
    slug = district_by_name()[narrative.district].slug if narrative.district in district_by_name() else "all"
    anchor = f"src-{slug}-{lang}"
    title = narrative.title_zh if lang == "zh" else narrative.title_en
    lines = [f"{h} {escape_markdown(title)}", ""]
    notes: dict[tuple[str, str], int] = {}
    for section in narrative.sections:
        if not section.sentences:
            continue
        lines += [f"{h}# {escape_markdown(section.heading_zh if lang == 'zh' else section.heading_en)}", ""]
        for s in section.sentences:
            marks = sorted(notes.setdefault((src.table, src.row_id), len(notes) + 1) for src in s.sources)
            links = [f"[{n}](#{anchor}-{n})" for n in marks]  # each marker jumps to its source
            text = escape_markdown(s.zh if lang == "zh" else s.en)
            lines.append(f"- {text}<sup>{','.join(links)}</sup>" if marks else f"- {text}")
        lines.append("")
    if notes:
        by_key = {(src.table, src.row_id): src for s in narrative.sentences for src in s.sources}
        lines += [f"{h}# {'来源' if lang == 'zh' else 'Sources'}", ""]
        for key, n in sorted(notes.items(), key=lambda kv: kv[1]):
            lines.append(f'{n}. <span id="{anchor}-{n}"></span>{_footnote(by_key[key], lang)}')
        lines.append("")
    return "\n".join(lines)


