"""Wordings of reports of other places and years (older names, lists that 分别 pairs a clause later)."""

from __future__ import annotations

from reportlib.measure.indicators import extract_text


def _rows(text: str, year: int, district: str = "") -> set[tuple]:
    df = extract_text(text, year=year, district=district)
    return {(r.indicator, r.kind, int(r.year), r.measure, r.value, r.period or "") for r in df.itertuples()}


def test_older_and_other_names():
    # 盐田 2012 (财政一般预算收入), 上杭 2020 (其中地方级收入), 三明 2021 (实际利用外商直接投资)
    assert ("general_budget_revenue", "actual", 2011, "level", 20.2, "") in _rows(
        "财政一般预算收入实现翻倍增长,达到20.2亿元。", 2012)
    assert ("district_budget_revenue", "actual", 2019, "level", 26.5, "") in _rows(
        "其中地方级收入26.5亿元,增长0.9%。", 2020)
    assert ("actual_foreign_investment", "actual", 2020, "growth", 7.3, "") in _rows(
        "实际利用外商直接投资1.41亿元,增长7.3%;社会消费品零售总额781.71亿元。", 2021)


def test_list_with_unknown_names_paired_in_the_next_clauses():
    # 深圳 2011: 分别 comes a clause after the list; 全口径财政收入 is another tier of the same revenue
    rows = _rows("十一五时期,规模以上工业增加值、高新技术产品产值、地方财政一般预算收入和全口径财政收入跃上新台阶,"
                 "分别为4050亿元、10176亿元、1106.8亿元和3507亿元,增长88%、108%、168%和158%。", 2011)
    revenue = {r for r in rows if r[0] == "general_budget_revenue"}
    assert revenue == {("general_budget_revenue", "actual", 2010, "level", 1106.8, ""),
                       ("general_budget_revenue", "period_actual", 2010, "growth", 168.0, "2006-2010")}


def test_estimate_said_of_one_subject_and_milestones_on_the_way():
    # 盐田 2012: 预计 speaks of GDP only; 先后跨越两百亿元、三百亿元台阶 are milestones, not figures
    rows = _rows("本区生产总值先后跨越两百亿元、三百亿元台阶,预计2011年达到316亿元,比2006年增长85.7%;"
                 "辖区税收收入总额连续跨越三个“十亿元”台阶,从2006年的19.8亿元增至2011年的48.6亿元;"
                 "财政一般预算收入实现翻倍增长,从2006年的8.8亿元增至2011年的20.2亿元。", 2012, "盐田区")
    assert rows == {
        ("gdp", "estimate", 2011, "level", 316.0, ""),
        ("gdp", "period_actual", 2011, "growth", 85.7, "2007-2011"),
        ("tax_revenue", "actual", 2006, "level", 19.8, ""),
        ("tax_revenue", "actual", 2011, "level", 48.6, ""),
        ("general_budget_revenue", "actual", 2006, "level", 8.8, ""),
        ("general_budget_revenue", "actual", 2011, "level", 20.2, ""),
    }


def test_estimate_at_the_head_of_a_list_holds_for_every_item():
    rows = _rows("预计全市地区生产总值增长4%左右,固定资产投资增长10%左右,社会消费品零售总额增长2.5%左右。",
                 2025, "赤峰市")
    assert {r[1] for r in rows} == {"estimate"} and len(rows) == 3


def test_list_with_a_parenthesis_and_levels_in_the_next_clause():
    # 泉州 2012: (预计,下同) inside the list's first name; 分别 pairs the growths, then the levels after 达
    rows = _rows("五年来,我市生产总值(预计,下同)、财政总收入、一般预算收入、规模以上工业产值、全社会固定资产投资"
                 "年均分别增长14.1%、22.1%、20.6%、22.4%和26.8%,达4270亿元、500.36亿元、242.09亿元、8240亿元和1573亿元。",
                 2012, "泉州市")
    assert ("gdp", "period_actual", 2011, "growth", 14.1, "2007-2011") in rows
    assert ("fixed_asset_investment", "period_actual", 2011, "growth", 26.8, "2007-2011") in rows
    levels = {(r[0], r[1], r[4]) for r in rows if r[3] == "level"}
    assert levels == {("gdp", "estimate", 4270.0), ("total_fiscal_revenue", "estimate", 500.36),
                      ("general_budget_revenue", "estimate", 242.09), ("industrial_output", "estimate", 8240.0),
                      ("fixed_asset_investment", "estimate", 1573.0)}


def test_approx_after_the_last_number_of_a_list_holds_for_all():
    # 赤峰 2025: 分别增长5%和7.5%左右
    rows = _rows("城乡居民人均可支配收入分别增长5%和7.5%左右。", 2025, "赤峰市")
    df = extract_text("城乡居民人均可支配收入分别增长5%和7.5%左右。", year=2025, district="赤峰市")
    assert {(r[0], r[4]) for r in rows} == {("disposable_income_urban", 5.0), ("disposable_income_rural", 7.5)}
    assert set(df["qualifier"]) == {"approx"}


