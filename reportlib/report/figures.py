"""The study's figures: seaborn on the Agg canvas, Chinese labels, PNG and SVG in paths.figures.

Chinese text needs a CJK font on any machine: :func:`use_cjk_font` registers Noto Sans CJK SC,
shipped by the ``mplfonts`` pip dependency, with matplotlib's font manager and makes it the
sans-serif font (the user's matplotlibrc is never touched). One meaning, one palette: colour is
always the district (``districts.csv`` order), marker shape the qualifier of a target (左右,
以上, 以内), filled markers figures and hollow ones targets. Files are written atomically and
byte for byte the same on every run (fixed SVG hash salt, no dates in the metadata).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from reportlib.io import write_bytes
from reportlib.lexicon import districts, read_rows
from reportlib.paths import project_paths
from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label, sort_districts

log = logging.getLogger(__name__)

FONT_FILE = "NotoSansCJKsc-Regular.otf"  # in mplfonts/fonts/
SVG_SALT = "reportlib"  # SVG ids derive from it: same figure, same bytes
DPI = 150
QUALIFIER_MARKERS = {"": "o", "approx": "D", "at_least": "^", "at_most": "v"}
QUALIFIER_MARKERS["fall_at_least"] = "v"  # 下降1%以上: growth ≤ -1, an upper bound on the axis
QUALIFIER_NAMES = {"": "确数", "approx": "左右", "at_least": "以上（下限）", "at_most": "以内（上限）",
                   "fall_at_least": "下降…以上（上限）"}
FIGURE_KINDS = {"actual": "完成", "estimate": "预计完成"}
FIGURE_MARKERS = {"actual": "o", "estimate": "s", "h1_actual": "P", "ytd_actual": "X"}
FIGURE_NAMES = {"actual": "完成（实际）", "estimate": "预计完成", "h1_actual": "上半年完成",
                "ytd_actual": "年内截至报告时完成"}
HEATMAP_CMAP = "YlGnBu"
NEUTRAL = "#4d4d4d"


# ---------------------------------------------------------------- font, style, palette

def font_path() -> Path:
    """The Noto Sans CJK SC file that ``mplfonts`` installs."""
    import mplfonts

    path = Path(mplfonts.__file__).resolve().parent / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: reinstall mplfonts (pip install mplfonts)")
    return path


@cache
def _register_font() -> str:
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_cjk_font() -> str:
    """Register Noto Sans CJK SC and make it the sans-serif font of this session; its name.

    Call before plotting anything with Chinese text (the figures here call it themselves).
    Only the running session's rcParams change; DejaVu Sans stays as the fallback.
    """
    name = _register_font()
    mpl.rcParams.update(_font_rc(name))
    return name


def _font_rc(name: str) -> dict:
    return {"font.family": "sans-serif", "font.sans-serif": [name, "DejaVu Sans"],
            "axes.unicode_minus": True, "svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}


def _sns():
    """seaborn, imported on first drawing: it costs ~1 s, and not every notebook draws."""
    import seaborn

    return seaborn


@contextmanager
def _style() -> Iterator[None]:
    """The study's look for one figure: seaborn whitegrid, the CJK font, fixed SVG ids."""
    name = use_cjk_font()
    rc = {**_sns().axes_style("whitegrid"), **_sns().plotting_context("notebook", font_scale=0.9), **_font_rc(name)}
    with mpl.rc_context(rc):
        yield


@cache
def district_colors() -> dict[str, str]:
    """District name → colour, by ``districts.csv`` order: a district keeps it in every figure."""
    tab20 = _sns().color_palette("tab20", 20).as_hex()
    ordered = tab20[0::2] + tab20[1::2]  # the ten strong colours first, then their light twins
    names = [d.name for d in districts()]
    extra = _sns().color_palette("husl", max(0, len(names) - len(ordered))).as_hex()
    return {n: c for n, c in zip(names, ordered + extra, strict=False)}


