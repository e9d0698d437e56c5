"""The numbers a quote carries, as a ledger row writes them: the check that a row's ``value``
is the number its ``quote`` carries, for the hand ledger and for a drafted one.

A quote may write a number as Arabic digits (``4800``, ``12,345``, full width ``１２``, ``4.28``,
``3千``), Chinese numerals (两, 兩, 十二, 三百零五, 一千二百, 两万三千, 一二三 digit by digit, 三点五,
三四 "three or four"),
before a scale word that the unit keeps (三千万元 is 3000 in 万元, 1.5亿元 is 1.5 in 亿元), as
百分之九十 (90%) or as a number of 成 (九成 = 90%, 五成七 = 57%). Standard library only: loading a ledger
never imports the draft's segmenter or converters.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
#: a Chinese number with its decimals (三点五) and the scale word or 成 after it, if any
CHINESE = re.compile("(?P<run>[〇零一二两三四五六七八九十百千万亿]+)(?:点(?P<frac>[〇零一二三四五六七八九]+))?")
ARABIC = re.compile(r"\d+(?:\.\d+)?(?P<times>[十百千](?![〇零一二两三四五六七八九]))?")
#: 三四 ("three or four"), 三四十: read as the lower value and 余
PAIR = re.compile("([一二三四五六七八九])([一二三四五六七八九])([十百千万]?)")
TRADITIONAL = str.maketrans("兩萬億點", "两万亿点")
SCALES = {"万": 10_000, "亿": 100_000_000}


def parse_chinese_numeral(text: str) -> int:
    """Parse a run such as 十二 (12), 二十 (20), 两 (2), 三百零五 (305), 两万三千 (23000), 一亿二千万.

    >>> parse_chinese_numeral("十二"), parse_chinese_numeral("二十"), parse_chinese_numeral("两")
    (12, 20, 2)
    """
    if "亿" in text:
        high, _, low = text.partition("亿")
        return (parse_chinese_numeral(high) if high else 1) * 10**8 + (parse_chinese_numeral(low) if low else 0)
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


def _chinese(run: str, frac: str | None) -> Decimal | None:
    if len(run) > 1 and all(ch in DIGITS for ch in run):  # 一二三, 二〇二〇: digit by digit
        whole = Decimal("".join(str(DIGITS[ch]) for ch in run))
    else:
        try:
            whole = Decimal(parse_chinese_numeral(run))
        except ValueError:
            return None
    return whole + Decimal("0." + "".join(str(DIGITS[ch]) for ch in frac)) if frac else whole


def values_in(quote: str) -> set[Decimal]:
    """Every value ``quote`` can carry as a ledger's ``value`` column writes it.

    >>> sorted(values_in("三千万元")), sorted(values_in("九成")), sorted(values_in("企业１２,３４５家"))
    ([Decimal('3000'), Decimal('30000000')], [Decimal('9'), Decimal('90')], [Decimal('12345')])
    >>> sorted(values_in("抽检8 652批次"))  # thousands set apart by a space (NFKC makes a no-break one a space)
    [Decimal('8652')]
    """
    text = unicodedata.normalize("NFKC", quote).translate(TRADITIONAL)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"(?<![\d.])(\d{1,3}(?: \d{3})+)(?![\d.,])", lambda m: m[1].replace(" ", ""), text)  # 538 300
    values = set()
    for m in re.finditer(r"(\d+)亿(\d{1,4})万", text):  # 52亿3400万元: 52.34 (亿元), as the draft writes it
        values.add(Decimal(m[1]) + Decimal(m[2]) / 10_000)
    for m in re.finditer(r"(\d+)万(\d{1,4})(?![\d.万亿])", text):  # 8萬6,420人: 86420, as the draft writes it
        values.add(Decimal(m[1]) * 10_000 + Decimal(m[2]))
    for m in ARABIC.finditer(text):  # 4800, 4.28, 3千 (3000)
        number = m.group().removesuffix(m["times"] or "")
        values.add(Decimal(number) * (UNITS[m["times"]] if m["times"] else 1))
    for m in re.finditer(r"(\d)成([\d半])?", text):  # 6成半: 65 (%); 1成2: 12 (%), as the draft writes them
        values.add(Decimal(m[1]) * 10 + (5 if m[2] == "半" else int(m[2] or 0)))
    for m in CHINESE.finditer(text):
        run = m["run"]
        if m.start() and text[m.start() - 1].isdigit():  # 3千万元: the 千 was read with the 3
            continue
        if run in SCALES:  # 万 or 亿 alone: a scale word after Arabic digits (150余万元)
            continue
        value = _chinese(run, m["frac"])
        if value is None:
            continue
        values.add(value)
        if run[-1] in SCALES and not m["frac"]:  # 三千万元: 3000 in 万元
            values.add(value / SCALES[run[-1]])
        if text[m.end():m.end() + 1] == "成":  # 九成: 90%; 五成七: 57%
            tenth = 5 if text[m.end() + 1:m.end() + 2] == "半" else DIGITS.get(text[m.end() + 1:m.end() + 2], 0)
            values.add(value * 10 + tenth)
        pair = PAIR.fullmatch(run)
        if pair and DIGITS[pair[2]] == DIGITS[pair[1]] + 1:
            values.add(Decimal(DIGITS[pair[1]] * (UNITS[pair[3]] if pair[3] else 1)))
    return values
