"""Linear time on one long line: ``reportlib indicators`` on a report without punctuation.

A report's text with its sentence and clause marks removed and repeated to 0.3, 1, 3 and 10 MB,
written as one line (the worst case for a reader that works sentence by sentence). Each size runs
``reportlib indicators`` in a fresh process; the seconds per MB should stay flat.

    python benchmarks/bench_long_line.py [--sizes 0.3 1 3 10]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "002_0cb2a038c8fac1b0.txt"
MARKS = re.compile(r"[,，。;；:：!！?？、\s]")


def make_line(path: Path, megabytes: float) -> int:
    """Write one line of about ``megabytes`` MB of report text without punctuation."""
    text = MARKS.sub("", SEED.read_text(encoding="utf-8"))
    size = int(megabytes * 1_000_000)
    reps = size // len(text.encode("utf-8")) + 1
    data = (text * reps).encode("utf-8")[:size].decode("utf-8", errors="ignore")
    path.write_text(data + "\n", encoding="utf-8")
    return path.stat().st_size


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=float, default=[0.3, 1, 3, 10])
    args = parser.parse_args(argv)
    exe = Path(sys.executable).parent / "reportlib"
    print("| MB | seconds | s/MB | rows |\n| ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"line_{mb}.txt"
            size = make_line(path, mb)
            t0 = time.perf_counter()
            out = subprocess.run([str(exe), "indicators", str(path)], capture_output=True, text=True,
                                 check=True).stdout
            sec = time.perf_counter() - t0
            print(f"| {size / 1e6:.1f} | {sec:.1f} | {sec / (size / 1e6):.2f} | {out.count(chr(10)) - 1} |")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