def test_notes_and_exclusions_between_name_and_number():
    # 长沙县 2023: 同比(下同); 陇县 2020: 剔除…不可比因素
    assert ("gdp", "actual", 2022, "growth", 4.5, "") in _rows("全年地区生产总值同比(下同)增长4.5%。", 2023, "长沙县")
    assert ("gdp", "estimate", 2019, "growth", 7.8, "") in _rows(
        "预计生产总值剔除秦源煤业闭井等不可比因素增长7.8%。", 2020, "陇县")


def test_a_sentence_cut_after_estimate_words_gives_estimates_to_the_next():
    # 苏州 2015: the page repeats a heading inside 地区生产总值, after 全市预计完成
    text = ("1.经济运行稳中提质。全市预计完成地经济运行稳中提质。区生产总值1.35万亿元,增长8%;"
            "地方公共财政预算收入1443.8亿元,增长8.5%。")
    rows = _rows(text, 2015, "苏州市")
    assert ("gdp", "estimate", 2014, "level", 1.35, "") in rows
    assert ("general_budget_revenue", "estimate", 2014, "growth", 8.5, "") in rows
    # a statement of its own (预计完成全年目标任务) leaves the next figures actual
    rows = _rows("各项指标预计完成全年目标任务。地区生产总值增长8%。", 2015, "苏州市")
    assert rows == {("gdp", "actual", 2014, "growth", 8.0, "")}


def test_a_county_report_speaks_of_its_own_whole_county():
    # 浮山 2019: 全县地区生产总值 is the county's own figure; 县域 stays a sub-area's
    assert ("gdp", "actual", 2018, "growth", -4.3, "") in _rows(
        "2018年,全县地区生产总值完成46.1亿元,同比下降4.3%。", 2019, "浮山县")
    assert not _rows("县域地区生产总值完成46.1亿元。", 2019, "浮山县")


def test_a_note_that_holds_for_what_follows():
    # 长沙 2010: (预计数,下同) after the first figure makes it and every later one an estimate
    rows = _rows("一、2009年工作回顾\n全年完成地区生产总值3300亿元,增长14.5%(预计数,下同);地方财政收入406亿元,"
                 "增长18.7%;全社会固定资产投资2441.8亿元,增长30.3%。", 2010, "长沙市")
    assert {r[1] for r in rows} == {"estimate"} and ("gdp", "estimate", 2009, "level", 3300.0, "") in rows
    assert ("fixed_asset_investment", "estimate", 2009, "growth", 30.3, "") in rows
    # 桂阳 2017: 比2012年(下同) is the base of every later change (a period's growth), not of a level
    rows = _rows("一、本届政府工作回顾\n2016年,预计(下同)全县生产总值增长9%,比2012年(下同)增长47.7%;"
                 "固定资产投资353.7亿元,增长125.1%。", 2017, "桂阳县")
    assert ("fixed_asset_investment", "estimate", 2016, "level", 353.7, "") in rows
    assert ("fixed_asset_investment", "period_actual", 2016, "growth", 125.1, "2013-2016") in rows
    assert ("gdp", "period_actual", 2016, "growth", 47.7, "2013-2016") in rows


def test_a_list_whose_unit_follows_its_last_number():
    # 浙江 2011: 分别达到12488和10163亿元 (the unit written once), the list named a clause before
    rows = _rows("一、“十一五”规划执行情况和政府主要工作\n“十一五”时期,是我省发展史上极不平凡的五年。"
                 "初步统计,2010年全省实现生产总值27100亿元,五年平均增长11.8%。全社会固定资产投资和社会消费品零售总额"
                 "均突破万亿元,分别达到12488和10163亿元,年均增长13.3%和16.9%。进出口总额达到2535亿美元。",
                 2011, "浙江省")
    assert rows == {
        ("gdp", "actual", 2010, "level", 27100.0, ""), ("gdp", "period_actual", 2010, "growth", 11.8, "2006-2010"),
        ("fixed_asset_investment", "actual", 2010, "level", 12488.0, ""),
        ("retail_sales", "actual", 2010, "level", 10163.0, ""),
        ("fixed_asset_investment", "period_actual", 2010, "growth", 13.3, "2006-2010"),
        ("retail_sales", "period_actual", 2010, "growth", 16.9, "2006-2010"),
        ("foreign_trade", "actual", 2010, "level", 2535.0, ""),  # a level reached: the last year's
    }


