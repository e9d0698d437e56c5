"""Cross-claim constraints: each has a pass/fail result, each kind can fail, and a soft check that
fails is a tension (on tests/fixtures/hotline)."""

from dataclasses import replace

from recount.constraints import NEAR_POINTS, check, check_all
from recount.ledger import Constraint, Strength


def _c(kind, left, right=(), items=()):
    return Constraint("t", 1, kind, tuple(left), tuple(right), tuple(items), "pass", "", 2)


def _soft(ledger, cid="t"):
    return replace(ledger, strengths={**ledger.strengths, cid: Strength(cid, "soft", "an assumption", 1)})


def test_every_constraint_has_its_expected_result(hotline):
    results = {r.constraint.id: r.result for r in check_all(hotline)}
    assert results == {"kinds_le_calls": "pass", "closed_le_calls": "pass", "streets_closed_le_closed": "pass",
                       "visited_le_complaints": "tension", "kinds_listed": "pass", "closed_within_streets": "pass",
                       "east_near_west": "pass"}
    assert all(r.matches_expected for r in check_all(hotline))


def test_parts_not_exceeding_totals_can_fail(hotline):
    r = check(_c("le", ["calls"], ["east_calls"]), hotline)
    assert not r.passed and "12000" in r.detail


def test_approximate_parts_pass_when_possible_and_are_certain_only_when_always(hotline):
    r = check(_c("le", ["visited"], ["calls"]), hotline)   # [2000, 3000] <= 12000
    assert r.passed and r.certain
    r = check(_c("le", ["visited"], ["west_calls"]), hotline)   # [2000, 3000] <= 2800: possible, not certain
    assert r.passed and not r.certain
    assert not check(_c("le", ["visited"], ["complaint_calls"]), hotline).passed   # [2000, 3000] <= 1800


def test_enumeration_counts_the_listed_items(hotline):
    assert check(_c("enumeration", ["kinds"], items=["a", "b", "c"]), hotline).passed
    assert not check(_c("enumeration", ["kinds"], items=["a", "b"]), hotline).passed
    assert check(_c("enumeration_partial", ["kinds"], items=["a", "b"]), hotline).passed
    assert not check(_c("enumeration_partial", ["kinds"], items=["a", "b", "c", "d"]), hotline).passed


def test_overall_rate_must_lie_within_its_parts(hotline):
    assert check(_c("within", ["closed_share"], ["east_share", "west_share"]), hotline).passed   # 95 in 92-95
    assert not check(_c("within", ["west_share"], ["east_share", "closed_share"]), hotline).passed   # 92 outside 95


def test_every_constraint_is_classified_hard_or_soft_with_a_reason(hotline):
    assert set(hotline.strengths) == {c.id for c in hotline.constraints}
    assert all(s.strength in ("hard", "soft") and s.reason_en for s in hotline.strengths.values())


def test_a_soft_check_that_fails_is_a_tension_and_a_hard_one_a_failure(hotline):
    c = _c("within", ["west_share"], ["east_share", "closed_share"])
    assert check(c, hotline).result == "fail"
    soft = check(c, _soft(hotline))
    assert soft.result == "tension" and soft.reason_en == "an assumption"
    assert check(_c("within", ["closed_share"], ["east_share", "west_share"]), _soft(hotline)).result == "pass"


def test_the_near_threshold_is_the_documented_constant(hotline):
    ledger = _soft(hotline)
    assert check(_c("near", ["east_share"], ["west_share"]), ledger).result == "pass"   # 2 points apart
    assert NEAR_POINTS < 80 and check(_c("near", ["east_share"], ["complaint_share"]), ledger).result == "tension"
    assert "79.00 points apart" in check(_c("near", ["east_share"], ["complaint_share"]), ledger).detail


def test_a_tension_expected_exits_zero_and_an_unexpected_one_exits_one(cli, hotline_dir):
    assert cli("check", "--data", str(hotline_dir)).code == 0
    path = hotline_dir / "constraints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("visited,complaint_calls,,tension", "visited,complaint_calls,,pass"),
                    encoding="utf-8")
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 1 and "visited_le_complaints: tension, expected pass" in run.stderr
