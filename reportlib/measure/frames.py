"""Frames: what a figure at a position of a document is by default (its kind and year), and the
words near a figure that change it (预计, 上半年, 目标, 2017年)."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass

from reportlib.measure.vocabulary import (
    ESTIMATE,
    FIRST_HALF,
    FIVE_YEAR_REVIEW,
    ONE_YEAR_REVIEW,
    PAST_WORDS,
    PERIOD_BASE,
    PERIOD_WORDS,
    PLAN_END,
    PLAN_PROPOSAL,
    PLAN_WORDS,
    REACHED,
    REVIEW_HEADING,
    SENTENCE,
    SKIP_ROLES,
    TARGET_CUE,
    TARGET_SWITCH,
    TARGET_WORD,
    YEAR_IN,
)
from reportlib.records import Document

# ---------------------------------------------------------------------------------------------
# Frames: what a figure at a position is, by default (kind and year)


@dataclass(frozen=True)
class Frame:
    """The default kind and year of a figure at a position of a document."""

    kind: str  # actual | h1_actual | target | plan_period_target | skip
    year: int
    five: bool = False  # in the review of the plan period just ended (这五年, “十三五”以来 …)
    years: int = 5  # how many years that period has (过去四年: 4)
    dated: bool = False  # the sentence opens with the last year (2021年,…): its amounts are that year's


PLAN_REACH = 400  # how far the sentences after one that presents the coming plan may still speak of it


def plan_end(match: re.Match[str]) -> int:
    """The last year of the plan a match of ``PLAN_END`` names (“十五” → 2005, 十三五 → 2020)."""
    n = match.group(1)
    return 1955 + 5 * (10 + ("一二三四五六七八九".index(n) + 1 if n else 0))


def role_frame(doc: Document, role: str) -> Frame:
    y = doc.year or 0
    if role == "review":
        return Frame("h1_actual", y) if doc.doc_type == "plan_midyear" else Frame("actual", y - 1)
    if role == "outline":
        return Frame("plan_period_target", y + 4)
    if role in ("targets", "tasks", "governance"):
        return Frame("target", y)
    if role in SKIP_ROLES:
        return Frame("skip", y)
    return Frame("", y)


def _reviewed(section, year: int):
    """A section whose heading names last year's work or the past period's achievements
    (2025年主要工作和“十四五”发展成就) is a review, whatever role its words gave it, unless it
    names the coming plan too (“十四五”时期发展成就和“十五五”时期主要目标任务)."""
    if section.role == "review" or not REVIEW_HEADING.search(section.heading):
        return section
    past = [int(m) for m in re.findall(r"((?:19|20)\d\d)年", section.heading)]
    if past and max(past) >= year:
        return section
    if any(plan_end(m) >= year for m in PLAN_END.finditer(section.heading)):
        return section  # 成就 of the last plan and 目标 of the coming one: the outline reads both
    return dataclasses.replace(section, role="review")


def _under_review(sections: list) -> list:
    """Sub-sections of a review keep its role: their headings (强化创新驱动发展) read as tasks."""
    reviews = [(s.start, s.end) for s in sections if s.role == "review"]
    return [dataclasses.replace(s, role="review")
            if s.role in ("tasks", "targets", "outline") and any(a <= s.start and s.end <= b for a, b in reviews) else s
            for s in sections]


class Frames:
    """Default frame of every sentence of a document, from its sections and cue sentences.

    Sections give the frame (review → actuals of last year, tasks → this year's targets, outline →
    the five-year plan). Where a document has no usable sections (a plan report whose parts
    carry no numbered headings), a sentence such as ``做好2021年经济社会发展工作`` switches from the
    review of last year to this year's plan. In an outline, sentences about the plan that just
    ended (“十三五”, 过去五年) are actuals.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        y = doc.year or 0
        sections = _under_review([_reviewed(s, y) for s in doc.sections if s.role != "other" or s.level == 1])
        self.starts: list[int] = []
        self.frames: list[Frame] = []
        self.roles: list[str] = []
        default = Frame("h1_actual", y) if doc.doc_type == "plan_midyear" else Frame("actual", y - 1)
        state = default
        past = False
        five = 0  # the years of the period under review, 0 outside its review
        plan_until, plan_year = -1, y  # a review's paragraph that presents the coming plan ends here
        for sent in SENTENCE.finditer(doc.text):
            role = self._role_at(sections, sent.start())
            frame = role_frame(doc, role)
            text = sent.group()
            if frame.kind == "":  # no section says: follow the cue sentences
                m = TARGET_SWITCH.search(text)
                if (m and int(m.group("year")) == y) or TARGET_CUE.search(text):
                    state = Frame("target", y)
                frame = state
            elif frame.kind == "plan_period_target":
                ends = [plan_end(m) for m in PLAN_END.finditer(text)]
                if PLAN_WORDS.search(text) or any(e >= y for e in ends):
                    past = False
                elif PAST_WORDS.search(text) or any(e < y for e in ends):
                    past = True
                if past:
                    frame = Frame("actual", y - 1)
            elif frame.kind == "actual" and TARGET_CUE.search(text):
                frame = Frame("target", y)
            elif frame.kind == "actual" and PLAN_WORDS.search(text):
                # a review that presents the coming plan (提请审查“十五五”规划纲要…年均增长5%左右)
                coming = [e for e in (plan_end(m) for m in PLAN_END.finditer(text)) if e >= y]
                if coming:
                    frame = Frame("plan_period_target", min(coming))
                    # its paragraph (at most PLAN_REACH characters: some texts have no line ends)
                    plan_until = min(doc.text.find("\n", sent.start()) % (len(doc.text) + 1),
                                     sent.end() + PLAN_REACH)
                    plan_year = min(coming)
            elif frame.kind == "actual" and sent.start() < plan_until and PLAN_PROPOSAL.search(text):
                frame = Frame("plan_period_target", plan_year)  # the plan's paragraph goes on
            five = self._five(five, frame, text, sent.start())
            if five:  # 2021年,预计实现…进出口总额27.6亿元: a sentence dated the last year gives its figures
                frame = Frame(frame.kind, frame.year, five=True, years=five, dated=text.startswith(f"{y - 1}年"))
            self.starts.append(sent.start())
            self.frames.append(frame)
            self.roles.append(role)

    def _five(self, five: int, frame: Frame, text: str, start: int) -> int:
        """The years of the period under review when a sentence is in the review of the plan period
        (or government term) just ended, else 0: from a sentence that opens it (这五年, 过去四年,
        “十三五”以来) to one that opens the last year's (一年来, 2020年,)."""
        if frame.kind not in ("actual", "estimate"):
            return 0
        last = (self.doc.year or 0) - 1
        opens_paragraph = start == 0 or self.doc.text[start - 1] == "\n"
        if ONE_YEAR_REVIEW.search(text) or (opens_paragraph and text.startswith(f"{last}年")):
            return 0
        for m in FIVE_YEAR_REVIEW.finditer(text):
            plan = PLAN_END.search(m.group())
            if not plan or plan_end(plan) == last:
                n = m.group("n") or m.group("m")
                return "一二三四五".index(n) + 1 if n else 5
        return five

    @staticmethod
    def _role_at(sections, pos: int) -> str:
        role = "other"
        for s in sections:
            if s.start <= pos < s.end and (s.role != "other" or role == "other"):
                role = s.role
        return role

    def at(self, pos: int) -> Frame:
        i = max(bisect_right(self.starts, pos) - 1, 0)
        return self.frames[i] if self.frames else Frame("actual", (self.doc.year or 1) - 1)

    def role_at(self, pos: int) -> str:
        i = max(bisect_right(self.starts, pos) - 1, 0)
        return self.roles[i] if self.roles else "other"



