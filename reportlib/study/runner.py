"""The study: every notebook run with papermill, in dependency order, only when its inputs changed.

``run_study()`` (``reportlib study``, ``make study``) executes ``notebooks/`` into
``outputs/notebooks/`` and exports each to ``outputs/html/``, the district notebook once per
district found in the corpus, several at a time, each in its own ``reportlib`` kernel.

A notebook runs again only when one of its inputs changed: the raw files, the data files under
``reportlib/data``, its parameters, its own cells, the library's source, or an upstream
notebook (an upstream's key is part of its key, so a change flows down). The keys are kept in
``outputs/.state/<page>.json``; a run with nothing to do costs the hashing.

A notebook that raises still gets its executed notebook and page, with the error at the failing
cell; the notebooks downstream of it are *skipped* (they would read its missing or stale tables)
and marked so in the index; everything else goes on, and the run ends with a summary and exit
status 1. A failed or skipped notebook is tried again on the next run.

Every file is written to a temporary name and renamed, so an interrupted run (Ctrl-C) leaves
the previous notebook, page and state in place and the next run completes the work.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from reportlib import __version__, lexicon
from reportlib.io import atomic_path, write_text
from reportlib.paths import project_paths
from reportlib.read.cache import data_files_hash, library_hash, load_corpus, raw_hash
from reportlib.study.htmlexport import PageInfo, index_html, skipped_html

log = logging.getLogger(__name__)

KERNEL = "reportlib"  # the project's kernel, registered in .venv by `make` or by ensure_kernel()
DISTRICT_STAGE = "10_district"


@dataclass(frozen=True)
class Stage:
    """One notebook of the study and the notebooks whose outputs it reads."""

    name: str
    after: tuple[str, ...] = ()
    per_district: bool = False


STAGES: tuple[Stage, ...] = (
    Stage("00_corpus"),
    Stage("01_indicators", ("00_corpus",)),
    Stage("02_text", ("00_corpus",)),
    Stage("03_topics", ("02_text",)),
    Stage(DISTRICT_STAGE, ("00_corpus", "01_indicators", "02_text", "03_topics"), per_district=True),
    Stage("20_comparison", ("00_corpus", "01_indicators", "02_text", "03_topics")),
)


@dataclass
class Job:
    """One notebook run: a stage, and for the district stage one district."""

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


@dataclass
class Outcome:
    """What happened to a job in this run (or, for ``up-to-date``, in the last one)."""

    name: str
    status: str  # ok · failed · skipped · up-to-date · not run
    seconds: float | None = None
    reason: str = ""
    error: str = ""


@dataclass
class StudyResult:
    """Every job of the study and its outcome, in run order."""

    outcomes: list[Outcome]
    out_dir: Path
    seconds: float
    interrupted: bool = False

    @property
    def ran(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status in ("ok", "failed")]

    @property
    def failed(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status in ("failed", "skipped")]

    @property
    def exit_status(self) -> int:
        return 130 if self.interrupted else (1 if self.failed else 0)

    def summary(self) -> str:
        """A few lines: counts, then one line per notebook that did not end ok."""
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.status] = counts.get(o.status, 0) + 1
        head = (f"study: {len(self.outcomes)} notebooks: "
                + ", ".join(f"{n} {s}" for s, n in counts.items()) + f" in {self.seconds:.1f} s")
        if self.interrupted:
            head += " (interrupted: run again to finish)"
        lines = [head]
        html_dir = self.out_dir / "html"
        for o in self.outcomes:
            if o.status in ("failed", "skipped"):
                lines.append(f"  {o.status:8} {o.name}: {o.error}  → {html_dir / o.name}.html")
        lines.append(f"index: {html_dir / 'index.html'}")
        return "\n".join(lines)


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


def notebook_title(nb: dict) -> str:
    """The first markdown heading of a notebook, without its ``#``."""
    for cell in nb.get("cells", []):
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
    overrides: list[tuple[str | None, str, Any]] = field(default_factory=list)

    @property
    def outputs(self) -> Path:
        return Path(self.out_dir).resolve() if self.out_dir else project_paths().outputs

    @property
    def notebooks(self) -> Path:
        return Path(self.notebooks_dir).resolve() if self.notebooks_dir else project_paths().notebooks


def study_districts(raw_dir: Path | None) -> list[str]:
    """Slugs of every district with a report in the corpus, sorted."""
    corpus = load_corpus(raw_dir)
    return sorted({d.district_slug for d in corpus.study_docs if d.district_slug})


