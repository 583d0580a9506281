"""Places of one level compared (issue 10): a mixed corpus's levels, the tables of one level, and
the scope sentence naming the places of another level the comparison leaves out."""

from __future__ import annotations

import shutil

import pytest
from conftest import DEV, RAW, STUDY_SAMPLE

from reportlib.read.corpus import read_corpus
from reportlib.report import narrative
from reportlib.report.compare import StudyTables, place_en, place_name, place_slug, places_by_slug

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> StudyTables:
    raw = tmp_path_factory.mktemp("raw")
    for name in STUDY_SAMPLE:
        shutil.copy(RAW / name, raw / name)
    shutil.copy(DEV / "provincial-2026" / "2026_河北省_政府工作报告.txt", raw)
    shutil.copy(DEV / "hailar" / "hailar_2013.txt", raw)
    return StudyTables.from_corpus(read_corpus(raw))


def test_levels_count_places_most_first(mixed):
    assert mixed.levels().to_dict() == {"county": 3, "province": 1}


def test_tables_of_one_level_hold_its_places_only(mixed):
    county = mixed.of_level("county")
    assert set(county.study_documents["place"]) == {"徐汇区", "嘉定区", "海拉尔区"}
    assert set(mixed.of_level("province").study_documents["place"]) == {"河北省"}
    assert mixed.left_out_places("county").to_dict("records") == [
        {"place": "河北省", "place_level": "province", "n_reports": 1}]


def test_scope_names_what_is_compared_and_what_is_left_out(mixed):
    section = narrative.scope_section(mixed, "county")
    zh = [s.zh for s in section.sentences]
    en = [s.en for s in section.sentences]
    assert zh[0].startswith("本页比较3个县级地区（徐汇区、嘉定区和海拉尔区）")
    assert zh[1].startswith("未纳入比较：1个省级地区（河北省），因为级别不同")
    assert en[1].startswith("Left out of the comparison: the province-level places (1: Hebei Province)")


def test_a_place_is_named_by_its_slug_in_the_corpus_at_any_level(mixed):
    docs = mixed.documents
    assert [place_name(s, docs) for s in ("hebei", "hailaer", "xuhui")] == ["河北省", "海拉尔区", "徐汇区"]
    assert places_by_slug(docs) == {"hailaer": "海拉尔区", "hebei": "河北省", "jiading": "嘉定区", "xuhui": "徐汇区"}
    names = ("河北省", "海拉尔区", "徐汇区", "呼伦贝尔市")  # one English name and one slug, any level
    assert [place_en(n) for n in names] == ["Hebei Province", "Hailar District", "Xuhui District", "Hulunbuir City"]
    assert [place_slug(n) for n in names] == ["hebei", "hailaer", "xuhui", "hulunbeier"]


def test_place_pages_are_titled_by_the_place_in_the_pages_language(mixed, tmp_path):
    """Page titles name the place (河北省 / Hebei Province), never its slug, at any level."""
    from reportlib.study.planning import Settings, plan

    raw = tmp_path / "raw"
    raw.mkdir()
    for source in sorted(set(mixed.documents["source"])):
        shutil.copy(next(p for p in (RAW / source, DEV / "provincial-2026" / source, DEV / "hailar" / source)
                         if p.is_file()), raw / source)
    titles = {lang: {j.name: j.title for j in plan(Settings(raw_dir=raw, lang=lang))
                     if j.name.startswith("10_place-")} for lang in ("zh", "en")}
    assert titles["zh"] == {"10_place-hebei": "河北省", "10_place-hailaer": "海拉尔区",
                            "10_place-jiading": "嘉定区", "10_place-xuhui": "徐汇区"}
    assert titles["en"]["10_place-hebei"] == "Hebei Province"
    assert titles["en"]["10_place-xuhui"] == "Xuhui District"


def test_the_methods_page_runs_again_when_the_gold_changes(mixed, tmp_path, monkeypatch):
    """The accuracy the methods page states rests on the gold files: a changed gold file changes
    its key, and no other notebook's."""
    from reportlib.study import planning

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / STUDY_SAMPLE[0], raw)
    before = {j.name: j.key for j in planning.plan(planning.Settings(raw_dir=raw))}
    gold = planning.accuracy_inputs()
    assert any(name.startswith("seeds gold ") for name in gold) and "benchmarks/accuracy.py" in gold
    monkeypatch.setattr(planning, "accuracy_inputs", lambda: {**gold, "seeds gold indicators_seeds.csv": "edited"})
    after = {j.name: j.key for j in planning.plan(planning.Settings(raw_dir=raw))}
    assert [n for n in before if before[n] != after[n]] == ["30_methods"]