@cache
def district_color(name: str) -> str:
    """A place's colour in every figure: ``districts.csv``'s, else one of its own from its name's
    hash (a hue of the husl circle), so provinces and other places are told apart too."""
    if name in district_colors():
        return district_colors()[name]
    if not isinstance(name, str) or not name:
        return NEUTRAL
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 360 / 360
    return _sns().husl_palette(1, h=hue, s=0.75, l=0.5).as_hex()[0]


@cache
def _doc_type_labels() -> dict[str, str]:
    return {r["doc_type"]: (r["label_zh"], r["label_en"]) for r in read_rows("doc_type_labels.csv")}


_LANG = {"lang": "zh"}  # the language figures are drawn in (set_language)


def set_language(lang: str) -> None:
    """Draw the following figures with titles, axes and legends in ``lang`` (zh or en)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"language {lang!r}: expected zh or en")
    _LANG["lang"] = lang


@cache
def _figure_text() -> dict[str, str]:
    return {r["zh"]: r["en"] for r in read_rows("figure_text.csv")}


def _t(zh: str, **values: object) -> str:
    """A figure's words in the current language; ``zh`` is the key (``figure_text.csv``)."""
    template = _figure_text().get(zh, zh) if _LANG["lang"] == "en" else zh
    return template.format(**values) if values else template


def _place(name: str) -> str:
    """A place's name as figures show it: Chinese, or in English (``compare.place_en``)."""
    if _LANG["lang"] != "en":
        return name
    return compare.place_en(name)


def _indicator(indicator: str) -> str:
    label = indicator_label(indicator)
    return label.label_en if _LANG["lang"] == "en" else label.label_zh


def _marker_qualifier(row: dict, value: str = "value", qualifier: str = "qualifier") -> str:
    """The marker class of a target: its qualifier, except a fall "of at least" (下降1%以上)."""
    q = row.get(qualifier) or ""
    q = "" if not isinstance(q, str) else q
    v = row.get(value)
    if q == "at_most" and v is not None and pd.notna(v) and float(v) < 0 and row.get("measure", "growth") == "growth":
        return "fall_at_least"
    return q if q in QUALIFIER_MARKERS else ""


def _slug(district: str) -> str:
    """ASCII file-name part of a place (xuhui, hebei, hailaer), any level."""
    return compare.place_slug(district) or district


# ---------------------------------------------------------------- saving

@dataclass(frozen=True)
class Saved:
    """A figure written as PNG and SVG; shows itself inline in a notebook."""

    name: str
    png: Path
    svg: Path

    @property
    def paths(self) -> tuple[Path, Path]:
        return self.png, self.svg

    def _repr_png_(self) -> bytes:
        return self.png.read_bytes()


class FigureSet(dict):
    """Figures by name; a notebook shows them all, in order, when this is a cell's last line."""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for saved in self.values():  # the figure's own title says what it is: no file name above it
            display(saved)


def save(fig: Figure, name: str, folder: str | Path | None = None) -> Saved:
    """Write ``fig`` as ``name``.png and ``name``.svg atomically, with no date in either file."""
    folder = Path(folder) if folder else project_paths().figures
    out = {}
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=meta)  # constrained layout: no tight bbox pass
        out[fmt] = write_bytes(folder / f"{name}.{fmt}", buf.getvalue())
    log.info("figure %s written to %s", name, folder)
    return Saved(name, out["png"], out["svg"])


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _qualifier_legend(ax, qualifiers: list[str], *, hollow: bool = True) -> list[Line2D]:
    return [Line2D([], [], linestyle="", marker=QUALIFIER_MARKERS.get(q, "o"), markersize=7,
                   markerfacecolor="white" if hollow else NEUTRAL, markeredgecolor=NEUTRAL,
                   label=_t("目标：{q}", q=_t(QUALIFIER_NAMES.get(q, q)))) for q in qualifiers]


def _district_legend(names: list[str]) -> list[Line2D]:
    return [Line2D([], [], linestyle="", marker="s", markersize=8, color=district_color(n), label=_place(n))
            for n in names]


