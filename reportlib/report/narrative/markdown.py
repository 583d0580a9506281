"""Narratives as Markdown: one bullet per sentence, linked footnotes with the verbatim quotes."""

from __future__ import annotations

import logging
import re

from reportlib.report import compare
from reportlib.report.narrative.model import _MD_SPECIAL, Narrative, Source
from reportlib.report.narrative.wording import word

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- Markdown

def escape_markdown(text: str) -> str:
    """Text from the reports shown as is: HTML and Markdown specials escaped, never interpreted.

    >>> escape_markdown("<b>增长6-7%</b>")
    '&lt;b&gt;增长6\\\\-7%&lt;/b&gt;'
    """
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    # no autolinks either: http://…, www.… and a@b are links to a Markdown renderer
    return text.replace(":", "&#58;").replace("@", "&#64;").replace("www.", "www&#46;")


def footnote(source: Source, lang: str) -> str:
    """'doc_id：「quote」' for a report's figure, 'table name：row' for a row of a table."""
    if source.quote:  # a quote across table cells or lines keeps them apart with " / "
        quote = re.sub(r"\s*\n\s*", " / ", source.quote)
        return word("footnote.quote", lang).format(doc=escape_markdown(source.doc_id), quote=escape_markdown(quote))
    return word("footnote.row", lang).format(table=escape_markdown(source.table), row=escape_markdown(source.row_id))


def render_markdown(narrative: Narrative, *, lang: str = "zh", heading_level: int = 2) -> str:
    """Headings, one bullet per sentence with linked source numbers, and the numbered sources at the end."""
    h = "#" * heading_level
    # ids unique per narrative and language, so several narratives can share one page
    slug = compare.place_slug(narrative.district) if narrative.district else "all"
    anchor = f"src-{slug}-{lang}"
    lines = [f"{h} {escape_markdown(narrative.title.render(lang))}", ""]
    notes: dict[tuple[str, str], int] = {}
    for section in narrative.sections:
        if not section.sentences:
            continue
        lines += [f"{h}# {escape_markdown(section.heading.render(lang))}", ""]
        for s in section.sentences:
            marks = sorted(notes.setdefault((src.table, src.row_id), len(notes) + 1) for src in s.sources)
            links = [f"[{n}](#{anchor}-{n})" for n in marks]  # each marker jumps to its source
            text = escape_markdown(s.text(lang))
            lines.append(f"- {text}<sup>{','.join(links)}</sup>" if marks else f"- {text}")
        lines.append("")
    if notes:
        by_key = {(src.table, src.row_id): src for s in narrative.sentences for src in s.sources}
        lines += [f"{h}# {word('sources', lang)}", ""]
        for key, n in sorted(notes.items(), key=lambda kv: kv[1]):
            lines.append(f'{n}. <span id="{anchor}-{n}"></span>{footnote(by_key[key], lang)}')
        lines.append("")
    return "\n".join(lines)
