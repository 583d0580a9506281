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
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"  # nbconvert template "reportlib"
HIDE_INPUT = "reportlib-hide-input"  # tag put on code cells whose source the page leaves out
PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>", re.S)  # pandas' inline CSS of a table

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
    "*": ["class", "id", "title", "style"],
    "a": ["href", "title"],
    "img": ["src", "alt", "width", "height"],
    "table": ["border"],
    "th": ["colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
}


@dataclass(frozen=True)
class PageInfo:
    """What a page says about its run: shown in its header and in the index."""

    name: str
    status: str  # ok · failed · skipped
    version: str
    data_hash: str
    parameters: dict
    seconds: float | None = None
    error: str = ""
    finished: str = ""
    title: str = ""  # what the page is about, e.g. "10 · One district's profile: 徐汇区"


def _header_cell(info: PageInfo) -> Any:
    """A markdown cell with the run's provenance; every value escaped."""
    import nbformat

    params = json.dumps(info.parameters, ensure_ascii=False, sort_keys=True)
    rows = [("status", info.status), ("reportlib", info.version),
            ("data hash", info.data_hash[:16]), ("parameters", params),
            ("finished", info.finished)]
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(str(v))}</code></td></tr>"
                    for k, v in rows if v)
    return nbformat.v4.new_markdown_cell(
        f'<div class="reportlib-run"><table>{cells}</table></div>\n\n'
        f'[← all pages](index.html)')


def _hide_inputs(nb: Any) -> None:
    """Tag every code cell for input removal except one that raised (its code is the story)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        raised = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if not raised:
            cell.metadata.setdefault("tags", []).append(HIDE_INPUT)


def _drop_pandas_style(nb: Any) -> None:
    """Remove pandas' ``<style scoped>`` blocks: the sanitiser would print them as text."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"] = PANDAS_STYLE.sub("", data["text/html"])


def notebook_html(nb: Any, info: PageInfo, *, show_code: bool = False) -> str:
    """One self-contained HTML page of an executed notebook, sanitised, with a run header."""
    from nbconvert import HTMLExporter  # imported here: a no-op study run never needs it
    from nbconvert.preprocessors import TagRemovePreprocessor
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    nb = copy.deepcopy(nb)
    nb.cells.insert(0, _header_cell(info))
    if not show_code:
        _hide_inputs(nb)
    _drop_pandas_style(nb)
    resources = {"metadata": {"name": info.name}}
    nb, resources = SanitizeHTML(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                                 strip=False).preprocess(nb, resources)
    nb, resources = TagRemovePreprocessor(remove_input_tags={HIDE_INPUT}).preprocess(nb, resources)
    exporter = HTMLExporter(template_name="reportlib", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=not show_code,
                            exclude_output_prompt=True, embed_images=True, sanitize_html=False)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def skipped_html(info: PageInfo) -> str:
    """A short page for a notebook that did not run because an upstream notebook failed."""
    return _page(f"{info.name} (skipped)",
                 f"<h1>{html.escape(info.name)}</h1><p>Skipped: {html.escape(info.error)}.</p>"
                 f'<p><a href="index.html">← all pages</a></p>')


STATUS_STYLE = {"ok": "#1a7f37", "failed": "#cf222e", "skipped": "#9a6700"}


def index_html(pages: Iterable[PageInfo], *, title: str = "reportlib study") -> str:
    """The study's front page: every page with its status, time and error, if any."""
    pages = list(pages)
    counts = {s: sum(1 for p in pages if p.status == s) for s in STATUS_STYLE}
    rows = []
    for p in pages:
        colour = STATUS_STYLE.get(p.status, "#000")
        secs = f"{p.seconds:.1f} s" if p.seconds is not None else ""
        params = ", ".join(f"{k}={v!r}" for k, v in sorted(p.parameters.items()) if v is not None)
        rows.append(
            f'<tr><td><a href="{html.escape(p.name)}.html">{html.escape(p.name)}</a></td>'
            f"<td>{html.escape(p.title)}</td>"
            f'<td style="color:{colour};font-weight:bold">{html.escape(p.status)}</td>'
            f"<td>{secs}</td><td>{html.escape(p.finished)}</td><td><code>{html.escape(params)}"
            f"</code></td><td>{html.escape(p.error)}</td></tr>")
    first = pages[0] if pages else None
    summary = " · ".join(f"{n} {s}" for s, n in counts.items() if n)
    body = (f"<h1>{html.escape(title)}</h1><p>{summary}</p>"
            + (f"<p>reportlib {html.escape(first.version)} · data "
               f"<code>{html.escape(first.data_hash[:16])}</code> · written "
               f"{datetime.now().astimezone().isoformat(timespec='seconds')}</p>" if first else "")
            + "<table><thead><tr><th>page</th><th>about</th><th>status</th><th>time</th>"
              "<th>finished</th><th>parameters</th><th>error</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")
    return _page(title, body)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>"
            "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}"
            "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .8em;"
            "text-align:left;vertical-align:top}</style></head>\n"
            f"<body>{body}</body></html>\n")
