"""Wordings of five-year reviews of other places and years: start values named by a year or by the
tenth plan (“十五”), clauses said in passing between a level and its growth, a level kept (稳定在)."""

from __future__ import annotations

from reportlib.measure.indicators import extract_text
from reportlib.measure.quantities import find_quantities

REVIEW = "各位代表:\n一、“十一五”时期工作回顾\n五年来,"


def _rows(text: str, year: int, district: str = "") -> set[tuple]:
    df = extract_text(text, year=year, district=district)
    return {(r.indicator, r.kind, int(r.year), r.measure, r.value, r.qualifier or "", r.period or "")
            for r in df.itertuples()}


def test_start_value_of_the_tenth_plan_and_of_a_named_year():
    rows = _rows(REVIEW + "全县生产总值由“十五”末的12.8亿元增加到19.2亿元,年均增长8.4%。", 2011, "静宁县")
    assert rows == {("gdp", "actual", 2005, "level", 12.8, "", ""), ("gdp", "actual", 2010, "level", 19.2, "", ""),
                    ("gdp", "period_actual", 2010, "growth", 8.4, "", "2006-2010")}
    # 第十五届 names a session, not the plan: no plan year from it
    assert ("gdp", "actual", 2010, "level", 19.2, "", "") in _rows(
        REVIEW + "区第十五届人大以来,地区生产总值由12.8亿元增加到19.2亿元。", 2011, "静宁县")
    rows = _rows("各位代表:\n一、过去五年工作回顾\n五年来,地区生产总值从2011年6580.28亿元提高到2016年8600亿元。",
                 2017, "佛山市")
    assert ("gdp", "actual", 2011, "level", 6580.28, "", "") in rows
    assert ("gdp", "actual", 2016, "level", 8600.0, "", "") in rows


def test_start_values_of_a_split_name_before_respectively():
    rows = _rows("各位代表:\n一、“十四五”发展成就\n五年来,城乡居民人均可支配收入从2021年的46503元和16935元"
                 "分别提高到58794元和23184元。", 2026, "西藏自治区")
    assert rows == {("disposable_income_urban", "actual", 2021, "level", 46503.0, "", ""),
                    ("disposable_income_rural", "actual", 2021, "level", 16935.0, "", ""),
                    ("disposable_income_urban", "actual", 2025, "level", 58794.0, "", ""),
                    ("disposable_income_rural", "actual", 2025, "level", 23184.0, "", "")}


def test_clauses_said_in_passing_keep_the_subject():
    rows = _rows(REVIEW + "全社会固定资产投资累计1098.1亿元,是“十一五”的3.1倍,年均增长18.1%;"
                 "地区生产总值由2005年的61.88亿元增加到2010年的130亿元,较“十五”期末翻了一番以上,年均增长16%。",
                 2016, "天长市")
    assert ("fixed_asset_investment", "period_actual", 2015, "growth", 18.1, "", "2011-2015") in rows
    assert ("gdp", "period_actual", 2010, "growth", 16.0, "", "2006-2010") in rows  # the year it names
    assert not {r for r in rows if r[4] in (3.1, 1.0)}  # the multiple and the doubling are no figures
    rows = _rows("各位代表:\n一、2012年工作回顾\n一般公共预算收入完成8.2亿元,为年度目标的102.5%,增长10.2%。",
                 2013, "某县")
    assert ("general_budget_revenue", "actual", 2012, "growth", 10.2, "", "") in rows
    rows = _rows("各位代表:\n一、2022年工作回顾\n固定资产投资完成17亿元,超额完成年度任务2.1亿元,增长20.6%。",
                 2023, "苏尼特右旗")
    assert rows == {("fixed_asset_investment", "actual", 2022, "level", 17.0, "", ""),
                    ("fixed_asset_investment", "actual", 2022, "growth", 20.6, "", "")}


