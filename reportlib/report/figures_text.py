"""Figures of the text measures: emphasis with intervals, commitment words, report similarity.

Drawn with the study's look (``figures._style``: seaborn, the CJK font) and saved by
``figures.save`` as PNG and SVG into ``paths.figures``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from reportlib.report.figures import NEUTRAL, Saved, _figure, _sns, _style, save

#: Chinese names of the emphasis measures (the words of ``emphasis_terms.csv``).
MEASURE_LABELS = {"innovation": "创新", "environment": "环境", "livelihood": "民生", "security": "安全",
                  "growth": "增长", "reform": "改革", "opening": "开放"}


def _report_label(row: pd.Series) -> str:
    """'徐汇区 2021 work_report' for a report's row (doc_id when the district is not known)."""
    name = row.get("district") or row["doc_id"]
    return f"{name} {row.get('year', '')} {row.get('doc_type', '')}".strip()


def emphasis_intervals(emphasis: pd.DataFrame, *, name: str = "emphasis",
                       folder: str | Path | None = None) -> Saved | None:
    """Each measure's rate per 10,000 characters by report, with its bootstrap 95 % interval."""
    if emphasis is None or emphasis.empty:
        return None
    df = emphasis.assign(report=emphasis.apply(_report_label, axis=1))
    measures = list(dict.fromkeys(df["measure"]))
    reports = sorted(df["report"].unique())
    ncols = min(4, len(measures))
    nrows = int(np.ceil(len(measures) / ncols))
    with _style():
        fig = _figure(3.2 * ncols + 1.5, 0.28 * len(reports) * nrows + 1.5 * nrows)
        axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False).ravel()
        ypos = {r: i for i, r in enumerate(reports)}
        for ax, measure in zip(axes, measures, strict=False):
            m = df[df["measure"] == measure]
            y = m["report"].map(ypos)
            ax.errorbar(m["per_10k"], y, xerr=[m["per_10k"] - m["ci_low"], m["ci_high"] - m["per_10k"]],
                        fmt="o", color=NEUTRAL, ecolor="#9e9e9e", capsize=2, markersize=4)
            ax.set_title(MEASURE_LABELS.get(measure, measure))
            ax.set_yticks(range(len(reports)), reports)
            ax.set_xlabel("每万字词频")
        for ax in axes[len(measures):]:
            ax.set_visible(False)
        fig.suptitle("各报告的侧重（每万字，95% 自助法区间）")
    return save(fig, name, folder)


def commitment_bars(commitment: pd.DataFrame, *, name: str = "commitment",
                    folder: str | Path | None = None) -> Saved | None:
    """Stacked shares of the commitment words (确保 / 力争 / 争取 / 努力) in each report."""
    if commitment is None or commitment.empty:
        return None
    df = commitment.assign(report=commitment.apply(_report_label, axis=1))
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
        ax.set_xlabel("承诺用语占比（%）")
        ax.set_xlim(0, 100)
        ax.legend(frameon=False, ncols=len(order), loc="upper center", bbox_to_anchor=(0.5, -0.12))
        ax.set_title("承诺用语：确保、力争、争取、努力的构成")
    return save(fig, name, folder)


def similarity_heatmap(matrix: pd.DataFrame, *, labels: dict[str, str] | None = None, name: str = "similarity",
                       folder: str | Path | None = None) -> Saved | None:
    """Heatmap of the TF-IDF cosine between reports (``similarity.similarity_matrix``)."""
    if matrix is None or matrix.empty:
        return None
    shown = matrix.rename(index=labels or {}, columns=labels or {})
    with _style():
        size = 0.55 * len(shown) + 3
        fig = _figure(size + 1, size)
        ax = fig.add_subplot()
        _sns().heatmap(shown, ax=ax, cmap="viridis", vmin=0, vmax=1, annot=len(shown) <= 20, fmt=".2f",
                       square=True, cbar_kws={"label": "余弦相似度（TF-IDF）"})
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_title("报告之间的文本相似度")
    return save(fig, name, folder)
