"""The corpus stages past one machine: each raw file read, segmented, dated, sectioned, measured
and tokenised by a Dask worker, then assembled exactly as the single-process path does.

Every per-document stage is a pure function of one raw file (:func:`file_stages`), so the files
can go to any worker in any order; :func:`corpus_tables` then drops duplicates and makes ids
unique in file order (as ``read_corpus`` does) and builds the tables, which are byte for byte
those of ``read_corpus`` + ``extract_indicators`` + ``tokenize_corpus``. Dask is an optional
extra (``pip install 'reportlib[dask]'``); without it, or for a small corpus, everything runs in
this process. With ``scheduler=ADDRESS`` the workers of a user's cluster read the files, which
must be at the same path there (a shared file system).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reportlib.io import write_table
from reportlib.measure.indicators import _table as indicator_table
from reportlib.measure.indicators import extract_document
from reportlib.parallel import LOCAL_CLUSTER_MB, dask_client, map_ordered
from reportlib.read.corpus import Corpus, FileDocs, assemble_corpus, read_file
from reportlib.read.sections import find_sections
from reportlib.read.sources import RawFileError, scan_raw_files
from reportlib.text.dictionary import corpus_dictionary
from reportlib.text.tokens import document_atoms, tokenize_corpus

log = logging.getLogger(__name__)

PART_ROWS = 500_000  # tables longer than this are written as partitioned Parquet, this many rows a part


@dataclass
class FileResult:
    """One raw file through every per-document stage: documents (with sections), and for each
    study document its indicator rows, keyed by the document's order in the file (tokens come
    later: they need the whole corpus's dictionary)."""

    docs: FileDocs
    indicators: dict[int, list[dict]] = field(default_factory=dict)


def file_stages(path: str) -> FileResult:
    """decode → segment → metadata → sections → indicators of one raw file (pure)."""
    docs = read_file(path)
    result = FileResult(docs)
    if isinstance(docs, RawFileError):
        return result
    for doc in docs[0]:
        doc.sections = find_sections(doc.doc_id, doc.text)  # relabelled if the id changes later
        if doc.in_study:
            result.indicators[doc.order] = [r.as_row() for r in extract_document(doc)]
    return result


@dataclass
class CorpusTables:
    """The corpus and its tables: documents, sections, skipped, indicators, tokens."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame]
    scheduler: str
    seconds: float


def dask_available() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def choose_scheduler(scheduler: str | None, files: list[Path]) -> str:
    """'none' (this process), 'local' (a local cluster) or a scheduler's address."""
    if scheduler:
        if scheduler != "none" and not dask_available():
            raise RuntimeError(f"--scheduler {scheduler} needs Dask: pip install 'reportlib[dask]'")
        return scheduler
    size = sum(p.stat().st_size for p in files if p.is_file())
    return "local" if dask_available() and size >= LOCAL_CLUSTER_MB * 1e6 else "none"


def _results(files: list[Path], scheduler: str, workers: int | None, client) -> Iterator[FileResult]:
    """Each file's result, in ``files`` order; on workers when a scheduler is given."""
    return map_ordered(file_stages, [str(p) for p in files], scheduler, workers, client=client)


def corpus_tables(*paths: str | Path, scheduler: str | None = None, workers: int | None = None,
                  unit: str = "document") -> CorpusTables:
    """Read ``paths`` and build the corpus tables, on Dask when asked or when the corpus is large.

    ``scheduler``: None (decide by size), 'none', 'local' or a Dask scheduler address.
    """
    started = time.perf_counter()
    files, problems = scan_raw_files(list(paths))
    chosen = choose_scheduler(scheduler, files)
    indicators: dict[tuple[str, int], list[dict]] = {}

    def docs_of(results: Iterator[FileResult]) -> Iterator[FileDocs]:
        for path, result in zip(files, results, strict=True):
            for order, rows in result.indicators.items():
                indicators[(path.name, order)] = rows
            yield result.docs

    # One client for both rounds of work on the cluster (the files, then the documents' tokens).
    with nullcontext() if chosen == "none" else dask_client(chosen, workers) as client:
        corpus = assemble_corpus(paths, files, problems, docs_of(_results(files, chosen, workers, client)))
        rows = []
        for doc in corpus.study_docs:  # the order extract_indicators reads them in
            rows += [{**r, "doc_id": doc.doc_id} for r in indicators[(doc.source, doc.order)]]
        # Tokens need the dictionary of the whole corpus (text.dictionary), known only once every
        # file is read: built here, then each document tokenised on the workers (the dictionary
        # sent to each worker once), or in a local pool when there is no cluster.
        atoms = None
        if client is not None:
            def on_workers(func, items, shared):  # the draft cut of each text, on the workers too
                return map_ordered(func, items, chosen, client=client, shared=shared)

            dictionary = corpus_dictionary(corpus, cache=False, map_docs=on_workers)
            docs = corpus.study_docs
            found = map_ordered(document_atoms, docs, chosen, client=client, shared={"dictionary": dictionary})
            atoms = {doc.doc_id: doc_atoms for doc, doc_atoms in zip(docs, found, strict=True)}
    tokens = tokenize_corpus(corpus, unit, cache=False, atoms=atoms)
    skipped = pd.DataFrame([(s.source, s.reason) for s in corpus.skipped], columns=["source", "reason"])
    tables = {"documents": corpus.documents, "sections": corpus.sections, "skipped": skipped,
              "indicators": indicator_table(rows), "tokens": tokens}
    return CorpusTables(corpus, tables, chosen, time.perf_counter() - started)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv",
                 part_rows: int = PART_ROWS) -> list[Path]:
    """Each table as ``NAME.csv`` or ``NAME.parquet`` (tokens always Parquet: they are lists); a
    table longer than ``part_rows`` as ``NAME/part-00000.parquet`` … in row order."""
    out = Path(out_dir)
    written = []
    for name, df in tables.items():
        if len(df) > part_rows:
            written += write_partitioned(df, out / name, part_rows)
        elif fmt == "parquet" or name == "tokens":
            written.append(write_table(df, out / f"{name}.parquet"))
        else:
            written.append(write_table(df, out / f"{name}.csv"))
    return written


def write_partitioned(df: pd.DataFrame, folder: Path, part_rows: int) -> list[Path]:
    """``df`` as numbered Parquet parts; ``pd.read_parquet(folder)`` reads them back in order."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    return [write_table(df.iloc[i:i + part_rows].reset_index(drop=True), folder / f"part-{i // part_rows:05d}.parquet")
            for i in range(0, len(df), part_rows)]
