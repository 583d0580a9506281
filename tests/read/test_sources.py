"""Raw bytes → text in every encoding people save reports in; clear errors for bad files."""

from __future__ import annotations

import pytest
from conftest import RAW

from reportlib.read.normalize import clean_text
from reportlib.read.sources import RawFileError, read_raw

SNIPPET = (RAW / "003_d82c2995966ce095.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16", b""),
     ("utf-16-le", b""), ("utf-16-be", b"")],
)
def test_encodings_give_the_same_text(tmp_path, encoding, prefix):
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + SNIPPET.encode(encoding))
    raw = read_raw(path)
    assert clean_text(raw.text) == clean_text(SNIPPET)


def test_gb18030_is_reported_as_guessed(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SNIPPET.encode("gb18030"))
    raw = read_raw(path)
    assert raw.encoding == "gb18030" and raw.guessed


def test_crlf_reads_like_lf(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SNIPPET.replace("\n", "\r\n").encode("utf-8"))
    assert clean_text(read_raw(path).text) == clean_text(SNIPPET)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"   \n\n", "empty file"),
     (bytes(range(256)) * 40, "binary file"),
     (b"Hello world, no report here.\n" * 10, "no Chinese text"),
     (b"\xff\xfe\xfd" + "政府工作报告".encode()[:-1] * 3, "")],
)
def test_bad_files_raise_with_file_name(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(RawFileError) as err:
        read_raw(path)
    assert "bad.txt" in str(err.value)
    assert reason in err.value.reason
