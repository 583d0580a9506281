"""Section headings on real cases: levels, numbers, run-in headings and roles."""

from __future__ import annotations

from itertools import pairwise

import pytest
from conftest import DEV

from reportlib import read_corpus
from reportlib.lexicon import read_rows
from reportlib.read.normalize import clean_text
from reportlib.read.sections import find_sections, role_of, role_of_opening

# A provincial report's opening as published (浙江省 2026, full-width punctuation, run-in sub-headings).
PROVINCIAL = ("各位代表：\n现在，我代表省人民政府向大会作政府工作报告。\n一、2025年主要工作和“十四五”发展成就\n"
              "2025年是极不平凡的一年。全省生产总值增长5.5%。\n（一）坚持稳中求进，经济运行好于预期。我们出台了一揽子政策。\n"
              "（二）深化改革开放。开放水平提升。\n二、2026年主要目标和重点任务\n今年经济社会发展的主要预期目标是：全省生产总值增长5%左右。\n"
              "三、加强政府自身建设\n我们要坚持依法行政。\n")


def _sections(text: str) -> list[tuple[int, str, str, str]]:
    return [(s.level, s.number, s.heading, s.role) for s in find_sections("doc", clean_text(text))]


def test_levels_numbers_and_run_in_headings_of_a_provincial_report() -> None:
    assert _sections(PROVINCIAL) == [
        (1, "", "", "other"),
        (1, "一", "2025年主要工作和“十四五”发展成就", "review"),
        (2, "一", "坚持稳中求进,经济运行好于预期", "review"),
        (2, "二", "深化改革开放", "review"),
        (1, "二", "2026年主要目标和重点任务", "targets"),
        (1, "三", "加强政府自身建设", "governance"),
    ]


def test_sections_tile_the_text_without_gaps() -> None:
    text = clean_text(PROVINCIAL)
    top = [s for s in find_sections("doc", text) if s.level == 1]
    assert top[0].start == 0 and top[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(top))


def test_an_enumeration_inside_a_sentence_is_not_a_heading() -> None:
    text = "一、2020年工作回顾\n我们完成了一、二级管网改造，建成第十六、十七批项目。\n二、2021年主要任务\n推进改革。\n"
    assert [(n, h) for _, n, h, _ in _sections(text)] == [("一", "2020年工作回顾"), ("二", "2021年主要任务")]


@pytest.mark.parametrize(("heading", "role"), [
    ("过去一年工作回顾", "review"),                       # 海拉尔区 2013
    ("2025年工作总结和“十四五”发展成就", "review"),         # 宁夏 2026
    ("“十四五”时期发展成就和“十五五”时期主要目标任务", "outline"),  # 广西 2026
    ("2026年主要目标和重点任务", "targets"),
    ("今后五年的奋斗目标和主要任务", "outline"),
    ("全面加强政府自身建设", "governance"),
    ("用语解释", "glossary"),
    ("2013年工作安排", "tasks"),
    ("2025年和“十四五”时期工作回顾", "review"),                 # 辽宁, 重庆 2026: not the plan outline
    ("“十四五”时期和2025年工作回顾", "review"),                 # 云南, 江苏 2026
    ("“十五五”时期目标任务和2026年工作安排", "tasks"),          # 辽宁 2026: its sub-sections are 2026's tasks
    ("坚持和加强党的全面领导,全力建设让人民更加满意的政府", "governance"),  # 新疆 2026
    ("成就辉煌的“十一五”", "review"),                               # a 2011 report's review of the plan just ended
])
def test_roles_of_real_headings(heading: str, role: str) -> None:
    assert role_of(heading) == role


def test_section_type_words_name_the_role_they_are_listed_with() -> None:
    rows = read_rows("section_type_words.csv")
    assert rows and all(role_of(r["word"]) == r["role"] for r in rows), [
        (r["word"], r["role"], role_of(r["word"])) for r in rows if role_of(r["word"]) != r["role"]]


