"""《重启2020》's published figures, pinned: the book's own ledger (data/) and what the checker
makes of it. The library's behaviour is tested on tests/fixtures/hotline; this file is where the
one article's ids, places and numbers are."""

import json
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from fractions import Fraction as F

from recount import paths
from recount.constraints import check, check_all
from recount.ledger import Constraint, Strength, load_ledger
from recount.report import Report
from recount.severity import MATERIAL, ROUNDING, miss
from recount.verdict import evaluate, round_half_up


def _c(kind, left, right=(), items=()):
    return Constraint("t", 1, kind, tuple(left), tuple(right), tuple(items), "pass", "", 2)


def _soft(ledger, cid="t"):
    return replace(ledger, strengths={**ledger.strengths, cid: Strength(cid, "soft", "an assumption", 1)})


def _cite(ledger, fid, text):
    f = ledger.figures[fid]
    return replace(ledger, figures={**ledger.figures, fid: replace(f, value_text=text, value=Decimal(text))})


def _misses(ledger):
    return {r.rate.id: miss(r) for r in evaluate(ledger) if miss(r) is not None}


# ---------------------------------------------------------------- the ledger

def test_ledger_holds_the_seventeen_stated_percentages():
    ledger = load_ledger()
    percents = [f for f in ledger.figures.values() if f.unit == "%"]
    assert len(percents) == 17
    cited = {r.cited for r in ledger.rates if r.cited}
    assert cited == {f.id for f in percents}, "every stated percentage has a row in rates.csv"


def test_every_quote_of_the_article_anchors_once():
    ledger = load_ledger()
    for f in ledger.figures.values():
        assert ledger.source.count(f.quote) == 1, f.id
        assert ledger.source[f.start:f.start + len(f.quote)] == f.quote


def test_sections_follow_the_headings_in_the_source():
    ledger = load_ledger()
    heads = [ledger.source.index(h) for h in ("推动扶持政策落地落实助企业复工复产\n",
                                              "街道分类推进、精准施策助推复工复产进程\n", "重启2020 不负春光时与行\n")]
    for f in ledger.figures.values():
        expected = sum(f.start > h for h in heads)
        assert f.section == expected, f"{f.id} is in section {expected}, ledger says {f.section}"


def test_the_bank_credit_in_wan_yuan_is_two_point_four_five_million_yuan():
    f = load_ledger().figures["ccb_credit"]
    assert (f.value_text, f.unit) == ("245", "万元")
    assert f.base_interval.low == 2_450_000 and f.base_unit == "元"


def test_every_number_in_the_article_is_a_figure_or_an_explained_exclusion():
    from recount.census import census, uncovered

    ledger = load_ledger()
    missing = uncovered(ledger)
    assert not missing, "numbers in the source that no figure covers: " + "; ".join(n.context for n in missing)
    assert {"123542", "82.57", "0.5", "十二", "两", "三", "四"} <= {n.text for n in census(ledger)}
    for x in ledger.exclusions:
        assert x.pattern.search(ledger.source) and len(x.reason_en) > 10, x.pattern.pattern


def test_derived_rates_include_the_refund_funnel():
    ids = {r.id for r in load_ledger().rates if r.cited is None}
    assert {"ui_eligible_share", "ui_approved_share"} <= ids


# ---------------------------------------------------------------- verdicts

def test_article_rates_match_a_calculator():
    results = {r.rate.id: r for r in evaluate(load_ledger())}
    assert results["district_rate"].arithmetic() == "94181 / 123542 = 76.2340% → 76.23%"
    assert results["lsw_rate"].recomputed_text() == "82.57%"
    assert results["restaurants_rate"].recomputed_text() == "83%"
    assert results["xbq_rate_all"].recomputed.low == F(17800 * 100, 21630)


def test_a_claim_is_inconsistent_only_when_no_reading_fits():
    results = [r for r in evaluate(load_ledger()) if r.rate.cited == "xbq_reopen_rate"]
    assert len(results) == 3 and not any(r.fits for r in results)
    assert {r.verdict for r in results} == {"inconsistent"}


