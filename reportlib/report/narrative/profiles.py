"""One place's profile: its targets among the others', last year's results, its emphasis, what it omits."""

from __future__ import annotations

import logging
import re

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, sort_districts
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    Source,
    doc_src,
    format_number,
    headline,
    off_year,
    opening,
    ranked,
    rows_by_id,
    share_claims,
    sort_targets,
    src,
    subject,
    topic_shares,
    value_claim,
    year_caveat,
    year_claim,
)
from reportlib.report.narrative.results import low_base, other_statement, result_sentence, target_results
from reportlib.report.narrative.wording import Indicator, Ordinal, Phrase, Place, Unit, listing, places

log = logging.getLogger(__name__)


def _target_sentence(row: dict, ranked: pd.DataFrame) -> Sentence:
    """One headline target and, when others set one too, where it stands among them."""
    own, value = value_claim(row, "target")
    year, district = int(row["year"]), row["place"]
    peers = ranked[(ranked["year"] == year) & (ranked["indicator"] == row["indicator"])
                   & (ranked["measure"] == row["measure"]) & (ranked["unit"] == row["unit"])]
    peer_rows = peers.to_dict("records")
    others = [p for p in peer_rows if p["place"] != district]
    y = year_claim(year, [src(row)])
    claims = [own, y]
    said = Phrase.of("target.own", place=Place(district), year=y.text, subject=subject(row), value=value)
    if row["measure"] not in RANKED_MEASURES:
        return Sentence(Phrase.of("target.unranked", year=y.text, own=said), claims)
    if not others:
        return Sentence(Phrase.of("target.alone", year=y.text, own=said, place=Place(district)), claims)
    note = Phrase.of("ranges_note") if any(pd.notna(p["value_high"]) for p in peer_rows) else ""
    mine = float(row["value"])
    if len(others) == 1:
        o = others[0]
        oc, other_value = value_claim(o, "target")
        claims.append(oc)
        if abs(float(o["value"]) - mine) < 1e-9:
            comparison = Phrase.of("pair.same")
        else:
            comparison = Phrase.of("pair.higher" if mine > float(o["value"]) else "pair.lower", place=Place(district))
        return Sentence(Phrase.of("target.pair", year=y.text, own=said, other=Place(o["place"]),
                                  other_value=other_value, comparison=comparison, note=note), claims)
    n = len(peer_rows)
    sources = tuple(src(p) for p in sorted(peer_rows, key=lambda p: p["place"] != district))
    nc = Claim(str(n), "n_districts", (float(n),), sources)
    claims.append(nc)
    where = Phrase.of("where.all_same") if int(row["n_tied"]) == n else _where(row, others, sources, claims)
    return Sentence(Phrase.of("target.among", year=y.text, own=said, n=nc.text, where=where, note=note), claims)


def _where(row: dict, others: list[dict], sources: tuple[Source, ...], claims: list[Claim]) -> Phrase:
    """Where a target stands among the others' (highest, lowest, 3rd; tied with whom) and the median."""
    mine, rank = float(row["value"]), int(row["rank"])
    tied = sort_districts(p["place"] for p in others if abs(float(p["value"]) - mine) < 1e-9)
    if rank == 1:
        position = Phrase.of("position.highest")
    elif all(float(p["value"]) >= mine - 1e-9 for p in others):
        position = Phrase.of("position.lowest")
    else:
        rc = Claim(str(rank), "rank", (float(rank),), sources)
        claims.append(rc)
        position = Phrase.of("position.rank", rank=rc.text, ordinal=Ordinal(rank))
    if tied:
        stands = Phrase.of("where.tied", tied=places(tied), position=position)
    else:
        stands = Phrase.of("where.rank" if position.key == "position.rank" else "where.extreme", position=position)
    mc = Claim(format_number(row["median"]), "median", (float(row["median"]),), sources)
    claims.append(mc)
    median = Phrase.of(f"median.{row['vs_median']}", median=mc.text, unit=Unit(row["unit"]))
    return Phrase.of("where", position=stands, median=median)


def _alone_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets no other district set that year: stated together, never ranked."""
    y = year_claim(rows[0]["year"], [src(r) for r in rows])
    claims, items = [y], []
    for r in rows:
        c, value = value_claim(r, "target")
        claims.append(c)
        items.append(Phrase.of("alone.item", subject=subject(r), value=value))
    these = Phrase.of("these.many" if len(rows) > 1 else "these.one")
    return Sentence(Phrase.of("alone", place=Place(district), year=y.text, items=listing(items, "clauses"),
                              these=these), claims)


def _levels_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets stated as amounts (亿元, 人, 户): sizes differ by district, so they are listed, not ranked."""
    y = year_claim(rows[0]["year"], [src(r) for r in rows])
    claims, items = [y], []
    for r in rows:
        c, value = value_claim(r, "target")
        claims.append(c)
        items.append(Phrase.of("levels.item", indicator=Indicator(r["indicator"]), value=value))
    return Sentence(Phrase.of("levels", place=Place(district), year=y.text, items=listing(items, "items")), claims)


