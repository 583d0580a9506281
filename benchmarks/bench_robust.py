"""Bounded time at scale: one-line files of 1, 3 and 10 MB, a relabelled corpus of 10-100 MB, and
the corpus stages on a Dask local cluster with 1 and 2 workers.

- Long lines: a report's title lines, then one line of its body with every punctuation mark and
  line break removed, repeated to the size (the input that made extraction quadratic).
- Corpus: the development corpus's reports (../shared/corpus-dev) copied into a temporary folder
  with each copy's place and years relabelled (a provincial report renamed to another province,
  a Hailar report to another district, every year before 年 shifted), so no copy is a duplicate.
  Nothing of it is kept; the texts never enter the repository.

Each measurement runs in a fresh child process with a time limit; wall seconds, CPU seconds
(user + sys, the process's and its pool's) and peak RSS are taken after every stage (parse = decode +
segment + metadata + sections), and the 1-minute load average at the start and end of each
measurement, so the section says how busy the machine was. ``reportlib indicators`` runs on the
largest one-line file as the user would run it (the issue's 10 s goal). The section it writes into
``RESULTS.md`` (between its markers, so ``run_all.py`` keeps it) gives seconds per MB by stage, the
date, the code's commit and which goals are met.

    python benchmarks/bench_robust.py [--lines 1 3 10] [--corpus 10 50 100] [--dask-mb 100]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = next((p for p in (ROOT.parent / "shared" / "corpus-dev", ROOT.parent.parent / "shared" / "corpus-dev")
            if p.is_dir()), ROOT.parent / "shared" / "corpus-dev")  # beside the checkout (or a worktree's parent)
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BEGIN, END = "<!-- bench_robust: begin -->", "<!-- bench_robust: end -->"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
NOT_WORDS = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z.%]+")  # punctuation, spaces and line breaks
LIMIT_S = {"lines": 300, "corpus": 1500}  # a measurement still running after this is reported as not finished
FLAT = 1.5  # s/MB is flat when the largest input's is at most this times the smallest one's
PEAK_GOAL_MB = 4096
CLI_GOAL_S = 10.0  # reportlib indicators on the 10 MB one-line file


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _cpu_s() -> float:
    """User + sys CPU seconds of this process and of its children waited for (a tokens pool)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _load() -> float:
    """The 1-minute load average (processes running or waiting for a core)."""
    return round(os.getloadavg()[0], 1)


def _commit() -> str:
    """The checkout's short commit, with ``+changes`` when files differ from it."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" +changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _dev_texts() -> list[tuple[str, str, str]]:
    """(kind, place, text) of every development report: provincial ones and Hailar's."""
    from reportlib.read.sources import read_raw

    found = []
    for path in sorted(DEV.rglob("*.txt")):
        text = read_raw(path).text
        if "provincial" in path.parts[-2]:
            found.append(("province", path.stem.split("_")[1], text))
        else:
            found.append(("district", "海拉尔区", text))
    return found


def long_line_file(target: Path, mb: float) -> int:
    """A report's first lines, then one line of its words without punctuation, ``mb`` MB long."""
    from reportlib.read.sources import read_raw

    text = read_raw(DEV / "hailar" / "hailar_2015.txt").text.replace("\r", "")
    head, body = "\n".join(text.splitlines()[:4]), NOT_WORDS.sub("", text)
    unit = body.encode("utf-8")
    line = (unit * (int(mb * 1e6) // len(unit) + 1))[: int(mb * 1e6)].decode("utf-8", errors="ignore")
    target.write_text(head + "\n" + line + "\n", encoding="utf-8")
    return target.stat().st_size


def relabelled_corpus(target: Path, mb: float) -> tuple[int, int]:
    """Relabelled copies of the development reports until ``mb`` MB; (bytes, files)."""
    from reportlib import lexicon

    reports = _dev_texts()
    provinces = sorted({p for kind, p, _ in reports if kind == "province"})
    districts = [d.name for d in lexicon.districts()] + ["海拉尔区"]
    total = n = 0
    while total < mb * 1e6:
        r, k = n % len(reports), n // len(reports)
        kind, place, text = reports[r]
        names = provinces if kind == "province" else districts
        new_place = names[(names.index(place) + k) % len(names)]
        shift = k // len(names)
        text = text.replace(place, new_place)
        if shift:
            text = YEAR.sub(lambda m, s=shift: str(int(m.group(1)) - s), text)
        path = target / f"r{r:02d}_k{k:04d}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
        n += 1
    return total, n


def child_stages(raw: str) -> list[dict]:
    """parse, indicators, tokens in this process, one after the other."""
    os.environ["REPORTLIB_SCHEDULER"] = "none"  # each stage in this process, also for large corpora
    from reportlib import read_corpus
    from reportlib.measure.indicators import extract_indicators
    from reportlib.text.tokens import tokenize_corpus

    rows = []

    def stage(name, func):
        t0, c0 = time.perf_counter(), _cpu_s()
        result = func()
        rows.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2), "cpu_s": round(_cpu_s() - c0, 2),
                     "peak_rss_mb": _peak_mb()})
        print(json.dumps(rows[-1]), flush=True)  # the parent keeps what finished before a time-out
        return result

    corpus = stage("parse", lambda: read_corpus(raw))
    stage("indicators", lambda: extract_indicators(corpus))
    stage("tokens", lambda: tokenize_corpus(corpus, cache=False))
    return rows