def test_a_fabricated_fitting_reading_would_make_xiaobanqiaos_88_consistent(data_copy):
    path = data_copy / "rates.csv"
    # a fabricated fourth reading that fits 88%: 77 / (77 + 11) = 87.5%, which rounds half-up to 88%
    path.write_text(path.read_text(encoding="utf-8")
                    + "xbq_rate_fake,2,xbq_grids,xbq_grids+xbq_communities,xbq_reopen_rate,fake,consistent,test\n",
                    encoding="utf-8")
    results = [r for r in evaluate(load_ledger(data_copy)) if r.rate.cited == "xbq_reopen_rate"]
    assert [r.fits for r in results] == [False, False, False, True]
    assert {r.verdict for r in results} == {"consistent"}


def test_check_json_gives_the_districts_rate_and_the_refund_share(cli):
    rates = {r["id"]: r for r in json.loads(cli("check", "--format", "json").stdout)["rates"]}
    assert rates["district_rate"]["cited"] == 76.23
    assert abs(rates["district_rate"]["recomputed_low"] - 100 * 94181 / 123542) < 1e-9
    assert rates["ui_eligible_share"]["cited"] is None
    assert rates["ui_eligible_share"]["quote"] == "符合条件的3563家企业"
    assert rates["xbq_rate_all"]["verdict"] == "inconsistent"


# ---------------------------------------------------------------- how far off

def test_xiaobanqiao_misses_its_band_materially_under_every_reading():
    m = _misses(load_ledger())
    assert set(m) == {"xbq_rate_firms", "xbq_rate_shops", "xbq_rate_all"}
    firms = m["xbq_rate_firms"]
    assert firms.direction == "below" and firms.level == MATERIAL
    assert firms.miss_pp == Fraction(175, 2) - Fraction(480000, 5852)
    assert (firms.needed, firms.base, firms.more) == (5121, 5852, 321)
    assert (m["xbq_rate_shops"].needed, m["xbq_rate_all"].needed) == (13806, 18927)


def test_each_needed_count_is_the_smallest_that_rounds_to_88():
    for mm in _misses(load_ledger()).values():
        assert round_half_up(Fraction(100 * mm.needed) / mm.base, 0) == 88
        assert round_half_up(Fraction(100 * (mm.needed - 1)) / mm.base, 0) < 88


def test_xiaobanqiao_at_83_would_be_a_rounding_slip():
    ledger = _cite(load_ledger(), "xbq_reopen_rate", "83")   # 82.02% rounds to 82: one unit off
    m = _misses(ledger)["xbq_rate_firms"]
    assert m.level == ROUNDING
    assert Report(ledger).rate_records()[5]["claim_miss_level"] == ROUNDING
    assert _misses(_cite(load_ledger(), "xbq_reopen_rate", "84"))["xbq_rate_firms"].level == MATERIAL


def test_the_landing_page_says_how_far_off_from_the_nearest_value_the_cited_rate_stands_for():
    """88% stands for 87.5 up to 88.5: the readings give 82.39% at most, over a point below 87.5%. At 83% the
    nearest reading (82.39%) is within a point of 82.5%, as near as a slip in rounding."""
    from recount.publish import render

    lead = _text(render.lead(Report(load_ledger())).data)
    assert ("That is 5.11 to 5.48 percentage points below 87.5%, the lowest value 88% can stand for: over one "
            "point, too far for a slip in rounding.") in lead
    lead = _text(render.lead(Report(_cite(load_ledger(), "xbq_reopen_rate", "83"))).data)
    assert "below 82.5%, the lowest value 83% can stand for: within one point, as near as a slip in rounding." in lead


def test_xiaobanqiao_at_75_would_need_fewer_firms():
    m = _misses(_cite(load_ledger(), "xbq_reopen_rate", "75"))["xbq_rate_firms"]
    assert m.direction == "above" and m.miss_pp == Fraction(480000, 5852) - Fraction(151, 2)
    assert round_half_up(Fraction(100 * m.needed) / 5852, 0) == 75
    assert round_half_up(Fraction(100 * (m.needed + 1)) / 5852, 0) > 75
    assert m.more == 4800 - m.needed


def test_check_json_carries_xiaobanqiaos_miss(cli):
    doc = json.loads(cli("check", "--format", "json").stdout)
    rates = {r["id"]: r for r in doc["rates"]}
    firms = rates["xbq_rate_firms"]
    assert (firms["miss_level"], firms["needed_numerator"], firms["needed_text"]) == ("material", 5121, "5,121 of 5,852")
    assert round(firms["miss_pp"], 2) == 5.48 and firms["claim_miss_level"] == "material"
    assert rates["district_rate"]["miss_pp"] is None