def _percent_rows(df: pd.DataFrame, measure: str = "growth") -> pd.DataFrame:
    return df[(df["measure"] == measure) & (df["unit"] == "%")]


# ---------------------------------------------------------------- the figures

def targets_by_district(ind: pd.DataFrame, *, year: int, measure: str = "growth", highlight: str | None = None,
                        name: str | None = None, folder: str | Path | None = None) -> Saved | None:
    """Dot plot of one year's targets: a row per indicator, a dot per district.

    A range (6-7%) is a line from its low to its high end; the marker says the qualifier;
    ``highlight`` draws one district's dots larger and the others paler. None when no target.
    """
    rows = _percent_rows(compare.headline_targets(ind), measure)
    rows = rows[rows["year"] == year]
    if rows.empty:
        return None
    indicators = sorted(rows["indicator"].unique(), key=compare.indicator_rank)
    names = sort_districts(rows["place"])
    unit_label = _t({"growth": "目标增速（%）", "share": "目标比重（%）"}.get(measure, "目标（%）"))
    with _style():
        fig = _figure(8, 0.75 * len(indicators) + 1.8)
        ax = fig.add_subplot()
        for i, indicator in enumerate(indicators):
            here = sorted(rows[rows["indicator"] == indicator].to_dict("records"),
                          key=lambda r: names.index(r["place"]))
            offsets = np.linspace(-0.25, 0.25, len(here)) if len(here) > 1 else np.zeros(1)
            for k, r in enumerate(here):
                y = i + offsets[k]  # districts spread around their indicator's line, in districts.csv order
                faded = highlight is not None and r["place"] != highlight
                alpha, size = (0.35, 6) if faded else (1.0, 9 if highlight else 7)
                color = district_color(r["place"])
                if pd.notna(r["value_high"]):
                    ax.plot([r["value"], r["value_high"]], [y, y], color=color, lw=2.5, alpha=alpha,
                            solid_capstyle="round")
                ax.plot(r["value"], y, linestyle="", marker=QUALIFIER_MARKERS[_marker_qualifier(r)],
                        markersize=size, markerfacecolor="white", markeredgewidth=2, markeredgecolor=color,
                        alpha=alpha)
        ax.set_yticks(range(len(indicators)), [_indicator(i) for i in indicators])
        ax.yaxis.grid(False)
        for i in range(len(indicators) - 1):
            ax.axhline(i + 0.5, color="#dddddd", lw=0.8)
        ax.set_ylim(len(indicators) - 0.5, -0.5)
        ax.set_xlabel(unit_label)
        ax.set_ylabel("")
        title = _t("{year}年各地主要指标增长目标" if measure == "growth" else "{year}年各地主要指标目标", year=year)
        ax.set_title(title + (_t("（突出{name}）", name=_place(highlight)) if highlight else ""))
        quals = sorted({_marker_qualifier(r) for r in rows.to_dict("records")}, key=list(QUALIFIER_MARKERS).index)
        handles = _district_legend(names) + _qualifier_legend(ax, quals)
        if rows["value_high"].notna().any():
            handles.append(Line2D([], [], color=NEUTRAL, lw=2.5, label=_t("目标区间")))
        fig.legend(handles=handles, loc="outside right upper", frameon=False)
    suffix = f"_{_slug(highlight)}" if highlight else ""
    return save(fig, name or f"targets_{year}_{measure}{suffix}", folder)


