"""All places side by side: highest and lowest targets, ambition against last year, themes."""

from __future__ import annotations

import logging

import pandas as pd

from reportlib.report import compare
from reportlib.report.compare import StudyTables, indicator_label, sort_districts
from reportlib.report.narrative.model import (
    RANKED_MEASURES,
    Claim,
    Narrative,
    Section,
    Sentence,
    _group_order,
    _join_en,
    _join_zh,
    _ranked,
    _share_claims,
    _side,
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

log = logging.getLogger(__name__)


def corpus_comparison(tables: StudyTables, *, n_topics: int = 1) -> Narrative:
    """All districts side by side: highest and lowest targets, ambition against last year, themes."""
    narrative = Narrative("各区比较", "The districts compared", None)
    ranked = _ranked(tables)
    section = Section("目标高低", "Who set the highest targets")
    ranked_growth = ranked[ranked["measure"].isin(RANKED_MEASURES)]
    singles = []
    for _, grp in sorted(ranked_growth.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: _group_order(kv[0])):
        rows = grp.to_dict("records")
        if len(rows) < 2:
            singles.append(rows[0])
            continue
        section.sentences.append(_extremes_sentence(rows))
    by_year: dict[int, list[dict]] = {}
    for r in singles:
        by_year.setdefault(int(r["year"]), []).append(r)
    for year, rows in by_year.items():
        y = year_claim(year, [_src(r) for r in rows])
        parts_zh = [f"{r['district']}的{_subject(r)[0]}" for r in rows]
        parts_en = [f"{en_name(r['district'])}'s {_subject(r)[1]}" for r in rows]
        section.sentences.append(Sentence(
            f"{y.text}年只有一个区提出、无从比较的目标：{'；'.join(parts_zh)}。",
            f"Targets for {y.text} that only one district set, with nothing to compare: {'; '.join(parts_en)}.",
            [y]))
    if not section.sentences:
        section.sentences.append(Sentence("表中没有带数值的年度目标，无从比较。",
                                          "The tables hold no numeric annual target to compare."))
    narrative.sections.append(section)
    amb = compare.rank_uplift(compare.ambition(tables.indicator_rows()))
    amb_section = Section("对照上年实际的目标力度", "Ambition against last year's figure")
    for _, grp in sorted(amb.groupby(compare.GROUP_KEYS, sort=True), key=lambda kv: _group_order(kv[0])):
        amb_section.sentences.append(_ambition_sentence(grp.to_dict("records")))
    if amb_section.sentences:
        narrative.sections.append(amb_section)
    shares = _topic_shares(tables)
    if shares is not None:
        emph = compare.topic_emphasis(shares)
        theme = Section("各区侧重的主题", "Who stresses which themes")
        leading: dict = {}  # topic → the districts for which it is the theme furthest above the mean
        for district in sort_districts(emph["district"]):
            rows = emph[(emph["district"] == district) & (emph["diff"] > 1e-9) & (emph["n_groups"] > 1)]
            rows = [r for r in rows.to_dict("records")
                    if format_number(100 * r["share"], 1) != format_number(100 * r["mean_share"], 1)]
            if rows:
                leading.setdefault(rows[0]["topic"], []).append(rows[0])
        off = off_year(tables)
        for rows in leading.values():
            theme.sentences.append(_year_caveat(_theme_sentence(rows), [r["district"] for r in rows], off))
        if theme.sentences:
            narrative.sections.append(theme)
    return narrative


def _theme_sentence(rows: list[dict]) -> Sentence:
    """'松江区（11.6%）和青浦区（13.1%）最突出的主题都是「农村·农业·乡村振兴」，各区平均为5.8%。'"""
    claims, parts_zh, parts_en = [], [], []
    for r in rows:
        own, mean = _share_claims(r)
        claims.append(own)
        parts_zh.append(f"{r['district']}（{own.text}%）")
        parts_en.append(f"{en_name(r['district'])} ({own.text}%)")
    claims.append(mean)
    label = rows[0]["label"]
    if len(rows) == 1:
        zh = (f"{rows[0]['district']}的报告最突出的主题是「{label}」，占其文本的{claims[0].text}%，"
              f"各区平均为{mean.text}%。")
        en = (f"{en_name(rows[0]['district'])}'s most distinctive theme is '{label}': {claims[0].text}% of its "
              f"text against a mean of {mean.text}%.")
    else:
        zh = f"{_join_zh(parts_zh)}最突出的主题都是「{label}」，各区平均为{mean.text}%。"
        en = f"The most distinctive theme of {_join_en(parts_en)} is the same, '{label}' (mean {mean.text}%)."
    return Sentence(zh, en, claims, names=[str(label)])


def _extremes_sentence(rows: list[dict]) -> Sentence:
    """'2021年，松江区的地区生产总值增长目标最高（7%），嘉定区最低（6%以上）；5个区的中位数为6.5%。'"""
    rows = sorted(rows, key=lambda r: (compare.district_order().get(r["district"], 99), r["district"]))
    hi, lo = max(float(r["value"]) for r in rows), min(float(r["value"]) for r in rows)
    y = year_claim(rows[0]["year"], [_src(r) for r in rows])
    subj_zh, subj_en = _subject(rows[0])
    claims = [y]

    def listed(group: list[dict]) -> tuple[str, str]:
        zh, en = [], []
        for r in group:
            c, vz, ve = value_claim(r, "target")
            claims.append(c)
            zh.append(f"{r['district']}（{vz}）")
            en.append(f"{en_name(r['district'])} ({ve})")
        return _join_zh(zh), _join_en(en)

    ranged = any(pd.notna(r["value_high"]) for r in rows)
    note_zh, note_en = ("（区间目标按下限比较）", " (ranges compared by their low end)") if ranged else ("", "")
    if abs(hi - lo) < 1e-9:
        zh_all, en_all = listed(rows)
        return Sentence(f"{y.text}年，{zh_all}的{subj_zh}数值相同。",
                        f"In {y.text}, {en_all} set the same {subj_en}.", claims)
    top = [r for r in rows if abs(float(r["value"]) - hi) < 1e-9]
    bottom = [r for r in rows if abs(float(r["value"]) - lo) < 1e-9]
    tz, te = listed(top)
    bz, be = listed(bottom)
    top_zh = "并列最高" if len(top) > 1 else "最高"
    bottom_zh = "并列最低" if len(bottom) > 1 else "最低"
    zh = f"{y.text}年，{tz}的{subj_zh}{top_zh}，{bz}{bottom_zh}"
    en = f"In {y.text}, {te} set the highest {subj_en}, {be} the lowest"
    if len(rows) >= 3:
        n = Claim(str(len(rows)), "n_districts", (float(len(rows)),), tuple(_src(r) for r in rows))
        med = float(pd.Series([float(r["value"]) for r in rows]).median())
        m = Claim(format_number(med), "median", (med,), tuple(_src(r) for r in rows))
        claims += [n, m]
        zh += f"；{n.text}个区的中位数为{m.text}{rows[0]['unit']}"
        en += f"; the median of the {n.text} districts is {m.text}{_unit_en(rows[0]['unit'])}"
    return Sentence(zh + note_zh + "。", en + note_en + ".", claims)


def _ambition_sentence(rows: list[dict]) -> Sentence:
    """Who reaches furthest beyond last year's figure (never 'furthest' of a single district)."""
    rows = sorted(rows, key=lambda r: (int(r["uplift_rank"]), compare.district_order().get(r["district"], 99)))
    first = rows[0]
    y = year_claim(first["year"], [_src(r) for r in rows])
    label = indicator_label(first["indicator"])

    def part(r: dict) -> tuple[list[Claim], str, str]:
        lc, lz, le = value_claim(_side(r, "last_"), "actual")
        tc, tz, te = value_claim(r, "target")
        up = float(r["uplift"])
        if abs(up) < 1e-9:
            return [lc, tc], f"{r['district']}（上年{lz}，目标{tz}，持平）", \
                f"{en_name(r['district'])} (last year {le}, target {te}, no change)"
        uc = Claim(format_number(abs(up)), "uplift", (abs(up),), (tc.sources[0], lc.sources[0]))
        word_zh = "高出" if up > 0 else "低"
        word_en = "above" if up > 0 else "below"
        return ([lc, tc, uc], f"{r['district']}（上年{lz}，目标{tz}，{word_zh}{uc.text}个百分点）",
                f"{en_name(r['district'])} (last year {le}, target {te}, {uc.text} points {word_en})")

    claims: list[Claim] = [y]
    if len(rows) == 1:
        cs, zh, en = part(first)
        claims += cs
        return Sentence(f"{y.text}年只有{zh}同时给出了{label.label_zh}的增长目标和上年数值。",
                        f"For {y.text} only {en} states both a {label.label_en} growth target and last year's "
                        "figure.", claims)
    ups = [float(r["uplift"]) for r in rows]
    if max(ups) - min(ups) < 1e-9:
        parts = [part(r) for r in rows]
        for cs, _, _ in parts:
            claims += cs
        listed = "、".join(p[1] for p in parts)
        return Sentence(f"{y.text}年，{listed}的{label.label_zh}增长目标比上年数值提高的幅度相同。",
                        f"In {y.text}, {'; '.join(p[2] for p in parts)} raised their {label.label_en} growth target "
                        "by the same margin over last year.", claims)
    top = [r for r in rows if abs(float(r["uplift"]) - max(ups)) < 1e-9]
    bottom = [r for r in rows if abs(float(r["uplift"]) - min(ups)) < 1e-9]
    tparts, bparts = [part(r) for r in top], [part(r) for r in bottom]
    for cs, _, _ in tparts + bparts:
        claims += cs
    both = "并列" if len(top) > 1 else ""
    both_low = "并列" if len(bottom) > 1 else ""
    # the furthest reach is a rise only when it is above last year's figure; else the smallest fall
    top_zh = f"{both}提升幅度最大" if max(ups) > 0 else f"{both}回落幅度最小"
    bottom_zh = f"{both_low}回落幅度最大" if min(ups) < 0 else f"{both_low}提升幅度最小"
    top_en = "raised it most" if max(ups) > 0 else "lowered it least"
    bottom_en = "lowered it most" if min(ups) < 0 else "raised it least"
    zh = (f"{y.text}年，对照上年的数值，{'、'.join(p[1] for p in tparts)}的{label.label_zh}增长目标"
          f"{top_zh}，{'、'.join(p[1] for p in bparts)}{bottom_zh}。")
    en = (f"In {y.text}, against last year's figure, {'; '.join(p[2] for p in tparts)} {top_en} with its "
          f"{label.label_en} growth target, {'; '.join(p[2] for p in bparts)} {bottom_en}.")
    return Sentence(zh, en, claims)
