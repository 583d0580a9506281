"""Rankings, medians and gaps between districts: the facts the narratives are made of.

Every function takes the study's tables (spec/tables.md) and returns a sorted DataFrame whose
rows carry the ``row_id`` of the indicator rows they rest on, so a sentence can cite them.
Ranges and qualifiers are kept: a target of 6-7% is ranked by its low end (the floor the
district commits to) and 6%以上 ties with 6%; the text shows the range and the qualifier.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from reportlib.lexicon import district_by_name, districts, read_rows
from reportlib.measure.vocabulary import family_of
from reportlib.read import places
from reportlib.records import row_id

log = logging.getLogger(__name__)

# Which document speaks for a district's targets when several do: the work report first.
DOC_PRIORITY = {"work_report": 0, "plan_report": 1, "plan_midyear": 2}
# An estimate (预计) counts as last year's figure only when no completed figure (完成) exists.
ACTUAL_KINDS = {"actual": 0, "estimate": 1}
GROUP_KEYS = ["year", "indicator", "measure", "unit"]


@dataclass(frozen=True)
class IndicatorLabel:
    """How texts name an indicator, and whether a larger value is the more ambitious one."""

    indicator: str
    label_zh: str
    label_en: str
    better: str = "higher"


@cache
def _labels() -> dict[str, IndicatorLabel]:
    return {r["indicator"]: IndicatorLabel(**r) for r in read_rows("indicator_display.csv")}


def indicator_label(indicator: str) -> IndicatorLabel:
    """Display names of ``indicator`` (``indicator_display.csv``).

    An id missing there takes its first alias of the extractor's ``indicators.csv``, or itself.
    """
    if indicator in _labels():
        return _labels()[indicator]
    aliases = indicator_aliases().get(indicator, ())
    return IndicatorLabel(indicator, min(aliases, key=len) if aliases else indicator, indicator.replace("_", " "))


def indicator_rank(indicator: str) -> tuple[int, str]:
    """Sort key of an indicator: its row in ``indicator_display.csv``, unknown ids last."""
    labels = list(_labels())
    return (labels.index(indicator) if indicator in labels else len(labels), indicator)


def district_order() -> dict[str, int]:
    """District name → its position in ``districts.csv`` (the order of tables and colours)."""
    return {d.name: i for i, d in enumerate(districts())}


def sort_districts(names: Iterable[str]) -> list[str]:
    """Names in ``districts.csv`` order; names it does not know come last, alphabetically."""
    order = district_order()
    return sorted(set(names), key=lambda n: (order.get(n, len(order)), n))


def place_en(name: str) -> str:
    """A place's name in English text, one rule for every page: ``places.english_name`` (Xuhui District,
    Hebei Province, Hailar District); a name that is not a place's stays as it is."""
    return places.english_name(name) if name else name


def place_slug(name: str) -> str:
    """A place's slug for file names and anchors (xuhui, hebei, hailaer), any level; else the name."""
    if not name:
        return name
    d = district_by_name().get(name)
    if d is not None:
        return d.slug
    place = places.lookup(name)
    return places.slug_of(place) if place.level else name


def places_by_slug(documents: pd.DataFrame) -> dict[str, str]:
    """Slug → full name of every place (any level) with a report in the study, sorted by slug: the
    one mapping behind page names, page titles and the place a page is about."""
    if documents is None or not len(documents) or "place" not in documents or "district_slug" not in documents:
        return {}
    docs = documents[(documents["doc_type"] != "other") & (documents["place"].fillna("").astype(str) != "")
                     & (documents["district_slug"].fillna("").astype(str) != "")]
    return dict(sorted(zip(docs["district_slug"].astype(str), docs["place"].astype(str), strict=True)))


def place_name(key: str, documents: pd.DataFrame | None = None) -> str:
    """The place a page is about, from its full name or its slug (``places_by_slug`` of ``documents``,
    else ``districts.csv``)."""
    if documents is not None and "place" in documents and key in set(documents["place"].dropna()):
        return key
    found = places_by_slug(documents).get(key) if documents is not None else None
    if found:
        return found
    for d in districts():
        if key in (d.name, d.short, d.slug):
            return d.name
    return key