def target_vs_actual(results: pd.DataFrame, *, district: str | None = None, name: str | None = None,
                     folder: str | Path | None = None) -> Saved | None:
    """Each target (hollow) beside the figure reported for its year (filled), in %.

    ``results`` is :func:`narrative.target_results` or the panel (``targets_vs_actuals``): one shape.
    """
    rows = _percent_rows(results.assign(unit=results["target_unit"]))
    rows = rows[rows["actual_value"].notna() & rows["target_value"].notna()]  # a target without a figure: not drawn
    rows = rows[rows["actual_unit"].fillna(rows["unit"]) == rows["unit"]]
    if district:
        rows = rows[rows["place"] == district]
    if rows.empty:
        return None
    rows = rows.sort_values(["year", "place", "indicator"], key=lambda s: s.map(compare.district_order())
                            if s.name == "place" else s)
    labels = [_t("{name}·{indicator}（{year}年）", name=_place(r["place"]), indicator=_indicator(r["indicator"]),
                 year=r["year"]) for r in rows.to_dict("records")]
    with _style():
        fig = _figure(8, 0.45 * len(rows) + 1.8)
        ax = fig.add_subplot()
        for i, r in enumerate(rows.to_dict("records")):
            color = district_color(r["place"])
            ax.plot([r["target_value"], r["actual_value"]], [i, i], color=color, lw=1.5, alpha=0.6)
            if pd.notna(r["target_value_high"]):
                ax.plot([r["target_value"], r["target_value_high"]], [i, i], color=color, lw=3)
            ax.plot(r["target_value"], i, linestyle="",
                    marker=QUALIFIER_MARKERS[_marker_qualifier(r, "target_value", "target_qualifier")],
                    markersize=8, markerfacecolor="white", markeredgecolor=color, markeredgewidth=2)
            ax.plot(r["actual_value"], i, linestyle="", marker=FIGURE_MARKERS.get(r["actual_kind"], "o"),
                    markersize=5, color=color)  # smaller than the target, so a target met exactly shows both
        ax.axvline(0, color=NEUTRAL, lw=0.8)
        ax.set_yticks(range(len(rows)), labels)
        ax.invert_yaxis()
        ax.set_xlabel(_t("增速（%）"))
        kinds = [k for k in FIGURE_MARKERS if k in set(rows["actual_kind"])]  # the title names what is drawn
        kinds_text = ("、" if _LANG["lang"] != "en" else ", ").join(_t(FIGURE_NAMES[k]) for k in kinds)
        ax.set_title(_t("{name}：年度目标与{kinds}", name=_place(district), kinds=kinds_text) if district
                     else _t("年度目标与{kinds}", kinds=kinds_text))
        quals = sorted({_marker_qualifier(r, "target_value", "target_qualifier") for r in rows.to_dict("records")},
                       key=list(QUALIFIER_MARKERS).index)
        handles = _district_legend(sort_districts(rows["place"])) + _qualifier_legend(ax, quals) + [
            Line2D([], [], linestyle="", marker=FIGURE_MARKERS[k], markersize=5, color=NEUTRAL,
                   label=_t(FIGURE_NAMES[k])) for k in kinds]
        fig.legend(handles=handles, loc="outside right upper", frameon=False)
    return save(fig, name or (f"target_vs_actual_{_slug(district)}" if district else "target_vs_actual"), folder)


def indicator_panel(ind: pd.DataFrame, district: str, *, name: str | None = None,
                    folder: str | Path | None = None) -> Saved | None:
    """Small multiples of a district's growth indicators over the years it reports several.

    Targets hollow with a dashed line, completed and estimated figures filled with a solid
    line; only indicators with figures for at least two years. None when there are none.
    """
    rows = _percent_rows(compare.with_row_ids(ind))
    rows = rows[(rows["place"] == district) & rows["kind"].isin(["target", *FIGURE_KINDS])
                & rows["value"].notna()]
    targets = compare.headline_targets(rows)
    figures_ = compare.last_figures(rows)
    both = pd.concat([targets.assign(series="target"), figures_.assign(series="actual")], ignore_index=True)
    years = both.groupby("indicator")["year"].nunique()
    keep = sorted(years[years >= 2].index, key=compare.indicator_rank)
    if not keep:
        return None
    color = district_color(district)
    ncols = min(3, len(keep))
    nrows = int(np.ceil(len(keep) / ncols))
    with _style():
        fig = _figure(3.6 * ncols, 2.8 * nrows + 0.6)
        axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
        for ax, indicator in zip(axes, keep, strict=False):
            sel = both[both["indicator"] == indicator].sort_values("year")
            all_years = sorted(sel["year"].astype(int).unique())
            span = range(all_years[0], all_years[-1] + 1)  # every year: a missing one breaks the line
            for series, style in (("target", dict(ls="--", mfc="white")), ("actual", dict(ls="-", mfc=color))):
                s = sel[sel["series"] == series].groupby(sel["year"].astype(int))["value"].first()
                s = s.astype(float).reindex(span)
                ax.plot(list(span), s.to_numpy(), marker="o", color=color, mec=color, mew=1.5, **style)
            ax.set_xticks(all_years, [str(y) for y in all_years])
            ax.set_title(_indicator(indicator))
            ax.set_xlabel(_t("年份"))
            ax.set_ylabel(_t("增速（%）"))
        for ax in axes[len(keep):]:
            ax.set_visible(False)
        fig.suptitle(_t("{name}：主要指标的目标与完成（历年）", name=_place(district)))
        fig.legend(handles=[Line2D([], [], color=color, ls="--", marker="o", mfc="white", label=_t("目标")),
                            Line2D([], [], color=color, ls="-", marker="o", label=_t("完成或预计完成"))],
                   loc="outside lower center", ncols=2, frameon=False)
    return save(fig, name or f"panel_{_slug(district)}", folder)


