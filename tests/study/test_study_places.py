"""The study on a mixed corpus: two Shanghai districts, a province and Hailar (issue 10): every
notebook ok, one page per place whatever its level, none for a place not in the corpus.

Copies 2 seed files, 1 provincial 2026 report and 1 Hailar report into a temporary raw folder
and runs the whole study with the small settings of the other study tests.
"""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest
from conftest import DEV, RAW, STUDY_SAMPLE, STUDY_SMALL, TEST_DATA

from reportlib.cli import main

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")]

PROVINCIAL = "2026_河北省_政府工作报告.txt"  # the shortest provincial report
HAILAR = "hailar_2013.txt"


def _text(page) -> str:
    """A page's visible words, whitespace collapsed."""
    body = re.sub(r"(?s)<(script|style).*?</\1>", "", page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def test_study_of_a_mixed_corpus_runs_with_a_page_per_place(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in STUDY_SAMPLE:
        shutil.copy(RAW / name, raw / name)
    shutil.copy(DEV / "provincial-2026" / PROVINCIAL, raw / PROVINCIAL)
    shutil.copy(DEV / "hailar" / HAILAR, raw / HAILAR)
    shutil.copy(TEST_DATA / "placeless_report.txt", raw / "placeless_2019.txt")  # its place cannot be told
    status = main(["study", "--raw-dir", str(raw), "--out-dir", str(out), "--jobs", "2", *STUDY_SMALL])
    assert status == 0
    pages = {p.stem for p in (out / "html").glob("10_place-*.html")}
    assert pages == {"10_place-jiading", "10_place-xuhui", "10_place-hebei", "10_place-hailaer"}
    documents = (out / "tables" / "documents.csv").read_text(encoding="utf-8")
    assert "河北省,province,130000" in documents and "海拉尔区,county,150702,内蒙古自治区,呼伦贝尔市" in documents
    comparison = _text(out / "html" / "20_comparison.html")
    # places of one level compared; the province named as left out, with the reason
    assert "本页比较3个县级地区（徐汇区、嘉定区和海拉尔区）" in comparison
    assert "未纳入比较：1个省级地区（河北省），因为级别不同" in comparison
    hebei = _text(out / "html" / "10_place-hebei.html")
    page = (out / "html" / "10_place-hebei.html").read_text(encoding="utf-8")
    assert "<title>河北省</title>" in page and re.search(r"<h1[^>]*>\s*河北省\s*<", page)  # titled by its name
    assert "河北省：目标、完成情况与侧重" in hebei and "hebei" not in hebei.replace("hebei-2026", "")
    _text_stage_is_per_place(out)
    left_out = (out / "tables" / "left_out.csv").read_text(encoding="utf-8")
    assert left_out.splitlines()[0] == "doc_id,source,doc_type,reason,evidence"
    assert "placeless_2019.txt,work_report,\"place could not be told: the title «政府工作报告»" in left_out
    # listed with the reason in words on the corpus page and the front page, in no comparison
    reason = "无法确定所属地区：标题「政府工作报告」、会议行「区」、报告人行「区长」"
    assert reason in _text(out / "html" / "00_corpus.html") and reason in _text(out / "html" / "index.html")
    assert "另有1份文档未纳入研究" in comparison


def _text_stage_is_per_place(out) -> None:
    """Keyness, topic shares and emphasis of every place, whatever its level, by its name; no empty group."""
    import pandas as pd

    places = {"徐汇区", "嘉定区", "河北省", "海拉尔区"}
    tables = {n: pd.read_csv(out / "tables" / f"{n}.csv", keep_default_na=False)
              for n in ("keyness", "topic_shares", "emphasis", "commitment", "doc_topics")}
    assert {"河北省", "海拉尔区"} <= set(tables["keyness"]["group"]) <= places
    assert set(tables["keyness"]["by"]) == {"place"}
    shares = tables["topic_shares"]
    assert set(shares.loc[shares["by"] == "place", "group"]) == places and "" not in set(shares["group"])
    for name in ("emphasis", "commitment", "doc_topics"):
        assert "district" not in tables[name] and set(tables[name]["place"]) == places, name
    assert set(tables["emphasis"].loc[tables["emphasis"]["place"] == "河北省", "place_level"]) == {"province"}
    text, topics = _text(out / "html" / "02_text.html"), _text(out / "html" / "03_topics.html")
    assert "各地关键词" in text and "河北省 2026年 政府工作报告" in text and "hebei-2026" not in text
    assert "河北省" in topics and "省级" in topics
