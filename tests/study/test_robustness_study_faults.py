"""Issue 14's failures of the study run, on tiny notebooks (parameters cell + one line), so each
run costs the kernels' start-up only: a hanging cell, a killed runner's kernel files, an
unreadable raw file, out-dirs that cannot be written, a disk that fills up mid-run, bad --jobs.

Read-only and full file systems are real tmpfs mounts where this process may mount (root, as
in CI); elsewhere those two tests skip, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from conftest import RAW, ROOT, STUDY_SAMPLE

from reportlib.cli import main
from reportlib.read import cache
from reportlib.study import runner as study

pytestmark = pytest.mark.slow

HANG = 'if place == "jiading":\n    import time\n    time.sleep(10**6)'
CONNECTION = "from ipykernel import get_connection_file\nprint(get_connection_file())"


def tiny_notebooks(folder: Path, extra: dict[str, str] | None = None) -> Path:
    """Every study notebook reduced to its title, its parameters cell, one cell printing its
    kernel's connection file, and ``extra[name]`` as a last cell."""
    folder.mkdir(parents=True)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), params, nbformat.v4.new_code_cell(CONNECTION)]
        if extra and path.stem in extra:
            nb.cells.append(nbformat.v4.new_code_cell(extra[path.stem]))
        nbformat.write(nb, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "raw"
    folder.mkdir()
    for name in STUDY_SAMPLE:
        shutil.copy(RAW / name, folder / name)
    return folder


def _study(raw: Path, out: Path, notebooks: Path, *extra: str) -> int:
    return main(["study", "--raw-dir", str(raw), "--out-dir", str(out), "--notebooks-dir", str(notebooks),
                 "--jobs", "2", *extra])


def _summary(capsys) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


# -- 2. no timeout anywhere


@pytest.mark.parametrize(("limit", "named"), [(["--cell-timeout", "4"], "ran over 4 s (--cell-timeout)"),
                                             (["--timeout", "12"], "the notebook ran over 12 s (--timeout)")])
def test_a_hanging_cell_fails_its_notebook_in_bounded_time_naming_the_cell(raw, tmp_path, capsys, limit, named):
    notebooks = tiny_notebooks(tmp_path / "nb", {"10_place": HANG})
    started = time.monotonic()
    status = _study(raw, tmp_path / "out", notebooks, *limit)
    seconds = time.monotonic() - started
    out, err = _summary(capsys)
    assert status == 1 and seconds < 90  # blocked until Ctrl-C before
    failed = [line.strip() for line in out.splitlines() if line.strip().startswith("failed")]
    assert len(failed) == 1 and failed[0].startswith("failed   10_place-jiading: timed out")
    # cell 5 of the executed notebook: papermill injects the parameters as cell 3
    assert named in failed[0] and "cell 5 (`if place == \"jiading\":`)" in failed[0]
    states = {p.stem: json.loads(p.read_text())["status"] for p in (tmp_path / "out" / ".state").glob("*.json")}
    assert states.pop("10_place-jiading") == "failed" and set(states.values()) == {"ok"}
    assert "ok      10_place-xuhui" in err  # progress: one line as each notebook ends


def test_progress_lines_and_dry_run_always_say_something(raw, tmp_path, capsys):
    notebooks, out = tiny_notebooks(tmp_path / "nb"), tmp_path / "out"
    assert _study(raw, out, notebooks) == 0
    _, err = _summary(capsys)
    lines = [line for line in err.splitlines() if line.startswith("study: [")]
    n = len(study.STAGES) + 1  # the place stage runs twice (jiading, xuhui)
    assert len(lines) == 2 * n  # a start and an end line each
    assert lines[0].startswith(f"study: [0/{n}") and "start   00_corpus (never run)" in lines[0]
    assert lines[-1].startswith(f"study: [{n}/{n}") and " ok      " in lines[-1]
    assert main(["study", "--raw-dir", str(raw), "--out-dir", str(out), "--notebooks-dir", str(notebooks),
                 "--dry-run", "-v"]) == 0  # -v after the subcommand
    assert _summary(capsys)[0].startswith("nothing to do: every notebook is up to date")


# -- 6. the kernels' connection files (their keys) leaked into the system temp folder


def test_connection_files_live_in_the_state_folder_and_are_removed(raw, tmp_path, capsys):
    notebooks, out = tiny_notebooks(tmp_path / "nb"), tmp_path / "out"
    assert _study(raw, out, notebooks) == 0
    used = [Path(nbformat.read(p, as_version=4).cells[3].outputs[0]["text"].strip())
            for p in sorted((out / "notebooks").glob("*.ipynb"))]
    assert len(used) == len(study.STAGES) + 1 and {p.parent for p in used} == {out / ".state" / "kernels"}
    assert not any(p.exists() for p in used)


def test_a_killed_runner_leaves_its_connection_files_only_where_the_next_run_removes_them(raw, tmp_path):
    notebooks, out = tiny_notebooks(tmp_path / "nb", {"00_corpus": "import time\ntime.sleep(10**6)"}), tmp_path / "out"
    cmd = [sys.executable, "-m", "reportlib", "study", "--raw-dir", str(raw), "--out-dir", str(out),
           "--notebooks-dir", str(notebooks), "--jobs", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kernels = out / ".state" / "kernels"
    deadline = time.monotonic() + 90
    while not list(kernels.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    leaked = list(kernels.glob("*.json"))
    proc.kill()
    proc.wait(timeout=30)
    _kill_kernels_of(leaked)
    assert [p.name for p in leaked] == ["00_corpus.json"]
    assert oct(leaked[0].stat().st_mode & 0o777) == "0o600"  # the key is readable by its owner only
    nb = tiny_notebooks(tmp_path / "nb2")
    assert _study(raw, out, nb, "--only", "00_corpus") == 0
    assert list(kernels.glob("*.json")) == []


def _kill_kernels_of(connection_files: list[Path]) -> None:
    """The kernels this test's runner started (found by their connection file) are stopped."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if any(str(f) in cmdline for f in connection_files):
            os.kill(int(proc.name), signal.SIGKILL)


# -- 3. one unreadable raw file stops the study


def test_an_unreadable_raw_file_is_one_line_and_the_study_runs(raw, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "raw"
    shutil.copytree(raw, folder)
    locked = folder / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    real = cache.file_hash

    def file_hash(path):  # as root no mode bit stops a read: refuse it as for a user
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    if os.geteuid() == 0:
        monkeypatch.setattr(cache, "file_hash", file_hash)
        monkeypatch.setattr("reportlib.read.sources._read_regular_file", _refusing(locked))
    else:
        locked.chmod(0)
    assert _study(folder, tmp_path / "out", tiny_notebooks(tmp_path / "nb")) == 0  # PermissionError before
    _, err = _summary(capsys)
    assert "study: skipped locked.txt: cannot read: permission denied" in err


def _refusing(path: Path):
    from reportlib.read import sources

    real = sources._read_regular_file

    def read(p: Path) -> bytes:
        if Path(p) == path:
            raise sources.RawFileError(p, sources._open_error(p, PermissionError(13, "Permission denied")))
        return real(p)
    return read


# -- 4. out-dir and disk errors were tracebacks with exit 1; 6. --jobs 0 accepted


@pytest.mark.parametrize("case", ["file", "under a file"])
def test_an_out_dir_that_is_a_file_is_exit_2_with_one_line(raw, tmp_path, capsys, case):
    (tmp_path / "taken").write_text("not a folder")
    out = tmp_path / "taken" if case == "file" else tmp_path / "taken" / "out"
    assert _study(raw, out, tiny_notebooks(tmp_path / "nb")) == 2
    err = _summary(capsys)[1].strip().splitlines()
    assert err == [f"reportlib study: --out-dir {out}" + ("" if case == "file" else f": {tmp_path / 'taken'}")
                   + " is a file, not a folder: give a folder"]


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_below_one_are_refused(raw, tmp_path, capsys, jobs):
    with pytest.raises(SystemExit) as exit_:
        main(["study", "--raw-dir", str(raw), "--out-dir", str(tmp_path), "--jobs", jobs])
    assert exit_.value.code == 2
    assert f"argument --jobs/-j: {int(jobs)}: give 1 or more" in _summary(capsys)[1]


@contextmanager
def tmpfs(folder: Path, size: str) -> Path:
    folder.mkdir(parents=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not root'})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_out_dir_is_exit_2_with_one_line(raw, tmp_path, capsys):
    with tmpfs(tmp_path / "ro", "4m") as mount:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        assert _study(raw, mount / "out", tiny_notebooks(tmp_path / "nb")) == 2
        err = _summary(capsys)[1].strip().splitlines()
        assert err == [f"reportlib study: --out-dir {mount / 'out'}: cannot write into {mount}: give a folder you"
                       " can write to"]


FILL = ('import pathlib\nwith open(pathlib.Path(out_dir) / "filler", "wb") as fh:\n'
        '    try:\n        while True:\n            fh.write(b"0" * 65536)\n            fh.flush()\n'
        '    except OSError:\n        pass')


def test_a_disk_full_mid_run_keeps_the_index_whole_and_prints_the_summary(raw, tmp_path, capsys):
    with tmpfs(tmp_path / "small", "32m") as mount:  # room for a first run; the filler takes the rest
        out = mount / "out"
        assert _study(raw, out, tiny_notebooks(tmp_path / "nb")) == 0
        index = (out / "html" / "index.html").read_bytes()
        capsys.readouterr()
        status = _study(raw, out, tiny_notebooks(tmp_path / "nb2", {"01_indicators": FILL}), "--jobs", "1")
        out_text, err = _summary(capsys)
        assert status == 2  # the study could not write: not "a notebook failed"
        assert out_text.startswith(f"study: {len(study.STAGES) + 1} notebooks:")
        assert "No space left on device" in out_text
        assert "free some space and run again" in out_text
        page = (out / "html" / "index.html").read_bytes()
        assert page.rstrip().endswith(b"</html>")  # whole: the previous index, or the new one if it fit
        failed = "失败".encode()  # the page set's word for a failed notebook (Chinese by default)
        assert page == index if "index not updated (the previous one is kept)" in err else failed in page
        print(err)
        assert not list(out.rglob(".*.part*"))


def test_a_raw_folder_with_no_report_is_exit_1_and_a_missing_one_exit_2(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "note.txt").write_text("Hello, no report here.\n" * 5, encoding="utf-8")
    assert _study(raw, tmp_path / "out", tiny_notebooks(tmp_path / "nb")) == 1
    err = _summary(capsys)[1].strip().splitlines()
    assert err == ["study: skipped note.txt: not a Chinese text: no Chinese text in file (read as utf-8)",
                   f"reportlib study: no report read from {raw} (1 files, 1 skipped): nothing to study"]
    assert _study(tmp_path / "nowhere", tmp_path / "out", tmp_path / "nb") == 2
    assert _summary(capsys)[1].strip() == (f"reportlib study: --raw-dir {tmp_path / 'nowhere'}: no such folder:"
                                           " give the folder of the raw reports")
