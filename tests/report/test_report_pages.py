"""What the study's pages are made of: declared columns, display tables, parents' targets, findings."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from reportlib import schema
from reportlib.lexicon import read_rows
from reportlib.measure import panel
from reportlib.measure.indicators import extract_text
from reportlib.report import display, findings, methods, narrative, parents
from reportlib.report.compare import StudyTables

# ---------------------------------------------------------------- one source of truth, checked against itself


def test_fields_declare_each_column_once_with_a_known_type():
    seen = [(f.table, f.column) for f in schema.fields()]
    assert len(seen) == len(set(seen))
    assert all(f.dtype in schema.DTYPES and f.label_zh and f.label_en and f.description for f in schema.fields())
    assert all(f.description_zh for f in schema.fields())  # the Chinese codebook has every meaning


def test_value_labels_name_exactly_the_declared_vocabularies():
    """Every closed vocabulary of fields.csv has a display name for each value, and no label names a ghost."""
    labels = {(r["column"], r["value"]) for r in read_rows("value_labels.csv")}
    for vocab in ("kind", "measure", "qualifier", "basis", "place_level"):
        declared = {v for f in schema.fields() if f.column == vocab for v in f.values}
        assert declared == {v for c, v in labels if c == vocab}, vocab
    roles = {v for f in schema.fields() if f.column == "role" for v in f.values}
    assert roles == {v for c, v in labels if c == "role"}
    doc_types = {r["doc_type"] for r in read_rows("doc_type_labels.csv")}
    assert {v for f in schema.fields() if f.column == "doc_type" for v in f.values} == doc_types


def test_indicator_names_live_in_one_file():
    """``label_en`` and ``better`` are facts of indicator_display.csv only, not repeated in indicators.csv."""
    extractor = read_rows("indicators.csv")
    assert extractor and not ({"label_en", "better"} & set(extractor[0]))
    shown = {r["indicator"] for r in read_rows("indicator_display.csv")}
    assert {r["indicator"] for r in extractor} <= shown  # every extracted id has a display name


def test_conform_orders_and_types_columns_and_keeps_the_undeclared():
    df = pd.DataFrame({"extra": [1], "end": ["7"], "doc_id": ["x"], "start": ["3"]})
    out = schema.conform(df, "sections")
    assert list(out.columns) == ["doc_id", "start", "end", "extra"]
    assert str(out["start"].dtype) == "Int64" and schema.undeclared(df, "sections") == ["extra"]


# ---------------------------------------------------------------- tables as a reader sees them


def test_display_table_has_names_units_and_no_nan():
    df = pd.DataFrame({"indicator": ["gdp", "pm25"], "kind": ["target", "actual"], "value": [6.50, float("nan")],
                       "qualifier": ["at_least", None], "quote": ["地区生产总值增长6%以上", "PM2.5\n浓度"]})
    page = display.table_html(df, "indicators")
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", page)
    assert cells[:5] == ["指标", "类别", "数值", "限定", "原文"]
    assert cells[5:10] == ["地区生产总值", "目标", "6.5", "以上", "地区生产总值增长6%以上"]
    assert "NaN" not in page and "None" not in page and "PM2.5 / 浓度" in page
    en = display.table_html(df, "indicators", lang="en")
    assert "<th>indicator</th>" in en and "GDP" in en and "at least" in en
    assert '<td lang="zh-CN">地区生产总值增长6%以上</td>' in en  # the report's words, marked


@pytest.mark.parametrize("column, value, zh, en", [
    ("district", "徐汇区", "徐汇区", "Xuhui District"),
    ("parent", "内蒙古自治区", "内蒙古自治区", "Inner Mongolia Autonomous Region"),
    ("unit", "亿元", "亿元", "hundred million yuan"),
    ("reference", "same year and type", "同年同类报告", "same year and type"),
    ("warnings", "title_year_mismatch;truncated", "标题或列表所称年份与正文不符；正文在报告中途中断",
     "the year a title or listing claims differs from the text's; the text stops mid-report"),
])
def test_values_are_shown_in_the_page_language(column, value, zh, en):
    assert display.value_label(column, value, "zh") == zh and display.value_label(column, value, "en") == en


# ---------------------------------------------------------------- one rule for "met"


@pytest.mark.parametrize("actual, target, high, qualifier, better", [
    (4.6, 5, None, "approx", "higher"),   # 5%左右 met by 4.6% (within the tolerance)
    (4.4, 5, None, "approx", "higher"),   # … but not by 4.4%
    (5.8, 6, 7, "", "higher"),            # 6-7% missed by 5.8%
    (6, 6, None, "at_least", "higher"),
    (35, 36, None, "at_most", "lower"),   # PM2.5 ≤ 36
])
def test_the_panel_and_the_narratives_agree_on_met(corpus, actual, target, high, qualifier, better):
    """One pairing and one rule: the narratives' results are the panel's rows, met as ``panel.is_met`` says."""
    indicator = {"higher": "gdp", "lower": "pm25"}[better]
    unit = "%" if better == "higher" else "微克/立方米"
    measure = "growth" if better == "higher" else "level"
    rows = [dict(doc_id="a-2021-work_report", source="a.txt", district="徐汇区", year=2021, indicator=indicator,
                 kind="target", measure=measure, value=target, value_high=high, qualifier=qualifier, unit=unit,
                 quote="t", start=0, end=1, doc_type="work_report", section_role="targets", basis=""),
            dict(doc_id="a-2022-work_report", source="b.txt", district="徐汇区", year=2021, indicator=indicator,
                 kind="actual", measure=measure, value=actual, value_high=None, qualifier="", unit=unit,
                 quote="a", start=0, end=1, doc_type="work_report", section_role="review", basis="")]
    ind = pd.DataFrame(rows)
    expected = panel.is_met(actual, target, high, qualifier, better)
    pairs = panel.targets_vs_actuals(ind)
    assert bool(pairs["met"].iloc[0]) == expected
    docs = pd.DataFrame([{"doc_id": r["doc_id"], "district": "徐汇区", "year": y, "doc_type": "work_report",
                          "source": r["source"]} for r, y in zip(rows, (2021, 2022), strict=True)])
    res = narrative.target_results(StudyTables(documents=docs, indicators=ind))
    assert list(res.columns) == panel.PANEL_COLUMNS == schema.columns("targets_vs_actuals")
    assert bool(res["met"].iloc[0]) == expected
    said = narrative.result_sentence(res.iloc[0].to_dict()).zh
    assert said.endswith("完成了目标。" if expected else "未完成目标。")


# ---------------------------------------------------------------- the parent's target


def test_every_reference_target_carries_its_source_and_quote():
    ref = parents.reference_targets()
    assert len(ref)
    for r in ref.to_dict("records"):
        assert r["source_title"] and r["quote"], r
        assert re.sub(r"\.0$", "", str(r["value"])) in r["quote"], r  # the value is read off the quote


def _tables(text_by_doc: dict[str, tuple[str, int, str]]) -> StudyTables:
    docs, ind = [], []
    for doc_id, (district, year, text) in text_by_doc.items():
        docs.append({"doc_id": doc_id, "district": district, "year": year, "doc_type": "work_report",
                     "source": "x.txt", "warnings": "", "district_slug": doc_id.split("-")[0]})
        rows = extract_text(text, year=year)
        rows = rows.assign(doc_id=doc_id, district=district, doc_type="work_report", source="x.txt")
        ind.append(rows)
    return StudyTables(documents=pd.DataFrame(docs), indicators=pd.concat(ind, ignore_index=True))


def test_districts_against_the_municipality_from_the_reference_table():
    tables = _tables({"songjiang-2021-work_report": ("松江区", 2021, "今年主要预期目标是：地区生产总值增长7%。"),
                      "xuhui-2021-work_report": ("徐汇区", 2021, "今年主要预期目标是：地区生产总值增长6%以上。")})
    df, missing = parents.parent_targets(tables)
    gdp = df[df["indicator"] == "gdp"].set_index("place")
    assert gdp.loc["松江区", "difference"] == 1 and gdp.loc["徐汇区", "difference"] == 0
    assert set(gdp["parent"]) == {"上海市"} and set(gdp["parent_source"]) == {"reference"}
    sentence = parents.parent_narrative(tables).sentences[0]
    assert "上海市" in sentence.zh and "高出1个百分点" in sentence.zh
    assert any("6%以上" in s.quote for s in sentence.sources)  # the parent's target cited verbatim
    assert missing == []


def test_a_parent_year_found_nowhere_is_said_to_be_missing():
    text = "今年主要预期目标是：区级财政收入增长10%，地区生产总值增长10%。"
    tables = _tables({"yangpu-2012-work_report": ("杨浦区", 2012, text)})
    _, missing = parents.parent_targets(tables)
    assert missing == [("上海市", 2012)]
    said = parents.parent_narrative(tables).sentences
    assert any("2012年上海市的目标" in s.zh and "未在参考表中找到" in s.zh for s in said)


# ---------------------------------------------------------------- the front page


def test_corpus_overview_names_places_years_and_flagged_documents():
    docs = pd.DataFrame([
        {"doc_id": "xuhui-2021-work_report", "district": "徐汇区", "year": 2021, "doc_type": "work_report",
         "source": "a.txt", "warnings": ""},
        {"doc_id": "yangpu-2012-work_report", "district": "杨浦区", "year": 2012, "doc_type": "work_report",
         "source": "a.txt", "warnings": "title_year_mismatch"}])
    zh = findings.corpus_overview(docs, place_pages={"徐汇区": "10_place-xuhui.html"})
    assert "<b>2</b>个地区" in zh and "2012–2021年" in zh and "上海市" in zh
    assert 'href="10_place-xuhui.html"' in zh and "yangpu-2012-work_report" in zh and "不符" in zh
    en = findings.corpus_overview(docs, lang="en")
    assert "2012–2021" in en and "differs" in en


TRADITIONAL = set("產總額預長億經濟財實際國價")  # forms a simplified quote never has


def test_every_reference_target_has_its_url_and_a_simplified_quote():
    ref = parents.reference_targets()
    for r in ref.to_dict("records"):
        assert r["source_url"].startswith("http"), r
        assert not TRADITIONAL & set(r["quote"]), r
        if pd.notna(r["value_high"]):
            assert re.sub(r"\.0$", "", str(r["value_high"])) in r["quote"], r


def test_a_province_is_compared_with_the_national_target():
    text = "今年主要预期目标是：地区生产总值增长5.5%左右。"
    tables = _tables({"zhejiang-2026-work_report": ("浙江省", 2026, text)})
    tables.documents["place_level"] = "province"
    df, missing = parents.parent_targets(tables)
    gdp = df[df["indicator"] == "gdp"].iloc[0]
    assert gdp["parent"] == "中华人民共和国" and gdp["parent_value"] == 4.5 and gdp["parent_value_high"] == 5
    assert gdp["difference"] == 1 and missing == []


def test_accuracy_inputs_follow_the_scorers_gold_files_and_texts(tmp_path):
    texts, gold = tmp_path / "texts", tmp_path / "gold.csv"
    texts.mkdir()
    (texts / "a.txt").write_text("某区政府工作报告", encoding="utf-8")
    gold.write_text("source,value\na.txt,1\n", encoding="utf-8")
    (tmp_path / "benchmarks").mkdir()
    scorer = f"from pathlib import Path\nCORPORA = {{'dev': (Path({str(texts)!r}), Path({str(gold)!r}))}}\n"
    (tmp_path / "benchmarks" / "accuracy.py").write_text(scorer, encoding="utf-8")
    first = methods.accuracy_inputs(root=tmp_path)
    assert set(first) == {"benchmarks/accuracy.py", "dev gold gold.csv", "dev text a.txt"}
    gold.write_text("source,value\na.txt,2\n", encoding="utf-8")
    changed = methods.accuracy_inputs(root=tmp_path)
    assert [k for k in first if first[k] != changed[k]] == ["dev gold gold.csv"]
