"""Planning the study: its notebooks and their order, each run's inputs and key, the settings,
the output folders and why a notebook must run again.

A notebook runs again only when one of its inputs changed: the raw files, the data files under
``reportlib/data``, its parameters, its own cells, the library's source, an upstream notebook
(an upstream's key is part of its key, so a change flows down), and for the methods page the
accuracy benchmark it reports (its scorer, gold files and texts).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.io import write_text
from reportlib.paths import project_paths
from reportlib.read.cache import data_files_hash, library_hash, load_corpus, raw_dir_of, raw_hash
from reportlib.read.sources import list_raw_files
from reportlib.report.methods import accuracy_inputs

PLACE_STAGE = "10_place"  # one page a place, any level (10_place-hebei)
OLD_PLACE_STAGES = ("10_district",)  # its name before: pages of older runs are removed
TIMEOUT_BASE_S = 600  # a notebook's time limit: this much, plus TIMEOUT_PER_MB_S per MB of raw files
TIMEOUT_PER_MB_S = 60  # ~10 × the slowest stage's measured seconds per MB (benchmarks/RESULTS.md)

@dataclass(frozen=True)
class Stage:
    """One notebook of the study and the notebooks whose outputs it reads."""

    name: str
    after: tuple[str, ...] = ()
    per_place: bool = False  # one run a place (any level), titled by the place's name
    reads_gold: bool = False  # reports the accuracy benchmark: its gold files are inputs


STAGES: tuple[Stage, ...] = (
    Stage("00_corpus"),
    Stage("01_indicators", ("00_corpus",)),
    Stage("02_text", ("00_corpus",)),
    Stage("03_topics", ("02_text",)),
    Stage(PLACE_STAGE, ("00_corpus", "01_indicators", "02_text", "03_topics"), per_place=True),
    Stage("20_comparison", ("00_corpus", "01_indicators", "02_text", "03_topics")),
    Stage("30_methods", ("00_corpus", "01_indicators", "03_topics"), reads_gold=True),
    Stage("40_codebook", ("00_corpus", "01_indicators", "02_text", "03_topics", "20_comparison")),
)
LANGS = ("zh", "en")  # languages of the page set (--lang)


@dataclass
class Job:
    """One notebook run: a stage, and for the place stage one place."""

    name: str
    stage: Stage
    notebook: Path
    parameters: dict[str, Any]
    defaults: dict[str, Any]
    upstream: list[str]
    inputs: dict[str, str] = field(default_factory=dict)
    key: str = ""
    title: str = ""

    @property
    def effective_parameters(self) -> dict[str, Any]:
        return {**self.defaults, **self.parameters}


# ---------------------------------------------------------------------------------- notebooks


def read_notebook_json(path: Path) -> dict:
    """A notebook file as plain JSON (faster than nbformat when only hashing)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_hash(nb: dict) -> str:
    """Hash of a notebook's cells (type, source, tags): saved outputs do not count."""
    cells = [(c.get("cell_type"), _source(c), sorted(c.get("metadata", {}).get("tags", [])))
             for c in nb.get("cells", [])]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def notebook_title(nb: dict, lang: str = "zh") -> str:
    """The first markdown heading of a notebook in ``lang``, without its ``#``.

    A cell tagged ``lang-en`` (``lang-zh``) is of that language only; untagged cells are of both.
    """
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if any(t.startswith("lang-") and t != f"lang-{lang}" for t in tags):
            continue
        if cell.get("cell_type") == "markdown":
            for line in _source(cell).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def notebook_parameters(nb: dict) -> dict[str, Any]:
    """Defaults of the cell tagged ``parameters``: its ``name = literal`` lines."""
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            found = {}
            for node in ast.parse(_source(cell)).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name):
                    found[node.targets[0].id] = ast.literal_eval(node.value)
            return found
    return {}


def parse_overrides(items: list[str]) -> list[tuple[str | None, str, Any]]:
    """``[STAGE:]NAME=VALUE`` → (stage, name, value); VALUE a Python literal or a plain string.

    >>> parse_overrides(["k_grid=[2, 3]", "03_topics:passes=2", "unit=paragraph"])
    [(None, 'k_grid', [2, 3]), ('03_topics', 'passes', 2), (None, 'unit', 'paragraph')]
    """
    parsed = []
    for item in items:
        name, sep, text = item.partition("=")
        if not sep:
            raise ValueError(f"parameter {item!r}: expected NAME=VALUE")
        stage, _, name = name.rpartition(":")
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = text
        parsed.append((stage or None, name.strip(), value))
    return parsed


