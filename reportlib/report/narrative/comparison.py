"""All places side by side: highest and lowest targets, ambition against last year, themes."""

from __future__ import annotations

import logging

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, sort_districts
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    format_number,
    group_order,
    last_figure,
    off_year,
    ranked,
    share_claims,
    src,
    subject,
    topic_shares,
    value_claim,
    year_caveat,
    year_claim,
)
from reportlib.report.narrative.wording import Indicator, Label, Phrase, Place, Points, Unit, listing, places

log = logging.getLogger(__name__)


def corpus_comparison(tables: StudyTables, *, n_topics: int = 1) -> Narrative:
    """All districts side by side: highest and lowest targets, ambition against last year, themes."""
    narrative = Narrative(Phrase.of("comparison.title"), None)
    narrative.sections.append(_extremes_section(tables))
    amb = compare.rank_uplift(compare.ambition(tables.indicator_rows()))
    amb_section = Section(Phrase.of("heading.ambition"))
    for _, grp in sorted(amb.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: group_order(kv[0])):
        amb_section.sentences.append(_ambition_sentence(grp.to_dict("records")))
    if amb_section.sentences:
        narrative.sections.append(amb_section)
    shares = topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        theme = Section(Phrase.of("heading.themes"))
        leading: dict = {}  # topic → the districts for which it is the theme furthest above the mean
        for district in sort_districts(emph["place"]):
            rows = emph[(emph["place"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
            rows = [r for r in rows.to_dict("records")
                    if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
            if rows:
                leading.setdefault(rows[0]["topic"], []).append(rows[0])
        off = off_year(tables)
        for rows in leading.values():
            theme.sentences.append(year_caveat(_theme_sentence(rows), [r["place"] for r in rows], off))
        if theme.sentences:
            narrative.sections.append(theme)
    return narrative


def _extremes_section(tables: StudyTables) -> Section:
    """Who set the highest and lowest targets of each year, then the targets no one else set."""
    section = Section(Phrase.of("heading.extremes"))
    all_ranked = ranked(tables)
    ranked_growth = all_ranked[all_ranked["measure"].isin(RANKED_MEASURES)]
    singles = []
    for _, grp in sorted(ranked_growth.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: group_order(kv[0])):
        rows = grp.to_dict("records")
        if len(rows) < 2:
            singles.append(rows[0])
            continue
        section.sentences.append(_extremes_sentence(rows))
    by_year: dict[int, list[dict]] = {}
    for r in singles:
        by_year.setdefault(int(r["year"]), []).append(r)
    for year, rows in by_year.items():
        y = year_claim(year, [src(r) for r in rows])
        items = [Phrase.of("singles.item", place=Place(r["place"]), subject=subject(r)) for r in rows]
        section.sentences.append(Sentence(Phrase.of("singles", year=y.text, items=listing(items, "semi")), [y]))
    if not section.sentences:
        section.sentences.append(Sentence(Phrase.of("extremes.none")))
    return section


def _theme_sentence(rows: list[dict]) -> Sentence:
    """'松江区（11.6%）和青浦区（13.1%）最突出的主题都是「农村·农业·乡村振兴」，各区平均为5.8%。'"""
    claims, items = [], []
    for r in rows:
        own, mean = share_claims(r)
        claims.append(own)
        items.append(Phrase.of("theme.item", place=Place(r["place"]), share=own.text))
    claims.append(mean)
    label = str(rows[0]["label"])
    if len(rows) == 1:
        body = Phrase.of("theme.one", place=Place(rows[0]["place"]), label=label, share=claims[0].text,
                         mean=mean.text)
    else:
        body = Phrase.of("theme.many", places=listing(items), label=label, mean=mean.text)
    return Sentence(body, claims, names=[label])


def _extremes_sentence(rows: list[dict]) -> Sentence:
    """'2021年，松江区的地区生产总值增长目标最高（7%），嘉定区最低（6%以上）；5个区的中位数为6.5%。'"""
    rows = sorted(rows, key=lambda r: (compare.district_order().get(r["place"], 99), r["place"]))
    hi, lo = max(float(r["value"]) for r in rows), min(float(r["value"]) for r in rows)
    y = year_claim(rows[0]["year"], [src(r) for r in rows])
    claims = [y]

    def listed(group: list[dict]):
        items = []
        for r in group:
            c, value = value_claim(r, "target")
            claims.append(c)
            items.append(Phrase.of("extremes.item", place=Place(r["place"]), value=value))
        return listing(items)

    note = Phrase.of("ranges_note") if any(pd.notna(r["value_high"]) for r in rows) else ""
    if abs(hi - lo) < 1e-9:
        return Sentence(Phrase.of("extremes.same", year=y.text, places=listed(rows), subject=subject(rows[0])), claims)
    top = [r for r in rows if abs(float(r["value"]) - hi) < 1e-9]
    bottom = [r for r in rows if abs(float(r["value"]) - lo) < 1e-9]
    top_listed, bottom_listed = listed(top), listed(bottom)
    median: Phrase | str = ""
    if len(rows) >= 3:
        n = Claim(str(len(rows)), "n_districts", (float(len(rows)),), tuple(src(r) for r in rows))
        med = float(pd.Series([float(r["value"]) for r in rows]).median())
        m = Claim(format_number(med), "median", (med,), tuple(src(r) for r in rows))
        claims += [n, m]
        median = Phrase.of("extremes.median", n=n.text, median=m.text, unit=Unit(rows[0]["unit"]))
    return Sentence(Phrase.of(
        "extremes", year=y.text, top=top_listed, subject=subject(rows[0]), bottom=bottom_listed,
        top_word=Phrase.of("extremes.top.tied" if len(top) > 1 else "extremes.top"),
        bottom_word=Phrase.of("extremes.bottom.tied" if len(bottom) > 1 else "extremes.bottom"),
        median=median, note=note), claims)


def _ambition_part(r: dict) -> tuple[list[Claim], Phrase]:
    """'青浦区（上年2%，目标6.5%，高出4.5个百分点）': last year's figure, the target, the uplift."""
    lc, last = value_claim(last_figure(r), "actual")
    tc, target = value_claim(r, "target")
    up = float(r["uplift"])
    if abs(up) < 1e-9:
        return [lc, tc], Phrase.of("ambition.item.same", place=Place(r["place"]), last=last, target=target)
    uc = Claim(format_number(abs(up)), "uplift", (abs(up),), (tc.sources[0], lc.sources[0]))
    return [lc, tc, uc], Phrase.of("ambition.item.above" if up > 0 else "ambition.item.below",
                                   place=Place(r["place"]), last=last, target=target, uplift=Points(uc.text))


def _ambition_sentence(rows: list[dict]) -> Sentence:
    """Who reaches furthest beyond last year's figure (never 'furthest' of a single district)."""
    rows = sorted(rows, key=lambda r: (int(r["uplift_rank"]), compare.district_order().get(r["place"], 99)))
    first = rows[0]
    y = year_claim(first["year"], [src(r) for r in rows])
    indicator = Indicator(first["indicator"])
    claims: list[Claim] = [y]
    if len(rows) == 1:
        cs, item = _ambition_part(first)
        claims += cs
        return Sentence(Phrase.of("ambition.one", year=y.text, item=item, indicator=indicator), claims)
    ups = [float(r["uplift"]) for r in rows]
    if max(ups) - min(ups) < 1e-9:
        parts = [_ambition_part(r) for r in rows]
        for cs, _ in parts:
            claims += cs
        return Sentence(Phrase.of("ambition.same", year=y.text, items=listing((p for _, p in parts), "items"),
                                  indicator=indicator), claims)
    top = [r for r in rows if abs(float(r["uplift"]) - max(ups)) < 1e-9]
    bottom = [r for r in rows if abs(float(r["uplift"]) - min(ups)) < 1e-9]
    tparts, bparts = [_ambition_part(r) for r in top], [_ambition_part(r) for r in bottom]
    for cs, _ in tparts + bparts:
        claims += cs
    # the furthest reach is a rise only when it is above last year's figure; else the smallest fall
    tied_top = Phrase.of("tied") if len(top) > 1 else ""
    tied_bottom = Phrase.of("tied") if len(bottom) > 1 else ""
    top_word = Phrase.of("ambition.top.rise" if max(ups) > 0 else "ambition.top.fall", tied=tied_top)
    bottom_word = Phrase.of("ambition.bottom.fall" if min(ups) < 0 else "ambition.bottom.rise", tied=tied_bottom)
    return Sentence(Phrase.of("ambition", year=y.text, top=listing((p for _, p in tparts), "items"),
                              bottom=listing((p for _, p in bparts), "items"), indicator=indicator,
                              top_word=top_word, bottom_word=bottom_word), claims)


def scope_section(tables: StudyTables, level: str) -> Section:
    """What a comparison of one level compares, and which places and documents it leaves out, why.

    ``tables`` are the whole study's (before :meth:`StudyTables.of_level`): places of another
    level are named, as are the documents whose place or type kept them out of the study.
    """
    docs = tables.study_documents
    at_level = docs["place_level"].fillna("") == level if "place_level" in docs else docs["doc_type"] != ""
    compared = sort_districts(docs.loc[at_level, "place"].dropna())
    section = Section(Phrase.of("heading.scope"))
    section.sentences.append(Sentence(Phrase.of(
        "scope.compared", n=len(compared), level=Label("place_level", level), places=places(compared))))
    left = tables.left_out_places(level)
    for other, grp in left.groupby("place_level", sort=True):
        names = sort_districts(grp["place"])
        section.sentences.append(Sentence(Phrase.of(
            "scope.other_level", n=len(names), level=Label("place_level", other), places=places(names))))
    outside = tables.documents["doc_type"] == "other"
    if "place" in tables.documents:
        outside |= tables.documents["place"].fillna("").astype(str) == ""
    if outside.any():
        section.sentences.append(Sentence(Phrase.of("scope.outside", n=int(outside.sum()))))
    return section
