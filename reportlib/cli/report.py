"""``reportlib profile PLACE`` and ``reportlib compare``: the narratives as Markdown."""

from __future__ import annotations

import argparse

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


def cmd_profile(args: argparse.Namespace) -> int:
    from reportlib.report.narrative import district_profile

    print(district_profile(args.district, _tables(args)).to_markdown(args.lang))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from reportlib.report.narrative import corpus_comparison

    print(corpus_comparison(_tables(args)).to_markdown(args.lang))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the report stage's subcommands."""
    p = sub.add_parser("profile", help="a place's profile as Markdown, every number cited", parents=[common])
    p.add_argument("district", help="full name or slug: 徐汇区, xuhui")
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(func=cmd_profile)
    p = sub.add_parser("compare", help="the places compared, as Markdown, every number cited", parents=[common])
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.set_defaults(func=cmd_compare)