def test_check_table_shows_how_far_off_xiaobanqiao_is(cli):
    out = cli("check").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("xbq_rate_firms"))
    assert "-5.48pp material, 5,121 of 5,852" in line


# ---------------------------------------------------------------- cross-checks

def test_every_constraint_of_the_article_has_its_expected_result():
    results = check_all(load_ledger())
    assert len(results) >= 20
    assert all(r.matches_expected for r in results), [r.detail for r in results if not r.matches_expected]


def test_the_articles_approximate_parts_pass_when_possible():
    ledger = load_ledger()
    r = check(_c("le", ["ui_approved"], ["ui_eligible"]), ledger)   # [2000, 3000] <= 3563
    assert r.passed and r.certain
    r = check(_c("le", ["gd_firms_open"], ["wujing_firms"]), ledger)  # [4300, 4400] <= [1900, 2000]: impossible
    assert not r.passed


def test_the_articles_enumerations_count_their_items():
    ledger = load_ledger()
    assert check(_c("enumeration", ["policy_four_aspects"], items=["a", "b", "c", "d"]), ledger).passed
    assert not check(_c("enumeration", ["policy_four_aspects"], items=["a", "b", "c"]), ledger).passed
    assert check(_c("enumeration_partial", ["incubators"], items=["a", "b"]), ledger).passed
    assert not check(_c("enumeration_partial", ["forums_two"], items=["a", "b", "c"]), ledger).passed


