"""``reportlib indicators`` and ``reportlib panel``: the measuring stage's tables."""

from __future__ import annotations

import argparse

from reportlib.cli.common import corpus_of, emit, status, table_args


def cmd_indicators(args: argparse.Namespace) -> int:
    from reportlib.measure.indicators import extract_indicators

    corpus = corpus_of(args)
    emit(extract_indicators(corpus), args)
    return status(corpus)


def cmd_panel(args: argparse.Namespace) -> int:
    from reportlib.measure.indicators import extract_indicators
    from reportlib.measure.panel import conflicts, revisions, targets_vs_actuals

    corpus = corpus_of(args)
    ind = extract_indicators(corpus)
    table = conflicts if args.conflicts else revisions if args.revisions else targets_vs_actuals
    emit(table(ind), args)
    return status(corpus)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the measuring stage's subcommands."""
    p = sub.add_parser("indicators", help="one row per number about a known indicator", parents=[common])
    table_args(p)
    p.set_defaults(func=cmd_indicators)
    p = sub.add_parser("panel", parents=[common],
                       help="targets beside the actuals reported later (--conflicts: final figures stated with "
                            "two values; --revisions: estimates beside the final figure)")
    table_args(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--conflicts", action="store_true",
                       help="list final figures of one fact stated with two values instead of targets vs actuals")
    which.add_argument("--revisions", action="store_true",
                       help="list estimates beside the final figure a later report gave")
    p.set_defaults(func=cmd_panel)
