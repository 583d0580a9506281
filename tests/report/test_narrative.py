"""Narratives: every number of every sentence re-derived from the tables; wording edge cases.

The indicator rows (tests/data/narrative_indicators.csv) are real figures of the reports in
data/raw, each with its verbatim quote (the fixture asserts the quote is in the document's
cleaned text and takes its offsets from there). The claim checker re-derives each number independently of ``compare``.
"""

from __future__ import annotations

import re
import statistics

import pandas as pd
import pytest
from conftest import TEST_DATA

from reportlib.lexicon import read_rows
from reportlib.records import INDICATOR_COLUMNS
from reportlib.report import compare, narrative
from reportlib.report.compare import StudyTables

FIXTURE = TEST_DATA


def load_rows() -> list[tuple]:
    """The hand-made indicator rows (tests/data/narrative_indicators.csv) as typed tuples."""
    rows = []
    for r in read_rows("narrative_indicators.csv", folder=FIXTURE):
        rows.append((r["doc_id"], int(r["year"]), r["indicator"], r["kind"], r["measure"], float(r["value"]),
                     float(r["value_high"]) if r["value_high"] else None, r["qualifier"], r["basis"], r["unit"],
                     r["section_role"], r["quote"]))
    return rows


ROWS = load_rows()


def build_indicators(corpus, rows=ROWS) -> pd.DataFrame:
    """The rows as a spec indicators table, offsets found in the documents' cleaned text."""
    by_id = corpus.by_id
    records = []
    for doc_id, year, ind, kind, measure, value, high, qual, basis, unit, role, quote in rows:
        doc = by_id[doc_id]
        start = doc.text.find(quote)
        assert start >= 0, f"{quote!r} is not verbatim in {doc_id}"
        records.append({"doc_id": doc_id, "source": doc.source, "district": doc.district, "year": year,
                        "indicator": ind, "kind": kind, "measure": measure, "value": value, "value_high": high,
                        "qualifier": qual, "basis": basis, "unit": unit, "value_std": None, "unit_std": "",
                        "section_role": role, "quote": quote, "start": start, "end": start + len(quote),
                        "doc_type": doc.doc_type})
    return pd.DataFrame(records, columns=INDICATOR_COLUMNS)


TOPIC_SHARES = pd.DataFrame([
    ("district", "青浦区", 1, "示范区·生态·绿色", 0.40, 10), ("district", "青浦区", 2, "人工智能·科创", 0.10, 10),
    ("district", "徐汇区", 1, "示范区·生态·绿色", 0.10, 12), ("district", "徐汇区", 2, "人工智能·科创", 0.50, 12),
    ("district", "虹口区", 1, "示范区·生态·绿色", 0.25, 9), ("district", "虹口区", 2, "人工智能·科创", 0.30, 9),
    ("year", "2021", 1, "示范区·生态·绿色", 0.3, 20),
], columns=["by", "group", "topic", "label", "share", "n_units"])

KEYNESS = pd.DataFrame([
    ("district", "青浦区", "示范区", 31, 2, 40.1, 0.5, 80.5, 4.2, 1),
    ("district", "青浦区", "进博会", 12, 3, 15.0, 0.8, 20.3, 2.9, 2),
    ("district", "青浦区", "青浦", 61, 0, 90.0, 0.0, 230.1, 9.1, 3),
    ("district", "徐汇区", "人工智能", 40, 10, 30.0, 3.0, 50.2, 3.3, 1),
    ("district", "松江区", "G60科创走廊", 26, 0, 20.1, 0.0, 60.3, 8.2, 1),
    ("doc_type", "plan_report", "计划", 50, 5, 60.0, 1.0, 70.0, 3.0, 1),
], columns=["by", "group", "term", "count", "count_rest", "per_10k", "per_10k_rest", "g2", "log_ratio", "rank"])


@pytest.fixture(scope="module")
def tables(corpus) -> StudyTables:
    return StudyTables.from_corpus(corpus, indicators=build_indicators(corpus), topic_shares=TOPIC_SHARES,
                                   keyness=KEYNESS)


# ------------------------------------------------------------------ the claim checker