def test_a_rate_kept_over_the_period_and_a_level_kept_low():
    rows = _rows("各位代表:\n一、“十四五”发展成就\n五年来,全省空气优良天数率稳定在90%左右。", 2026, "四川省")
    assert rows == {("aqi_good_rate", "period_actual", 2025, "share", 90.0, "approx", "2021-2025")}
    rows = _rows("各位代表:\n一、2016年工作回顾\n城镇登记失业率控制在3.9%的较低水平。", 2017, "海拉尔区")
    assert rows == {("registered_unemployment_rate", "actual", 2016, "share", 3.9, "", "")}
    assert [q.qualifier for q in find_quantities("控制在3.9%,浓度不高于23微克/立方米")] == ["at_most", "at_most"]


def test_more_than_a_number_and_the_level_of_a_report_without_its_place():
    rows = _rows(REVIEW + "固定资产投资五年累计完成300多亿元,是“十五”期末的3倍,年均增长26.4%。", 2011, "和林格尔县")
    assert rows == {("fixed_asset_investment", "period_actual", 2010, "level", 300.0, "at_least", "2006-2010"),
                    ("fixed_asset_investment", "period_actual", 2010, "growth", 26.4, "", "2006-2010")}
    # no place known: 我代表州人民政府 makes 全州 the report's own scope (全市 stays another unit's)
    text = "现在,我代表州人民政府向大会报告工作。\n一、2024年工作回顾\n全州完成地区生产总值620.1亿元、增长3%。"
    assert _rows(text, 2025) == {("gdp", "actual", 2024, "level", 620.1, "", ""),
                                 ("gdp", "actual", 2024, "growth", 3.0, "", "")}
    assert _rows(text.replace("全州完成", "全市"), 2025) == set()
    assert _rows(text.replace("全州完成", "全州"), 2025) == _rows(text, 2025)


def test_new_jobs_of_a_group_are_not_the_place_s():
    # 云南 2026: the jobs found by veterans and disabled people are theirs, not the province's new employment
    rows = _rows("各位代表:\n一、“十四五”发展成就\n这五年,城镇新增就业261.6万人,高校毕业生去向落实率逐年提升,"
                 "退役军人、残疾人新增就业均超7.3万人。", 2026, "云南省")
    assert rows == {("new_urban_employment", "period_actual", 2025, "level", 261.6, "", "2021-2025")}


def test_a_bare_value_added_in_a_sentence_about_an_industry_is_its():
    rows = _rows("各位代表:\n一、2011年工作回顾\n全县规模以上工业企业达到186家,比2007年净增65家;完成增加值53.9亿元。"
                 "全县实现地区生产总值218亿元。", 2012, "苍山县")
    assert rows == {("gdp", "actual", 2011, "level", 218.0, "", "")}


def test_an_aside_naming_a_base_year_dates_the_period():
    rows = _rows("各位代表:\n一、过去四年工作回顾\n四年来,全县实现地区生产总值218亿元,是2007年的1.7倍,年均增长13.5%;"
                 "社会消费品零售总额117.7亿元,年均增长23.7%。", 2012, "苍山县")
    assert ("gdp", "period_actual", 2011, "growth", 13.5, "", "2008-2011") in rows
    assert ("retail_sales", "period_actual", 2011, "growth", 23.7, "", "2008-2011") in rows  # four years


def test_split_names_that_are_no_alias():
    review = "各位代表:\n一、“十四五”发展成就\n五年来,"
    assert _rows(review + "一般公共预算收支累计分别突破9千亿元、3万亿元。", 2026, "广西壮族自治区") == {
        ("general_budget_revenue", "period_actual", 2025, "level", 9.0, "at_least", "2021-2025")}  # 支: spending
    assert _rows(review + "城乡居民人均收入年均增长5.3%、7.7%。", 2026, "陕西省") == {
        ("disposable_income_urban", "period_actual", 2025, "growth", 5.3, "", "2021-2025"),
        ("disposable_income_rural", "period_actual", 2025, "growth", 7.7, "", "2021-2025")}


