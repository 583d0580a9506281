"""Chinese numerals and years: 二o二四年 → 2024, 一百二十 → 120, 3.5万 → 35000.

Reports write years digit by digit in Chinese (二〇二四, with o/O/零/〇/○ for zero) and
amounts with 万/亿 multipliers; both must become numbers before anything is compared.
"""

from __future__ import annotations

import re

DIGITS = {
    "〇": 0, "○": 0, "零": 0, "o": 0, "O": 0, "0": 0, "О": 0, "Ｏ": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

ZERO_CHARS = "〇○零oOО0Ｏ"
CN_DIGIT_CHARS = "一二三四五六七八九" + ZERO_CHARS
# A year written digit by digit in Chinese: 二〇二四年, 二o二五年, 二零二五年.
CN_YEAR = re.compile(rf"([一二][{CN_DIGIT_CHARS}]{{3}})(?=年)")
CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def cn_year_to_int(text: str) -> int | None:
    """Read a year written digit by digit in Chinese.

    >>> cn_year_to_int("二o二四")
    2024
    >>> cn_year_to_int("二零二五")
    2025
    """
    if len(text) != 4 or any(ch not in DIGITS for ch in text):
        return None
    year = int("".join(str(DIGITS[ch]) for ch in text))
    return year if 1949 <= year <= 2100 else None


def replace_cn_years(text: str) -> str:
    """Rewrite Chinese-numeral years as digits, keeping the text's length unchanged.

    >>> replace_cn_years("二o二四年工作回顾")
    '2024年工作回顾'
    """
    def repl(match: re.Match[str]) -> str:
        year = cn_year_to_int(match.group(1))
        return str(year) if year else match.group(1)

    return CN_YEAR.sub(repl, text)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十六, 三十七, 一百零五, 两千, 三万.

    >>> cn_to_int("十六"), cn_to_int("三十七"), cn_to_int("一百零五")
    (16, 37, 105)
    """
    if not text or any(ch not in DIGITS and ch not in UNITS and ch not in BIG_UNITS
                       for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """Value of a number as the reports write it: 583.1, 1,234, 十二, 3.5万 (→ 35000.0).

    >>> parse_number("1,234.5"), parse_number("二十"), parse_number("3.5万")
    (1234.5, 20.0, 35000.0)
    """
    text = text.replace(",", "").strip()
    mult = 1
    while text and text[-1] in BIG_UNITS and not CN_NUMBER.fullmatch(text):
        mult *= BIG_UNITS[text[-1]]
        text = text[:-1]
    try:
        return float(text) * mult
    except ValueError:
        value = cn_to_int(text)
        return float(value * mult) if value is not None else None
