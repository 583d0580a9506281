"""Panel: targets beside the actuals reported later, and facts stated with two values."""

from __future__ import annotations

import importlib.util
import sys

import pandas as pd
import pytest
from conftest import ROOT

from reportlib.measure.indicators import extract_indicators, extract_text
from reportlib.measure.panel import conflicts, is_met, revisions, targets_vs_actuals

BENCH = ROOT / "benchmarks" / "accuracy.py"
_spec = importlib.util.spec_from_file_location("accuracy", BENCH)
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy  # dataclasses look their module up there
_spec.loader.exec_module(accuracy)

TARGETS_2020 = ("一、2020年主要任务\n主要预期目标是:地区生产总值增长6%左右,区级财政收入增长5%以上,"
                "城镇登记失业人数控制在17200人以内。")
REVIEW_2020 = ("一、2020年工作回顾\n全年预计地区生产总值增长2.5%左右;完成区级财政收入198.1亿元,同比增长2%;"
               "城镇登记失业人数7548人。")


@pytest.fixture(scope="module")
def two_reports() -> pd.DataFrame:
    return pd.concat([
        extract_text(TARGETS_2020, year=2020, district="徐汇区", doc_id="xuhui-2020-work_report"),
        extract_text(REVIEW_2020, year=2021, district="徐汇区", doc_id="xuhui-2021-work_report"),
    ], ignore_index=True)


def test_targets_meet_the_figures_of_next_years_report(two_reports) -> None:
    panel = targets_vs_actuals(two_reports).set_index(["indicator", "measure"])
    gdp = panel.loc[("gdp", "growth")]
    assert (gdp["target_value"], gdp["actual_value"], gdp["actual_kind"]) == (6.0, 2.5, "estimate")
    # an estimate is never "met": it says only whether the year is on track
    assert gdp["gap"] == pytest.approx(-3.5) and pd.isna(gdp["met"]) and not gdp["on_track"]
    revenue = panel.loc[("district_budget_revenue", "growth")]
    assert revenue["actual_doc_id"] == "xuhui-2021-work_report" and not revenue["met"]
    unemployed = panel.loc[("registered_unemployed", "level")]
    assert unemployed["actual_value"] == 7548 and unemployed["met"]  # at most 17200: met


def test_a_figure_over_several_years_answers_no_yearly_target() -> None:
    ind = pd.concat([
        extract_text("一、2020年主要任务\n主要预期目标是:旧改征收6000户。", year=2020, district="虹口区",
                     doc_id="hongkou-2020-work_report"),
        extract_text("一、2020年工作回顾\n过去五年,累计完成旧区改造94万平方米、3.5万户。", year=2021, district="虹口区",
                     doc_id="hongkou-2021-work_report"),
    ], ignore_index=True)
    assert set(ind["kind"]) == {"target", "period_actual"}
    row = targets_vs_actuals(ind).iloc[0]
    assert row["n_actuals"] == 0 and pd.isna(row["actual_value"]) and pd.isna(row["met"])


def test_a_target_without_a_figure_is_kept() -> None:
    ind = extract_text(TARGETS_2020, year=2020, district="徐汇区")
    panel = targets_vs_actuals(ind)
    assert len(panel) == 3 and panel["actual_value"].isna().all() and panel["met"].isna().all()


@pytest.mark.parametrize("actual, target, high, qualifier, better, expected", [
    (6.5, 6, None, "at_least", "higher", True),
    (5.9, 6, None, "at_least", "higher", False),
    (6.2, 6, 7, "", "higher", True),
    (5.8, 6, 7, "", "higher", False),
    (4.6, 5, None, "approx", "higher", True),  # 5%左右 met by 4.6%
    (4.0, 5, None, "approx", "higher", False),
    (4123, 4750, None, "at_most", "lower", True),
    (36, 30, None, "", "lower", False),  # PM2.5 above its target
])
def test_is_met(actual, target, high, qualifier, better, expected) -> None:
    assert is_met(actual, target, high, qualifier, better) is expected


