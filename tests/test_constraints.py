"""Cross-claim constraints: each has a pass/fail result, each kind can fail, and a soft check that
fails is a tension (on tests/fixtures/hotline)."""

from dataclasses import replace

from recount.constraints import check, check_all
from recount.ledger import Constraint, Strength


def _c(kind, left, right=(), items=()):
    return Constraint("t", 1, kind, tuple(left), tuple(right), tuple(items), "pass", "", 2)


def _soft(ledger, cid="t"):
    return replace(ledger, strengths={**ledger.strengths, cid: Strength(cid, "soft", "an assumption", 1)})


def test_every_constraint_has_its_expected_result(hotline):
    results = {r.constraint.id: r.result for r in check_all(hotline)}
    assert results == {"kinds_le_calls": "pass", "closed_le_calls": "pass", "streets_closed_le_closed": "pass",
                       "visited_le_complaints": "tension", "kinds_listed": "pass", "closed_within_streets": "not_contradicted"}
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
    # inside its parts' range it could be their mean, which shows no more: not contradicted, never a pass
    assert check(_c("within", ["closed_share"], ["east_share", "west_share"]), _soft(hotline)).result == "not_contradicted"


def test_a_tension_expected_exits_zero_and_an_unexpected_one_exits_one(cli, hotline_dir):
    assert cli("check", "--data", str(hotline_dir)).code == 0
    path = hotline_dir / "constraints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("visited,complaint_calls,,tension", "visited,complaint_calls,,pass"),
                    encoding="utf-8")
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 1 and "visited_le_complaints: tension, expected pass" in run.stderr


def _with_count(ledger, fid, value):
    """A copy of the ledger whose figure ``fid`` is exactly ``value``."""
    from fractions import Fraction

    from recount.intervals import Interval

    return replace(ledger, figures={**ledger.figures, fid: replace(ledger.figures[fid],
                                                                 interval=Interval.point(Fraction(value)))})


def test_no_part_of_whole_check_sets_a_limit_of_its_own(hotline):
    import recount.constraints as constraints

    assert not [name for name in dir(constraints) if name.isupper() and "POINT" in name]
    # help calls (25%) far below the district's closing rate (95%): still possible, as a small part
    assert check(_c("part", ["help_share"], ["closed_rate"]), _soft(hotline)).result == "not_contradicted"


def test_a_part_with_counts_must_leave_the_rest_of_the_whole_a_possible_rate(hotline):
    """East's 3,040 closed of 3,200 within the district's 11,400 of 12,000: the rest, 8,360 of 8,800.
    Set against West's counts (2,500 of 2,800) no rest can hold it: a failure, a tension when soft."""
    r = check(_c("part", ["east_rate"], ["closed_rate"]), hotline)
    assert r.result == "not_contradicted" and r.certain and "the rest, 8,360 of 8,800, 95%" in r.detail
    wrong = _c("part", ["east_rate"], ["west_rate"])
    assert check(wrong, hotline).result == "fail"
    assert "no rest of the whole can hold the difference" in check(wrong, hotline).detail
    assert check(wrong, _soft(hotline)).result == "tension"


def test_a_part_with_only_a_rate_gets_the_share_of_the_whole_the_wholes_counts_allow(hotline):
    """Help calls (25%) against the district's 11,400 closed of 12,000 (95%): possible if they are at
    most 6.71% of the calls (the rest all closed), never certain. Against a whole all closed (East,
    made 3,200 of 3,200), no share can hold a part at 25%: the check fails."""
    r = check(_c("part", ["help_share"], ["closed_rate"]), hotline)
    assert r.result == "not_contradicted" and not r.certain
    assert "at most 6.71% of the whole (805 of the 12,000), with the rest at 100%" in r.detail
    above = check(_c("part", ["satisfied_share"], ["closed_rate"]), hotline)   # 约98%: above the whole
    assert above.passed and not above.certain and "with the rest at 0%" in above.detail
    r = check(_c("part", ["help_share"], ["east_rate"]), _with_count(hotline, "east_closed", 3200))
    assert r.result == "fail" and "no part of the whole can have that rate" in r.detail


def test_the_largest_share_is_bounded_by_the_reopened_and_by_the_not_reopened():
    from fractions import Fraction

    from recount.constraints import largest_share
    from recount.intervals import Interval

    pt = Interval.point
    assert largest_share(pt(Fraction(40)), pt(Fraction(80))) == Fraction(1, 3)   # 0.2 / 0.6
    assert largest_share(pt(Fraction(90)), pt(Fraction(45))) == Fraction(1, 2)   # 0.45 / 0.9
    assert largest_share(pt(Fraction(40)), pt(Fraction(100))) == 0
    assert largest_share(pt(Fraction(80)), pt(Fraction(80))) == 1
