"""``reportlib documents`` and ``reportlib sections``: the reading stage's tables."""

from __future__ import annotations

import argparse

from reportlib.cli.common import corpus_of, emit, status, table_args


def cmd_documents(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    emit(corpus.documents, args)
    return status(corpus)


def cmd_sections(args: argparse.Namespace) -> int:
    corpus = corpus_of(args)
    emit(corpus.sections, args)
    return status(corpus)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the reading stage's subcommands."""
    for name, func, help_text in (("documents", cmd_documents, "one row per report found in the raw files"),
                                  ("sections", cmd_sections, "one row per section heading")):
        p = sub.add_parser(name, help=help_text, parents=[common])
        table_args(p)
        p.set_defaults(func=func)