_NUMBER = re.compile(r"\d+(?:\.\d+)?")  # a number as narratives write it


def _fmt(x: float, digits: int) -> float:
    return round(float(x), digits)


NAMES_WITH_DIGITS = sorted({n for lab in (compare.indicator_label(i) for i in compare.indicator_aliases())
                            for n in (lab.label_zh, lab.label_en) if re.search(r"\d", n)}, key=len, reverse=True)


def check_claims(nar: narrative.Narrative, tables: StudyTables) -> list[str]:
    """Every number of every sentence, re-derived from the tables; returns the problems found."""
    ind = tables.indicators.copy()
    ind["row_id"] = [f"{r.doc_id}@{r.start}-{r.end}/{r.indicator}/{r.kind}/{r.measure}" for r in ind.itertuples()]
    rows = ind.set_index("row_id")
    docs = tables.documents.set_index("doc_id")
    shares = tables.topic_shares[tables.topic_shares["by"] == "place"]
    keyness = tables.keyness[tables.keyness["by"] == "place"]
    known_names = {*map(str, keyness["term"]), *map(str, shares["label"])}
    problems = [f"{n!r} is not a term or topic label of the tables" for s in nar.sentences for n in s.names
                if n not in known_names]

    def value_of(src) -> float:
        return float(rows.loc[src.row_id, "value"])

    for s in nar.sentences:
        for lang, text in (("zh", s.zh), ("en", s.en)):
            covered = [False] * len(text)
            for c in s.claims:
                shown = c.shown(lang)  # 583.1亿元 is 58.31 billion yuan in English
                found = [m.start() for m in re.finditer(re.escape(shown), text)]
                if not found:
                    problems.append(f"{lang}: claim {shown!r} not in {text!r}")
                for at in found:
                    covered[at:at + len(shown)] = [True] * len(shown)
            names = [n for n in s.names if n in known_names]  # terms and labels of the tables
            for label in sorted([*NAMES_WITH_DIGITS, *names], key=len, reverse=True):  # PM2.5: a name
                for m in re.finditer(re.escape(label), text):
                    covered[m.start():m.end()] = [True] * len(label)
            for m in _NUMBER.finditer(text):
                if not all(covered[m.start():m.end()]):
                    problems.append(f"{lang}: unsupported number {m.group()!r} in {text!r}")
        if _NUMBER.search(s.zh) and not s.sources:
            problems.append(f"no source for {s.zh!r}")
        for src in s.extra_sources:  # footnotes beyond the claims': verbatim too
            known = src.row_id in rows.index and src.quote == rows.loc[src.row_id, "quote"]
            if src.table == "indicators" and not known:
                problems.append(f"{src.row_id}: footnote not a row of the table")
            if src.table == "documents" and src.quote not in tables.texts[src.doc_id]:
                problems.append(f"{src.doc_id}: example {src.quote!r} not verbatim")
        for c in s.claims:
            shown = tuple(float(x) for x in _NUMBER.findall(c.text))
            if shown != tuple(_fmt(v, 2) if c.what not in ("share", "mean_share") else _fmt(v, 1) for v in c.values):
                problems.append(f"{c.text!r} does not show {c.values}")
            srcs = c.sources
            for src in srcs:
                if src.table == "documents" and src.quote not in tables.texts[src.doc_id]:
                    problems.append(f"{src.doc_id}: document quote {src.quote!r} not verbatim")
                if src.table == "indicators":
                    r = rows.loc[src.row_id]
                    if src.quote != r["quote"] or src.doc_id != r["doc_id"]:
                        problems.append(f"{src.row_id}: footnote quote differs from the table")
                    text = tables.texts[r["doc_id"]]
                    if text[int(r["start"]):int(r["end"])] != r["quote"]:
                        problems.append(f"{src.row_id}: quote not verbatim at its offsets")
            if c.what in ("target", "actual"):
                r = rows.loc[srcs[0].row_id]
                expect = [float(r["value"])] + ([float(r["value_high"])] if pd.notna(r["value_high"]) else [])
                if r["measure"] == "growth" and expect[0] < 0:
                    expect = [abs(x) for x in expect]
                want_kind = ("target",) if c.what == "target" else ("actual", "estimate", "h1_actual")
                if r["kind"] not in want_kind or list(c.values) != expect:
                    problems.append(f"{c.what} {c.text!r} ≠ row {srcs[0].row_id}")
            elif c.what == "year":
                years = {int(rows.loc[x.row_id, "year"]) if x.table == "indicators" else int(docs.loc[x.row_id, "year"])
                         for x in srcs}
                ok = {int(c.values[0])} == years or (
                    len(srcs) == 1 and srcs[0].table == "documents" and int(c.values[0]) == min(years) - 1)
                if not ok:
                    problems.append(f"year {c.text} ≠ {years}")
            elif c.what in ("rank", "n_districts", "median"):
                own, peers = srcs[0], srcs
                r = rows.loc[own.row_id]
                # every district of that year with a target of this indicator, measure and unit
                same = ind[(ind["kind"] == "target") & (ind["year"] == r["year"]) & (ind["indicator"] == r["indicator"])
                           & (ind["measure"] == r["measure"]) & (ind["unit"] == r["unit"])]
                if {rows.loc[p.row_id, "place"] for p in peers} != set(same["place"]):
                    problems.append(f"{c.what} compared {len(peers)} rows, table has {set(same['place'])}")
                vals = [value_of(p) for p in peers]
                if c.what == "n_districts":
                    expect = len({rows.loc[p.row_id, "place"] for p in peers})
                elif c.what == "rank":
                    expect = 1 + sum(v > value_of(own) for v in vals)
                else:
                    expect = statistics.median(vals)
                if abs(c.values[0] - expect) > 1e-9:
                    problems.append(f"{c.what} {c.values[0]} ≠ {expect}")
            elif c.what in ("gap", "uplift"):
                t, a = (value_of(x) for x in srcs)
                if abs(c.values[0] - abs(t - a)) > 1e-9:
                    problems.append(f"{c.what} {c.values[0]} ≠ |{t} - {a}|")
            elif c.what in ("share", "mean_share"):
                group, topic = srcs[0].row_id.split("/")
                sel = shares[shares["topic"] == int(topic)]
                own_share = sel[sel["group"] == group]["share"]
                n_groups = shares["group"].nunique()  # a district without a row has a share of 0
                expect = 100 * (sel["share"].sum() / n_groups if group == "*" else float(own_share.iloc[0]))
                if abs(c.values[0] - expect) > 1e-9:
                    problems.append(f"{c.what} {c.values[0]} ≠ {expect}")
            elif c.what == "count":
                group, term = srcs[0].row_id.split("/")
                expect = int(keyness[(keyness["group"] == group) & (keyness["term"] == term)]["count"].iloc[0])
                if c.values[0] != expect:
                    problems.append(f"count {c.values[0]} ≠ {expect}")
            else:
                problems.append(f"unknown claim kind {c.what}")
    return problems


