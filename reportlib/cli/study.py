"""``reportlib study``: regenerate the study's notebooks, pages and tables."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path


def cmd_study(args: argparse.Namespace) -> int:
    from reportlib.study.runner import Settings, dry_run, parse_overrides, run_study

    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops as cleanly as ^C
    try:
        settings = Settings(
            raw_dir=args.raw_dir, out_dir=args.out_dir, notebooks_dir=args.notebooks_dir,
            jobs=args.jobs, only=args.only or [], force=args.force, show_code=args.show_code,
            overrides=parse_overrides(args.param or []))
        if args.dry_run:
            for name, why in dry_run(settings):
                print(f"{name}\t{why}")
            return 0
        result = run_study(settings)
    except (ValueError, RuntimeError, FileNotFoundError) as exc:  # the user's setting, not a bug
        print(f"reportlib study: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # before or after the notebooks ran: nothing half-written either
        print("reportlib study: interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(result.summary())
    return result.exit_status


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``reportlib study``."""
    from reportlib.study import runner

    p = sub.add_parser("study", help="run the study's notebooks (only what changed) into outputs/",
                       description=runner.__doc__.split("\n")[0], parents=[common])
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2,
                   help="notebooks run at the same time (default: the number of cores)")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="run only this notebook (00_corpus, 10_district, 10_district-xuhui …) and"
                        " whatever upstream of it is out of date; repeatable")
    p.add_argument("--force", action="store_true", help="run even if nothing changed")
    p.add_argument("--raw-dir", type=Path, help="raw reports folder (default: data/raw)")
    p.add_argument("--out-dir", type=Path, help="outputs folder (default: outputs/)")
    p.add_argument("--notebooks-dir", type=Path, help=argparse.SUPPRESS)  # tests: edited copies
    p.add_argument("--show-code", action="store_true", help="keep code cells in the HTML pages")
    p.add_argument("--param", "-p", action="append", metavar="[NB:]NAME=VALUE",
                   help="override a notebook parameter, e.g. -p k_grid='[4, 6]' -p 03_topics:passes=5")
    p.add_argument("--dry-run", action="store_true", help="list what would run and why, run nothing")
    p.set_defaults(func=cmd_study)