def with_place(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` keyed on ``place``: a table of an older run that names only ``district`` takes it from there."""
    if "district" not in df:
        return df
    place = df["place"] if "place" in df else pd.Series("", index=df.index, dtype=object)
    empty = place.isna() | (place.astype(str) == "")
    return df.assign(place=place.where(~empty, df["district"])) if empty.any() or "place" not in df else df


def with_row_ids(ind: pd.DataFrame) -> pd.DataFrame:
    """A copy of the indicators table with ``row_id`` and empty strings for empty text cells."""
    if "row_id" in ind:  # already prepared
        return with_place(ind)
    out = with_place(ind).copy()
    for col in ("qualifier", "basis", "unit", "section_role", "doc_type", "quote"):
        if col in out:
            out[col] = out[col].fillna("").astype(str)
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    for col in ("value", "value_high"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Float64")
    out["row_id"] = [row_id(r) for r in out.to_dict("records")] if len(out) else pd.Series(dtype=str)
    return out


def _preferred(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per ``keys``: work report before plan report, the targets section first."""
    rows = rows.assign(
        _doc=rows["doc_type"].map(DOC_PRIORITY).fillna(len(DOC_PRIORITY)),
        _role=(rows["section_role"] != "targets").astype(int),
    )
    rows = rows.sort_values([*keys, "_doc", "_role", "doc_id", "start"], kind="mergesort")
    return rows.drop_duplicates(keys).drop(columns=["_doc", "_role"])


def headline_targets(ind: pd.DataFrame) -> pd.DataFrame:
    """Each district's stated target per (year, indicator, measure, unit), one row each.

    Only ``kind == "target"`` rows with a number; where two reports of a district state the
    same target (work report and plan report), the work report's row speaks for it.
    """
    ind = with_row_ids(ind)
    rows = ind[(ind["kind"] == "target") & ind["value"].notna() & ind["place"].notna()]
    rows = _preferred(rows, ["place", *GROUP_KEYS])
    return _sorted(rows.reset_index(drop=True))


def _sorted(df: pd.DataFrame, extra: list[str] | None = None) -> pd.DataFrame:
    order = district_order()
    df = df.assign(_d=df["place"].map(order).fillna(len(order)))
    keys = [k for k in ["year", "indicator", "measure", "unit", "_d", "place", *(extra or [])]
            if k in df]
    return df.sort_values(keys, kind="mergesort").drop(columns="_d").reset_index(drop=True)


def rank_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Rank districts within each (year, indicator, measure, unit) by their target's low end.

    Adds ``n_districts``, ``rank`` (1 = highest; equal values share the better rank),
    ``n_tied`` (districts with the same value, itself included), ``median`` (of the low ends)
    and ``vs_median`` (``above`` · ``below`` · ``equal``), plus ``peer_row_ids``: the rows
    compared, so a sentence about a rank can cite every district it was ranked against.
    """
    if targets.empty:
        return targets.assign(n_districts=pd.Series(dtype=int), rank=pd.Series(dtype=int),
                              n_tied=pd.Series(dtype=int), median=pd.Series(dtype=float),
                              vs_median=pd.Series(dtype=str), peer_row_ids=pd.Series(dtype=object))
    out = targets.copy()
    key = out["value"].astype(float)
    grouped = key.groupby([out[k] for k in GROUP_KEYS], dropna=False)
    out["n_districts"] = grouped.transform("size").astype(int)
    out["rank"] = grouped.rank(method="min", ascending=False).astype(int)
    out["n_tied"] = key.groupby([*(out[k] for k in GROUP_KEYS), key], dropna=False).transform("size")
    out["n_tied"] = out["n_tied"].astype(int)
    out["median"] = grouped.transform("median").astype(float)
    diff = key - out["median"]
    out["vs_median"] = ["equal" if abs(d) < 1e-9 else ("above" if d > 0 else "below") for d in diff]
    peers = out.groupby(GROUP_KEYS, dropna=False)["row_id"].agg(tuple)
    out["peer_row_ids"] = [peers.loc[tuple(r[k] for k in GROUP_KEYS)] for r in out.to_dict("records")]
    return out


def last_figures(ind: pd.DataFrame) -> pd.DataFrame:
    """Each district's completed (or else estimated) figure per (year, indicator, measure, unit).

    Figures over several years (累计下降15%, 年均增长8%: kind ``period_actual``) are left out: they
    are not one year's.
    """
    ind = with_row_ids(ind)
    rows = ind[ind["kind"].isin(ACTUAL_KINDS.keys()) & ind["value"].notna()]
    rows = rows.assign(_k=rows["kind"].map(ACTUAL_KINDS))
    rows = rows.sort_values(["place", *GROUP_KEYS, "_k"], kind="mergesort").drop(columns="_k")
    rows = _preferred(rows.drop_duplicates(["place", *GROUP_KEYS, "kind"]),
                      ["place", *GROUP_KEYS])
    return _sorted(rows.reset_index(drop=True))


def ambition(ind: pd.DataFrame, *, measures: tuple[str, ...] = ("growth",)) -> pd.DataFrame:
    """Targets for year Y against the same district's figure for Y-1: how far each reaches.

    ``uplift`` is the target's low end minus last year's figure (percentage points for growth).
    A district enters only when the corpus holds both numbers, in the same unit.
    """
    targets = headline_targets(ind)
    higher = [i for i in targets["indicator"].unique() if indicator_label(i).better == "higher"]
    targets = targets[targets["measure"].isin(measures) & targets["indicator"].isin(higher)]  # PM2.5 falls
    last = last_figures(ind)
    last = last.assign(year=last["year"] + 1)
    keep = ["place", *GROUP_KEYS]
    cols = ["value", "kind", "doc_id", "quote", "row_id"]
    merged = targets.merge(last[keep + cols].rename(columns={c: f"last_{c}" for c in cols}),
                           on=keep, how="inner")
    merged["uplift"] = (merged["value"].astype(float) - merged["last_value"].astype(float)).round(6)
    return _sorted(merged)


def rank_uplift(amb: pd.DataFrame) -> pd.DataFrame:
    """Rank districts by ``uplift`` within each (year, indicator, measure, unit); 1 = reaches furthest."""
    if amb.empty:
        return amb.assign(n_districts=pd.Series(dtype=int), uplift_rank=pd.Series(dtype=int))
    out = amb.copy()
    grouped = out["uplift"].groupby([out[k] for k in GROUP_KEYS], dropna=False)
    out["n_districts"] = grouped.transform("size").astype(int)
    out["uplift_rank"] = grouped.rank(method="min", ascending=False).astype(int)
    return out


def topic_emphasis(shares: pd.DataFrame, *, by: str = "place") -> pd.DataFrame:
    """Each group's topic shares against the mean over groups: ``mean_share``, ``diff``.

    ``shares`` is long: one row per (group, topic) with ``share`` (0-1) and optionally ``label``.
    A (group, topic) without a row has a share of 0, so the mean is over every group.
    """
    df = shares[[by, "topic", "share", *(["label"] if "label" in shares else [])]].copy()
    df["share"] = df["share"].astype(float)
    grid = pd.MultiIndex.from_product([sorted(df[by].unique()), sorted(df["topic"].unique())], names=[by, "topic"])
    full = df.set_index([by, "topic"])["share"].groupby(level=[0, 1]).sum().reindex(grid, fill_value=0.0)
    df = full.reset_index()
    if "label" in shares:
        df["label"] = df["topic"].map(shares.drop_duplicates("topic").set_index("topic")["label"])
    df["mean_share"] = df.groupby("topic")["share"].transform("mean")
    df["n_groups"] = df.groupby("topic")[by].transform("nunique").astype(int)
    df["diff"] = df["share"] - df["mean_share"]
    order = district_order()
    df = df.assign(_d=df[by].map(order).fillna(len(order)))
    df = df.sort_values(["_d", by, "diff", "topic"], ascending=[True, True, False, True], kind="mergesort")
    return df.drop(columns="_d").reset_index(drop=True)


def term_emphasis(keyness: pd.DataFrame, group: str, *, n: int = 8) -> pd.DataFrame:
    """The ``n`` terms ``group`` uses more than the rest of the corpus, strongest first.

    A district's own name (徐汇, 徐汇区) is left out: every report names its district.
    """
    rows = keyness[(keyness["group"] == group) & (keyness["log_ratio"] > 0)]
    d = district_by_name().get(group)
    if d is not None:
        rows = rows[~rows["term"].astype(str).str.contains(d.short, regex=False)]
    return rows.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort").head(n).reset_index(drop=True)


# Why a district has no target for an indicator others set: kept apart so no text confuses them.
NOT_STATED = "not_stated"          # its report for the year exists and no row of the indicator does
NO_TARGET = "figure_without_target"  # the report gives a figure of the indicator but no target
NO_DOCUMENT = "no_document"        # the corpus holds no report of the district for that year
MENTIONED = "mentioned_without_figure"  # no row with a number, but the report names the indicator
QUALITATIVE = "target_without_number"  # a target in words only: 完成市下达目标, 与经济增长同步


@cache
def indicator_aliases() -> dict[str, tuple[str, ...]]:
    """Indicator → the names reports give it (``indicators.csv`` of the extractor), longest first."""
    try:
        rows = read_rows("indicators.csv")
    except FileNotFoundError:
        return {}
    return {r["indicator"]: tuple(sorted((a for a in r.get("aliases", "").split("|") if a), key=len, reverse=True))
            for r in rows}


def mentioned_as(text: str, indicator: str) -> str:
    """The first name of ``indicator`` found in ``text`` ('' when none is).

    A name inside another indicator's longer name does not count: 一般公共预算收入 in
    区级一般公共预算收入 names district_budget_revenue, not general_budget_revenue.
    """
    others = [a for i, names in indicator_aliases().items() if i != indicator for a in names]
    for alias in indicator_aliases().get(indicator, ()):
        if alias not in text:
            continue
        masked = text
        for longer in sorted((o for o in others if alias in o and len(o) > len(alias)), key=len, reverse=True):
            masked = masked.replace(longer, "□")
        if alias in masked:
            return alias
    return ""


def missing_targets(ind: pd.DataFrame, documents: pd.DataFrame, district: str, year: int,
                    *, min_others: int = 2, texts: dict[str, str] | None = None,
                    targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Indicators at least ``min_others`` other districts set a target for in ``year`` but ``district`` does not.

    ``status`` says why, from the tables alone: ``not_stated`` (its report exists, no row of
    the indicator at all), ``target_without_number`` (a target in words only, e.g. 完成市下达目标),
    ``figure_without_target`` (figures, no target), ``mentioned_without_figure`` (rows without a
    number, or with ``texts`` a name of the indicator in the report's text: ``mentioned_as``), or
    ``no_document`` (no report of the district for ``year`` in the corpus).
    """
    targets = headline_targets(ind) if targets is None else targets  # precomputed: many calls, one table
    targets = targets[targets["year"] == year]
    # a concept, not a name: a report that sets its own level's revenue target (区级) has not left
    # out the budget revenue its peers state for the whole place (全口径)
    mine = {family_of(i) for i in targets.loc[targets["place"] == district, "indicator"]}
    others = targets[(targets["place"] != district) & ~targets["indicator"].map(family_of).isin(mine)]
    documents = with_place(documents)
    docs = documents[(documents["place"] == district) & (documents["year"] == year)
                     & (documents["doc_type"] != "other")]
    ind = with_row_ids(ind)
    own_rows = ind[(ind["place"] == district) & ind["doc_id"].isin(docs["doc_id"])]
    rows = []
    for indicator, grp in others.groupby("indicator", sort=True):
        peer = grp.drop_duplicates("place")
        if len(peer) < min_others:
            continue
        mention = ""
        rows_of = own_rows[own_rows["indicator"].map(family_of) == family_of(indicator)]
        if docs.empty:
            status = NO_DOCUMENT
        elif ((rows_of["kind"] == "target") & (rows_of["year"] == year)).any():
            status = QUALITATIVE
        elif rows_of["value"].notna().any():
            status = NO_TARGET
        elif not rows_of.empty:  # rows without a number: the report names it, gives no figure
            status = MENTIONED
        else:
            mention = next((m for d in sorted(docs["doc_id"]) if (m := mentioned_as((texts or {}).get(d, ""),
                                                                                     indicator))), "")
            status = MENTIONED if mention else NOT_STATED
        own_ids = tuple(rows_of.sort_values("start")["row_id"]) if status in (QUALITATIVE, MENTIONED) else ()
        rows.append({"place": district, "year": year, "indicator": indicator, "status": status,
                     "mentioned_as": mention, "own_row_ids": own_ids,
                     "doc_ids": tuple(sorted(docs["doc_id"])),
                     "peer_districts": tuple(sort_districts(peer["place"])),
                     "peer_row_ids": tuple(peer["row_id"])})
    cols = ["place", "year", "indicator", "status", "mentioned_as", "own_row_ids", "doc_ids",
            "peer_districts", "peer_row_ids"]
    return pd.DataFrame(rows, columns=cols)


@dataclass
class StudyTables:
    """The tables narratives and figures are made from; only ``documents`` is required.

    ``indicators`` (spec), ``panel`` (``panel.targets_vs_actuals``; computed when missing),
    ``keyness`` (``keyness.keyness``), ``topic_shares`` (long: by, group, topic, share[, label];
    places where ``by == "place"``),
    ``topics`` (``TopicModel.topics_``), ``coherence`` (``topics.search_k``'s table), ``best_k``,
    and ``texts`` (doc_id → cleaned text, for example sentences of key terms).
    """

    documents: pd.DataFrame
    indicators: pd.DataFrame | None = None
    panel: pd.DataFrame | None = None
    keyness: pd.DataFrame | None = None
    topic_shares: pd.DataFrame | None = None
    topics: pd.DataFrame | None = None
    coherence: pd.DataFrame | None = None
    best_k: int | None = None
    texts: dict[str, str] | None = None
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Every table is keyed on ``place`` (the spec's unit at any level, with ``place_level``).

        ``district`` names county-level places only and is never a key here; tables of an older
        run without ``place`` take it from ``district``, and keyness / topic shares grouped by
        ``district`` alone count as the grouping by place.
        """
        for name in ("documents", "indicators", "panel"):
            df = getattr(self, name)
            if df is not None:
                setattr(self, name, with_place(df))
        for name in ("keyness", "topic_shares"):
            df = getattr(self, name)
            if df is not None and "by" in df and (df["by"] == "district").any() and not (df["by"] == "place").any():
                setattr(self, name, df.assign(by=df["by"].replace({"district": "place"})))

    def memo(self, key: str, compute):
        """``compute()`` once per tables object: profiles of every district share the rankings."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @classmethod
    def from_corpus(cls, corpus, **tables) -> StudyTables:
        """Tables of ``corpus`` (documents, texts) plus the other stages' tables by keyword."""
        texts = {d.doc_id: d.text for d in corpus.docs}
        return cls(documents=corpus.documents, texts=texts, **tables)

    @property
    def study_documents(self) -> pd.DataFrame:
        """Documents that enter the study (a report, of a known place), year as Int64."""
        keep = self.documents["doc_type"] != "other"
        if "place" in self.documents:  # a report whose place could not be told is listed, not studied
            keep &= self.documents["place"].fillna("").astype(str) != ""
        docs = self.documents[keep].copy()
        docs["year"] = pd.to_numeric(docs["year"], errors="coerce").astype("Int64")
        return docs.reset_index(drop=True)

    def levels(self) -> pd.Series:
        """Number of places of each level in the study, most first (ties: county, prefecture, province)."""
        docs = self.study_documents
        if "place_level" not in docs:
            return pd.Series({"county": docs["place"].nunique()}) if len(docs) else pd.Series(dtype=int)
        counts = docs.assign(place_level=docs["place_level"].fillna("")).groupby("place_level")["place"].nunique()
        rank = {"county": 0, "prefecture": 1, "province": 2}
        return counts.loc[sorted(counts.index, key=lambda lv: (-counts[lv], rank.get(lv, 3), lv))]

    def of_level(self, level: str) -> StudyTables:
        """The same tables restricted to places of one level: districts are compared with districts."""
        docs = self.documents
        if "place_level" not in docs:
            return self
        study = docs["doc_type"] != "other"
        keep = set(docs.loc[study & (docs["place_level"].fillna("") == level), "place"].dropna())

        def only(df: pd.DataFrame | None, column: str, by: str | None = None) -> pd.DataFrame | None:
            if df is None or column not in df:
                return df
            mask = df[column].isin(keep)
            if by is not None and by in df:  # long tables of several groupings: filter the place rows only
                mask |= df[by] != "place"
            return df[mask].reset_index(drop=True)

        return StudyTables(
            documents=docs[docs["place"].isin(keep) | ~study].reset_index(drop=True),
            indicators=only(self.indicators, "place"), panel=only(self.panel, "place"),
            keyness=only(self.keyness, "group", "by"), topic_shares=only(self.topic_shares, "group", "by"),
            topics=self.topics, coherence=self.coherence, best_k=self.best_k, texts=self.texts)

    def left_out_places(self, level: str) -> pd.DataFrame:
        """Places of the study not of ``level`` (left out of its comparison): place, place_level, n_reports."""
        docs = self.study_documents
        if "place_level" not in docs:
            return pd.DataFrame(columns=["place", "place_level", "n_reports"])
        other = docs[docs["place_level"].fillna("") != level]
        out = other.groupby(["place_level", "place"], sort=True).size().reset_index(name="n_reports")
        return out[["place", "place_level", "n_reports"]]

    def indicator_rows(self) -> pd.DataFrame:
        """The indicators table with row ids (empty with the spec's columns when absent)."""
        from reportlib.records import INDICATOR_COLUMNS

        ind = self.indicators if self.indicators is not None else pd.DataFrame(columns=INDICATOR_COLUMNS)
        return self.memo("indicator_rows", lambda: with_row_ids(ind))


def year_by_year(ind: pd.DataFrame, district: str) -> pd.DataFrame:
    """A place's targets and reported figures per (indicator, year), side by side, for its series.

    Outer join: a year with a target and no figure (or the reverse) keeps its row with the other
    side empty; a year the corpus does not hold has no row (nothing is bridged).
    """
    keys = ["indicator", "measure", "unit", "year"]
    t = headline_targets(ind)
    t = t[t["place"] == district][[*keys, "value", "value_high", "qualifier", "doc_id"]]
    a = last_figures(ind)
    a = a[a["place"] == district][[*keys, "value", "kind", "doc_id"]]
    out = t.rename(columns={"value": "target_value", "value_high": "target_value_high",
                            "qualifier": "target_qualifier", "doc_id": "target_doc_id"}).merge(
        a.rename(columns={"value": "actual_value", "kind": "actual_kind", "doc_id": "actual_doc_id"}),
        on=keys, how="outer")
    out = out.assign(_i=out["indicator"].map(lambda i: indicator_rank(i)[0]))
    return out.sort_values(["_i", "indicator", "measure", "unit", "year"], kind="mergesort").drop(
        columns="_i").reset_index(drop=True)