def plan(settings: Settings) -> list[Job]:
    """Every job of the study in a valid run order, each with its input hashes and key."""
    raw_dir = Path(settings.raw_dir).resolve() if settings.raw_dir else None
    out_dir = Path(settings.out_dir).resolve() if settings.out_dir else None
    common = {"raw": raw_hash(raw_dir), "library": library_hash(), "data files": data_files_hash()}
    base_params = {k: str(v) for k, v in (("raw_dir", raw_dir), ("out_dir", out_dir)) if v}
    districts = study_districts(raw_dir)
    names = {d.slug: d.name for d in lexicon.districts()}
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
        title = notebook_title(nb)
        variants = ([(f"{stage.name}-{d}", {"district": d}, f"{title}: {names.get(d, d)}") for d in districts]
                    if stage.per_district else [(stage.name, {}, title)])
        for name, extra, page_title in variants:
            job = Job(name, stage, path, {**params, **extra}, defaults, upstream, title=page_title)
            job.inputs = {**common, "notebook": notebook_hash(nb),
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


# ---------------------------------------------------------------------------------- kernel


def _kernel_specs() -> Any:
    """Kernel specs of this environment only (``sys.prefix``): a ``reportlib`` kernel a user
    registered elsewhere, for another checkout's venv, must not run this study."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager(kernel_dirs=[str(Path(sys.prefix) / "share" / "jupyter" / "kernels")])


def ensure_kernel() -> None:
    """Register the ``reportlib`` kernel in this venv if it is missing (plain venvs, CI)."""
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        spec = _kernel_specs().get_kernel_spec(KERNEL)
        here = Path(sys.executable).parent  # the venv's bin/: python, python3 … are all this venv
        if spec.argv and Path(spec.argv[0]).parent == here:
            return
        log.warning("kernel %r runs %s, not this Python (%s); registering this one in %s",
                    KERNEL, spec.argv[0] if spec.argv else "?", sys.executable, sys.prefix)
    except NoSuchKernel:
        log.info("registering the %r kernel in %s", KERNEL, sys.prefix)
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, display_name="reportlib (.venv)", prefix=sys.prefix)


def _kernel_manager(log_file: IO[bytes], root: Path) -> Any:
    """A kernel manager for one notebook: the kernel runs in ``root`` with ``REPORTLIB_ROOT``
    set to it (so it finds the same project as the runner) and writes its chatter to
    ``log_file``, not the terminal."""
    from jupyter_client.manager import AsyncKernelManager  # nbclient needs the async client

    class QuietKernelManager(AsyncKernelManager):
        async def _async_start_kernel(self, **kw: Any) -> None:
            kw.setdefault("stdout", log_file)
            kw.setdefault("stderr", log_file)
            kw["cwd"] = str(root)
            kw["env"] = {**kw.get("env", os.environ), "REPORTLIB_ROOT": str(root)}
            await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

        def client(self, **kw: Any) -> Any:  # kept, so its channels are closed after the run
            kc = super().client(**kw)
            self.clients_made = [*getattr(self, "clients_made", []), kc]
            return kc

    return QuietKernelManager(kernel_name=KERNEL, kernel_spec_manager=_kernel_specs())


def _kill(km: Any) -> None:
    """Kill a kernel and its children now (the kernel runs in its own process group)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()


# ---------------------------------------------------------------------------------- running


class Interrupted(Exception):
    """The run was stopped; the job's temporary files are discarded."""


@dataclass
class Context:
    settings: Settings
    layout: Layout
    root: Path
    data_hash: str
    stopping: threading.Event = field(default_factory=threading.Event)
    kernels: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _page_info(job: Job, ctx: Context, status: str, seconds: float | None, error: str) -> PageInfo:
    return PageInfo(job.name, status, __version__, ctx.data_hash, job.effective_parameters,
                    seconds, error, datetime.now().astimezone().isoformat(timespec="seconds"),
                    job.title)


def _error_text(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        cell = getattr(exc, "exec_count", None)
        return f"{ename}: {evalue}".strip() + (f" (cell In [{cell}])" if cell else "")
    return f"{type(exc).__name__}: {exc}"


def _fallback_notebook(job: Job, error: str) -> Any:
    """The source notebook with the error on top, when the kernel never produced one."""
    import nbformat

    nb = nbformat.read(job.notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**The notebook could not run:** `{error}`"))
    return nb


def execute_job(job: Job, ctx: Context) -> Outcome:
    """Run one notebook into its executed notebook and page, atomically; return how it went."""
    import nbformat
    import papermill
    from jupyter_core.utils import run_sync
    from papermill.exceptions import PapermillExecutionError

    from reportlib.study.htmlexport import notebook_html

    if ctx.stopping.is_set():
        raise Interrupted(job.name)
    layout = ctx.layout
    started = time.monotonic()
    status, error = "ok", ""
    layout.state.mkdir(parents=True, exist_ok=True)
    with open(layout.state / f"{job.name}.kernel.log", "wb") as kernel_log, \
            atomic_path(layout.notebook(job.name), suffix=".part.ipynb") as tmp_nb:
        km = _kernel_manager(kernel_log, ctx.root)
        with ctx.lock:
            ctx.kernels[job.name] = km
        try:
            papermill.execute_notebook(
                str(job.notebook), str(tmp_nb), parameters=job.parameters, kernel_name=KERNEL,
                progress_bar=False, km=km)
        except PapermillExecutionError as exc:
            status, error = "failed", _error_text(exc)
        except Exception as exc:  # the kernel died or never started: still a page saying so
            status, error = "failed", _error_text(exc)
        finally:
            with ctx.lock:
                ctx.kernels.pop(job.name, None)
            for kc in getattr(km, "clients_made", []):
                kc.stop_channels()
            if ctx.stopping.is_set():
                _kill(km)
                run_sync(km.cleanup_resources)()
            elif km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        if ctx.stopping.is_set():
            raise Interrupted(job.name)
        try:
            nb = nbformat.read(tmp_nb, as_version=4)
        except Exception:  # papermill never wrote it
            nb = _fallback_notebook(job, error)
        seconds = time.monotonic() - started
        info = _page_info(job, ctx, status, seconds, error)
        nb.metadata["reportlib"] = {"status": status, "error": error, "version": __version__,
                                    "data_hash": ctx.data_hash, "key": job.key,
                                    "parameters": job.effective_parameters}
        nbformat.write(nb, tmp_nb)
        page = notebook_html(nb, info, show_code=ctx.settings.show_code)
    write_text(layout.page(job.name), page)
    layout.write_state(job.name, {
        "key": job.key, "inputs": job.inputs, "status": status, "error": error,
        "seconds": round(seconds, 2), "finished": info.finished,
        "parameters": job.effective_parameters, "show_code": ctx.settings.show_code})
    return Outcome(job.name, status, seconds, error=error)


def export_page(job: Job, ctx: Context) -> None:
    """Re-export an up-to-date notebook's page (``--show-code`` changed), without running it."""
    import nbformat

    from reportlib.study.htmlexport import notebook_html

    state = ctx.layout.read_state(job.name)
    nb = nbformat.read(ctx.layout.notebook(job.name), as_version=4)
    info = _page_info(job, ctx, "ok", state.get("seconds"), "")
    info = PageInfo(**{**info.__dict__, "finished": state.get("finished", "")})
    write_text(ctx.layout.page(job.name), notebook_html(nb, info, show_code=ctx.settings.show_code))
    ctx.layout.write_state(job.name, {**state, "show_code": ctx.settings.show_code})


def skip_job(job: Job, ctx: Context, because: str) -> Outcome:
    """Mark a job skipped: a page saying why, no executed notebook, no state (runs next time)."""
    error = f"upstream {because} did not complete"
    write_text(ctx.layout.page(job.name), skipped_html(_page_info(job, ctx, "skipped", None, error)))
    ctx.layout.notebook(job.name).unlink(missing_ok=True)
    ctx.layout.state_file(job.name).unlink(missing_ok=True)
    return Outcome(job.name, "skipped", error=error)


@contextmanager
def _study_lock(layout: Layout) -> Iterator[None]:
    """One study at a time per outputs folder; stale temporary files of a killed run removed."""
    layout.state.mkdir(parents=True, exist_ok=True)
    with open(layout.state / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another study is running into {layout.out}") from None
        for folder in (layout.executed, layout.html, layout.state, layout.out / "tables",
                       layout.out / "figures"):
            for part in folder.glob(".*.part*"):
                part.unlink(missing_ok=True)
        yield


def _progress(total: int) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="study", unit="nb", disable=None if total else True,
                file=sys.stderr, dynamic_ncols=True)


def _run_jobs(jobs: list[Job], todo: dict[str, str], ctx: Context, outcomes: dict[str, Outcome]) -> None:
    """Run the chosen jobs, each once its upstream jobs are done; skip those below a failure.

    ``outcomes`` is filled as jobs end, so an interrupted run still knows what finished.
    """
    pending = [j for j in jobs if j.name in todo]
    running: dict[Future, Job] = {}
    bar = _progress(len(pending))
    pool = ThreadPoolExecutor(max_workers=max(1, ctx.settings.jobs), thread_name_prefix="study")
    try:
        while pending or running:
            for job in list(pending):
                ups = [u for u in job.upstream if u in todo]
                bad = [u for u in ups if u in outcomes and outcomes[u].status != "ok"]
                if bad:
                    pending.remove(job)
                    outcomes[job.name] = skip_job(job, ctx, bad[0])
                    outcomes[job.name].reason = todo[job.name]
                    bar.update()
                elif all(u in outcomes for u in ups) and len(running) < ctx.settings.jobs:
                    pending.remove(job)
                    log.info("running %s (%s)", job.name, todo[job.name])
                    running[pool.submit(execute_job, job, ctx)] = job
            if not running:
                if pending:  # cannot happen with jobs in dependency order; never spin
                    raise RuntimeError(f"no runnable notebook among {[j.name for j in pending]}")
                continue
            bar.set_postfix_str(" ".join(sorted(j.name for j in running.values())), refresh=True)
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in done:
                job = running.pop(fut)
                outcome = fut.result()
                outcome.reason = todo[job.name]
                outcomes[job.name] = outcome
                bar.update()
                if outcome.status != "ok":
                    bar.write(f"failed: {job.name}: {outcome.error}", file=sys.stderr)
    except BaseException:
        ctx.stopping.set()
        for fut in running:
            fut.cancel()
        while any(not f.done() for f in running):
            with ctx.lock:
                for km in ctx.kernels.values():
                    _kill(km)
            wait(list(running), timeout=0.5)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()


def _prune_pages(jobs: list[Job], layout: Layout) -> None:
    """Remove pages of districts no longer in the corpus (the district stage fans out)."""
    names = {j.name for j in jobs}
    for folder, pattern in ((layout.html, "*.html"), (layout.executed, "*.ipynb"),
                            (layout.state, "*.json")):
        for f in folder.glob(f"{DISTRICT_STAGE}-{pattern}"):
            if f.stem not in names:
                log.info("removing %s (district no longer in the corpus)", f.name)
                f.unlink(missing_ok=True)


def write_index(jobs: list[Job], outcomes: dict[str, Outcome], ctx: Context) -> Path:
    """``html/index.html``: every page with its last status, written atomically."""
    pages = []
    for job in jobs:
        outcome = outcomes.get(job.name)
        state = ctx.layout.read_state(job.name)
        if outcome and outcome.status in ("failed", "skipped"):
            status, error = outcome.status, outcome.error
        elif state:
            status, error = state.get("status", "unknown"), state.get("error", "")
            if state.get("key") != job.key:
                status = f"{status} (out of date)"
        else:
            status, error = "not run", ""
        seconds = outcome.seconds if outcome and outcome.seconds is not None else state.get("seconds")
        pages.append(PageInfo(job.name, status, __version__, ctx.data_hash, job.effective_parameters,
                              seconds, error, state.get("finished", ""), job.title))
    return write_text(ctx.layout.page("index"), index_html(pages))


def run_study(settings: Settings | None = None) -> StudyResult:
    """Bring the study up to date: run what changed, export pages, write the index."""
    settings = settings or Settings()
    settings = Settings(**{**settings.__dict__, "raw_dir": _resolved(settings.raw_dir),
                           "out_dir": _resolved(settings.out_dir),
                           "notebooks_dir": _resolved(settings.notebooks_dir)})
    started = time.monotonic()
    layout = Layout(settings.outputs)
    ctx = Context(settings, layout, project_paths().root, "")
    jobs = plan(settings)
    ctx.data_hash = jobs[0].inputs["raw"] if jobs else ""
    outcomes: dict[str, Outcome] = {}
    interrupted = False
    with _study_lock(layout):
        todo = _select(jobs, settings, layout)
        for job in (j for j in jobs if j.name not in todo):
            state = layout.read_state(job.name)
            if why_stale(job, state, layout):  # left out by --only
                outcomes[job.name] = Outcome(job.name, "not run", reason="out of date")
                continue
            if not layout.page(job.name).is_file() or bool(state.get("show_code")) != settings.show_code:
                export_page(job, ctx)
            outcomes[job.name] = Outcome(job.name, "up-to-date", state.get("seconds"))
        if todo:
            ensure_kernel()
        try:
            _run_jobs(jobs, todo, ctx, outcomes)
        except KeyboardInterrupt:
            interrupted = True
            log.warning("interrupted: finished notebooks are kept, the others run next time")
        if not settings.only and not interrupted:
            _prune_pages(jobs, layout)
        write_index(jobs, outcomes, ctx)
    ordered = [outcomes.get(j.name) or Outcome(j.name, "not run") for j in jobs]
    return StudyResult(ordered, layout.out, time.monotonic() - started, interrupted)


def _resolved(path: str | Path | None) -> Path | None:
    return Path(path).resolve() if path else None


def dry_run(settings: Settings) -> list[tuple[str, str]]:
    """(notebook, why it would run) for every job the study would run now."""
    jobs = plan(settings)
    return list(_select(jobs, settings, Layout(settings.outputs)).items())
