"""What every study notebook does first and reuses: outputs folder, display options, safe text.

Notebooks stay thin: they call :func:`start` with their parameters, read upstream tables with
:func:`read_tables` and show report text with :func:`note`, which escapes it, because text from
the raw files is data, never markup.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from reportlib.paths import Paths, project_paths

log = logging.getLogger(__name__)

# Characters that markdown would read as formatting (emphasis, links, headings, tables, code).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def start(*, out_dir: str | Path | None = None) -> Paths:
    """Point the library's outputs at ``out_dir`` (None: the project's outputs/) and set display.

    The folder is passed on through ``REPORTLIB_OUTPUTS`` so every module writing a table or a
    figure from this kernel writes it there.
    """
    if out_dir:
        os.environ["REPORTLIB_OUTPUTS"] = str(Path(out_dir).resolve())
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    paths = project_paths()
    for folder in (paths.tables, paths.figures):
        folder.mkdir(parents=True, exist_ok=True)
    return paths


def escape(value: object) -> str:
    """``value`` as markdown text that renders literally: HTML and markdown marks escaped.

    >>> escape("<script>alert(1)</script> *增长* 6%")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; \\\\*增长\\\\* 6%'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def note(template: str, *values: object) -> Markdown:
    """Markdown from a trusted ``template`` (the notebook's) and untrusted ``values``, escaped.

    >>> note("**{}**: {} documents", "<b>徐汇区</b>", 3).data
    '**&lt;b&gt;徐汇区&lt;/b&gt;**: 3 documents'
    """
    return Markdown(template.format(*(escape(v) for v in values)))


def read_tables(*names: str, paths: Paths | None = None,
                tables_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Tables written by upstream notebooks, by name (``documents`` → tables/documents.csv)."""
    folder = Path(tables_dir) if tables_dir else (paths or project_paths()).tables
    missing = [n for n in names if not (folder / f"{n}.csv").is_file()]
    if missing:
        raise FileNotFoundError(f"tables not written yet (run their notebooks first): {missing}")
    return {n: pd.read_csv(folder / f"{n}.csv", keep_default_na=False, na_values=[""])
            for n in names}


def study_tables(corpus, *, paths: Paths | None = None, tables_dir: str | Path | None = None):
    """The tables of notebooks 00–03 as one ``compare.StudyTables`` (what narratives read)."""
    from reportlib.report.compare import StudyTables

    t = read_tables("indicators", "targets_vs_actuals", "keyness", "topic_shares", "topics",
                    "coherence", paths=paths, tables_dir=tables_dir)
    coherence = t["coherence"]
    chosen = coherence.loc[coherence["chosen"].astype(bool), "k"] if "chosen" in coherence else []
    return StudyTables.from_corpus(
        corpus, indicators=t["indicators"], panel=t["targets_vs_actuals"], keyness=t["keyness"],
        topic_shares=t["topic_shares"], topics=t["topics"], coherence=coherence,
        best_k=int(chosen.iloc[0]) if len(chosen) else None)
