"""Typography of the cleaned text."""

from __future__ import annotations

import pytest

from reportlib.read.normalize import clean_text, join_soft_breaks


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("上海市嘉定区区长;高;香各位代表:现在", "上海市嘉定区区长高香各位代表:现在"),  # 000 嘉定
        ("上海市徐汇区区长 王 华\n二o二四年工作回顾", "上海市徐汇区区长王华\n二o二四年工作回顾"),  # 003
        ("虹口区区长;胡广杰各位代表", "虹口区区长胡广杰各位代表"),
        ("会议上 虹口区区长 胡广杰 各位代表:", "会议上 虹口区区长胡广杰 各位代表:"),  # 001
        ("增长６．５％，达到１２３亿元", "增长6.5%,达到123亿元"),  # full-width digits and punctuation
        ("“一网通办”、《纲要》。", "“一网通办”、《纲要》。"),  # Chinese quotes and 、。《》 stay
        ("全区\u3000\u3000经济  平稳\r\n\r\n\r\n增长", "全区 经济 平稳\n增长"),
        ("\ufeff各位代表", "各位代表"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_separators_between_clauses_are_kept():
    # a semicolon that separates clauses is punctuation, not a broken name
    assert clean_text("推进智慧工地;完善应急预案") == "推进智慧工地;完善应急预案"


# A PDF's text layer (平湖 2021): numbers on their own lines, the break inside the sentence.
PINGHU = ("各位代表:\n过去的五年,是综合实力显著增强的五年。\n地区生产总值从\n497.8\n亿元增加到\n779\n"
          "亿元,年均增长\n7.3%\n。财政总收入、一般公共预算收入年均分别增长\n8.9%\n、\n12.2%\n。\n规\n上工业产值从\n1236\n"
          "亿元增加到\n1935.8\n亿元,年均增长\n9.4%\n。" + "\n“十三五”时期是平湖发展极不平凡的五年,面对错综复杂" * 5)
# A web page wrapped at a fixed width (三明 2021): breaks inside words and after a number.
SANMING = ("各位代表:GG6\n" + "初步统计,全市生产总值2702.19亿元,增长4.1%;规模以上工业增加值增长3.1%;地方一\n"
           "般公共预算收入111.16亿元,增长3.2%;固定资产投资增长7.1%;外贸出口106.6亿元,增\n"
           "长-\n39.7%;实际利用外商直接投资1.41亿元,增长7.3%;社会消费品零售总额781.71亿元,下\n"
           "降0.3%;城镇居民人均可支配收入39270元,增长3.5%;农村居民人均可支配收入19410元\n"
           ",增长6%;居民消费价格总水平上涨1.3%;节能减排年度任务可以完成。一些重要领域、\n"
           "重点项目实现突破:GG6\n")


def test_soft_breaks_inside_sentences_are_joined():
    assert join_soft_breaks(PINGHU).split("\n")[2] == (
        "地区生产总值从497.8亿元增加到779亿元,年均增长7.3%。财政总收入、一般公共预算收入年均分别增长8.9%、12.2%。")
    assert join_soft_breaks(PINGHU).split("\n")[3] == "规上工业产值从1236亿元增加到1935.8亿元,年均增长9.4%。"
    joined = join_soft_breaks(SANMING)
    for words in ("地方一般公共预算收入111.16亿元", "增长-39.7%", "下降0.3%", "19410元,增长6%"):
        assert words in joined
    assert joined.count("\n") == 2  # salutation, the paragraph, then the GG6 line


def test_paragraph_ends_headings_and_cells_keep_their_lines():
    text = ("各位代表:\n现在,我代表市人民政府向大会报告工作。\n一、“十三五”发展成就和\n2020年工作回顾\n"
            "“十三五”时期是平湖发展极不平凡的五年。\n【一】\n坚持以进促稳进一步推动经济持续向好\n全力推动经济稳增长。")
    assert join_soft_breaks(text) == text
    cells = ("各位代表:\n" + "规模以上工业总产值完成630亿元,比上年同期增长了百分之五\n" * 4
             + "举办消费品牌外资总部推介会,合同利用外资13亿美元,同比增长3.6%\n新增总部机构7家,累计达到90家")
    assert "3.6%\n新增" in join_soft_breaks(cells)  # a line ending with a figure is a cell
    assert join_soft_breaks("2021\n年\n2\n月\n25\n日在平湖市第十五届人民代表大会第五次会议上\n各位代表:") == (
        "2021年2月25日在平湖市第十五届人民代表大会第五次会议上\n各位代表:")


def test_numbers_broken_by_the_wrap_or_a_page_are_joined():
    # a fixed-width page (谷城 2020-like): the wrap falls inside 250.3 and 2.5
    wrapped = ("各位代表:\n" + "这五年,我们聚力扩容提质,综合实力实现新跨越。预计十三五末,全县地区生产\n"
               "总值突破400亿元,年均增长6.2%;人均生产总值7.9万元,年均增长6%;固定资产投资25\n"
               "0.3亿元,可比年均增长10.3%;社会消费品零售总额140亿元,年均增长8.2%;外贸出口2\n"
               ".5亿美元,年均增长6.1%;利用外资5184万美元,年均增长10%;城镇常住居民人均可支配\n"
               "收入35867元,年均增长7.7%;农村常住居民人均可支配收入增长较快,城乡差距缩小了。\n" * 2)
    joined = join_soft_breaks(wrapped)
    assert "固定资产投资250.3亿元,可比年均增长10.3%" in joined and "外贸出口2.5亿美元" in joined
    # a preview whose pages are long lines numbered 1、 2、 …: the page number inside 4406.3 goes
    page = "现在,我代表市人民政府向大会报告工作,请予审议。" * 8
    preview = f"各位代表:\n1、{page}全市完成生产总值4406.\n2、3亿元,比2007年增长58%。{page}\n3、{page}"
    assert "全市完成生产总值4406.3亿元,比2007年增长58%。" in join_soft_breaks(preview)
    # a long paragraph line that a page cut inside its sentence (…由“十五”末的\n12.8亿元)
    cut = "各位代表:\n" + page + "全县生产总值由“十五”末的\n12.8亿元增加到19.2亿元,年均增长8.4%。\n二、任务"
    assert "由“十五”末的12.8亿元增加到" in join_soft_breaks(cut)


def test_lines_that_end_their_statement_keep_their_breaks():
    page = "现在,我代表市人民政府向大会报告工作,请予审议。" * 8
    # a list item numbered 2、 after a line that ends its sentence; a long line ending with a figure
    kept = f"各位代表:\n1、{page}\n2、{page}\n{page}增长3.6%\n2021年目标任务如下。"
    assert join_soft_breaks(kept) == kept


def test_a_site_s_watermark_at_line_ends_is_dropped():
    # 公文搜-like pages glue one token to the end of paragraphs (三明 2021: GG6, 佛山 2017: bhg)
    cleaned = clean_text("政府工作报告GG6 各位代表:GG6\n" + SANMING)
    assert "GG6" not in cleaned and "各位代表:\n初步统计" in cleaned and "重点项目实现突破:" in cleaned
    # a word that ends some lines but also stands inside a sentence is kept
    kept = "全年GDP\n增长GDP\n实现GDP\nGDP总量增长5%。"
    assert clean_text(kept) == kept
