"""The whole study through papermill on a two-report sample: pages, incrementality, isolation.

One module-scoped run is shared; the tests after it go in file order (no-op re-run, escaping,
reproducible tables, a forced failure, a changed raw file) and each states what it relies on.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import RAW, ROOT, STUDY_SAMPLE, STUDY_SMALL, XSS, page_problems, stray_script

from reportlib.cli import main
from reportlib.study import runner as study

pytestmark = pytest.mark.slow

SAMPLE, SMALL = STUDY_SAMPLE, STUDY_SMALL
PAGES = {"00_corpus", "01_indicators", "02_text", "03_topics", "10_place-jiading", "10_place-xuhui",
         "20_comparison", "30_methods", "40_codebook"}
SITE = {"index", "status"}  # the front page and the build status page, rewritten by every run


def _sample(folder: Path) -> Path:
    """Two reports; 徐汇区's with a script in a heading and markup in its body."""
    folder.mkdir(parents=True)
    shutil.copy(RAW / SAMPLE[0], folder / SAMPLE[0])
    text = (RAW / SAMPLE[1]).read_text(encoding="utf-8")
    text = text.replace("坚持承压而上", f"坚持承压而上{XSS}", 1)
    text = text.replace("一年来,全区经济", f"一年来,<b>全区</b>{XSS}经济", 1)
    (folder / SAMPLE[1]).write_text(text, encoding="utf-8")
    return folder


def _study(raw: Path, out: Path, *extra: str) -> tuple[int, float]:
    started = time.monotonic()
    status = main(["study", "--raw-dir", str(raw), "--out-dir", str(out), "--jobs", "2", *SMALL, *extra])
    return status, time.monotonic() - started


def _states(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (out / ".state").glob("*.json")}


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file() and ".state" not in p.parts}


STATUS_WORDS = {"完成": "ok", "失败": "failed", "未运行": "skipped"}  # the status page's words (zh) → status


def _index_status(out: Path) -> dict[str, str]:
    page = (out / "html" / "status.html").read_text(encoding="utf-8")
    found = re.findall(r'<a href="[^"]+">([^<]+)</a></td><td>[^<]*</td><td[^>]*>([^<]+)</td>', page)
    return {name: STATUS_WORDS.get(status, status) for name, status in found}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, Path, int]:
    tmp = tmp_path_factory.mktemp("study")
    raw, out = _sample(tmp / "raw"), tmp / "out"
    status, _ = _study(raw, out)
    return raw, out, status


def test_first_run_makes_every_page(sample):
    _, out, status = sample
    assert {p.stem for p in (out / "html").glob("*.html")} == PAGES | SITE
    assert {p.stem for p in (out / "notebooks").glob("*.ipynb")} == PAGES
    assert _index_status(out) == dict.fromkeys(sorted(PAGES), "ok")
    assert status == 0
    for name in ("documents", "sections", "indicators", "keyness", "topics", "topic_shares"):
        assert (out / "tables" / f"{name}.csv").is_file(), name
    status_page = (out / "html" / "status.html").read_text(encoding="utf-8")
    assert "place=xuhui" in status_page  # the parameters it ran with, on the build status page
    assert not list(out.rglob(".*.part*"))


def test_second_run_reruns_nothing(sample):
    raw, out, _ = sample
    before = _mtimes(out)
    status, seconds = _study(raw, out)
    assert status == 0
    after = _mtimes(out)
    site = {f"html/{name}.html" for name in SITE}
    assert {k: v for k, v in after.items() if k not in site} == {k: v for k, v in before.items() if k not in site}
    assert seconds < 5


def test_report_markup_is_text_in_every_page(sample):
    _, out, _ = sample
    pages = {p.name: p.read_text(encoding="utf-8") for p in (out / "html").glob("*.html")}
    assert not [name for name, page in pages.items() if "<script" in page or "<b>全区" in page]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["00_corpus.html"]  # shown, as text


