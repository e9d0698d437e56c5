"""Cross-claim constraints: each has a pass/fail result, and each kind can fail."""

from recount.constraints import check, check_all
from recount.ledger import Constraint, load_ledger


def _c(kind, left, right=(), items=()):
    return Constraint("t", 1, kind, tuple(left), tuple(right), tuple(items), "pass", "", 2)


def test_every_constraint_of_the_article_has_its_expected_result():
    results = check_all(load_ledger())
    assert len(results) >= 20
    assert all(r.matches_expected for r in results), [r.detail for r in results if not r.matches_expected]


def test_parts_not_exceeding_totals_can_fail():
    ledger = load_ledger()
    r = check(_c("le", ["district_individual"], ["xbq_individual"]), ledger)
    assert not r.passed and "123542" in r.detail


def test_approximate_parts_pass_when_possible_and_are_certain_only_when_always():
    ledger = load_ledger()
    r = check(_c("le", ["ui_approved"], ["ui_eligible"]), ledger)   # [2000, 3000] <= 3563
    assert r.passed and r.certain
    r = check(_c("le", ["gd_firms_open"], ["wujing_firms"]), ledger)  # [4300, 4400] <= [1900, 2000]: impossible
    assert not r.passed


def test_enumeration_counts_the_listed_items():
    ledger = load_ledger()
    assert check(_c("enumeration", ["policy_four_aspects"], items=["a", "b", "c", "d"]), ledger).passed
    assert not check(_c("enumeration", ["policy_four_aspects"], items=["a", "b", "c"]), ledger).passed
    assert check(_c("enumeration_partial", ["incubators"], items=["a", "b"]), ledger).passed
    assert not check(_c("enumeration_partial", ["forums_two"], items=["a", "b", "c"]), ledger).passed


def test_overall_rate_must_lie_within_its_parts():
    ledger = load_ledger()
    assert check(_c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_office_rate"]), ledger).passed
    assert not check(_c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_phase2_rate"]), ledger).passed
