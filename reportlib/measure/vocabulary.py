"""The indicators' vocabulary: canonical ids and their names (``indicators.csv``), worded targets
and the patterns of the running text that the reader of figures uses (compiled once).

Predicate words (what may stand between a subject and its number) and the verbs that tell a change
from a level are data: ``predicate_words.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlib.lexicon import read_rows
from reportlib.read.numerals import cn_to_int

# ---------------------------------------------------------------------------------------------
# The lexicon (knowledge as data)


@dataclass(frozen=True)
class IndicatorDef:
    """One canonical indicator of ``indicators.csv``."""

    id: str
    aliases: tuple[str, ...]
    unit_classes: frozenset[str]
    pct_measure: str
    heads: tuple[str, ...]
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    better: str
    gap_stop: re.Pattern[str] | None
    measures: frozenset[str]  # the measures a figure may have; empty: any
    sums: bool  # a count of new things: its level in a five-year review is the period's total
    family: str  # the concept it measures with others (fiscal_revenue …), else its own id


@cache
def _better() -> dict[str, str]:
    """Which way is better for each indicator: a fact of ``indicator_display.csv``, kept once."""
    return {r["indicator"]: r["better"] for r in read_rows("indicator_display.csv")}


@cache
def indicator_defs() -> dict[str, IndicatorDef]:
    """Canonical ids → their aliases, units and conventions (``indicators.csv``)."""
    defs = {}
    for r in read_rows("indicators.csv"):
        defs[r["indicator"]] = IndicatorDef(
            id=r["indicator"], aliases=tuple(a for a in r["aliases"].split("|") if a),
            unit_classes=frozenset(u for u in r["units"].split("|") if u),
            pct_measure=r["pct_measure"] or "growth",
            heads=tuple(h for h in r["heads"].split("|") if h),
            not_after=re.compile(r["not_after"]) if r["not_after"] else None,
            not_before=re.compile(r["not_before"]) if r["not_before"] else None,
            better=_better().get(r["indicator"]) or "higher",
            gap_stop=re.compile(r["gap_stop"]) if r["gap_stop"] else None,
            measures=frozenset(m for m in r.get("measures", "").split("|") if m),
            sums=r.get("sums", "") == "yes",
            family=r.get("family", "") or r["indicator"],
        )
    return defs


def family_of(indicator: str) -> str:
    """The concept an indicator measures with others of its family (its own id when alone)."""
    d = indicator_defs().get(indicator)
    return d.family if d else indicator


@cache
def split_subjects() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Names that stand for several indicators before 分别 (``split_subjects.csv``), longest first."""
    rows = [(r["phrase"], tuple(r["indicators"].split("|"))) for r in read_rows("split_subjects.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def alias_table() -> tuple[re.Pattern[str], dict[str, str]]:
    owner = {a: d.id for d in indicator_defs().values() for a in d.aliases}
    alternation = "|".join(re.escape(a) for a in sorted(owner, key=len, reverse=True))
    return re.compile(alternation), owner


@cache
def qualitative_targets() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(r["pattern"]), r["qualifier"], r["measure"])
                 for r in read_rows("qualitative_targets.csv"))



