"""Figures of the text measures: emphasis with intervals, commitment words, report similarity.

Drawn with the study's look (``figures._style``: seaborn, the CJK font) and saved by
``figures.save`` as PNG and SVG into ``paths.figures``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from reportlib.report.display import value_label
from reportlib.report.figures import _LANG, NEUTRAL, Saved, _figure, _place, _sns, _style, _t, save


def _measure(measure: str) -> str:
    """An emphasis measure's name in the figures' language (``value_labels.csv``, vocabulary emphasis)."""
    return value_label("emphasis", measure, _LANG["lang"])


def _report_label(row: dict) -> str:
    """'徐汇区 2021年 政府工作报告' for a report's row (its doc_id when the place is not known)."""
    name = row.get("place")
    if not isinstance(name, str) or not name or pd.isna(row.get("year")):
        return str(row["doc_id"])
    return _t("{name} {year}年 {doc_type}", name=_place(name), year=int(row["year"]),
              doc_type=value_label("doc_type", row.get("doc_type", ""), _LANG["lang"]))


def report_labels(table: pd.DataFrame) -> dict[str, str]:
    """doc_id → the report as readers name it (place, year, type) in the figures' language, one
    label a report: two reports that would share one are told apart by their doc_id."""
    rows = table.drop_duplicates("doc_id").sort_values("doc_id").to_dict("records")
    labels = {str(r["doc_id"]): _report_label(r) for r in rows}
    shared = pd.Series(labels).duplicated(keep=False)
    return {d: f"{label} ({d})" if shared[d] else label for d, label in labels.items()}


def emphasis_intervals(emphasis: pd.DataFrame, *, name: str = "emphasis",
                       folder: str | Path | None = None) -> Saved | None:
    """Each measure's rate per 10,000 characters by report, with its bootstrap 95 % interval."""
    if emphasis is None or emphasis.empty:
        return None
    df = emphasis.assign(report=emphasis["doc_id"].astype(str).map(report_labels(emphasis)))
    measures = list(dict.fromkeys(df["measure"]))
    reports = sorted(df["report"].unique())
    ncols = len(measures)
    with _style():
        # one row of small panels, laid out by hand: constrained layout over many panels costs
        # seconds at every draw (PNG and SVG)
        fig = Figure(figsize=(1.45 * ncols + 2.4, 0.22 * len(reports) + 1.2))
        fig.subplots_adjust(left=2.3 / (1.45 * ncols + 2.4), right=0.99, bottom=0.8 / (0.22 * len(reports) + 1.2),
                            top=1 - 0.55 / (0.22 * len(reports) + 1.2), wspace=0.08)
        axes = fig.subplots(1, ncols, sharey=True, squeeze=False).ravel()
        ypos = {r: i for i, r in enumerate(reports)}
        for ax, measure in zip(axes, measures, strict=False):
            m = df[df["measure"] == measure]
            y = m["report"].map(ypos)
            ax.errorbar(m["per_10k"], y, xerr=[m["per_10k"] - m["ci_low"], m["ci_high"] - m["per_10k"]],
                        fmt="o", color=NEUTRAL, ecolor="#9e9e9e", capsize=2, markersize=4)
            ax.set_title(_measure(measure), fontsize=9)
            ax.set_yticks(range(len(reports)), reports, fontsize=8)
            ax.tick_params(axis="x", labelsize=7)
            ax.locator_params(axis="x", nbins=3)
        fig.supxlabel(_t("每万字词频（点：报告；线：段落自助法 95% 区间）"), fontsize=8)
    return save(fig, name, folder)


def commitment_bars(commitment: pd.DataFrame, *, name: str = "commitment",
                    folder: str | Path | None = None) -> Saved | None:
    """Stacked shares of the commitment words (确保 / 力争 / 争取 / 努力) in each report."""
    if commitment is None or commitment.empty:
        return None
    df = commitment.assign(report=commitment["doc_id"].astype(str).map(report_labels(commitment)))
    order = list(df.sort_values("strength")["term"].drop_duplicates())
    table = df.pivot_table(index="report", columns="term", values="share", aggfunc="sum")[order] * 100
    with _style():
        fig = _figure(7, 0.35 * len(table) + 1.8)
        ax = fig.add_subplot()
        left = np.zeros(len(table))
        colors = _sns().color_palette("Blues_r", len(order))
        for term, color in zip(order, colors, strict=True):
            ax.barh(table.index, table[term], left=left, color=color, label=term)
            left += table[term].to_numpy()
        ax.set_xlabel(_t("承诺用语占比（%）"))
        ax.set_xlim(0, 100)
        ax.legend(frameon=False, ncols=len(order), loc="upper center", bbox_to_anchor=(0.5, -0.12))
        ax.set_title(_t("承诺用语：确保、力争、争取、努力的构成"))
    return save(fig, name, folder)


def similarity_heatmap(matrix: pd.DataFrame, *, labels: dict[str, str] | None = None, name: str = "similarity",
                       folder: str | Path | None = None) -> Saved | None:
    """Heatmap of the TF-IDF cosine between reports (``similarity.similarity_matrix``)."""
    if matrix is None or matrix.empty:
        return None
    shown = matrix.rename(index=labels or {}, columns=labels or {})
    n = len(shown)
    with _style():
        # laid out by hand and drawn with imshow: seaborn's annotated heatmap under constrained
        # layout took seconds per format
        size = 0.32 * n + 3.2
        width = size + 1.4  # the colour bar, its ticks and its label on the right
        fig = Figure(figsize=(width, size))
        ax = fig.add_axes((2.6 / width, 2.6 / size, (size - 2.8) / width, (size - 3.0) / size))
        image = ax.imshow(shown.to_numpy(dtype=float), cmap="viridis", vmin=0, vmax=1)
        ax.set_xticks(range(n), shown.columns, rotation=90, fontsize=7)
        ax.set_yticks(range(n), shown.index, fontsize=7)
        ax.grid(False)
        cax = fig.add_axes((1 - 1.3 / width, 2.6 / size, 0.15 / width, (size - 3.0) / size))
        fig.colorbar(image, cax=cax, label=_t("余弦相似度（TF-IDF）"))
        ax.set_title(_t("报告之间的文本相似度"))
    return save(fig, name, folder)
