"""Measure words (量词) and what a unit counts: one table for the ledger and the draft.

A unit is an optional scale word (万, 亿) followed by a measure word: 家, 万元,
亿元, 万人, %, 个百分点. :func:`unit_info` gives its kind, base unit and factor
to the base unit; :func:`recount.ledger.load_figures` converts every figure with
it, and the draft (:mod:`recount.draft.figures`) reads units with the same table.

An age (岁) is a kind of its own, never a count.

Counts of businesses, households or places (家, 户, 个, 所, 间, 座, 处) count
the same things in news text ("企业5852户", "已复工企业4800家"), and so do 人,
名, 位: :func:`compatible` lets those stand for one another; every other unit
only matches itself (after scale: 万元 with 元 with 亿元).
"""

from __future__ import annotations

from functools import lru_cache

#: measure word -> kind
MEASURE_WORDS: dict[str, str] = {
    **{w: "count" for w in (
        "家", "户", "个", "所", "间", "座", "处", "名", "人", "位", "人次", "条", "场", "期", "次", "项",
        "张", "类", "件", "台", "辆", "架", "艘", "套", "栋", "幢", "只", "头", "份", "批", "支", "组",
        "笔", "宗", "起", "例", "床", "册", "本", "篇", "部", "款", "种", "届", "轮", "片", "根", "棵",
        "株", "块", "道", "门", "趟", "班", "列", "剂", "剂次", "针", "车次", "架次", "户次", "家次", "个体户",
        "批次")},
    **{w: "amount" for w in ("元", "美元", "港元", "欧元", "块钱")},
    **{w: "duration" for w in ("小时", "个小时", "天", "日", "周", "个月", "月", "年", "分钟", "秒", "工作日", "个工作日")},
    **{w: "measure" for w in (
        "吨", "公斤", "千克", "斤", "克", "亩", "公顷", "平方米", "平方公里", "立方米", "米", "公里", "千米",
        "千瓦", "千瓦时", "度", "升", "毫升", "倍")},
    "岁": "age", "周岁": "age",
    "%": "percent", "‰": "permille", "个百分点": "points", "百分点": "points",
}
#: the draft writes these measure words as the ledger does
CANONICAL = {"个月": "月", "个小时": "小时", "个工作日": "工作日", "百分点": "个百分点", "批次": "批"}
SCALES = {"万": 10_000, "亿": 100_000_000, "万亿": 10**12}
#: measure words that count the same kind of thing in news text: firms, households and places; people.
#: 人次 (visits) stands apart from 人 (people), and money only matches money.
SAME_THINGS = ({"家", "户", "个", "所", "间", "座", "处", "个体户"}, {"人", "名", "位"})
#: the kinds of unit whose counts can be numerator and denominator of a rate
COUNT_KINDS = ("count", "amount", "measure")
#: measure words ordered longest first, for matching at a position
BY_LENGTH = sorted(MEASURE_WORDS, key=len, reverse=True)


@lru_cache(maxsize=512)
def split_unit(unit: str) -> tuple[int, str]:
    """``"万元"`` -> ``(10000, "元")``; ``"家"`` -> ``(1, "家")``."""
    for scale in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(scale) and unit != scale:
            return SCALES[scale], unit[len(scale):]
    if unit in SCALES:
        return SCALES[unit], ""
    return 1, unit


@lru_cache(maxsize=512)
def unit_info(unit: str) -> tuple[str, str, int] | None:
    """(kind, base unit, factor): ``"万元"`` -> ``("amount", "元", 10000)``; None if unknown."""
    factor, word = split_unit(unit)
    if word == "":
        return ("number", "", factor)
    kind = MEASURE_WORDS.get(word)
    if kind is None:
        return None
    if kind in ("percent", "permille", "points") and factor != 1:
        return None
    return (kind, CANONICAL.get(word, word), factor)


@lru_cache(maxsize=512)
def compatible(unit_a: str, unit_b: str) -> bool:
    """Whether counts in these two units can be numerator and denominator of one rate."""
    a, b = unit_info(unit_a), unit_info(unit_b)
    if a is None or b is None or a[0] not in COUNT_KINDS or a[0] != b[0]:
        return False
    if a[1] == b[1]:
        return True
    return any(a[1] in group and b[1] in group for group in SAME_THINGS)
