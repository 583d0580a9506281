"""Bad and unusual input built in a temporary directory: the corpus reads the same or fails clearly."""

from __future__ import annotations

import io
import re
import shutil

import pandas as pd
import pytest
from conftest import RAW

from reportlib import read_corpus
from reportlib.cli import main

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")  # a year written before 年: shifted in copies
COMPARED = ["doc_id", "district", "year", "title_year", "doc_type", "meeting_date", "speaker", "session",
            "n_chars"]


@pytest.fixture(scope="module")
def utf8_documents():
    return read_corpus(RAW).documents[COMPARED].reset_index(drop=True)


@pytest.mark.parametrize(
    "variant",
    ["gb18030", "utf-16", "utf-8-sig", "crlf"],
)
def test_reencoded_corpus_gives_the_same_documents(tmp_path, utf8_documents, variant):
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        data = text.replace("\n", "\r\n").encode("utf-8") if variant == "crlf" else text.encode(variant)
        (tmp_path / path.name).write_bytes(data)
    corpus = read_corpus(tmp_path)
    got = corpus.documents[COMPARED].reset_index(drop=True)
    assert got.equals(utf8_documents)
    if variant == "gb18030":
        assert all("encoding_guessed:gb18030" in w for w in corpus.documents.warnings)


def test_script_tags_in_a_report_stay_text(tmp_path):
    text = (RAW / "003_d82c2995966ce095.txt").read_text(encoding="utf-8")
    text = text.replace("一年来,", "一年来,<script>alert(1)</script><b>加粗</b>", 1)
    (tmp_path / "xss.txt").write_text(text, encoding="utf-8")
    doc = read_corpus(tmp_path).docs[0]
    assert "<script>alert(1)</script>" in doc.text  # data, kept verbatim; pages must escape it


def test_a_20_mb_text_is_read_beside_an_empty_and_a_good_file(tmp_path, capsys):
    """~36 copies of the corpus in one 20 MB file, each copy's years shifted back so none repeats."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    copies = []
    while sum(len(t.encode()) for t in copies) < 20_000_000:
        k = len(copies) // len(texts) + 1
        copies.append(YEAR.sub(lambda m, k=k: str(int(m.group(1)) - k), texts[len(copies) % len(texts)]))
    (tmp_path / "big.txt").write_text("\n".join(copies), encoding="utf-8")
    shutil.copy(RAW / "003_d82c2995966ce095.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    code = main(["documents", str(tmp_path)])
    (tmp_path / "big.txt").unlink()  # pytest keeps the last runs' folders: not 20 MB each
    captured = capsys.readouterr()
    df = pd.read_csv(io.StringIO(captured.out))
    assert code == 0 and "Traceback" not in captured.err
    assert df[df.source == "good.txt"].doc_id.tolist() == ["xuhui-2025-work_report"]
    assert any("empty.txt" in line and "empty" in line for line in captured.err.splitlines())
    n_copies = len(copies) // len(texts)
    per_district = df[(df.source == "big.txt") & df.district.notna()].groupby("district").size()
    assert len(per_district) == 8 and (per_district >= n_copies).all()
