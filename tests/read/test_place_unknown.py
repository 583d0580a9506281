"""A report whose place cannot be told (issue 10): kept in the documents table, out of the study,
and listed with the reason in words: which statements of its place were read, which were missing.

``tests/data/placeless_report.txt`` is a work report written for this test: its title, meeting
line, speaker line and 我代表…政府 sentence name only 区, and its body names no place.
"""

from __future__ import annotations

import shutil

from conftest import RAW, STUDY_SAMPLE, TEST_DATA

from reportlib.read.corpus import read_corpus
from reportlib.read.metadata import explain_place_unknown, left_out_reason
from reportlib.report.findings import corpus_overview

PLACELESS = TEST_DATA / "placeless_report.txt"


def test_the_warning_names_each_statement_read():
    [doc] = read_corpus(PLACELESS).docs
    assert not doc.place and doc.doc_type == "work_report" and doc.year == 2019 and not doc.in_study
    [warning] = [w for w in doc.warnings if w.startswith("place_unknown")]
    assert warning == "place_unknown:title=政府工作报告|meeting=区|speaker=区长|represent=区"


def test_the_reason_says_what_was_read_and_what_was_missing():
    assert explain_place_unknown("title=政府工作报告", "en") == (
        "place could not be told: the title «政府工作报告» names no known place; there is no meeting line and no "
        "speaker line and no 我代表…政府 sentence; the body names no place unambiguously")
    assert explain_place_unknown("title=政府工作报告|speaker=区长", "zh") == (
        "无法确定所属地区：标题「政府工作报告」、报告人行「区长」中没有可识别的地名；没有会议行、“我代表…政府”一句；"
        "正文中也没有可确定的地名")
    assert left_out_reason("other", "", "zh") == "不是报告（另一篇文章）"


def test_a_placeless_report_is_left_out_with_its_reason_and_named_on_the_front_page(tmp_path):
    for name in STUDY_SAMPLE:
        shutil.copy(RAW / name, tmp_path / name)
    shutil.copy(PLACELESS, tmp_path / "placeless_2019.txt")
    corpus = read_corpus(tmp_path)
    assert {d.place for d in corpus.study_docs} == {"徐汇区", "嘉定区"}
    [row] = corpus.left_out.to_dict("records")
    assert row["source"] == "placeless_2019.txt" and row["doc_type"] == "work_report"
    assert row["reason"].startswith("place could not be told: the title «政府工作报告», the meeting line «区»")
    for lang, words in (("zh", "未纳入研究的报告"), ("en", "Reports left out of the study")):
        page = corpus_overview(corpus.documents, lang=lang)
        assert words in page and "placeless_2019.txt" in page
        assert explain_place_unknown(row["evidence"], lang) in page.replace("&#x27;", "'")
    # the placeless report is not counted among the studied reports
    assert "<b>2</b>" in corpus_overview(corpus.documents, lang="en")