def parent_targets(against: pd.DataFrame, *, name: str | None = None, district: str | None = None,
                   folder: str | Path | None = None) -> Saved | None:
    """Each place's growth target (hollow, its colour) beside its parent's (a grey bar), per year and indicator.

    ``against`` is ``parents.table``; one row of the figure per (year, indicator). None when empty.
    """
    if against is None or against.empty:
        return None
    rows = against[against["place"] == district] if district else against
    if rows.empty:
        return None
    keys = sorted({(int(r["year"]), r["indicator"]) for r in rows.to_dict("records")},
                  key=lambda k: (-k[0], compare.indicator_rank(k[1])))
    names = sort_districts(rows["place"])
    with _style():
        fig = _figure(8, 0.8 * len(keys) + 1.8)
        ax = fig.add_subplot()
        for i, (year, indicator) in enumerate(keys):
            here = rows[(rows["year"] == year) & (rows["indicator"] == indicator)].to_dict("records")
            parent = here[0]
            ax.plot([parent["parent_value"]] * 2, [i - 0.35, i + 0.35], color=NEUTRAL, lw=3, alpha=0.5)
            offsets = np.linspace(-0.25, 0.25, len(here)) if len(here) > 1 else np.zeros(1)
            for k, r in enumerate(sorted(here, key=lambda r: names.index(r["place"]))):
                ax.plot(r["target_value"], i + offsets[k], linestyle="",
                        marker=QUALIFIER_MARKERS[_marker_qualifier(r, "target_value", "target_qualifier")],
                        markersize=8, markerfacecolor="white", markeredgewidth=2,
                        markeredgecolor=district_color(r["place"]))
        ax.set_yticks(range(len(keys)), [_t("{name}·{indicator}（{year}年）", name=_place(rows["parent"].iloc[0]),
                                            indicator=_indicator(ind), year=y) for y, ind in keys])
        ax.set_ylim(len(keys) - 0.5, -0.5)
        ax.set_xlabel(_t("目标增速（%）"))
        ax.set_title(_t("各地目标与上级目标"))
        quals = sorted({_marker_qualifier(r, "target_value", "target_qualifier") for r in rows.to_dict("records")},
                       key=list(QUALIFIER_MARKERS).index)
        handles = (_district_legend(names) + _qualifier_legend(ax, quals)
                   + [Line2D([], [], color=NEUTRAL, lw=3, alpha=0.5, label=_t("上级目标"))])
        fig.legend(handles=handles, loc="outside right upper", frameon=False)
    return save(fig, name or (f"parent_targets_{_slug(district)}" if district else "parent_targets"), folder)


