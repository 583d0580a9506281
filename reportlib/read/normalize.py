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

SPACE_RUN = re.compile(r" {2,}")  # runs of spaces → one
BLANK_LINES = re.compile(r"\n\s*\n+")  # empty lines carry no structure of their own
LINE_EDGES = re.compile(r"^ +| +$", re.MULTILINE)
# An office title then a name broken by separators: 区长;高;香 / 区长 王 华 → 区长高香 / 区长王华.
TITLE_NAME = re.compile(
    r"(?P<title>(?:代理|代)?(?:区长|副区长|主任|市长|县长|省长|旗长|主席))"
    r"(?P<name>[;；:：,，·•\s]*[\u4e00-\u9fff](?:[;；·•\s]*[\u4e00-\u9fff]){1,3})"
    r"(?=[;；\s]*(?:各位|主任、|$|\n))"
)
NAME_SEPARATORS = re.compile(r"[;；:：,，·•\s]")
# A title set in spaced characters on its own line: 政 府 工 作 报 告 → 政府工作报告.
SPACED_LINE = re.compile(r"^(?:[\u4e00-\u9fff] ){2,}[\u4e00-\u9fff]$", re.MULTILINE)


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
    text = unicodedata.normalize("NFC", text).translate(TRANSLATION)
    text = SPACE_RUN.sub(" ", text)
    text = LINE_EDGES.sub("", text)
    text = BLANK_LINES.sub("\n", text)
    text = SPACED_LINE.sub(lambda m: m.group(0).replace(" ", ""), text)
    text = TITLE_NAME.sub(_join_name, text)
    return text.strip("\n ")
