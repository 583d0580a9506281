"""Tokens: the corpus's own dictionary keeps the reports' terms whole, stopwords go, tokens are cached."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import jieba
import pandas as pd
import pytest
from conftest import DEV, RAW

from reportlib.paths import PACKAGE_DATA, project_paths
from reportlib.read.corpus import Corpus, read_corpus
from reportlib.text import dictionary as lexdict
from reportlib.text import tokens as text

# (sentence of a report, a term jieba's default dictionary splits in it)
SPLIT_BY_DEFAULT = [
    ("进博会城市运行“一网统管”模式获上海市首届“城市治理最佳案例奖”", "一网统管"),
    ("进博会溢出效应进一步显现", "进博会"),
    ("聚焦“五型经济”", "五型经济"),
    ("推进泗泾下塘、仓城、府城历史文化风貌区保护修缮建设", "泗泾"),
    ("在全市首创“合议核准制”", "合议核准制"),
    ("不断提高城区治理现代化水平“两张网”建设加快推进", "两张网"),
    ("组建紧密型医联体", "紧密型医联体"),
    ("开展“五五购物节”青浦购物季活动", "五五购物节"),
    ("加快推进新基建", "新基建"),
    ("全区14个街镇(莘庄工业区)全部创建成市无违建先进街镇", "莘庄工业区"),
]


@pytest.fixture(scope="module")
def default_jieba() -> jieba.Tokenizer:
    """jieba with its default dictionary only (a fresh instance: the global one may be changed)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(project_paths().cache)
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def seeds_dictionary(corpus: Corpus) -> lexdict.TermDictionary:
    return lexdict.corpus_dictionary(corpus)


@pytest.mark.parametrize(("sentence", "term"), SPLIT_BY_DEFAULT)
def test_corpus_terms_win_over_the_default_split(default_jieba, seeds_dictionary, sentence, term):
    assert term not in default_jieba.lcut(sentence)
    assert term in text.cut(sentence, seeds_dictionary)


def test_the_tokenizer_is_the_librarys_own_and_built_once(seeds_dictionary):
    tokenizer = text.get_tokenizer(seeds_dictionary)
    assert tokenizer is text.get_tokenizer(seeds_dictionary)
    assert tokenizer is not jieba.dt and tokenizer is not text.get_tokenizer()
    assert Path(tokenizer.tmp_dir).parts[-3:] == ("data", "processed", "cache")
    assert (Path(tokenizer.tmp_dir) / "jieba.cache").is_file()
    assert "一网统管" not in jieba.dt.FREQ or jieba.dt.FREQ["一网统管"] < text.TERM_MIN_FREQ
    assert "两个免于提交" not in text.get_tokenizer().FREQ  # the curated tokenizer has no corpus terms