def child_dask(raw: str, workers: int) -> dict:
    """Every corpus stage on a local cluster of ``workers`` processes."""
    from reportlib.study.distributed import corpus_tables

    t0, c0 = time.perf_counter(), _cpu_s()
    result = corpus_tables(raw, scheduler="local", workers=workers)
    return {"seconds": round(time.perf_counter() - t0, 2), "cpu_s": round(_cpu_s() - c0, 2), "peak_rss_mb": _peak_mb(),
            "worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "documents": len(result.tables["documents"]), "indicators": len(result.tables["indicators"])}


def _child(*args: str, limit: float) -> tuple[list[dict], bool]:
    """Run this script as a child; its JSON lines (each with the load at the child's start and end),
    and whether it finished within the limit."""
    env = {**os.environ, "REPORTLIB_ROOT": str(ROOT)}
    load0 = _load()
    try:
        proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env,
                              timeout=limit)
        out, finished = proc.stdout, proc.returncode == 0
    except subprocess.TimeoutExpired as exc:
        out, finished = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or ""), False
    loads = {"load_start": load0, "load_end": _load()}
    return [{**json.loads(line), **loads} for line in out.splitlines() if line.startswith("{")], finished


def child_cli(raw: str) -> dict:
    """``reportlib indicators FILE`` as a user runs it, from this child (its only child: so the
    children's peak RSS and CPU seconds are the command's): wall and CPU seconds, peak RSS, rows."""
    exe = Path(sys.executable).parent / "reportlib"
    t0 = time.perf_counter()
    proc = subprocess.run([str(exe), "indicators", raw], capture_output=True, text=True,
                          env={**os.environ, "REPORTLIB_SCHEDULER": "none"})
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": round(time.perf_counter() - t0, 2), "cpu_s": round(used.ru_utime + used.ru_stime, 2),
            "exit": proc.returncode, "rows": max(proc.stdout.count("\n") - 1, 0),
            "peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def measure_cli(raw: Path, mb: float) -> dict | None:
    """:func:`child_cli` in a fresh child, with the load at its start and end."""
    rows, finished = _child("--child-cli", str(raw), limit=LIMIT_S["lines"])
    return {"mb": round(mb, 1), **rows[-1]} if rows and finished else None


def measure_stages(label: str, raw: Path, mb: float, limit: float) -> list[dict]:
    rows, finished = _child("--child-stages", str(raw), limit=limit)
    for row in rows:
        row.update(input=label, mb=round(mb, 1), s_per_mb=round(row["seconds"] / mb, 3),
                   cpu_per_mb=round(row["cpu_s"] / mb, 3))
    done = {r["stage"] for r in rows}
    rows += [{"input": label, "mb": round(mb, 1), "stage": s, "seconds": None, "peak_rss_mb": None,
              "s_per_mb": None, "limit": limit} for s in ("parse", "indicators", "tokens") if s not in done]
    if not finished:
        print(f"{label}: stopped after {limit} s", file=sys.stderr)
    return rows


