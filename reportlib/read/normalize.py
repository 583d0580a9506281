"""Typography of the cleaned text: what every later stage reads.

Raw reports mix full-width and half-width forms, odd spaces and separators that break names
(``高;香``). Cleaning makes one convention so that patterns are written once.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width ASCII (U+FF01–U+FF5E) → half-width; Chinese quotes and 、。《》 are not in the range.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SPACES = {ord(ch): " " for ch in "\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000\t\v\f"}
_INVISIBLE = {ord(ch): None for ch in "\ufeff\u200b\u200c\u200d\u2060\u00ad"}
_DASHES = {ord("－"): "-", ord("—"): "—", ord("～"): "~", ord("〜"): "~"}
TRANSLATION = {**_FULLWIDTH, **_SPACES, **_INVISIBLE, **_DASHES}
# The same mapping as one regex substitution: str.translate looks every character up in the
# dict (slow on long texts); a character class skips what needs no change at C speed.
_REPLACED = {chr(cp): "" if to is None else to if isinstance(to, str) else chr(to) for cp, to in TRANSLATION.items()}
_TRANSLATED = re.compile("[" + re.escape("".join(_REPLACED)) + "]")

SPACE_RUN = re.compile(r" {2,}")  # runs of spaces → one
BLANK_LINES = re.compile(r"\n\s*\n+")  # empty lines carry no structure of their own
# An office title then a name broken by separators: 区长;高;香 / 区长 王 华 → 区长高香 / 区长王华.
TITLE_NAME = re.compile(
    r"(?=[代区副主市县省旗])"  # the first characters of the titles: a cheap test at every position
    r"(?P<title>(?:代理|代)?(?:区长|副区长|主任|市长|县长|省长|旗长|主席))"
    r"(?P<name>[;；:：,，·•\s]*[\u4e00-\u9fff](?:[;；·•\s]*[\u4e00-\u9fff]){1,3})"
    r"(?=[;；\s]*(?:各位|主任、|$|\n))"
)
NAME_SEPARATORS = re.compile(r"[;；:：,，·•\s]")
# A title set in spaced characters on its own line: 政 府 工 作 报 告 → 政府工作报告.
SPACED_LINE = re.compile(r"^(?:[\u4e00-\u9fff] ){2,}[\u4e00-\u9fff]$", re.MULTILINE)


# A site's watermark: the same short Latin token glued to the end of many lines (…新跨越。bhg,
# 各位代表:bhg), and elsewhere only before a space (a summary line of the page); it hides the
# sentence ends that later stages read.
WATERMARK = re.compile(r"(?<=[^\sA-Za-z0-9._/-])[A-Za-z0-9]{3}$", re.MULTILINE)
WATERMARK_MIN = 3  # lines a token must end to be a watermark


def strip_watermarks(text: str) -> str:
    r"""``text`` without a token that ends at least three lines and stands nowhere but before a
    line end or a space.

    >>> strip_watermarks("政府工作报告GG6 各位代表:GG6\n各位代表:GG6\n现在,我代表市人民政府。GG6\n回顾GG6\nGDP增长8%")
    '政府工作报告 各位代表:\n各位代表:\n现在,我代表市人民政府。\n回顾\nGDP增长8%'
    """
    ends: dict[str, int] = {}
    for m in WATERMARK.finditer(text):
        ends[m.group()] = ends.get(m.group(), 0) + 1
    out = text
    for token, n in sorted(ends.items()):
        if n < WATERMARK_MIN:
            continue
        glued = re.compile(rf"(?<=[^\sA-Za-z0-9._/-]){token}(?=\s|$)", re.MULTILINE)
        if len(glued.findall(out)) == out.count(token):
            out = glued.sub("", out)
    return out


def _join_name(match: re.Match[str]) -> str:
    return match.group("title") + NAME_SEPARATORS.sub("", match.group("name"))


def clean_text(text: str) -> str:
    """Normalise typography: line ends, full-width ASCII, spaces, broken names.

    >>> clean_text("上海市嘉定区区长;高;香各位代表：现在，")
    '上海市嘉定区区长高香各位代表:现在,'
    >>> clean_text("上海市徐汇区区长 王 华\\r\\n\\r\\n二o二四年工作回顾")
    '上海市徐汇区区长王华\\n二o二四年工作回顾'
    >>> clean_text("政 府 工 作 报 告\\n自治区主席 韦 韬")
    '政府工作报告\\n自治区主席韦韬'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRANSLATED.sub(lambda m: _REPLACED[m.group()], unicodedata.normalize("NFC", text))
    text = SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))  # spaces at line edges
    text = BLANK_LINES.sub("\n", text)
    text = SPACED_LINE.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = TITLE_NAME.sub(_join_name, strip_watermarks(text))
    return text.strip("\n ")