def _topic_sentence(district: str, rows: list[dict]) -> Sentence:
    claims, items = [], []
    for r in rows:
        own, mean = share_claims(r)
        claims += [own, mean]
        items.append(Phrase.of("topics.item", label=str(r["label"]), share=own.text, mean=mean.text))
    return Sentence(Phrase.of("topics.more", place=Place(district), items=listing(items)), claims,
                    names=[str(r["label"]) for r in rows])


# One clause: the text between two marks of punctuation (the example a key term is quoted in).
_CLAUSE = re.compile(r"[^。；！？\n]*")


def _example(texts: dict[str, str] | None, doc_ids: list[str], term: str) -> Source | None:
    """The first clause of the district's reports that contains ``term``, verbatim."""
    for doc_id in doc_ids:
        text = (texts or {}).get(doc_id, "")
        at = text.find(term)
        if at < 0:
            continue
        start = max(text.rfind(p, 0, at) for p in "。；！？\n") + 1
        while text[start].isspace():
            start += 1
        m = _CLAUSE.match(text, start)
        quote = m.group(0)[:120] if m else term
        return Source("documents", f"{doc_id}@{start}", doc_id, quote)
    return None


def _term_sentence(district: str, rows: list[dict], tables: StudyTables) -> Sentence:
    doc_ids = sorted(tables.study_documents.loc[lambda d: d["place"] == district, "doc_id"])
    claims, items, extra = [], [], []
    for r in rows:
        c = Claim(str(int(r["count"])), "count", (float(r["count"]),),
                  (Source("keyness", f"{r['group']}/{r['term']}"),))
        claims.append(c)
        ex = _example(tables.texts, doc_ids, r["term"])
        if ex:
            extra.append(ex)
        items.append(Phrase.of("terms.item", term=str(r["term"]), count=c.text))
    return Sentence(Phrase.of("terms", items=listing(items, "enum")), claims, extra,
                    names=[str(r["term"]) for r in rows])


# ---------------------------------------------------------------- what is not reported

MISSING_KEYS = {compare.NOT_STATED: "missing.not_stated", compare.QUALITATIVE: "missing.qualitative",
                compare.NO_TARGET: "missing.no_target", compare.MENTIONED: "missing.mentioned"}


def _missing_sentences(tables: StudyTables, district: str, year: int, doc: dict, min_others: int) -> list[Sentence]:
    missing = compare.missing_targets(tables.indicator_rows(), tables.study_documents, district, year,
                                      min_others=min_others, texts=tables.texts, targets=headline(tables))
    out = []
    by_id = rows_by_id(tables)
    doc_ids = sorted(tables.study_documents.loc[lambda d: (d["place"] == district) & (d["year"] == year),
                                                "doc_id"])
    for status, grp in missing.groupby("status", sort=True):
        if status == compare.NO_DOCUMENT:
            continue  # nothing can be said about what a missing report states
        y = year_claim(year, [doc_src(doc)])
        extra, items = [], []
        for r in grp.to_dict("records"):
            extra += [src(by_id[rid]) for rid in r["peer_row_ids"]]
            peers = places(r["peer_districts"])
            if r["mentioned_as"]:
                items.append(Phrase.of("missing.item.named", named=r["mentioned_as"],
                                       indicator=Indicator(r["indicator"]), peers=peers))
            else:
                items.append(Phrase.of("missing.item", indicator=Indicator(r["indicator"]), peers=peers))
            extra += [src(by_id[rid]) for rid in r["own_row_ids"]]
            if r["mentioned_as"] and (ex := _example(tables.texts, doc_ids, r["mentioned_as"])):
                extra.append(ex)
        key = MISSING_KEYS.get(status, "missing.mentioned")
        them = Phrase.of("them.many" if len(grp) > 1 else "them.one")
        out.append(Sentence(Phrase.of(key, place=Place(district), year=y.text, items=listing(items, "items"),
                                      them=them), [y], extra))
    return out


# ---------------------------------------------------------------- the profile

def _years_of(tables: StudyTables, district: str) -> list[dict]:
    """The district's study documents, one per year (work report first), latest year first."""
    docs = tables.study_documents
    docs = docs[docs["place"] == district].assign(
        _p=lambda d: d["doc_type"].map(compare.DOC_PRIORITY).fillna(9))
    docs = docs.sort_values(["year", "_p", "doc_id"], ascending=[False, True, True])
    rows = docs.drop_duplicates("year").drop(columns="_p").to_dict("records")
    for row in rows:
        row["opening"] = opening((tables.texts or {}).get(row["doc_id"], ""))
    return rows


