"""Each place's targets against its parent's target of the same year: the top-down amplification.

The growth-target literature (Li, Liu, Weng and Zhou 2019) finds that targets rise as they are
passed down the administrative ladder. Here each place's headline growth target (a district's)
stands beside its parent's (the municipality's) for the same year and indicator: from the
parent's own report when the corpus holds it, else from the reference table
``reportlib/data/parent_targets.csv``, whose every row carries its source and verbatim quote.
A (parent, year) found in neither is said to be missing, never guessed.
"""

from __future__ import annotations

import logging
from functools import cache

import pandas as pd

from reportlib.lexicon import read_rows
from reportlib.report import compare
from reportlib.report.compare import StudyTables, sort_districts

log = logging.getLogger(__name__)

MEASURES = ("growth",)  # growth targets compare across levels; amounts do not
NATION = "中华人民共和国"  # the parent of a province-level place: the State Council's report sets its targets
COLUMNS = ["place", "parent", "year", "indicator", "measure", "unit", "target_value", "target_qualifier",
           "target_doc_id", "target_quote", "parent_value", "parent_value_high", "parent_qualifier", "parent_source",
           "parent_doc", "parent_url", "parent_quote", "difference"]


@cache
def reference_targets() -> pd.DataFrame:
    """The reference table of parents' targets, values as numbers."""
    ref = pd.DataFrame(read_rows("parent_targets.csv"))
    if ref.empty:
        return ref
    ref["year"] = ref["year"].astype(int)
    ref["value"] = pd.to_numeric(ref["value"], errors="coerce")
    ref["value_high"] = pd.to_numeric(ref.get("value_high"), errors="coerce")
    return ref


def parent_of(documents: pd.DataFrame) -> dict[str, str]:
    """Place → its parent's name: the documents' prefecture or province (the nation for a province),
    else ``districts.csv``'s city."""
    out: dict[str, str] = {}
    place_col = "place" if "place" in documents else "district"
    for r in documents.to_dict("records"):
        place = r.get(place_col) or r.get("district")
        if not isinstance(place, str) or not place:
            continue
        if r.get("place_level") == "province":
            out.setdefault(place, NATION)
            continue
        for col in ("prefecture", "province"):
            v = r.get(col)
            if isinstance(v, str) and v and v != place:
                out.setdefault(place, v)
                break
    for d in read_rows("districts.csv"):
        out.setdefault(d["name"], d.get("city", ""))
    return {k: v for k, v in out.items() if v}


def parent_targets(tables: StudyTables) -> tuple[pd.DataFrame, list[tuple[str, int]]]:
    """The comparison table (``COLUMNS``) and the (parent, year) pairs whose target was not found."""
    ind = tables.indicator_rows()
    heads = compare.headline_targets(ind)
    heads = heads[heads["measure"].isin(MEASURES) & (heads["unit"] == "%")]
    parents = parent_of(tables.documents)
    own = {(r["place"], int(r["year"]), r["indicator"], r["measure"]): r for r in heads.to_dict("records")}
    ref = reference_targets()
    ref_rows = {(r["parent"], int(r["year"]), r["indicator"], r["measure"]): r
                for r in ref.to_dict("records")} if len(ref) else {}
    rows, missing = [], set()
    for r in heads.to_dict("records"):
        parent = parents.get(r["place"])
        if not parent or parent == r["place"]:
            continue
        key = (parent, int(r["year"]), r["indicator"], r["measure"])
        p = own.get(key)
        if p is not None:
            found = {"parent_value": p["value"], "parent_value_high": p.get("value_high"),
                     "parent_qualifier": p["qualifier"], "parent_source": "corpus",
                     "parent_doc": p["doc_id"], "parent_url": "", "parent_quote": p["quote"]}
        elif key in ref_rows:
            q = ref_rows[key]
            found = {"parent_value": q["value"], "parent_value_high": q.get("value_high"),
                     "parent_qualifier": q["qualifier"], "parent_source": "reference",
                     "parent_doc": q["source_title"], "parent_url": q["source_url"], "parent_quote": q["quote"]}
        else:
            if not any(k[:2] == key[:2] for k in [*own, *ref_rows]):
                missing.add((parent, int(r["year"])))
            continue
        rows.append({"place": r["place"], "parent": parent, "year": int(r["year"]),
                     "indicator": r["indicator"], "measure": r["measure"], "unit": r["unit"],
                     "target_value": float(r["value"]), "target_qualifier": r["qualifier"],
                     "target_doc_id": r["doc_id"], "target_quote": r["quote"], "target_row_id": r["row_id"],
                     **found, "difference": round(float(r["value"]) - float(found["parent_value"]), 6)})
    df = pd.DataFrame(rows, columns=[*COLUMNS, "target_row_id"])
    order = compare.district_order()
    df = df.assign(_d=df["place"].map(order).fillna(len(order)))
    df = df.sort_values(["year", "indicator", "_d", "place"], kind="mergesort").drop(columns="_d")
    return df.reset_index(drop=True), sorted(missing)


