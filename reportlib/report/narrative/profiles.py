"""One place's profile: its targets among the others', last year's results, its emphasis, what it omits."""

from __future__ import annotations

import logging
import re

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label, sort_districts
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    Source,
    _doc_src,
    _headline,
    _join_en,
    _join_zh,
    _opening,
    _ordinal,
    _ranked,
    _rows_by_id,
    _share_claims,
    _sort_targets,
    _src,
    _subject,
    _topic_shares,
    _unit_en,
    _year_caveat,
    en_name,
    format_number,
    off_year,
    value_claim,
    year_claim,
)
from reportlib.report.narrative.results import _other_statement, result_sentence, target_results

log = logging.getLogger(__name__)


def _target_sentence(row: dict, ranked: pd.DataFrame) -> Sentence:
    """One headline target and, when others set one too, where it stands among them."""
    own, zh_v, en_v = value_claim(row, "target")
    subj_zh, subj_en = _subject(row)
    year, district = int(row["year"]), row["district"]
    name_en = en_name(district)
    claims = [own]
    zh = f"{subj_zh}为{zh_v}"
    en = f"{name_en}'s {year} {subj_en} is {en_v}"
    peers = ranked[(ranked["year"] == year) & (ranked["indicator"] == row["indicator"])
                   & (ranked["measure"] == row["measure"]) & (ranked["unit"] == row["unit"])]
    peer_rows = peers.to_dict("records")
    others = [p for p in peer_rows if p["district"] != district]
    y = year_claim(year, [_src(row)])
    claims.append(y)
    if row["measure"] not in RANKED_MEASURES:
        return Sentence(f"{y.text}年{zh}。", f"{en}.", claims)
    if not others:
        return Sentence(f"{y.text}年{zh}；语料中当年只有{district}提出这项目标，无从比较。",
                        f"{en}; no other district in the corpus set this target for {y.text}, so there is "
                        "nothing to compare it with.", claims)
    ranged = any(pd.notna(p["value_high"]) for p in peer_rows)
    note_zh = "（区间目标按下限比较）" if ranged else ""
    note_en = " (ranges compared by their low end)" if ranged else ""
    mine = float(row["value"])
    if len(others) == 1:
        o = others[0]
        oc, ozh, oen = value_claim(o, "target")
        claims.append(oc)
        if abs(float(o["value"]) - mine) < 1e-9:
            cmp_zh, cmp_en = "两者数值相同", "the same figure"
        elif mine > float(o["value"]):
            cmp_zh, cmp_en = f"{district}的目标更高", f"{name_en}'s is higher"
        else:
            cmp_zh, cmp_en = f"{district}的目标更低", f"{name_en}'s is lower"
        return Sentence(f"{y.text}年{zh}；当年另有{o['district']}提出该目标（{ozh}），{cmp_zh}{note_zh}。",
                        f"{en}; the only other district with this target, {en_name(o['district'])}, set "
                        f"{oen}: {cmp_en}{note_en}.", claims)
    n = len(peer_rows)
    sources = tuple(_src(p) for p in sorted(peer_rows, key=lambda p: p["district"] != district))
    nc = Claim(str(n), "n_districts", (float(n),), sources)
    claims.append(nc)
    rank, n_tied = int(row["rank"]), int(row["n_tied"])
    tied = sort_districts(p["district"] for p in others if abs(float(p["value"]) - mine) < 1e-9)
    lowest = all(float(p["value"]) >= mine - 1e-9 for p in others)
    if n_tied == n:
        where_zh, where_en = "，各区目标数值相同", ": all set the same figure"
    else:
        if rank == 1:
            pos_zh, pos_en = "最高", "the highest"
        elif lowest:
            pos_zh, pos_en = "最低", "the lowest"
        else:
            rc = Claim(str(rank), "rank", (float(rank),), sources)
            claims.append(rc)
            pos_zh, pos_en = f"第{rc.text}位", f"{_ordinal(rank)} highest"
        if tied:
            where_zh = f"中与{_join_zh(tied)}并列{pos_zh}"
            where_en = f", tied with {_join_en([en_name(t) for t in tied])} as {pos_en}"
        else:
            where_zh = f"中{'居' if pos_zh.startswith('第') else ''}{pos_zh}"
            where_en = f", {pos_en}"
        mc = Claim(format_number(row["median"]), "median", (float(row["median"]),), sources)
        claims.append(mc)
        side = row["vs_median"]
        unit = row["unit"]
        if side == "equal":
            where_zh += f"，与中位数{mc.text}{unit}持平"
            where_en += f", level with the median of {mc.text}{_unit_en(unit)}"
        else:
            where_zh += f"，{'高' if side == 'above' else '低'}于中位数{mc.text}{unit}"
            where_en += f", {side} the median of {mc.text}{_unit_en(unit)}"
    return Sentence(f"{y.text}年{zh}，在当年提出该目标的{nc.text}个区{where_zh}{note_zh}。",
                    f"{en}; among the {nc.text} districts that set one for {y.text}{where_en}{note_en}.",
                    claims)



