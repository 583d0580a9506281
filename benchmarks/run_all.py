"""Every benchmark in turn → ``benchmarks/RESULTS.md`` (``make bench``), with the machine it ran on.

Runs the indicator accuracy, the scale benchmark (×1, ×10, ×50) and the study benchmark, one
after the other so they do not compete for the cores, then writes the results and whether each
goal is met:

- the cold study ≤ 1.5 × the papermill floor;
- a no-op re-run ≤ 2 s;
- ×50 in linear time (seconds per MB at ×50 within 1.5 × that at ×10, every stage) with peak
  memory ≤ 4 GB.

The section of ``bench_robust.py`` (long lines, a 100 MB corpus, Dask; ~30 min) is kept as it
was last measured: run that script on its own to renew it.

    python benchmarks/run_all.py [--sizes 1 10 50] [--jobs N] [--out benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import bench_robust
import bench_scale
import bench_study

from reportlib.io import write_text

log = logging.getLogger("bench")

HERE = Path(__file__).resolve().parent
STUDY_RATIO_GOAL = 1.5
NOOP_GOAL_S = 2.0
LINEAR_SLACK = 1.5  # s/MB at the largest size may be this much above that at the middle size
PEAK_GOAL_MB = 4096


def machine() -> str:
    """CPU model, cores, RAM, Python, OS and date, one line each."""
    cpu = platform.processor() or "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        ram = f"{kb / 1024 ** 2:.1f} GB"
    except (OSError, StopIteration):
        ram = "unknown"
    return "\n".join([f"- CPU: {cpu}, {os.cpu_count()} cores", f"- RAM: {ram}",
                      f"- Python {platform.python_version()} on {platform.platform()}",
                      f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"])


def accuracy() -> str:
    proc = subprocess.run([sys.executable, str(HERE / "accuracy.py")], capture_output=True, text=True)
    return proc.stdout.strip() or proc.stderr.strip()


def scale_goals(rows: list[dict]) -> list[tuple[str, bool, str]]:
    """Linear time (largest vs middle size, per stage) and peak memory at the largest size."""
    sizes = list(dict.fromkeys(r["size"] for r in rows))
    big, mid = sizes[-1], sizes[-2] if len(sizes) > 1 else sizes[-1]
    per_mb = {(r["size"], r["stage"]): r["seconds"] / r["mb"] for r in rows}
    ratios = {stage: per_mb[(big, stage)] / max(per_mb[(mid, stage)], 1e-9)
              for size, stage in per_mb if size == big}
    worst = max(ratios, key=ratios.get)
    peak = max(r["peak_rss_mb"] for r in rows if r["size"] == big)
    detail = ", ".join(f"{s} {v:.2f}" for s, v in ratios.items())
    return [(f"{big} in linear time (s/MB {big} ÷ s/MB {mid} ≤ {LINEAR_SLACK})", ratios[worst] <= LINEAR_SLACK,
             detail),
            (f"{big} peak memory ≤ {PEAK_GOAL_MB / 1024:.0f} GB", peak <= PEAK_GOAL_MB, f"{peak:.0f} MB")]


def study_goals(result: dict) -> list[tuple[str, bool, str]]:
    runs = result["runs"]
    ratio = runs["cold"]["seconds"] / runs["floor"]["seconds"]
    noop = runs["no-op"]["seconds"]
    return [(f"cold study ≤ {STUDY_RATIO_GOAL} × floor", ratio <= STUDY_RATIO_GOAL,
             f"{runs['cold']['seconds']} s / {runs['floor']['seconds']} s = {ratio:.2f}"),
            (f"no-op re-run ≤ {NOOP_GOAL_S:.0f} s", noop <= NOOP_GOAL_S, f"{noop} s")]


def study_note(result: dict) -> str:
    """Where the cold study's time goes, next to the floor: the slowest notebook and cell, and
    the critical path no number of cores can shorten."""
    runs, durations = result["runs"], result["durations"]
    floor = runs["floor"]["seconds"]
    chain, chain_s, ideal = bench_study.schedule(durations, result["jobs"])
    slowest = max(durations, key=durations.get)
    cell = result["slowest cells"][0] if result["slowest cells"] else None
    lines = [f"- The floor is {floor} s; the goal allows {STUDY_RATIO_GOAL * floor:.1f} s.",
             f"- The critical path {' → '.join(chain)} alone takes {chain_s} s"
             f" ({chain_s / floor:.1f} × the floor); with {result['jobs']} slots the notebooks need {ideal} s.",
             f"- The slowest notebook is {slowest} ({durations[slowest]} s)"
             + (f"; the slowest cell is {cell['notebook']} cell {cell['cell']} ({cell['seconds']} s):"
                f" `{cell['code']}`." if cell else ".")]
    return "\n".join(lines)


def report(machine_text: str, accuracy_text: str, scale_rows: list[dict], study: dict) -> str:
    goals = study_goals(study) + scale_goals(scale_rows)
    goal_lines = ["| goal | met | measured |", "| --- | --- | --- |"]
    goal_lines += [f"| {name} | {'yes' if ok else '**no**'} | {detail} |" for name, ok, detail in goals]
    return "\n".join([
        "# Benchmark results", "",
        "Regenerated by `make bench` (`python benchmarks/run_all.py`); do not edit by hand.", "",
        "## Machine", "", machine_text, "",
        "## Goals", "", *goal_lines, "", study_note(study), "",
        "## Study (`bench_study.py`)", "",
        "Wall time of `python -m reportlib study` in a child process, in a temporary project (empty"
        " caches). The floor is the same runner on trivial copies of the notebooks (parameters cell and"
        " `import reportlib`), same kernel, districts and `--jobs`.", "",
        bench_study.markdown(study), "",
        "## Scale (`bench_scale.py`)", "",
        "The raw corpus copied ×N with years relabelled; each size in a fresh process; peak RSS is the"
        " process's maximum so far.", "",
        bench_scale.markdown(scale_rows), "", bench_scale.linearity(scale_rows), "",
        "## Indicator accuracy (`accuracy.py`)", "", "```", accuracy_text, "```", "",
        bench_robust.kept_section() or "(`bench_robust.py` not run yet: one-line files, 100 MB corpus, Dask)", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    log.info("accuracy")
    accuracy_text = accuracy()
    log.info("scale %s", args.sizes)
    scale_rows = [row for copies in args.sizes for row in bench_scale.measure(copies, args.passes)]
    log.info("study, --jobs %d", args.jobs)
    study = bench_study.measure(args.jobs)
    text = report(machine(), accuracy_text, scale_rows, study)
    write_text(args.out, text)
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
