"""The `reportlib` command: CSV out, Parquet on request, bad files reported and skipped."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pandas as pd
from conftest import RAW

from reportlib.cli import main


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_documents_csv_to_stdout(capsys):
    code, out, _ = _run(["documents", str(RAW)], capsys)
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and len(df) == 14
    assert list(df.columns[:20]) == ["doc_id", "source", "place", "place_level", "adcode", "province",
                                     "prefecture", "district", "district_slug", "source_url", "publish_date",
                                     "year", "title_year", "doc_type", "meeting_date", "speaker", "speaker_title",
                                     "session", "n_chars", "warnings"]
    assert out.startswith("doc_id,"), "jionlp's import banner must not reach the CSV on stdout"


def test_sections_parquet(tmp_path, capsys):
    out = tmp_path / "sections.parquet"
    code, _, _ = _run(["sections", str(RAW / "003_d82c2995966ce095.txt"), "--format", "parquet",
                       "--out", str(out)], capsys)
    df = pd.read_parquet(out)
    assert code == 0 and set(df.columns) >= {"doc_id", "level", "number", "heading", "role", "start", "end"}
    assert (df.doc_id == "xuhui-2025-work_report").all()


def test_bad_files_are_one_line_each_and_the_rest_is_read(tmp_path, capsys):
    shutil.copy(RAW / "003_d82c2995966ce095.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 100)
    (tmp_path / "english.txt").write_text("Nothing Chinese in here.\n" * 20)
    code, out, err = _run(["documents", str(tmp_path)], capsys)
    assert code == 0
    assert len(pd.read_csv(io.StringIO(out))) == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("binary.txt" in line and "binary" in line for line in lines)


def test_exit_status_1_when_nothing_was_read(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = _run(["documents", str(tmp_path)], capsys)
    assert code == 1 and "empty.txt" in err


def test_duplicate_report_is_counted_once(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        shutil.copy(RAW / "003_d82c2995966ce095.txt", tmp_path / name)
    code, out, err = _run(["documents", str(tmp_path)], capsys)
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 1
    assert "duplicate" in err


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "reportlib", "documents", str(RAW / "002_0cb2a038c8fac1b0.txt")],
                            capture_output=True, text=True, check=True)
    assert "jiading-2021-plan_midyear" in result.stdout


def test_html_page_reads_like_its_text(tmp_path, capsys):
    report = (RAW / "003_d82c2995966ce095.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>\n" for line in report.splitlines())
    page = (f"<!DOCTYPE html><html><head><title>徐汇</title><script>var x = '<p>广告</p>';</script>"
            f"</head><body>{paragraphs}</body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    code, out, _ = _run(["documents", str(tmp_path)], capsys)
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and df.doc_id.tolist() == ["xuhui-2025-work_report"]


def test_file_with_no_report_is_named(tmp_path, capsys):
    news = "上海在推进制造业数字化转型进程中再迎关键突破,本土企业成功实现工业控制核心系统国产化。" * 5
    (tmp_path / "news.txt").write_text(f"• 【上海招商】上海工控系统国产化突破\n{news}\n2025-07-07\n", encoding="utf-8")
    code, out, err = _run(["documents", str(tmp_path)], capsys)
    assert code == 1
    assert "news.txt" in err and "no report of a known place" in err
    assert pd.read_csv(io.StringIO(out)).doc_type.tolist() == ["other"]


def test_the_command_line_starts_without_the_tokenizer_and_offers_its_units() -> None:
    """jieba loads only for a text command (it costs ~1 s of every other command's start)."""
    from reportlib.cli import text
    from reportlib.text import tokens

    assert text.UNITS == tokens.UNITS
    code = "import sys, reportlib.cli; sys.exit('jieba' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
