"""``reportlib profile PLACE`` and ``reportlib compare``: the narratives as Markdown."""

from __future__ import annotations

import argparse
import html
import re

import pandas as pd

from reportlib.cli.common import corpus_of


def _tables(args: argparse.Namespace):
    """The corpus and its indicators, plus the text tables of outputs/tables when written."""
    from reportlib.measure.indicators import extract_indicators
    from reportlib.paths import project_paths
    from reportlib.report.compare import StudyTables

    corpus = corpus_of(args)
    folder = project_paths().tables
    extra = {name: pd.read_csv(folder / f"{name}.csv", keep_default_na=False, na_values=[""])
             for name in ("keyness", "topic_shares", "topics") if (folder / f"{name}.csv").is_file()}
    return StudyTables.from_corpus(corpus, indicators=extract_indicators(corpus), **extra)


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_NOTE_REFS = re.compile(r"<sup>(.*?)</sup>")
_NOTE_LINK = re.compile(r"\[(\d+)\]\(#[^)]*\)")
_ANCHOR = re.compile(r'<span id="[^"<>]*"></span>')


def plain_text(markdown: str) -> str:
    r"""Markdown as a person reads it in a terminal: the escapes that keep report text from being
    read as markup (``\-``, ``&#58;``, ``&lt;``) turned back into the characters, footnote marks
    as ``[1,2]``.

    >>> plain_text(r"增长6\-7%，见 http&#58;//x &lt;b&gt;<sup>[1](#src-1),[2](#src-2)</sup>")
    '增长6-7%，见 http://x <b>[1,2]'
    """
    # the renderer's own tags first: report text cannot hold a raw "<" (it is escaped as &lt;)
    text = _NOTE_REFS.sub(lambda m: "[" + _NOTE_LINK.sub(r"\1", m.group(1)) + "]", markdown)
    text = _ANCHOR.sub("", text)
    return html.unescape(_MD_ESCAPE.sub(r"\1", text))


def _show(markdown: str, args: argparse.Namespace) -> None:
    print(markdown if args.format == "markdown" else plain_text(markdown))


def cmd_profile(args: argparse.Namespace) -> int:
    from reportlib.report.narrative import district_profile

    _show(district_profile(args.district, _tables(args)).to_markdown(args.lang), args)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from reportlib.report.narrative import corpus_comparison

    _show(corpus_comparison(_tables(args)).to_markdown(args.lang), args)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the report stage's subcommands."""
    p = sub.add_parser("profile", help="a place's profile as Markdown, every number cited", parents=[common])
    p.add_argument("district", help="full name or slug: 徐汇区, xuhui")
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--format", choices=["text", "markdown"], default="text",
                   help="text: readable in a terminal (default); markdown: escaped for a renderer")
    p.set_defaults(func=cmd_profile)
    p = sub.add_parser("compare", help="the places compared, as Markdown, every number cited", parents=[common])
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--format", choices=["text", "markdown"], default="text",
                   help="text: readable in a terminal (default); markdown: escaped for a renderer")
    p.set_defaults(func=cmd_compare)
