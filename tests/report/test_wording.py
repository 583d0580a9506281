"""One statement model, worded per language from sentences.csv: keys used, languages complete, a new column works."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import ROOT
from report.test_narrative import KEYNESS, TOPIC_SHARES, build_indicators

from reportlib.report import compare, narrative
from reportlib.report.compare import StudyTables
from reportlib.report.narrative import wording
from reportlib.report.narrative.wording import Indicator, Listing, Phrase, Place, Value, placeholders, templates

HAN = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"“[^”]*”|'[^']*'|\([^()]*[\u4e00-\u9fff][^()]*\)")  # quotes, terms, 地方财政总收入 in a label


@pytest.fixture(scope="module")
def tables(corpus) -> StudyTables:
    return StudyTables.from_corpus(corpus, indicators=build_indicators(corpus), topic_shares=TOPIC_SHARES,
                                   keyness=KEYNESS)


def narratives(tables: StudyTables) -> list[narrative.Narrative]:
    names = compare.sort_districts(tables.study_documents["district"])
    return [narrative.district_profile(d, tables) for d in names] + [narrative.corpus_comparison(tables)]


def test_every_key_has_every_language_and_is_used_by_the_package():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "reportlib").rglob("*.py"))
    unused = []
    for key, by_lang in templates().items():
        assert set(by_lang) == set(wording.languages()) and all(v is not None for v in by_lang.values()), key
        prefix = key.rsplit(".", 1)[0]
        if f'"{key}"' not in source and f'f"{prefix}.{{' not in source:
            unused.append(key)
    assert unused == []
    # every template is a valid format string (an unbalanced brace raises here, not on a page)
    for key, by_lang in templates().items():
        for lang, template in by_lang.items():
            assert placeholders(template) is not None, (key, lang)


def test_parts_render_per_language():
    assert Value("6-7", "%").render("zh") == "6-7%" and Value("6", "%", "at_least").render("en") == "at least 6%"
    assert Value("3.9", "%", fall=True).render("zh") == "下降3.9%"
    # English multiplies 万 and 亿 out (500,000 people; 58.31 billion yuan); Chinese keeps the reports' units
    assert Value("50", "万人", "at_least").render("en") == "at least 500,000 people"
    assert Value("583.1", "亿元").render("en") == "58.31 billion yuan"
    assert Value("583.1", "亿元").render("zh") == "583.1亿元"
    assert Value("4.5-5", "万人").render("en") == "45,000-50,000 people"
    assert Value("2.35", "万元").render("en") == "23,500 yuan"
    assert Listing((Place("松江区"), Place("青浦区"))).render("zh") == "松江区和青浦区"
    three = Listing((Place("松江区"), Place("青浦区"), Place("海拉尔区")))
    assert three.render("en") == "Songjiang District, Qingpu District and Hailar District"
    assert Place("内蒙古自治区").render("en") == "Inner Mongolia Autonomous Region"
    assert Place("上海市").render("en") == "Shanghai"
    assert Phrase.of("subject.growth", indicator=Indicator("gdp")).render("en") == "GDP growth target"
    with pytest.raises(ValueError, match=r"sentences\.csv: no key"):
        Phrase.of("no.such.statement").render("zh")


def test_a_sentence_is_a_statement_as_data(tables):
    jiading = narrative.district_profile("jiading", tables)
    gdp = next(s for s in jiading.sentences if "地区生产总值增长目标为6%以上" in s.zh)
    assert gdp.body.key == "target.among"
    own = gdp.body.get("own")
    assert own.get("place") == Place("嘉定区") and own.get("subject").get("indicator") == Indicator("gdp")
    assert own.get("value") == Value("6", "%", "at_least")
    assert gdp.text("zh") == gdp.zh and gdp.text("en") == gdp.en


def test_english_is_english_outside_quotes_and_names(tables):
    for nar in narratives(tables):
        for s in nar.sentences:
            text = QUOTED.sub("", s.en)
            for name in s.names:
                text = text.replace(name, "")
            assert not HAN.search(text), s.en


def test_adding_a_language_is_adding_a_column(tables, tmp_path, monkeypatch):
    """A copy of the English column as language 'xx': every narrative renders in it, every number shown."""
    with open(wording.SENTENCES_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    path = Path(tmp_path) / "sentences.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["key", "zh", "en", "xx"])
        writer.writeheader()
        writer.writerows({**r, "xx": r["en"].replace("growth target", "xxgrowth target")} for r in rows)
    monkeypatch.setattr(wording, "SENTENCES_FILE", path)
    wording.templates.cache_clear()
    try:
        assert wording.languages() == ("zh", "en", "xx")
        for nar in narratives(tables):
            page = nar.to_markdown("xx")
            assert "src-" in page and "{" not in page
            for s in nar.sentences:
                assert all(c.text in s.text("xx") for c in s.claims), s.text("xx")
        assert "xxgrowth target" in narrative.corpus_comparison(tables).to_markdown("xx")
    finally:
        wording.templates.cache_clear()
