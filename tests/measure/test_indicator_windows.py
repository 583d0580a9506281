"""A line longer than any sentence is read in windows: linear work, no figure lost or doubled."""

from __future__ import annotations

import itertools

from reportlib.measure.indicators import extract_text
from reportlib.measure.text_reader import MAX_SENTENCE, OVERLAP, windows

FILLER = "持续推进城市更新和生态环境治理"  # words without any figure or punctuation


def test_windows_cover_the_line_with_bounded_work() -> None:
    n = 1_000_003
    spans = windows(0, n)
    assert spans[0][0] == 0 and spans[-1][1] == n
    assert all(w1 - w0 <= MAX_SENTENCE for w0, w1, _ in spans)
    owned = [(owns, nxt[2]) for (_, _, owns), nxt in itertools.pairwise(spans)]
    assert all(a < b for a, b in owned)  # the owned parts tile the line in order
    assert all(w0 <= owns - OVERLAP or w0 == 0 for w0, _, owns in spans)
    total = sum(w1 - w0 for w0, w1, _ in spans)
    assert total <= n * MAX_SENTENCE / (MAX_SENTENCE - OVERLAP) + MAX_SENTENCE  # linear in n


def test_a_figure_across_a_window_edge_is_read_once() -> None:
    figure = "一般公共预算收入实现583.1亿元增长0.4%"
    # the figure straddles the first window's end, and a second one sits deep in the line
    head = FILLER * ((MAX_SENTENCE - 10) // len(FILLER))
    line = head + figure + FILLER * 300 + figure + FILLER * 10
    assert len(line) > 3 * MAX_SENTENCE
    rows = extract_text(line, year=2021)
    got = sorted(zip(rows["measure"], rows["value"], rows["start"], strict=True))
    first, second = line.index(figure), line.rindex(figure)
    assert [(m, v) for m, v, _ in got] == [("growth", 0.4), ("growth", 0.4), ("level", 583.1),
                                           ("level", 583.1)]
    assert {s for _, _, s in got} == {first, second}
    assert all(line[s:e].startswith("一般公共预算收入") for s, e in zip(rows["start"], rows["end"],
                                                                  strict=True))
