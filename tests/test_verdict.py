"""The verdict rule: half-up rounding, intervals, readings."""

from decimal import Decimal
from fractions import Fraction as F

import pytest

from types import SimpleNamespace

from recount.intervals import Interval, cited_interval
from recount.ledger import load_ledger
from recount.verdict import claim_verdict, evaluate, round_half_up

P = Interval.point


def verdict_for(numerator: Interval | None, denominator: Interval | None, cited: str | None) -> str:
    """The library's rule for a one-reading claim: the recomputed interval against the cited one."""
    fits = None
    if numerator is not None and cited is not None:
        fits = numerator.ratio(denominator).scale(100).intersects(cited_interval(cited))
    return claim_verdict(SimpleNamespace(cited=cited), [fits])


@pytest.mark.parametrize("x, d, expected", [
    (F(165, 2), 0, "83"),          # an exact half goes up
    (F(1645, 20), 0, "82"),        # 82.25
    (F(2675, 1000), 2, "2.68"),    # a half that binary floats misplace (round(2.675, 2) == 2.67)
    (F(5, 2), 0, "3"),             # Python's round(2.5) == 2 (half to even); 四舍五入 gives 3
    (F(7, 2), 0, "4"),
    (F(76234, 1000), 2, "76.23"),
    (F(82565, 1000), 2, "82.57"),
])
def test_round_half_up(x, d, expected):
    assert str(round_half_up(x, d)) == expected


def test_round_half_up_differs_from_python_round_on_halves():
    assert round(2.5) == 2 and str(round_half_up(F(5, 2), 0)) == "3"
    assert round(2.675, 2) == 2.67 and str(round_half_up(F(2675, 1000), 2)) == "2.68"


def test_exact_half_below_is_consistent_and_exact_half_above_is_not():
    # 165/200 = 82.5% rounds half-up to 83%; 167/200 = 83.5% rounds to 84%
    assert verdict_for(P(165), P(200), "83") == "consistent"
    assert verdict_for(P(167), P(200), "83") == "inconsistent"
    assert verdict_for(P(1669), P(2000), "83") == "consistent"  # 83.45


def test_two_decimal_edges():
    # 76.225% exactly -> 76.23; 76.235% -> 76.24
    assert verdict_for(P(76225), P(100000), "76.23") == "consistent"
    assert verdict_for(P(76235), P(100000), "76.23") == "inconsistent"
    assert verdict_for(P(76224), P(100000), "76.23") == "inconsistent"


def test_approximate_counts_are_consistent_if_any_value_fits():
    # [4300, 4400] / [7000, 8000] spans 53.75%..62.86%
    assert verdict_for(Interval(F(4300), F(4400)), Interval(F(7000), F(8000)), "60") == "consistent"
    assert verdict_for(Interval(F(4300), F(4400)), Interval(F(7000), F(8000)), "70") == "inconsistent"


def test_no_counts_is_unverifiable_and_no_cited_value_is_derived():
    assert verdict_for(None, None, "92") == "unverifiable"
    assert verdict_for(P(1), P(2), None) == "derived"


def test_each_rate_is_recomputed_from_its_counts_as_a_calculator_would(hotline):
    results = {r.rate.id: r for r in evaluate(hotline)}
    assert results["west_rate"].arithmetic() == "2500 / 2800 = 89.29% → 89%"
    assert results["east_of_calls"].arithmetic() == "3200 / 12000 = 26.6667% → 26.67%"
    assert results["consult_rate"].recomputed_text() == "60%"
    assert results["west_rate"].recomputed.low == F(2500 * 100, 2800)
    assert results["satisfied_rate"].recomputed is None


def test_each_verdict_follows_from_the_counts(hotline):
    verdicts = {r.rate.id: r.verdict for r in evaluate(hotline)}
    assert verdicts == {"consult_rate": "consistent", "help_rate": "consistent", "complaint_rate": "consistent",
                        "closed_rate": "consistent", "east_rate": "consistent", "west_rate": "inconsistent",
                        "satisfied_rate": "unverifiable", "east_of_calls": "derived"}


def test_one_fitting_reading_makes_the_claim_consistent(hotline_dir):
    path = hotline_dir / "rates.csv"
    before = [r for r in evaluate(load_ledger(hotline_dir)) if r.rate.cited == "west_share"]
    assert [r.fits for r in before] == [False] and before[0].verdict == "inconsistent"
    # a made-up second reading that fits 92%: 2800 / 3040 = 92.11%, which rounds half-up to 92%
    path.write_text(path.read_text(encoding="utf-8")
                    + "west_rate_other,2,west_calls,east_closed,west_share,another base,consistent,test\n",
                    encoding="utf-8")
    results = [r for r in evaluate(load_ledger(hotline_dir)) if r.rate.cited == "west_share"]
    assert [r.fits for r in results] == [False, True]
    assert {r.verdict for r in results} == {"consistent"}


@pytest.mark.parametrize("num, den, decimals, expected", [
    (4800, 5852, 0, "4800 / 5852 = 82.02% → 82%"),
    # 45.3498%: to three places it would read 45.350, which rounds up to 45.4, not to the 45.3 it is
    (19870, 43815, 1, "19870 / 43815 = 45.3498% → 45.3%"),
])
def test_the_shown_division_never_rounds_to_another_rate_than_it_gives(num, den, decimals, expected):
    from recount.verdict import RateResult

    rec = P(F(num)).ratio(P(F(den))).scale(100)
    r = RateResult(rate=None, cited=SimpleNamespace(decimals=decimals), cited_interval=None, numerator=P(F(num)),
                   denominator=P(F(den)), recomputed=rec, fits=False, verdict="inconsistent")
    assert r.arithmetic() == expected