# ---------------------------------------------------------------------------------- planning


@dataclass
class Settings:
    """Where the study reads and writes, and how it runs."""

    raw_dir: Path | None = None
    out_dir: Path | None = None
    notebooks_dir: Path | None = None
    jobs: int = os.cpu_count() or 2
    only: list[str] = field(default_factory=list)
    force: bool = False
    show_code: bool = False
    lang: str = "zh"  # the pages' language: zh or en
    overrides: list[tuple[str | None, str, Any]] = field(default_factory=list)
    timeout: float | None = None  # seconds per notebook; None: derived from the corpus size
    cell_timeout: float | None = None  # seconds per cell; None: the notebook's limit

    def check(self) -> None:
        """Refuse settings the study cannot run with (ValueError, one line)."""
        if self.jobs < 1:
            raise ValueError(f"--jobs {self.jobs}: give 1 or more notebooks at a time")
        if self.raw_dir is not None and not Path(self.raw_dir).is_dir():
            raise ValueError(f"--raw-dir {self.raw_dir}: no such folder: give the folder of the raw reports")
        for name, value in (("--timeout", self.timeout), ("--cell-timeout", self.cell_timeout)):
            if value is not None and value <= 0:
                raise ValueError(f"{name} {value:g}: give a number of seconds above 0")

    @property
    def outputs(self) -> Path:
        return Path(self.out_dir).resolve() if self.out_dir else project_paths().outputs

    @property
    def notebooks(self) -> Path:
        return Path(self.notebooks_dir).resolve() if self.notebooks_dir else project_paths().notebooks


class NothingRead(Exception):
    """The raw folder holds no report the study can read (exit status 1, like a failed notebook)."""


def study_places(raw_dir: Path | None) -> dict[str, str]:
    """Slug → name of every place (any level) with a report in the corpus, sorted by slug
    (``compare.places_by_slug``); files that cannot be read are one line each on stderr (the
    notebooks list them in ``skipped.csv``)."""
    from reportlib.report.compare import places_by_slug

    corpus = load_corpus(raw_dir)
    for skipped in corpus.skipped:
        if not skipped.reason.startswith(("duplicate of", "no report of a known place")):
            say(f"skipped {skipped.source}: {skipped.reason}")
    if not corpus.study_docs:
        raise NothingRead(f"no report read from {raw_dir_of(raw_dir)} ({len(corpus.files)} files,"
                          f" {len(corpus.skipped)} skipped): nothing to study")
    return places_by_slug(corpus.documents)


def page_name(place: str, lang: str) -> str:
    """A place as its page names it, in the page set's language: 河北省 / Hebei Province."""
    from reportlib.report.display import value_label

    return value_label("place", place, lang)


def default_timeout(raw_dir: Path | None) -> float:
    """A notebook's time limit from the corpus size: generous for real work, finite for a hang."""
    size = 0
    for path in list_raw_files([raw_dir_of(raw_dir)]):
        try:
            size += path.stat().st_size
        except OSError:
            continue
    return TIMEOUT_BASE_S + TIMEOUT_PER_MB_S * size / 1e6


def say(message: str) -> None:
    """One line of progress or notice on stderr (stdout holds the summary)."""
    print(f"study: {message}", file=sys.stderr, flush=True)


