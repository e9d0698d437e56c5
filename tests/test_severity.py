"""How far off an inconsistent rate is: the distance from the cited band, the count that would have
made it true, and whether the miss is a rounding slip or material (on tests/fixtures/hotline)."""

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from recount.report import Report
from recount.severity import MATERIAL, ROUNDING, miss
from recount.verdict import evaluate, round_half_up


def _cite(ledger, fid, text):
    f = ledger.figures[fid]
    return replace(ledger, figures={**ledger.figures, fid: replace(f, value_text=text, value=Decimal(text))})


def _misses(ledger):
    return {r.rate.id: miss(r) for r in evaluate(ledger) if miss(r) is not None}


def test_only_the_inconsistent_rate_misses_and_by_how_much(hotline):
    m = _misses(hotline)
    assert set(m) == {"west_rate"}
    west = m["west_rate"]  # 2500 / 2800 = 89.29% against 92% = [91.5, 92.5)
    assert west.direction == "below" and west.level == MATERIAL
    assert west.miss_pp == Fraction(183, 2) - Fraction(250000, 2800)
    assert (west.needed, west.base, west.more) == (2562, 2800, 62)


def test_the_needed_count_is_the_smallest_that_rounds_to_the_cited_figure(hotline):
    m = _misses(hotline)["west_rate"]
    assert round_half_up(Fraction(100 * m.needed) / m.base, 0) == 92
    assert round_half_up(Fraction(100 * (m.needed - 1)) / m.base, 0) < 92


def test_a_miss_of_one_unit_is_a_rounding_slip(hotline):
    ledger = _cite(hotline, "west_share", "90")   # 89.29% rounds to 89: one unit off
    assert _misses(ledger)["west_rate"].level == ROUNDING
    record = next(r for r in Report(ledger).rate_records() if r["id"] == "west_rate")
    assert record["claim_miss_level"] == ROUNDING
    assert _misses(_cite(hotline, "west_share", "91"))["west_rate"].level == MATERIAL


def test_a_rate_cited_too_low_needs_fewer(hotline):
    m = _misses(_cite(hotline, "west_share", "85"))["west_rate"]
    assert m.direction == "above" and m.miss_pp == Fraction(250000, 2800) - Fraction(171, 2)
    assert round_half_up(Fraction(100 * m.needed) / 2800, 0) == 85
    assert round_half_up(Fraction(100 * (m.needed + 1)) / 2800, 0) > 85
    assert m.more == 2500 - m.needed


def test_check_json_and_table_carry_the_miss(cli, hotline_dir):
    import json

    doc = json.loads(cli("check", "--data", str(hotline_dir), "--format", "json").stdout)
    rates = {r["id"]: r for r in doc["rates"]}
    west = rates["west_rate"]
    assert (west["miss_level"], west["needed_numerator"], west["needed_text"]) == ("material", 2562, "2,562 of 2,800")
    assert round(west["miss_pp"], 2) == 2.21 and west["claim_miss_level"] == "material"
    assert rates["east_rate"]["miss_pp"] is None
    line = next(ln for ln in cli("check", "--data", str(hotline_dir)).stdout.splitlines() if ln.startswith("west_rate"))
    assert "-2.21pp material, 2,562 of 2,800" in line
