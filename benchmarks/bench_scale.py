"""Scale: the corpus ×1, ×10, ×50 through parsing, indicators, tokens and one topic model.

Copies of the raw files are relabelled as other years (every year in the text shifted back by
the copy's number), so they are new reports, not duplicates. Each size runs in a fresh process;
time and peak RSS are taken after every stage. Prints a markdown table (and returns its rows).

    python benchmarks/bench_scale.py [--sizes 1 10 50] [--passes 5]
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
RAW = ROOT / "data" / "raw"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")


def make_corpus(target: Path, copies: int) -> int:
    """Write ``copies`` relabelled copies of every raw file into ``target``; return bytes written."""
    total = 0
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for k in range(copies):
            shifted = YEAR.sub(lambda m, k=k: str(int(m.group(1)) - k), text) if k else text
            out = target / f"{path.stem}_x{k:03d}.txt"
            out.write_text(shifted, encoding="utf-8")
            total += out.stat().st_size
    return total


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stages(raw_dir: str, passes: int) -> list[dict]:
    """All stages in this process, timing each; called in a child process per size."""
    from reportlib import read_corpus
    from reportlib.measure.indicators import extract_indicators
    from reportlib.text.tokens import tokenize_corpus
    from reportlib.text.topics import TopicModel

    rows = []

    def stage(name, func):
        t0 = time.perf_counter()
        result = func()
        rows.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2),
                     "peak_rss_mb": round(_peak_mb(), 1)})
        return result

    corpus = stage("parse", lambda: read_corpus(raw_dir))
    rows[-1]["documents"] = len(corpus.study_docs)
    stage("indicators", lambda: extract_indicators(corpus))
    tokens = stage("tokens", lambda: tokenize_corpus(corpus, unit="paragraph", cache=False))
    rows[-1]["units"] = len(tokens)
    stage("topics (1 LDA, K=10)", lambda: TopicModel(n_topics=10, passes=passes, random_state=7,
                                                      coherence=False).fit(tokens))
    return rows


def measure(copies: int, passes: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        size = make_corpus(raw, copies)
        env = {**os.environ, "REPORTLIB_ROOT": str(ROOT)}
        out = subprocess.run([sys.executable, __file__, "--child", str(raw), "--passes", str(passes)],
                             capture_output=True, text=True, check=True, env=env)
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    for row in rows:
        row.update(size=f"×{copies}", mb=round(size / 1e6, 1))
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| size | raw MB | stage | seconds | peak RSS MB |", "| --- | ---: | --- | ---: | ---: |"]
    lines += [f"| {r['size']} | {r['mb']} | {r['stage']} | {r['seconds']} | {r['peak_rss_mb']} |" for r in rows]
    return "\n".join(lines)


def linearity(rows: list[dict]) -> str:
    """Seconds per raw MB of each stage at each size: flat when the cost grows linearly."""
    out = []
    for stage in dict.fromkeys(r["stage"] for r in rows):
        per_mb = [f"{r['size']}: {r['seconds'] / r['mb']:.2f}" for r in rows if r["stage"] == stage]
        out.append(f"- {stage}: s/MB {', '.join(per_mb)}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_stages(args.child, args.passes)))
        return
    rows = [row for copies in args.sizes for row in measure(copies, args.passes)]
    print(markdown(rows))
    print()
    print(linearity(rows))


if __name__ == "__main__":
    main()
