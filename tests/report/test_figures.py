"""Figures: Chinese labels render in the bundled CJK font with no missing glyph, files written, same bytes."""

from __future__ import annotations

import io
import logging
import warnings
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest
from conftest import TEST_DATA
from matplotlib import font_manager
from matplotlib.figure import Figure

from reportlib.lexicon import districts, read_rows
from reportlib.records import INDICATOR_COLUMNS
from reportlib.report import figures, narrative
from reportlib.report.compare import StudyTables

FIXTURE = TEST_DATA
GLYPH_WORDS = ("missing from font", "Glyph", "findfont")


def build_indicators(corpus) -> pd.DataFrame:
    """The hand-made rows of tests/data/narrative_indicators.csv, offsets from the cleaned text."""
    records = []
    for r in read_rows("narrative_indicators.csv", folder=FIXTURE):
        doc = corpus.by_id[r["doc_id"]]
        start = doc.text.find(r["quote"])
        assert start >= 0
        records.append({**r, "source": doc.source, "district": doc.district, "year": int(r["year"]),
                        "value": float(r["value"]), "value_high": float(r["value_high"]) if r["value_high"] else None,
                        "start": start, "end": start + len(r["quote"]), "doc_type": doc.doc_type})
    return pd.DataFrame(records, columns=INDICATOR_COLUMNS)


TOPIC_SHARES = pd.DataFrame([
    ("district", "青浦区", 1, "示范区·生态·绿色", 0.40, 10), ("district", "青浦区", 2, "人工智能·科创", 0.60, 10),
    ("district", "徐汇区", 1, "示范区·生态·绿色", 0.10, 12), ("district", "徐汇区", 2, "人工智能·科创", 0.90, 12),
], columns=["by", "group", "topic", "label", "share", "n_units"])
KEYNESS = pd.DataFrame([
    ("district", "青浦区", "示范区", 31, 2, 80.5, 4.2), ("district", "青浦区", "进博会", 12, 3, 20.3, 2.9),
    ("district", "徐汇区", "人工智能", 40, 10, 50.2, 3.3),
], columns=["by", "group", "term", "count", "count_rest", "g2", "log_ratio"])
COHERENCE = pd.DataFrame({"k": [4, 6, 8], "c_v": [0.41, 0.45, 0.43], "c_v_sd": [0.01, 0.02, 0.01],
                          "stability": [0.6, 0.55, 0.5], "chosen": [False, True, False]})


@pytest.fixture(scope="module")
def tables(corpus) -> StudyTables:
    return StudyTables.from_corpus(corpus, indicators=build_indicators(corpus), topic_shares=TOPIC_SHARES,
                                   keyness=KEYNESS, coherence=COHERENCE)


@contextmanager
def glyph_problems():
    """Collect missing-glyph and font-fallback messages, from warnings and from logging."""
    found: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record):
            found.append(record.getMessage())

    handler = Catch(level=logging.WARNING)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield found
        found.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
    found[:] = [m for m in found if any(w in m for w in GLYPH_WORDS)]


def test_the_cjk_font_comes_from_mplfonts_and_is_used():
    name = figures.use_cjk_font()
    assert name == "Noto Sans CJK SC"
    assert "mplfonts" in figures.font_path().parts
    found = font_manager.findfont(font_manager.FontProperties(family=mpl.rcParams["font.family"]))
    assert Path(found).name == "NotoSansCJKsc-Regular.otf"


def test_the_glyph_check_would_catch_a_font_without_chinese():
    with glyph_problems() as found, mpl.rc_context({"font.family": "DejaVu Sans"}):
        fig = Figure()
        fig.add_subplot().set_title("各区主要指标增长目标")
        fig.savefig(io.BytesIO(), format="png")
    assert found, "rendering Chinese in DejaVu Sans must report missing glyphs"


def test_every_figure_renders_chinese_without_missing_glyphs(tables, tmp_path):
    with glyph_problems() as found:
        made = {**figures.comparison_figures(tables, folder=tmp_path),
                **{f"hongkou/{k}": v for k, v in figures.district_figures("hongkou", tables, folder=tmp_path).items()}}
    assert found == []
    assert {"targets_2021", "target_vs_actual", "topic_heatmap", "coherence", "keyness_qingpu", "document_lengths",
            "hongkou/panel", "hongkou/target_vs_actual", "hongkou/targets_2021"} <= set(made)
    for saved in made.values():
        assert saved.png.stat().st_size > 5000 and saved.svg.stat().st_size > 5000
        assert saved.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(tmp_path.glob(".*.part"))  # atomic writes leave no temporary file


def test_labels_are_chinese_with_units(tables, tmp_path, monkeypatch):
    seen: list[Figure] = []
    monkeypatch.setattr(figures, "save", lambda fig, name, folder=None: seen.append(fig) or name)
    figures.targets_by_district(tables.indicator_rows(), year=2021)
    figures.document_lengths(tables.documents)
    targets, lengths = (f.axes[0] for f in seen)
    assert targets.get_title() == "2021年各地主要指标增长目标" and targets.get_xlabel() == "目标增速（%）"
    assert targets.get_yticklabels()[0].get_text() == "地区生产总值"
    assert lengths.get_xlabel() == "正文长度（字）"


def test_svg_and_png_bytes_are_the_same_on_every_run(tables, tmp_path):
    a = figures.target_vs_actual(narrative.target_results(tables), folder=tmp_path / "a")
    b = figures.target_vs_actual(narrative.target_results(tables), folder=tmp_path / "b")
    assert a.svg.read_bytes() == b.svg.read_bytes()
    assert a.png.read_bytes() == b.png.read_bytes()
    assert b"<dc:date>" not in a.svg.read_bytes()


def test_each_district_keeps_its_colour():
    colours = figures.district_colors()
    assert list(colours) == [d.name for d in districts()]
    assert len(set(colours.values())) == len(colours)
    assert figures.district_color("徐汇区") == colours["徐汇区"] == figures.district_colors()["徐汇区"]
    # a place districts.csv does not list (a province) has a colour of its own, the same in every figure
    provinces = [figures.district_color(n) for n in ("河北省", "天津市", "浙江省")]
    assert len(set(provinces)) == 3 and figures.NEUTRAL not in provinces and not set(provinces) & set(colours.values())


def test_a_figure_set_shows_itself_in_a_notebook(tables, tmp_path):
    made = figures.district_figures("虹口区", tables, folder=tmp_path)
    assert isinstance(made, figures.FigureSet) and list(made)[:2] == ["targets_2021", "targets_2020"]
    assert all(s._repr_png_().startswith(b"\x89PNG") for s in made.values())


def test_an_executed_notebook_shows_chinese_without_missing_glyphs(tmp_path):
    """A kernel with the inline backend, as the study runs notebooks: seaborn and the library's figures."""
    import nbformat
    from nbclient import NotebookClient

    code = f"""
import pandas as pd, seaborn as sns
from matplotlib import pyplot as plt
from reportlib.report import figures
figures.use_cjk_font()
docs = pd.DataFrame({{"doc_id": ["a", "b"], "district": ["徐汇区", "虹口区"], "year": [2021, 2021],
                     "doc_type": ["work_report", "plan_report"], "n_chars": [20172, 17086]}})
shown = figures.document_lengths(docs, folder={str(tmp_path)!r})
ax = sns.barplot(x=["徐汇区", "虹口区"], y=[-1.5, 2.0])
ax.set_title("各区增速（%）")
plt.show()
shown
"""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    streams = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert not any(w in streams for w in GLYPH_WORDS), streams
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # seaborn's figure and the library's
