"""The study's wall time: cold, no-op re-run, one raw file changed, and the papermill floor.

Everything runs in a temporary folder: a copy of ``data/raw``, a fresh outputs folder and a
fresh project root (``REPORTLIB_ROOT``), so the corpus and token caches start empty and the
project's own ``outputs/`` is never touched. Every run is ``python -m reportlib study`` in a
child process, timed from outside:

- cold: the full study, nothing cached;
- no-op: the same command again (nothing changed, nothing should run);
- one file changed: a harmless line appended to one raw file, then the same command;
- floor: the same runner on a notebooks folder whose notebooks are trivial (the parameters
  cell and ``import reportlib``), with the same stages, districts, kernel and ``--jobs``: what
  papermill, the kernels and the page export cost before any analysis.

Prints a markdown table, the ratio study / floor, each notebook's duration (from its
``metadata.papermill.duration``) and the slowest cells (papermill times every cell).

    python benchmarks/bench_study.py [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
NOTEBOOKS = ROOT / "notebooks"
HARMLESS = "\n全区新增就业岗位1万个。\n"  # appended to one raw file: a new hash, the same reports


def trivial_notebooks(folder: Path) -> Path:
    """A copy of every study notebook reduced to its parameters cell and ``import reportlib``."""
    folder.mkdir(parents=True)
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        nb.cells = [params, nbformat.v4.new_code_cell("import reportlib")]
        nbformat.write(nb, folder / path.name)
    return folder


def run_study(root: Path, raw: Path, out: Path, jobs: int, notebooks: Path = NOTEBOOKS) -> dict:
    """One ``reportlib study`` in a child process: wall seconds, exit status, its summary line, and
    why its notebooks ran (from a ``--dry-run`` just before; an edit of the library mid-benchmark
    shows up here)."""
    env = {**os.environ, "REPORTLIB_ROOT": str(root)}
    env.pop("REPORTLIB_OUTPUTS", None)
    cmd = [sys.executable, "-m", "reportlib", "study", "--raw-dir", str(raw), "--out-dir", str(out),
           "--notebooks-dir", str(notebooks), "--jobs", str(jobs)]
    planned = subprocess.run([*cmd, "--dry-run"], cwd=root, env=env, capture_output=True, text=True)
    reasons = Counter(line.split("\t", 1)[-1] for line in planned.stdout.splitlines() if line.strip())
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    summary = proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else proc.stderr.strip()[-300:]
    return {"seconds": round(seconds, 2), "status": proc.returncode, "summary": summary,
            "why": "; ".join(f"{n} × {why}" for why, n in reasons.items()) or "nothing to run"}


def durations(out: Path) -> dict[str, float]:
    """Seconds papermill spent on each executed notebook of ``out``."""
    found = {}
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = round(nb.get("metadata", {}).get("papermill", {}).get("duration") or 0.0, 2)
    return found


def slowest_cells(out: Path, top: int = 12) -> list[dict]:
    """The ``top`` slowest code cells of the executed notebooks (papermill's per-cell duration)."""
    cells = []
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb.get("cells", [])):
            seconds = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell.get("cell_type") == "code" and seconds:
                source = "".join(cell.get("source", ""))
                first = next((line for line in source.splitlines() if line.strip()
                              and not line.lstrip().startswith("#")), "")
                cells.append({"notebook": path.stem, "cell": i, "seconds": round(seconds, 2),
                              "code": first.strip()[:80]})
    return sorted(cells, key=lambda c: -c["seconds"])[:top]