def test_luosiwans_rate_lies_within_its_parts():
    ledger = load_ledger()
    assert check(_c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_office_rate"]), ledger).passed
    assert not check(_c("within", ["lsw_rate"], ["lsw_phase1_rate", "lsw_phase2_rate"]), ledger).passed


def test_the_sector_rates_are_not_a_hard_check_on_xiaobanqiaos_rate():
    ledger = load_ledger()
    assert ledger.strength("xbq_rate_within_sectors").strength == "soft"
    assert "real estate" in ledger.strength("xbq_rate_within_sectors").reason_en


def test_xiaobanqiaos_parts_of_the_district_leave_a_possible_rest():
    """Xiaobanqiao's 13,000 of 15,778 within the district's 94,181 of 123,542: the rest, 81,181 of
    107,764. Its catering (40%) against the district's 4,134 of 4,982: at most 28.61% of them."""
    results = {r.constraint.id: r for r in check_all(load_ledger())}
    shops = results["xbq_shops_in_district"]
    assert shops.result == "not_contradicted" and shops.certain and "the rest, 81,181 of 107,764, 75.33%" in shops.detail
    catering = results["xbq_catering_in_district"]
    assert catering.result == "not_contradicted" and not catering.certain
    assert "at most 28.61% of the whole (1,425 of the 4,982), with the rest at 100%" in catering.detail
    # Luosiwan's office building (25%) far below the district's individual businesses (76.23%): still possible
    assert check(_c("part", ["lsw_office_rate"], ["district_rate"]), _soft(load_ledger())).result == "not_contradicted"


def test_the_district_rate_lies_within_its_named_sub_districts_and_is_soft():
    ledger = load_ledger()
    results = {r.constraint.id: r for r in check_all(ledger)}
    within = results["district_rate_within_subdistricts"]
    assert within.result == "not_contradicted" and within.strength == "soft" and "65–82.39%" in within.detail
    # with Xiaobanqiao alone as the part, 76.23% lies outside it: a tension, since the parts are not all
    alone = check(_c("within", ["district_rate"], ["xbq_rate_shops"]), _soft(ledger))
    assert alone.result == "tension"


# ---------------------------------------------------------------- superlatives
# (the rules are tested on tests/fixtures/markets in tests/test_superlatives.py)

def _superlative(ledger, claim_id):
    from recount.superlatives import check_claim

    return check_claim(next(s for s in ledger.superlatives if s.id == claim_id), ledger)


def _figure_as(ledger, fid, low, high=None):
    from recount.intervals import Interval

    iv = Interval(Fraction(low), Fraction(low if high is None else high))
    return replace(ledger, figures={**ledger.figures, fid: replace(ledger.figures[fid], interval=iv)})


def test_every_superlative_word_of_the_article_is_listed_with_its_expected_result():
    from recount.superlatives import check_all as check_superlatives
    from test_superlatives import missed_words

    ledger = load_ledger()
    assert missed_words(ledger) == []
    results = check_superlatives(ledger)
    assert all(r.matches_expected for r in results), [(r.claim.id, r.result) for r in results if not r.matches_expected]
    by_id = {r.claim.id: r for r in results}
    assert by_id["wqy_largest"].result == "unverifiable" and not by_id["wqy_largest"].readings
    assert by_id["utmost"].result == "not_a_claim"


def test_xiaobanqiao_has_fewer_firms_than_guandu_sub_district():
    r = _superlative(load_ledger(), "xbq_most")
    by_id = {x.reading.id: x for x in r.readings}
    firms = by_id["xbq_most_firms"]
    assert firms.result == "fail"
    assert "5,852 < 7,000 to 8,000" in firms.arithmetic
    assert firms.needed.startswith("at least 7,000, 1,148 more")
    # no rival the article counts has more, but it does not count every sub-district: not settled
    assert all(by_id[k].result == "unverifiable" for k in ("xbq_most_individual", "xbq_most_both", "xbq_most_markets"))
    assert r.result == "tension" and "can hold only if its words mean individual businesses only" in r.assumption


def test_luosiwans_full_reopening_is_in_tension_with_its_rate_below_100():
    r = _superlative(load_ledger(), "lsw_full_open")
    assert r.result == "tension"
    assert "82.57% < 100%" in r.readings[0].arithmetic and "24.5–25.5% < 100%" in r.readings[0].arithmetic
    assert "8,836 more than the 41,851 given" in r.readings[0].needed
    assert "every merchant was trading" in r.assumption


def test_the_district_total_and_taihes_full_reopening_are_not_contradicted_until_the_total_is_too_small():
    ledger = load_ledger()
    assert _superlative(ledger, "district_total_individual").result == "not_contradicted"
    r = _superlative(_figure_as(ledger, "district_individual", 40000), "district_total_individual")
    assert r.result == "tension" and "43,979 to 45,979" in r.readings[0].arithmetic
    assert _superlative(ledger, "taihe_full_reopening").result == "not_contradicted"
    assert _superlative(_figure_as(ledger, "district_individual_open", 30000), "taihe_full_reopening").result == "tension"


# ---------------------------------------------------------------- the book's charts
# (the chart functions are tested on tests/fixtures/districts in tests/test_plots.py)

#: what the book's charts state in their alt text: chart -> (function name, keyword arguments, numbers)
CHART_ALT_NUMBERS = {
    "claims": ("rates_vs_recomputed", {}, ["88%", "82.02%", "76.23%", "82.57%",
                                          "Guandu district: loan cut, probably the rate (0.5%, unverifiable)"]),
    "claims of two ids": ("rates_vs_recomputed", {"ids": ["ui_approved_share", "xbq_rate_all"]},
                          ["between 56.13% and 84.20%", "82.29%"]),
    "timeline": ("timeline", {}, ["18 Mar", "13 Apr", "94,181"]),
    "refund funnel": ("funnel", {}, ["11,781", "3,563", "2,000 to 3,000", "30.24%"]),
    "sub-districts": ("subdistricts", {}, ["9,201", "1,900 to 2,000", "15,778", "13,000", "7,000 to 8,000"]),
    "Xiaobanqiao's readings": ("readings", {"claim": "xbq_reopen_rate"},
                               ["4,800 / 5,852 = 82.02%", "13,000 / 15,778 = 82.39%", "17,800 / 21,630 = 82.29%",
                                "87.5", "88.5"]),
    "Xiaobanqiao's sectors": ("sector_rates", {"constraint": "xbq_rate_within_sectors"},
                              ["80%", "90%", "40%", "88%", "82.02"]),
    "Luosiwan's areas": ("sector_rates", {"constraint": "lsw_rate_within_areas"}, ["92%", "71%", "25%", "82.57"]),
    "amounts": ("money", {}, ["2,450,000", "1,500,000 to 1,600,000", "59,140,000 to 59,150,000", "50,000,000"]),
    "amounts of section 1": ("money", {"section": 1}, ["250,000", "59,140,000 to 59,150,000"]),
}


def test_the_books_charts_state_the_articles_numbers_in_their_alt_text():
    from recount.publish import plots

    report = Report(load_ledger())
    for name, (chart, kwargs, numbers) in CHART_ALT_NUMBERS.items():
        alt = plots.alt_text(plots.CHARTS[chart](report, **kwargs))
        assert not [n for n in numbers if n not in alt], f"{name}: {alt}"


def test_the_claims_chart_names_the_loan_cut_below_it_as_no_share():
    from recount.publish import plots
    from recount.publish.labels import load_labels

    report = Report(load_ledger())
    labels = load_labels(report.ledger)
    fig = plots.rates_vs_recomputed(report)
    rows = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any(row.startswith("Xiaobanqiao 小板桥: ") for row in rows)
    assert any(row.startswith("Luosiwan 螺蛳湾: ") for row in rows)
    left_out = [r.rate.id for r in report.results if r.cited is not None and labels[r.rate.id].measure != "share"]
    assert left_out == ["loan_rate_cut"]
    assert "Not drawn, as not a share: Guandu district: loan cut, probably the rate (0.5%)." in fig.get_supxlabel()


def test_xiaobanqiaos_88_is_published_as_an_inconsistent_claim_review_of_every_reading():
    from recount.article import article
    from recount.publish.claimreview import claim_reviews

    report = Report(load_ledger())
    by_id = {r["identifier"]: r for r in claim_reviews(report, base="")}
    xbq = by_id["xbq_reopen_rate"]
    assert xbq["reviewRating"]["alternateName"] == "inconsistent" and xbq["reviewRating"]["ratingValue"] == 1
    assert xbq["itemReviewed"]["text"] == "复工复产率达88%"
    assert xbq["reviewBody"].count("which rounds to 82%") == 3  # every reading, in words
    assert by_id["district_rate"]["reviewRating"]["ratingValue"] == 3
    assert xbq["itemReviewed"]["appearance"]["headline"] == article(report.ledger).title.strip()


# ---------------------------------------------------------------- the book's pages
# (the HTML helpers are tested on tests/fixtures/districts and hotline in tests/test_render.py)


def _text(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)


def test_the_claim_boxes_of_the_districts_rate_and_xiaobanqiaos_88_give_the_articles_arithmetic():
    from recount.publish import render

    report = Report(load_ledger())
    box = render.claim(report, "district_rate").data
    assert "复工复产率达76.23%" in box
    assert "Gloss:" in box and "123,542" in box
    assert "94,181 / 123,542 = 76.23%" in box
    assert "✓ consistent</span>" in box
    box = render.claim(report, "xbq_reopen_rate").data
    for arithmetic in ("4,800 / 5,852 = 82.02%, which rounds to 82%", "13,000 / 15,778 = 82.39%, which rounds to 82%",
                       "17,800 / 21,630 = 82.29%, which rounds to 82%"):
        assert arithmetic in box
    assert "✗ inconsistent</span>" in box and "between 87.5% and 88.5%" in box
    assert "How far off" in box and "How far off" not in render.claim(report, "district_rate").data
    full = _text(render.claim(report, "realestate_rate").data)
    assert "between 99.5% and 100%" in full and "100.5" not in full


def test_the_books_glue_values_write_the_articles_figures():
    from recount.publish import render

    values = render.glue_values(Report(load_ledger()))
    assert values["fig_ui_surveyed"] == "11,781"
    assert values["range_ui_approved"] == "2,000 to 3,000"
    assert values["fig_ccb_credit"] == "2.45 million yuan"
    assert values["zh_wqy_open_share"] == "98%左右"
    assert values["zh_ui_approved"] == "2000余家"
    assert values["recomputed_range_xbq_reopen_rate"] == "between 82.02% and 82.39%"
    assert values["recomputed_ui_eligible_share"] == "30.24%"


def test_the_books_findings_and_how_far_off_xiaobanqiao_is():
    import re

    from recount.publish import render

    report = Report(load_ledger())
    assert "5,852 &lt; 7,000 to 8,000" in render.cross_findings(report).data
    two = _text(render.cross_findings(report, section=2).data)
    assert "市场企业最多的街道" in two and "螺蛳湾商贸城全面开业复工" not in two
    assert render.cross_findings(report, section=1).data == "<p>No contradictions or tensions.</p>"
    text = _text(render.how_far_off_html(report, "xbq_reopen_rate"))
    for needed in ("5,121 of 5,852", "13,806 of 15,778", "18,927 of 21,630"):
        assert needed in text
    lead = _text(render.lead(report).data)
    for needed in ("at least 5,121 of 5,852 for firms only;", "at least 13,806 of 15,778 for shops only: open shops over",
                   "individual businesses (门店 over 户);",
                   "at least 18,927 of 21,630 for firms and shops together: open firms and shops over firms and individual businesses."):
        assert needed in lead
    assert "))" not in lead  # a reading's own brackets are never wrapped in another pair
    assert "No reading misses" in render.how_far_off_html(report, "district_rate")
    rates = _text(render.ledger_table(report, "rates").data)
    assert "3,563 / 11,781 = 30.24%" in rates and "30.2436" not in rates
    assert "2,000 to 3,000 / 3,563" in rates
    assert "Does not add up: the counts the article gives make 82%, not 88%." in _text(render.lead(report).data)
    found = report.cross_findings()
    assert found
    for x in found:  # the landing page's findings: a few plain sentences, no symbols
        words = render.finding_words(x, report.ledger)
        assert words.endswith(".") and 1 <= len(re.findall(r"[.!?](?:\s|$)", words)) <= 3, words
        assert "≤" not in words and "<" not in words and "_" not in words, words


def test_a_claim_box_glosses_each_quoted_chinese_sentence_with_one_english_sentence():
    import re

    from recount.publish import render

    report = Report(load_ledger())

    for key in ("xbq_reopen_rate", "lsw_rate", "district_rate", "realestate_rate", "restaurants_rate", "loan_rate_cut"):
        box = render.claim(report, key).data
        gloss = _text(re.search(r'<p class="recount-gloss">(.*?)</p>', box).group(1)).removeprefix("Gloss:").strip()
        quoted = re.findall(r'<blockquote class="recount-quote"[^>]*>(.*?)</blockquote>', box)
        chinese = sum(_text(q).count("。") for q in quoted)
        english = len(re.findall(r"[.;](?:\s|$)", gloss))  # a sentence may join two clauses with ;
        assert chinese >= 1 and english >= chinese and gloss.endswith("."), (key, gloss)
        labels = [f.label_en for f in report.ledger.figures.values() if f.label_en and f.label_en in gloss]
        assert not [lab for lab in labels if f"{lab}:" in gloss], (key, "a gloss lists ledger labels")


# ---------------------------------------------------------------- what could explain Xiaobanqiao's 88%
# (the explanations are tested on tests/fixtures/districts in tests/test_explain.py)


def names(report, claim):
    from recount import explain

    return {e.name: e for e in explain.explanations(report, claim)}


def with_value(report, fid, value):
    """The report of a ledger copy in which one figure reads ``value`` (quote and place unchanged)."""
    import copy

    from recount.intervals import Interval

    ledger = copy.deepcopy(report.ledger)
    f = ledger.figures[fid]
    ledger.figures[fid] = replace(f, value=Decimal(value), value_text=str(value), interval=Interval.point(Fraction(value)))
    return Report(ledger)


def test_the_88_could_be_a_one_digit_slip_for_82_and_nothing_else():
    found = names(Report(load_ledger()), "xbq_reopen_rate")
    slip = found["A slip of one digit"]
    assert slip.fits is True and slip.test.startswith("82%,")


def test_no_count_in_the_article_gives_88_but_a_base_it_does_not_give_leaves_it_open():
    found = names(Report(load_ledger()), "xbq_reopen_rate")
    base = found["Another base"]
    assert base.fits is None and base.verdict == "cannot tell" and base.unstated
    assert "5,424 to 5,485" in base.test  # 4,800 / 0.885 < base <= 4,800 / 0.875
    assert "cannot be tested" in base.test


def test_xiaobanqiaos_totals_in_an_undated_sentence_leave_another_date_open():
    found = names(Report(load_ledger()), "xbq_reopen_rate")
    # the counts reopened and the rate share one sentence (截至目前); the totals are in the one before, undated
    assert found["Another date"].fits is None and "截至目前" in found["Another date"].test


def test_a_weighted_mean_of_the_sector_rates_is_cannot_tell_even_when_they_cannot_reach_88(data_copy):
    """The sector rates (80%, 90%, 40%) and real estate, all reopened (100%), run from 40% to 100%: a mean
    weighted by sizes the article does not give can be 88%. Rates that cannot reach it (real estate's row
    taken out, logistics read as 85%) still do not rule it out: the article does not say they are all the
    parts, so it cannot tell, and the text does not speak of parts the paragraph leaves unnamed as known."""
    found = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["A share of something else"]
    assert found.fits is None and "100% for 房地产企业已全部复工, “All of Xiaobanqiao's real-estate firms have reopened”" in found.test and "40% to 100%" in found.test
    path = data_copy / paths.SUPERLATIVES_NAME
    path.write_text("".join(ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not ln.startswith("xbq_realestate_all,")), encoding="utf-8")
    without = Report(load_ledger(data_copy))
    assert names(without, "xbq_reopen_rate")["A share of something else"].fits is None  # 40% to 90%: still open
    found = names(with_value(without, "xbq_logistics_rate", 85), "xbq_reopen_rate")["A share of something else"]
    assert found.fits is None and found.verdict == "cannot tell" and not found.ruled_out_by
    assert "40% to 85%" in found.test and "which does not reach 88%" in found.test and "does not say" in found.test
    assert "does not name" not in found.test and "unnamed" not in found.test


def test_counts_in_other_units_than_their_totals_leave_the_rate_open(data_copy):
    """13000个…门店 (shops) over 15778户 (businesses) differ; 4800家 over 5852户 are both businesses. For 88%
    pooled, the count of businesses would have to be at least 18,927 - 4,800 = 14,127 of 15,778 (87.5% of
    21,630 is 18,926.25). With the open count naming no premises (its quote cut before 门店), each count
    and its total count the same things and the explanation is ruled out by them."""
    units = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["Counts in other units"]
    assert units.fits is None
    assert units.test.startswith("The shops counted and their total are in different units: "
                                 "13000个个体经营门店 (shops) over 个体经营户15778户 (businesses). "
                                 "A business may have more than one shop, or none, so the count of businesses "
                                 "need not be 13,000; for 88% pooled it would have to be at least "
                                 "14,127 of 15,778. The article does not give that count.")
    assert "(家 and 户 both count businesses: 已复工企业4800家 over 共有企业5852户.)" in units.test
    assert units.test.count("different units") == 1  # 家 over 户 is not a difference of units
    path = data_copy / paths.FIGURES_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("13000个个体经营门店,13000,个,", "13000个个体经营,13000,个,"),
                    encoding="utf-8")
    units = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["Counts in other units"]
    assert units.fits is False and units.test.startswith("Each count and its total count the same things")
    assert "13000个个体经营 over 个体经营户15778户" in units.test


