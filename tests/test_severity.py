"""How far off an inconsistent rate is: the distance from the cited band, the count that would have
made it true, and whether the miss is a rounding slip or material."""

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from recount.ledger import load_ledger
from recount.report import Report
from recount.severity import MATERIAL, ROUNDING, miss
from recount.verdict import evaluate, round_half_up


def _cite(ledger, fid, text):
    f = ledger.figures[fid]
    return replace(ledger, figures={**ledger.figures, fid: replace(f, value_text=text, value=Decimal(text))})


def _misses(ledger):
    return {r.rate.id: miss(r) for r in evaluate(ledger) if miss(r) is not None}


def test_xiaobanqiao_misses_its_band_materially_under_every_reading():
    m = _misses(load_ledger())
    assert set(m) == {"xbq_rate_firms", "xbq_rate_shops", "xbq_rate_all"}
    firms = m["xbq_rate_firms"]
    assert firms.direction == "below" and firms.level == MATERIAL
    assert firms.miss_pp == Fraction(175, 2) - Fraction(480000, 5852)
    assert (firms.needed, firms.base, firms.more) == (5121, 5852, 321)
    assert (m["xbq_rate_shops"].needed, m["xbq_rate_all"].needed) == (13806, 18927)


def test_the_needed_count_is_the_smallest_that_rounds_to_the_cited_figure():
    for mm in _misses(load_ledger()).values():
        assert round_half_up(Fraction(100 * mm.needed) / mm.base, 0) == 88
        assert round_half_up(Fraction(100 * (mm.needed - 1)) / mm.base, 0) < 88


def test_a_miss_of_one_unit_is_a_rounding_slip():
    ledger = _cite(load_ledger(), "xbq_reopen_rate", "83")   # 82.02% rounds to 82: one unit off
    m = _misses(ledger)["xbq_rate_firms"]
    assert m.level == ROUNDING
    assert Report(ledger).rate_records()[5]["claim_miss_level"] == ROUNDING
    assert _misses(_cite(load_ledger(), "xbq_reopen_rate", "84"))["xbq_rate_firms"].level == MATERIAL


def test_a_rate_cited_too_low_needs_fewer():
    m = _misses(_cite(load_ledger(), "xbq_reopen_rate", "75"))["xbq_rate_firms"]
    assert m.direction == "above" and m.miss_pp == Fraction(480000, 5852) - Fraction(151, 2)
    assert round_half_up(Fraction(100 * m.needed) / 5852, 0) == 75
    assert round_half_up(Fraction(100 * (m.needed + 1)) / 5852, 0) > 75
    assert m.more == 4800 - m.needed


def test_check_json_carries_the_miss(cli):
    import json

    doc = json.loads(cli("check", "--format", "json").stdout)
    rates = {r["id"]: r for r in doc["rates"]}
    firms = rates["xbq_rate_firms"]
    assert (firms["miss_level"], firms["needed_numerator"], firms["needed_text"]) == ("material", 5121, "5,121 of 5,852")
    assert round(firms["miss_pp"], 2) == 5.48 and firms["claim_miss_level"] == "material"
    assert rates["district_rate"]["miss_pp"] is None


def test_check_table_shows_how_far_off(cli):
    out = cli("check").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("xbq_rate_firms"))
    assert "-5.48pp material, 5,121 of 5,852" in line
