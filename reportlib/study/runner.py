"""The study: every notebook run with papermill, in dependency order, only when its inputs changed.

``run_study()`` (``reportlib study``, ``make study``) executes ``notebooks/`` into
``outputs/notebooks/`` and exports each to ``outputs/html/``, the place notebook once per
place found in the corpus (any level), several at a time, each in its own ``reportlib`` kernel.

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

import errno
import fcntl
import logging
import math
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlib import __version__
from reportlib.io import atomic_path, write_text
from reportlib.paths import project_paths
from reportlib.read.cache import raw_hash
from reportlib.study.htmlexport import PageInfo, index_html, skipped_html, status_html
from reportlib.study.kernels import (
    KERNEL,
    connection_folder,
    ensure_kernel,
    kernel_manager,
    kill,
    release,
    remove_stale_connection_files,
)
from reportlib.study.planning import (
    OLD_PLACE_STAGES,
    PLACE_STAGE,
    STAGES,
    Job,
    Layout,
    Settings,
    Stage,
    _select,
    _source,
    default_timeout,
    parse_overrides,
    plan,
    read_notebook_json,
    say,
    why_stale,
)

log = logging.getLogger(__name__)

# Set by an interrupt (``on_interrupt``): a KeyboardInterrupt that Python drops (raised while the
# main thread runs a finalizer) still stops the run at the runner's next look, within a second.
INTERRUPT = threading.Event()
EXPORT_VERSION = 2  # bumped when pages are made differently: up-to-date notebooks are exported again

__all__ = ["KERNEL", "STAGES", "Settings", "Stage", "dry_run", "ensure_kernel", "parse_overrides", "plan",
           "raw_hash", "run_study", "why_stale"]


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
    io_error: str = ""  # the study could not write (disk full, read-only): exit status 2

    @property
    def ran(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status in ("ok", "failed")]

    @property
    def failed(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status in ("failed", "skipped")]

    @property
    def exit_status(self) -> int:
        if self.interrupted:
            return 130
        return 2 if self.io_error else (1 if self.failed else 0)

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
        if self.io_error:
            lines.append(f"  could not write: {self.io_error}")
        html_dir = self.out_dir / "html"
        for o in self.outcomes:
            if o.status in ("failed", "skipped"):
                lines.append(f"  {o.status:8} {o.name}: {o.error}  → {html_dir / o.name}.html")
        lines.append(f"index: {html_dir / 'index.html'}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------- running


class Interrupted(Exception):
    """The run was stopped; the job's temporary files are discarded."""


@dataclass
class Context:
    settings: Settings
    layout: Layout
    root: Path
    data_hash: str
    timeout: float = 0.0  # seconds per notebook, resolved from the settings and the corpus size
    stopping: threading.Event = field(default_factory=threading.Event)
    kernels: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = field(default_factory=time.monotonic)
    io_error: str = ""
    total: int = 0
    done: int = 0

    def progress(self, what: str, job: str) -> None:
        """One stderr line per notebook start and finish: count done, elapsed seconds."""
        with self.lock:
            if what != "start":
                self.done += 1
            say(f"[{self.done}/{self.total} {time.monotonic() - self.started:5.1f} s] {what:7} {job}")


def _page_info(job: Job, ctx: Context, status: str, seconds: float | None, error: str) -> PageInfo:
    return PageInfo(job.name, status, __version__, ctx.data_hash, job.effective_parameters,
                    seconds, error, datetime.now().astimezone().isoformat(timespec="seconds"),
                    job.title, ctx.settings.lang)


