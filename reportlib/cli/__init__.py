"""The ``reportlib`` command: each subcommand prints one of the study's tables or runs the study.

The command line sits on top of the library: it imports the stages, and no stage imports it.
Tables go to stdout as CSV, or to ``--out FILE`` (Parquet with ``--format parquet``). A raw file
that cannot be read is one line on stderr; the exit status is 1 only when nothing was read.
"""

from __future__ import annotations

import argparse
import logging

from reportlib.cli import measure, read, report, study, text

STAGES = (read, measure, text, report, study)  # each adds its subcommands, in the data's order


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand; ``-v`` is accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log progress to stderr")
    parser = argparse.ArgumentParser(prog="reportlib", description=__doc__.split("\n")[0],
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    for stage in STAGES:
        stage.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns its exit status."""
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:  # `reportlib documents | head`
        return 0