def table(tables: StudyTables) -> pd.DataFrame:
    """The comparison as the study writes it (``parent_targets.csv``)."""
    return parent_targets(tables)[0][COLUMNS]


def parent_narrative(tables: StudyTables):
    """One sentence per (year, indicator): the parent's target and how far each place sits from it."""
    from reportlib.report.narrative import Narrative, Phrase, Place, Section, Sentence

    df, missing = parent_targets(tables)
    out = Narrative(Phrase.of("parents.title"), None)
    section = Section(Phrase.of("heading.parents"))
    for (year, indicator, parent), grp in df.groupby(["year", "indicator", "parent"], sort=True):
        section.sentences.append(_sentence(int(year), indicator, parent, grp.to_dict("records")))
    for parent, year in missing:
        section.sentences.append(Sentence(Phrase.of("parents.none", year=str(year), parent=Place(parent))))
    out.sections.append(section)
    return out if section.sentences else None


def _parent_claim(r: dict):
    from reportlib.report.narrative import Claim, Source, value_claim

    high = r.get("parent_value_high")
    row = {"value": r["parent_value"], "value_high": high if high is not None and pd.notna(high) else None,
           "qualifier": r["parent_qualifier"] or "",
           "measure": r["measure"], "unit": r["unit"], "row_id": f"{r['parent']}/{r['year']}/{r['indicator']}",
           "doc_id": r["parent_doc"], "quote": r["parent_quote"]}
    claim, value = value_claim(row, "target")
    # a reference is cited by its address (its title, in Chinese, is in the table): the page's language holds
    doc = r["parent_url"] if r["parent_source"] == "reference" and r.get("parent_url") else r["parent_doc"]
    src = Source("parent_targets" if r["parent_source"] == "reference" else "indicators", row["row_id"],
                 doc, r["parent_quote"])
    return Claim(claim.text, "parent_target", claim.values, (src,), claim.unit), value


def _sentence(year: int, indicator: str, parent: str, rows: list[dict]):
    """'2021年上海市的地区生产总值增长目标为6%以上；8个区中5个高于它（松江区7%，高出1个百分点）…'"""
    from reportlib.report.narrative import (
        Claim,
        Indicator,
        Listing,
        Phrase,
        Place,
        Points,
        Sentence,
        Source,
        format_number,
        value_claim,
        year_claim,
    )

    pc, parent_value = _parent_claim(rows[0])
    y = year_claim(year, pc.sources)
    claims = [y, pc]
    n = Claim(str(len(rows)), "n_districts", (float(len(rows)),),
              tuple(Source("indicators", r["target_row_id"], r["target_doc_id"], r["target_quote"]) for r in rows))
    claims.append(n)

    def item(r: dict) -> Phrase:
        tc, value = value_claim({"value": r["target_value"], "value_high": None, "measure": r["measure"],
                                 "qualifier": r["target_qualifier"] or "", "unit": r["unit"],
                                 "row_id": r["target_row_id"], "doc_id": r["target_doc_id"],
                                 "quote": r["target_quote"]}, "target")
        claims.append(tc)
        d = abs(r["difference"])
        if d <= 1e-9:
            return Phrase.of("parents.item", place=Place(r["place"]), value=value)
        gc = Claim(format_number(d), "difference", (d,), (tc.sources[0], pc.sources[0]))
        claims.append(gc)
        return Phrase.of("parents.item.above" if r["difference"] > 0 else "parents.item.below",
                         place=Place(r["place"]), value=value, difference=Points(gc.text))

    groups = []
    for key, keep in (("parents.above", lambda d: d > 1e-9), ("parents.same", lambda d: abs(d) <= 1e-9),
                      ("parents.below", lambda d: d < -1e-9)):
        group = [r for r in rows if keep(r["difference"])]
        if group:
            groups.append(Phrase.of(key, n=str(len(group)),
                                    items=Listing(tuple(item(r) for r in sort_rows(group)), "items")))
    return Sentence(Phrase.of("parents", year=y.text, parent=Place(parent), indicator=Indicator(indicator),
                              value=parent_value, n=n.text, groups=Listing(tuple(groups), "semi")), claims)


def sort_rows(rows: list[dict]) -> list[dict]:
    """Largest difference first, then in ``districts.csv`` order."""
    order = {d: i for i, d in enumerate(sort_districts(r["place"] for r in rows))}
    return sorted(rows, key=lambda r: (-r["difference"], order[r["place"]]))