def _error_text(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        cell = getattr(exc, "exec_count", None)
        return f"{ename}: {evalue}".strip() + (f" (cell In [{cell}])" if cell else "")
    return f"{type(exc).__name__}: {exc}"


def _hung_cell(tmp_nb: Path) -> str:
    """The cell a timed-out run was in: the last one papermill started, as 'cell N (`code`)'."""
    try:
        cells = read_notebook_json(tmp_nb).get("cells", [])
    except (OSError, ValueError):
        return "an unknown cell"
    started = [i for i, c in enumerate(cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if not started:
        return "kernel start-up"
    first = next((line for line in _source(cells[started[-1]]).splitlines() if line.strip()), "")
    return f"cell {started[-1] + 1} (`{first.strip()[:60]}`)"


def _fallback_notebook(job: Job, error: str) -> Any:
    """The source notebook with the error on top, when the kernel never produced one."""
    import nbformat

    nb = nbformat.read(job.notebook, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**The notebook could not run:** `{error}`"))
    return nb


def _papermill(job: Job, ctx: Context, tmp_nb: Path, kernel_log: Any) -> tuple[str, str]:
    """Execute the notebook into ``tmp_nb`` under the time limits; (status, error)."""
    import papermill
    from nbclient.exceptions import CellTimeoutError

    limit = ctx.timeout
    cell_limit = math.ceil(min(ctx.settings.cell_timeout or limit, limit))  # nbclient wants an int
    km = kernel_manager(kernel_log, ctx.root, connection_folder(ctx.layout.state) / f"{job.name}.json")
    timed_out = threading.Event()

    def watchdog() -> None:  # the notebook's limit: kill the kernel, papermill then fails the run
        timed_out.set()
        kill(km)

    timer = threading.Timer(limit, watchdog)
    timer.daemon = True
    with ctx.lock:
        ctx.kernels[job.name] = km
    status, error = "ok", ""
    try:
        timer.start()
        papermill.execute_notebook(
            str(job.notebook), str(tmp_nb), parameters=job.parameters, kernel_name=KERNEL,
            progress_bar=False, km=km, execution_timeout=cell_limit)
    except CellTimeoutError:
        status, error = "failed", f"timed out: {_hung_cell(tmp_nb)} ran over {cell_limit:.0f} s (--cell-timeout)"
    except Exception as exc:  # raised in a cell, or the kernel died or never started
        status, error = "failed", _error_text(exc)
    finally:
        timer.cancel()
        with ctx.lock:
            ctx.kernels.pop(job.name, None)
        release(km, now=ctx.stopping.is_set() or timed_out.is_set())
    if timed_out.is_set():
        error = f"timed out: the notebook ran over {limit:.0f} s (--timeout) in {_hung_cell(tmp_nb)}"
    return status, error


def execute_job(job: Job, ctx: Context) -> Outcome:
    """Run one notebook into its executed notebook and page, atomically; return how it went."""
    import nbformat

    from reportlib.study.htmlexport import notebook_html

    if ctx.stopping.is_set():
        raise Interrupted(job.name)
    layout = ctx.layout
    started = time.monotonic()
    layout.state.mkdir(parents=True, exist_ok=True)
    with open(layout.state / f"{job.name}.kernel.log", "wb") as kernel_log, \
            atomic_path(layout.notebook(job.name), suffix=".part.ipynb") as tmp_nb:
        status, error = _papermill(job, ctx, tmp_nb, kernel_log)
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
        "parameters": job.effective_parameters, "show_code": ctx.settings.show_code,
        "exported_with": EXPORT_VERSION})
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
    ctx.layout.write_state(job.name, {**state, "show_code": ctx.settings.show_code,
                                      "exported_with": EXPORT_VERSION})


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
        remove_stale_connection_files(layout.state)
        yield


def _finished(job: Job, fut: Future, ctx: Context) -> Outcome:
    """The outcome of a finished job; a write that failed (disk full, read-only) fails the job
    and is remembered, so the study ends with exit status 2."""
    try:
        return fut.result()
    except OSError as exc:
        ctx.io_error = ctx.io_error or _os_error_text(exc)
        return Outcome(job.name, "failed", error=f"could not write: {_os_error_text(exc)}")


def _run_jobs(jobs: list[Job], todo: dict[str, str], ctx: Context, outcomes: dict[str, Outcome]) -> None:
    """Run the chosen jobs, each once its upstream jobs are done; skip those below a failure.

    ``outcomes`` is filled as jobs end, so an interrupted run still knows what finished.
    """
    pending = [j for j in jobs if j.name in todo]
    running: dict[Future, Job] = {}
    ctx.total, ctx.done = len(pending), 0
    pool = ThreadPoolExecutor(max_workers=max(1, ctx.settings.jobs), thread_name_prefix="study")
    try:
        while pending or running:
            for job in list(pending):
                ups = [u for u in job.upstream if u in todo]
                bad = [u for u in ups if u in outcomes and outcomes[u].status != "ok"]
                if bad:
                    pending.remove(job)
                    try:
                        outcomes[job.name] = skip_job(job, ctx, bad[0])
                    except OSError as exc:
                        ctx.io_error = ctx.io_error or _os_error_text(exc)
                        outcomes[job.name] = Outcome(job.name, "skipped", error=f"upstream {bad[0]} did not complete")
                    outcomes[job.name].reason = todo[job.name]
                    ctx.progress("skipped", f"{job.name} (upstream {bad[0]} did not complete)")
                elif all(u in outcomes for u in ups) and len(running) < ctx.settings.jobs:
                    pending.remove(job)
                    ctx.progress("start", f"{job.name} ({todo[job.name]})")
                    running[pool.submit(execute_job, job, ctx)] = job
            if not running:
                if pending:  # cannot happen with jobs in dependency order; never spin
                    raise RuntimeError(f"no runnable notebook among {[j.name for j in pending]}")
                continue
            done, _ = wait(list(running), timeout=0.5, return_when=FIRST_COMPLETED)
            if INTERRUPT.is_set():
                raise KeyboardInterrupt
            for fut in done:
                job = running.pop(fut)
                outcome = _finished(job, fut, ctx)
                outcome.reason = todo[job.name]
                outcomes[job.name] = outcome
                seconds = f" in {outcome.seconds:.1f} s" if outcome.seconds is not None else ""
                ctx.progress(outcome.status, f"{job.name}{seconds}"
                             + (f": {outcome.error}" if outcome.status != "ok" else ""))
    except BaseException:
        ctx.stopping.set()
        for fut in running:
            fut.cancel()
        while any(not f.done() for f in running):
            with ctx.lock:
                for km in ctx.kernels.values():
                    kill(km)
            wait(list(running), timeout=0.5)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _os_error_text(exc: OSError) -> str:
    """'PATH: reason (what to do)' for a write that failed."""
    hints = {errno.ENOSPC: "free some space and run again", errno.EROFS: "give a writable --out-dir",
             errno.EACCES: "give a folder you can write to (--out-dir)", errno.EDQUOT: "free some space",
             errno.ENOTDIR: "a part of the path is a file, not a folder: give another --out-dir",
             errno.EEXIST: "a file is in the way of a folder: give another --out-dir"}
    where = f"{exc.filename}: " if exc.filename else ""
    hint = hints.get(exc.errno or 0, "")
    return f"{where}{exc.strerror or exc}" + (f" ({hint})" if hint else "")


def _prune_pages(jobs: list[Job], layout: Layout) -> None:
    """Remove pages of places no longer in the corpus (the place stage fans out), and those an
    older run wrote under the stage's old name (10_district-xuhui)."""
    names = {j.name for j in jobs}
    for folder, pattern in ((layout.html, "*.html"), (layout.executed, "*.ipynb"),
                            (layout.state, "*.json")):
        for stage in (PLACE_STAGE, *OLD_PLACE_STAGES):
            for f in folder.glob(f"{stage}-{pattern}"):
                if f.stem not in names:
                    log.info("removing %s (place no longer in the corpus, or an older run's page)", f.name)
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
                              seconds, error, state.get("finished", ""), job.title, ctx.settings.lang))
    lang = ctx.settings.lang
    write_text(ctx.layout.page("status"), status_html(pages, lang=lang))
    front = ""
    try:  # the front page reads the tables; without them it is a list of pages
        from reportlib.study.site import front_page

        front = front_page(pages, tables_dir=ctx.layout.out / "tables", raw_dir=ctx.settings.raw_dir, lang=lang)
    except Exception as exc:  # a half-run study still gets an index
        log.warning("front page without findings: %s", exc)
    return write_text(ctx.layout.page("index"), index_html(pages, front=front, lang=lang))