def test_pages_read_as_a_report(sample):
    """No NaN, local path, repr or empty heading on any page; the front page states cited findings."""
    _, out, _ = sample
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "html").glob("*.html")}
    assert set(pages) == PAGES | SITE
    for name, page in pages.items():
        assert not page_problems(page, out), name
        assert stray_script(page, "zh") == [], name  # no English of the library's own on a Chinese page
    index = pages["index"]
    assert '<html lang="zh-CN">' in index
    findings = re.search(r"<ol>(.*?)</ol>", index, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", findings, re.S)
    assert len(items) >= 5 and all("<sup>" in i for i in items)  # each finding cites its sources
    assert all(f'href="{n}.html"' in index for n in PAGES if n.startswith(("10_", "20_", "30_", "40_")))
    assert "status.html" in index and "20_comparison.html" in index


def test_every_column_of_every_table_is_in_the_codebook(sample):
    from reportlib import schema

    _, out, _ = sample
    tables = sorted((out / "tables").glob("*.csv"))
    assert {"documents", "indicators", "parent_targets", "indicator_facts"} <= {p.stem for p in tables}
    for path in tables:
        assert schema.columns(path.stem), f"{path.name}: table not declared in fields.csv"
        assert schema.undeclared(pd.read_csv(path, nrows=0), path.stem) == [], path.name
    codebook = (out / "html" / "40_codebook.html").read_text(encoding="utf-8")
    assert all(f"{p.stem}.csv" in codebook for p in tables)


def test_methods_page_states_accuracy_and_the_k_choice(sample):
    _, out, _ = sample
    page = (out / "html" / "30_methods.html").read_text(encoding="utf-8")
    assert "召回率" in page and "准确率" in page and "上限" in page  # the measure and its caveat
    assert re.search(r"选定的主题数为K = \d+", page) and "稳定性" in page


def test_same_inputs_give_identical_tables(sample):
    raw, out, _ = sample
    before = {p.name: p.read_bytes() for p in (out / "tables").glob("*.csv")}
    only = [a for name in ("00_corpus", "01_indicators", "02_text", "03_topics")
            for a in ("--only", name)]
    status, _ = _study(raw, out, "--force", *only)
    assert status == 0
    assert {p.name: p.read_bytes() for p in (out / "tables").glob("*.csv")} == before


def _edited_notebooks(folder: Path, cell: nbformat.NotebookNode) -> Path:
    """A copy of notebooks/ whose place notebook ends with ``cell``."""
    shutil.copytree(ROOT / "notebooks", folder)
    nb = nbformat.read(folder / "10_place.ipynb", as_version=4)
    nb.cells.append(cell)
    nbformat.write(nb, folder / "10_place.ipynb")
    return folder


def test_interrupted_run_leaves_no_half_file_and_the_next_completes(sample, tmp_path):
    raw, out, _ = sample
    notebooks = _edited_notebooks(tmp_path / "notebooks", nbformat.v4.new_markdown_cell("An edit."))
    cmd = [sys.executable, "-m", "reportlib", "study", "--raw-dir", str(raw), "--out-dir", str(out),
           "--notebooks-dir", str(notebooks), "--jobs", "2", *SMALL]
    log = out / ".state" / "10_place-xuhui.kernel.log"
    log.unlink(missing_ok=True)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not log.exists() and time.monotonic() < deadline:  # the place notebooks have started
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    assert not list(out.rglob(".*.part*"))
    for nb in (out / "notebooks").glob("*.ipynb"):
        nbformat.validate(nbformat.read(nb, as_version=4))
    settings = study.Settings(raw_dir=raw, out_dir=out, notebooks_dir=notebooks,
                              overrides=study.parse_overrides(SMALL[1::2]))
    assert {n for n, _ in study.dry_run(settings)} == {"10_place-jiading", "10_place-xuhui"}
    status, _ = _study(raw, out, "--notebooks-dir", str(notebooks))
    assert status == 0
    assert study.dry_run(settings) == []


def test_failure_in_one_place_leaves_the_others(sample, tmp_path):
    raw, out, _ = sample
    notebooks = _edited_notebooks(tmp_path / "notebooks",
                                  nbformat.v4.new_code_cell('assert place != "xuhui", "forced failure"'))
    before = _mtimes(out)
    status, _ = _study(raw, out, "--notebooks-dir", str(notebooks))
    assert status == 1
    states = _states(out)
    assert states["10_place-xuhui"]["status"] == "failed"
    assert "forced failure" in states["10_place-xuhui"]["error"]
    assert states["10_place-jiading"]["status"] == "ok"
    assert _index_status(out)["10_place-xuhui"] == "failed"
    assert _index_status(out)["10_place-jiading"] == "ok"
    failed_page = (out / "html" / "10_place-xuhui.html").read_text(encoding="utf-8")
    assert "forced failure" in failed_page and "AssertionError" in failed_page
    executed = nbformat.read(out / "notebooks" / "10_place-xuhui.ipynb", as_version=4)
    assert executed.metadata["reportlib"]["status"] == "failed"
    after = _mtimes(out)
    others = [k for k in before if k.startswith(("html/", "notebooks/", "tables/"))
              and "10_place" not in k and not any(f"html/{name}." in k for name in SITE)]
    assert {k: after[k] for k in others} == {k: before[k] for k in others}  # not even rewritten


def test_changed_raw_file_reruns_what_depends_on_it(sample):
    raw, out, _ = sample
    target = raw / SAMPLE[0]
    target.touch()  # a new mtime, the same bytes: nothing to do
    settings = study.Settings(raw_dir=raw, out_dir=out, overrides=study.parse_overrides(SMALL[1::2]))
    assert [n for n, _ in study.dry_run(settings) if not n.startswith("10_place")] == []
    target.write_text(target.read_text(encoding="utf-8") + "\n全区新增就业岗位1万个。\n", encoding="utf-8")
    stale = dict(study.dry_run(settings))
    assert set(stale) == PAGES
    assert stale["00_corpus"] == "changed: raw"
    status, _ = _study(raw, out, "--only", "00_corpus")
    assert status == 0
    assert [n for n, s in _states(out).items() if s["inputs"]["raw"] == study.raw_hash(raw)] == ["00_corpus"]


def test_the_kernel_is_registered_in_a_plain_venv(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))  # a venv where `make` never ran
    study.ensure_kernel()
    spec = json.loads((tmp_path / "share" / "jupyter" / "kernels" / "reportlib" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    assert "ipykernel_launcher" in spec["argv"]


def test_english_pages(sample, tmp_path):
    """``--lang en``: the same pages in English: headings, narrative, table headers, lang attribute."""
    raw, out, _ = sample
    en = tmp_path / "out"
    shutil.copytree(out, en)
    status, _ = _study(raw, en, "--lang", "en")
    assert status == 0
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (en / "html").glob("*.html")}
    assert set(pages) == PAGES | SITE
    for name, page in pages.items():
        assert '<html lang="en">' in page, name
        assert not page_problems(page, en), name
        assert stray_script(page, "en") == [], name  # Chinese only as the reports' quoted or marked words
    assert "Key findings" in pages["index"] and "主要发现" not in pages["index"]
    assert "The places compared" in pages["20_comparison"] and "各地比较" not in pages["20_comparison"]
    assert "<th>indicator</th>" in pages["10_place-xuhui"] and "<th>指标</th>" not in pages["10_place-xuhui"]
    assert "Xuhui District" in pages["00_corpus"] and 'lang="zh-CN"' in pages["01_indicators"]  # names; quotes
