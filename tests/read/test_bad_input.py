"""Issue 14's failures on input: each reproduced in a temporary folder, each now one clear line.

Root reads any file whatever its mode bits, and CI runs as root: there an unreadable file or
folder is simulated by making ``os.open`` / ``os.scandir`` / ``open`` refuse that one path with
the ``PermissionError`` a user gets; elsewhere the mode bits are taken away for real.
"""

from __future__ import annotations

import builtins
import io
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import RAW, ROOT

from reportlib import read_corpus
from reportlib.cli import main
from reportlib.read import cache, sources
from reportlib.read.sources import RawFileError, read_raw

GOOD = "003_d82c2995966ce095.txt"
FRENCH = ("Rapport annuel du gouvernement : l'économie a progressé, la qualité de vie s'est améliorée."
          " Année après année, les réformes continuent à élever le niveau de vie. ") * 30


def _good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAW / GOOD, folder / GOOD)
    return folder


def _documents(folder: Path, capsys) -> tuple[int, pd.DataFrame, list[str]]:
    code = main(["documents", str(folder)])
    out = capsys.readouterr()
    return code, pd.read_csv(io.StringIO(out.out)), out.err.strip().splitlines()


def _unreadable(path: Path, monkeypatch) -> None:
    """Make ``path`` unreadable: its mode bits, or (as root) a refusal of that one path."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    refuse = PermissionError(13, "Permission denied", str(path))
    real_open, real_os_open, real_scandir = builtins.open, os.open, os.scandir

    def guarded(real):
        def call(p, *a, **kw):
            if Path(os.fspath(p)) == path:
                raise refuse
            return real(p, *a, **kw)
        return call

    monkeypatch.setattr(builtins, "open", guarded(real_open))
    monkeypatch.setattr(os, "open", guarded(real_os_open))
    monkeypatch.setattr(os, "scandir", guarded(real_scandir))


# -- 5. Latin-1 text decoded as UTF-16LE (慒灰牯…), kept as a document


def test_latin1_text_is_not_a_chinese_text_and_never_utf16_gibberish(tmp_path, capsys):
    data = FRENCH.encode("latin-1")
    assert len(data) % 2 == 0 and "灰" in data.decode("utf-16-le")[:3]  # the 慒灰牯 reading
    folder = _good(tmp_path / "raw")
    (folder / "rapport.txt").write_bytes(data)
    with pytest.raises(RawFileError) as err:
        read_raw(folder / "rapport.txt")
    assert err.value.reason.startswith("not a Chinese text")
    code, docs, err_lines = _documents(folder, capsys)
    assert code == 0 and list(docs.source) == [GOOD]
    assert err_lines == [f"reportlib: rapport.txt: {err.value.reason}"]


def test_rare_characters_from_a_wrong_encoding_are_not_a_chinese_text(tmp_path):
    """Random GB2312-range bytes decode to valid but rare characters: not prose."""
    rng = random.Random(14)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(0xB0, 0xF7) for _ in range(6000)))
    with pytest.raises(RawFileError, match="not a Chinese text"):
        read_raw(path)


def test_real_reports_pass_the_prose_check_in_every_encoding(tmp_path):
    text = (RAW / GOOD).read_text(encoding="utf-8")
    assert sources.prose_share(text) > 0.6
    for enc in ("utf-16-le", "utf-16-be", "gb18030"):
        (tmp_path / f"{enc}.txt").write_bytes(text.encode(enc))
        assert read_raw(tmp_path / f"{enc}.txt").encoding == enc


# -- 3. one unreadable raw file stops the study (hashing the raw files)


def test_an_unreadable_raw_file_is_hashed_as_unreadable_and_skipped_with_a_line(tmp_path, monkeypatch, capsys):
    folder = _good(tmp_path / "raw")
    locked = folder / "locked.txt"
    shutil.copy(RAW / "002_0cb2a038c8fac1b0.txt", locked)
    before = cache.raw_hash(folder)
    _unreadable(locked, monkeypatch)
    after = cache.raw_hash(folder)  # raised PermissionError before
    assert after != before
    code, docs, err = _documents(folder, capsys)
    assert code == 0 and list(docs.source) == [GOOD]
    assert err == ["reportlib: locked.txt: cannot read: permission denied (give read permission or move it"
                   " out of the folder)"]


# -- 6. link loops, unreadable sub-folders and FIFOs: one line each, no hang


def test_link_loops_and_an_unreadable_subfolder_are_one_line_each(tmp_path, monkeypatch, capsys):
    folder = _good(tmp_path / "raw")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "private").mkdir()
    shutil.copy(RAW / "002_0cb2a038c8fac1b0.txt", folder / "private" / "r.txt")
    _unreadable(folder / "private", monkeypatch)
    code, docs, err = _documents(folder, capsys)
    assert code == 0 and list(docs.source) == [GOOD]
    assert sorted(err) == [
        "reportlib: loop.txt: symbolic link loop: skipped (point the link at a file)",
        "reportlib: private: cannot read folder: permission denied (give read permission or move it out of"
        " the folder)",
        "reportlib: sub/up: symbolic link loop (folder already read): skipped"]


@pytest.mark.parametrize("named", [False, True])
def test_a_fifo_is_one_line_and_never_blocks(tmp_path, named):
    folder = _good(tmp_path / "raw")
    os.mkfifo(folder / "pipe.txt")
    target = [str(folder / "pipe.txt"), str(folder / GOOD)] if named else [str(folder)]
    proc = subprocess.run([sys.executable, "-m", "reportlib", "documents", *target], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # blocked forever before
    assert proc.returncode == 0
    assert pd.read_csv(io.StringIO(proc.stdout)).source.tolist() == [GOOD]
    assert proc.stderr.strip() == "reportlib: pipe.txt: a FIFO (named pipe), not a regular file: skipped"


def test_skipped_entries_are_in_the_corpus_with_paths_relative_to_the_folder(tmp_path):
    folder = _good(tmp_path / "raw")
    (folder / "a").mkdir()
    (folder / "a" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    corpus = read_corpus(folder)
    assert [(s.source, s.reason.split(":")[0]) for s in corpus.skipped] == [
        ("a/gone.txt", f"broken symbolic link to {tmp_path / 'nowhere.txt'}")]
