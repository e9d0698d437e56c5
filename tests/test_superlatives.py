"""Superlatives, "all" claims and totals: every one in the article is listed, and each reading is a
test on the figures of the same kind that fails when the figures are changed to break it."""

import re
from dataclasses import replace
from fractions import Fraction

from recount.intervals import Interval
from recount.ledger import load_ledger
from recount.superlatives import check_all, check_claim

#: the words of a superlative or a total; every one in the article is a row of superlatives.csv
SUPERLATIVE_WORDS = re.compile(r"最|首创|首先|率先|全部|全面|全体|全区|全市|全省|全线|全类型|全流程|全程|全覆盖|均|每|都|"
                               r"完全|大多|合计|共计|累计|总额")


def _result(ledger, claim_id):
    return check_claim(next(s for s in ledger.superlatives if s.id == claim_id), ledger)


def _with_figure(ledger, fid, low, high=None):
    """A copy of the ledger whose figure ``fid`` stands for [low, high] (in its unit as written)."""
    f = ledger.figures[fid]
    iv = Interval(Fraction(low), Fraction(low if high is None else high))
    return replace(ledger, figures={**ledger.figures, fid: replace(f, interval=iv)})


def _with_strength(ledger, reading_id, strength):
    readings = [replace(r, strength=strength) if r.id == reading_id else r for r in ledger.superlative_readings]
    return replace(ledger, superlative_readings=readings)


def test_every_superlative_word_of_the_article_is_listed():
    ledger = load_ledger()
    spans = [(s.start, s.start + len(s.quote)) for s in ledger.superlatives]
    missed = [(m.group(), ledger.source[max(m.start() - 8, 0):m.end() + 8])
              for m in SUPERLATIVE_WORDS.finditer(ledger.source)
              if not any(a <= m.start() and m.end() <= b for a, b in spans)]
    assert not missed, missed


def test_the_superlative_census_fails_when_a_row_is_dropped():
    ledger = load_ledger()
    dropped = replace(ledger, superlatives=[s for s in ledger.superlatives if s.id != "xbq_most"])
    spans = [(s.start, s.start + len(s.quote)) for s in dropped.superlatives]
    missed = [m.group() for m in SUPERLATIVE_WORDS.finditer(dropped.source)
              if not any(a <= m.start() and m.end() <= b for a, b in spans)]
    assert missed == ["最"]


def test_every_superlative_has_its_expected_result():
    results = check_all(load_ledger())
    assert all(r.matches_expected for r in results), [(r.claim.id, r.result) for r in results if not r.matches_expected]


def test_xiaobanqiao_has_fewer_firms_than_guandu_sub_district():
    r = _result(load_ledger(), "xbq_most")
    by_id = {x.reading.id: x for x in r.readings}
    firms = by_id["xbq_most_firms"]
    assert firms.result == "fail"
    assert "5,852 < 7,000 to 8,000" in firms.arithmetic
    assert firms.needed.startswith("at least 7,000, 1,148 more")
    assert all(by_id[k].result == "pass" for k in ("xbq_most_individual", "xbq_most_both", "xbq_most_markets"))
    assert r.result == "tension" and "individual businesses only" in r.assumption


def test_xiaobanqiao_passes_the_firms_reading_when_guandu_has_fewer_firms():
    ledger = _with_figure(load_ledger(), "gd_firms", 5000, 5500)
    r = _result(ledger, "xbq_most")
    assert r.result == "pass" and r.assumption is None


def test_a_claim_fails_when_every_reading_fails_hard():
    ledger = load_ledger()
    ledger = _with_figure(ledger, "gd_individual", 20000, 21000)   # beats Xiaobanqiao's individual businesses
    ledger = _with_figure(ledger, "gd_firms", 7000, 8000)
    ledger = _with_figure(ledger, "gd_markets", 200)
    r = _result(ledger, "xbq_most")
    assert [x.result for x in r.readings] == ["fail" if x.reading.strength == "hard" else "tension" for x in r.readings]
    assert r.result == "tension"
    for reading in r.readings:
        ledger = _with_strength(ledger, reading.reading.id, "hard")
    assert _result(ledger, "xbq_most").result == "fail"


def test_largest_market_fails_when_a_rival_has_more_merchants():
    ledger = load_ledger()
    assert _result(ledger, "lsw_largest").result == "pass"
    assert _result(_with_figure(ledger, "kangle_merchants", 60000, 70000), "lsw_largest").result == "tension"


def test_full_reopening_is_in_tension_with_a_rate_below_100():
    ledger = load_ledger()
    r = _result(ledger, "lsw_full_open")
    assert r.result == "tension"
    assert "82.57% < 100%" in r.readings[0].arithmetic and "24.5–25.5% < 100%" in r.readings[0].arithmetic
    assert "8,836 more than the 41,851 given" in r.readings[0].needed
    assert "every merchant was trading" in r.assumption


def test_full_reopening_of_real_estate_fails_when_a_firm_has_not_reopened():
    ledger = load_ledger()
    assert _result(ledger, "realestate_full").result == "pass"
    r = _result(_with_figure(ledger, "realestate_open", 50), "realestate_full")
    assert r.result == "fail" and "90.91% < 100%" in r.readings[0].arithmetic


def test_district_total_is_a_tension_when_the_sub_districts_exceed_it():
    """The sub-districts' words for individual businesses differ, so the reading is soft: a breach
    is a tension, and a contradiction only if the words are taken as one kind (a hard reading)."""
    ledger = load_ledger()
    assert _result(ledger, "district_total_individual").result == "pass"
    broken = _with_figure(ledger, "district_individual", 40000)
    r = _result(broken, "district_total_individual")
    assert r.result == "tension" and "43,979 to 45,979" in r.readings[0].arithmetic and "> 40,000" in r.readings[0].arithmetic
    hard = _with_strength(broken, "district_holds_subdistricts", "hard")
    assert _result(hard, "district_total_individual").result == "fail"


def test_taihe_full_reopening_is_a_tension_when_the_district_total_is_too_small():
    ledger = load_ledger()
    assert _result(ledger, "taihe_full_reopening").result == "pass"
    assert _result(_with_figure(ledger, "district_individual_open", 30000), "taihe_full_reopening").result == "tension"


def test_a_claim_with_no_reading_keeps_its_classification():
    results = {r.claim.id: r for r in check_all(load_ledger())}
    assert results["wqy_largest"].result == "unverifiable" and not results["wqy_largest"].readings
    assert results["utmost"].result == "not_a_claim"