def plan(settings: Settings) -> list[Job]:
    """Every job of the study in a valid run order, each with its input hashes and key."""
    raw_dir = Path(settings.raw_dir).resolve() if settings.raw_dir else None
    out_dir = Path(settings.out_dir).resolve() if settings.out_dir else None
    common = {"raw": raw_hash(raw_dir), "library": library_hash(), "data files": data_files_hash()}
    base_params = {k: str(v) for k, v in (("raw_dir", raw_dir), ("out_dir", out_dir)) if v}
    if settings.lang not in LANGS:
        raise ValueError(f"--lang {settings.lang!r}: expected one of {list(LANGS)}")
    base_params["lang"] = settings.lang
    names = study_places(raw_dir)
    gold = {"accuracy benchmark": _hash(json.dumps(accuracy_inputs(), sort_keys=True))}
    jobs: list[Job] = []
    by_stage: dict[str, list[Job]] = {}
    used: set[tuple[str | None, str]] = set()
    for stage in STAGES:
        path = settings.notebooks / f"{stage.name}.ipynb"
        nb = read_notebook_json(path)
        defaults = notebook_parameters(nb)
        params = {k: v for k, v in base_params.items() if k in defaults}
        for st, name, value in settings.overrides:
            if name in defaults and st in (None, stage.name):
                params[name] = value
                used.add((st, name))
        upstream = [j.name for s in stage.after for j in by_stage.get(s, [])]
        title = notebook_title(nb, settings.lang)
        variants = ([(f"{stage.name}-{slug}", {"place": slug}, page_name(names[slug], settings.lang)) for slug in names]
                    if stage.per_place else [(stage.name, {}, title)])
        for name, extra, page_title in variants:
            job = Job(name, stage, path, {**params, **extra}, defaults, upstream, title=page_title)
            job.inputs = {**common, **(gold if stage.reads_gold else {}), "notebook": notebook_hash(nb),
                          "parameters": _hash(json.dumps(job.parameters, sort_keys=True)),
                          **{f"upstream {u}": _key_of(jobs, u) for u in upstream}}
            job.key = _hash(json.dumps(job.inputs, sort_keys=True))
            by_stage.setdefault(stage.name, []).append(job)
            jobs.append(job)
    unused = [f"{s + ':' if s else ''}{n}" for s, n, _ in settings.overrides if (s, n) not in used]
    if unused:
        raise ValueError(f"no notebook has the parameter(s) {unused}")
    return jobs


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _key_of(jobs: list[Job], name: str) -> str:
    return next(j.key for j in jobs if j.name == name)


# ---------------------------------------------------------------------------------- state


class Layout:
    """The study's output folders: notebooks/, html/, .state/."""

    def __init__(self, out: Path):
        self.out = out
        self.executed = out / "notebooks"
        self.html = out / "html"
        self.state = out / ".state"

    def notebook(self, name: str) -> Path:
        return self.executed / f"{name}.ipynb"

    def page(self, name: str) -> Path:
        return self.html / f"{name}.html"

    def state_file(self, name: str) -> Path:
        return self.state / f"{name}.json"

    def read_state(self, name: str) -> dict:
        try:
            return json.loads(self.state_file(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_state(self, name: str, state: dict) -> None:
        write_text(self.state_file(name), json.dumps(state, ensure_ascii=False, indent=1,
                                                     sort_keys=True))


def why_stale(job: Job, state: dict, layout: Layout) -> str:
    """Why ``job`` must run ('' when its last run is up to date)."""
    if not state:
        return "never run"
    if state.get("status") != "ok":
        return f"{state.get('status', 'unknown')} last time"
    if not layout.notebook(job.name).is_file():
        return "executed notebook missing"
    if state.get("key") != job.key:
        old = state.get("inputs", {})
        changed = [k for k, v in job.inputs.items() if old.get(k) != v]
        return "changed: " + ", ".join(changed or ["inputs"])
    return ""


def _select(jobs: list[Job], settings: Settings, layout: Layout) -> dict[str, str]:
    """Jobs to run → reason: the stale ones among ``--only`` and their stale ancestors."""
    by_name = {j.name: j for j in jobs}
    wanted = {j.name for j in jobs if not settings.only or any(
        o in (j.name, j.stage.name) for o in settings.only)}
    unknown = [o for o in settings.only if not any(o in (j.name, j.stage.name) for j in jobs)]
    if unknown:
        raise ValueError(f"--only {unknown}: no such notebook; known: "
                         f"{sorted({j.stage.name for j in jobs} | set(by_name))}")
    chosen: dict[str, str] = {}

    def visit(name: str, selected: bool) -> None:
        job = by_name[name]
        reason = "forced" if settings.force and selected else why_stale(
            job, layout.read_state(name), layout)
        if reason and name not in chosen:
            chosen[name] = reason
        if reason or selected:
            for up in job.upstream:
                visit(up, False)

    for name in wanted:
        visit(name, True)
    return {j.name: chosen[j.name] for j in jobs if j.name in chosen}
