"""Bounded time at scale: one-line files of 1, 3 and 10 MB, a relabelled corpus of 10-100 MB, and
the corpus stages on a Dask local cluster with 1 and 2 workers.

- Long lines: a report's title lines, then one line of its body with every punctuation mark and
  line break removed, repeated to the size (the input that made extraction quadratic).
- Corpus: the development corpus's reports (../shared/corpus-dev) copied into a temporary folder
  with each copy's place and years relabelled (a provincial report renamed to another province,
  a Hailar report to another district, every year before 年 shifted), so no copy is a duplicate.
  Nothing of it is kept; the texts never enter the repository.

Each measurement runs in a fresh child process with a time limit; time and peak RSS are taken
after every stage (parse = decode + segment + metadata + sections). The section it writes into
``RESULTS.md`` (between its markers, so ``run_all.py`` keeps it) gives seconds per MB by stage.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = next((p for p in (ROOT.parent / "shared" / "corpus-dev", ROOT.parent.parent / "shared" / "corpus-dev")
            if p.is_dir()), ROOT.parent / "shared" / "corpus-dev")  # beside the checkout (or a worktree's parent)
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BEGIN, END = "<!-- bench_robust: begin -->", "<!-- bench_robust: end -->"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
NOT_WORDS = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z.%]+")  # punctuation, spaces and line breaks
LIMIT_S = {"lines": 300, "corpus": 1500}  # a measurement still running after this is reported as not finished


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


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
        t0 = time.perf_counter()
        result = func()
        rows.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2), "peak_rss_mb": _peak_mb()})
        print(json.dumps(rows[-1]), flush=True)  # the parent keeps what finished before a time-out
        return result

    corpus = stage("parse", lambda: read_corpus(raw))
    stage("indicators", lambda: extract_indicators(corpus))
    stage("tokens", lambda: tokenize_corpus(corpus, cache=False))
    return rows


def child_dask(raw: str, workers: int) -> dict:
    """Every corpus stage on a local cluster of ``workers`` processes."""
    from reportlib.study.distributed import corpus_tables

    t0 = time.perf_counter()
    result = corpus_tables(raw, scheduler="local", workers=workers)
    return {"seconds": round(time.perf_counter() - t0, 2), "peak_rss_mb": _peak_mb(),
            "worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "documents": len(result.tables["documents"]), "indicators": len(result.tables["indicators"])}


def _child(*args: str, limit: float) -> tuple[list[dict], bool]:
    """Run this script as a child; its JSON lines, and whether it finished within the limit."""
    env = {**os.environ, "REPORTLIB_ROOT": str(ROOT)}
    try:
        proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env,
                              timeout=limit)
        out, finished = proc.stdout, proc.returncode == 0
    except subprocess.TimeoutExpired as exc:
        out, finished = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or ""), False
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], finished


def measure_stages(label: str, raw: Path, mb: float, limit: float) -> list[dict]:
    rows, finished = _child("--child-stages", str(raw), limit=limit)
    for row in rows:
        row.update(input=label, mb=round(mb, 1), s_per_mb=round(row["seconds"] / mb, 3))
    done = {r["stage"] for r in rows}
    rows += [{"input": label, "mb": round(mb, 1), "stage": s, "seconds": None, "peak_rss_mb": None,
              "s_per_mb": None, "limit": limit} for s in ("parse", "indicators", "tokens") if s not in done]
    if not finished:
        print(f"{label}: stopped after {limit} s", file=sys.stderr)
    return rows


def run(lines: list[float], corpus: list[float], dask_mb: float | None) -> dict:
    results: dict = {"lines": [], "corpus": [], "dask": []}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in lines:
            folder = Path(tmp) / f"line{mb}"
            folder.mkdir()
            size = long_line_file(folder / "one_line.txt", mb)
            results["lines"] += measure_stages(f"one line, {mb:g} MB", folder, size / 1e6, LIMIT_S["lines"])
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
    return results


def _cell(value, limit: float = LIMIT_S["corpus"]) -> str:
    return f"> {limit:g} s (stopped)" if value is None else str(value)


def _blank(value) -> str:
    return "" if value is None else str(value)


def markdown(results: dict) -> str:
    head = ["| input | MB | stage | seconds | s/MB | peak RSS MB |", "| --- | ---: | --- | ---: | ---: | ---: |"]
    stage_rows = [f"| {r['input']} | {r['mb']} | {r['stage']} | {_cell(r['seconds'], r.get('limit', 0))} | "
                  f"{_blank(r['s_per_mb'])} | {_blank(r['peak_rss_mb'])} |"
                  for r in results["lines"] + results["corpus"]]
    lines = [BEGIN, "## Bounded time and past one machine (`bench_robust.py`)", "",
             "One-line files (a report's title, then its words without punctuation or line breaks) and"
             " corpora of relabelled development reports (place and years changed per copy, so none is a"
             " duplicate), each in a fresh process limited to"
             f" {LIMIT_S['lines']} s (lines) or {LIMIT_S['corpus']} s (corpora); parse = decode + segment + metadata +"
             " sections; tokens use a pool of up to 4 processes above 2 M characters.", "", *head, *stage_rows, ""]
    if results["dask"]:
        base = results["dask"][0]["seconds"]
        lines += ["Every corpus stage (`reportlib.study.distributed.corpus_tables`) on a Dask local cluster:", "",
                  "| workers | MB | files | seconds | speed-up | client peak RSS MB | worker peak RSS MB |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in results["dask"]:
            speed = f"{base / r['seconds']:.2f}" if base and r.get("seconds") else ""
            lines.append(f"| {r['workers']} | {r['mb']} | {r['files']} | {_cell(r.get('seconds'))} | {speed} |"
                         f" {r.get('peak_rss_mb', '')} | {r.get('worker_peak_rss_mb', '')} |")
        lines.append("")
    lines.append(f"Machine: {os.cpu_count()} cores (shared with other work while measured).")
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
    args = parser.parse_args()
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
