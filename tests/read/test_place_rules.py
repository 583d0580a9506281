"""Where a report's place comes from when the division tree does not simply hold it (issue 10):
a stated name outranks the body, a qualified name is the county-level place, a renamed county is
read as it was, and a prefecture's untitled page is placed by the places of it that it names.

The lines below are written for these tests after the constructions of real reports (a county's
2012 newspaper print without meeting line, a 范文 site's district report, a prefecture's page
without title); only their title lines follow the originals.
"""

from __future__ import annotations

import pytest

from reportlib.read import places
from reportlib.read.metadata import read_metadata
from reportlib.read.normalize import clean_text
from reportlib.read.segment import split_chunks

COUNTY_BODY = ("各位代表:\n现在,我代表县人民政府向大会报告政府工作,请予审议。\n"
               "自县十五届人大一次会议以来,本届政府在市委、市政府和县委的坚强领导下,全县经济较快发展。\n"
               + "全县实现地区生产总值218亿元,增长12%。" * 10)


def _meta(title: str, text: str):
    return read_metadata(title, clean_text(f"{title}\n{text}" if title else text))


def test_a_stated_name_not_in_the_tree_is_kept_with_its_level_and_no_code():
    meta = _meta("2012年青梧县两会《政府工作报告》", COUNTY_BODY)  # 青梧县: no such county
    assert (meta.place.name, meta.place.level, meta.place.adcode) == ("青梧县", "county", "")
    assert "place_not_in_tree:青梧县" in meta.warnings and "place_from_body" not in meta.warnings


def test_a_body_mention_never_replaces_a_stated_name():
    header = "——2012年1月5日在青梧县第十五届人民代表大会第一次会议上\n青梧县人民政府县长 张三\n"
    meta = _meta("政府工作报告", header + COUNTY_BODY + "与和县、含山县开展合作。" * 5)
    assert (meta.place.name, meta.place.level, meta.place.adcode) == ("青梧县", "county", "")


def test_the_session_a_review_starts_from_names_the_place_when_nothing_else_does():
    body = COUNTY_BODY.replace("自县十五届", "自平阴县十五届").replace("和县委", "县委")
    meta = _meta("", body)
    assert (meta.place.name, meta.place.adcode, "place_from_body" in meta.warnings) == ("平阴县", "370124", False)
    assert _meta("", body.replace("平阴县", "青梧县")).place.name == "青梧县"


def test_a_name_under_a_known_prefecture_gets_its_parents():
    meta = _meta("2012年临沂市青梧县政府工作报告", COUNTY_BODY)
    place = meta.place
    assert (place.name, place.level, place.adcode, place.province, place.prefecture) == (
        "青梧县", "county", "", "山东省", "临沂市")


def test_a_two_character_county_inside_a_word_is_not_read_from_the_body():
    # 市政府和县委 holds 和县 (安徽): a text that states no place must not become 和县
    meta = _meta("", COUNTY_BODY)
    assert meta.place is None or meta.place.name != "和县"
    assert places.body_place("在市委、市政府和县委的领导下,振兴县域经济。" * 3) is None


def test_a_county_renamed_since_is_read_as_it_was_with_its_current_code():
    meta = _meta("2012年苍山县两会《政府工作报告》", COUNTY_BODY)
    place = meta.place
    assert (place.name, place.level, place.adcode, place.province, place.prefecture) == (
        "苍山县", "county", "371324", "山东省", "临沂市")
    assert "place_now:兰陵县" in meta.warnings
    assert places.lookup("襄樊市").current == "襄阳市" and places.lookup("密云县").adcode == "110118"
    assert "市区" not in places.places_by_name() and "市郊区" not in places.places_by_name()  # generic former names


@pytest.mark.parametrize(("title", "adcode"), [
    ("沈阳市铁西区2014年政府工作报告【优秀范文】", "210106"),
    ("鞍山市铁西区2014年政府工作报告", "210303"),
    ("四平市铁西区2014年政府工作报告", "220302"),
])
def test_a_qualified_county_name_in_the_title_is_the_county_of_that_prefecture(title, adcode):
    body = ("政府工作报告\n各位代表:\n我代表区人民政府向大会报告工作。\n"
            + "全区经济平稳发展,沈阳市、鞍山市、四平市来客增加。" * 8)
    meta = _meta(title, body)
    assert (meta.place.name, meta.place.level, meta.place.adcode) == ("铁西区", "county", adcode)


def test_a_short_name_inside_a_longer_one_does_not_void_the_title():
    # 棋盘山 holds 盘山 (盘山县, 盘锦), 浑南新区 holds 新区 (镇江新区, 兰州新区): the full names decide
    body = "各位代表:\n我代表区人民政府向大会报告工作。\n" + "全区经济平稳发展。" * 20
    zone = _meta("2014年沈阳市棋盘山开发区政府工作报告", body).place
    assert (zone.name, zone.adcode, zone.prefecture) == ("棋盘山开发区", "", "沈阳市")
    assert _meta("2014年沈阳市浑南新区政府工作报告", body).place.adcode == "210112"


def test_a_title_line_after_site_chrome_still_names_the_place():
    text = ("欢迎来到专业的文秘网平台! 工作总结 工作计划 心得体会 述职报告\n"
            "沈阳市铁西区2014年政府工作报告【优秀范文】\n时间:2023-05-21 08:54:01 来源:网友投稿\n政府工作报告\n"
            "各位代表:\n我代表区人民政府向大会报告工作。\n一、2013年工作回顾\n"
            + "全区经济平稳发展,沈阳市委、沈阳市政府大力支持。" * 10)
    [chunk] = split_chunks(clean_text(text)).chunks
    meta = read_metadata(chunk.title, chunk.text)
    assert (meta.place.name, meta.place.adcode, meta.year) == ("铁西区", "210106", 2014)


PREFECTURE_PAGE = (
    "各位代表:\n现在,我代表州人民政府,向大会报告工作,请予审议。\n一、2024年工作回顾\n"
    "一年来,州人民政府团结带领全州各族人民砥砺前行。全州完成地区生产总值620亿元。\n"
    "芒市咖啡、瑞丽柠檬、陇川甘蔗、盈江茶叶品牌做强,全州农业稳步发展。\n"
    "梁河县文旅融合加快,全州接待游客增长10%。\n")


def test_a_prefecture_page_without_title_is_placed_by_the_places_of_it_that_it_names():
    meta = _meta("", PREFECTURE_PAGE)
    assert (meta.place.name, meta.place.level, meta.place.adcode) == ("德宏傣族景颇族自治州", "prefecture", "533100")
    assert "place_from_body" in meta.warnings and meta.year == 2025


def test_places_of_two_prefectures_named_alike_place_nothing():
    text = PREFECTURE_PAGE.replace("梁河县文旅融合加快", "与大理市、祥云县、宾川县、弥渡县合作")
    assert places.body_place_by_parts(text) is None
    assert places.body_place_by_parts(PREFECTURE_PAGE.replace("全州", "全市")) is None  # 德宏 is a 州
