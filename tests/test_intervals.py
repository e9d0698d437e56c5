"""The interval convention for each qualifier, and the half-open rounding interval."""

from decimal import Decimal
from fractions import Fraction as F

import pytest

from recount.intervals import QUALIFIERS, Interval, cited_interval, figure_interval, step


@pytest.mark.parametrize("value, expected", [("7000", 1000), ("4300", 100), ("150", 10), ("5914", 1),
                                             ("11000", 1000), ("0.5", F(1, 10)), ("98", 1), ("100", 100)])
def test_step_is_one_unit_of_the_last_named_digit(value, expected):
    assert step(Decimal(value)) == expected


@pytest.mark.parametrize("value, qualifier, low, high", [
    ("7000", "余", 7000, 8000),
    ("150", "余", 150, 160),      # 150余万 -> 1.5-1.6 million
    ("5914", "万余", 5914, 5915),  # 5914万余 -> 59.14-59.15 million
    ("700", "多", 700, 800),
    ("360", "超过", 360, None),
    ("300", "近", 200, 300),
    ("98", "左右", 97, 99),
    ("5000", "预计", 5000, 5000),
    ("4800", "exact", 4800, 4800),
])
def test_each_qualifier_is_an_interval(value, qualifier, low, high):
    iv = figure_interval(Decimal(value), qualifier)
    assert (iv.low, iv.high) == (low, high)


def test_the_methods_page_prints_every_qualifiers_rule():
    import html
    import re

    from recount.publish import render

    table = render.qualifiers_table().data
    for q, (name, rule, example) in QUALIFIERS.items():
        figure_interval(Decimal("100"), q)  # every documented qualifier is one the code applies
        assert rule in html.unescape(re.sub(r"<[^>]+>", "", table)), q


def test_cited_interval_is_half_open_at_the_rounding_half():
    iv = cited_interval("83")
    assert (iv.low, iv.high, iv.high_open) == (F(165, 2), F(167, 2), True)
    assert iv.contains(F(165, 2))       # 82.5 rounds half-up to 83
    assert not iv.contains(F(167, 2))   # 83.5 rounds half-up to 84
    two = cited_interval("76.23")
    assert (two.low, two.high) == (F(76225, 1000), F(76235, 1000))


def test_ratio_of_approximate_counts_takes_the_widest_bounds():
    iv = Interval(F(4300), F(4400)).ratio(Interval(F(7000), F(8000)))
    assert (iv.low, iv.high) == (F(4300, 8000), F(4400, 7000))


def test_unbounded_numerator_gives_unbounded_ratio():
    iv = Interval(F(360), None).ratio(Interval.point(1000))
    assert iv.low == F(360, 1000) and iv.high is None


@pytest.mark.parametrize("text, low, high", [
    ("82.57", F(82565, 1000), F(82575, 1000)),
    ("0.5", F(45, 100), F(55, 100)),
    ("1.50", F(1495, 1000), F(1505, 1000)),
])
def test_a_figure_written_with_decimals_stands_for_its_rounding_interval(text, low, high):
    iv = figure_interval(Decimal(text), "exact")
    assert (iv.low, iv.high, iv.high_open) == (low, high, True)
    assert figure_interval(Decimal("4800"), "exact").is_point


def test_a_rounded_figure_stands_for_half_a_step_either_side():
    iv = figure_interval(Decimal("5000"), "rounded")
    assert (iv.low, iv.high, iv.high_open) == (4500, 5500, True)


def test_a_rate_built_on_a_decimal_figure_is_an_interval():
    amount = figure_interval(Decimal("1.5"), "exact").scale(10_000)   # 1.5万元 -> [14,500, 15,500) 元
    share = Interval.point(3000).ratio(amount).scale(100)
    assert not share.is_point and (share.low, share.high) == (F(300000, 15500), F(300000, 14500))
