"""The command line as a person uses it: readable text in the terminal, `make lab` as root."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import RAW, ROOT

from reportlib import read_corpus
from reportlib.cli import main

NOTE = re.compile(r"^\d+\. (\S+)：「(.*)」$")


@pytest.mark.parametrize("argv", [["profile", "xuhui", str(RAW)], ["compare", str(RAW)]])
def test_profile_and_compare_print_plain_text_quoting_the_reports_verbatim(argv, capsys):
    assert main(argv) == 0
    text = capsys.readouterr().out
    for escape in ("&#58;", "&#64;", "\\-", "&lt;", "&amp;", "<sup>", "<span"):
        assert escape not in text, escape
    corpus = read_corpus(RAW)
    notes = [NOTE.match(line) for line in text.splitlines() if NOTE.match(line)]
    assert len(notes) >= 10
    for note in notes:  # each footnote's quote, unescaped, is in its report as written
        for part in note.group(2).split(" / "):
            assert part in corpus.text(note.group(1)).replace("\n", " "), (note.group(1), part)
    assert re.search(r"[。）][\[]\d+(,\d+)*\]$", text, re.MULTILINE)  # footnote marks as [1,2]


def test_markdown_stays_escaped_on_request(capsys):
    assert main(["profile", "xuhui", str(RAW), "--format", "markdown"]) == 0
    assert "<sup>[1](#src-xuhui-zh-1)</sup>" in capsys.readouterr().out


def test_make_lab_passes_allow_root_to_root_only():
    cmd = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in cmd.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in line) == (subprocess.check_output(["id", "-u"], text=True).strip() == "0")