def test_older_names_of_a_county_s_review():
    text = ("各位代表:\n一、2012年工作回顾\n全县实现地区生产总值(GDP)123.4亿元,同比增长8.5%;地方公共财政收入5.6亿元;"
            "城镇居民家庭人均可支配收入18560元;农村居民家庭人均可支配收入8600元;限额以上社会消费品零售额15亿元。")
    assert _rows(text, 2013, "某县") == {
        ("gdp", "actual", 2012, "level", 123.4, "", ""), ("gdp", "actual", 2012, "growth", 8.5, "", ""),
        ("general_budget_revenue", "actual", 2012, "level", 5.6, "", ""),
        ("disposable_income_urban", "actual", 2012, "level", 18560.0, "", ""),
        ("disposable_income_rural", "actual", 2012, "level", 8600.0, "", "")}  # 限额以上: a part of retail


def test_a_first_half_named_at_the_head_of_a_sentence():
    text = "各位代表:\n一、上半年工作回顾\n上半年,全区实现地区生产总值120亿元,同比增长3.2%;全年地区生产总值增长5%。"
    assert _rows(text, 2021, "某区") == {("gdp", "h1_actual", 2020, "level", 120.0, "", "2020-01..2020-06"),
                                         ("gdp", "h1_actual", 2020, "growth", 3.2, "", "2020-01..2020-06"),
                                         ("gdp", "actual", 2020, "growth", 5.0, "", "")}
    # 从上半年5.5%降到5.3%: the first half is the start's, the year's figure is 5.3
    assert ("surveyed_unemployment_rate", "actual", 2020, "share", 5.3, "", "") in _rows(
        "各位代表:\n一、2020年工作回顾\n城镇调查失业率从上半年5.5%降到5.3%。", 2021, "某区")


def test_a_sentence_dated_the_last_year_inside_a_five_year_paragraph():
    text = ("各位代表:\n一、“十三五”时期工作回顾\n过去五年,全区地区生产总值年均增长7%。2020年,全区地区生产总值增长3%。"
            "\n二、“十四五”时期的奋斗目标\n今后五年,地区生产总值年均增长6%左右。")
    assert _rows(text, 2021, "某区") == {("gdp", "period_actual", 2020, "growth", 7.0, "", "2016-2020"),
                                         ("gdp", "actual", 2020, "growth", 3.0, "", ""),
                                         ("gdp", "plan_period_target", 2025, "growth", 6.0, "approx", "2021-2025")}


def test_an_increase_in_an_amount_keeps_the_subject_and_respectively_after_two_subjects():
    review = "各位代表:\n一、2012年工作回顾\n"
    assert _rows(review + "一般公共预算收入增收1.2亿元,增长12%;地区生产总值比上年增加12亿元,达到150亿元。",
                 2013, "某县") == {("general_budget_revenue", "actual", 2012, "growth", 12.0, "", ""),
                                  ("gdp", "actual", 2012, "level", 150.0, "", "")}
    rows = _rows(review + "城镇居民人均可支配收入2.5万元,农村居民人均可支配收入1.2万元,分别增长8%和9%。", 2013, "某县")
    assert ("disposable_income_urban", "actual", 2012, "growth", 8.0, "", "") in rows
    assert ("disposable_income_rural", "actual", 2012, "growth", 9.0, "", "") in rows


def test_a_heading_of_the_past_plan_s_achievements_and_the_coming_plan_s_targets():
    """One part holds both periods (“十四五”时期发展成就和“十五五”时期主要目标任务): the draft plan's
    indicators are the coming period's targets, not the past period's results."""
    text = ("各位代表:\n一、2025年工作回顾\n地区生产总值增长5.2%。\n"
            "二、“十四五”时期发展成就和“十五五”时期主要目标任务\n“十四五”时期,地区生产总值年均增长5.1%。\n"
            "《纲要草案》明确了今后五年的发展目标。\n"
            "围绕上述目标,《纲要草案》设置了主要指标,包括:地区生产总值年均增速4.5%-5%、全社会研发投入占比6%以上。\n"
            "三、2026年重点工作\n地区生产总值增长5%左右。")
    rows = _rows(text, 2026, "某市")
    assert ("gdp", "period_actual", 2025, "growth", 5.1, "", "2021-2025") in rows
    assert ("gdp", "plan_period_target", 2030, "growth", 4.5, "", "2026-2030") in rows
    assert not {r for r in rows if r[2] == 2025 and r[4] == 4.5}