def all_narratives(tables: StudyTables) -> list[narrative.Narrative]:
    names = compare.sort_districts(tables.study_documents["place"])
    return [narrative.district_profile(d, tables) for d in names] + [narrative.corpus_comparison(tables)]


def test_every_number_is_rederived_from_the_tables(tables):
    narratives = all_narratives(tables)
    assert sum(len(n.claims) for n in narratives) > 60
    problems = [p for n in narratives for p in check_claims(n, tables)]
    assert problems == []


def test_narratives_are_deterministic(tables):
    first = [n.to_markdown() + n.to_markdown("en") for n in all_narratives(tables)]
    second = [n.to_markdown() + n.to_markdown("en") for n in all_narratives(tables)]
    assert first == second


# ------------------------------------------------------------------ wording edge cases

def _subset(corpus, keep) -> StudyTables:
    rows = [r for r in ROWS if keep(r)]
    return StudyTables.from_corpus(corpus, indicators=build_indicators(corpus, rows))


def test_a_tie_is_a_tie_never_higher(tables):
    jiading = narrative.district_profile("jiading", tables)
    gdp = next(s for s in jiading.sentences if "地区生产总值增长目标为6%以上" in s.zh)
    assert "与闵行区并列最低" in gdp.zh and "tied with Minhang District as the lowest" in gdp.en
    comparison = narrative.corpus_comparison(tables)
    gdp = next(s for s in comparison.sentences if "地区生产总值增长目标" in s.zh and s.claims[0].text == "2021")
    assert "闵行区（6-7%）和嘉定区（6%以上）并列最低" in gdp.zh


