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
    from reportlib.measure.panel import conflicts, targets_vs_actuals

    corpus = corpus_of(args)
    ind = extract_indicators(corpus)
    emit(conflicts(ind) if args.conflicts else targets_vs_actuals(ind), args)
    return status(corpus)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the measuring stage's subcommands."""
    p = sub.add_parser("indicators", help="one row per number about a known indicator", parents=[common])
    table_args(p)
    p.set_defaults(func=cmd_indicators)
    p = sub.add_parser("panel", parents=[common],
                       help="targets beside the actuals reported later (--conflicts: facts stated with two values)")
    table_args(p)
    p.add_argument("--conflicts", action="store_true",
                   help="list conflicting statements instead of targets vs actuals")
    p.set_defaults(func=cmd_panel)