def test_a_review_of_a_four_year_term():
    # 东乌珠穆沁旗 2022: 过去四年 is the period (2018-2021); 预计 at the head holds past 累计完成
    rows = _rows("一、过去四年工作回顾\n四年来,我们凝心聚力、拼搏奋进。"
                 "预计全旗地区生产总值累计完成232.75亿元,年均增长3.56%;"
                 "一般公共预算收入累计完成25.32亿元,保持逐年稳步增长;城乡常住居民人均可支配收入分别达到44846元和37342元,"
                 "年均增长4.9%和7.2%。", 2022, "东乌珠穆沁旗")
    assert ("gdp", "period_actual", 2021, "level", 232.75, "2018-2021") in rows
    assert ("gdp", "period_actual", 2021, "growth", 3.56, "2018-2021") in rows
    assert ("general_budget_revenue", "period_actual", 2021, "level", 25.32, "2018-2021") in rows
    assert ("disposable_income_rural", "estimate", 2021, "level", 37342.0, "") in rows
    assert ("disposable_income_urban", "period_actual", 2021, "growth", 4.9, "2018-2021") in rows
    # 西乌珠穆沁旗 2022: 从X提高至Y in that review starts four years back; 累计完成 is the period's sum
    rows = _rows("一、过去四年工作回顾\n四年来,旗政府坚持稳中求进。"
                 "一般公共预算收入从18.4亿元提高至20.74亿元,累计完成81.2亿元;"
                 "预计城镇居民人均可支配收入从36388元提高至44574元,牧民人均可支配收入从23662元提高至32668元。",
                 2022, "西乌珠穆沁旗")
    assert rows == {
        ("general_budget_revenue", "actual", 2017, "level", 18.4, ""),
        ("general_budget_revenue", "actual", 2021, "level", 20.74, ""),
        ("general_budget_revenue", "period_actual", 2021, "level", 81.2, "2018-2021"),
        ("disposable_income_urban", "actual", 2017, "level", 36388.0, ""),
        ("disposable_income_urban", "estimate", 2021, "level", 44574.0, ""),
        ("disposable_income_rural", "actual", 2017, "level", 23662.0, ""),
        ("disposable_income_rural", "estimate", 2021, "level", 32668.0, ""),
    }


def test_short_names_and_spaced_words():
    # 紫金 2020: 比增 (比上年增长), 同 比 with a space, 社会消费品零售 without 总额, 8.5 % with a space
    rows = _rows("一、2019年工作回顾\n全年完成地区生产总值106.6亿元,同 比增长5%;固定资产投资62.4亿元,比增19.6%;"
                 "社会消费品零售92.2亿元,比增8.5 %。", 2020, "紫金县")
    assert rows == {("gdp", "actual", 2019, "level", 106.6, ""), ("gdp", "actual", 2019, "growth", 5.0, ""),
                    ("fixed_asset_investment", "actual", 2019, "level", 62.4, ""),
                    ("fixed_asset_investment", "actual", 2019, "growth", 19.6, ""),
                    ("retail_sales", "actual", 2019, "level", 92.2, ""),
                    ("retail_sales", "actual", 2019, "growth", 8.5, "")}


def test_estimates_at_the_head_of_a_list_and_after_one_subject():
    # 包头 2013: 预计 heads the list; 社会消费品零售总额完成960亿元 is still on it
    rows = _rows("一、过去五年工作回顾\n预计2012年全市生产总值完成3440亿元左右,是2007年的2.1倍;"
                 "社会消费品零售总额完成960亿元以上,年均增长17.6%;固定资产投资五年累计完成9091亿元。", 2013, "包头市")
    assert ("retail_sales", "estimate", 2012, "level", 960.0, "") in rows
    assert ("retail_sales", "period_actual", 2012, "growth", 17.6, "2008-2012") in rows
    assert ("fixed_asset_investment", "period_actual", 2012, "level", 9091.0, "2008-2012") in rows
    # 斗门 2022: 预计 said after one subject is that subject's only
    rows = _rows("一、2021年工作回顾\n居民人均可支配收入预计4.6万元,增长10%;城镇登记失业率为2.3%。", 2022, "斗门区")
    assert ("registered_unemployment_rate", "actual", 2021, "share", 2.3, "") in rows
    assert ("disposable_income", "estimate", 2021, "level", 4.6, "") in rows