# Soft line breaks: the text layer of a PDF or a web page breaks lines inside sentences, words
# and numbers (地方一\n般公共预算收入, 下\n降0.3%, 从\n497.8\n亿元). A break is a paragraph end when
# the line before ends a sentence; headings, captions and the header keep their own lines.
_CN = "一二三四五六七八九十"
SENTENCE_FINAL = re.compile(r"[。!?;:…][”」』)】》\"']*$")
HEADING_START = re.compile(
    rf"^(?:第[{_CN}]{{1,3}}部分|【[{_CN}]{{1,3}}】|[{_CN}]{{1,3}}、|\([{_CN}]{{1,3}}\)|\d{{1,2}}[.、](?!\d)"
    r"|[—•·●▪■◆►◇○*]|各位|附件|名词解释|[表图]\d)")
SALUTATION = re.compile(r"^各位代表")
# A line never starts with these: the break is inside a clause.
CONTINUATION = re.compile(r"^[,、。;:%)）]")
SIGN_END = re.compile(r"[-+]$")  # 增长-\n39.7%
BARE_NUMBER = re.compile(r"^-?\d[\d.,]*%?$")  # a number alone on its line (a PDF's text layer)
FIGURE_END = re.compile(r"(?:\d|%|元|人|个|家|项)$")
WRAPPED_MIN = 20  # a line this long that ends mid-sentence is a wrapped line of a paragraph
HEADER_DATE_BREAK = re.compile(r"(?:\d\n[年月日]|[年月]\n\d)")  # 2021\n年 / 年\n2
# A number broken by the wrap: 固定资产投资25\n0.3亿元, 外贸出口2\n.5亿美元, 4406.\n3亿元.
DIGIT_END = re.compile(r"\d\.?$")
NUMBER_ON = re.compile(r"^\.?\d")
# A document site's preview prints each page as one long line numbered 1、 2、 3、 …; a page that
# ends inside a sentence (4406.\n2、3亿元) goes on after the next page's number.
PAGE_MARK = re.compile(r"^(?P<n>\d{1,3})、")
PAGE_MIN = 200  # a numbered line this long is a page of such a preview, not a list item
# A long paragraph line with sentences of its own that stops mid-word (…由“十五”末的\n12.8亿元):
# a page or a column broke it, in a text whose other lines end their sentences.
BROKEN_MIN = 80
MID_WORD_END = re.compile(r"[\u4e00-\u9fff“](?<![元人个家项])$")
INNER_SENTENCE = re.compile(r"[。;!?]")


def is_wrapped(lines: list[str]) -> bool:
    """True for a text whose long lines mostly end mid-sentence: a fixed-width layout."""
    long = [line for line in lines if len(line) >= WRAPPED_MIN and "|" not in line]
    soft = [line for line in long if not SENTENCE_FINAL.search(line)]
    return len(long) >= 5 and len(soft) >= 0.6 * len(long)