# Unnumbered report parts (the layout of 甘肃 2026, in other words): a line that names a section type,
# after a finished sentence and before prose, is a top heading; numbered parts nest under it.
UNNUMBERED = ("各位代表:\n我代表省人民政府向大会报告工作,请予审议。\n“十四五”时期工作回顾\n五年来主要做了以下工作。\n"
              "全省生产总值年均增长5.5%,一般公共预算收入年均增长6%。\n“十五五”时期的主要目标任务\n"
              "今后五年,全省生产总值年均增长5%左右,城乡居民收入增长与经济增长同步。\n2026年重点工作hd9\n"
              "今年是“十五五”开局之年,全省生产总值增长5%左右。\n(一)扩大有效投资\n推进重大项目建设。\n"
              "(二)加强政府自身建设\n坚持依法行政。\n")


def test_unnumbered_lines_that_name_a_section_type_are_top_headings() -> None:
    assert _sections(UNNUMBERED) == [
        (1, "", "", "other"),
        (1, "", "“十四五”时期工作回顾", "review"),
        (1, "", "“十五五”时期的主要目标任务", "outline"),
        (1, "", "2026年重点工作", "tasks"),  # the site's junk token (hd9) is not part of the heading
        (2, "一", "扩大有效投资", "tasks"),
        (2, "二", "加强政府自身建设", "governance"),  # the plan's last item is the government's own part
    ]


@pytest.mark.parametrize("text", [
    # a table's header cell: no finished sentence before it, no prose after it
    "一、2020年工作回顾\n完成了各项任务。\n表2 重点工作推进情况\n主要任务\n产业升级\n二、2021年主要任务\n推进改革。\n",
    # a report that numbers its top parts: a type line inside a part is a sub-title, not a top heading
    "一、2020年工作回顾\n完成了各项任务。\n主要工作\n我们推进了产业升级,城市更新有序推进。\n二、2021年主要任务\n推进改革。\n",
])
def test_a_type_word_line_in_a_table_or_a_numbered_report_is_no_heading(text: str) -> None:
    assert [(lv, n, h) for lv, n, h, _ in _sections(text)] == [
        (1, "一", "2020年工作回顾"), (1, "二", "2021年主要任务")]


def test_a_numbered_sub_heading_line_is_not_read_as_an_unnumbered_governance_part() -> None:
    # 海拉尔区 2014-2015: the review's last sub-heading (四)政府自身建设… is a line of its own
    text = ("一、2013年工作回顾\n(一)经济保持较快发展\n增长13%。\n(二)政府自身建设取得新成效\n规范公务用车。\n"
            "二、2014年工作安排\n(一)狠抓项目建设\n投资增长15%。\n")
    assert [(lv, n, r) for lv, n, _, r in _sections(text)] == [
        (1, "一", "review"), (2, "一", "review"), (2, "二", "review"), (1, "二", "tasks"), (2, "一", "tasks")]


@pytest.mark.parametrize(("text", "heading"), [
    ("一、“十三五”发展成就和\n2020年工作回顾\n五年来,我们推进了各项工作。\n", "“十三五”发展成就和2020年工作回顾"),
    ("一、过去五年及 2022 年工作回顾\n五年来,我们推进了各项工作。\n", "过去五年及 2022 年工作回顾"),
])
def test_a_heading_broken_after_a_joiner_or_spaced_out_is_read_whole(text: str, heading: str) -> None:
    assert _sections(text) == [(1, "一", heading, "review")]


@pytest.mark.parametrize(("text", "heading"), [
    ("一、今后五年的奋斗目标和主要任务今后五年,是我区转型发展的关键时期。\n", "今后五年的奋斗目标和主要任务"),
    ("一、2008年以来的工作回顾过去的四年,是我市发展很不平凡的四年。\n", "2008年以来的工作回顾"),
    # 上海 districts 2021 (seeds): a closing phrase, then the part's epigraph without punctuation
    ("一、推进政府治理现代化天下大事必作于细,我们要狠抓落实。\n", "推进政府治理现代化"),
    ("一、2018年工作回顾vfO\n2018年,我们推进了各项工作。\n", "2018年工作回顾"),  # a site's junk token
    ("一、政府自身建设取得新成效\n我们推进了依法行政。\n", "政府自身建设取得新成效"),  # the phrase as subject
    ("一、全面提升政府治理现代化水平\n我们推进了依法行政。\n", "全面提升政府治理现代化水平"),
    ("一、今后五年经济社会发展把握的重要原则\n坚持稳中求进。\n", "今后五年经济社会发展把握的重要原则"),  # 把握
])
def test_a_heading_is_cut_where_its_glued_body_begins(text: str, heading: str) -> None:
    assert _sections(text)[0][2] == heading