def test_two_equal_targets_are_the_same_not_higher(corpus):
    tables = _subset(corpus, lambda r: r[2] == "gdp" and r[0] in ("minhang-2021-work_report",
                                                                 "jiading-2021-work_report"))
    sentence = narrative.district_profile("minhang", tables).sentences[0]
    assert "两者数值相同" in sentence.zh and "the same figure" in sentence.en
    for word in ("更高", "更低", "第", "最高", "最低", "higher", "lower"):
        assert word not in sentence.zh + sentence.en
    assert "数值相同" in narrative.corpus_comparison(tables).sentences[0].zh


def test_a_district_alone_in_its_year_is_never_ranked(tables):
    yangpu = narrative.district_profile("杨浦区", tables)
    sentence = yangpu.sections[0].sentences[0]
    assert "2012年区级一般公共预算收入增长目标为10%" in sentence.zh and "无从比较" in sentence.zh
    for word in ("第", "最高", "最低", "中位数", "并列"):
        assert word not in sentence.zh
    singles = [s.zh for s in narrative.corpus_comparison(tables).sentences if s.zh.startswith("2012年")]
    assert singles == ["2012年只有一个地区提出、无从比较的目标：杨浦区的区级一般公共预算收入增长目标。"]


def test_not_stated_only_when_the_report_exists_and_has_no_row(corpus, tables):
    ind, docs = tables.indicator_rows(), tables.study_documents
    missing = compare.missing_targets(ind, docs, "虹口区", 2021, texts=tables.texts).set_index("indicator")
    # 虹口 sets its budget revenue target as 一般公共预算收入: the concept is there, in another tier
    assert "district_budget_revenue" not in missing.index
    assert missing.loc["gdp", "status"] == compare.MENTIONED  # named in the text, no row in these tables
    assert missing.loc["gdp", "mentioned_as"] == "地区生产总值"
    qingpu = compare.missing_targets(ind, docs, "青浦区", 2021).set_index("indicator")
    assert qingpu.loc["rd_intensity", "status"] == compare.NO_TARGET  # 2020 actual, no 2021 target
    assert "general_budget_revenue" not in qingpu.index  # its revenue target is 区级: the concept is set
    # without the 2021 report the same gap is "no document", and the profile says nothing about it
    no_doc = compare.missing_targets(ind, docs[docs["doc_id"] != "hongkou-2021-work_report"], "虹口区", 2021)
    assert set(no_doc["status"]) == {compare.NO_DOCUMENT}
    without = StudyTables(documents=tables.documents[tables.documents["doc_id"] != "hongkou-2021-work_report"],
                          indicators=tables.indicators, texts=tables.texts)
    text = narrative.district_profile("hongkou", without).to_markdown()
    assert "2021年的报告" not in text and "未提及" not in text
    text = narrative.district_profile("hongkou", tables).to_markdown()
    assert "未提及区级一般公共预算收入" not in text
    assert "提到了“地区生产总值”" in text and "未能提取，不等于报告未提及" in text


def test_last_years_target_met_or_missed(tables):
    hongkou = narrative.district_profile("hongkou", tables)
    result = next(s for s in hongkou.sentences if s.zh.startswith("2020年一般公共预算收入增长目标为0.58%，实际增长2%"))
    assert "高出目标1.42个百分点，完成了目标" in result.zh
    xuhui = narrative.district_profile("xuhui", tables).to_markdown()
    # negative growth reads 下降; an estimate is never "met" or "missed"
    assert "预计下降4%，低于目标10个百分点，按预计数尚未达到全年目标的要求（非最终数值）" in xuhui
    assert "实际增长2%，与目标持平，完成了目标" in xuhui  # equal: 持平, never 高出/低于