def topic_heatmap(shares: pd.DataFrame, *, name: str = "topic_heatmap",
                  folder: str | Path | None = None) -> Saved | None:
    """Topic × district heatmap of topic shares (% of each district's text)."""
    df = shares
    if "by" in df:
        df = df[df["by"] == "place"].rename(columns={"group": "place"})
    if df.empty:
        return None
    df = df.assign(label=[f"{t}·{lab}" if lab else str(t) for t, lab in
                          zip(df["topic"], df.get("label", pd.Series([""] * len(df), index=df.index)).fillna(""),
                              strict=True)])
    table = df.pivot_table(index="label", columns="place", values="share", aggfunc="sum") * 100
    table = table[sort_districts(table.columns)]
    table = table.loc[sorted(table.index, key=lambda s: int(s.split("·")[0]) if s.split("·")[0].isdigit() else s)]
    with _style():
        fig = _figure(1.0 * len(table.columns) + 4, 0.45 * len(table) + 2)
        ax = fig.add_subplot()
        _sns().heatmap(table, ax=ax, cmap=HEATMAP_CMAP, annot=True, fmt=".0f", linewidths=0.5,
                    cbar_kws={"label": _t("主题占比（%）")})
        ax.set_xticklabels([_place(t.get_text()) for t in ax.get_xticklabels()])
        ax.set_xlabel(_t("地区"))
        ax.set_ylabel(_t("主题（编号·高频词）"))
        ax.set_title(_t("各地报告的主题构成（%）"))
    return save(fig, name, folder)


def keyness_bars(keyness: pd.DataFrame, district: str, *, n: int = 15, name: str | None = None,
                 folder: str | Path | None = None) -> Saved | None:
    """The ``n`` terms a district uses most beyond the other districts, by G², in its colour."""
    df = keyness[keyness["by"] == "place"] if "by" in keyness else keyness
    rows = compare.term_emphasis(df, district, n=n)
    if rows.empty:
        return None
    with _style():
        fig = _figure(6, 0.32 * len(rows) + 1.6)
        ax = fig.add_subplot()
        _sns().barplot(data=rows, x="g2", y="term", ax=ax, color=district_color(district), orient="h")
        ax.set_xlabel(_t("关键性（对数似然比 G²）"))
        ax.set_ylabel(_t("词语"))
        ax.set_title(_t("{name}的关键词（对比其他地区）", name=_place(district)))
    return save(fig, name or f"keyness_{_slug(district)}", folder)


def coherence_curve(curve: pd.DataFrame, best_k: int | None = None, *, name: str = "coherence",
                    folder: str | Path | None = None) -> Saved | None:
    """Topic coherence (c_v, and stability when measured) against the number of topics K."""
    if curve is None or curve.empty:
        return None
    if best_k is None and "chosen" in curve and curve["chosen"].any():
        best_k = int(curve.loc[curve["chosen"].astype(bool), "k"].iloc[0])
    curve = curve.sort_values("k")
    with _style():
        fig = _figure(6.5, 4)
        ax = fig.add_subplot()
        if "c_v_sd" in curve and curve["c_v_sd"].notna().any():  # mean ± SD over the seeds
            ax.errorbar(curve["k"], curve["c_v"], yerr=curve["c_v_sd"].fillna(0), marker="o", color=NEUTRAL,
                        capsize=3, label=_t("一致性 c_v（均值±标准差）"))
        else:
            ax.plot(curve["k"], curve["c_v"], marker="o", color=NEUTRAL, label=_t("一致性 c_v"))
        if "stability" in curve and curve["stability"].notna().any():
            ax.plot(curve["k"], curve["stability"], marker="s", ls="--", color="#1f77b4", label=_t("稳定性（Jaccard）"))
        if best_k is not None:
            ax.axvline(best_k, color="#d62728", lw=1, ls=":", label=_t("选定 K = {k}", k=best_k))
        ax.set_xticks(curve["k"].astype(int).tolist())
        ax.set_xlabel(_t("主题数 K（个）"))
        ax.set_ylabel(_t("得分（0–1）"))
        ax.set_title(_t("主题数与主题一致性"))
        ax.legend(frameon=False)
    return save(fig, name, folder)