@cache
def part_years() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Cues of a part of the year (``part_year.csv``): (pattern, last month or "m"), in order."""
    return tuple((re.compile(r["pattern"]), r["months"]) for r in read_rows("part_year.csv"))


def months_covered(text: str) -> int:
    """The last month of the part of the year a clause's figures cover from January (前三季度 → 9,
    1-11月 → 11), 0 when it names none.

    >>> months_covered("1-11月,全区一般公共预算收入完成220.4亿元"), months_covered("前三季度"), months_covered("全年")
    (11, 9, 0)
    """
    for pattern, months in part_years():
        m = pattern.search(text)
        if m:
            n = int(m.group("m")) if months == "m" and m.group("m").isdigit() else \
                cn_to_int(m.group("m")) if months == "m" else int(months)
            if n and 1 <= n <= 12:
                return n
    return 0


@cache
def _words(use: str) -> str:
    """The alternation of the words of one use in ``predicate_words.csv``, longest first."""
    words = [r["pattern"] for r in read_rows("predicate_words.csv") if r["use"] == use]
    return "|".join(sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Patterns of the running text (each compiled once)

NUMBER_IN_CELL = re.compile(r"\d+(?:\.\d+)?(?:\s?[-~—–至]\s?\d+(?:\.\d+)?)?")  # 6 / 6-7 in a bare cell
SENTENCE = re.compile(r"[^。!?\n]+")  # a sentence: up to 。!? or a line end
# A clause of a sentence (or a cell of a pipe row); a comma inside 1,850.3 separates thousands.
CLAUSE = re.compile(r"(?:\([^()\n]{0,12}\)|[^,;:|]|(?<=\d),(?=\d{3}(?!\d)))+")  # (预计,下同) stays in its clause
FRAGMENT = re.compile(r"[^、]+")  # a fragment of a clause: 583.1亿元、增长0.4% → two
# 区属规模以上工业 / #规模以上工业总产值: a sub-item; 全市生产总值: the city's, not the district's
# 区属…, #…: a sub-item; 南疆五地州…, 脱贫地区…, 县域…, …新区/园区…: a sub-area's figure, not the place's
VOID_BEFORE = re.compile(r"(?:区属|#|新区|园区|开发区|片区|地州|地区|县域|自贸区|示范区|[州县盟旗])$")
# 跨越7万亿、8万亿、9万亿三个大台阶: numbers that name milestones passed, not measured figures
MILESTONE_AFTER = re.compile(r"^(?:、[、\d.万千百亿元]*?[一二三四五六七八九两\d]+个|[一二三四五六七八九两\d]+个)"
                             r"大?(?:台阶|大关|关口)")
# 全市/全省/全区…: the place itself when the report is that level's, another unit's figure otherwise
SCOPE = re.compile(r"全(?P<level>国|省|市|区|县|旗|州|盟)(?:范围内)?$")
# 我代表州人民政府: the level of the government whose report it is
SPEAKER_LEVEL = re.compile(r"我代表(?P<level>省|自治区|市|区|县|旗|州|盟)人民政府")
SCOPE_OF_PLACE = {"省": "省", "自治区": "区", "市": "市", "区": "区", "县": "县", "旗": "旗", "州": "州", "盟": "盟"}
DENOMINATOR_BEFORE = re.compile(r"(?:占|相当于|占全区|占全市)$")  # 占规模以上工业总产值的23.0%
LIST_JOIN = re.compile(r"^(?:\([^()]{0,12}\))?(?:、|和|及|与|以及)$")  # 合同外资、实到外资 / A和B / A(预计,下同)、B
RESPECTIVELY = re.compile(r"分别|均")  # 分别为8亿、6亿美元 / 均完成市下达目标
BOTH = re.compile(r"均|都|双双")  # 均完成 / 均增长5%: one number for every subject of the list
# a single quarter or month (三季度, 3-5月): neither the year's figure nor a year to date (part_year.csv)
QUARTER = re.compile(r"[一二三四1-4]季度|\d{1,2}-\d{1,2}月|\d{1,2}至\d{1,2}月")
# the whole year again (全年增长6%) after a part of it: the part-year cue of the sentence ends
WHOLE_YEAR = re.compile(r"(?<![较比同])(?:全年|上半年|(?:19|20)\d\d年(?![\d一二三四五六七八九十]{1,2}月|同期))")
ESTIMATE = re.compile(r"预计")
# a note that holds for the figures after it: (预计数,下同) after a figure, 比2012年(下同) before one
DITTO = re.compile(r"\((?P<inner>[^(),]{1,10}?)[,、]下同\)|\(下同\)")
# 全市预计完成。(the page cut the sentence before its figures): the next sentence states them;
# 预计完成全年目标任务 is a statement of its own
DANGLING_ESTIMATE = re.compile(r"预计(?:全年)?(?:完成|实现)(?![^。]*(?:目标|任务|计划))")
FIRST_HALF = re.compile(r"上(?<![较比同].)半年")  # 上半年增加值下降14.1% (not 较上半年收窄); literal first: fast
TARGET_WORD = re.compile(r"目标")  # 控制在目标4750人以内
# A year the figure is about (2017年首破千亿元); not a date, not the base of a comparison (较2019年同期).
YEAR_IN = re.compile(r"((?:19|20)(?<![较比]..)\d\d)年(?![\d一二三四五六七八九十]{1,2}月|以来|起|度|同期)")
# a clause with its own 完成/实现 states a realised figure (累计完成 is a sum over years: no such cue)
REALISED = re.compile(r"(?<!累计)完成|实现")
# 和财政总收入在2018年均…: a co-subject the lexicon does not know, sharing the number through 均/都
CO_SUBJECT = re.compile(r"^(?:和|及|与|、)[\u4e00-\u9fff]{2,10}?(?=在?(?:(?:19|20)\d\d年)?(?:均|都))")
GROWTH_WORDS = re.compile(r"增幅|增速|增长|下降率|降低率")  # 增幅高于全市平均水平: a worded growth target
# A subject named by the words before an indicator: 四大园区实现规模以上工业总产值 (the parks'), and
# 服务业,实现增加值 (the industry's value added, not the district's GDP).
VERB_BEFORE = re.compile(r"(?:实现|完成|达到|达)$")
SUM_BEFORE = re.compile(r"合计")  # …四大特色产业,合计规模以上工业总产值: a sum over a list
# a clause naming industries before a bare 增加值 (…五大支柱产业不断做大做强,预计完成增加值…): theirs
INDUSTRY_OWNER = re.compile(r"产业|行业|工业|制造业|服务业|农业|园区|集群|基地|板块")
OTHER_OWNER = re.compile(r"(?:业|产业|行业|企业|园区|集群|基地)$")
LIST_ITEM = re.compile(r"[^、和及与]+")  # an item of a list before 分别
LIST_WORDS = re.compile(r"和|及|与|、")  # joiners between the numbers of a 分别 list
# A five-year plan's name: 十一五 … 十九五, and the tenth, “十五”, only in quotes (not 第十五届).
PLAN = "十(?:[一二三四五六七八九]|(?<=“十)(?=五”))五"
PLAN_END = re.compile(r"十([一二三四五六七八九]|(?<=“十)(?=五”))五")  # “十三五” → the plan ending 1955 + 5·13
PLAN_END_OF = re.compile(PLAN_END.pattern + r"”?(?:末|期末)")  # 从“十二五”末的19.1%
FIVE_YEARS = re.compile(r"五年|" + PLAN)  # a five-year review or plan
# 从214亿元…到, 由“十五”末的12.8亿元, 从2011年6580.28亿元, 由2005年的61.88亿元: a period's start value
FROM_VALUE = re.compile(r"(?:从|由)(?:(?P<year>(?:19|20)\d\d)年(?:底|末)?的?|“?" + PLAN + "”?(?:末|期末)的?)?$")
# 从2021年的46503元…提高到58794元: the start's year is not the end value's
FROM_YEAR = re.compile(r"(?:从|由)(?:(?:19|20)\d\d年|“?" + PLAN + ")")
TO_VERB = re.compile(r"到|至")
COMPARED_VALUE = re.compile(r"(?:较|比)(?:(?P<year>(?:19|20)\d\d)年|上年|去年)(?:同期)?(?:的)?$")  # 较上年同期36
BASIS_COMPARABLE = re.compile(r"可比|同口径")
BASIS_YOY = re.compile(r"同 ?比|比增|比上年|较上年|比去年|较去年|较(?:19|20)\d\d年同期")
SHARE_WORDS = re.compile(r"占|比重|比例|相当于|率")  # a ratio, not a change
GROWTH_NOUN = re.compile(r"增速|增幅|增长率|降幅")  # 年均增速达10.2% is a growth
NEGATIVE_NOUN = re.compile(r"降幅")
# 实现了0.2%的正增长; 出现8.5%和10.8%的大幅下降 (the words after a list's last number)
GROWTH_AFTER = re.compile(r"^(?:(?:和|、|及|与)-?\d+(?:\.\d+)?%)*的?(?:大幅|小幅|正)?(?P<dir>增长|下降|负增长)")
TARGET_CUE = re.compile(r"主要预期目标|预期目标是|主要目标是|主要预期指标|主要目标为")  # the targets paragraph
TARGET_SWITCH = re.compile(r"(?:做好|安排|建议|确定)(?P<year>(?:19|20)\d\d)年")  # plan reports' second part
# A sentence that opens the review of the plan period just ended, and one that opens last year's.
# A government's term may be three or four years (过去四年工作回顾, 四年来): n is the length of the period.
FIVE_YEAR_REVIEW = re.compile(r"(?:这|的|过去的?)(?P<n>[三四五])年|(?P<m>[三四五])年(?:来|里|间|共)|"
                              r"“?" + PLAN + "”?(?:以来|期间|时期)")
ONE_YEAR_REVIEW = re.compile(r"一年来|过去一年|过去的一年|刚刚过去的(?:一年|(?:19|20)\d\d年)|去年以来")
# Words that make a review's figure the whole period's: 年均增长, 五年累计, 十三五期间, 每年
PERIOD_WORDS = re.compile(r"年均|年平均|五年|“?" + PLAN + "”?(?:期间|时期|以来)|每年")
# 比2006年下降22.1%, 较“十三五”末改善16.5%: a change since the start of a period
PERIOD_BASE = re.compile(r"(?:较|比)(?:(?P<year>(?:19|20)\d\d)年(?!同期)|“?" + PLAN + "”?(?:末|期末))")
MILESTONE = re.compile(r"^[^\d]*$")  # 两万亿, 突破“百亿”: an amount without digits is no measured figure
# 3家研发中心: a count followed by a noun counts that noun (not 以上/左右, already in the quantity)
COUNTED_NOUN = re.compile(r"^[\u4e00-\u9fff]")
COUNT_CLASSES = frozenset({"firms", "count", "households", "persons"})
# a heading of the review: last year's work, the past period's achievements
REVIEW_HEADING = re.compile(r"(?:19|20)\d\d年(?:主要)?工作(?:回顾)?|回顾|发展成就|主要成就|工作总结")
# a milestone passed (突破4000亿元, 迈上6万亿元台阶) at the end of a quote
MILESTONE_CUE = re.compile(r"(?:突破|首破|首次突破|站上|跨越|迈上|跨过)“?[\d.]+[^\d]*$")
# 总量居中心城区第二, 增速位列全市前三: a rank, said between a figure and the next one about it
# 是“十一五”的3.1倍, 较“十五”期末翻了一番以上, 超额完成年度任务2.1亿元: a clause said in passing
ASIDE = re.compile(f"(?:{_words('aside')})")
ASIDE_BASE = re.compile(r"是((?:19|20)\d\d)年(?:底|末)?的")  # 是2007年的1.7倍: 2007 is the period's base
RANK_CLAUSE = re.compile(r"(?:总量|增速|规模|总额)?(?:居|位居|位列|排名|名列|排在)[\u4e00-\u9fff]{0,8}"
                         r"(?:第[一二三四五六七八九十\d]+|前[一二三四五六七八九十\d]+|首位|榜首)位?")
# a level reached (达到2535亿美元, 提高至160亿元): the last year's, even of a flow a review may sum
REACHED = re.compile(r"达到|增至|增长到|提高到|提高至|提升到|提升至|跃升到|跃升至|升至|跃上")
PAST_WORDS = re.compile(r"过去五年|过去的五年|五年来|回顾|五年里")
# a sentence that goes on presenting the coming plan's figures (《纲要》…提出地区生产总值年均增长5%左右)
PLAN_PROPOSAL = re.compile(r"提出|主要指标|主要目标|预期|力争|纲要")
PLAN_WORDS = re.compile(r"今后五年|未来五年|今后|展望|远景|纲要|到(?:19|20)\d\d年")
SKIP_ROLES = {"glossary"}
# 新增6家跨国公司地区总部, 引进和认定4家…: the verbs (and their joiners) right before a count of a named noun
NEW_COUNT = re.compile(f"(?:{_words('new')})(?:(?:和|、|及|与)(?:{_words('new')}))*$")
# Verbs in the words before a number; the last one decides: 增长 → a change, 增长到/达到 → a level.
VERB = re.compile(f"(?P<level>{_words('level')})|(?P<down>{_words('down')})|(?P<up>{_words('up')})")
# The words a clause may hold between its subject (or its start) and a number and still state
# that number about the subject: predicates, bases, time words, cues and joiners, nothing else.
PREDICATE = re.compile(f"(?:{_words('predicate')})*")