def test_conflicts_show_both_quotes_and_skip_compatible_statements() -> None:
    a = extract_text("一、2020年工作回顾\n合同利用外资13亿美元,区级财政收入突破“百亿大关”。",
                     year=2021, district="徐汇区", doc_id="a")
    b = extract_text("一、2020年工作回顾\n合同利用外资12.5亿美元,实现区级财政收入110.63亿元。",
                     year=2021, district="徐汇区", doc_id="b")
    found = conflicts(pd.concat([a, b], ignore_index=True))
    assert found[["indicator", "value_a", "value_b", "same_document"]].values.tolist() == [
        ["contracted_foreign_investment", 13.0, 12.5, False]]
    assert found["quote_a"].iloc[0] == "合同利用外资13亿美元"


def test_two_totals_one_report_names_apart_are_no_conflict() -> None:
    # 海拉尔 2012: 财政总收入完成29亿元 and 地方财政总收入完成16亿元 are both total_fiscal_revenue (spec),
    # two measures the report tells apart; another report's 地方财政总收入 of 17亿元 does conflict
    text = "一、2011年工作回顾\n财政总收入完成29亿元,同比增长67.3%;地方财政总收入完成16亿元,同比增长23.2%。"
    one = extract_text(text, year=2012, district="海拉尔区", doc_id="hailar-2012-work_report")
    assert set(one["indicator"]) == {"total_fiscal_revenue"} and len(one) == 4
    assert conflicts(one).empty
    other = extract_text("一、2011年工作回顾\n地方财政总收入完成17亿元。", year=2012, district="海拉尔区",
                         doc_id="hailar-2012-other")
    found = conflicts(pd.concat([one, other], ignore_index=True))
    assert sorted(tuple(sorted(p)) for p in zip(found["value_a"], found["value_b"], strict=True)) == [
        (16.0, 17.0), (17.0, 29.0)]


def test_corpus_panel_links_districts_reported_twice(corpus) -> None:
    ind = extract_indicators(corpus)
    panel = targets_vs_actuals(ind)
    docs = corpus.documents[corpus.documents["doc_type"] != "other"]
    repeated = set(docs.groupby("district").filter(lambda g: len(g) > 1)["district"])
    linked = set(panel.loc[panel["actual_doc_id"].notna()
                           & (panel["actual_doc_id"] != panel["target_doc_id"]), "district"])
    assert repeated and repeated <= linked
    assert not panel.duplicated(["district", "indicator", "year", "period", "measure"]).any()
    # 嘉定's 2021 targets: set in its work report, restated in the mid-year table
    gdp = panel.set_index(["district", "indicator", "year", "period", "measure"]).loc[
        ("嘉定区", "gdp", 2021, "", "growth")]
    assert gdp["target_doc_id"] == "jiading-2021-work_report" and gdp["n_targets"] == 2
    # the first half's growth is on track, never "met"
    assert gdp["actual_kind"] == "h1_actual" and pd.isna(gdp["met"]) and gdp["on_track"]
    # the seeds hold no two final figures of one fact that disagree (by reading: the pairs the old
    # table listed were annual against five-year figures, or a plan report's estimates)
    assert conflicts(ind).empty
    revised = revisions(ind)
    assert set(revised["district"]) == {"徐汇区"} and set(revised["estimate_doc_id"]) == {"xuhui-2021-plan_report"}
    foreign = revised[(revised["indicator"] == "contracted_foreign_investment") & (revised["measure"] == "level")]
    assert set(zip(foreign["estimate_value"], foreign["final_value"], foreign["revised"], strict=True)) == {
        (13.0, 12.5, True)}


def test_final_figures_only_conflict() -> None:
    review = "一、2020年工作回顾\n地区生产总值增长3%。"
    five = "一、2020年工作回顾\n过去五年,地区生产总值年均增长6.7%。"
    a = extract_text(review, year=2021, district="闵行区", doc_id="minhang-2021-work_report")
    b = extract_text(five, year=2021, district="闵行区", doc_id="minhang-2021-plan_report")
    c = extract_text(review.replace("3%", "3.5%"), year=2021, district="闵行区", doc_id="minhang-2021-x")
    assert b["kind"].tolist() == ["period_actual"] and b["period"].tolist() == ["2016-2020"]
    assert conflicts(pd.concat([a, b], ignore_index=True)).empty  # a year against five years
    found = conflicts(pd.concat([a, b, c], ignore_index=True))
    assert found[["value_a", "value_b", "period"]].values.tolist() == [[3.0, 3.5, ""]]


