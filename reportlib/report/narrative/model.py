"""The sentence model of the narratives: claims, sentences, sections, and the phrases numbers are written in.

Each :class:`Sentence` holds its statement as data (a :class:`~reportlib.report.narrative.wording.Phrase`:
the kind of statement, its places, indicators and values) and the :class:`Claim` behind every
number in it (the value shown, what it is, the rows it comes from); it is worded per language by
``sentences.csv``. The helpers here make a value ('6-7%', '6%以上', '下降3.9%') and its subject
the same way for every sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from reportlib.lexicon import read_rows
from reportlib.report import compare
from reportlib.report.compare import StudyTables
from reportlib.report.narrative.wording import Indicator, Phrase, Place, Value, listing, scaled, word

log = logging.getLogger(__name__)


RANKED_MEASURES = ("growth", "share", "change_pp")  # levels differ by district size, not ambition
MEASURE_ORDER = {"growth": 0, "share": 1, "change_pp": 2, "level": 3}
# Markdown and HTML specials in text that comes from the reports: shown, never interpreted.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")


@dataclass(frozen=True)
class Source:
    """A table row a number rests on; report figures carry their document and verbatim quote."""

    table: str
    row_id: str
    doc_id: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Claim:
    """One number as a sentence shows it (``text``), what it is, and the rows it comes from.

    ``what``: ``target`` · ``actual`` · ``year`` · ``rank`` · ``n_districts`` · ``median`` ·
    ``gap`` · ``uplift`` · ``share`` · ``mean_share`` · ``count``.
    ``values`` are the numbers shown, in order (a range shows two); ``unit``, where set, is the
    unit a language may multiply out (583.1亿元 → 58.31 billion yuan: :meth:`shown`).
    """

    text: str
    what: str
    values: tuple[float, ...]
    sources: tuple[Source, ...]
    unit: str = ""

    def shown(self, lang: str) -> str:
        """The number as a sentence of ``lang`` writes it."""
        return scaled(self.text, self.unit, lang)[0] if self.unit else self.text


@dataclass
class Sentence:
    """A statement (its :class:`Phrase`: kind, places, indicators, values) and the claims behind its numbers.

    It is written in any language of ``sentences.csv`` by :meth:`text`; ``zh`` and ``en`` are shortcuts.
    """

    body: Phrase
    claims: list[Claim] = field(default_factory=list)
    extra_sources: list[Source] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # terms and topic labels from the data (G60科创走廊)

    def text(self, lang: str = "zh") -> str:
        """The sentence in ``lang``, with its final stop."""
        return self.body.render(lang) + word("stop", lang)

    @property
    def zh(self) -> str:
        return self.text("zh")

    @property
    def en(self) -> str:
        return self.text("en")

    @property
    def sources(self) -> list[Source]:
        """The sentence's footnotes: every row its numbers rest on, in order, once each."""
        seen: dict[tuple[str, str], Source] = {}
        for s in [*(s for c in self.claims for s in c.sources), *self.extra_sources]:
            seen.setdefault((s.table, s.row_id), s)
        return list(seen.values())


@dataclass
class Section:
    """A headed group of sentences (one bullet each)."""

    heading: Phrase
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Narrative:
    """A titled list of sections; render with :meth:`to_markdown`."""

    title: Phrase
    district: str | None
    sections: list[Section] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]

    @property
    def claims(self) -> list[Claim]:
        return [c for s in self.sentences for c in s.claims]

    def to_markdown(self, lang: str = "zh", *, heading_level: int = 2) -> str:
        """Markdown with numbered footnotes; text from the reports is escaped, never markup."""
        from reportlib.report.narrative.markdown import render_markdown  # it renders this model

        return render_markdown(self, lang=lang, heading_level=heading_level)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


# ---------------------------------------------------------------- numbers and phrases

def format_number(x: float, digits: int = 2) -> str:
    """A number as the reports write it: no trailing zeros, no thousands separators."""
    text = f"{round(float(x), digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def src(row: dict) -> Source:
    """An indicator row as a source: its document and verbatim quote."""
    return Source("indicators", row["row_id"], row["doc_id"], row.get("quote", ""))


def doc_src(doc: dict) -> Source:
    """A document as a source: its opening line, verbatim (the title when the text is not at hand)."""
    return Source("documents", doc["doc_id"], doc["doc_id"], str(doc.get("opening") or doc.get("title") or ""))


def opening(text: str, limit: int = 60) -> str:
    """The first non-empty line of a document's cleaned text, cut at ``limit`` characters."""
    return next((line.strip()[:limit] for line in text.splitlines() if line.strip()), "")


def year_claim(year: int, sources: Iterable[Source]) -> Claim:
    return Claim(str(int(year)), "year", (float(year),), tuple(sources))


def value_claim(row: dict, what: str) -> tuple[Claim, Value]:
    """A target or figure as a sentence shows it ('6-7%', '6%以上', '下降3.9%'): the claim and the value."""
    v, vh = float(row["value"]), row.get("value_high")
    has_high = vh is not None and pd.notna(vh)
    negative = row["measure"] == "growth" and v < 0 and (not has_high or float(vh) <= 0)
    shown = (v, float(vh)) if has_high else (v,)
    if negative:
        shown = tuple(abs(x) for x in shown)
    text = "-".join(format_number(x) for x in shown)
    q = row.get("qualifier", "") or ""
    if negative:  # ≤ -1% is a fall of 1% or more: 下降1%以上
        q = {"at_most": "at_least", "at_least": "at_most"}.get(q, q)
    return Claim(text, what, shown, (src(row),), row["unit"]), Value(text, row["unit"], q, negative)


