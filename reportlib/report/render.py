"""Narratives as HTML: one paragraph or bullet per sentence, every number's source a footnote.

The Markdown of ``narrative.render_markdown`` serves notebooks and the terminal; pages built
outside a notebook (the front page) take HTML from here. Every text from the reports is
escaped; each footnote gives the document and the verbatim quote the number rests on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from reportlib.report.narrative.wording import word

_NEWLINES = re.compile(r"\s*\n\s*")  # a quote across lines or table cells keeps them apart with " / "
_CJK = re.compile(r"[\u3400-\u9fff]")


def _row_id(row_id: str, lang: str) -> str:
    """A row id as pages show it: English pages name its places in English (徐汇区/2 → Xuhui District/2)."""
    if lang != "en" or not _CJK.search(row_id):
        return html.escape(row_id)
    from reportlib.read.places import english_name

    parts = [english_name(p) for p in row_id.split("/")]
    return "/".join(html.escape(p) if not _CJK.search(p) else f'<span lang="zh-CN">{html.escape(p)}</span>'
                    for p in parts)


def sentence_text(sentence: Any, lang: str) -> str:
    """The sentence in ``lang``."""
    return sentence.text(lang)


def footnote_html(source: Any, lang: str, *, doc_link: dict[str, str] | None = None) -> str:
    """'xuhui-2021-work_report：「…」' with the document linked to its page when known."""
    doc = html.escape(source.doc_id or source.table)
    href = (doc_link or {}).get(source.doc_id) or (source.doc_id if str(source.doc_id).startswith("http") else None)
    if href:
        doc = f'<a href="{html.escape(href)}">{doc}</a>'
    if source.quote:  # the reports' words: marked as Chinese (on an English page, the other language's text)
        quote = f'<span lang="zh-CN">{html.escape(_NEWLINES.sub(" / ", source.quote))}</span>'
        return word("footnote.quote", lang).format(doc=doc, quote=quote)
    # a table row, as the profiles name it
    return word("footnote.row", lang).format(table=html.escape(source.table), row=_row_id(source.row_id, lang))


def sentences_html(sentences: Iterable[Any], *, lang: str = "zh", anchor: str = "src",
                   doc_link: dict[str, str] | None = None, as_list: str = "ul") -> str:
    """The sentences as a list, each with linked footnote numbers, then the numbered sources."""
    notes: dict[tuple[str, str], int] = {}
    by_key: dict[tuple[str, str], Any] = {}
    items = []
    for s in sentences:
        marks = []
        for src in s.sources:
            key = (src.table, src.row_id)
            by_key.setdefault(key, src)
            marks.append(notes.setdefault(key, len(notes) + 1))
        links = ",".join(f'<a href="#{anchor}-{n}">{n}</a>' for n in sorted(set(marks)))
        sup = f"<sup>{links}</sup>" if links else ""
        items.append(f"<li>{html.escape(sentence_text(s, lang))}{sup}</li>")
    if not items:
        return ""
    out = f"<{as_list}>{''.join(items)}</{as_list}>"
    if notes:
        refs = "".join(f'<li id="{anchor}-{n}">{footnote_html(by_key[k], lang, doc_link=doc_link)}</li>'
                       for k, n in sorted(notes.items(), key=lambda kv: kv[1]))
        out += f'<p class="rl-cite">{word("sources", lang)}</p><ol class="rl-sources">{refs}</ol>'
    return out