def test_markdown_escapes_markup_from_the_data(corpus):
    ind = build_indicators(corpus, [r for r in ROWS if r[0] == "qingpu-2021-work_report"])
    ind.loc[ind["indicator"] == "gdp", "quote"] = "<script>alert(1)</script>*增长*[链接](http://x)"
    md = narrative.district_profile("qingpu", StudyTables(documents=corpus.documents, indicators=ind)).to_markdown()
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*增长\\*\\[链接\\]\\(http&#58;//x\\)" in md
    assert narrative.escape_markdown("a<b>&c") == "a&lt;b&gt;&amp;c"
    from nbconvert.filters.markdown import markdown2html  # what the study's HTML pages use

    page = markdown2html(md)
    assert "<script>" not in page and 'href="http://x"' not in page and "*增长*[链接](http://x)" in page
    assert '<a href="#src-qingpu-zh-1">1</a>' in page and '<span id="src-qingpu-zh-1"></span>' in page


def test_every_number_is_rederived_on_the_extracted_tables(corpus, tmp_path):
    """The same check on the extractor's full table and its panel, both read back from CSV as notebooks do."""
    from reportlib.measure.indicators import extract_indicators
    from reportlib.measure.panel import targets_vs_actuals

    ind = extract_indicators(corpus)
    ind.to_csv(tmp_path / "indicators.csv", index=False)
    targets_vs_actuals(ind).to_csv(tmp_path / "panel.csv", index=False)
    tables = StudyTables.from_corpus(corpus, indicators=pd.read_csv(tmp_path / "indicators.csv"),
                                     panel=pd.read_csv(tmp_path / "panel.csv"), topic_shares=TOPIC_SHARES,
                                     keyness=KEYNESS)
    results = narrative.target_results(tables)
    # the panel's rows, tied to the table: met for final figures, on track for estimates and half years
    assert len(results) >= 10 and (results["met"].notna() | results["on_track"].notna()).sum() >= 10
    narratives = all_narratives(tables)
    assert sum(len(n.claims) for n in narratives) > 150
    assert [p for n in narratives for p in check_claims(n, tables)] == []


def test_first_half_growth_after_a_fall_says_its_base_was_low(corpus):
    """嘉定 2021: 上半年增加值可比增长16.7% after 2020's 上半年增加值下降14.1%; the profile says so where it uses it."""
    from reportlib.measure.indicators import extract_indicators

    tables = StudyTables.from_corpus(corpus, indicators=extract_indicators(corpus), topic_shares=TOPIC_SHARES,
                                     keyness=KEYNESS)
    prof = narrative.district_profile("嘉定区", tables)
    gdp = [s for sec in prof.sections for s in sec.sentences if "地区生产总值增长目标" in s.zh and "上半年" in s.zh]
    assert len(gdp) == 1 and "上年同期下降14.1%" in gdp[0].zh and "低基数" in gdp[0].zh
    assert "against a low base" in gdp[0].en
    assert [c.values for c in gdp[0].claims if c.text == "14.1"] == [(14.1,)]
    assert check_claims(prof, tables) == []
    # a final figure or a growth after a rise says nothing of a base
    assert not [s for sec in prof.sections for s in sec.sentences if "基数" in s.zh and "上半年" not in s.zh]


def test_key_terms_leave_out_the_districts_own_name_and_keep_digits_in_names(tables):
    qingpu = narrative.district_profile("qingpu", tables)
    terms = next(s for s in qingpu.sentences if s.zh.startswith("比其他地区用得明显更多的词"))
    assert terms.zh == "比其他地区用得明显更多的词有“示范区”（31次）、“进博会”（12次）。"
    songjiang = narrative.district_profile("songjiang", tables)
    terms = next(s for s in songjiang.sentences if "G60科创走廊" in s.zh)
    assert [c.text for c in terms.claims] == ["26"] and terms.names == ["G60科创走廊"]
    assert check_claims(songjiang, tables) == []


def test_command_line_prints_a_profile(capsys):
    from reportlib.cli import main

    assert main(["profile", "qingpu"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 青浦区：目标、完成情况与侧重")
    assert "2021年地区生产总值增长目标为6.5%" in out and "### 来源" in out
