"""Metadata from the text: years in Chinese numerals, types, speakers, truncation."""

from __future__ import annotations

import pytest

from reportlib.read.metadata import (
    content_year,
    detect_doc_type,
    find_speaker,
    is_truncated,
    plenum_year,
    read_metadata,
)
from reportlib.read.numerals import cn_year_to_int


@pytest.mark.parametrize(
    ("text", "year"),
    [("二〇二四", 2024), ("二o二四", 2024), ("二零二五", 2025), ("二○三五", 2035), ("二O二一", 2021),
     ("十二五", None)],
)
def test_chinese_numeral_years(text, year):
    assert cn_year_to_int(text) == year


@pytest.mark.parametrize(
    ("text", "doc_type", "year"),
    [
        ("一、2020年工作回顾过去一年,我们在区委坚强领导下", "work_report", 2021),
        ("二o二四年工作回顾\n一年来,全区经济社会发展总体平稳", "work_report", 2025),
        ("一、过去五年工作回顾区第十四届人民代表大会第一次会议以来的五年。 三、2012年主要任务2012年,是",
         "work_report", 2012),
        ("关于上海市徐汇区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告",
         "plan_report", 2021),
        ("就本区2021年上半年国民经济和社会发展计划执行情况,向区人大常委会报告如下", "plan_midyear", 2021),
    ],
)
def test_content_year(text, doc_type, year):
    assert content_year(text, doc_type, "") == year


def test_year_from_meeting_date_when_content_is_silent():
    assert content_year("各位代表:", "plan_report", "2020-12-23") == 2021
    assert content_year("各位代表:", "work_report", "2021-01-13") == 2021


def test_year_of_a_report_without_headings_or_meeting_line():
    # 东乌珠穆沁旗 2022: the date stands alone in brackets under the speaker
    meta = read_metadata("", "政府工作报告\n东乌旗人民政府代旗长周玉龙\n(2022年1月5日)\n各位代表:\n"
                             "一、过去四年工作回顾\n预计全旗地区生产总值累计完成232.75亿元。")
    assert (meta.meeting_date, meta.year) == ("2022-01-05", 2022)
    # 包头 2013: no title, no date; the review estimates 2012, so the report is for 2013
    assert content_year("过去五年工作回顾\n预计2012年全市生产总值完成3440亿元左右,是2007年的2.1倍;",
                        "work_report", "") == 2013
    assert content_year("2007年以来,全市生产总值是2007年的2.1倍。", "work_report", "") is None


@pytest.mark.parametrize(
    ("title", "header", "doc_type"),
    [
        ("【青浦区招商】2021年青浦区政府工作报告", "", "work_report"),
        ("", "嘉定区发展和改革委员会\n受区人民政府的委托,就本区2021年上半年国民经济和社会发展计划执行情况",
         "plan_midyear"),
        ("关于上海市徐汇区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告", "",
         "plan_report"),
        ("", "上海市徐汇区区长王华\n二o二四年工作回顾\n一年来", "work_report"),
        ("【上海招商】上港集团深化科技强港战略 以创新驱动融入新发展格局", "上海国际港务(集团)股份有限公司", "other"),
    ],
)
def test_doc_type(title, header, doc_type):
    assert detect_doc_type(title, header) == doc_type


@pytest.mark.parametrize(
    ("header", "speaker", "title"),
    [
        ("2021年1月18日在上海市普陀区第十六届人民代表大会第七次会议上区人民政府区长姜冬冬各位代表:", "姜冬冬", "区长"),
        ("上海市徐汇区代理区长钟晓咏各位代表:现在", "钟晓咏", "代理区长"),
        ("徐汇区发展和改革委员会主任王志华\n主任、各位副主任", "王志华", "发展和改革委员会主任"),
        ("2021年杨浦区政府工作报告各位代表:现在,我代表杨浦区人民政府", "", ""),
    ],
)
def test_speaker(header, speaker, title):
    assert find_speaker(header) == (speaker, title)


def test_truncated_text_is_flagged():
    complete = "各位代表:现在,我代表人民政府向大会报告工作。以优异成绩庆祝建党一百周年!"
    assert not is_truncated(complete)
    assert is_truncated(complete[:-10])
    assert "truncated" in read_metadata("2021年青浦区政府工作报告", complete[:-10]).warnings


def test_title_year_mismatch_follows_content():
    text = "2021年杨浦区政府工作报告各位代表:现在。 一、过去五年工作回顾五年来。 三、2012年主要任务2012年,是重要一年。"
    meta = read_metadata("【杨浦区招商】2021年杨浦区政府工作报告", text)
    assert (meta.year, meta.title_year) == (2012, 2021)
    assert "title_year_mismatch" in meta.warnings


# 赤峰 2025: the report names its city only inside other names (赤峰国际陆港, 赤峰至莫斯科).
CHIFENG = ("各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议。\n一、2024年工作回顾\n"
           "一年来,在市委带领下,认真贯彻落实中央、自治区决策部署,锚定自治区“闯新路、进中游”目标。"
           "预计全市地区生产总值增长4%左右。赤峰国际陆港至天津港、大连港“公转铁”铁海联运集装箱班列和"
           "赤峰至莫斯科的跨境公路运输(TIR)成功开行。巴林—奈曼—阜新500千伏输变电工程竣工投运。")


def test_place_from_short_name_in_body_when_unambiguous():
    from reportlib.read.metadata import read_metadata

    meta = read_metadata("", CHIFENG)
    assert meta.place is not None and meta.place.name == "赤峰市"
    assert "place_from_body" in meta.warnings


def test_no_place_from_short_names_when_two_cities_tie():
    from reportlib.read.metadata import read_metadata

    # 赤峰 and 大连 twice each, no 自治区 to choose the province: the body does not say
    text = CHIFENG.replace("自治区", "").replace("阜新", "大连")
    assert read_metadata("", text).place is None


@pytest.mark.parametrize(("review", "year"), [
    ("20XX年工作回顾\n20XX年,县政府全面贯彻党的十九大和十九届二中、三中、四中全会精神,较好完成目标任务。", 2020),
    ("一、工作回顾\n过去的一年,我们认真学习贯彻中共十八大、十八届三中四中全会精神,主动适应经济发展新常态。", 2015),
])
def test_a_report_without_any_year_is_dated_by_the_latest_plenum_its_review_cites(review, year):
    text = "各位代表:\n现在,我代表县人民政府向大会报告工作。\n" + review + "\n全县经济平稳发展。" * 20
    meta = read_metadata("", text)
    assert (meta.year, "year_inferred" in meta.warnings) == (year, True)
    assert plenum_year("十九届二中、三中全会") is None  # held before March: a spring report may cite them