def test_the_summary_of_the_explanations_of_the_88():
    report = Report(load_ledger())
    from recount import explain

    found = explain.explanations(report, "xbq_reopen_rate")
    text = explain.summary(found)
    assert text == explain.glue_values(report)["explained_xbq_reopen_rate"]
    assert text.startswith("Of the six innocent explanations tried, the article's numbers fit one (a slip of one digit)")
    assert "cannot test five" in text and text.endswith("rule out none.")
    slip = replace(found[0], fits=False, ruled_out_by=("xbq_reopen_rate",))
    assert "the article's numbers fit none, cannot test" in explain.summary([slip, *found[1:]])
    assert "rule out one (a slip of one digit)" in explain.summary([slip, *found[1:]])


def test_the_one_reading_tension_states_its_condition_with_its_failure_never_both_ways():
    """Luosiwan's 全面开业复工 is tested one way only: the words say on what the failure turns, and never
    that it "does not hold" beside "it would fail only if"."""
    from recount.publish import render
    from recount.superlatives import SuperlativeResult

    report = Report(load_ledger())
    one = [x for x in report.cross_findings() if isinstance(x, SuperlativeResult) and len(x.readings) == 1]
    assert one
    for x in one:
        words = render.finding_words(x, report.ledger)
        assert words.startswith("If 全面开业复工") and "rule it out" in words, words
        assert "does not hold" not in words and "only if" not in words, words
