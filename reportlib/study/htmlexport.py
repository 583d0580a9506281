"""Executed notebooks → self-contained HTML pages, and the study's index page.

Pages are made in-process with nbconvert's ``HTMLExporter`` (a subprocess would cost a second
each). Code is hidden unless asked for, except in a cell that raised, so a failed page shows
where it failed. Every output is passed through nbconvert's ``SanitizeHTML``: report text is
data, so a ``<script>`` in a raw file shows as text, never runs. The page template (``lab``
without its CDN scripts) loads nothing from the network.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"  # nbconvert template "reportlib"
HIDE_INPUT = "reportlib-hide-input"  # tag put on code cells whose source the page leaves out
PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>", re.S)  # pandas' inline CSS of a table
EMPTY_CELL = re.compile(r"(<t[dh][^>]*>)\s*(?:NaN|&lt;NA&gt;|None|NaT)\s*(</t[dh]>)")  # pandas' missing value

# What report pages may contain: text, tables, lists, headings, links and images; no script,
# no form, no style block, no event attribute.
ALLOWED_TAGS = [
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
]
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "style", "lang"],  # lang: the reports' words on an English page
    "a": ["href", "title"],
    "img": ["src", "alt", "width", "height"],
    "table": ["border"],
    "th": ["colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
}


@dataclass(frozen=True)
class PageInfo:
    """What a page says about its run: shown in its footer and on the build status page."""

    name: str
    status: str  # ok · failed · skipped
    version: str
    data_hash: str
    parameters: dict
    seconds: float | None = None
    error: str = ""
    finished: str = ""
    title: str = ""  # what the page is about, e.g. "02 · 文本…" or a place's page: "徐汇区"
    lang: str = "zh"  # the page set's language: zh (default) or en


LANGS = {"zh": "zh-CN", "en": "en"}  # the page set's language → the pages' lang attribute
WORDS = {  # the few words of the page frame itself, per language
    "home": {"zh": "← 首页", "en": "← Front page"},
    "status": {"zh": "运行状态", "en": "Build status"},
    "built": {"zh": "生成", "en": "Built by"},
    "data": {"zh": "数据", "en": "data"},
    "skipped": {"zh": "未运行：上游笔记本未完成", "en": "Not run: an upstream notebook did not complete"},
    "ok": {"zh": "完成", "en": "ok"},
    "failed": {"zh": "失败", "en": "failed"},
    "skipped_status": {"zh": "未运行", "en": "skipped"},
}
HTML_LANG = re.compile(r'<html lang="[^"]*">')  # nbconvert knows only two-letter codes
HEADING = re.compile(r"^\s*#{1,6}\s")  # a markdown heading line


def word(key: str, lang: str) -> str:
    """A word of the page frame in ``lang``."""
    return WORDS[key]["en" if lang == "en" else "zh"]


def _footer_cell(info: PageInfo) -> Any:
    """A markdown cell with the run's provenance (no parameters: they hold local paths)."""
    import nbformat

    bits = [f"{word('built', info.lang)} reportlib {info.version}", f"{word('data', info.lang)} {info.data_hash[:12]}",
            info.finished, info.status if info.status != "ok" else ""]
    text = " · ".join(html.escape(b) for b in bits if b)
    return nbformat.v4.new_markdown_cell(
        f'<div class="reportlib-run"><small>{text} · '
        f'<a href="status.html">{word("status", info.lang)}</a></small></div>')


def _select_language(nb: Any, lang: str) -> None:
    """Keep the cells of ``lang``: a cell tagged ``lang-en`` or ``lang-zh`` shows in that language only."""
    nb.cells = [c for c in nb.cells
                if not any(t.startswith("lang-") and t != f"lang-{lang}" for t in c.metadata.get("tags", []))]