def _broken_paragraph(prev: str, nxt: str) -> bool:
    """True when a long line with sentences of its own stops inside a word or a number that the
    next line ends (…由“十五”末的\n12.8亿元, 生产总值4406.\n3亿元): a page broke it."""
    if len(prev) < BROKEN_MIN or not INNER_SENTENCE.search(prev):
        return False
    if DIGIT_END.search(prev):
        return bool(NUMBER_ON.match(nxt))
    return bool(MID_WORD_END.search(prev))


def strip_page_marks(lines: list[str]) -> list[str]:
    """Lines without the page numbers of a preview whose pages are lines numbered 1、 2、 …, where a
    page ends inside a sentence (…生产总值4406.\n2、3亿元 → …4406.\n3亿元)."""
    out = list(lines)
    for i in range(1, len(lines)):
        mark, before = PAGE_MARK.match(lines[i]), PAGE_MARK.match(lines[i - 1])
        if mark and before and int(mark["n"]) == int(before["n"]) + 1 and len(lines[i - 1]) >= PAGE_MIN \
                and not SENTENCE_FINAL.search(lines[i - 1]):
            out[i] = lines[i][mark.end():]
    return out


def _soft_break(para: str, prev: str, nxt: str, wrapped: bool) -> bool:
    """True when the break between the line ``prev`` (of the paragraph whose first line is ``para``) and ``nxt``
    is inside a sentence."""
    if not prev or not nxt or "|" in prev or "|" in nxt or SENTENCE_FINAL.search(prev):
        return False
    if HEADING_START.match(nxt) or (HEADING_START.match(para) and not re.search(r"[。;]", para)):
        return False  # a heading or a caption on its own line
    if CONTINUATION.match(nxt) or SIGN_END.search(prev) or BARE_NUMBER.match(prev) or BARE_NUMBER.match(nxt):
        return True
    if wrapped and len(prev) >= WRAPPED_MIN and DIGIT_END.search(prev) and NUMBER_ON.match(nxt):
        return True  # 固定资产投资25\n0.3亿元: the wrap broke a number
    if _broken_paragraph(prev, nxt):
        return True
    # A line ending with a figure may be a table cell or a list item (…增长3.6%): kept.
    # A single character on its line is no heading: a word broken by the layout (规\n上工业产值).
    return wrapped and (len(prev) >= WRAPPED_MIN or len(prev) == 1) and not FIGURE_END.search(prev)


def join_soft_breaks(text: str) -> str:
    """Join lines broken inside a sentence, after the salutation (the header keeps its lines,
    except a date broken at its digits: 2021\\n年 → 2021年).

    >>> join_soft_breaks("各位代表:\\n地区生产总值从\\n497.8\\n亿元增加到\\n779\\n亿元\\n,年均增长7.3%。\\n二、任务")
    '各位代表:\\n地区生产总值从497.8亿元增加到779亿元,年均增长7.3%。\\n二、任务'
    >>> join_soft_breaks("2021\\n年\\n2\\n月\\n25\\n日在平湖市第十五届人民代表大会第五次会议上")
    '2021年2月25日在平湖市第十五届人民代表大会第五次会议上'
    """
    lines = strip_page_marks(text.split("\n"))
    wrapped = is_wrapped(lines)
    salutation = next((i for i, line in enumerate(lines[:40]) if SALUTATION.match(line)), None)
    if salutation is None:  # no salutation: the body starts at the first sentence
        salutation = next((i for i, line in enumerate(lines) if SENTENCE_FINAL.search(line)), len(lines))
    out: list[list[str]] = []  # the parts of each output line (joined once: linear in the text)
    for i, line in enumerate(lines):
        if out and i <= salutation:
            join = bool(line and HEADER_DATE_BREAK.match(lines[i - 1][-1:] + "\n" + line[:1]))
        else:
            join = bool(out) and i > salutation + 1 and _soft_break(out[-1][0], lines[i - 1], line, wrapped)
        if join:
            out[-1].append(line)
        else:
            out.append([line])
    return "\n".join("".join(parts) for parts in out)
