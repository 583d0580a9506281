"""The corpus cache: parsed once, parsed again whenever a raw file changes."""

from __future__ import annotations

import shutil

from conftest import RAW

from reportlib.read import cache

SMALL = "003_d82c2995966ce095.txt"


def test_corpus_is_cached_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLIB_ROOT", str(tmp_path))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / SMALL, raw / SMALL)
    first = cache.load_corpus(raw)
    pickles = list((tmp_path / "data" / "processed" / "cache").glob("corpus-*.pkl"))
    assert len(pickles) == 1
    assert [d.doc_id for d in cache.load_corpus(raw).docs] == [d.doc_id for d in first.docs]
    (raw / SMALL).touch()  # same bytes: same key
    assert cache.raw_hash(raw) == cache.raw_hash(raw)
    assert len(list(pickles[0].parent.glob("corpus-*.pkl"))) == 1
    with open(raw / SMALL, "a", encoding="utf-8") as fh:
        fh.write("\n全区新增就业岗位1万个。\n")
    changed = cache.load_corpus(raw)
    assert len(list(pickles[0].parent.glob("corpus-*.pkl"))) == 2
    assert changed.docs[0].n_chars > first.docs[0].n_chars


def test_a_damaged_pickle_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLIB_ROOT", str(tmp_path))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / SMALL, raw / SMALL)
    cache.load_corpus(raw)
    (pickle,) = (tmp_path / "data" / "processed" / "cache").glob("corpus-*.pkl")
    pickle.write_bytes(b"not a pickle")
    assert cache.load_corpus(raw).docs[0].district_slug == "xuhui"


def test_raw_hash_sees_names_and_bytes(tmp_path):
    (tmp_path / "a.txt").write_text("徐汇区", encoding="utf-8")
    before = cache.raw_hash(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert cache.raw_hash(tmp_path) != before