def test_user_dictionary_survives_bom_and_crlf(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_bytes("\ufeff# 注释\r\n一网统管\r\n放管服 300 n\r\n\r\n五型经济  \r\n".encode())
    assert text.read_terms(path) == [("一网统管", None), ("放管服", 300), ("五型经济", None)]
    fresh = jieba.Tokenizer()
    fresh.tmp_dir = str(project_paths().cache)
    assert text.load_userdict(fresh, path) == 3
    assert "一网统管" in fresh.lcut("进博会城市运行“一网统管”模式")
    assert "\ufeff一网统管" not in fresh.FREQ


@pytest.mark.parametrize(("token", "kept"), [
    ("北外滩", True), ("十四五", True), ("六稳", True), ("G60", True), ("旧改", True),
    ("2020", False), ("12.5", False), ("第一", False), ("三年", False), ("两个", False),
    ("的", False), ("区", False), ("、", False), ("——", False),
    ("各位代表", False), ("请予审议", False), ("进一步", False), ("一是", False),
])
def test_keep_token(token, kept):
    assert text.keep_token(token) is kept


def test_boilerplate_phrases_come_out_as_one_token_and_are_dropped():
    sentence = "各位代表:现在,我代表徐汇区人民政府,向大会作政府工作报告,请予审议。"
    assert {"各位代表", "请予审议"} <= set(text.cut(sentence))
    assert text.tokenize_text(sentence) == ["徐汇区"]


@pytest.mark.parametrize(("snippet", "paragraphs"), [
    ("一年来,成效显著。 (一)坚持人民至上。 二、任务", ["一年来,成效显著。", "(一)坚持人民至上。", "二、任务"]),
    ("标题\n各位代表:现在。", ["标题", "各位代表:现在。"]),
    ("增长2.5%左右;完成1.98亿元。", ["增长2.5%左右;完成1.98亿元。"]),
])
def test_paragraph_spans(snippet, paragraphs):
    assert [snippet[s:e] for s, e in text.paragraph_spans(snippet)] == paragraphs


HONGKOU_GLOSSARY = [
    "合议核准制", "一楼一次办", "三个组团", "社区事务办理空间站", "五梯队", "七层级", "一业一办",
    "证照联办", "一证多址", "三库三计划", "两个免于提交", "两个转变",
]


def test_glossary_terms_of_hongkou_2020(corpus: Corpus):
    doc = corpus.by_id["hongkou-2020-work_report"]
    glossary = next(s for s in doc.sections if s.role == "glossary" and s.level == 1)
    assert text.glossary_terms(doc.text[glossary.start:glossary.end]) == HONGKOU_GLOSSARY


def test_no_dictionary_of_the_seeds_in_the_package():
    assert not (PACKAGE_DATA / "corpus_terms.csv").exists()


def test_corpus_dictionary_sources(seeds_dictionary):
    table = seeds_dictionary.table
    assert table["term"].is_unique and table["term"].map(lexdict.is_term).all()
    counts = table["source"].value_counts()
    assert counts["policy"] >= 100 and counts["place"] >= 100 and counts["glossary"] >= 10
    assert counts["quoted"] >= 500 and counts["phrase"] >= 50 and counts["town"] >= 5
    assert {"徐汇区", "徐汇", "莘庄", "一网通办", "长三角", "两个免于提交"} <= seeds_dictionary.terms
    assert {"徐汇区", "莘庄", "北外滩"} <= seeds_dictionary.places


def test_corpus_dictionary_is_cached_by_the_texts(corpus: Corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLIB_ROOT", str(tmp_path))
    small = Corpus(docs=corpus.study_docs[:2])
    first = lexdict.corpus_dictionary(small)
    assert len(list((tmp_path / "data" / "processed" / "cache" / "dictionary").glob("*.csv"))) == 1
    lexdict._MEMO.clear()
    monkeypatch.setattr(lexdict, "build_dictionary", lambda docs: pytest.fail("rebuilt"))
    assert lexdict.corpus_dictionary(small).key == first.key


@pytest.mark.parametrize(("sentence", "terms"), [
    ("实施“智赋万企”行动,推进\"退二进三\",落实《民法典》", ["智赋万企", "退二进三", "民法典"]),
    ("“三医联动”改革", ["三医联动"]),
])
def test_quoted_terms_even_once(sentence, terms):
    assert lexdict.quoted_terms(sentence) == terms


@pytest.mark.parametrize(("sentence", "slogans"), [
    ("构建三基地一枢纽格局", ["三基地一枢纽"]),
    ("健全三查一曝光两闭环机制", ["三查一曝光两闭环"]),
    ("推进三库三计划建设", ["三库三计划"]),
    ("落实“五违四必”整治", ["五违四必"]),
    ("推动长三角一体化发展", []),  # 三 inside 长三角
    ("一是抓好稳增长,二是抓好三个重点", []),  # counts, not slogans
])
def test_numbered_slogans_by_rule(sentence, slogans):
    assert lexdict.slogan_terms(sentence, text.cut) == slogans


def test_towns_of_the_text_are_places():
    tokens = [["推进", "朱家角", "镇", "建设"], ["发展", "智慧", "园区"], ["建设", "特色小镇"]]
    towns = lexdict.town_names(tokens, text.known_non_place, text.is_place_word, text.default_tags().__contains__)
    assert set(towns) == {"朱家角", "朱家角镇"}


def test_collocations_leave_out_fragments():
    runs = [["推进", "城市", "更新", after, "。"] for after in ("行动", "项目", "试点", "基金", "。")]
    runs += [["跨国公司", "地区", "总部", "。"]] * 5  # 跨国公司地区 is always followed by 总部
    found = lexdict.collocations(runs, stop=lambda t: not text.keep_token(t), stopwords=text.stopwords(),
                                 min_count=4, threshold=0.3)
    assert "城市更新" in found and "跨国公司地区" not in found


def test_quoted_and_glossary_terms_come_out_whole(corpus: Corpus, seeds_dictionary):
    share, table = text.whole_term_share(corpus, seeds_dictionary)
    assert len(table) >= 700  # distinct quoted and glossary terms that occur in the texts
    assert share >= 0.95, table[table["n_whole"] < table["n_text"]]


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev not present")
def test_quoted_terms_of_another_corpus_come_out_whole():
    """The rules owe nothing to the seeds: reports of other places and levels keep their terms."""
    dev = read_corpus(DEV)
    share, table = text.whole_term_share(dev)
    assert len(table) >= 1500
    assert share >= 0.90, table[table["n_whole"] < table["n_text"]]
    assert {"退二进三", "四好农村路", "三医联动"} <= set(table["term"])


def test_tokenize_corpus_units_agree(corpus: Corpus):
    docs = text.tokenize_corpus(corpus, unit="document")
    paragraphs = text.tokenize_corpus(corpus, unit="paragraph")
    sections = text.tokenize_corpus(corpus, unit="section")
    assert list(docs.columns) == text.TOKEN_COLUMNS
    assert len(docs) == len(corpus.study_docs) == 12
    assert len(paragraphs) > 20 * len(docs) and len(sections) > 10 * len(docs)
    for units in (paragraphs, sections):
        assert units["unit_id"].is_unique
        joined = units.groupby("doc_id", sort=False)["tokens"].sum()
        assert joined.to_dict() == dict(zip(docs["doc_id"], docs["tokens"], strict=True))
    assert set(sections["section_role"]) <= {"review", "outline", "targets", "tasks", "governance",
                                             "glossary", "other"}
    assert "glossary" in set(sections.loc[sections["doc_id"] == "hongkou-2020-work_report", "section_role"])
    all_tokens = {t for toks in docs["tokens"] for t in toks}
    assert not all_tokens & {"各位代表", "请予审议", "的", "2020", "一是"}
    assert {"一网统管", "北外滩", "十四五", "两个免于提交"} <= all_tokens


def test_tokens_are_cached_on_disk(corpus: Corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLIB_ROOT", str(tmp_path))
    small = Corpus(docs=corpus.study_docs[:2])
    cold = text.tokenize_corpus(small, unit="paragraph")
    assert len(list((tmp_path / "data" / "processed" / "cache" / "tokens").glob("*.json"))) == 2

    def fail(*args, **kwargs):
        raise AssertionError("re-tokenised an unchanged document")

    monkeypatch.setattr(text, "_tokenize_atoms", fail)
    warm = text.tokenize_corpus(small, unit="paragraph")
    pd.testing.assert_frame_equal(cold, warm)
    monkeypatch.setattr(text, "stopwords_hash", lambda: "changed")
    with pytest.raises(AssertionError, match="re-tokenised"):
        text.tokenize_corpus(small, unit="paragraph")


def test_process_pool_gives_the_same_tokens(corpus: Corpus):
    small = Corpus(docs=corpus.study_docs[:3])
    one = text.tokenize_corpus(small, cache=False, processes=1)
    pool = text.tokenize_corpus(small, cache=False, processes=2)
    pd.testing.assert_frame_equal(one, pool)


def test_cli_tokens_one_line_per_document():
    from reportlib.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["tokens", str(RAW / "001_673d21ddd4d5c372.txt")]) == 0
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["hongkou-2020-work_report"]
    _doc_id, tokens = lines[0].split("\t")
    assert "两个免于提交" in tokens.split(" ")
    assert "  " not in tokens


def test_cli_dictionary_of_a_folder(capsys):
    from reportlib.cli import main

    assert main(["dictionary", str(RAW / "001_673d21ddd4d5c372.txt")]) == 0
    out = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out.out))
    assert list(table.columns) == ["term", "source", "count"]
    assert {"两个免于提交", "合议核准制"} <= set(table.loc[table["source"] == "glossary", "term"])
    share = float(out.err.split("whole-term share ")[1].split()[0])
    assert share >= 0.95


def test_an_overlong_run_is_cut_in_windows_as_jieba_cuts_it_whole():
    """A report's characters without punctuation or numbers, one block of 3 windows: jieba's own tokens."""
    import re

    han = re.sub(r"[^\u4e00-\u9fff]", "", (RAW / "002_0cb2a038c8fac1b0.txt").read_text(encoding="utf-8"))
    run = (han * (3 * text.MAX_RUN // len(han) + 1))[: 3 * text.MAX_RUN]
    assert text._LONG_RUN.fullmatch(run)  # read in windows, not whole
    tokens = text.cut(run)
    assert "".join(tokens) == run
    assert tokens == text.get_tokenizer().lcut(run)
