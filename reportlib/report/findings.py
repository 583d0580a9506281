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


def _place_column(documents: pd.DataFrame) -> str:
    return "place" if "place" in documents and documents["place"].notna().any() else "district"


def key_findings(tables: StudyTables, *, n: int = 8) -> list:
    """Up to ``n`` cited sentences: one from each part of the comparison in turn, then more."""
    from reportlib.report import narrative, parents

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
        out.append(narrative.Sentence(f"{r['district']}：{s.zh}", f"{narrative.en_name(r['district'])}: {s.en}",
                                      s.claims, s.extra_sources, s.names))
    return out


def _warning_label(code: str, lang: str) -> str:
    return value_label("warning", code.split(":")[0], lang)


def _doc_type_counts(docs: pd.DataFrame, lang: str) -> str:
    counts = Counter(docs["doc_type"])
    unit = "份" if lang != "en" else ""
    return ("、" if lang != "en" else ", ").join(
        f"{value_label('doc_type', t, lang)} {c}{unit}" for t, c in counts.most_common())


def corpus_overview(documents: pd.DataFrame, *, skipped: pd.DataFrame | None = None, lang: str = "zh",
                    place_pages: dict[str, str] | None = None) -> str:
    """HTML paragraphs: places and levels, years, types, sources and the flagged documents."""
    docs = documents[documents["doc_type"] != "other"].copy()
    if docs.empty:
        return "<p>语料中没有可研究的报告。</p>" if lang != "en" else "<p>The corpus holds no report to study.</p>"
    col = _place_column(docs)
    places = list(dict.fromkeys(docs[col].dropna().astype(str)))
    years = sorted(pd.to_numeric(docs["year"], errors="coerce").dropna().astype(int))
    by_year = Counter(years)
    levels = Counter(docs["place_level"].dropna()) if "place_level" in docs else Counter()
    parents = sorted({p for c in ("province", "prefecture") if c in docs for p in docs[c].dropna() if p})
    if not parents and "district" in docs:
        parents = sorted({r["city"] for r in read_rows("districts.csv") if r["name"] in set(places)})
    n_files = docs["source"].nunique()
    hosts = sorted({str(u).split("/")[2] for u in docs.get("source_url", pd.Series(dtype=str)).dropna()
                    if str(u).count("/") >= 2})
    links = place_pages or {}

    def name(p: str) -> str:
        return f'<a href="{html.escape(links[p])}">{html.escape(p)}</a>' if p in links else html.escape(p)

    span = f"{years[0]}–{years[-1]}" if years and years[0] != years[-1] else (str(years[0]) if years else "")
    main_year, main_n = by_year.most_common(1)[0] if by_year else ("", 0)
    level_text = ("、" if lang != "en" else ", ").join(
        f"{value_label('place_level', lv, lang)} {c}" for lv, c in levels.most_common())
    if lang == "en":
        text = (f"<p class='rl-lead'>This study reads <b>{len(docs)}</b> government reports of <b>{len(places)}</b> "
                f"places ({', '.join(name(p) for p in places)}"
                + (f"; in {', '.join(map(html.escape, parents))}" if parents else "") + ")"
                + (f", levels: {level_text}" if level_text else "")
                + f", for the years {span} ({main_n} for {main_year}); by type: {_doc_type_counts(docs, lang)}. "
                f"The texts come from {n_files} raw files"
                + (f" collected from {', '.join(map(html.escape, hosts))}" if hosts else "")
                + ", read byte for byte as collected.</p>")
    else:
        text = (f"<p class='rl-lead'>本研究读取了<b>{len(places)}</b>个地区的<b>{len(docs)}</b>份政府报告"
                f"（{'、'.join(name(p) for p in places)}"
                + (f"，属{'、'.join(map(html.escape, parents))}" if parents else "") + "）"
                + (f"，级别：{level_text}" if level_text else "")
                + f"，年份为{span}年（其中{main_year}年{main_n}份）；类型：{_doc_type_counts(docs, lang)}。"
                f"文本来自{n_files}个原始文件"
                + (f"，采集自{'、'.join(map(html.escape, hosts))}" if hosts else "")
                + "，按采集时的原样读取。</p>")
    flagged = docs[docs["warnings"].astype("string").fillna("") != ""] if "warnings" in docs else docs.iloc[0:0]
    if len(flagged):
        items = []
        for r in flagged.to_dict("records"):
            notes = "；".join(_warning_label(w, lang) for w in str(r["warnings"]).split(";") if w)
            items.append(f"<li><b>{html.escape(str(r['doc_id']))}</b>：{html.escape(notes)}</li>" if lang != "en"
                         else f"<li><b>{html.escape(str(r['doc_id']))}</b>: {html.escape(notes)}</li>")
        head = ("需要留意的文档（比较时只在其本身年份内比较，或在出现处注明）：" if lang != "en" else
                "Flagged documents (compared only within their own year, or marked where they appear):")
        text += f"<p>{head}</p><ul>{''.join(items)}</ul>"
    if skipped is not None and len(skipped):
        text += (f"<p>另有{len(skipped)}个文件或文章未纳入研究（见语料页）。</p>" if lang != "en" else
                 f"<p>{len(skipped)} further files or articles were left out (see the corpus page).</p>")
    return text
