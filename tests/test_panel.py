"""Panel: targets beside the actuals reported later, and facts stated with two values."""

from __future__ import annotations

import pandas as pd
import pytest

from reportlib.measure.indicators import extract_indicators, extract_text
from reportlib.measure.panel import conflicts, is_met, targets_vs_actuals

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
    assert gdp["gap"] == pytest.approx(-3.5) and not gdp["met"]
    revenue = panel.loc[("district_budget_revenue", "growth")]
    assert revenue["actual_doc_id"] == "xuhui-2021-work_report" and not revenue["met"]
    unemployed = panel.loc[("registered_unemployed", "level")]
    assert unemployed["actual_value"] == 7548 and unemployed["met"]  # at most 17200: met


def test_a_figure_over_several_years_answers_no_yearly_target() -> None:
    ind = pd.concat([
        extract_text("一、2020年主要任务\n主要预期目标是:旧改征收6000户。", year=2020, district="虹口区",
                     doc_id="hongkou-2020-work_report"),
        extract_text("一、2020年工作回顾\n累计完成旧区改造94万平方米、3.5万户。", year=2021, district="虹口区",
                     doc_id="hongkou-2021-work_report"),
    ], ignore_index=True)
    row = targets_vs_actuals(ind).iloc[0]
    assert row["n_actuals"] == 1 and pd.isna(row["actual_value"]) and pd.isna(row["met"])


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


def test_corpus_panel_links_districts_reported_twice(corpus) -> None:
    ind = extract_indicators(corpus)
    panel = targets_vs_actuals(ind)
    docs = corpus.documents[corpus.documents["doc_type"] != "other"]
    repeated = set(docs.groupby("district").filter(lambda g: len(g) > 1)["district"])
    linked = set(panel.loc[panel["actual_doc_id"].notna()
                           & (panel["actual_doc_id"] != panel["target_doc_id"]), "district"])
    assert repeated and repeated <= linked
    assert not panel.duplicated(["district", "indicator", "year", "measure"]).any()
    # 嘉定's 2021 targets: set in its work report, restated in the mid-year table
    gdp = panel.set_index(["district", "indicator", "year", "measure"]).loc[("嘉定区", "gdp", 2021, "growth")]
    assert gdp["target_doc_id"] == "jiading-2021-work_report" and gdp["n_targets"] == 2
    assert gdp["actual_kind"] == "h1_actual" and gdp["met"]
    between = conflicts(ind)
    between = between[~between["same_document"]]
    assert {"徐汇区"} <= set(between["district"])