def _alone_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets no other district set that year: stated together, never ranked."""
    y = year_claim(rows[0]["year"], [_src(r) for r in rows])
    claims, zh, en = [y], [], []
    for r in rows:
        c, vz, ve = value_claim(r, "target")
        claims.append(c)
        subj_zh, subj_en = _subject(r)
        zh.append(f"{subj_zh}为{vz}")
        en.append(f"{subj_en} {ve}")
    these_zh, these_en = ("这些", "these") if len(rows) > 1 else ("这项", "this")
    return Sentence(f"{y.text}年{'，'.join(zh)}；语料中当年没有其他区提出{these_zh}目标，无从比较。",
                    f"{en_name(district)}'s {y.text} {'; '.join(en)}: no other district in the corpus set "
                    f"{these_en} for {y.text}, so there is nothing to compare.", claims)


def _levels_sentence(district: str, rows: list[dict]) -> Sentence:
    """Targets stated as amounts (亿元, 人, 户): sizes differ by district, so they are listed, not ranked."""
    y = year_claim(rows[0]["year"], [_src(r) for r in rows])
    claims, zh, en = [y], [], []
    for r in rows:
        c, vz, ve = value_claim(r, "target")
        claims.append(c)
        label = indicator_label(r["indicator"])
        zh.append(f"{label.label_zh}{vz}")
        en.append(f"{label.label_en} {ve}")
    return Sentence(f"{y.text}年的数量目标有：{'、'.join(zh)}（规模随区而异，不作排名）。",
                    f"{en_name(district)}'s {y.text} targets stated as amounts: {'; '.join(en)} (amounts depend "
                    "on a district's size and are not ranked).", claims)



def _topic_sentence(district: str, rows: list[dict]) -> Sentence:
    claims, parts_zh, parts_en = [], [], []
    for r in rows:
        own, mean = _share_claims(r)
        claims += [own, mean]
        parts_zh.append(f"「{r['label']}」（{own.text}%，各区平均{mean.text}%）")
        parts_en.append(f"'{r['label']}' ({own.text}% against a mean of {mean.text}%)")
    return Sentence(f"与各区平均相比，{district}的报告更多谈及{_join_zh(parts_zh)}。",
                    f"Compared with the average district, {en_name(district)}'s reports dwell more on "
                    f"{_join_en(parts_en)}.", claims, names=[str(r["label"]) for r in rows])


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
    doc_ids = sorted(tables.study_documents.loc[lambda d: d["district"] == district, "doc_id"])
    claims, parts_zh, parts_en, extra = [], [], [], []
    for r in rows:
        c = Claim(str(int(r["count"])), "count", (float(r["count"]),),
                  (Source("keyness", f"{r['group']}/{r['term']}"),))
        claims.append(c)
        ex = _example(tables.texts, doc_ids, r["term"])
        if ex:
            extra.append(ex)
        parts_zh.append(f"“{r['term']}”（{c.text}次）")
        parts_en.append(f"“{r['term']}” ({c.text} times)")
    return Sentence(f"比其他区用得明显更多的词有{'、'.join(parts_zh)}。",
                    f"Words it uses markedly more than the other districts: {', '.join(parts_en)}.",
                    claims, extra, names=[str(r["term"]) for r in rows])


# ---------------------------------------------------------------- what is not reported

def _missing_sentences(tables: StudyTables, district: str, year: int, doc: dict, ranked: pd.DataFrame,
                       min_others: int) -> list[Sentence]:
    missing = compare.missing_targets(tables.indicator_rows(), tables.study_documents, district, year,
                                      min_others=min_others, texts=tables.texts, targets=_headline(tables))
    out = []
    by_id = _rows_by_id(tables)
    doc_ids = sorted(tables.study_documents.loc[lambda d: (d["district"] == district) & (d["year"] == year),
                                                "doc_id"])
    for status, grp in missing.groupby("status", sort=True):
        if status == compare.NO_DOCUMENT:
            continue  # nothing can be said about what a missing report states
        y = year_claim(year, [_doc_src(doc)])
        extra, parts_zh, parts_en = [], [], []
        for r in grp.to_dict("records"):
            label = indicator_label(r["indicator"])
            extra += [_src(by_id[rid]) for rid in r["peer_row_ids"]]
            peers = list(r["peer_districts"])
            name_zh = f"“{r['mentioned_as']}”" if r["mentioned_as"] else label.label_zh
            parts_zh.append(f"{name_zh}（{_join_zh(peers)}提出了目标）")
            parts_en.append(f"{label.label_en} (set by {_join_en([en_name(p) for p in peers])})")
            extra += [_src(by_id[rid]) for rid in r["own_row_ids"]]
            if r["mentioned_as"] and (ex := _example(tables.texts, doc_ids, r["mentioned_as"])):
                extra.append(ex)
        listed_zh, listed_en = "、".join(parts_zh), "; ".join(parts_en)
        name_en = en_name(district)
        if status == compare.NOT_STATED:
            zh = f"{district}{y.text}年的报告未提及{listed_zh}，既没有数值也没有目标。"
            en = f"{name_en}'s {y.text} report: {listed_en} not stated in the report (no figure, no target)."
        elif status == compare.QUALITATIVE:
            zh = f"{district}{y.text}年的报告对{listed_zh}只提出了不带数值的目标。"
            en = f"{name_en}'s {y.text} report sets targets in words only, without a number, for {listed_en}."
        elif status == compare.NO_TARGET:
            zh = f"{district}{y.text}年的报告给出了{listed_zh}的数值，但没有提出当年目标。"
            en = f"{name_en}'s {y.text} report gives figures for {listed_en} but sets no target for the year."
        else:
            them = "它们" if len(grp) > 1 else "它"
            zh = (f"{district}{y.text}年的报告提到了{listed_zh}，但表中没有{them}的数值或目标："
                  "这是未能提取，不等于报告未提及。")
            en = (f"{name_en}'s {y.text} report names {listed_en}, but the tables hold no figure or target: "
                  "not extracted, which is not the same as not stated.")
        out.append(Sentence(zh, en, [y], extra))
    return out


# ---------------------------------------------------------------- the profile

def _years_of(tables: StudyTables, district: str) -> list[dict]:
    """The district's study documents, one per year (work report first), latest year first."""
    docs = tables.study_documents
    docs = docs[docs["district"] == district].assign(
        _p=lambda d: d["doc_type"].map(compare.DOC_PRIORITY).fillna(9))
    docs = docs.sort_values(["year", "_p", "doc_id"], ascending=[False, True, True])
    rows = docs.drop_duplicates("year").drop(columns="_p").to_dict("records")
    for row in rows:
        row["opening"] = _opening((tables.texts or {}).get(row["doc_id"], ""))
    return rows


