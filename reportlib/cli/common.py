"""What every table subcommand shares: reading the paths given, writing the table asked for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from reportlib.io import write_table
from reportlib.read.corpus import Corpus, read_corpus


def corpus_of(args: argparse.Namespace) -> Corpus:
    """The corpus of the paths given (default data/raw); one stderr line per unreadable file."""
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


def status(corpus: Corpus) -> int:
    """0 when at least one report of the study was read, else 1."""
    return 0 if corpus.study_docs else 1


def table_args(p: argparse.ArgumentParser) -> None:
    """The arguments of a table subcommand: paths, --format, --out."""
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--out", help="write the table to FILE instead of stdout")