def document_lengths(documents: pd.DataFrame, *, name: str = "document_lengths",
                     folder: str | Path | None = None) -> Saved | None:
    """Characters of cleaned text per report, coloured by place (``district`` for tables without one)."""
    docs = documents[documents["doc_type"] != "other"].copy()
    if docs.empty:
        return None
    if "place" not in docs:
        docs["place"] = docs["district"]
    docs["_d"] = docs["place"].map(compare.district_order()).fillna(99)
    docs = docs.sort_values(["_d", "year", "doc_type"])
    docs["label"] = [_t("{name} {year}年 {doc_type}", name=_place(r["place"]), year=int(r["year"]),
                        doc_type=_doc_type_labels().get(r["doc_type"], (r["doc_type"],) * 2)[_LANG["lang"] == "en"])
                     for r in docs.to_dict("records")]
    with _style():
        fig = _figure(7, 0.4 * len(docs) + 1.6)
        ax = fig.add_subplot()
        ax.barh(docs["label"], docs["n_chars"].astype(int), color=[district_color(d) for d in docs["place"]])
        ax.invert_yaxis()
        ax.set_xlabel(_t("正文长度（字）"))
        ax.set_ylabel("")
        ax.set_title(_t("各报告正文长度"))
    return save(fig, name, folder)


# ---------------------------------------------------------------- one call per notebook

def district_figures(district: str, tables: StudyTables, *, folder: str | Path | None = None,
                     n_terms: int = 15) -> FigureSet:
    """A district page's figures: its targets among the others', targets vs results, its panel, its terms."""
    from reportlib.report import parents
    from reportlib.report.narrative import district_name, target_results

    district = district_name(district, tables.documents)
    ind = tables.indicator_rows()
    out: dict[str, Saved | None] = {}
    years = sorted(compare.headline_targets(ind).query("place == @district")["year"].unique(), reverse=True)
    for year in years:
        out[f"targets_{year}"] = targets_by_district(ind, year=int(year), highlight=district, folder=folder)
    out["target_vs_actual"] = target_vs_actual(target_results(tables), district=district, folder=folder)
    out["parent_targets"] = parent_targets(parents.table(tables), district=district, folder=folder)
    out["panel"] = indicator_panel(ind, district, folder=folder)
    if tables.keyness is not None:
        out["keyness"] = keyness_bars(tables.keyness, district, n=n_terms, folder=folder)
    made = FigureSet((k, v) for k, v in out.items() if v is not None)
    log.info("%s: %d figures", district, len(made))
    return made


def comparison_figures(tables: StudyTables, *, folder: str | Path | None = None,
                       n_terms: int = 15) -> FigureSet:
    """The comparison page's figures: targets per year, targets vs results, topics, terms, lengths."""
    from reportlib.report import parents
    from reportlib.report.narrative import target_results

    ind = tables.indicator_rows()
    out: dict[str, Saved | None] = {}
    targets = compare.headline_targets(ind)
    for year in sorted(targets["year"].unique(), reverse=True):
        if targets[targets["year"] == year]["place"].nunique() >= 2:
            out[f"targets_{year}"] = targets_by_district(ind, year=int(year), folder=folder)
    out["target_vs_actual"] = target_vs_actual(target_results(tables), folder=folder)
    out["parent_targets"] = parent_targets(parents.table(tables), folder=folder)
    if tables.topic_shares is not None:
        out["topic_heatmap"] = topic_heatmap(tables.topic_shares, folder=folder)
    if tables.coherence is not None:
        out["coherence"] = coherence_curve(tables.coherence, tables.best_k, folder=folder)
    if tables.keyness is not None:
        for district in sort_districts(tables.study_documents["place"].dropna()):
            out[f"keyness_{_slug(district)}"] = keyness_bars(tables.keyness, district, n=n_terms, folder=folder)
    out["document_lengths"] = document_lengths(tables.documents, folder=folder)
    made = FigureSet((k, v) for k, v in out.items() if v is not None)
    log.info("comparison: %d figures", len(made))
    return made