def last_figure(row: dict) -> dict:
    """Last year's figure of an ambition row (``compare.ambition``), as an indicator-like row."""
    keep = {k: row[k] for k in ("place", "year", "indicator", "measure", "unit")}
    return {**keep, "value": row["last_value"], "value_high": None, "qualifier": "", "row_id": row["last_row_id"],
            "doc_id": row["last_doc_id"], "quote": row["last_quote"]}


def subject(row: dict) -> Phrase:
    """'地区生产总值增长目标' / 'GDP growth target' for a target row."""
    value = row.get("value", row.get("target_value"))
    if row["measure"] == "growth" and not (value is not None and pd.notna(value) and float(value) < 0):
        key = "subject.growth"
    else:
        key = "subject.change" if row["measure"] == "change_pp" else "subject.target"
    return Phrase.of(key, indicator=Indicator(row["indicator"]))


# ---------------------------------------------------------------- targets and ranks

def ranked(tables: StudyTables) -> pd.DataFrame:
    return tables.memo("ranked", lambda: compare.rank_targets(headline(tables)))


def rows_by_id(tables: StudyTables) -> dict[str, dict]:
    return tables.memo("rows_by_id", lambda: {r["row_id"]: r for r in tables.indicator_rows().to_dict("records")})


def headline(tables: StudyTables) -> pd.DataFrame:
    return tables.memo("headline", lambda: compare.headline_targets(tables.indicator_rows()))



@cache
def _indicator_order() -> dict[str, int]:
    return {r["indicator"]: i for i, r in enumerate(read_rows("indicator_display.csv"))}



def sort_targets(rows: list[dict], unit: str = "unit") -> list[dict]:
    """Growth targets first, then shares and levels; indicators in ``indicator_display.csv`` order."""
    order = _indicator_order()
    return sorted(rows, key=lambda r: (MEASURE_ORDER.get(r["measure"], 9), order.get(r["indicator"], 99),
                                       r["indicator"], r[unit]))


def group_order(key: tuple) -> tuple:
    """(year, indicator, measure, unit) → latest year first, then as :func:`sort_targets`."""
    year, indicator, measure, unit = key
    return (-int(year), MEASURE_ORDER.get(measure, 9), _indicator_order().get(indicator, 99), indicator, unit)



# ---------------------------------------------------------------- emphasis

def topic_shares(tables: StudyTables) -> pd.DataFrame | None:
    """Long topic shares (district, topic, share, label) from whatever shape was given."""
    shares = tables.topic_shares
    if shares is None or shares.empty:
        return None
    if "by" in shares:  # topics.topic_shares stacks several groupings: keep the districts
        shares = shares[shares["by"] == "place"].rename(columns={"group": "place"})
    if "share" not in shares:  # wide: one row per district, one column per topic
        by = "place" if "place" in shares else shares.columns[0]
        shares = shares.melt(id_vars=[by], var_name="topic", value_name="share").rename(columns={by: "place"})
    shares = shares.copy()
    if "label" not in shares:
        shares["label"] = shares["topic"].map(_topic_labels(tables))
    shares["label"] = shares["label"].fillna("").astype(str)
    return shares


def _topic_labels(tables: StudyTables) -> dict:
    """Topic → '词·词·词' from the model's top terms; letters when no model table is given."""
    labels: dict = {}
    if tables.topics is not None and not tables.topics.empty:
        top = tables.topics.sort_values(["topic", "rank"]).groupby("topic")["term"].apply(lambda t: "·".join(t[:3]))
        labels.update(top.to_dict())
    shares = tables.topic_shares
    for i, t in enumerate(sorted(shares["topic"].unique()) if shares is not None and "topic" in shares else []):
        labels.setdefault(t, f"主题{chr(ord('A') + i % 26)}")
    return labels


def share_claims(row: dict, tables_name: str = "topic_shares") -> tuple[Claim, Claim]:
    rid = f"{row['place']}/{row['topic']}"
    own = Claim(format_number(100 * row["share"], 1), "share", (100 * float(row["share"]),),
                (Source(tables_name, rid),))
    mean = Claim(format_number(100 * row["mean_share"], 1), "mean_share", (100 * float(row["mean_share"]),),
                 (Source(tables_name, f"*/{row['topic']}"),))
    return own, mean



def off_year(tables: StudyTables) -> dict[str, list[int]]:
    """Districts none of whose reports is of the corpus's main year → their years.

    Their words and topic shares describe another year's report (杨浦区's 2012 report beside
    the 2021 ones), so a sentence about their emphasis says so.
    """
    docs = tables.study_documents.dropna(subset=["year"])
    if docs.empty:
        return {}
    main = int(docs["year"].mode().iloc[0])
    years = docs.groupby("place")["year"].agg(lambda y: sorted({int(v) for v in y}))
    return {d: ys for d, ys in years.items() if main not in ys}


def year_caveat(sentence: Sentence, districts: list[str], off: dict[str, list[int]]) -> Sentence:
    """``sentence`` with a note for each district whose reports are of another year than the rest."""
    marked = [d for d in districts if d in off]
    if not marked:
        return sentence
    notes = listing((Phrase.of("year_caveat.item", place=Place(d), years=listing(map(str, off[d]), "enum"))
                     for d in marked), "semi")
    return Sentence(Phrase.of("year_caveat", sentence=sentence.body, notes=notes),
                    sentence.claims, sentence.extra_sources, sentence.names)