def schedule(durations: dict[str, float], jobs: int) -> tuple[list[str], float, float]:
    """The chain of notebooks that must run one after another (each stage as long as its slowest
    job) with its seconds, and the time the study's scheduler would take with these durations and
    ``jobs`` slots and no overhead (a job starts, in run order, once its upstream jobs are done)."""
    from reportlib.study.runner import STAGES

    def stage_of(name: str) -> str:
        return name.split("-", 1)[0]

    after = {st.name: st.after for st in STAGES}
    best: dict[str, tuple[float, list[str]]] = {}
    for st in STAGES:  # in dependency order
        before = max((best[a] for a in st.after), default=(0.0, []))
        slowest = max((s for n, s in durations.items() if stage_of(n) == st.name), default=0.0)
        best[st.name] = (before[0] + slowest, [*before[1], st.name])
    chain_s, chain = max(best.values())
    pending, done, slots = list(durations), {}, [0.0] * jobs
    while pending:  # list scheduling, as study._run_jobs does
        ready = {n: max((done[u] for u in done if stage_of(u) in after[stage_of(n)]), default=0.0)
                 for n in pending if all(u in done for u in durations if stage_of(u) in after[stage_of(n)])}
        name = min(ready, key=lambda n: (max(ready[n], min(slots)), pending.index(n)))
        slot = slots.index(min(slots))
        done[name] = max(ready[name], slots[slot]) + durations[name]
        slots[slot] = done[name]
        pending.remove(name)
    return chain, round(chain_s, 1), round(max(done.values()), 1)


def measure(jobs: int) -> dict:
    """All four runs in one temporary folder; returns their numbers."""
    with tempfile.TemporaryDirectory(prefix="bench_study_") as tmp:
        tmp = Path(tmp)
        root, raw = tmp / "root", tmp / "raw"
        root.mkdir()
        shutil.copytree(RAW, raw)
        floor_nbs = trivial_notebooks(tmp / "trivial")
        runs = {}
        runs["floor"] = run_study(root, raw, tmp / "floor", jobs, floor_nbs)
        runs["cold"] = run_study(root, raw, tmp / "out", jobs)
        cold_durations, cold_cells = durations(tmp / "out"), slowest_cells(tmp / "out")
        runs["no-op"] = run_study(root, raw, tmp / "out", jobs)
        changed = sorted(raw.glob("*.txt"))[0]
        with open(changed, "a", encoding="utf-8") as fh:
            fh.write(HARMLESS)
        runs["one file changed"] = run_study(root, raw, tmp / "out", jobs)
        return {"jobs": jobs, "runs": runs, "notebooks": len(cold_durations),
                "durations": cold_durations, "slowest cells": cold_cells, "floor durations": durations(tmp / "floor"),
                "changed file": changed.name}


def markdown(result: dict) -> str:
    """The runs as a table, the ratio study / floor, and each notebook's duration."""
    runs = result["runs"]
    lines = [f"{result['notebooks']} notebooks, --jobs {result['jobs']}", "",
             "| run | seconds | exit | summary | why notebooks ran |", "| --- | ---: | ---: | --- | --- |"]
    lines += [f"| {name} | {r['seconds']} | {r['status']} | {r['summary']} | {r['why']} |"
              for name, r in runs.items()]
    ratio = runs["cold"]["seconds"] / runs["floor"]["seconds"]
    lines += ["", f"ratio cold study / floor: {ratio:.2f}", "",
              "| notebook | study s | floor s |", "| --- | ---: | ---: |"]
    floor = result["floor durations"]
    lines += [f"| {name} | {s} | {floor.get(name, '')} |" for name, s in result["durations"].items()]
    lines.append(f"| sum | {sum(result['durations'].values()):.1f} | {sum(floor.values()):.1f} |")
    chain, chain_s, ideal = schedule(result["durations"], result["jobs"])
    lines += ["", f"Critical path of the cold run: {' → '.join(chain)} = {chain_s} s. These notebook"
              f" durations scheduled on {result['jobs']} slots with no overhead take {ideal} s, against"
              f" {runs['cold']['seconds']} s measured (the rest: runner start, planning, kernel start-up"
              " outside papermill's clock, page export)."]
    lines += ["", "Slowest cells of the cold run:", "", "| notebook | cell | seconds | code |",
              "| --- | ---: | ---: | --- |"]
    lines += [f"| {c['notebook']} | {c['cell']} | {c['seconds']} | `{c['code'].replace('|', '/')}` |"
              for c in result["slowest cells"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON instead")
    args = parser.parse_args()
    result = measure(args.jobs)
    print(json.dumps(result) if args.json else markdown(result))


if __name__ == "__main__":
    main()