def district_profile(district: str, tables: StudyTables, *, n_terms: int = 6, n_topics: int = 3,
                     min_others: int = 2) -> Narrative:
    """The profile of one district: targets and ranks, last year's results, emphasis, omissions.

    ``district`` is the full name (``青浦区``) or the slug (``qingpu``).
    """
    district = district_name(district)
    narrative = Narrative(f"{district}：目标、完成情况与侧重", f"{en_name(district)}: targets, results and emphasis",
                          district)
    ranked = _ranked(tables)
    years = _years_of(tables, district)
    if not years:
        narrative.sections.append(Section("报告", "Reports", [Sentence(
            f"语料中没有{district}的报告。", f"The corpus holds no report of {en_name(district)}.")]))
        return narrative
    targets = Section("主要目标", "Headline targets")
    for doc in years:
        rows = ranked[(ranked["district"] == district) & (ranked["year"] == doc["year"])]
        compared, alone, levels = [], [], []
        for row in _sort_targets(rows.to_dict("records")):
            if row["measure"] not in RANKED_MEASURES:
                levels.append(row)
            elif int(row["n_districts"]) > 1:
                compared.append(row)
            else:
                alone.append(row)
        targets.sentences += [_target_sentence(row, ranked) for row in compared]
        if alone:
            targets.sentences.append(_alone_sentence(district, alone))
        if levels:
            targets.sentences.append(_levels_sentence(district, levels))
        if rows.empty:
            y = year_claim(doc["year"], [_doc_src(doc)])
            targets.sentences.append(Sentence(
                f"表中没有{district}{y.text}年报告提出的、带数值的当年目标。",
                f"The tables hold no numeric target of {en_name(district)}'s {y.text} report for that year.", [y]))
    narrative.sections.append(targets)
    narrative.sections.append(_results_section(tables, district, years))
    emphasis = _emphasis_section(tables, district, n_terms=n_terms, n_topics=n_topics)
    if emphasis.sentences:
        narrative.sections.append(emphasis)
    missing = Section("未报告的指标", "What it does not report")
    for doc in years:
        missing.sentences += _missing_sentences(tables, district, int(doc["year"]), doc, ranked, min_others)
    if missing.sentences:
        narrative.sections.append(missing)
    log.info("%s: %d sentences, %d claims", district, len(narrative.sentences), len(narrative.claims))
    return narrative


