"""Recall and precision of ``extract_indicators`` against the hand-labelled gold set.

Run ``python benchmarks/accuracy.py`` (or ``make bench``). The gold set
(``tests/data/indicators_gold.csv``) was labelled by people reading the raw reports; it is not
exhaustive, so precision is measured on the keys it labels:

- key: source, district, year, indicator, kind, measure (``district`` tells apart the reports
  of one raw file);
- a gold row is *recalled* when an extracted row of its key has the same value and value_high
  (within 1e-9, both empty for a worded target) and the same qualifier;
- an extracted row whose key is labelled is *correct* when it so matches some gold row of the
  key, and a precision error otherwise: a wrong value, range end or qualifier all count. A
  qualifier mismatch is an error because it changes whether a target was met (6%以上 ≠ 6%).
  Rows without a value (worded targets) are judged only against gold rows without a value,
  and rows with a value only against gold rows with one: a worded statement beside a number is
  another statement, not a wrong number;
- extracted rows of keys the gold set does not label are not judged.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "indicators_gold.csv"
KEY = ["source", "district", "year", "indicator", "kind", "measure"]
TOLERANCE = 1e-9


@dataclass
class Score:
    """Counts of one file (or of all files) and the rates they give."""

    gold: int = 0
    recalled: int = 0
    judged: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else float("nan")


def read_gold(path: Path = GOLD) -> pd.DataFrame:
    """The gold rows with numbers as floats and empty strings for missing text."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold["year"] = gold["year"].astype(int)
    for col in ("value", "value_high"):
        gold[col] = pd.to_numeric(gold[col].replace("", None), errors="coerce")
    return gold


def _same(a: float, b: float) -> bool:
    a_nan = a is None or (isinstance(a, float) and math.isnan(a))
    b_nan = b is None or (isinstance(b, float) and math.isnan(b))
    if a_nan or b_nan:
        return a_nan and b_nan
    return abs(float(a) - float(b)) <= TOLERANCE


def _matches(row, other) -> bool:
    return (_same(row.value, other.value) and _same(row.value_high, other.value_high)
            and (row.qualifier or "") == (other.qualifier or ""))


def _has_value(row) -> bool:
    return not (row.value is None or (isinstance(row.value, float) and math.isnan(row.value)))


def _key(row) -> tuple:
    return tuple(getattr(row, k) for k in KEY)


def score(extracted: pd.DataFrame, gold: pd.DataFrame) -> tuple[dict[str, Score], list[str]]:
    """Scores per source file and the list of misses and errors, one line each."""
    ext = extracted.copy()
    ext["year"] = ext["year"].astype(int)
    ext["qualifier"] = ext["qualifier"].fillna("")
    by_key: dict[tuple, list] = {}
    for row in ext.itertuples(index=False):
        by_key.setdefault(_key(row), []).append(row)
    gold_by_key: dict[tuple, list] = {}
    for row in gold.itertuples(index=False):
        gold_by_key.setdefault(_key(row), []).append(row)
    scores: dict[str, Score] = {}
    notes = []
    for row in gold.itertuples(index=False):
        s = scores.setdefault(row.source, Score())
        s.gold += 1
        if any(_matches(row, e) for e in by_key.get(_key(row), [])):
            s.recalled += 1
        else:
            got = [(e.value, e.value_high, e.qualifier) for e in by_key.get(_key(row), [])]
            notes.append(f"MISS  {row.district} {row.year} {row.indicator} {row.kind} {row.measure}"
                         f" {row.value} {row.value_high} {row.qualifier!r} | got {got} | {row.quote}")
    for key, rows in by_key.items():
        labelled = gold_by_key.get(key)
        if not labelled:
            continue
        for e in rows:
            comparable = [g for g in labelled if _has_value(g) == _has_value(e)]
            if not comparable:
                continue
            s = scores.setdefault(e.source, Score())
            s.judged += 1
            if any(_matches(g, e) for g in comparable):
                s.correct += 1
            else:
                notes.append(f"ERROR {e.district} {e.year} {e.indicator} {e.kind} {e.measure}"
                             f" {e.value} {e.value_high} {e.qualifier!r} | gold "
                             f"{[(g.value, g.value_high, g.qualifier) for g in comparable]} | {e.quote}")
    return scores, notes


def total(scores: dict[str, Score]) -> Score:
    """The scores of all files together."""
    out = Score()
    for s in scores.values():
        out.gold += s.gold
        out.recalled += s.recalled
        out.judged += s.judged
        out.correct += s.correct
    return out


def main(argv: list[str]) -> int:
    from reportlib import read_corpus
    from reportlib.measure.indicators import extract_indicators

    corpus = read_corpus(ROOT / "data" / "raw")
    extracted = extract_indicators(corpus)
    scores, notes = score(extracted, read_gold())
    if "-v" in argv:
        for line in sorted(notes):
            print(line)
    print(f"{'file':28} {'gold':>5} {'recall':>7} {'judged':>7} {'precision':>9}")
    for source in sorted(scores):
        s = scores[source]
        print(f"{source:28} {s.gold:5d} {s.recall:7.3f} {s.judged:7d} {s.precision:9.3f}")
    t = total(scores)
    print(f"{'overall':28} {t.gold:5d} {t.recall:7.3f} {t.judged:7d} {t.precision:9.3f}")
    print(f"{len(extracted)} rows extracted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
