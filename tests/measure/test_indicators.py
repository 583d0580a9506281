"""Indicators: real report snippets → the rows they state (spec: indicators)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from reportlib.measure.flat_tables import table_cells
from reportlib.measure.indicators import extract_indicators, extract_text
from reportlib.measure.quantities import find_quantities
from reportlib.records import INDICATOR_COLUMNS

REVIEW = "一、2020年工作回顾\n"  # headings give the frame: last year's actuals …
TASKS = "一、2021年主要任务\n"  # … this year's targets …
MIDYEAR = "一、上半年国民经济和社会发展计划执行情况\n"  # … or this year's first half (a mid-year report)
OUTLINE = "一、关于《上海市青浦区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要(草案)》的说明\n"


def rows(text: str, *, year: int = 2021, doc_type: str = "work_report") -> list[tuple]:
    """(indicator, kind, year, measure, value, value_high, qualifier, basis, unit) of each row."""
    df = extract_text(text, year=year, doc_type=doc_type)
    out = []
    for r in df.itertuples(index=False):
        value = None if pd.isna(r.value) else r.value
        high = None if pd.isna(r.value_high) else r.value_high
        out.append((r.indicator, r.kind, int(r.year), r.measure, value, high, r.qualifier, r.basis,
                    r.unit))
    return out


CASES = {
    "level and growth in one clause": (
        REVIEW + "一般公共预算收入实现583.1亿元、增长0.4%。",
        [("general_budget_revenue", "actual", 2020, "level", 583.1, None, "", "", "亿元"),
         ("general_budget_revenue", "actual", 2020, "growth", 0.4, None, "", "", "%")]),
    "comparable decline is a negative growth": (
        REVIEW + "全区增加值完成2488.4亿元,可比下降3.9%;",
        [("gdp", "actual", 2020, "level", 2488.4, None, "", "", "亿元"),
         ("gdp", "actual", 2020, "growth", -3.9, None, "", "comparable", "%")]),
    "year-on-year basis carried into the next clause": (
        REVIEW + "一般公共预算收入完成119.39亿元,同比增长2%。",
        [("general_budget_revenue", "actual", 2020, "level", 119.39, None, "", "", "亿元"),
         ("general_budget_revenue", "actual", 2020, "growth", 2.0, None, "", "yoy", "%")]),
    "range in the targets paragraph": (
        TASKS + "建议2021年全区经济社会发展主要预期目标是:地区生产总值可比增长6-7%,区级一般公共预算收入同比增长3%。",
        [("gdp", "target", 2021, "growth", 6.0, 7.0, "", "comparable", "%"),
         ("district_budget_revenue", "target", 2021, "growth", 3.0, None, "", "yoy", "%")]),
    "thousands separator inside a number": (
        REVIEW + "规模以上工业总产值完成1,850.3亿元,增长3.3%。",
        [("industrial_output", "actual", 2020, "level", 1850.3, None, "", "", "亿元"),
         ("industrial_output", "actual", 2020, "growth", 3.3, None, "", "", "%")]),
    "range written 6%-7%": (
        TASKS + "主要预期目标是:地区生产总值增长6%-7%。",
        [("gdp", "target", 2021, "growth", 6.0, 7.0, "", "", "%")]),
    "qualifiers 以上 and 左右": (
        TASKS + "今年经济社会发展主要预期指标是:地区生产总值增长6%以上,区级一般公共预算收入增长5%左右。",
        [("gdp", "target", 2021, "growth", 6.0, None, "at_least", "", "%"),
         ("district_budget_revenue", "target", 2021, "growth", 5.0, None, "approx", "", "%")]),
    "控制在…以内": (
        TASKS + "城镇登记失业人数控制在13590人以内。",
        [("registered_unemployed", "target", 2021, "level", 13590.0, None, "at_most", "", "人")]),
    "超 before both numbers": (
        REVIEW + "外贸进出口总额超2900亿元,同比增长超10%。",
        [("foreign_trade", "actual", 2020, "level", 2900.0, None, "at_least", "", "亿元"),
         ("foreign_trade", "actual", 2020, "growth", 10.0, None, "at_least", "yoy", "%")]),
    "接近 is approx": (
        REVIEW + "环境空气质量AQI优良率接近90%。",
        [("aqi_good_rate", "actual", 2020, "share", 90.0, None, "approx", "", "%")]),
    "分别: two indicators, the unit shared": (
        TASKS + "主要预期目标是:合同外资、实到外资分别为8亿、6亿美元。",
        [("contracted_foreign_investment", "target", 2021, "level", 8.0, None, "", "", "亿美元"),
         ("actual_foreign_investment", "target", 2021, "level", 6.0, None, "", "", "亿美元")]),
    "分别 carried into the growth clause": (
        MIDYEAR + "商品销售总额和社会消费品零售总额分别完成3654.2亿元和878.9亿元,"
        "同比分别增长25.0%和26.4%。",
        [("commodity_sales", "h1_actual", 2021, "level", 3654.2, None, "", "", "亿元"),
         ("retail_sales", "h1_actual", 2021, "level", 878.9, None, "", "", "亿元"),
         ("commodity_sales", "h1_actual", 2021, "growth", 25.0, None, "", "yoy", "%"),
         ("retail_sales", "h1_actual", 2021, "growth", 26.4, None, "", "yoy", "%")]),
    "a milestone without digits is no measured figure": (
        OUTLINE + "“十三五”时期,是青浦从追赶迈向跨越的五年。经济实力大幅跃升,地区生产总值2017年首破千亿元大关。",
        []),
    "个百分点 is change_pp": (
        MIDYEAR + "优良率为93.4%,同比提高7.1个百分点。",
        [("aqi_good_rate", "h1_actual", 2021, "share", 93.4, None, "", "", "%"),
         ("aqi_good_rate", "h1_actual", 2021, "change_pp", 7.1, None, "", "yoy", "个百分点")]),
    "收窄 … 个百分点 carried from the subject": (
        REVIEW + "一般公共预算收入完成220.4亿元,同比下降18.6%,降幅较上半年收窄4个百分点;",
        [("general_budget_revenue", "actual", 2020, "level", 220.4, None, "", "", "亿元"),
         ("general_budget_revenue", "actual", 2020, "growth", -18.6, None, "", "yoy", "%"),
         ("general_budget_revenue", "actual", 2020, "change_pp", 4.0, None, "", "", "个百分点")]),
    "预计 holds for the growth after it": (
        REVIEW + "预计实现地区生产总值1134亿元,增长1%。",
        [("gdp", "estimate", 2020, "level", 1134.0, None, "", "", "亿元"),
         ("gdp", "estimate", 2020, "growth", 1.0, None, "", "", "%")]),
    "预计 ends where a clause says 完成": (
        REVIEW + "全年预计地区生产总值增长2.5%左右;完成区级一般公共预算收入198.1亿元,同比增长2%。",
        [("gdp", "estimate", 2020, "growth", 2.5, None, "approx", "", "%"),
         ("district_budget_revenue", "actual", 2020, "level", 198.1, None, "", "", "亿元"),
         ("district_budget_revenue", "actual", 2020, "growth", 2.0, None, "", "yoy", "%")]),
    "five-year plan figures": (
        OUTLINE + "综合考虑,“十四五”时期,地区生产总值年均增长8%左右,力争2025年达到2000亿元;"
        "全社会固定资产投资累计4000亿元左右。",
        [("gdp", "plan_period_target", 2025, "growth", 8.0, None, "approx", "", "%"),
         ("gdp", "plan_period_target", 2025, "level", 2000.0, None, "", "", "亿元"),
         ("fixed_asset_investment", "plan_period_target", 2025, "level", 4000.0, None, "approx", "", "亿元")]),
    "from … to in a five-year review": (
        REVIEW + "回首过去,这是综合经济实力持续领先的五年。区级一般公共预算收入从214亿元增长到近300亿元。",
        [("district_budget_revenue", "actual", 2015, "level", 214.0, None, "", "", "亿元"),
         ("district_budget_revenue", "actual", 2020, "level", 300.0, None, "approx", "", "亿元")]),
    "first half in a work report": (
        REVIEW + "面对上半年增加值下降14.1%、汽车产业制造业产值下降28.4%的困难局面。",
        [("gdp", "h1_actual", 2020, "growth", -14.1, None, "", "", "%")]),
    "target of last year named in the review": (
        REVIEW + "城镇登记失业4123人、控制在目标4750人以内。",
        [("registered_unemployed", "actual", 2020, "level", 4123.0, None, "", "", "人"),
         ("registered_unemployed", "target", 2020, "level", 4750.0, None, "at_most", "", "人")]),
    "qualitative targets keep a row without a value": (
        TASKS + "主要预期目标是:居民人均可支配收入增长与经济增长保持同步,城镇登记失业人数控制在市下达指标内。",
        [("disposable_income", "target", 2021, "growth", None, None, "", "", ""),
         ("registered_unemployed", "target", 2021, "level", None, None, "at_most", "", "")]),
    "a percentage that is a share, not a growth": (
        REVIEW + "战略性新兴产业产值占规模以上工业总产值的比重提高到52.4%。",
        [("strategic_emerging_output", "actual", 2020, "share", 52.4, None, "", "", "%")]),
    "the base of a ratio is no subject": (
        TASKS + "生态环保投入占一般公共预算收入比重不低于3%。",
        []),
    "a number that belongs to the next clause's own subject": (
        REVIEW + "固定资产投资完成429.7亿元,同比增长18.3%;新增注册企业2.6万户,同比增长28.7%。",
        [("fixed_asset_investment", "actual", 2020, "level", 429.7, None, "", "", "亿元"),
         ("fixed_asset_investment", "actual", 2020, "growth", 18.3, None, "", "yoy", "%"),
         ("new_firms", "actual", 2020, "level", 2.6, None, "", "", "万户"),
         ("new_firms", "actual", 2020, "growth", 28.7, None, "", "yoy", "%")]),
    "a percentage of something else after the subject": (
        REVIEW + "新增就业岗位19000个、完成目标105.6%。",
        [("new_jobs", "actual", 2020, "level", 19000.0, None, "", "", "个")]),
    "亿 takes the indicator's 亿元": (
        REVIEW + "区级一般公共预算收入完成298亿,实现了0.2%的正增长。",
        [("district_budget_revenue", "actual", 2020, "level", 298.0, None, "", "", "亿元"),
         ("district_budget_revenue", "actual", 2020, "growth", 0.2, None, "", "", "%")]),
    "万平方米 is no amount of money": (
        REVIEW + "旧区改造完成12万平方米,固定资产投资增长16.9%。",
        [("fixed_asset_investment", "actual", 2020, "growth", 16.9, None, "", "", "%")]),
    "dates and counts are not indicators": (
        REVIEW + "自2020年2月5日以来无新增本土确诊病例,27名医务人员驰援武汉,新增就业岗位3.2万个。",
        [("new_jobs", "actual", 2020, "level", 3.2, None, "", "", "万个")]),
    "a first quarter's figures are the year to date, not the year's": (
        REVIEW + "一季度我区经济遭受严重冲击,地区生产总值和区级一般公共预算收入出现8.5%和10.8%的大幅下降。",
        [("gdp", "ytd_actual", 2020, "growth", -8.5, None, "", "", "%"),
         ("district_budget_revenue", "ytd_actual", 2020, "growth", -10.8, None, "", "", "%")]),
    "a single quarter's figure is left out": (
        REVIEW + "三季度地区生产总值增长4.1%。",
        []),
    "a sub-item (区属) is not the indicator": (
        MIDYEAR + "规模以上工业完成2438.1亿元,同比增长11.7%,"
        "其中区属规模以上工业完成1425.1亿元,同比增长24.4%。",
        [("industrial_output", "h1_actual", 2021, "level", 2438.1, None, "", "", "亿元"),
         ("industrial_output", "h1_actual", 2021, "growth", 11.7, None, "", "yoy", "%")]),
    "an industry's value added is not GDP": (
        TASKS + "优先发展知识型现代服务业,实现增加值年均增长20%。四大园区实现规模以上工业总产值2047亿元。",
        []),
    "a sum over a list of industries is not the district's": (
        REVIEW + "聚焦四大特色产业,合计规模以上工业总产值达到2430亿元,同比增长3.4%。",
        []),
    "the city's figure is not the district's": (
        REVIEW + "面对一季度全市生产总值大幅下降6.7%的困难局面;全市生产总值增长1.7%。",
        []),
    "万亿元 and 之内": (
        REVIEW + "地区生产总值超过1万亿元。城镇登记失业人数控制在市下达目标之内。",
        [("gdp", "actual", 2020, "level", 1.0, None, "at_least", "", "万亿元"),
         ("registered_unemployed", "actual", 2020, "level", None, None, "at_most", "", "")]),
    "均: one number for each subject": (
        TASKS + "单位地区生产总值能耗降低率、PM2.5年平均浓度均完成市下达目标。",
        [("energy_intensity", "target", 2021, "growth", None, None, "", "", ""),
         ("pm25", "target", 2021, "level", None, None, "", "", "")]),
    "a decline bounded from below turns its qualifier": (
        TASKS + "主要预期目标是:单位生产总值综合能耗同比下降3.6%以上。",
        [("energy_intensity", "target", 2021, "growth", -3.6, None, "at_most", "yoy", "%")]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_running_text(text: str, expected: list[tuple]) -> None:
    doc_type = "plan_midyear" if text.startswith(MIDYEAR) else "work_report"
    assert sorted(rows(text, doc_type=doc_type), key=repr) == sorted(expected, key=repr)


PIPE_TABLE = (
    "表一2021年上半年嘉定区国民经济和社会发展主要目标完成情况\n"
    "指标名称 | 年度目标 | 上半年完成 |\n"
    "1.增加值 | 6%以上 | 16.7% |\n"
    "#规模以上工业总产值(区属) | 5%以上 | 24.4% |\n"
    "5.全社会固定资产投资 | 500亿元 | 206.9亿元 |\n"
    "7.城乡登记失业人数 | 控制在市下达指标以内 | 4755人 |\n"
)
LINE_TABLE = (
    "表12020年徐汇区国民经济和社会发展主要目标完成情况\n指标\n年度目标\n全年完成预计\n"
    "地区生产总值\n增长6%左右\n增长2.5%左右\n规模以上工业总\n产值\n550亿元以上\n630亿元\n"
    "商品销售总额\n增长6%\n下降4%\n城镇登记失业人数\n1.72万人以内\n表2疫情防控主要工作\n主要措施\n"
)
SPACE_TABLE = (
    "表1 2020年主要目标完成情况\n指标 年度目标 全年完成预计\n地区生产总值 增长6%左右 增长2.5%左右\n"
    "合同利用外资 12.5亿美元 13亿美元\n下一步,我们将继续努力。\n"
)
UNIT_COLUMN_TABLE = (
    "表3 2020年主要指标完成情况\n指标\n单位\n年度目标\n完成情况\n地区生产总值\n%\n6左右\n2.5\n"
    "城镇登记失业人数\n万人\n1.72以内\n0.75\n表4 重点项目\n"
)
TABLES = {
    "pipe rows; a # sub-item left out; a worded cell": (PIPE_TABLE, "plan_midyear", [
        ("gdp", "target", 2021, "growth", 6.0, None, "at_least", "", "%"),
        ("gdp", "h1_actual", 2021, "growth", 16.7, None, "", "", "%"),
        ("fixed_asset_investment", "target", 2021, "level", 500.0, None, "", "", "亿元"),
        ("fixed_asset_investment", "h1_actual", 2021, "level", 206.9, None, "", "", "亿元"),
        ("registered_unemployed", "target", 2021, "level", None, None, "at_most", "", ""),
        ("registered_unemployed", "h1_actual", 2021, "level", 4755.0, None, "", "", "人")]),
    "one cell per line; a label over two lines; a missing cell": (LINE_TABLE, "plan_report", [
        ("gdp", "target", 2020, "growth", 6.0, None, "approx", "", "%"),
        ("gdp", "estimate", 2020, "growth", 2.5, None, "approx", "", "%"),
        ("industrial_output", "target", 2020, "level", 550.0, None, "at_least", "", "亿元"),
        ("industrial_output", "estimate", 2020, "level", 630.0, None, "", "", "亿元"),
        ("commodity_sales", "target", 2020, "growth", 6.0, None, "", "", "%"),
        ("commodity_sales", "estimate", 2020, "growth", -4.0, None, "", "", "%"),
        ("registered_unemployed", "target", 2020, "level", 1.72, None, "at_most", "", "万人")]),
    "space-separated cells": (SPACE_TABLE, "plan_report", [
        ("gdp", "target", 2020, "growth", 6.0, None, "approx", "", "%"),
        ("gdp", "estimate", 2020, "growth", 2.5, None, "approx", "", "%"),
        ("contracted_foreign_investment", "target", 2020, "level", 12.5, None, "", "", "亿美元"),
        ("contracted_foreign_investment", "estimate", 2020, "level", 13.0, None, "", "", "亿美元")]),
    "a unit column and bare numbers": (UNIT_COLUMN_TABLE, "plan_report", [
        ("gdp", "target", 2020, "growth", 6.0, None, "approx", "", "%"),
        ("gdp", "actual", 2020, "growth", 2.5, None, "", "", "%"),
        ("registered_unemployed", "target", 2020, "level", 1.72, None, "at_most", "", "万人"),
        ("registered_unemployed", "actual", 2020, "level", 0.75, None, "", "", "万人")]),
}


@pytest.mark.parametrize("text, doc_type, expected", TABLES.values(), ids=TABLES.keys())
def test_tables(text: str, doc_type: str, expected: list[tuple]) -> None:
    assert sorted(rows(text, doc_type=doc_type), key=repr) == sorted(expected, key=repr)


def test_table_cells_know_their_column() -> None:
    cells = table_cells(LINE_TABLE)
    assert [(c.label, c.kind, c.text) for c in cells][:3] == [
        ("地区生产总值", "target", "增长6%左右"), ("地区生产总值", "estimate", "增长2.5%左右"),
        ("规模以上工业总产值", "target", "550亿元以上")]


@pytest.mark.parametrize("text, expected", [
    ("6%-7%", [(6.0, 7.0, "%", "")]),
    ("6至7%", [(6.0, 7.0, "%", "")]),
    ("站上“千亿级”台阶", [(1000.0, None, "亿", "at_least")]),
    ("控制在13590人以内", [(13590.0, None, "人", "at_most")]),
    ("PM2.5浓度低于30微克/立方米", [(30.0, None, "微克/立方米", "at_most")]),
    ("增长-2.1%", [(-2.1, None, "%", "")]),
    ("2021年1月18日", []),
    ("“十四五”时期", []),
])
def test_quantities(text: str, expected: list[tuple]) -> None:
    assert [(q.value, q.value_high, q.unit, q.qualifier) for q in find_quantities(text)] == expected


def test_quotes_are_verbatim_and_rows_tidy(corpus) -> None:
    ind = extract_indicators(corpus)
    assert list(ind.columns) == INDICATOR_COLUMNS
    texts = {d.doc_id: d.text for d in corpus.docs}
    study = {d.doc_id for d in corpus.study_docs}
    assert set(ind["doc_id"]) <= study
    for r in ind.itertuples(index=False):
        assert texts[r.doc_id][r.start:r.end] == r.quote
        assert r.value_std is None or math.isnan(r.value_std) or r.unit_std
    assert set(ind["kind"]) <= {"actual", "estimate", "target", "h1_actual", "ytd_actual",
                                "period_actual", "plan_period_target"}
    assert (ind["period"].fillna("") != "").eq(ind["kind"].isin(["h1_actual", "ytd_actual", "period_actual",
                                                                 "plan_period_target"])).all()
    assert set(ind["measure"]) <= {"level", "growth", "share", "change_pp"}
    assert set(ind["qualifier"]) <= {"", "approx", "at_least", "at_most"}
    assert set(ind["section_role"]) <= {"review", "outline", "targets", "tasks", "governance",
                                        "glossary", "other"}
    # 583.1亿元 → 58310000000 元
    row = ind[(ind["indicator"] == "general_budget_revenue") & (ind["value"] == 583.1)].iloc[0]
    assert row["value_std"] == pytest.approx(58_310_000_000) and row["unit_std"] == "元"
    # the same corpus gives the same table
    pd.testing.assert_frame_equal(ind, extract_indicators(corpus))


def test_a_first_quarter_in_a_seed_report_is_a_year_to_date(corpus) -> None:
    # 闵行 2021: 一季度我区经济遭受严重冲击,地区生产总值和区级一般公共预算收入出现8.5%和10.8%的大幅下降
    ind = extract_indicators(corpus)
    ytd = ind[(ind["place"] == "闵行区") & (ind["kind"] == "ytd_actual")]
    assert sorted(zip(ytd["indicator"], ytd["year"], ytd["period"], ytd["measure"], ytd["value"], strict=True)) == [
        ("district_budget_revenue", 2020, "2020-01..2020-03", "growth", -10.8),
        ("gdp", 2020, "2020-01..2020-03", "growth", -8.5)]
    assert all(q.startswith("地区生产总值和区级一般公共预算收入出现8.5%") for q in ytd["quote"])
    full_year = ind[(ind["place"] == "闵行区") & (ind["kind"] == "actual") & (ind["indicator"] == "gdp")
                    & (ind["measure"] == "growth")]
    assert -8.5 not in set(full_year["value"])


# Reports of districts and years that are not in data/raw: the rules must hold there too.
OTHER_REPORTS = {
    "宝山 2016: 完成… list of a review": (2016, "一、2015年工作回顾\n全年完成区地方财政收入127.1亿元,同比增长10.1%,"
        "实现保八争十;完成增加值1000.6亿元,可比增长4.1%;完成社会消费品零售总额594.5亿元,同比增长6%;"
        "完成全社会固定资产投资总额306.6亿元;实现居民人均可支配收入4.8万元,同比增长8.9%。", [
        ("district_budget_revenue", "actual", 2015, "level", 127.1, None, "", "", "亿元"),
        ("district_budget_revenue", "actual", 2015, "growth", 10.1, None, "", "yoy", "%"),
        ("gdp", "actual", 2015, "level", 1000.6, None, "", "", "亿元"),
        ("gdp", "actual", 2015, "growth", 4.1, None, "", "comparable", "%"),
        ("retail_sales", "actual", 2015, "level", 594.5, None, "", "", "亿元"),
        ("retail_sales", "actual", 2015, "growth", 6.0, None, "", "yoy", "%"),
        ("fixed_asset_investment", "actual", 2015, "level", 306.6, None, "", "", "亿元"),
        ("disposable_income", "actual", 2015, "level", 4.8, None, "", "", "万元"),
        ("disposable_income", "actual", 2015, "growth", 8.9, None, "", "yoy", "%")]),
    "静安 2025: the targets paragraph": (2025, "二、2025年主要任务\n综合各方面因素,"
        "建议今年静安经济社会发展的主要预期目标是:地区生产总值增长5%左右;区级一般公共预算收入增长2%;实现社会消费品零售总额1700亿元;"
        "全社会固定资产投资总额增长5%左右;城镇登记失业人数控制在市下达目标之内;实施10个方面48项为民办实事项目。", [
        ("gdp", "target", 2025, "growth", 5.0, None, "approx", "", "%"),
        ("district_budget_revenue", "target", 2025, "growth", 2.0, None, "", "", "%"),
        ("retail_sales", "target", 2025, "level", 1700.0, None, "", "", "亿元"),
        ("fixed_asset_investment", "target", 2025, "growth", 5.0, None, "approx", "", "%"),
        ("registered_unemployed", "target", 2025, "level", None, None, "at_most", "", "")]),
    "崇明 2018: 预计 over a run without punctuation": (2018, "一、2017年工作回顾\n预计全年实现增加值332.8亿元,"
        "比上年增长6.8%;区级一般公共预算收入67.0亿元,比上年同口径增长15.1%;环保投入相当于全区增加值的比例为6.5%"
        "万元增加值综合能耗比上年下降1.5%森林覆盖率达到25.1%,环境空气质量(AQI)优良率达到76.4%"
        "农村居民家庭人均可支配收入23120元,比上年增长10.1%", [
        ("gdp", "estimate", 2017, "level", 332.8, None, "", "", "亿元"),
        ("gdp", "estimate", 2017, "growth", 6.8, None, "", "yoy", "%"),
        ("district_budget_revenue", "estimate", 2017, "level", 67.0, None, "", "", "亿元"),
        ("district_budget_revenue", "estimate", 2017, "growth", 15.1, None, "", "comparable", "%"),
        ("energy_intensity", "estimate", 2017, "growth", -1.5, None, "", "yoy", "%"),
        ("forest_coverage", "estimate", 2017, "share", 25.1, None, "", "", "%"),
        ("aqi_good_rate", "estimate", 2017, "share", 76.4, None, "", "", "%"),
        # 农村居民家庭人均可支配收入: the rural income under its older name
        ("disposable_income_rural", "estimate", 2017, "level", 23120.0, None, "", "", "元"),
        ("disposable_income_rural", "estimate", 2017, "growth", 10.1, None, "", "yoy", "%")]),
    "浦东 2019: round-number thresholds": (2019, "一、2018年工作回顾\n地区生产总值超过1万亿元,财政总收入超过4000亿元,"
        "一般公共预算收入超过1000亿元,全社会固定资产投资达到2000亿元左右,外贸进出口总额超过2万亿元。"
        "实到外资达到81亿美元,战略性新兴产业产值占规模以上工业总产值比重超过40%。"
        "全年民生投入约612亿元,占新区一般公共预算支出的比重超过45%。", [
        ("gdp", "actual", 2018, "level", 1.0, None, "at_least", "", "万亿元"),
        ("general_budget_revenue", "actual", 2018, "level", 1000.0, None, "at_least", "", "亿元"),
        ("fixed_asset_investment", "actual", 2018, "level", 2000.0, None, "approx", "", "亿元"),
        ("foreign_trade", "actual", 2018, "level", 2.0, None, "at_least", "", "万亿元"),
        ("actual_foreign_investment", "actual", 2018, "level", 81.0, None, "", "", "亿美元"),
        ("total_fiscal_revenue", "actual", 2018, "level", 4000.0, None, "at_least", "", "亿元"),
        ("strategic_emerging_output", "actual", 2018, "share", 40.0, None, "at_least", "", "%")]),
    "金山 2020: 其中 … of another thing": (2020, "一、2019年工作回顾\n区级地方财政收入完成126.1亿元,增长1.2%,"
        "增速位居全市第五。全社会固定资产投资完成269亿元,增长10.8%,其中工业性投资完成100亿元,增长1.9%。", [
        ("district_budget_revenue", "actual", 2019, "level", 126.1, None, "", "", "亿元"),
        ("district_budget_revenue", "actual", 2019, "growth", 1.2, None, "", "", "%"),
        ("fixed_asset_investment", "actual", 2019, "level", 269.0, None, "", "", "亿元"),
        ("fixed_asset_investment", "actual", 2019, "growth", 10.8, None, "", "", "%")]),
}


@pytest.mark.parametrize("year, text, expected", OTHER_REPORTS.values(), ids=OTHER_REPORTS.keys())
def test_reports_of_other_districts(year: int, text: str, expected: list[tuple]) -> None:
    assert sorted(rows(text, year=year), key=repr) == sorted(expected, key=repr)


def _meaning(text: str, *, year: int = 2026, district: str = "") -> list[tuple]:
    """(indicator, kind, period, measure, value, qualifier) of each row of a snippet."""
    df = extract_text(text, year=year, district=district)
    return sorted((r.indicator, r.kind, r.period or "", r.measure, r.value, r.qualifier)
                  for r in df.itertuples(index=False))


# What a figure means (issue 11): its period, its concept, whose it is; each case from a report's words.
MEANING = {
    "a five-year review: yearly average and cumulative figures are the period's": (
        "一、2025年和“十四五”时期工作回顾\n“十四五”这五年,地区生产总值年均增长5.9%,城镇新增就业261.6万人,"
        "地区生产总值达到1.5万亿元。", "",
        [("gdp", "actual", "", "level", 1.5, ""), ("gdp", "period_actual", "2021-2025", "growth", 5.9, ""),
         ("new_urban_employment", "period_actual", "2021-2025", "level", 261.6, "")]),
    "last year's review after the five years": (
        "一、2025年和“十四五”时期工作回顾\n这五年,地区生产总值年均增长5.7%。\n各位代表,刚刚过去的2025年,"
        "地区生产总值增长5.3%。", "",
        [("gdp", "actual", "", "growth", 5.3, ""), ("gdp", "period_actual", "2021-2025", "growth", 5.7, "")]),
    "全省 is the province's own, 全市 a city's in a district report": (
        "一、2025年工作回顾\n全省生产总值增长5.5%。", "浙江省", [("gdp", "actual", "", "growth", 5.5, "")]),
    "全市 in a district report is the city's": (
        "一、2025年工作回顾\n全市生产总值增长5.5%。", "徐汇区", []),
    "urban and rural incomes are their own indicators, split by 分别": (
        "一、2025年工作回顾\n城乡居民人均可支配收入分别达6.9万元、3.4万元,增长4.2%、5.3%。", "",
        [("disposable_income_rural", "actual", "", "growth", 5.3, ""),
         ("disposable_income_rural", "actual", "", "level", 3.4, ""),
         ("disposable_income_urban", "actual", "", "growth", 4.2, ""),
         ("disposable_income_urban", "actual", "", "level", 6.9, "")]),
    "a list with a name the lexicon does not know": (
        "一、2025年工作回顾\n基础设施投资、工业投资分别增长3.2%、8.5%。", "",
        [("industrial_investment", "actual", "", "growth", 8.5, "")]),
    "shared heads: 全口径和区级 … A和B, 分别 a和b": (
        "一、2025年工作回顾\n完成全口径和区级地方财政收入300亿元和120亿元,分别增长5%和6%。", "",
        [("district_budget_revenue", "actual", "", "growth", 6.0, ""),
         ("district_budget_revenue", "actual", "", "level", 120.0, ""),
         ("general_budget_revenue", "actual", "", "growth", 5.0, ""),
         ("general_budget_revenue", "actual", "", "level", 300.0, "")]),
    "a shared subject: A、B增长4%左右": (
        "一、2026年主要目标\n社会消费品零售总额、固定资产投资增长4%左右。", "",
        [("fixed_asset_investment", "target", "", "growth", 4.0, "approx"),
         ("retail_sales", "target", "", "growth", 4.0, "approx")]),
    "a rank between a level and its growth": (
        "一、2025年工作回顾\n区级一般公共预算收入完成120亿元,总量居中心城区第二,同比增长5%。", "",
        [("district_budget_revenue", "actual", "", "growth", 5.0, ""),
         ("district_budget_revenue", "actual", "", "level", 120.0, "")]),
    "an industry's value added is no GDP, R&D spending growth no R&D intensity": (
        "一、2025年工作回顾\n规模以上工业增加值增长6%,一二三产增加值分别增长2%、5%、6%,研发经费支出增长9%。", "",
        []),
    "财政总收入 and 地方财政总收入 are total fiscal revenue (spec), not budget revenue": (
        "一、2011年工作回顾\n财政总收入完成29亿元,地方财政总收入完成16亿元,公共财政预算收入完成13.7亿元。", "",
        [("general_budget_revenue", "actual", "", "level", 13.7, ""),
         ("total_fiscal_revenue", "actual", "", "level", 29.0, ""),
         ("total_fiscal_revenue", "actual", "", "level", 16.0, "")]),
    "an exact figure over its milestone; a milestone without digits is no figure": (
        "一、2025年工作回顾\n地方一般公共预算收入突破4000亿元、达到4211亿元,地区生产总值站上“千亿级”台阶。", "",
        [("general_budget_revenue", "actual", "", "level", 4211.0, "")]),
    "a sub-area's figure is not the place's; milestones in a list are no figures": (
        "一、2025年工作回顾\n全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶,年均增长5.9%,"
        "南疆五地州地区生产总值年均增长6%。", "浙江省",
        [("gdp", "period_actual", "2021-2025", "growth", 5.9, "")]),
    "a year to date (1-11月, 前三季度) is its months, the whole year again after 全年": (
        "一、2020年计划执行情况\n1-11月,全区一般公共预算收入完成220.4亿元,同比下降18.6%。"
        "前三季度地区生产总值增长5%,全年预计增长6%左右。", "",
        [("gdp", "estimate", "", "growth", 6.0, "approx"),
         ("gdp", "ytd_actual", "2020-01..2020-09", "growth", 5.0, ""),
         ("general_budget_revenue", "ytd_actual", "2020-01..2020-11", "growth", -18.6, ""),
         ("general_budget_revenue", "ytd_actual", "2020-01..2020-11", "level", 220.4, "")]),
    "1至10月 and 前10个月 are years to date too; 1-6月 is the first half": (
        "一、2020年工作回顾\n1至10月规模以上工业总产值完成820亿元。前10个月社会消费品零售总额增长3%。"
        "1-6月固定资产投资增长2%。", "",
        [("fixed_asset_investment", "h1_actual", "2020-01..2020-06", "growth", 2.0, ""),
         ("industrial_output", "ytd_actual", "2020-01..2020-10", "level", 820.0, ""),
         ("retail_sales", "ytd_actual", "2020-01..2020-10", "growth", 3.0, "")]),
    "the coming plan presented in a review: its paragraph's proposals are the plan's": (
        "一、2025年和“十四五”时期工作回顾\n我们编制了“十五五”规划纲要(草案),提交大会审查。《纲要》细化提出25项主要指标。"
        "经济发展方面,综合考虑各方面因素,提出地区生产总值年均增长5%左右。", "",
        [("gdp", "plan_period_target", "2026-2030", "growth", 5.0, "approx")]),
    "a plan named in passing leaves the review's next figures last year's": (
        "一、2025年工作回顾\n松江新城正式纳入上海市“十五五”规划和2035年远景目标。新增就业岗位19075个。", "",
        [("new_jobs", "actual", "", "level", 19075.0, "")]),
    "a first half named before an earlier number is that number's": (
        "一、2025年工作回顾\n年末城镇调查失业率从上半年5.5%降到5.3%。", "",
        [("surveyed_unemployment_rate", "actual", "", "share", 5.3, ""),
         ("surveyed_unemployment_rate", "h1_actual", "2025-01..2025-06", "share", 5.5, "")]),
}


@pytest.mark.parametrize("text, district, expected", MEANING.values(), ids=MEANING.keys())
def test_what_a_figure_means(text: str, district: str, expected: list[tuple]) -> None:
    year = 2012 if "2011年" in text else 2021 if "2020年" in text else 2026
    assert _meaning(text, year=year, district=district) == sorted(expected)


def test_a_plan_report_gives_the_years_figures_as_estimates() -> None:
    from reportlib.measure.indicators import extract_document
    from reportlib.read.sections import find_sections
    from reportlib.records import Document

    text = "一、2020年计划执行情况\n完成区级一般公共预算收入198.1亿元,同比增长2%。"
    doc = Document(doc_id="x-2021-plan_report", source="x.txt", text=text, doc_type="plan_report",
                   district="徐汇区", year=2021, meeting_date="2020-12-23")
    doc.sections = find_sections(doc.doc_id, text)
    assert {(r.kind, r.year) for r in extract_document(doc)} == {("estimate", 2020)}
    doc.meeting_date = "2021-01-13"  # delivered after the year ended: a final figure
    assert {(r.kind, r.year) for r in extract_document(doc)} == {("actual", 2020)}


def test_counts_written_before_the_noun_they_count(corpus) -> None:
    # 普陀 2021: 新增6家跨国公司地区总部; 徐汇 2021: 引进和认定4家跨国公司地区总部、3家研发中心,累计总部90家
    ind = extract_indicators(corpus)
    hq = ind[(ind["indicator"] == "new_hq") & (ind["kind"] == "actual") & (ind["year"] == 2020)]
    got = {(p, v) for p, v, q in zip(hq["place"], hq["value"], hq["quote"], strict=True)
           if q.startswith(("新增6家", "引进和认定4家"))}
    assert got == {("普陀区", 6.0), ("徐汇区", 4.0)}
    assert not ((ind["indicator"] == "new_hq") & (ind["value"] == 90.0)).any()  # 累计总部90家: a stock
