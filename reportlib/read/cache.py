"""The parsed corpus, pickled once and shared by every notebook of the study.

Parsing the raw files takes a second or so; six notebooks and one per district would each pay
it. ``load_corpus`` keys the pickle by the raw files' content hashes, the library's source and
its data files, so any change to the data or the parser parses again and nothing stale is read.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path

from reportlib.io import write_bytes
from reportlib.parallel import choose_scheduler, map_ordered
from reportlib.paths import PACKAGE_DATA, project_paths
from reportlib.read.corpus import Corpus, assemble_corpus, read_corpus, read_file_sectioned
from reportlib.read.sources import list_raw_files, scan_raw_files

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent  # reportlib/: every stage's source counts
KEEP_PICKLES = 8  # corpus pickles kept in the cache folder (one per raw folder × library version)


def file_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree_hash(files: list[tuple[str, Path]]) -> str:
    """One hash over (name, content hash) pairs: renaming a file changes it too."""
    digest = hashlib.sha256()
    for name, path in sorted(files):
        try:
            content = file_hash(path)
        except OSError as exc:  # unreadable: read_corpus skips it with its message; hash the reason
            log.warning("cannot hash %s: %s", path, exc.strerror or exc)
            content = f"unreadable:{exc.errno}"
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()


def raw_dir_of(raw_dir: str | Path | None = None) -> Path:
    """The raw folder to read: ``raw_dir`` or the project's ``data/raw``."""
    return Path(raw_dir).resolve() if raw_dir else project_paths().raw


def raw_hash(raw_dir: str | Path | None = None) -> str:
    """Hash of the raw files ``read_corpus`` would read (names and bytes)."""
    folder = raw_dir_of(raw_dir)
    files = list_raw_files([folder])
    return _tree_hash([(str(p.relative_to(folder)) if p.is_relative_to(folder) else p.name, p)
                       for p in files])


def library_hash() -> str:
    """Hash of the library's Python source (every ``reportlib/**/*.py``)."""
    return _tree_hash([(str(p.relative_to(PACKAGE)), p) for p in PACKAGE.rglob("*.py")
                       if "__pycache__" not in p.parts])


def data_files_hash() -> str:
    """Hash of the knowledge kept as data: every file under ``reportlib/data``."""
    return _tree_hash([(str(p.relative_to(PACKAGE_DATA)), p) for p in PACKAGE_DATA.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts])


def corpus_key(raw_dir: str | Path | None = None) -> str:
    """What the parsed corpus depends on: raw files, library source and data files."""
    parts = f"{raw_hash(raw_dir)}:{library_hash()}:{data_files_hash()}"
    return hashlib.sha256(parts.encode()).hexdigest()


def _prune(folder: Path, keep: Path) -> None:
    """Drop the oldest corpus pickles beyond ``KEEP_PICKLES``."""
    pickles = sorted(folder.glob("corpus-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in pickles if p != keep][KEEP_PICKLES - 1:]:
        old.unlink(missing_ok=True)


def _parse(folder: Path, scheduler: str | None, workers: int | None) -> Corpus:
    """``read_corpus(folder)``, its files read on Dask workers when the corpus is large
    (:func:`reportlib.parallel.choose_scheduler`): the same corpus either way."""
    files, problems = scan_raw_files([folder])
    chosen = choose_scheduler(scheduler, sum(p.stat().st_size for p in files if p.is_file()))
    if chosen == "none":
        return read_corpus(folder)
    log.info("reading %d raw files on Dask (%s)", len(files), chosen)
    return assemble_corpus((folder,), files, problems, map_ordered(read_file_sectioned, files, chosen, workers))


def load_corpus(raw_dir: str | Path | None = None, *, scheduler: str | None = None,
                workers: int | None = None) -> Corpus:
    """The corpus of ``raw_dir`` (default: data/raw), from the cache when nothing changed.

    Parsed on a Dask cluster when large or asked (``scheduler``, ``workers``: see
    :mod:`reportlib.parallel`); the corpus, and so the cache, is the same either way.

    >>> corpus = load_corpus()  # doctest: +SKIP
    >>> corpus.summary()  # doctest: +SKIP
    '14 documents (12 reports, 2 other) from 5 files; 0 skipped; …'
    """
    folder = raw_dir_of(raw_dir)
    cache_dir = project_paths().cache
    target = cache_dir / f"corpus-{corpus_key(folder)[:20]}.pkl"
    if target.is_file():
        try:
            with open(target, "rb") as fh:
                corpus = pickle.load(fh)
            log.info("corpus from cache %s: %s", target.name, corpus.summary())
            return corpus
        except Exception as exc:  # a pickle of another Python or a damaged file: parse again
            log.warning("cannot read cached corpus %s (%s); parsing again", target.name, exc)
    corpus = _parse(folder, scheduler, workers)
    write_bytes(target, pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(cache_dir, target)
    log.info("corpus parsed and cached as %s", target.name)
    return corpus
