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


def _soft(ledger, cid="t"):
    from dataclasses import replace

    from recount.ledger import Strength

    return replace(ledger, strengths={**ledger.strengths, cid: Strength(cid, "soft", "an assumption", 1)})


def test_every_constraint_is_classified_hard_or_soft_with_a_reason():
    ledger = load_ledger()
    assert set(ledger.strengths) == {c.id for c in ledger.constraints}
    assert all(s.strength in ("hard", "soft") and s.reason_en for s in ledger.strengths.values())


def test_the_sector_rates_are_not_a_hard_check_on_xiaobanqiaos_rate():
    ledger = load_ledger()
    assert ledger.strength("xbq_rate_within_sectors").strength == "soft"
    assert "real estate" in ledger.strength("xbq_rate_within_sectors").reason_en


def test_a_soft_check_that_fails_is_a_tension_and_a_hard_one_a_failure():
    ledger = load_ledger()
    c = _c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_phase2_rate"])   # 82.57% outside 92-92%
    assert check(c, ledger).result == "fail"
    soft = check(c, _soft(ledger))
    assert soft.result == "tension" and soft.reason_en == "an assumption"
    assert check(_c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_office_rate"]), _soft(ledger)).result == "pass"


def test_a_sector_rate_far_from_the_districts_is_a_tension():
    ledger = load_ledger()
    results = {r.constraint.id: r for r in check_all(ledger)}
    catering = results["xbq_catering_near_district"]
    assert catering.result == "tension" and "42.48 points apart" in catering.detail
    assert results["xbq_shops_near_district"].result == "pass"
    near = _c("near", ["xbq_trade_rate"], ["restaurants_rate"])          # 80% against 82.98%: near
    assert check(near, _soft(ledger)).result == "pass"


def test_the_near_threshold_is_the_documented_constant():
    from recount.constraints import NEAR_POINTS

    ledger = _soft(load_ledger())
    # Luosiwan's office building (25%) against its warehouse area (71%): 45 points apart at the least
    assert check(_c("near", ["lsw_office_rate"], ["lsw_storage_rate"]), ledger).result == "tension"
    assert NEAR_POINTS < 45
    assert check(_c("near", ["lsw_storage_rate"], ["lsw_boutique_rate"]), ledger).result == "pass"  # 15 apart


def test_a_tension_expected_exits_zero_and_an_unexpected_one_exits_one(cli, data_copy):
    from recount import paths

    assert cli("check", "--data", str(data_copy)).code == 0
    path = data_copy / paths.CONSTRAINTS_NAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("xbq_catering_rate,restaurants_rate,,tension", "xbq_catering_rate,restaurants_rate,,pass"),
                    encoding="utf-8")
    run = cli("check", "--data", str(data_copy))
    assert run.code == 1 and "xbq_catering_near_district: tension, expected pass" in run.stderr


def test_the_district_rate_lies_within_its_named_sub_districts_and_is_soft():
    ledger = load_ledger()
    results = {r.constraint.id: r for r in check_all(ledger)}
    within = results["district_rate_within_subdistricts"]
    assert within.result == "pass" and within.strength == "soft" and "65–82.39%" in within.detail
    # with Xiaobanqiao alone as the part, 76.23% lies outside it: a tension, since the parts are not all
    alone = check(_c("within", ["district_rate"], ["xbq_rate_shops"]), _soft(ledger))
    assert alone.result == "tension"
