"""Chinese numerals as the article writes counts: 两, 三大, 十二, 二十, 一个 ...

Only what a count in running text needs (up to 千 and 万); enough to check that a
ledger row's ``value`` is the number its ``quote`` carries.
"""

from __future__ import annotations

import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMERAL_RUN = re.compile("[〇零一二两三四五六七八九十百千万]+")


def parse_chinese_numeral(text: str) -> int:
    """Parse a run such as 十二 (12), 二十 (20), 两 (2), 三百零五 (305).

    >>> parse_chinese_numeral("十二"), parse_chinese_numeral("二十"), parse_chinese_numeral("两")
    (12, 20, 2)
    """
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch == "万":
            section = (section + (digit or 0)) * 10000
            total += section
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + section + (digit or 0)


def numerals_in(text: str) -> list[int]:
    """Every Chinese-numeral value in ``text``, in order."""
    return [parse_chinese_numeral(m.group()) for m in NUMERAL_RUN.finditer(text)]