def district_profile(district: str, tables: StudyTables, *, n_terms: int = 6, n_topics: int = 3,
                     min_others: int = 2) -> Narrative:
    """The profile of one district: targets and ranks, last year's results, emphasis, omissions.

    ``district`` is the full name (``青浦区``) or the slug (``qingpu``).
    """
    district = district_name(district, tables.documents)
    place = Place(district)
    narrative = Narrative(Phrase.of("profile.title", place=place), district)
    years = _years_of(tables, district)
    if not years:
        narrative.sections.append(Section(Phrase.of("heading.reports"), [
            Sentence(Phrase.of("profile.no_reports", place=place))]))
        return narrative
    narrative.sections.append(_targets_section(tables, district, years))
    narrative.sections.append(_results_section(tables, district, years))
    emphasis = _emphasis_section(tables, district, n_terms=n_terms, n_topics=n_topics)
    if emphasis.sentences:
        narrative.sections.append(emphasis)
    missing = Section(Phrase.of("heading.missing"))
    for doc in years:
        missing.sentences += _missing_sentences(tables, district, int(doc["year"]), doc, min_others)
    if missing.sentences:
        narrative.sections.append(missing)
    log.info("%s: %d sentences, %d claims", district, len(narrative.sentences), len(narrative.claims))
    return narrative


def _targets_section(tables: StudyTables, district: str, years: list[dict]) -> Section:
    """Each year's headline targets: ranked among the others', alone in their year, or amounts."""
    all_ranked = ranked(tables)
    targets = Section(Phrase.of("heading.targets"))
    for doc in years:
        rows = all_ranked[(all_ranked["place"] == district) & (all_ranked["year"] == doc["year"])]
        compared, alone, levels = [], [], []
        for row in sort_targets(rows.to_dict("records")):
            if row["measure"] not in RANKED_MEASURES:
                levels.append(row)
            elif int(row["n_districts"]) > 1:
                compared.append(row)
            else:
                alone.append(row)
        targets.sentences += [_target_sentence(row, all_ranked) for row in compared]
        if alone:
            targets.sentences.append(_alone_sentence(district, alone))
        if levels:
            targets.sentences.append(_levels_sentence(district, levels))
        if rows.empty:
            y = year_claim(doc["year"], [doc_src(doc)])
            targets.sentences.append(Sentence(Phrase.of("targets.none", place=Place(district), year=y.text), [y]))
    return targets


def district_name(district: str, documents: pd.DataFrame | None = None) -> str:
    """The full name of a place given by its full name or slug (the corpus's ``district_slug``
    first, then ``districts.csv``'s names, short names and slugs), whatever its level."""
    return compare.place_name(district, documents)


def _results_section(tables: StudyTables, district: str, years: list[dict]) -> Section:
    section = Section(Phrase.of("heading.results"))
    res = target_results(tables)
    rows = res[res["place"] == district]
    for r in sort_targets(rows.to_dict("records"), unit="target_unit"):
        section.sentences.append(result_sentence(r, other_statement(tables, r), low_base(tables, r)))
    if section.sentences:
        return section
    have = sorted(int(d["year"]) for d in years)
    latest = years[0]
    if int(latest["year"]) - 1 in have:
        prev = next(d for d in years if int(d["year"]) == int(latest["year"]) - 1)
        y0, y1 = year_claim(prev["year"], [doc_src(prev)]), year_claim(latest["year"], [doc_src(latest)])
        section.sentences.append(Sentence(Phrase.of("results.no_pair", place=Place(district), year0=y0.text,
                                                    year1=y1.text), [y0, y1]))
    else:
        y = year_claim(latest["year"] - 1, [doc_src(latest)])
        section.sentences.append(Sentence(Phrase.of("results.no_last", place=Place(district), year=y.text), [y]))
    return section


def _emphasis_section(tables: StudyTables, district: str, *, n_terms: int, n_topics: int) -> Section:
    section = Section(Phrase.of("heading.emphasis"))
    shares = topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        rows = emph[(emph["place"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
        # a share shown as the same rounded number as the mean would read as "more" of equals
        rows = [r for r in rows.to_dict("records")
                if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
        if rows:
            section.sentences.append(_topic_sentence(district, rows[:n_topics]))
    keyness = tables.keyness
    if keyness is not None and "by" in keyness:  # stacked by district, doc_type, year
        keyness = keyness[keyness["by"] == "place"]
    if keyness is not None and not keyness.empty:
        terms = compare.term_emphasis(keyness, district, n=n_terms)
        if not terms.empty:
            section.sentences.append(_term_sentence(district, terms.to_dict("records"), tables))
    off = off_year(tables)
    section.sentences = [year_caveat(s, [district], off) for s in section.sentences]
    return section