def on_interrupt(signum: int, frame: Any) -> None:
    """Signal handler for ^C and SIGTERM: note the interrupt, then stop as ^C does."""
    INTERRUPT.set()
    raise KeyboardInterrupt


def run_study(settings: Settings | None = None) -> StudyResult:
    """Bring the study up to date: run what changed, export pages, write the index."""
    settings = settings or Settings()
    settings = Settings(**{**settings.__dict__, "raw_dir": _resolved(settings.raw_dir),
                           "out_dir": _resolved(settings.out_dir),
                           "notebooks_dir": _resolved(settings.notebooks_dir)})
    settings.check()
    INTERRUPT.clear()
    started = time.monotonic()
    layout = Layout(settings.outputs)
    check_out_dir(layout.out)
    ctx = Context(settings, layout, project_paths().root, "")
    ctx.timeout = settings.timeout or default_timeout(settings.raw_dir)
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
            if (not layout.page(job.name).is_file() or bool(state.get("show_code")) != settings.show_code
                    or state.get("exported_with") != EXPORT_VERSION):
                export_page(job, ctx)
            outcomes[job.name] = Outcome(job.name, "up-to-date", state.get("seconds"))
        if todo:
            ensure_kernel()
        try:
            _run_jobs(jobs, todo, ctx, outcomes)
        except KeyboardInterrupt:
            interrupted = True
        interrupted = interrupted or INTERRUPT.is_set()
        if interrupted:
            log.warning("interrupted: finished notebooks are kept, the others run next time")
        try:  # the index is written whole or not at all: on a full disk the previous one stays
            if not settings.only and not interrupted:
                _prune_pages(jobs, layout)
            write_index(jobs, outcomes, ctx)
        except OSError as exc:
            ctx.io_error = ctx.io_error or _os_error_text(exc)
            say(f"index not updated (the previous one is kept): {_os_error_text(exc)}")
    ordered = [outcomes.get(j.name) or Outcome(j.name, "not run") for j in jobs]
    return StudyResult(ordered, layout.out, time.monotonic() - started, interrupted, ctx.io_error)


def check_out_dir(out: Path) -> None:
    """Refuse an outputs folder that is a file or lies under one, before anything is read."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                what = f"--out-dir {out}" if folder == out else f"--out-dir {out}: {folder}"
                raise ValueError(f"{what} is a file, not a folder: give a folder")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise ValueError(f"--out-dir {out}: cannot write into {folder}: give a folder you can write to")
            return


def _resolved(path: str | Path | None) -> Path | None:
    return Path(path).resolve() if path else None


def dry_run(settings: Settings) -> list[tuple[str, str]]:
    """(notebook, why it would run) for every job the study would run now."""
    settings.check()
    check_out_dir(settings.outputs)
    jobs = plan(settings)
    return list(_select(jobs, settings, Layout(settings.outputs)).items())
