"""The running text of one document read sentence by sentence, clause by clause: every figure
said about a known indicator, as :class:`Reading` s."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from reportlib.measure.frames import Frame, Frames, kind_year, period_of, plan_end
from reportlib.measure.quantities import Quantity, find_quantities, units
from reportlib.measure.reading import (
    Mention,
    Reading,
    document_scope,
    find_mentions,
    is_predicate,
    measure_of,
    predicate_view,
    signed,
    strip_quantities,
    unit_of,
)
from reportlib.measure.vocabulary import (
    ASIDE,
    ASIDE_BASE,
    BASIS_COMPARABLE,
    BASIS_YOY,
    BOTH,
    CLAUSE,
    COMPARED_VALUE,
    COUNT_CLASSES,
    COUNTED_NOUN,
    DANGLING_ESTIMATE,
    DITTO,
    ESTIMATE,
    FIVE_YEARS,
    FRAGMENT,
    FROM_VALUE,
    FROM_YEAR,
    GROWTH_WORDS,
    INDUSTRY_OWNER,
    LIST_ITEM,
    LIST_JOIN,
    MILESTONE,
    MILESTONE_AFTER,
    NEW_COUNT,
    OTHER_OWNER,
    PLAN_END_OF,
    PREDICATE,
    QUARTER,
    RANK_CLAUSE,
    REALISED,
    RESPECTIVELY,
    SENTENCE,
    SUM_BEFORE,
    TO_VERB,
    VERB,
    VERB_BEFORE,
    WHOLE_YEAR,
    YEAR_IN,
    indicator_defs,
    months_covered,
    qualitative_targets,
    split_subjects,
)
from reportlib.records import Document

# ---------------------------------------------------------------------------------------------
# Running text


# A sentence longer than any real one (a line of text without punctuation) is read in windows of
# this many characters, each starting OVERLAP characters before the end of the last, so that every
# search stays within a window and reading stays linear in the input.
MAX_SENTENCE = 2000
OVERLAP = 300
QUOTE_REACH = 400  # how far back a carried subject's clause start is looked for


def by_unit_class(quantities: list[Quantity]) -> dict[str, list[Quantity]]:
    """Quantities grouped as levels, percentages and percentage points, in order: a 分别 list pairs within a class."""
    by_class: dict[str, list[Quantity]] = {}
    for q in quantities:
        cls = "pct" if q.unit == "%" else "pp" if q.unit == "个百分点" else "level"
        by_class.setdefault(cls, []).append(q)
    return by_class


@dataclass(frozen=True)
class Clause:
    """A clause being read: its span, default frame, numbers, and what holds over from before."""

    start: int
    end: int
    frame: Frame
    quantities: list[Quantity]
    estimate: bool  # 预计 said in this clause or an earlier one of the sentence
    lead_extra: str  # the carried subject's clause, whose 上半年, 2011年 … still hold
    months: int = 0  # the figures cover January to this month (1-11月, 前三季度), 0: not a part of the year
    ditto: str = ""  # words an earlier note said hold for what follows (比2012年(下同)): a change's base


def windows(start: int, end: int) -> list[tuple[int, int, int]]:
    """(window start, window end, first position the window owns) covering ``[start, end)``.

    >>> windows(0, 10)
    [(0, 10, 0)]
    >>> [w for w in windows(0, 5000)][:2]
    [(0, 2000, 0), (1700, 3700, 2000)]
    """
    if end - start <= MAX_SENTENCE:
        return [(start, end, start)]
    step = MAX_SENTENCE - OVERLAP
    return [(w, min(w + MAX_SENTENCE, end), w + OVERLAP if w > start else start)
            for w in range(start, end - OVERLAP, step)]


def after_clause(text: str, q: Quantity) -> str:
    """The words after a number up to the end of its clause (at most 16 characters)."""
    return text[q.end:q.end + 16].split("，")[0].split("。")[0]


def _cue(qs: list[Quantity]) -> str:
    """The qualifier a cue before a list's first number gives them all (分别超过8万元、4.5万元), or
    左右 after its last (分别增长5%和7.5%左右)."""
    if len(qs) < 2:
        return ""
    if qs[0].cue_before:
        return qs[0].qualifier
    return "approx" if qs[-1].qualifier == "approx" and not any(q.qualifier for q in qs[:-1]) else ""


class TextReader:
    """Reads the running text of one document sentence by sentence."""

    def __init__(self, doc: Document, frames: Frames, skip: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.frames = frames
        self.skip = skip
        self.own = document_scope(doc.place or doc.district, doc.text)

    def _skipped(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.skip)

    def run(self) -> list[Reading]:
        """Every reading of the running text, in text order."""
        readings: list[Reading] = []
        dangling = False  # 全市预计完成。(a sentence cut before its figures): the next one estimates
        for sent in SENTENCE.finditer(self.text):
            if self._skipped(sent.start(), sent.end()):
                continue
            frame = self.frames.at(sent.start())
            if frame.kind == "skip":
                continue
            for w0, w1, owns in windows(sent.start(), sent.end()):
                readings += [r for r in self._sentence(w0, w1, frame, dangling) if r.end > owns]
            # (an overlong run is no sentence cut before its figures; its 预计完成 would each look ahead to its end)
            dangling = (sent.end() - sent.start() <= MAX_SENTENCE and bool(DANGLING_ESTIMATE.search(sent.group()))
                        and not find_quantities(sent.group()))
        return readings

    def _five_year_context(self, pos: int) -> bool:
        window = self.text[max(0, pos - 400):pos]
        return bool(FIVE_YEARS.search(window))

    def _sentence(self, start: int, end: int, frame: Frame, dangling: bool = False) -> list[Reading]:
        """The readings of one sentence: clause by clause, carrying a subject over."""
        # long: one pass over the clauses holds the state they share (estimate, notes, lists, months)
        out: list[Reading] = []
        carried: list[Mention] = []
        carried_lead = ""  # the clause of the carried subject: its 上半年, 2011年 … still hold
        estimate = dangling  # 预计 holds over the clauses that follow it, until one says 完成/实现
        scoped = False  # 预计 was said of the carried subject only: a new subject ends it
        respectively = False  # the carried subjects were paired by 分别: the next numbers pair too
        pending: list[Mention | None] | None = None  # a list with unknown names, 分别 still to come
        seen: list[Mention] = []  # the sentence's subjects so far, one per indicator, in order
        months = 0  # 1-11月, 前三季度: the part of the year the sentence speaks of from here on
        ditto, ditto_estimate = "", False  # (预计数,下同), 比2012年(下同): notes for what follows
        aside_base = ""  # …218亿元,是2007年的1.7倍,年均增长13.5%: the base year the aside names
        for clause in CLAUSE.finditer(self.text, start, end):
            c0, c1 = clause.start(), clause.end()
            text = clause.group()
            covered = months_covered(text)
            if covered:
                months = covered
            elif QUARTER.search(text):  # one quarter or month (三季度): no figure of the year
                carried, months = [], 0
                continue
            elif WHOLE_YEAR.search(text):
                months = 0
            subjects = [m for m in find_mentions(self.text, c0, c1, self.own)
                        if not m.denominator and not self._owned_by_other(m, c0, start)]
            quantities = find_quantities(self.text, c0, c1)
            for m in subjects:
                seen = [x for x in seen if x.indicator != m.indicator] + [m]
            said = ESTIMATE.search(text)
            if said:
                # 本区生产总值…,预计2011年达到316亿元: said of the carried subject, it ends with it
                # (居民人均可支配收入预计4.6万元: said of that subject only; 预计城镇居民…: it heads a list)
                estimate = True
                scoped = (bool(carried) and not subjects) or any(m.start < c0 + said.start() for m in subjects)
            elif subjects and (scoped or REALISED.search(text[:max(0, subjects[0].start - c0)])):
                # 完成区级…收入: a new statement; 社会消费品零售总额完成960亿元 goes on 预计's list
                estimate = scoped = False
            note = self._ditto(c0, text, quantities)
            if ESTIMATE.search(note):
                # 地区生产总值3300亿元,增长14.5%(预计数,下同): the statement it ends is estimated too
                ditto_estimate = True
                for r in out:
                    if r.kind == "actual" and any(r.indicator == m.indicator for m in carried):
                        r.kind = "estimate"
            else:
                ditto += note
            if ditto_estimate:
                estimate, scoped = True, False
            base = ASIDE_BASE.match(text)
            if subjects or (base and ASIDE.fullmatch(text)):
                aside_base = f"比{base.group(1)}年" if base and not subjects else ""
            cl = Clause(c0, c1, frame, quantities, estimate, "" if subjects else carried_lead, months,
                        ditto + aside_base)
            out += self._counted(cl, subjects)
            worded = self._qualitative(cl, subjects)
            if worded is not None:
                out += worded
                carried, carried_lead = subjects, text
                continue
            slots = self._slots(cl, subjects)  # a split name (一般公共预算收支) may be no mention
            if slots is None and not subjects and pending and (respectively or RESPECTIVELY.search(text)):
                slots = pending  # A、B、C和D跃上新台阶,分别为…: the list's slots hold in the next clauses
            if slots is not None:
                paired = self._pair_slots(cl, slots, carried=slots is pending)
                if paired is not None:
                    out += paired
                    carried, carried_lead, respectively = [m for m in slots if m], text, True
                    continue
            pending = (self._list_slots(c0, subjects[-1].end, subjects)
                       if len(subjects) >= 2 and not quantities and "分别" not in text else None)
            listed = subjects if len(subjects) >= 2 else carried if not subjects else []
            if not subjects and len(listed) < 2 and "分别" in text:
                # A 2.5万元,B 1.2万元,分别增长8%和9%: 分别 pairs the sentence's last subjects, one a number
                k = max((len(qs) for qs in by_unit_class(quantities).values()), default=0)
                listed = seen[-k:] if 2 <= k <= len(seen) else listed
            if len(listed) >= 2 and (subjects or respectively or RESPECTIVELY.search(text)):
                paired = self._respectively(cl, listed)
                if paired is not None:
                    out += paired
                    carried = listed
                    carried_lead = text if subjects else carried_lead
                    # A、B分别增长x%、y%,达X亿元、Y亿元: the next clause's numbers pair too
                    respectively = respectively or bool(RESPECTIVELY.search(text))
                    continue
            if not quantities and self._joined(subjects):
                # A和B均突破万亿元,分别达到12488和10163亿元: the list waits for its numbers
                carried, carried_lead, respectively = subjects, text, False
                continue
            found, carried, carried_lead = self._fragments(cl, subjects, carried, carried_lead, text)
            respectively = False
            out += found
        return out

    def _fragments(self, cl: Clause, subjects: list[Mention], carried: list[Mention],
                   carried_lead: str, text: str) -> tuple[list[Reading], list[Mention], str]:
        """Readings of a clause fragment by fragment (583.1亿元、增长0.4%), and what is carried on."""
        out: list[Reading] = []
        for frag in FRAGMENT.finditer(self.text, cl.start, cl.end):
            f0, f1 = frag.start(), frag.end()
            frag_subjects = [m for m in subjects if f0 <= m.start < f1]
            frag_quantities = [q for q in cl.quantities if f0 <= q.start and q.end <= f1]
            if frag_subjects:
                carried = frag_subjects[:1]
                carried_lead = text
            elif carried:
                # a fragment that names something else ends the carried subject
                first = frag_quantities[0].start if frag_quantities else f1
                if RANK_CLAUSE.fullmatch(self.text, f0, f1) and not frag_quantities:
                    continue  # X亿元,总量居中心城区第二,同比增长y%: a rank between a level and its growth
                if ASIDE.fullmatch(self.text, f0, f1):
                    continue  # …1098.1亿元,是“十一五”的3.1倍,年均增长18.1%: said in passing
                if not self._states_about(f0, first, carried[0].indicator):
                    carried = []
            if not carried:
                continue
            for q in frag_quantities:
                # the nearest name before the number is its subject (…下降1.5%森林覆盖率达到25.1%)
                before_q = [m for m in frag_subjects if m.end <= q.start]
                if before_q and before_q[-1] is not carried[0]:
                    carried, carried_lead = before_q[-1:], text
                subject = carried[0]
                anchor = subject.end if subject.start >= f0 else f0
                if q.start < anchor:
                    continue
                read = self._read(subject, q, anchor, cl, cl.quantities,
                                  self._quote_start(cl.start, min(subject.start, q.start)))
                if read is None:
                    carried = []  # …76.4%农村居民家庭人均可支配收入23120元: another subject began
                    break
                out += read
        return out, carried, carried_lead

    def _respectively(self, cl: Clause, listed: list[Mention]) -> list[Reading] | None:
        """Pair a list of subjects with a list of numbers (分别为8亿、6亿美元); None when it did not."""
        text, c0 = self.text, cl.start
        run = [listed[0]]
        for m in listed[1:]:
            if m.start < c0 and run[-1].start < c0:  # carried from an earlier clause
                run.append(m)
                continue
            if m.start == run[-1].start or LIST_JOIN.match(text[run[-1].end:m.start]):  # a split name
                run.append(m)
            else:
                break
        if len(run) < 2:
            return None
        after = [q for q in cl.quantities if q.start >= max(run[-1].end, c0)]
        if not after:
            return None
        shared = next((q.unit for q in reversed(after) if not q.bare), "")
        # pair within each unit class: levels with levels, percentages with percentages
        by_class = by_unit_class(after)
        out: list[Reading] | None = None
        for qs in by_class.values():
            if len(qs) == len(run):
                pairs = list(zip(run, qs, strict=True))
            elif len(qs) == 1 and (BOTH.search(text[run[-1].end:qs[0].start]) or self._shares_predicate(run, qs[0])):
                pairs = [(m, qs[0]) for m in run]  # 均, or A、B增长4%左右: one number for each subject
            else:
                continue
            out = out or []
            for m, q in pairs:
                quote_start = (self._quote_start(c0, min(run[0].start, q.start))
                               if run[0].start >= c0 else c0)
                out += self._read(m, q, max(run[-1].end, c0), cl, after, quote_start,
                                  shared_unit=shared, listed=True, shared_cue=_cue(qs)) or []
        return out

    def _slots(self, cl: Clause, subjects: list[Mention]) -> list[Mention | None] | None:
        """The list before 分别 as slots in order: the indicators a split name stands for
        (城乡居民… → urban, rural), or each listed item's subject, None for an item the lexicon does not
        know (基础设施投资、工业投资分别增长3.2%、8.5%). None when the clause has no such list."""
        text = self.text
        for phrase, ids in split_subjects():
            i = text.find(phrase, cl.start, cl.end)
            if i >= 0:
                return [Mention(x, i, i + len(phrase), False) if x else None for x in ids]  # "": not a row
        pos = text.find("分别", cl.start, cl.end)
        return self._list_slots(cl.start, pos, subjects) if pos >= 0 else None

    def _list_slots(self, start: int, pos: int, subjects: list[Mention]) -> list[Mention | None] | None:
        """The items of the list in ``[start, pos)`` as slots (None for an unknown name); a second
        name of an indicator already listed is another tier of it (地方…收入和全口径财政收入): None."""
        text = self.text
        items = [(m.start(), m.end()) for m in LIST_ITEM.finditer(text, start, pos)]
        if len(items) < 2 or not all(any(a <= s.start < b for s in subjects) or
                                     not PREDICATE.fullmatch(text[a:b]) for a, b in items):
            return None
        slots = [next((s for s in subjects if a <= s.start < b), None) for a, b in items]
        seen: dict[str, int] = {}  # indicator → where its first name starts (a split name shares it)
        for i, m in enumerate(slots):
            if m is not None and seen.setdefault(m.indicator, m.start) != m.start:
                slots[i] = None
        return slots if None in slots and any(slots) else None

    def _pair_slots(self, cl: Clause, slots: list[Mention | None], carried: bool = False) -> list[Reading] | None:
        """Pair slots with the numbers after 分别 (or after a split name, or in a clause after the
        list: ``carried``), class by class (levels with levels, % with %)."""
        pos = self.text.find("分别", cl.start, cl.end)
        pos = slots[0].end if pos < 0 and slots[0] is not None and slots[0].start == slots[-1].start else pos
        pos = cl.start if pos < 0 and carried else pos
        if pos < 0:
            return None
        after = [q for q in cl.quantities if q.start >= pos]
        out = self._pair_run(cl, slots, after, pos)
        # 城乡居民…从2021年的46503元和16935元分别提高到…: the start values before 分别 pair too
        name_end = max((m.end for m in slots if m is not None), default=cl.start)
        before = [q for q in cl.quantities if name_end <= q.start and q.end <= pos]
        if out is not None and before and FROM_VALUE.fullmatch(self.text, name_end, before[0].num_start):
            out += self._pair_run(cl, slots, before, name_end) or []
        return out

    def _pair_run(self, cl: Clause, slots: list[Mention | None], qs_all: list[Quantity],
                  anchor: int) -> list[Reading] | None:
        """Pair slots with a run of numbers class by class; None when no class has one per slot."""
        shared = next((q.unit for q in reversed(qs_all) if not q.bare), "")
        out: list[Reading] | None = None
        for qs in by_unit_class(qs_all).values():
            if len(qs) != len(slots):
                continue
            out = out or []
            for m, q in zip(slots, qs, strict=True):
                if m is not None:
                    out += self._read(m, q, anchor, cl, qs_all, self._quote_start(cl.start, min(m.start, q.start)),
                                      shared_unit=shared, listed=True, shared_cue=_cue(qs)) or []
        return out

    def _counted(self, cl: Clause, subjects: list[Mention]) -> list[Reading]:
        """Counts written before the noun they count, after a verb of new things: 新增6家跨国公司地区总部
        → 6 of the indicator the noun names (when its unit counts such things)."""
        out = []
        for q in cl.quantities:
            m = next((s for s in subjects if s.start == q.end), None)
            unit = units().get(q.unit)
            if m is None or unit is None or unit.cls not in indicator_defs()[m.indicator].unit_classes:
                continue
            verb = NEW_COUNT.search(self.text, cl.start, q.start)  # ends with $: a scan from the clause start
            if not verb:
                continue
            d = indicator_defs()[m.indicator]
            lead = cl.lead_extra + self.text[cl.start:q.start]
            kind, year = kind_year(cl.frame, lead, "", self.doc.year or 0, cl.estimate)
            kind, period = period_of(kind, year, "level", self.text[cl.start:q.start], cl.frame, d.sums)
            value, high, qualifier = signed(q, 1)
            out.append(Reading(m.indicator, "level", value, high, q.unit, qualifier, "", kind, year,
                               verb.start(), m.end, period))
        return out

    @staticmethod
    def _ditto(c0: int, text: str, quantities: list[Quantity]) -> str:
        """The words of a note that holds for the figures after it (下同): 预计数 of ``(预计数,下同)``,
        比2012年 of ``比2012年(下同)增长47.7%``; empty when the clause has none."""
        m = DITTO.search(text)
        if not m:
            return ""
        if m.group("inner"):
            return m.group("inner")
        since = max((q.end - c0 for q in quantities if q.end - c0 <= m.start()), default=0)
        return text[since:m.start()]

    def _joined(self, subjects: list[Mention]) -> bool:
        """Two or more names joined into one list (A和B, A、B及C)."""
        return len(subjects) >= 2 and all(LIST_JOIN.match(self.text[a.end:b.start])
                                          for a, b in itertools.pairwise(subjects))

    def _shares_predicate(self, run: list[Mention], q: Quantity) -> bool:
        """A、B增长4%左右: names joined by 、 and one predicate after the last share its number."""
        text = self.text
        joined = all(text[a.end:b.start] == "、" for a, b in itertools.pairwise(run))
        gap = text[run[-1].end:q.start]
        return joined and "分别" not in gap and PREDICATE.fullmatch(gap) is not None

    def _qualitative(self, cl: Clause, subjects: list[Mention]) -> list[Reading] | None:
        """A target stated in words (与经济增长保持同步): rows with no value; None when not one."""
        if cl.quantities or not subjects:
            return None
        c0 = cl.start
        clause = self.text[c0:cl.end]
        for pattern, qualifier, measure in qualitative_targets():
            m = pattern.search(clause)
            if not m:
                continue
            out = []
            for s in subjects:
                if s.start - c0 >= m.end():
                    continue
                d = indicator_defs()[s.indicator]
                meas = measure
                if meas != "growth" and GROWTH_WORDS.search(clause[s.end - c0:m.start()]):
                    meas = "growth"
                elif meas == "default":
                    meas = "share" if d.pct_measure == "share" else "level"
                # a worded statement (每年都控制在…) is no estimate unless its own clause says 预计
                kind, year = kind_year(cl.frame, clause[:m.start()], clause[s.end - c0:m.start()],
                                       self.doc.year or 0)
                kind, period = period_of(kind, year, meas, clause[:m.start()], cl.frame, d.sums)
                out.append(Reading(s.indicator, meas, None, None, "", qualifier, "",
                                   kind, year, s.start, c0 + m.end(), period))
            return out
        return None

    def _quote_start(self, c0: int, start: int) -> int:
        """Where a quote begins: with the predicate words that lead its clause (全年预计实现…)."""
        if start < c0:  # a subject carried from an earlier clause: that clause's start counts
            reach = max(0, start - QUOTE_REACH)
            c0 = max(max(self.text.rfind(ch, reach, start) for ch in ",;:。!?\n") + 1, reach)
        return c0 if PREDICATE.fullmatch(self.text[c0:start]) else start

    def _owned_by_other(self, m: Mention, c0: int, s0: int) -> bool:
        """True when the words before a mention make it another subject's (四大园区实现…产值)."""
        prefix = self.text[c0:m.start]
        if SUM_BEFORE.search(prefix):
            return True
        bare_value_added = self.text[m.start:m.end] == "增加值"
        if bare_value_added and INDUSTRY_OWNER.search(self.text[s0:m.start]):
            # 五大支柱产业不断做大做强,预计完成增加值910亿元; 规模以上工业企业达到186家,…;完成增加值
            # 53.9亿元; 规模以上工业企业达7.6万家、增加值增长3%: an industry named earlier in the
            # sentence owns a bare 增加值 (the industries' value added, not GDP)
            return True
        verb = VERB_BEFORE.search(prefix[-4:])
        if not verb:
            return False
        owner = prefix[:len(prefix) - 4 + verb.start()] if len(prefix) >= 4 else prefix[:verb.start()]
        owner = owner.replace("全" + self.own, "")  # 2010年全省实现生产总值: the province's own
        if owner and PREDICATE.fullmatch(owner) is None:
            return True
        previous = self.text[s0:c0].rstrip(",;: ")
        if bare_value_added:  # no industry before it in its sentence: the place's own
            return False
        return not owner and bool(OTHER_OWNER.search(previous[-8:]))

    def _gap(self, start: int, end: int, quantities: list[Quantity], *, listed: bool = False) -> str:
        """Words between a subject and its number, without the numbers and ratio bases between."""
        gap = strip_quantities(self.text[start:end], start, quantities)
        # the base of a ratio (占规模以上工业总产值的) belongs to the predicate, as do the other
        # subjects of a 分别 list
        for m in find_mentions(self.text, start, end, self.own):
            if m.denominator or listed:
                gap = gap.replace(self.text[m.start:m.end], "")
        return gap

    def _states_about(self, start: int, end: int, indicator: str) -> bool:
        """True when ``text[start:end]`` is only a predicate, so it still speaks of ``indicator``."""
        return is_predicate(predicate_view(self._gap(start, end, []), listed=False), indicator)

    def _after_start(self, c0: int, q: Quantity, quantities: list[Quantity]) -> str:
        """The clause's words before ``q``, without the years of a start value stated before a verb
        that leads to ``q`` (从2021年的46503元和16935元分别提高到58794元和23184元: not 2021's)."""
        text = self.text
        start = FROM_YEAR.search(text, c0, q.start)
        if start is None:
            return text[c0:q.start]
        first = next((o for o in quantities if start.end() <= o.start and o.end <= q.start), None)
        to = [m for m in TO_VERB.finditer(text, first.end, q.start)] if first else []
        if not to:
            return text[c0:q.start]
        return YEAR_IN.sub("", text[c0:to[-1].start()]) + text[to[-1].start():q.start]

    def _read(self, subject: Mention, q: Quantity, anchor: int, cl: Clause, quantities: list[Quantity],
              quote_start: int, *, shared_unit: str = "", listed: bool = False,
              shared_cue: str = "") -> list[Reading] | None:
        """Read one number about ``subject`` (no reading when it states no measure of it); None
        when the words between name something else."""
        text, c0, frame = self.text, cl.start, cl.frame
        d = indicator_defs()[subject.indicator]
        others = [o for o in quantities if anchor <= o.start and o.end <= q.start]
        gap = self._gap(anchor, q.start, others, listed=listed)
        if not is_predicate(predicate_view(gap, listed=listed), subject.indicator):
            return None
        since_subject = text[subject.end:q.start] if subject.end <= q.start else gap
        if d.gap_stop and d.gap_stop.search(since_subject):
            return None
        after = text[q.end:q.end + 6]
        before = text[max(c0, q.start - 12):q.num_start]
        unit_class = units()[q.unit].cls if q.unit in units() else ""
        if COUNTED_NOUN.match(after) and unit_class in COUNT_CLASSES:
            # 4家跨国公司地区总部、3家研发中心: the number counts the noun after it
            return None if unit_class in d.unit_classes else []
        name = text[subject.start:subject.end]  # 经济增长5%: a name that ends with its verb
        verb = VERB.search(name[-2:])
        measure = measure_of(q, (verb.group() if verb else "") + gap, text[q.end:q.end + 24], d, table=False)
        if measure is None or MILESTONE.search(text[q.start:q.end]) or MILESTONE_AFTER.match(after_clause(text, q)):
            return []
        meas, sign = measure
        unit = unit_of(q, d, shared_unit)
        if not unit:
            return []
        lead = cl.lead_extra + self._after_start(c0, q, cl.quantities)
        # 从上半年5.5%降到5.3%: a first half named before an earlier number is that number's
        since = max((o.end for o in quantities if c0 <= o.start and o.end <= q.start), default=c0)
        kind, year = kind_year(frame, lead, gap, self.doc.year or 0, cl.estimate,
                               half=text[since:q.start] if since > c0 else None)
        basis = ""
        if meas in ("growth", "change_pp"):
            # the basis may stand in a clause of its own: …1500亿元,按可比价格计算,比上年增长3.1%
            # the words after the last number; they are a suffix of since_subject + gap, so when that
            # names no basis the numbers need not be found (on an overlong line they are far apart)
            full = since_subject + gap
            words = (since_subject[max((o.end for o in find_quantities(since_subject)), default=0):] + gap
                     if BASIS_COMPARABLE.search(full) or BASIS_YOY.search(full) else "")
            if BASIS_COMPARABLE.search(words):
                basis = "comparable"
            elif BASIS_YOY.search(words):
                basis = "yoy"
        from_m = FROM_VALUE.search(text[max(c0, q.num_start - 12):q.num_start])
        cmp_m = COMPARED_VALUE.search(before)
        if cmp_m and meas in ("level", "share"):
            kind = "actual"
            year = int(cmp_m.group("year")) if cmp_m.group("year") else frame.year - 1
            basis = ""
        elif from_m and meas in ("level", "share"):
            end_m = PLAN_END_OF.search(text[max(c0, q.num_start - 12):q.num_start])
            span = frame.years if frame.five else 5  # 从18.4亿元提高至…, said in a review of 过去四年: 4
            year = (int(from_m["year"]) if from_m["year"] else plan_end(end_m) if end_m
                    else year - (span if frame.five or self._five_year_context(q.start) else 1))
            kind = "actual" if kind in ("actual", "estimate") else kind
        value, high, qualifier = signed(q, sign)
        if listed and not qualifier and shared_cue:  # 分别超过8万元、4.5万元: the cue holds for both
            qualifier = shared_cue if sign > 0 else {"at_least": "at_most", "at_most": "at_least"}.get(
                shared_cue, shared_cue)
        words = (text[c0:subject.start] + text[subject.end:q.start] if subject.start >= c0
                 else text[c0:q.start])  # the name itself (PM2.5年平均浓度) says nothing of the period
        if meas in ("growth", "change_pp"):
            words = cl.ditto + words  # 比2012年(下同): the base of every change after it
        kind, period = period_of(kind, year, meas, words, frame, d.sums)
        if cl.months and cl.months < 12:
            if kind not in ("actual", "estimate", "h1_actual", "ytd_actual"):
                return []  # a part of the year in the targets or the plan: not a figure of them
            kind = "h1_actual" if cl.months == 6 else "ytd_actual"
            period = f"{year}-01..{year}-{cl.months:02d}"
        return [Reading(subject.indicator, meas, value, high, unit, qualifier, basis,
                        kind, year, quote_start, q.end, period)]