def test_a_year_heading_run_into_a_flattened_text_after_a_sentence_end() -> None:
    text = ("各位代表:现在,我代表县人民政府向大会作工作报告,请予审议。2019年工作回顾2019年,是我县发展极不平凡的一年。"
            "全县生产总值增长7%。")
    assert _sections(text) == [(1, "", "", "other"), (1, "", "2019年工作回顾", "review")]


def test_a_list_mark_before_a_title_is_no_heading() -> None:
    text = "1、.某市政府工作报告—2012年2月27日在市人民代表大会上\n各位代表:\n一、2011年工作回顾\n增长10%。\n"
    assert [(n, h) for _, n, h, _ in _sections(text)] == [("", ""), ("一", "2011年工作回顾")]


@pytest.mark.parametrize(("opening", "role"), [
    ("2025年是“十四五”收官之年。一年来,我们坚持稳中求进。", "review"),
    ("过去的一年,是我省发展进程中极不平凡的一年。", "review"),
    ("“十五五”时期是基本实现现代化的关键时期。省政府编制了规划纲要草案。", "outline"),
    ("2026年是“十五五”开局之年。今年经济社会发展的主要预期目标是:生产总值增长5%左右。", "tasks"),
    ("坚持创新驱动,产业升级步伐加快。", "other"),
])
def test_a_thematic_heading_takes_its_role_from_how_its_body_opens(opening: str, role: str) -> None:
    assert role_of_opening(opening) == role
    assert _sections(f"一、一张蓝图绘到底\n{opening}\n")[0][3] == role


@pytest.fixture(scope="module")
def dev_sections():
    if not DEV.is_dir():
        pytest.skip("../shared/corpus-dev not present")
    corpus = read_corpus(DEV)
    sources = corpus.documents.set_index("doc_id")["source"]
    return corpus.sections.assign(source=corpus.sections["doc_id"].map(sources))


@pytest.mark.parametrize(("source", "top"), [
    # thematic numbered headings: roles from their bodies' openings
    ("2026_福建省_政府工作报告.txt", ["review", "outline", "tasks", "governance"]),
    # unnumbered parts; 内蒙古's numbered parts are the sub-sections of the second
    ("2026_甘肃省_政府工作报告.txt", ["review", "outline", "tasks"]),
    ("2026_内蒙古自治区_政府工作报告.txt", ["review", "tasks"]),
    # a review that names the past plan period; the plan outline joined with 2026's work
    ("2026_辽宁省_政府工作报告.txt", ["review", "tasks", "governance"]),
    # the review's last sub-heading on a line of its own used to hide the tasks heading
    ("hailar_2014.txt", ["review", "tasks"]),
    ("hailar_2015.txt", ["review", "tasks"]),
])
def test_top_sections_of_development_reports(dev_sections, source: str, top: list[str]) -> None:
    rows = dev_sections[(dev_sections.source == source) & (dev_sections.level == 1) & (dev_sections.heading != "")]
    assert list(rows.sort_values("start")["role"]) == top


def test_every_development_report_opens_with_a_review_and_has_targets_or_tasks(dev_sections) -> None:
    top = dev_sections[(dev_sections.level == 1) & (dev_sections.heading != "")]
    assert top["doc_id"].nunique() == 28
    for doc_id, group in top.groupby("doc_id"):
        roles = list(group.sort_values("start")["role"])
        assert roles[0] == "review", (doc_id, list(group["heading"])[:2])
        assert {"targets", "tasks"} & set(roles), (doc_id, roles)
