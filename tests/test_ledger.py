"""The ledger itself, on the tests' own small ledger (tests/fixtures/hotline): what loading checks,
converts and writes out. The published book's own ledger is pinned in tests/test_golden_book.py."""

from fractions import Fraction

import pytest

from recount.errors import InputError
from recount.ledger import load_ledger


def test_every_stated_percentage_has_a_rate_row(hotline):
    percents = {f.id for f in hotline.figures.values() if f.unit == "%"}
    assert percents == {r.cited for r in hotline.rates if r.cited}
    assert len(percents) == 7


def test_every_quote_anchors_once_where_it_is(hotline):
    for f in hotline.figures.values():
        assert hotline.source.count(f.quote) == 1, f.id
        assert hotline.source[f.start:f.start + len(f.quote)] == f.quote


def test_amounts_in_wan_yuan_are_converted_by_code(hotline):
    f = hotline.figures["running_cost"]  # 150余万元
    assert (f.value_text, f.unit, f.qualifier) == ("150", "万元", "余")
    assert (f.base_interval.low, f.base_interval.high, f.base_unit) == (1_500_000, 1_600_000, "元")


def test_a_qualified_figure_stands_for_its_interval(hotline):
    visited = hotline.figures["visited"]  # 2000余人
    assert (visited.interval.low, visited.interval.high) == (Fraction(2000), Fraction(3000))
    assert hotline.figures["calls"].interval.is_point


def test_derived_rates_are_the_rows_without_a_cited_figure(hotline):
    assert [r.id for r in hotline.rates if r.cited is None] == ["east_of_calls"]


def test_a_value_the_quote_does_not_carry_is_refused_at_its_cell(hotline_dir):
    path = hotline_dir / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("共受理来电12000件,12000", "共受理来电12000件,1200"),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_ledger(hotline_dir)
    assert "figures.csv, line 2, column 'value'" in str(err.value) and "1200" in str(err.value)
