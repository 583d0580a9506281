"""The study's front page: what the corpus is, what was found, and the way to every page.

``front_page`` reads the tables the notebooks wrote (``outputs/tables``) and the corpus cache,
and returns the body of ``index.html``: a lead paragraph on the corpus (places, levels, years,
types, sources, flagged documents), the key findings with every number cited to its verbatim
quote, and links to the place pages, the comparison, topics, methods and codebook. The build
status is the footer (``htmlexport.index_html``) and its own page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from reportlib.study.htmlexport import PageInfo

# Page sections of the front page, by the stage a page belongs to (its name's prefix).
NAV = [
    ("20_comparison", "各地比较", "The places compared"),
    ("03_topics", "主题模型", "Topics"),
    ("02_text", "用词与关键词", "Words and key terms"),
    ("01_indicators", "指标与目标", "Indicators and targets"),
    ("00_corpus", "语料", "The corpus"),
    ("30_methods", "方法与局限", "Methods and limitations"),
    ("40_codebook", "数据字典与数据下载", "Codebook and data"),
]
WORDS = {
    "title": ("政府工作报告研究", "A study of government work reports"),
    "corpus": ("语料", "The corpus"),
    "findings": ("主要发现", "Key findings"),
    "places": ("各地概况", "Place by place"),
    "pages": ("其他页面", "More pages"),
    "no_findings": ("表中尚无可以比较的目标。", "The tables hold no target to compare yet."),
    "findings_note": ("每个数字都注明了所依据的报告原文（见下方来源）。",
                      "Every number is cited to the words of the report it comes from (sources below)."),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][lang == "en"]


def _read(tables_dir: Path, name: str) -> pd.DataFrame | None:
    path = tables_dir / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False, na_values=[""]) if path.is_file() else None


def place_pages(pages: Iterable[PageInfo], documents: pd.DataFrame) -> dict[str, str]:
    """Place name → its page (``10_place-<slug>.html``) for every place page that exists."""
    names = {p.name for p in pages}
    slug_col = "district_slug"
    name_col = "place" if "place" in documents and documents["place"].notna().any() else "district"
    out = {}
    for r in documents.dropna(subset=[slug_col, name_col]).to_dict("records"):
        for stage in ("10_place", "10_district"):
            page = f"{stage}-{r[slug_col]}"
            if page in names:
                out.setdefault(str(r[name_col]), f"{page}.html")
    return out


def _nav(pages: list[PageInfo], lang: str) -> str:
    names = {p.name: p for p in pages}
    items = []
    for name, zh, en in NAV:
        if name in names:
            items.append(f'<li><a href="{name}.html">{html.escape(en if lang == "en" else zh)}</a></li>')
    known = {n for n, _, _ in NAV}
    for p in pages:  # any other page (a new notebook) is still reachable
        if p.name not in known and not p.name.startswith(("10_district-", "10_place-")):
            items.append(f'<li><a href="{html.escape(p.name)}.html">{html.escape(p.title or p.name)}</a></li>')
    return f"<ul>{''.join(items)}</ul>"


def front_page(pages: Iterable[PageInfo], *, tables_dir: str | Path, raw_dir: str | Path | None = None,
               lang: str = "zh") -> str:
    """The body of ``index.html`` (see the module's docstring)."""
    from reportlib.read.cache import load_corpus
    from reportlib.report import findings
    from reportlib.report.render import sentences_html
    from reportlib.study import notebook

    pages = list(pages)
    tables_dir = Path(tables_dir)
    documents = _read(tables_dir, "documents")
    if documents is None:
        raise FileNotFoundError(f"no documents table in {tables_dir.name}/")
    links = place_pages(pages, documents)
    body = [f"<h1>{_w('title', lang)}</h1>",
            findings.corpus_overview(documents, skipped=_read(tables_dir, "skipped"), lang=lang,
                                     place_pages=links)]
    tables = notebook.study_tables(load_corpus(raw_dir), tables_dir=tables_dir)
    found = findings.key_findings(tables)
    doc_pages = {}
    for r in documents.dropna(subset=["district_slug"]).to_dict("records"):
        name = r.get("place") if isinstance(r.get("place"), str) else r.get("district")
        if name in links:
            doc_pages[r["doc_id"]] = links[name]
    body.append(f"<h2>{_w('findings', lang)}</h2>")
    if found:
        body.append(f"<p class='rl-cite'>{_w('findings_note', lang)}</p>")
        body.append(sentences_html(found, lang=lang, anchor="finding", doc_link=doc_pages, as_list="ol"))
    else:
        body.append(f"<p>{_w('no_findings', lang)}</p>")
    if links:
        from reportlib.report.display import value_label  # a place's name in the page's language

        items = "".join(f'<li><a href="{html.escape(href)}">{html.escape(value_label("place", name, lang))}</a></li>'
                        for name, href in links.items())
        body.append(f"<h2>{_w('places', lang)}</h2><ul class='rl-places'>{items}</ul>")
    body.append(f"<h2>{_w('pages', lang)}</h2>{_nav(pages, lang)}")
    return "\n".join(body)
