"""The corpus: every document found in the raw files, with sections and cleaned text.

``read_corpus("data/raw")`` is the entry point for notebooks and the CLI. A file that cannot
be read is reported in ``corpus.skipped`` with its reason; the other files are still read.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reportlib.read.metadata import read_metadata
from reportlib.read.normalize import clean_text
from reportlib.read.sections import find_sections
from reportlib.read.segment import split_chunks
from reportlib.read.sources import RawFileError, read_raw, scan_raw_files
from reportlib.records import DOCUMENT_COLUMNS, SECTION_COLUMNS, Document

log = logging.getLogger(__name__)
_NOT_TEXT = re.compile(r"\s+")


@dataclass
class Skipped:
    """A raw file or a document left out, and why."""

    source: str
    reason: str


@dataclass
class Corpus:
    """Documents of the raw files; ``documents`` and ``sections`` are the spec's tables."""

    docs: list[Document]
    skipped: list[Skipped] = field(default_factory=list)
    dropped_lines: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def documents(self) -> pd.DataFrame:
        df = pd.DataFrame([d.as_row() for d in self.docs], columns=DOCUMENT_COLUMNS)
        df["year"] = df["year"].astype("Int64")
        df["title_year"] = df["title_year"].astype("Int64")
        return df

    @property
    def sections(self) -> pd.DataFrame:
        rows = [s.as_row() for d in self.docs for s in d.sections]
        return pd.DataFrame(rows, columns=SECTION_COLUMNS)

    @property
    def study_docs(self) -> list[Document]:
        """District reports only: other articles never enter the study."""
        return [d for d in self.docs if d.in_study]

    def text(self, doc_id: str) -> str:
        """Cleaned text of one document."""
        return self.by_id[doc_id].text

    @property
    def by_id(self) -> dict[str, Document]:
        return {d.doc_id: d for d in self.docs}

    def summary(self) -> str:
        """One line of counts, e.g. '14 documents (12 reports, 2 other) from 5 files, …'."""
        n_other = sum(1 for d in self.docs if not d.in_study)
        return (f"{len(self.docs)} documents ({len(self.docs) - n_other} reports, {n_other} other)"
                f" from {len(self.files)} files; {len(self.skipped)} skipped;"
                f" {self.dropped_lines} boilerplate lines dropped")


def _doc_id(meta_slug: str, year: int | None, doc_type: str, source: str, order: int) -> str:
    if doc_type == "other":
        return f"other-{Path(source).stem}-{order}"
    return f"{meta_slug or 'unknown'}-{year or 'unknown'}-{doc_type}"


def documents_of_file(path: str | Path) -> tuple[list[Document], int]:
    """Documents of one raw file and the number of boilerplate lines dropped.

    Raises :class:`RawFileError` when the file holds no readable text or no article at all.
    """
    raw = read_raw(path)
    text = clean_text(raw.text)
    split = split_chunks(text)
    if not split.chunks:
        raise RawFileError(path, "no report or article found in the text")
    docs = []
    for order, chunk in enumerate(split.chunks):
        meta = read_metadata(chunk.title, chunk.text, ended_by_mark=chunk.ended_by_mark)
        warnings = list(meta.warnings)
        if raw.guessed:
            warnings.append(f"encoding_guessed:{raw.encoding}")
        docs.append(Document(
            doc_id=_doc_id(meta.district_slug, meta.year, meta.doc_type, raw.source, order),
            source=raw.source, text=chunk.text, doc_type=meta.doc_type,
            district=meta.district, district_slug=meta.district_slug, year=meta.year,
            title_year=meta.title_year, title=chunk.title, meeting_date=meta.meeting_date,
            speaker=meta.speaker, speaker_title=meta.speaker_title, session=meta.session,
            warnings=warnings, order=order,
        ))
    return docs, split.dropped_lines


def _shown(path: Path, roots: tuple[str | Path, ...]) -> str:
    """``path`` relative to the folder it was found under (the same on every machine)."""
    for root in map(Path, roots):
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return path.name


def _fingerprint(text: str) -> str:
    return hashlib.sha1(_NOT_TEXT.sub("", text).encode("utf-8")).hexdigest()


def read_corpus(*paths: str | Path) -> Corpus:
    """Read every raw file under ``paths`` (files or folders; default: the project's data/raw).

    >>> corpus = read_corpus("data/raw")  # doctest: +SKIP
    >>> corpus.documents[["doc_id", "district", "year", "doc_type"]]  # doctest: +SKIP
    """
    if not paths:
        from reportlib.paths import project_paths
        paths = (project_paths().raw,)
    files, problems = scan_raw_files(list(paths))
    corpus = Corpus(docs=[], files=[f.name for f in files])
    for path, reason in problems:  # unreadable folders, link loops, FIFOs: one line each
        log.warning("skipped %s: %s", path, reason)
        corpus.skipped.append(Skipped(_shown(path, paths), reason))
    seen: dict[str, str] = {}
    taken: set[str] = set()
    for path in files:
        try:
            docs, dropped = documents_of_file(path)
        except RawFileError as exc:
            log.warning("skipped %s", exc)
            corpus.skipped.append(Skipped(Path(path).name, exc.reason))
            continue
        corpus.dropped_lines += dropped
        if not any(d.in_study for d in docs):
            corpus.skipped.append(Skipped(Path(path).name, f"no district report in file ({len(docs)} other "
                                          "article(s) kept as doc_type=other)"))
        for doc in docs:
            fp = _fingerprint(doc.text)
            if fp in seen:
                corpus.skipped.append(Skipped(doc.source, f"duplicate of {seen[fp]}"))
                log.warning("%s: document %d is a duplicate of %s", doc.source, doc.order,
                            seen[fp])
                continue
            base, n = doc.doc_id, 2
            while doc.doc_id in taken:
                doc.doc_id, n = f"{base}-{n}", n + 1
            taken.add(doc.doc_id)
            seen[fp] = doc.doc_id
            doc.sections = find_sections(doc.doc_id, doc.text)
            corpus.docs.append(doc)
    corpus.docs.sort(key=lambda d: (d.source, d.order))
    log.info("%s", corpus.summary())
    return corpus