def test_fiscal_tiers_and_other_names_in_a_list():
    # 仙桃 2015: 财政总收入 and 地方公共财政预算收入 paired by 分别
    rows = _rows("一、2014年工作回顾\n财政总收入和地方公共财政预算收入分别达到36.5亿元、24.2亿元,增长13.4%、16.5%。",
                 2015, "仙桃市")
    assert rows == {("total_fiscal_revenue", "actual", 2014, "level", 36.5, ""),
                    ("total_fiscal_revenue", "actual", 2014, "growth", 13.4, ""),
                    ("general_budget_revenue", "actual", 2014, "level", 24.2, ""),
                    ("general_budget_revenue", "actual", 2014, "growth", 16.5, "")}
    # 迪庆 2016: 跃升到, 累计完成投资, 单位GDP能耗
    rows = _rows("一、过去五年工作回顾\n五年来,我们攻坚克难。全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元,"
                 "年均增长13.8%;规模以上固定资产投资年均增长23.5%,累计完成投资1008亿元;单位GDP能耗累计下降10.7%。",
                 2016, "迪庆藏族自治州")
    assert ("gdp", "actual", 2015, "level", 161.1, "") in rows and ("gdp", "actual", 2010, "level", 77.0, "") in rows
    assert ("gdp", "period_actual", 2015, "growth", 13.8, "2011-2015") in rows
    assert ("fixed_asset_investment", "period_actual", 2015, "level", 1008.0, "2011-2015") in rows
    assert ("energy_intensity", "period_actual", 2015, "growth", -10.7, "2011-2015") in rows


def test_a_sentence_dated_the_last_year_in_a_five_year_review():
    # 酉阳 2022: 2021年,… 进出口总额27.6亿元 is 2021's trade, not five years' sum; 年均 stays the period's
    rows = _rows("一、过去五年工作回顾\n回顾五年的奋进拼搏,经济实力明显增强。2021年,预计实现地区生产总值230亿元,"
                 "年均增长5.4%;进出口总额27.6亿元,是2016年的2倍。", 2022, "酉阳土家族苗族自治县")
    assert rows == {("gdp", "estimate", 2021, "level", 230.0, ""),
                    ("gdp", "period_actual", 2021, "growth", 5.4, "2017-2021"),
                    ("foreign_trade", "estimate", 2021, "level", 27.6, "")}


def test_a_bare_value_added_after_a_clause_on_industries_is_theirs():
    # 包头 2013: 五大支柱产业…,预计完成增加值910亿元 is the industries' value added, not GDP
    assert not _rows("一、过去五年工作回顾\n钢铁、铝业、装备制造等五大支柱产业不断做大做强,预计完成增加值910亿元左右。",
                     2013, "包头市")
    assert _rows("一、2012年工作回顾\n经济稳中向好,实现增加值2488亿元。", 2013, "包头市") == {
        ("gdp", "actual", 2012, "level", 2488.0, "")}


def test_a_bare_value_added_after_an_industry_in_its_own_clause_is_the_industry_s():
    review = "各位代表:\n一、2025年工作回顾\n"
    industry = extract_text(review + "规模以上工业企业达7.6万家、增加值增长3%,重大项目建成投产。", year=2026)
    assert industry.empty
    own = extract_text(review + "全年实现增加值1200亿元,增长5%。", year=2026)
    assert set(zip(own["indicator"], own["measure"], own["value"])) == {("gdp", "level", 1200.0),
                                                                         ("gdp", "growth", 5.0)}


def test_trade_with_partners_is_not_the_total_but_foreign_trade_is():
    review = "各位代表:\n一、2025年工作回顾\n"

    def trade(sentence: str) -> list[float]:
        df = extract_text(review + sentence, year=2026)
        return sorted(df.loc[df["indicator"] == "foreign_trade", "value"])
    assert trade("对东盟、共建“一带一路”国家进出口总额分别增长10.4%、12.1%。") == []
    assert trade("对东盟进出口总额增长10.4%。") == []
    assert trade("对外贸易进出口总额达到300亿元,增长3%。") == [3.0, 300.0]
    assert trade("面对复杂严峻的外部形势外贸进出口总额增长5%。") == [5.0]


def test_county_names_of_total_revenue_pastoral_income_and_a_split_city_and_countryside():
    review = "各位代表:\n一、2018年工作回顾\n"

    def rows(sentence: str) -> set[tuple]:
        df = extract_text(review + sentence, year=2019)
        return set(zip(df["indicator"], df["measure"], df["value"]))
    # Fujian's 一般公共预算总收入 counts the taxes passed up too: the total, not the local budget revenue
    assert rows("一般公共预算总收入33.8亿元,同口径增长96.1%。") == {("total_fiscal_revenue", "level", 33.8),
                                                         ("total_fiscal_revenue", "growth", 96.1)}
    assert rows("牧区常住居民人均可支配收入完成17441元,增长9.2%。") == {
        ("disposable_income_rural", "level", 17441.0), ("disposable_income_rural", "growth", 9.2)}
    assert rows("城、乡居民人均可支配收入分别为22694元、9527元,增长8.5%、11%。") == {
        ("disposable_income_urban", "level", 22694.0), ("disposable_income_rural", "level", 9527.0),
        ("disposable_income_urban", "growth", 8.5), ("disposable_income_rural", "growth", 11.0)}
