"""Recall and precision of ``extract_indicators`` against the gold sets labelled by reading.

Run ``python benchmarks/accuracy.py [-v]`` (or ``make bench``). Three corpora, scored apart:

- ``seeds``: the study's raw files (``data/raw``) against ``tests/data/gold/indicators_seeds.csv``;
- ``provincial``: 8 provincial 2026 reports of ``../shared/corpus-dev/provincial-2026`` against
  ``indicators_provincial.csv`` (only the labelled files are judged);
- ``hailar``: the Hailar 2012-2015 reports against ``indicators_hailar.csv``.

The rules were developed on these texts: the scores are optimistic for reports of other places.
The gold sets are not exhaustive, so precision is measured on the keys they label:

- key: source, year, indicator, kind, measure, and the place where a raw file holds the reports of
  several places (the seeds); documents are read as the library reads them (place, year, type);
- a gold row is *recalled* when an extracted row of its key has the same value and value_high
  (within 1e-9, both empty for a worded target), qualifier and period;
- an extracted row of a labelled key is *correct* when it so matches some gold row of the key, and
  an error otherwise. Rows without a value are judged only against gold rows without one (a worded
  statement beside a number is another statement, not a wrong number).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
# ../shared/corpus-dev beside the checkout (a worktree sits one folder deeper)
DEV = next((p / "shared" / "corpus-dev" for p in (ROOT.parent, ROOT.parent.parent)
            if (p / "shared" / "corpus-dev").is_dir()), ROOT.parent / "shared" / "corpus-dev")
CORPORA = {  # name → (raw folder, gold file)
    "seeds": (ROOT / "data" / "raw", GOLD_DIR / "indicators_seeds.csv"),
    "provincial": (DEV / "provincial-2026", GOLD_DIR / "indicators_provincial.csv"),
    "hailar": (DEV / "hailar", GOLD_DIR / "indicators_hailar.csv"),
}
KEY = ["source", "place", "year", "indicator", "kind", "measure"]
TOLERANCE = 1e-9


@dataclass
class Score:
    """Counts of one file (or of a corpus) and the rates they give."""

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


def read_gold(path: Path = CORPORA["seeds"][1]) -> pd.DataFrame:
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
            and (row.qualifier or "") == (other.qualifier or "")
            and (row.period or "") == (other.period or ""))


def _has_value(row) -> bool:
    return not (row.value is None or (isinstance(row.value, float) and math.isnan(row.value)))


def _key(row) -> tuple:
    return tuple(getattr(row, k) for k in KEY)


def _extracted(extracted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The extracted rows of the gold's files, with the gold's place where a file has one place."""
    ext = extracted[extracted["source"].isin(set(gold["source"]))].copy()
    ext["year"] = ext["year"].astype(int)
    for col in ("qualifier", "period"):
        ext[col] = ext[col].fillna("") if col in ext else ""
    places = gold.groupby("source")["place"].agg(lambda s: sorted(set(s)))
    single = {src: p[0] for src, p in places.items() if len(p) == 1}
    own = ext["place"] if "place" in ext else ext["district"]
    ext["place"] = ext["source"].map(single).fillna(own.fillna(""))
    return ext


def score(extracted: pd.DataFrame, gold: pd.DataFrame) -> tuple[dict[str, Score], list[str]]:
    """Scores per source file and the list of misses and errors, one line each."""
    ext = _extracted(extracted, gold)
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
            got = [(e.value, e.value_high, e.qualifier, e.period) for e in by_key.get(_key(row), [])]
            notes.append(f"MISS  {row.source[:12]} {row.place} {row.year} {row.indicator} {row.kind}"
                         f" {row.measure} {row.value} {row.value_high} {row.qualifier!r} {row.period!r}"
                         f" | got {got} | {row.quote}")
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
                notes.append(f"ERROR {e.source[:12]} {e.place} {e.year} {e.indicator} {e.kind} {e.measure}"
                             f" {e.value} {e.value_high} {e.qualifier!r} {e.period!r} | gold "
                             f"{[(g.value, g.value_high, g.qualifier, g.period) for g in comparable]}"
                             f" | {e.quote}")
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


def extract(name: str) -> pd.DataFrame:
    """The indicator rows of one corpus (``seeds``, ``provincial``, ``hailar``)."""
    from reportlib import read_corpus
    from reportlib.measure.indicators import extract_indicators

    folder, _ = CORPORA[name]
    return extract_indicators(read_corpus(folder))


def main(argv: list[str]) -> int:
    print("Scores on the texts the rules were developed on (optimistic for other reports).")
    print(f"{'corpus':12} {'file':40} {'gold':>5} {'recall':>7} {'judged':>7} {'precision':>9}")
    for name, (folder, gold_path) in CORPORA.items():
        if not folder.is_dir():
            print(f"{name:12} (skipped: {folder} not present)")
            continue
        scores, notes = score(extract(name), read_gold(gold_path))
        if "-v" in argv:
            for line in sorted(notes):
                print(f"{name:12} {line}")
        for source in sorted(scores):
            s = scores[source]
            print(f"{name:12} {source[:40]:40} {s.gold:5d} {s.recall:7.3f} {s.judged:7d} {s.precision:9.3f}")
        t = total(scores)
        print(f"{name:12} {'overall':40} {t.gold:5d} {t.recall:7.3f} {t.judged:7d} {t.precision:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