def run(lines: list[float], corpus: list[float], dask_mb: float | None) -> dict:
    results: dict = {"lines": [], "corpus": [], "dask": [], "cli": None, "commit": _commit(),
                     "began": f"{datetime.now(UTC):%Y-%m-%d %H:%M}"}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in lines:
            folder = Path(tmp) / f"line{mb}"
            folder.mkdir()
            size = long_line_file(folder / "one_line.txt", mb)
            results["lines"] += measure_stages(f"one line, {mb:g} MB", folder, size / 1e6, LIMIT_S["lines"])
            if mb == max(lines):
                results["cli"] = measure_cli(folder / "one_line.txt", size / 1e6)
        for mb in sorted(set(corpus) | ({dask_mb} if dask_mb else set())):
            folder = Path(tmp) / f"corpus{mb}"
            folder.mkdir()
            size, files = relabelled_corpus(folder, mb)
            if mb in corpus:
                results["corpus"] += measure_stages(f"corpus, {files} files", folder, size / 1e6, LIMIT_S["corpus"])
            if mb == dask_mb:
                for workers in (1, 2):
                    rows, finished = _child("--child-dask", str(folder), str(workers), limit=LIMIT_S["corpus"])
                    row = rows[-1] if rows and finished else {"seconds": None}
                    results["dask"].append({"workers": workers, "mb": round(size / 1e6, 1), "files": files, **row})
    results["ended"] = f"{datetime.now(UTC):%H:%M}"
    return results


def _cell(value, limit: float = LIMIT_S["corpus"]) -> str:
    return f"> {limit:g} s (stopped)" if value is None else str(value)


def _blank(value) -> str:
    return "" if value is None else str(value)


def _load_cell(row: dict) -> str:
    return f"{row['load_start']}→{row['load_end']}" if "load_start" in row else ""


def _flat(rows: list[dict]) -> list[tuple[str, bool | None, str]]:
    """Per stage: CPU s/MB of the largest input ÷ the smallest's, and whether it is at most FLAT."""
    out = []
    for stage in dict.fromkeys(r["stage"] for r in rows):
        done = sorted((r["mb"], r.get("cpu_per_mb")) for r in rows if r["stage"] == stage)
        (small, first), (big, last) = done[0], done[-1]
        if first is None or last is None:
            out.append((stage, False, f"{big} MB did not finish" if last is None else "not measured"))
        else:
            ratio = last / max(first, 1e-9)
            out.append((stage, ratio <= FLAT, f"{first} → {last} CPU s/MB ({small} → {big} MB): ×{ratio:.2f}"))
    return out


def goals(results: dict) -> list[tuple[str, bool | None, str]]:
    """(goal, met, what was measured) for the goals of issue #14 these measurements can judge."""
    found: list[tuple[str, bool | None, str]] = []
    for kind, label in (("lines", "one line"), ("corpus", "corpus")):
        if len({r["mb"] for r in results[kind]}) > 1:
            found += [(f"{label}: {stage} s/MB flat (largest ≤ {FLAT} × smallest)", met, detail)
                      for stage, met, detail in _flat(results[kind])]
    if results["corpus"]:
        big = max(r["mb"] for r in results["corpus"])
        peaks = [r["peak_rss_mb"] for r in results["corpus"] if r["mb"] == big and r["peak_rss_mb"]]
        peaks += [r.get("peak_rss_mb", 0) + r.get("worker_peak_rss_mb", 0) for r in results["dask"]
                  if r["mb"] == big and r.get("seconds")]
        if peaks:
            found.append((f"peak RSS < 4 GB at {big} MB", max(peaks) < PEAK_GOAL_MB,
                          f"{max(peaks):.0f} MB (stages in one process; Dask: client + one worker's peak)"))
    cli = results.get("cli")
    if cli and cli["mb"] >= 9.5:
        found.append((f"reportlib indicators on the {cli['mb']} MB line < {CLI_GOAL_S:g} s",
                      cli["seconds"] < CLI_GOAL_S,
                      f"{cli['seconds']} s wall, {cli['cpu_s']} s CPU (load {_load_cell(cli)})"))
    dask = [r for r in results["dask"] if r.get("seconds")]
    if len(dask) == 2:
        speed = dask[0]["seconds"] / dask[1]["seconds"]
        found.append(("Dask: 2 workers faster than 1 (2 cores: 2.0 at best)", speed > 1,
                      f"speed-up {speed:.2f} at {dask[0]['mb']} MB"))
    return found


def _header(results: dict) -> list[str]:
    """When, on which code and how busy the machine was (the load at every measurement's start and end)."""
    loads = [r[k] for r in results["lines"] + results["corpus"] + results["dask"] + [results.get("cli") or {}]
             for k in ("load_start", "load_end") if k in r]
    busy = (f"a 1-minute load average of {min(loads)}-{max(loads)} at the measurements' starts and ends"
            if loads else "no load recorded")
    idle = max(loads, default=99) <= (os.cpu_count() or 1)
    meaning = ("an idle machine: wall seconds are what a user waits" if idle
               else "a busy machine: wall seconds are upper bounds, compare CPU seconds")
    return [f"Measured {results.get('began', '?')}–{results.get('ended', '?')} UTC on {os.cpu_count()} cores with"
            f" {busy} ({meaning}); code {results.get('commit', '?')}."]