# The Hailar work reports 2012-2015: every target of year t beside year t's figure in the report of
# t+1, as read (tests/data/gold/notes/hailar_target_actual_pairs.md): (year, indicator, measure) →
# (target, actual, met). The 2015 targets have no next report; 2012 FAI, 2013 all-resident income
# and 2014 new jobs have no figure of the same indicator in the next report.
HAILAR_PAIRS = {
    (2012, "gdp", "level"): (240, 235.2, False), (2012, "gdp", "growth"): (21, 18.5, False),
    (2012, "total_fiscal_revenue", "level"): (20, 20.67, True),
    (2012, "total_fiscal_revenue", "growth"): (24.6, 28.8, True),
    (2012, "retail_sales", "level"): (100.8, 97.9, False), (2012, "retail_sales", "growth"): (20, 16.2, False),
    (2012, "disposable_income_urban", "level"): (23896, 23267, False),
    (2012, "disposable_income_urban", "growth"): (18, 14.9, False),
    (2012, "new_urban_employment", "level"): (5000, 6128, True),
    (2013, "gdp", "level"): (282, 253.7, False), (2013, "gdp", "growth"): (20, 10.1, False),
    (2013, "total_fiscal_revenue", "level"): (24.8, 24.85, True),
    (2013, "total_fiscal_revenue", "growth"): (20, 20.3, True),
    (2013, "fixed_asset_investment", "level"): (100, 90.7, False),
    (2013, "fixed_asset_investment", "growth"): (23, 24.7, True),
    (2013, "retail_sales", "level"): (120, 110.6, False), (2013, "retail_sales", "growth"): (22, 13, False),
    (2013, "new_urban_employment", "level"): (5400, 5611, True),
    (2014, "gdp", "level"): (282, 274.4, False), (2014, "gdp", "growth"): (11, 9.1, False),
    (2014, "total_fiscal_revenue", "level"): (28.8, 24.9, False),
    (2014, "total_fiscal_revenue", "growth"): (16, 0.4, False),
    (2014, "fixed_asset_investment", "level"): (108.8, 121.1, True),
    (2014, "fixed_asset_investment", "growth"): (20, 33.5, True),
    (2014, "retail_sales", "level"): (126, 123.4, False), (2014, "retail_sales", "growth"): (14, 11.6, False),
    (2014, "disposable_income_urban", "growth"): (12, 10.4, False),
    (2014, "registered_unemployment_rate", "share"): (4, 3.79, True),
}
HAILAR_UNPAIRED = {(2012, "fixed_asset_investment", "level"), (2012, "fixed_asset_investment", "growth"),
                   (2013, "disposable_income", "growth"), (2014, "new_jobs", "level")}


@pytest.mark.skipif(not accuracy.DEV.is_dir(), reason="../shared/corpus-dev not present")
def test_hailar_reports_give_every_target_actual_pair_they_hold() -> None:
    panel = targets_vs_actuals(accuracy.extract("hailar"))
    before_2015 = panel[panel["year"] < 2015]
    paired = before_2015[before_2015["actual_value"].notna()]
    got = {(int(r.year), r.indicator, r.measure): (r.target_value, r.actual_value, bool(r.met))
           for r in paired.itertuples(index=False)}
    assert got == {k: (float(t), float(a), m) for k, (t, a, m) in HAILAR_PAIRS.items()}
    assert (paired["actual_kind"] == "actual").all()
    unpaired = before_2015[before_2015["actual_value"].isna()]
    assert {(int(r.year), r.indicator, r.measure) for r in unpaired.itertuples(index=False)} == HAILAR_UNPAIRED
