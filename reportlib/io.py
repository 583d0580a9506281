"""Atomic writes: a reader never sees a half-written table, notebook or page."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from reportlib import schema


@contextmanager
def atomic_path(target: str | Path, *, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success only."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are for sharing
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(target: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_table(df: pd.DataFrame, target: str | Path, *, table: str | None = None) -> Path:
    """Write ``df`` as CSV (UTF-8, no index) or Parquet, by the suffix, atomically.

    A table declared in ``reportlib/data/fields.csv`` (``table``, else the file's stem) is
    conformed to it first: declared columns in order, with their types.
    """
    target = Path(target)
    df = schema.conform(df, table or target.stem)
    with atomic_path(target) as tmp:
        if target.suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_csv(tmp, index=False, lineterminator="\n")
    return target
