"""Figures of the text measures: emphasis intervals, commitment words, similarity heatmap."""

from __future__ import annotations

import pandas as pd
import pytest

from reportlib.read.corpus import Corpus
from reportlib.report import figures, figures_text
from reportlib.text import dictionary, emphasis, similarity, vocabulary
from reportlib.text import tokens as text


@pytest.fixture(scope="module")
def small(corpus: Corpus) -> Corpus:
    return Corpus(docs=corpus.study_docs[:4])


def test_figures_are_written_and_the_same_twice(small, tmp_path):
    terms = dictionary.corpus_dictionary(small)
    tokens = vocabulary.comparable(text.tokenize_corpus(small, dictionary=terms), terms)
    emph = emphasis.emphasis(small, n_boot=100)
    commit = emphasis.commitment(small)
    matrix = similarity.similarity_matrix(tokens)
    made = [figures_text.emphasis_intervals(emph, folder=tmp_path),
            figures_text.commitment_bars(commit, folder=tmp_path),
            figures_text.similarity_heatmap(matrix, folder=tmp_path)]
    assert [m.name for m in made] == ["emphasis", "commitment", "similarity"]
    first = {p.name: p.read_bytes() for m in made for p in m.paths}
    assert len(first) == 6 and all(first.values())
    figures_text.emphasis_intervals(emph, folder=tmp_path)
    figures_text.similarity_heatmap(matrix, folder=tmp_path)
    assert (tmp_path / "emphasis.svg").read_bytes() == first["emphasis.svg"]
    assert (tmp_path / "similarity.png").read_bytes() == first["similarity.png"]


def test_nothing_to_draw_gives_none(tmp_path):
    assert figures_text.emphasis_intervals(pd.DataFrame(), folder=tmp_path) is None
    assert figures_text.similarity_heatmap(pd.DataFrame(), folder=tmp_path) is None


def test_reports_are_named_by_place_year_and_type_one_name_each():
    df = pd.DataFrame({"doc_id": ["hebei-2026-work_report", "xuhui-a", "xuhui-b"],
                       "place": ["河北省", "徐汇区", "徐汇区"],
                       "year": [2026, 2021, 2021], "doc_type": ["work_report", "plan_report", "plan_report"]})
    labels = figures_text.report_labels(df)
    assert labels == {"hebei-2026-work_report": "河北省 2026年 政府工作报告",
                      "xuhui-a": "徐汇区 2021年 计划报告 (xuhui-a)", "xuhui-b": "徐汇区 2021年 计划报告 (xuhui-b)"}
    figures.set_language("en")
    try:
        assert figures_text.report_labels(df)["hebei-2026-work_report"] == "Hebei Province 2026 work report"
    finally:
        figures.set_language("zh")