def kind_year(frame: Frame, lead: str, gap: str, doc_year: int, estimate: bool = False,
              half: str | None = None) -> tuple[str, int]:
    """Kind and year of a figure from its frame and the words before it (预计 by ``estimate``);
    ``half``: the words since the clause's last number, where 上半年 is looked for if given."""
    kind, year = frame.kind, frame.year
    years = [int(m.group(1)) for m in YEAR_IN.finditer(lead)]
    explicit = years[-1] if years else None
    if estimate or ESTIMATE.search(lead):
        return "estimate", explicit or (year if kind != "plan_period_target" else doc_year - 1)
    if FIRST_HALF.search(lead if half is None else half) and kind in ("actual", "h1_actual"):
        return "h1_actual", explicit or year
    if TARGET_WORD.search(gap) and kind in ("actual", "h1_actual"):
        return "target", explicit or year
    if explicit is not None:
        if explicit < doc_year:
            return "actual", explicit
        if kind == "plan_period_target" or explicit > doc_year:
            return "plan_period_target", explicit  # 力争2025年达到2000亿元
        return ("target" if kind == "actual" else kind), explicit  # this year: not last year's
    if kind == "target" and "年均" in gap:
        return "plan_period_target", doc_year + 4
    return kind, year




def period_of(kind: str, year: int, measure: str, words: str, frame: Frame, sums: bool) -> tuple[str, str]:
    """Kind and period of a figure: a first half's months, a plan's years, or the past period's.

    A figure of the review is the past period's (``period_actual``) when its words say so (年均,
    五年, 比2006年, 较“十三五”末), or when it stands in the review of the period and is a change
    (增长, 提高…个百分点), a kept level (保持在) or a count of new things (新增就业岗位16.2万个);
    a level reached (达到1.5万亿元, 进出口总额达到2535亿美元) stays the last year's ``actual``.

    >>> period_of("actual", 2020, "growth", "年均增长", Frame("actual", 2020), False)
    ('period_actual', '2016-2020')
    >>> period_of("h1_actual", 2021, "level", "", Frame("h1_actual", 2021), False)
    ('h1_actual', '2021-01..2021-06')
    """
    if kind == "h1_actual":
        return kind, f"{year}-01..{year}-06"
    if kind == "plan_period_target":
        return kind, f"{year - 4}-{year}"
    if kind not in ("actual", "estimate"):
        return kind, ""
    base = PERIOD_BASE.search(words)
    if base and base.group("year") and int(base.group("year")) < year - 1:
        return "period_actual", f"{int(base.group('year')) + 1}-{year}"
    period = f"{year - frame.years + 1}-{year}" if frame.five else f"{year - 4}-{year}"
    if base or PERIOD_WORDS.search(words):
        return "period_actual", period
    # a sentence dated the last year (2020年,全区地区生产总值增长3%) speaks of that year, unless 累计
    kept = "保持" in words or "稳定在" in words or measure in ("growth", "change_pp")
    if frame.five and ("累计" in words or (not frame.dated and (
            kept or (sums and measure == "level" and not REACHED.search(words))))):
        return "period_actual", period
    return kind, ""