def district_name(district: str) -> str:
    from reportlib.lexicon import districts

    for d in districts():
        if district in (d.name, d.short, d.slug):
            return d.name
    return district


def _results_section(tables: StudyTables, district: str, years: list[dict]) -> Section:
    section = Section("目标完成情况", "Were the targets met?")
    res = target_results(tables)
    rows = res[res["district"] == district]
    for r in _sort_targets(rows.to_dict("records")):
        section.sentences.append(result_sentence(r, _other_statement(tables, r)))
    if section.sentences:
        return section
    have = sorted(int(d["year"]) for d in years)
    latest = years[0]
    if int(latest["year"]) - 1 in have:
        prev = next(d for d in years if int(d["year"]) == int(latest["year"]) - 1)
        y0, y1 = year_claim(prev["year"], [_doc_src(prev)]), year_claim(latest["year"], [_doc_src(latest)])
        section.sentences.append(Sentence(
            f"语料中有{district}{y0.text}年和{y1.text}年的报告，但表中没有可以相互对照的目标与实际值。",
            f"The corpus holds {en_name(district)}'s {y0.text} and {y1.text} reports, but no target in the "
            "tables has a matching figure.", [y0, y1]))
    else:
        y = year_claim(latest["year"] - 1, [_doc_src(latest)])
        section.sentences.append(Sentence(
            f"语料中没有{district}{y.text}年的报告，也没有目标与实际值可以对照，无法核对上年目标的完成情况。",
            f"The corpus holds no {y.text} report of {en_name(district)} and no target with a matching "
            "figure, so last year's targets cannot be checked.", [y]))
    return section


def _emphasis_section(tables: StudyTables, district: str, *, n_terms: int, n_topics: int) -> Section:
    section = Section("报告侧重", "What the reports emphasise")
    shares = _topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        rows = emph[(emph["district"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
        # a share shown as the same rounded number as the mean would read as "more" of equals
        rows = [r for r in rows.to_dict("records")
                if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
        if rows:
            section.sentences.append(_topic_sentence(district, rows[:n_topics]))
    keyness = tables.keyness
    if keyness is not None and "by" in keyness:  # stacked by district, doc_type, year
        keyness = keyness[keyness["by"] == "district"]
    if keyness is not None and not keyness.empty:
        terms = compare.term_emphasis(keyness, district, n=n_terms)
        if not terms.empty:
            section.sentences.append(_term_sentence(district, terms.to_dict("records"), tables))
    off = off_year(tables)
    section.sentences = [_year_caveat(s, [district], off) for s in section.sentences]
    return section


# ---------------------------------------------------------------- the corpus comparison