def _raised(cell: Any) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def _prune_outputs(nb: Any) -> None:
    """Drop what is plumbing to a reader: bare reprs (a path, a Series' ``dtype``) and stderr.

    Pages show Markdown, HTML and figures; an output with nothing but ``text/plain`` is a
    repr. A cell that raised keeps everything, so a failed page shows why.
    """
    for cell in nb.cells:
        if cell.cell_type != "code" or _raised(cell):
            continue
        kept = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream" and out.get("name") == "stderr":
                continue
            if kind in ("execute_result", "display_data") and set(out.get("data", {})) <= {"text/plain"}:
                continue
            kept.append(out)
        cell.outputs = kept


def _visible(cell: Any, show_code: bool) -> bool:
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    return bool(cell.get("outputs")) or show_code or _raised(cell)


def _heading_only(cell: Any) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip()]
    return cell.cell_type == "markdown" and bool(lines) and all(HEADING.match(line) for line in lines)


def _drop_empty_headings(nb: Any, show_code: bool) -> None:
    """Remove a markdown cell of headings only when nothing visible follows it before the next one."""
    cells = nb.cells
    keep = []
    for i, cell in enumerate(cells):
        if _heading_only(cell):
            rest = []
            for nxt in cells[i + 1:]:
                if _heading_only(nxt):
                    break
                rest.append(nxt)
            if not any(_visible(c, show_code) for c in rest):
                continue
        keep.append(cell)
    nb.cells = keep


def _hide_inputs(nb: Any) -> None:
    """Tag every code cell for input removal except one that raised (its code is the story)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if not _raised(cell):
            cell.metadata.setdefault("tags", []).append(HIDE_INPUT)


def _drop_pandas_style(nb: Any) -> None:
    """Remove pandas' ``<style scoped>`` blocks (the sanitiser would print them as text), and its
    empty-cell markers: a reader sees an empty cell, not ``NaN``, ``<NA>`` or ``None``."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"] = EMPTY_CELL.sub(r"\1\2", PANDAS_STYLE.sub("", data["text/html"]))


def notebook_html(nb: Any, info: PageInfo, *, show_code: bool = False) -> str:
    """One self-contained HTML page of an executed notebook, sanitised, read top-down.

    Cells of the other language are left out, and so are bare reprs, stderr and headings with
    nothing under them; the run's provenance is a footer.
    """
    from nbconvert import HTMLExporter  # imported here: a no-op study run never needs it
    from nbconvert.preprocessors import TagRemovePreprocessor
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    nb = copy.deepcopy(nb)
    _select_language(nb, info.lang)
    _prune_outputs(nb)
    _drop_empty_headings(nb, show_code)
    nb.cells.insert(0, nbformat_md(f"[{word('home', info.lang)}](index.html)"))
    nb.cells.append(_footer_cell(info))
    if not show_code:
        _hide_inputs(nb)
    _drop_pandas_style(nb)
    resources = {"metadata": {"name": info.title or info.name}}
    nb, resources = SanitizeHTML(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                                 strip=False).preprocess(nb, resources)
    nb, resources = TagRemovePreprocessor(remove_input_tags={HIDE_INPUT}).preprocess(nb, resources)
    exporter = HTMLExporter(template_name="reportlib", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=not show_code,
                            exclude_output_prompt=True, embed_images=True, sanitize_html=False)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return HTML_LANG.sub(f'<html lang="{LANGS.get(info.lang, info.lang)}">', body, count=1)


def nbformat_md(source: str) -> Any:
    import nbformat

    return nbformat.v4.new_markdown_cell(source)


def skipped_html(info: PageInfo) -> str:
    """A short page for a notebook that did not run because an upstream notebook failed."""
    return _page(f"{info.title or info.name}",
                 f"<h1>{html.escape(info.title or info.name)}</h1>"
                 f"<p>{word('skipped', info.lang)}: {html.escape(info.error)}.</p>"
                 f'<p><a href="index.html">{word("home", info.lang)}</a></p>', info.lang)


