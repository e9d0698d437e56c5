"""Cross-claim constraints: each has a pass/fail result, each kind can fail, and a soft check that
fails is a tension (on tests/fixtures/hotline)."""

from dataclasses import replace

from recount import paths
from recount.constraints import check, check_all
from recount.ledger import Constraint, Strength, load_ledger


def _c(kind, left, right=(), items=()):
    return Constraint("t", 1, kind, tuple(left), tuple(right), tuple(items), "pass", "", 2)


def _soft(ledger, cid="t"):
    return replace(ledger, strengths={**ledger.strengths, cid: Strength(cid, "soft", "an assumption", 1)})


def test_every_constraint_has_its_expected_result(hotline):
    results = {r.constraint.id: r.result for r in check_all(hotline)}
    assert results == {"kinds_le_calls": "pass", "closed_le_calls": "pass", "streets_closed_le_closed": "pass",
                       "visited_le_complaints": "tension", "kinds_listed": "pass", "closed_within_streets": "pass"}
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


def test_a_tension_expected_exits_zero_and_an_unexpected_one_exits_one(cli, hotline_dir):
    assert cli("check", "--data", str(hotline_dir)).code == 0
    path = hotline_dir / "constraints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("visited,complaint_calls,,tension", "visited,complaint_calls,,pass"),
                    encoding="utf-8")
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 1 and "visited_le_complaints: tension, expected pass" in run.stderr


def test_no_part_of_whole_check_sets_a_limit_of_its_own():
    import recount.constraints as constraints

    assert not [name for name in dir(constraints) if name.isupper() and "POINT" in name]
    ledger = _soft(load_ledger())
    # Luosiwan's office building (25%) far below the district's individual businesses (76.23%): still possible
    assert check(_c("part", ["lsw_office_rate"], ["district_rate"]), ledger).result == "not_contradicted"


def test_a_part_with_counts_must_leave_the_rest_of_the_whole_a_possible_rate(data_copy, cli):
    """Xiaobanqiao's 13,000 of 15,778 within the district's 94,181 of 123,542: the rest, 81,181 of
    107,764. Set against the district's catering counts (4,134 of 4,982) no rest can hold it."""
    results = {r.constraint.id: r for r in check_all(load_ledger(data_copy))}
    shops = results["xbq_shops_in_district"]
    assert shops.result == "not_contradicted" and shops.certain and "the rest, 81,181 of 107,764, 75.33%" in shops.detail
    path = data_copy / paths.CONSTRAINTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("part,xbq_rate_shops,district_rate,",
                                                             "part,xbq_rate_shops,restaurants_rate,"), encoding="utf-8")
    run = cli("check", "--data", str(data_copy))
    assert run.code == 1 and "constraint xbq_shops_in_district: tension, expected not_contradicted" in run.stderr


def test_a_part_with_only_a_rate_gets_the_share_of_the_whole_the_wholes_counts_allow(data_copy, cli):
    """Xiaobanqiao's catering (40%) against the district's 4,134 of 4,982 (83%): possible if Xiaobanqiao
    holds at most 28.61% of them (the rest all reopened), never certain. Against real estate's 55 of
    55, all reopened, no share can hold a part at 40%: the check fails."""
    catering = {r.constraint.id: r for r in check_all(load_ledger(data_copy))}["xbq_catering_in_district"]
    assert catering.result == "not_contradicted" and not catering.certain
    assert "at most 28.61% of the whole (1,425 of the 4,982), with all of the rest reopened" in catering.detail
    path = data_copy / paths.CONSTRAINTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("part,xbq_catering_rate,restaurants_rate,",
                                                             "part,xbq_catering_rate,realestate_rate,"), encoding="utf-8")
    run = cli("check", "--data", str(data_copy))
    assert run.code == 1 and "constraint xbq_catering_in_district: tension, expected not_contradicted" in run.stderr


def test_the_largest_share_is_bounded_by_the_reopened_and_by_the_not_reopened():
    from fractions import Fraction

    from recount.constraints import largest_share
    from recount.intervals import Interval

    pt = Interval.point
    assert largest_share(pt(Fraction(40)), pt(Fraction(80))) == Fraction(1, 3)   # 0.2 / 0.6
    assert largest_share(pt(Fraction(90)), pt(Fraction(45))) == Fraction(1, 2)   # 0.45 / 0.9
    assert largest_share(pt(Fraction(40)), pt(Fraction(100))) == 0
    assert largest_share(pt(Fraction(80)), pt(Fraction(80))) == 1
