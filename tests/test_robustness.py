"""Bad and unusual input built in a temporary directory: the corpus reads the same or fails clearly."""

from __future__ import annotations

import pytest
from conftest import RAW

from reportlib import read_corpus

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
