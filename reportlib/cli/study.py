"""``reportlib study``: regenerate the study's notebooks, pages and tables."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

EXIT_CODES = """exit status:
  0    every notebook ok or up to date
  1    a notebook failed (or was skipped below one that failed); the others ran;
       or no report could be read from the raw folder
  2    the study could not run: a bad option, an --out-dir that is a file or cannot be
       written (read-only, disk full), another study running into the same folder
  130  interrupted (Ctrl-C, SIGTERM): finished notebooks are kept, run again to finish"""


def positive_int(text: str) -> int:
    """An argparse type: an integer of 1 or more, else a one-line error."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: give 1 or more")
    return value


def positive_float(text: str) -> float:
    """An argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text}: give a number of seconds above 0")
    return value


def cmd_study(args: argparse.Namespace) -> int:
    from reportlib.study.planning import NothingRead
    from reportlib.study.runner import Settings, _os_error_text, dry_run, on_interrupt, parse_overrides, run_study

    if args.scheduler:  # the notebooks' kernels inherit it (reportlib.parallel reads it)
        from reportlib.parallel import SCHEDULER_ENV, dask_available

        if args.scheduler != "none" and not dask_available():
            print(f"reportlib study: --scheduler {args.scheduler} needs Dask: pip install 'reportlib[dask]'",
                  file=sys.stderr)
            return 2
        os.environ[SCHEDULER_ENV] = args.scheduler
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGTERM, on_interrupt)  # SIGTERM stops as cleanly as ^C
    signal.signal(signal.SIGINT, on_interrupt)  # ^C stops, whatever a parent left it as
    try:
        settings = Settings(
            raw_dir=args.raw_dir, out_dir=args.out_dir, notebooks_dir=args.notebooks_dir,
            jobs=args.jobs, only=args.only or [], force=args.force, show_code=args.show_code,
            lang=args.lang, overrides=parse_overrides(args.param or []), timeout=args.timeout,
            cell_timeout=args.cell_timeout)
        if args.dry_run:
            todo = dry_run(settings)
            for name, why in todo:
                print(f"{name}\t{why}")
            if not todo:
                print("nothing to do: every notebook is up to date (--force runs them anyway)")
            return 0
        result = run_study(settings)
    except NothingRead as exc:
        print(f"reportlib study: {exc}", file=sys.stderr)
        return 1
    except (ValueError, RuntimeError, FileNotFoundError) as exc:  # the user's setting, not a bug
        print(f"reportlib study: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # out-dir under a file, read-only file system, disk full …
        print(f"reportlib study: could not run: {_os_error_text(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # before or after the notebooks ran: nothing half-written either
        print("reportlib study: interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    print(result.summary())
    return result.exit_status


def cmd_corpus(args: argparse.Namespace) -> int:
    from reportlib.study.distributed import corpus_tables, write_tables

    try:
        result = corpus_tables(*(args.paths or [_default_raw()]), scheduler=args.scheduler, workers=args.workers,
                               unit=args.unit)
        written = write_tables(result.tables, args.out_dir, args.format)
    except (RuntimeError, ValueError) as exc:
        print(f"reportlib corpus: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        from reportlib.study.runner import _os_error_text

        print(f"reportlib corpus: could not write: {_os_error_text(exc)}", file=sys.stderr)
        return 2
    for skipped in result.corpus.skipped:
        print(f"reportlib: {skipped.source}: {skipped.reason}", file=sys.stderr)
    t = result.tables
    print(f"corpus: {len(t['documents'])} documents, {len(t['sections'])} sections, {len(t['indicators'])} indicator"
          f" rows, {len(t['tokens'])} token units in {result.seconds:.1f} s (scheduler: {result.scheduler})"
          f" → {len(written)} files in {args.out_dir}")
    return 0 if result.corpus.study_docs else 1


def _default_raw() -> Path:
    from reportlib.paths import project_paths

    return project_paths().raw


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``reportlib study`` and ``reportlib corpus``."""
    from reportlib.study import runner

    p = sub.add_parser("corpus", parents=[common],
                       help="the corpus tables (documents … tokens) into a folder, on Dask for large corpora")
    p.add_argument("paths", nargs="*", help="raw files or folders (default: data/raw)")
    p.add_argument("--out-dir", type=Path, required=True, help="folder for the tables")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler (tcp://host:8786), 'local' for a local cluster, 'none' for this process"
                        " (default: a local cluster from 50 MB of raw files when Dask is installed)")
    p.add_argument("--workers", type=positive_int, help="workers of the local cluster (default: the cores)")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv",
                   help="tables as CSV or Parquet (tokens, and any table over 500,000 rows, as Parquet)")
    p.add_argument("--unit", choices=["document", "paragraph", "section"], default="document",
                   help="the unit of the tokens table")
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("study", help="run the study's notebooks (only what changed) into outputs/",
                       description=runner.__doc__.split("\n")[0], parents=[common], epilog=EXIT_CODES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jobs", "-j", type=positive_int, default=os.cpu_count() or 2,
                   help="notebooks run at the same time, 1 or more (default: the number of cores)")
    p.add_argument("--timeout", type=positive_float, metavar="SECONDS",
                   help="a notebook running longer fails (default: 600 s + 60 s per MB of raw files)")
    p.add_argument("--cell-timeout", type=positive_float, metavar="SECONDS",
                   help="a cell running longer fails its notebook (default: the notebook's limit)")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this notebook (00_corpus, 10_place, 10_place-xuhui …) and"
                        " whatever upstream of it is out of date; repeatable")
    p.add_argument("--force", action="store_true", help="run even if nothing changed")
    p.add_argument("--raw-dir", type=Path, help="raw reports folder (default: data/raw)")
    p.add_argument("--out-dir", type=Path, help="outputs folder (default: outputs/)")
    p.add_argument("--notebooks-dir", type=Path, help=argparse.SUPPRESS)  # tests: edited copies
    p.add_argument("--show-code", action="store_true", help="keep code cells in the HTML pages")
    p.add_argument("--lang", choices=["zh", "en"], default="zh",
                   help="language of the pages: headings, narrative, tables and figures (default: zh)")
    p.add_argument("--param", "-p", action="append", metavar="[NB:]NAME=VALUE",
                   help="override a notebook parameter, e.g. -p k_grid='[4, 6]' -p 03_topics:passes=5")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="where the notebooks read and measure the reports: a Dask scheduler (tcp://host:8786),"
                        " 'local' for a local cluster, 'none' for the notebook's own process (default: a local"
                        " cluster from 50 MB of raw files when Dask is installed)")
    p.add_argument("--dry-run", action="store_true", help="list what would run and why, run nothing")
    p.set_defaults(func=cmd_study)
