"""Typography of the cleaned text."""

from __future__ import annotations

import pytest

from reportlib.read.normalize import clean_text


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
