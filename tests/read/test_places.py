"""Places, levels, types and wrappers of reports from anywhere in China (issue 10)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DEV, TEST_DATA

from reportlib.read import places
from reportlib.read.corpus import documents_of_file, read_corpus
from reportlib.read.metadata import find_place, find_speaker, read_metadata
from reportlib.read.normalize import clean_text
from reportlib.read.segment import split_chunks

GOLD = TEST_DATA / "gold" / "documents_dev.csv"
BODY = "各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。\n" + "全县经济平稳增长,地区生产总值增长6%。" * 12


def _place(title: str, text: str) -> places.Place | None:
    return read_metadata(title, clean_text(text)).place


def test_slogan_is_not_the_place():
    text = ("2023年1月10日在安吉县第十七届人民代表大会第三次会议上\n安吉县人民政府县长 张三\n"
            "各位代表:\n我们践行绿水青山就是金山银山理念,冰天雪地也是金山银山。\n" + BODY)
    place = _place("2023年安吉县政府工作报告", text)
    assert (place.name, place.level, place.adcode, place.prefecture) == ("安吉县", "county", "330523", "湖州市")
    assert places.scan("绿水青山就是金山银山") == []


def test_partner_cities_in_the_body_are_not_the_place():
    text = ("——2021年1月13日在上海市徐汇区第十六届人民代表大会第七次会议上\n徐汇区区长 王华\n"
            "各位代表:\n对口支援云南省、新疆维吾尔自治区喀什地区,与昆明市、大理市、杭州市、苏州市合作。\n" + BODY)
    assert _place("", text).name == "徐汇区"


def test_a_municipality_is_not_one_of_its_districts():
    text = ("——2026年1月26日在天津市第十八届人民代表大会第四次会议上\n天津市市长 张工\n各位代表:\n"
            + "滨海新区、和平区、南开区发展加快。" * 10 + BODY)
    place = _place("2026年天津市政府工作报告", text)
    assert (place.name, place.level, place.adcode, place.province) == ("天津市", "province", "120000", "")


def test_merged_district_is_read_as_it_was_with_the_current_code():
    text = "——2012年1月5日在闸北区第十四届人民代表大会第六次会议上\n闸北区区长 方世忠\n" + BODY
    meta = read_metadata("2012年闸北区政府工作报告", clean_text(text))
    assert (meta.place.name, meta.place.adcode, meta.place.province) == ("闸北区", "310106", "上海市")
    assert "place_now:静安区" in meta.warnings
    assert _place("2008年南汇区政府工作报告", BODY).adcode == "310115"
    assert _place("2010年卢湾区政府工作报告", BODY).adcode == "310101"


def test_ambiguous_name_is_settled_by_its_parent_in_the_text():
    header = "——2021年1月6日在鼓楼区第十七届人民代表大会第五次会议上\n"
    nanjing = header + "各位代表:\n我区是南京市的中心城区,南京市委、南京市政府大力支持。\n" + BODY
    fuzhou = header + "各位代表:\n我区是福州市的中心城区,福州市委、福州市政府大力支持。\n" + BODY
    assert _place("", nanjing).adcode == "320106"
    assert _place("", fuzhou).adcode == "350102"


@pytest.mark.parametrize(
    ("header", "speaker", "title"),
    [
        ("浙江省省长 刘捷\n各位代表:", "刘捷", "省长"),
        ("海拉尔区人民政府区长　　张天喜\n各位代表:", "张天喜", "区长"),
        ("自治区人民政府主席 包钢\n各位代表:", "包钢", "主席"),
        ("自治区主席 艾尔肯·吐尼亚孜\n各位代表:", "艾尔肯·吐尼亚孜", "主席"),
        ("自治区主席 韦 韬\n各位代表:", "韦韬", "主席"),
        ("河北省人民政府省长 王正谱\n各位代表:", "王正谱", "省长"),
        ("重庆市人民政府市长 胡衡华\n各位代表:", "胡衡华", "市长"),
        ("闵行区代区长 陈宇剑\n各位代表:", "陈宇剑", "代区长"),
        ("上海市徐汇区代理区长;钟晓咏\n各位代表:", "钟晓咏", "代理区长"),
        ("安吉县人民政府县长 张三\n各位代表:", "张三", "县长"),
        ("鄂温克族自治旗人民政府旗长 李四\n各位代表:", "李四", "旗长"),
        ("毛伟明\n湖南省第十四届人民代表大会第四次会议开幕。省长毛伟明作政府工作报告。", "毛伟明", "省长"),
    ],
)
def test_speaker_titles(header, speaker, title):
    assert find_speaker(clean_text(header)) == (speaker, title)


def test_speaker_line_gives_the_place_when_the_title_does_not():
    place, where = find_place("政府工作报告", "鄂温克族自治旗人民政府旗长 李四\n各位代表:", BODY)
    assert (place.name, place.level, where) == ("鄂温克族自治旗", "county", "speaker")


@pytest.mark.parametrize(
    "title",
    ["关于上半年主要工作回顾和下半年主要工作安排的报告", "2021年上半年工作总结和下半年工作安排",
     "关于嘉定区2021年上半年国民经济和社会发展计划执行情况的报告"],
)
def test_midyear_title_forms(title):
    text = f"{title}\n上海市嘉定区人民代表大会常务委员会:\n2021年上半年,全区经济稳步恢复。" + BODY
    meta = read_metadata(title, clean_text(text))
    assert (meta.doc_type, meta.year, meta.place.name) == ("plan_midyear", 2021, "嘉定区")


def test_later_page_without_title_is_a_fragment_with_its_place_from_the_body():
    text = ("二、2021年主要任务\n今年是“十四五”开局之年,全区要坚持稳中求进。徐汇区将加快建设。"
            "本区深化改革,徐汇区发展更好。\n(一)推动经济发展。全区生产总值增长6%。\n" * 3)
    split = split_chunks(clean_text(text))
    meta = read_metadata(split.chunks[0].title, split.chunks[0].text)
    assert (meta.doc_type, meta.year, meta.place.name) == ("work_report", 2021, "徐汇区")
    assert {"fragment", "place_from_body"} <= set(meta.warnings)


def test_spaced_title_of_hailar_is_a_work_report(tmp_path):
    raw = ("政 府 工 作 报 告\r\n\r\n \r\n\r\n----2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上\r\n\r\n"
           "海拉尔区人民政府区长\u3000\u3000张天喜\r\n\r\n\u3000\u3000各位代表：\r\n\u3000\u3000一、过去一年工作回顾\r\n"
           + "\u3000\u3000全区地区生产总值完成198.5亿元，同比增长22.3%。\r\n" * 10)
    (tmp_path / "h.txt").write_bytes(raw.encode("gb18030"))
    doc = documents_of_file(tmp_path / "h.txt")[0][0]
    assert (doc.doc_type, doc.place, doc.adcode, doc.prefecture, doc.year, doc.title) == (
        "work_report", "海拉尔区", "150702", "呼伦贝尔市", 2012, "政府工作报告")


def test_table_of_contents_is_not_a_document():
    contents = "2021年青浦区政府工作报告\n目录\n一、2020年工作回顾\n二、“十四五”时期发展目标\n三、2021年主要任务\n" \
               "四、加强政府自身建设\n五、附件:用语解释\n六、政府实事项目的安排与落实\n七、民生保障项目的名单与说明\n"
    report = ("2021年青浦区政府工作报告\n各位代表:\n一、2020年工作回顾\n"
              + "全区经济平稳增长,地区生产总值增长6%。" * 12)
    split = split_chunks(clean_text(contents + report))
    assert len(split.chunks) == 1 and "各位代表" in split.chunks[0].text


def test_csv_export_record_fields_become_columns_and_chrome_is_dropped(tmp_path):
    text = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年浙江省政府工作报告\n"
            "2026年1月14日在浙江省第十四届人民代表大会第四次会议上\n来源：浙江日报\n时间：2026-01-22\n"
            "浙江省省长 刘捷\n各位代表：\n一、2025年主要工作和“十四五”发展成就\n"
            + "全省生产总值增长5.5%，绿水青山就是金山银山。" * 10
            + "\n三、2026年重点工作\n全省要努力奋斗！\n相关报道：")
    quoted = text.replace('"', '""')
    (tmp_path / "zj.txt").write_text(
        "\ufeffprovince,year,title,source_url,publish_date,full_text\n"
        f'浙江省,2026,2026年浙江省政府工作报告,https://example.org/zj,2026-01-22,"{quoted}"\n', encoding="utf-8")
    docs, dropped = documents_of_file(tmp_path / "zj.txt")
    doc = docs[0]
    assert len(docs) == 1 and dropped >= 12
    assert (doc.place, doc.place_level, doc.adcode, doc.year, doc.doc_type) == (
        "浙江省", "province", "330000", 2026, "work_report")
    assert (doc.source_url, doc.publish_date, doc.speaker, doc.speaker_title) == (
        "https://example.org/zj", "2026-01-22", "刘捷", "省长")
    assert "full_text" not in doc.text and "字号" not in doc.text and "相关报道" not in doc.text
    assert "truncated" not in doc.warnings


def test_slugs_are_ascii_and_unique_in_a_corpus():
    a, b = places.lookup("鼓楼区", "320106"), places.lookup("鼓楼区", "350102")
    slugs = places.unique_slugs([a, b, places.lookup("徐汇区"), places.lookup("陕西省"), places.lookup("山西省")])
    assert slugs[a] != slugs[b] and slugs[a].startswith("gulou")
    assert slugs[places.lookup("徐汇区")] == "xuhui"
    assert slugs[places.lookup("陕西省")] != slugs[places.lookup("山西省")]
    assert all(s.isascii() for s in slugs.values())


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")
def test_development_corpus_matches_the_gold():
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    docs = read_corpus(DEV).documents.astype(object)
    docs = docs.where(docs.notna(), "").astype(str)
    docs = docs[docs["doc_type"] != "other"]
    merged = gold.merge(docs, on="source", suffixes=("_gold", ""), validate="one_to_one")
    assert len(merged) == 28
    columns = ["place", "place_level", "adcode", "province", "prefecture", "district", "year", "doc_type",
               "title_year", "meeting_date", "speaker", "speaker_title", "session"]
    wrong = [(r["source"], c, r[f"{c}_gold"], r[c]) for r in merged.to_dict("records") for c in columns
             if r[f"{c}_gold"] != r[c]]
    assert wrong == []
    assert not docs["warnings"].str.contains("truncated").any()
    assert docs.groupby("district_slug")["place"].nunique().eq(1).all()
    assert docs.groupby("place")["district_slug"].nunique().eq(1).all()
    assert docs.loc[docs["source"].str.startswith("2026_"), "source_url"].str.startswith("http").all()
