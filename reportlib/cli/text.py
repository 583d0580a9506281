"""``reportlib tokens|dictionary|keyness|topics``: the text stage's outputs."""

from __future__ import annotations

import argparse
import logging
import sys

from reportlib.cli.common import corpus_of, emit, table_args

# = reportlib.text.tokens.UNITS; tokens is imported only when a command runs (jieba is slow to load)
UNITS = ("document", "paragraph", "section")

log = logging.getLogger(__name__)


def cmd_tokens(args: argparse.Namespace) -> int:
    from reportlib.text import tokens

    corpus = corpus_of(args)
    for line in tokens.token_lines(tokens.tokenize_corpus(corpus, unit=args.unit)):
        sys.stdout.write(line + "\n")
    return 0 if corpus.study_docs else 1


def cmd_dictionary(args: argparse.Namespace) -> int:
    from reportlib.text import tokens
    from reportlib.text.dictionary import corpus_dictionary

    corpus = corpus_of(args)
    dictionary = corpus_dictionary(corpus)
    share, table = tokens.whole_term_share(corpus, dictionary)
    sys.stderr.write(f"whole-term share {share:.4f} of {len(table)} quoted and glossary terms\n")
    emit(dictionary.table, args)
    return 0


def cmd_keyness(args: argparse.Namespace) -> int:
    from reportlib.text import tokens
    from reportlib.text.dictionary import corpus_dictionary
    from reportlib.text.keyness import keyness_table
    from reportlib.text.vocabulary import comparable

    corpus = corpus_of(args)
    terms = corpus_dictionary(corpus)
    docs = comparable(tokens.tokenize_corpus(corpus, dictionary=terms), terms, places=args.places)
    emit(keyness_table(docs, min_count=args.min_count, top=args.top), args)
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    from reportlib.text.topics import write_tables

    corpus = corpus_of(args)
    for path in write_tables(corpus, tables_dir=args.tables, unit=args.unit, n_topics=args.k,
                             places=args.places).values():
        print(path)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the text stage's subcommands."""
    p = sub.add_parser("tokens", parents=[common],
                       help="one line per document: doc_id<TAB>tokens as the topic model sees them")
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--unit", choices=UNITS, default="document", help="one line per unit (default: document)")
    p.set_defaults(func=cmd_tokens)

    p = sub.add_parser("dictionary", help="the dictionary of the corpus read (term, source, count)",
                       parents=[common])
    table_args(p)
    p.set_defaults(func=cmd_dictionary)

    p = sub.add_parser("keyness", parents=[common],
                       help="key terms per place (any level), doc_type and year against reports of the same "
                            "year, type and level")
    table_args(p)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--top", type=int, default=50)
    p.add_argument("--places", action="store_true", help="keep place names (left out by default)")
    p.set_defaults(func=cmd_keyness)

    p = sub.add_parser("topics", help="choose K, fit the topic model, write topics/keyness tables", parents=[common])
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--unit", choices=("paragraph", "section"), default="paragraph")
    p.add_argument("--k", type=int, help="number of topics (default: chosen by coherence)")
    p.add_argument("--tables", help="folder of the tables (default: outputs/tables)")
    p.add_argument("--places", action="store_true", help="keep place names in the model and key terms")
    p.set_defaults(func=cmd_topics)