def markdown(results: dict) -> str:
    head = ["| input | MB | stage | seconds | s/MB | CPU s/MB | peak RSS MB | load |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    stage_rows = [f"| {r['input']} | {r['mb']} | {r['stage']} | {_cell(r['seconds'], r.get('limit', 0))} | "
                  f"{_blank(r['s_per_mb'])} | {_blank(r.get('cpu_per_mb'))} | {_blank(r['peak_rss_mb'])} |"
                  f" {_load_cell(r)} |"
                  for r in results["lines"] + results["corpus"]]
    lines = [BEGIN, "## Bounded time and past one machine (`bench_robust.py`)", "", *_header(results), "",
             "One-line files (a report's title, then its words without punctuation or line breaks) and"
             " corpora of relabelled development reports (place and years changed per copy, so none is a"
             " duplicate), each in a fresh process limited to"
             f" {LIMIT_S['lines']} s (lines) or {LIMIT_S['corpus']} s (corpora); parse = decode + segment + metadata +"
             " sections; tokens use a pool of up to 4 processes above 2 M characters. CPU = user + sys of the"
             " process and its pool; load = the 1-minute load average at the child's start → end.", "",
             *head, *stage_rows, ""]
    cli = results.get("cli")
    if cli:
        lines += [f"`reportlib indicators` on the {cli['mb']} MB one-line file: {cli['seconds']} s wall,"
                  f" {cli['cpu_s']} s CPU, peak RSS {cli['peak_rss_mb']} MB, {cli['rows']} rows, exit {cli['exit']}"
                  f" (load {_load_cell(cli)}).", ""]
    if results["dask"]:
        base = results["dask"][0]["seconds"]
        lines += ["Every corpus stage (`reportlib.study.distributed.corpus_tables`) on a Dask local cluster:", "",
                  "| workers | MB | files | seconds | speed-up | client CPU s | client peak RSS MB | worker peak RSS MB"
                  " | load |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for r in results["dask"]:
            speed = f"{base / r['seconds']:.2f}" if base and r.get("seconds") else ""
            lines.append(f"| {r['workers']} | {r['mb']} | {r['files']} | {_cell(r.get('seconds'))} | {speed} |"
                         f" {r.get('cpu_s', '')} | {r.get('peak_rss_mb', '')} | {r.get('worker_peak_rss_mb', '')} |"
                         f" {_load_cell(r)} |")
        lines.append("")
    judged = goals(results)
    if judged:
        lines += ["Goals of issue #14 (flat: judged on CPU seconds, which the load inflates far less than wall"
                  " seconds):", "", "| goal | met | measured |", "| --- | --- | --- |"]
        lines += [f"| {g} | {'yes' if met else '**no**'} | {detail} |" for g, met, detail in judged]
    lines.append(END)
    return "\n".join(lines)


def write_section(section: str, target: Path = RESULTS) -> None:
    """Put ``section`` into RESULTS.md between its markers (appended the first time)."""
    text = target.read_text(encoding="utf-8") if target.is_file() else "# Benchmark results\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    target.write_text(text, encoding="utf-8")


def kept_section(target: Path = RESULTS) -> str:
    """The section as last written (``run_all.py`` carries it over when it rewrites the file)."""
    text = target.read_text(encoding="utf-8") if target.is_file() else ""
    return text[text.index(BEGIN): text.index(END) + len(END)] if BEGIN in text and END in text else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=float, nargs="*", default=[1, 3, 10])
    parser.add_argument("--corpus", type=float, nargs="*", default=[10, 50, 100])
    parser.add_argument("--dask-mb", type=float, default=100)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md")
    parser.add_argument("--child-stages")
    parser.add_argument("--child-dask", nargs=2)
    parser.add_argument("--child-cli")
    args = parser.parse_args()
    if args.child_cli:
        print(json.dumps(child_cli(args.child_cli)))
        return
    if args.child_stages:
        child_stages(args.child_stages)
        return
    if args.child_dask:
        print(json.dumps(child_dask(args.child_dask[0], int(args.child_dask[1]))))
        return
    if not DEV.is_dir():
        raise SystemExit(f"bench_robust: {DEV} not present: the corpus is built from it")
    section = markdown(run(args.lines, args.corpus, args.dask_mb or None))
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
