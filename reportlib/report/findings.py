"""What the front page says: the corpus in a few sentences, and the study's key findings.

Findings are sentences of the comparison (who set the highest targets, who reached furthest
beyond last year, who stresses which theme), of the targets against the parent's and of the
targets met, each with the claims behind its numbers, so the page cites every number to its
verbatim quote as the profiles do. The corpus description counts places, levels, years, types
and sources from the documents table, and names every flagged document with what it means.
"""

from __future__ import annotations

import html
from collections import Counter

import pandas as pd

from reportlib.lexicon import read_rows
from reportlib.report.compare import StudyTables
from reportlib.report.display import value_label
from reportlib.report.narrative.wording import Phrase, Place, word


def _place_column(documents: pd.DataFrame) -> str:
    return "place" if "place" in documents and documents["place"].notna().any() else "district"


def key_findings(tables: StudyTables, *, n: int = 8) -> list:
    """Up to ``n`` cited sentences: one from each part of the comparison in turn, then more."""
    from reportlib.report import narrative, parents

    levels = tables.levels()
    if len(levels) > 1:  # findings compare places of one level, as the comparison page does
        tables = tables.of_level(str(levels.index[0]))
    comparison = narrative.corpus_comparison(tables)
    pools = [list(sec.sentences) for sec in comparison.sections]
    parent = parents.parent_narrative(tables)
    if parent is not None:
        pools.insert(1, list(parent.sentences))
    pools.append(_met_sentences(tables))
    picked: list = []
    while len(picked) < n and any(pools):
        for pool in pools:
            while pool:
                s = pool.pop(0)
                if s.claims:  # a finding states numbers, each cited
                    picked.append(s)
                    break
            if len(picked) >= n:
                break
    return picked


def _met_sentences(tables: StudyTables) -> list:
    """Targets checked against the figure reported for their year, misses first (they are news)."""
    from reportlib.report import narrative

    res = narrative.target_results(tables)
    if res.empty:
        return []
    full_year = res[res["actual_kind"].isin(["actual", "estimate"]) & res["met"].notna()]
    rows = full_year.sort_values(["met", "year"], ascending=[True, False], kind="mergesort")
    out = []
    for r in rows.head(2).to_dict("records"):  # a profile's sentence, named for the front page
        s = narrative.result_sentence(r)
        out.append(narrative.Sentence(Phrase.of("finding.named", place=Place(r["place"]), sentence=s.body),
                                      s.claims, s.extra_sources, s.names))
    return out


def _warning_label(code: str, lang: str) -> str:
    """A warning in words; one with details says them (the statements read, the place's current name)."""
    name, _, detail = code.partition(":")
    if name == "place_unknown":
        from reportlib.read.metadata import explain_place_unknown

        return explain_place_unknown(detail, lang)
    label = value_label("warning", name, lang)
    return word("overview.warning.detail", lang).format(label=label, detail=detail) if detail else label


def _unplaced_reason(row: dict, lang: str) -> str:
    """Why a report has no place, from its ``place_unknown`` warning (what was read, what was missing)."""
    warnings = [w for w in str(row.get("warnings") or "").split(";") if w.startswith("place_unknown")]
    return _warning_label(warnings[0] if warnings else "place_unknown", lang)


def _counts(counter: Counter, column: str, key: str, lang: str) -> str:
    """'work report 3, plan report 1' / '政府工作报告 3份、…': labels and counts, most first."""
    return word("join.enum", lang).join(word(key, lang).format(label=value_label(column, v, lang), count=c)
                                        for v, c in counter.most_common())


def corpus_overview(documents: pd.DataFrame, *, skipped: pd.DataFrame | None = None, lang: str = "zh",
                    place_pages: dict[str, str] | None = None) -> str:
    """HTML paragraphs: places and levels, years, types, sources and the flagged documents."""
    reports = documents[documents["doc_type"] != "other"]
    placeless = reports["place"].fillna("").astype(str) == "" if "place" in reports else reports["doc_type"] == ""
    docs, unplaced = reports[~placeless].copy(), reports[placeless]
    if docs.empty:
        return word("overview.empty", lang)
    col = _place_column(docs)
    places = list(dict.fromkeys(docs[col].dropna().astype(str)))
    years = sorted(pd.to_numeric(docs["year"], errors="coerce").dropna().astype(int))
    by_year = Counter(years)
    levels = Counter(docs["place_level"].dropna()) if "place_level" in docs else Counter()
    parents = sorted({p for c in ("province", "prefecture") if c in docs for p in docs[c].dropna() if p})
    if not parents and "district" in docs:
        parents = sorted({r["city"] for r in read_rows("districts.csv") if r["name"] in set(places)})
    hosts = sorted({str(u).split("/")[2] for u in docs.get("source_url", pd.Series(dtype=str)).dropna()
                    if str(u).count("/") >= 2})
    links = place_pages or {}

    def name(p: str) -> str:
        shown = html.escape(Place(p).render(lang))
        return f'<a href="{html.escape(links[p])}">{shown}</a>' if p in links else shown

    def enum(items) -> str:
        return word("join.enum", lang).join(items)

    parent_names = enum(html.escape(Place(p).render(lang)) for p in parents)

    span = f"{years[0]}–{years[-1]}" if years and years[0] != years[-1] else (str(years[0]) if years else "")
    main_year, main_n = by_year.most_common(1)[0] if by_year else ("", 0)
    level_text = _counts(levels, "place_level", "overview.count", lang)
    text = word("overview.lead", lang).format(
        n_places=len(places), n_docs=len(docs), places=enum(name(p) for p in places),
        parents=word("overview.parents", lang).format(parents=parent_names) if parents else "",
        levels=word("overview.levels", lang).format(levels=level_text) if level_text else "",
        span=span, main_year=main_year, main_n=main_n,
        types=_counts(Counter(docs["doc_type"]), "doc_type", "overview.type", lang),
        n_files=docs["source"].nunique(),
        hosts=word("overview.hosts", lang).format(hosts=enum(map(html.escape, hosts))) if hosts else "")
    flagged = docs[docs["warnings"].astype("string").fillna("") != ""] if "warnings" in docs else docs.iloc[0:0]
    if len(flagged):
        items = []
        for r in flagged.to_dict("records"):
            notes = word("join.semi", lang).join(_warning_label(w, lang) for w in str(r["warnings"]).split(";") if w)
            items.append(word("overview.flag", lang).format(doc=html.escape(str(r["doc_id"])),
                                                            notes=html.escape(notes)))
        text += word("overview.flagged", lang).format(items="".join(items))
    if len(unplaced):  # reports whose place could not be told: listed with what was read, never compared
        items = "".join(word("overview.unplaced.item", lang).format(
            doc=html.escape(str(r["doc_id"])), source=html.escape(str(r["source"])),
            reason=html.escape(_unplaced_reason(r, lang))) for r in unplaced.to_dict("records"))
        text += word("overview.unplaced", lang).format(items=items)
    if skipped is not None and len(skipped):
        text += word("overview.skipped", lang).format(n=len(skipped))
    return text
