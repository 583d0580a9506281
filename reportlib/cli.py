"""The ``reportlib`` command: each subcommand prints one of the study's tables.

Tables go to stdout as CSV, or to ``--out FILE`` (Parquet with ``--format parquet``). A raw file
that cannot be read is one line on stderr; the exit status is 1 only when nothing was read.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .corpus import Corpus, read_corpus
from .io import write_table

Command = Callable[[argparse.Namespace], int]


def _corpus(args: argparse.Namespace) -> Corpus:
    corpus = read_corpus(*(args.paths or []))
    for skipped in corpus.skipped:
        print(f"reportlib: {skipped.source}: {skipped.reason}", file=sys.stderr)
    return corpus


def emit(df: pd.DataFrame, args: argparse.Namespace) -> None:
    """Write a table as the user asked: CSV to stdout, or CSV/Parquet to ``--out``."""
    if args.out:
        out = Path(args.out)
        if args.format == "parquet" and out.suffix != ".parquet":
            out = out.with_suffix(".parquet")
        write_table(df, out)
    elif args.format == "parquet":
        raise SystemExit("reportlib: --format parquet needs --out FILE")
    else:
        df.to_csv(sys.stdout, index=False, lineterminator="\n")


def _status(corpus: Corpus) -> int:
    """0 when at least one district report was read, else 1."""
    return 0 if corpus.study_docs else 1


def cmd_documents(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    emit(corpus.documents, args)
    return _status(corpus)


def cmd_sections(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    emit(corpus.sections, args)
    return _status(corpus)


# name → (function, help); other modules' subcommands are added in ``build_parser``.
COMMANDS: dict[str, tuple[Command, str]] = {
    "documents": (cmd_documents, "one row per report found in the raw files"),
    "sections": (cmd_sections, "one row per section heading"),
}


def _table_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--out", help="write the table to FILE instead of stdout")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportlib", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (func, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        _table_args(p)
        p.set_defaults(func=func)
    for register in _extensions():
        register(sub)
    return parser


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Subcommands defined next to their stage (indicators, tokens, study …)."""
    from . import cli_stages

    return cli_stages.REGISTRARS


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:  # `reportlib documents | head`
        return 0