STATUS_STYLE = {"ok": "#1a7f37", "failed": "#cf222e", "skipped": "#9a6700"}
PATH_PARAMETERS = {"raw_dir", "out_dir"}  # local paths: never on a page
STATUS_HEADS = {"zh": ["页面", "内容", "状态", "用时", "完成时间", "参数", "错误"],
                "en": ["page", "about", "status", "time", "finished", "parameters", "error"]}


def _status_word(status: str, lang: str) -> str:
    key = "skipped_status" if status == "skipped" else status
    return word(key, lang) if key in WORDS else status


def _summary(pages: list[PageInfo], lang: str = "zh") -> str:
    counts = {s: sum(1 for p in pages if p.status == s) for s in STATUS_STYLE}
    return " · ".join(f"{n} {_status_word(s, lang)}" for s, n in counts.items() if n)


def status_html(pages: Iterable[PageInfo], *, lang: str = "zh") -> str:
    """The build status page: every page with its status, time and error, if any."""
    pages = list(pages)
    rows = []
    for p in pages:
        colour = STATUS_STYLE.get(p.status, "#000")
        secs = f"{p.seconds:.1f} s" if p.seconds is not None else ""
        params = ", ".join(f"{k}={v}" for k, v in sorted(p.parameters.items())
                           if v is not None and k not in PATH_PARAMETERS)
        rows.append(
            f'<tr><td><a href="{html.escape(p.name)}.html">{html.escape(p.name)}</a></td>'
            f"<td>{html.escape(p.title)}</td>"
            f'<td style="color:{colour};font-weight:bold">{html.escape(_status_word(p.status, lang))}</td>'
            f"<td>{secs}</td><td>{html.escape(p.finished)}</td><td><code>{html.escape(params)}</code>"
            f"</td><td>{html.escape(p.error)}</td></tr>")
    first = pages[0] if pages else None
    title = word("status", lang)
    heads = "".join(f"<th>{h}</th>" for h in STATUS_HEADS["en" if lang == "en" else "zh"])
    body = (f'<p><a href="index.html">{word("home", lang)}</a></p><h1>{title}</h1><p>{_summary(pages, lang)}</p>'
            + (f"<p>reportlib {html.escape(first.version)} · {word('data', lang)} "
               f"{html.escape(first.data_hash[:16])}</p>" if first else "")
            + f'<div class="rl-table"><table><thead><tr>{heads}</tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>")
    return _page(title, body, lang)


def index_html(pages: Iterable[PageInfo], *, front: str = "", lang: str = "zh",
               title: str = "") -> str:
    """The study's front page: ``front`` (what the corpus is, the key findings, the way to every
    page, made by ``study.site``), or without it a plain list of pages; build status in the footer.
    """
    pages = list(pages)
    title = title or ("政府工作报告研究" if lang != "en" else "A study of government work reports")
    if not front:
        front = f"<h1>{html.escape(title)}</h1><ul>" + "".join(
            f'<li><a href="{html.escape(p.name)}.html">{html.escape(p.title or p.name)}</a></li>'
            for p in pages) + "</ul>"
    first = pages[0] if pages else None
    footer = (f'<footer><small>{word("status", lang)}: {_summary(pages, lang)} · '
              + (f"reportlib {html.escape(first.version)} · {word('data', lang)} "
                 f"{html.escape(first.data_hash[:12])} · " if first else "")
              + f'<a href="status.html">{word("status", lang)}</a></small></footer>')
    return _page(title, front + footer, lang)


PAGE_CSS = (
    'body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Source Han Sans SC",'
    '"PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;'
    "line-height:1.6;color:#1f2328}"
    "h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #eee}"
    "footer{margin-top:3em;color:#656d76;border-top:1px solid #eee;padding-top:.5em}"
)


def _page(title: str, body: str, lang: str = "zh") -> str:
    css = (TEMPLATES / "reportlib" / "study.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html>\n<html lang="{LANGS.get(lang, lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{PAGE_CSS}{css}</style></head>\n"
            f"<body>{body}</body></html>\n")
