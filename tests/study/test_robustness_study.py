"""The study on bad input, beyond tests/test_study.py: markup everywhere, a failed run's summary,
Ctrl-C while tables are written, and two full runs in fresh folders.

tests/test_study.py checks the pages of one run; this adds the figures and the executed notebooks'
HTML outputs (tables shown in a notebook), markup around indicator figures, the summary
a failed run prints, every file whole after Ctrl-C, and the tables of every notebook (the
comparison's too) byte-identical between two cold runs. The same two-report sample and small
topic settings keep each run short.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import RAW, ROOT, STUDY_SAMPLE, STUDY_SMALL, XSS

from reportlib.cli import main
from reportlib.study import runner as study

pytestmark = pytest.mark.slow

SAMPLE, SMALL = STUDY_SAMPLE, STUDY_SMALL
MARKUP = [XSS, "<b>收入</b>", "<i>增幅</i>"]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _sample(folder: Path) -> Path:
    """Two reports; 徐汇区's with markup in a heading and in the sentences of its indicators."""
    folder.mkdir(parents=True)
    shutil.copy(RAW / SAMPLE[0], folder / SAMPLE[0])
    text = (RAW / SAMPLE[1]).read_text(encoding="utf-8")
    text = text.replace("坚持承压而上", f"坚持承压而上{XSS}", 1)
    text = text.replace("完成一般公共预算收入281.87亿元,增幅",
                        f"完成一般公共预算<b>收入</b>281.87亿元{XSS},<i>增幅</i>", 1)
    (folder / SAMPLE[1]).write_text(text, encoding="utf-8")
    return folder


def _study(raw: Path, out: Path, *extra: str) -> int:
    return main(["study", "--raw-dir", str(raw), "--out-dir", str(out), "--jobs", "2", *SMALL, *extra])


def _tables(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, Path, int]:
    tmp = tmp_path_factory.mktemp("robust")
    raw, out = _sample(tmp / "raw"), tmp / "out"
    return raw, out, _study(raw, out)


def test_markup_in_a_report_is_text_in_pages_figures_and_notebook_outputs(sample):
    _, out, status = sample
    assert status == 0
    sections = pd.read_csv(out / "tables" / "sections.csv")
    assert sections.heading.str.contains(XSS, regex=False).any()  # the data keeps it verbatim
    rendered = {p.relative_to(out): p.read_text(encoding="utf-8")
                for p in [*out.rglob("*.html"), *out.rglob("*.svg")]}
    for nb_path in (out / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for i, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if html:
                    rendered[Path(f"{nb_path.name}#cell{i}")] = "".join(html)
    leaks = {str(name): m for name, text in rendered.items() for m in MARKUP if m in text}
    assert leaks == {}
    shown = [str(name) for name, text in rendered.items() if ESCAPED in text]
    assert "html/00_corpus.html" in shown  # the heading, shown as text


def test_two_cold_runs_give_byte_identical_tables(sample, tmp_path):
    raw, out, _ = sample
    assert _study(raw, tmp_path / "again") == 0
    first, second = _tables(out), _tables(tmp_path / "again")
    assert "district_targets.csv" in first  # written by 20_comparison, downstream of everything
    assert second == first


def _edited_notebooks(folder: Path, name: str, cell: nbformat.NotebookNode) -> Path:
    """A copy of notebooks/ whose notebook ``name`` ends with ``cell``."""
    shutil.copytree(ROOT / "notebooks", folder)
    nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    nb.cells.append(cell)
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_a_raising_place_notebook_fails_alone_with_a_summary(sample, tmp_path, capsys):
    raw, out, _ = sample
    notebooks = _edited_notebooks(tmp_path / "notebooks", "10_place",
                                  nbformat.v4.new_code_cell('if place == "jiading":\n'
                                                            '    raise ValueError(f"no data for {place}")'))
    capsys.readouterr()
    status = _study(raw, out, "--notebooks-dir", str(notebooks), "--only", "10_place")
    summary = capsys.readouterr().out
    assert status == 1
    failed = [line for line in summary.splitlines() if line.strip().startswith("failed")]
    assert len(failed) == 1
    assert "10_place-jiading" in failed[0] and "ValueError: no data for jiading" in failed[0]
    page = (out / "html" / "10_place-jiading.html").read_text(encoding="utf-8")
    assert "ValueError" in page and "no data for jiading" in page
    states = {p.stem: json.loads(p.read_text()) for p in (out / ".state").glob("10_place-*.json")}
    assert {k: s["status"] for k, s in states.items()} == {"10_place-jiading": "failed",
                                                          "10_place-xuhui": "ok"}


def test_ctrl_c_while_tables_are_written_leaves_every_file_whole(sample, tmp_path):
    raw, out, _ = sample
    before = _tables(out)
    notebooks = _edited_notebooks(tmp_path / "notebooks", "00_corpus", nbformat.v4.new_markdown_cell("An edit."))
    for log in (out / ".state").glob("*.kernel.log"):
        log.unlink()
    cmd = [sys.executable, "-m", "reportlib", "study", "--raw-dir", str(raw), "--out-dir", str(out),
           "--notebooks-dir", str(notebooks), "--jobs", "2", *SMALL]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = out / ".state" / "02_text.kernel.log"  # 00_corpus is done, 01 and 02 write tables
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    assert not list(out.rglob("*.part*"))
    for page in (out / "html").glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name
    for nb in (out / "notebooks").glob("*.ipynb"):
        nbformat.validate(nbformat.read(nb, as_version=4))
    assert _tables(out) == before  # each table either untouched or rewritten whole (the same bytes)
    settings = study.Settings(raw_dir=raw, out_dir=out, notebooks_dir=notebooks,
                              overrides=study.parse_overrides(SMALL[1::2]))
    assert study.dry_run(settings)  # work was left for the next run
    assert _study(raw, out, "--notebooks-dir", str(notebooks)) == 0
    assert study.dry_run(settings) == []
    assert _tables(out) == before
