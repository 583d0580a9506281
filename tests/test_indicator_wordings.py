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
