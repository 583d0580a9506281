"""The corpus: every document found in the raw files, with sections and cleaned text.

``read_corpus("data/raw")`` is the entry point for notebooks and the CLI. A file that cannot
be read is reported in ``corpus.skipped`` with its reason; the other files are still read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from reportlib.read.metadata import Metadata, left_out_reason, read_metadata
from reportlib.read.normalize import clean_text, join_soft_breaks
from reportlib.read.places import Place, lookup, slug_of, unique_slugs
from reportlib.read.sections import find_sections
from reportlib.read.segment import split_chunks
from reportlib.read.sources import RawFileError, read_raw, scan_raw_files
from reportlib.read.wrappers import unwrap
from reportlib.records import DOCUMENT_COLUMNS, SECTION_COLUMNS, Document

log = logging.getLogger(__name__)


LEFT_OUT_COLUMNS = ["doc_id", "source", "doc_type", "reason", "evidence"]


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
        """Reports of a known place only: other articles and placeless texts never enter the study."""
        return [d for d in self.docs if d.in_study]

    @property
    def left_out(self) -> pd.DataFrame:
        """Documents kept out of the study, with the reason (doc_id, source, doc_type, reason)."""
        rows = []
        for d in self.docs:
            if d.in_study:
                continue
            evidence = next((w.split(":", 1)[1] for w in d.warnings if w.startswith("place_unknown:")), "")
            reason = left_out_reason(d.doc_type, evidence)
            rows.append({"doc_id": d.doc_id, "source": d.source, "doc_type": d.doc_type, "reason": reason,
                         "evidence": evidence})
        return pd.DataFrame(rows, columns=LEFT_OUT_COLUMNS)

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


def _place_columns(place: Place | None, slug: str) -> dict[str, str]:
    if place is None:
        return {}
    return {"place": place.name, "place_level": place.level, "adcode": place.adcode,
            "province": place.province, "prefecture": place.prefecture,
            "district": place.name if place.level == "county" else "", "district_slug": slug}


def _document(raw_source: str, chunk, meta: Metadata, fields: dict[str, str], order: int,
              warnings: list[str]) -> Document:
    slug = slug_of(meta.place) if meta.place else ""
    return Document(
        doc_id=_doc_id(slug, meta.year, meta.doc_type, raw_source, order),
        source=raw_source, text=chunk.text, doc_type=meta.doc_type, **_place_columns(meta.place, slug),
        source_url=fields.get("source_url", ""), publish_date=fields.get("publish_date", ""),
        year=meta.year, title_year=meta.title_year, title=chunk.title or fields.get("title", ""),
        meeting_date=meta.meeting_date, speaker=meta.speaker, speaker_title=meta.speaker_title,
        session=meta.session, warnings=warnings, order=order,
    )


def documents_of_file(path: str | Path) -> tuple[list[Document], int]:
    """Documents of one raw file and the number of boilerplate lines dropped.

    A CSV export holds one report per record: each record is read on its own, its fields kept.
    Raises :class:`RawFileError` when the file holds no readable text or no article at all.
    """
    raw = read_raw(path)
    docs: list[Document] = []
    dropped = 0
    for record in unwrap(raw.text):
        split = split_chunks(clean_text(record.text))
        dropped += split.dropped_lines
        for chunk in split.chunks:
            chunk.body_lines = join_soft_breaks(chunk.body).split("\n")
            meta = read_metadata(chunk.title, chunk.text, ended_by_mark=chunk.ended_by_mark,
                                 fields=record.fields)
            warnings = list(meta.warnings)
            if raw.guessed:
                warnings.append(f"encoding_guessed:{raw.encoding}")
            docs.append(_document(raw.source, chunk, meta, record.fields, len(docs), warnings))
    if not docs:
        raise RawFileError(path, "no report or article found in the text")
    return docs, dropped


def _assign_slugs(docs: list[Document]) -> None:
    """Slugs unique within the corpus (two 鼓楼区 of two cities differ), and doc_ids built from them."""
    placed = {id(d): lookup(d.place, d.adcode) for d in docs if d.place}
    slugs = unique_slugs(list(placed.values()))
    for d in docs:
        if d.place and d.district_slug != slugs[placed[id(d)]]:
            d.district_slug = slugs[placed[id(d)]]
            d.doc_id = _doc_id(d.district_slug, d.year, d.doc_type, d.source, d.order)


def _shown(path: Path, roots: tuple[str | Path, ...]) -> str:
    """``path`` relative to the folder it was found under (the same on every machine)."""
    for root in map(Path, roots):
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return path.name


def _fingerprint(text: str) -> str:
    # str.split() drops the same whitespace as the regex \s+ (both Py_UNICODE_ISSPACE), several times faster
    return hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()


def read_corpus(*paths: str | Path) -> Corpus:
    """Read every raw file under ``paths`` (files or folders; default: the project's data/raw).

    >>> corpus = read_corpus("data/raw")  # doctest: +SKIP
    >>> corpus.documents[["doc_id", "district", "year", "doc_type"]]  # doctest: +SKIP
    """
    if not paths:
        from reportlib.paths import project_paths
        paths = (project_paths().raw,)
    files, problems = scan_raw_files(list(paths))
    return assemble_corpus(paths, files, problems, (read_file(path) for path in files))


FileDocs = tuple[list[Document], int] | RawFileError  # one raw file's documents and dropped lines, or why not


def read_file(path: str | Path) -> FileDocs:
    """One raw file's documents (a pure function of the file: safe to run anywhere, any order)."""
    try:
        return documents_of_file(path)
    except RawFileError as exc:
        return exc


def read_file_sectioned(path: str | Path) -> FileDocs:
    """:func:`read_file` with each document's sections found (under the file's own doc ids, which
    :func:`assemble_corpus` relabels): the whole read stage of one file, for a worker to run."""
    result = read_file(path)
    if not isinstance(result, RawFileError):
        for doc in result[0]:
            doc.sections = find_sections(doc.doc_id, doc.text)
    return result


def assemble_corpus(paths: tuple[str | Path, ...], files: list[Path], problems: list[tuple[Path, str]],
                    results: Iterable[FileDocs]) -> Corpus:
    """The corpus of per-file results given in ``files`` order: duplicates dropped, doc ids made
    unique, sections found (or, when a worker found them already, relabelled to the final id)."""
    corpus = Corpus(docs=[], files=[f.name for f in files])
    for path, reason in problems:  # unreadable folders, link loops, FIFOs: one line each
        log.warning("skipped %s: %s", path, reason)
        corpus.skipped.append(Skipped(_shown(path, paths), reason))
    found: list[Document] = []
    for path, result in zip(files, results, strict=True):
        if isinstance(result, RawFileError):
            log.warning("skipped %s", result)
            corpus.skipped.append(Skipped(Path(path).name, result.reason))
            continue
        docs, dropped = result
        corpus.dropped_lines += dropped
        if not any(d.in_study for d in docs):
            corpus.skipped.append(Skipped(Path(path).name, f"no report of a known place in file ({len(docs)} "
                                          "document(s) kept out of the study)"))
        found.extend(docs)
    _assign_slugs(found)
    seen: dict[str, str] = {}
    taken: set[str] = set()
    for doc in found:
        fp = _fingerprint(doc.text)
        if fp in seen:
            corpus.skipped.append(Skipped(doc.source, f"duplicate of {seen[fp]}"))
            log.warning("%s: document %d is a duplicate of %s", doc.source, doc.order, seen[fp])
            continue
        base, n = doc.doc_id, 2
        while doc.doc_id in taken:
            doc.doc_id, n = f"{base}-{n}", n + 1
        taken.add(doc.doc_id)
        seen[fp] = doc.doc_id
        if doc.sections:  # found by a worker under the file's own id
            doc.sections = [replace(s, doc_id=doc.doc_id) for s in doc.sections]
        else:
            doc.sections = find_sections(doc.doc_id, doc.text)
        corpus.docs.append(doc)
    corpus.docs.sort(key=lambda d: (d.source, d.order))
    log.info("%s", corpus.summary())
    return corpus
