"""What could explain an inconsistent claim: each explanation is tested against the article's numbers."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from recount import explain, paths
from recount.intervals import Interval
from recount.ledger import load_ledger
from recount.report import Report


def names(report: Report, claim: str) -> dict[str, explain.Explanation]:
    return {e.name: e for e in explain.explanations(report, claim)}


def with_value(report: Report, fid: str, value: int) -> Report:
    """The report of a ledger copy in which one count reads ``value`` (quote and place unchanged)."""
    ledger = copy.deepcopy(report.ledger)
    f = ledger.figures[fid]
    ledger.figures[fid] = dataclasses.replace(f, value=Decimal(value), value_text=str(value),
                                              interval=Interval.point(Fraction(value)))
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


def test_an_explanation_is_ruled_out_only_by_numbers_the_article_states():
    with pytest.raises(ValueError, match="ruled out only by numbers the article states"):
        explain.Explanation("Another base", "nothing named", False)
    with pytest.raises(ValueError, match="does not give"):
        explain.Explanation("Another base", "named, but resting on a base not given", False, ("xbq_firms",),
                            unstated="a base the article does not give")
    assert explain.Explanation("A slip", "stated", False, ("xbq_firms",)).verdict == "ruled out by the article's numbers"


def test_every_explanation_of_the_88_that_says_ruled_out_names_stated_figures():
    report = Report(load_ledger())
    for e in explain.explanations(report, "xbq_reopen_rate"):
        if e.fits is False:
            assert e.ruled_out_by and all(f in report.ledger.figures for f in e.ruled_out_by), e


def test_the_totals_in_an_undated_sentence_leave_another_date_open():
    found = names(Report(load_ledger()), "xbq_reopen_rate")
    # the counts reopened and the rate share one sentence (截至目前); the totals are in the one before, undated
    assert found["Another date"].fits is None and "截至目前" in found["Another date"].test


def test_a_total_that_gives_the_cited_rate_is_found():
    # the district's count of specialised markets read as 5,454: 4,800 / 5,454 = 88.01%
    found = names(with_value(Report(load_ledger()), "district_pro_markets", 5454), "xbq_reopen_rate")
    assert found["Another base"].fits is True, found["Another base"].test


def test_a_count_that_would_make_the_claim_true_is_found():
    # Wujing's firms read as 5,150: 5,150 of Xiaobanqiao's 5,852 firms would be 88.0%
    found = names(with_value(Report(load_ledger()), "wujing_firms", 5150), "xbq_reopen_rate")
    assert found["A count misprinted"].fits is True, found["A count misprinted"].test


def test_a_pair_of_counts_in_the_paragraph_that_divides_to_the_cited_rate_is_found():
    # Xiaobanqiao's grid cells read as 115 against its 131 markets: 87.79%
    found = names(with_value(Report(load_ledger()), "xbq_grids", 115), "xbq_reopen_rate")
    assert found["A share of something else"].fits is True, found["A share of something else"].test


def test_a_weighted_mean_of_the_sector_rates_is_cannot_tell_even_when_they_cannot_reach_88(data_copy):
    """The sector rates (80%, 90%, 40%) and real estate, all reopened (100%), run from 40% to 100%: a mean
    weighted by sizes the article does not give can be 88%. Rates that cannot reach it (real estate's row
    taken out, logistics read as 85%) still do not rule it out: the article does not say they are all the
    parts, so it cannot tell, and the text does not speak of parts the paragraph leaves unnamed as known."""
    found = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["A share of something else"]
    assert found.fits is None and "100% for 房地产企业已全部复工" in found.test and "40% to 100%" in found.test
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
    pooled, the businesses reopened would have to be at least 18,927 - 4,800 = 14,127 of 15,778 (87.5% of
    21,630 is 18,926.25). With the open count naming no premises (its quote cut before 门店), each count
    and its total count the same things and the explanation is ruled out by them."""
    units = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["Counts in other units"]
    assert units.fits is None
    assert units.test.startswith("The open shops and their total are in different units: "
                                 "13000个个体经营门店 (shops) over 个体经营户15778户 (businesses). "
                                 "A business may have more than one shop, or reopen without one, so the businesses "
                                 "reopened need not be 13,000; for 88% pooled they would have to be at least "
                                 "14,127 of 15,778. The article does not give that count.")
    assert "(家 and 户 both count businesses: 已复工企业4800家 over 共有企业5852户.)" in units.test
    assert units.test.count("different units") == 1  # 家 over 户 is not a difference of units
    path = data_copy / paths.FIGURES_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("13000个个体经营门店,13000,个,", "13000个个体经营,13000,个,"),
                    encoding="utf-8")
    units = names(Report(load_ledger(data_copy)), "xbq_reopen_rate")["Counts in other units"]
    assert units.fits is False and units.test.startswith("Each count and its total count the same things")
    assert "13000个个体经营 over 个体经营户15778户" in units.test


def test_the_summary_of_the_explanations_is_computed_from_their_verdicts():
    report = Report(load_ledger())
    found = explain.explanations(report, "xbq_reopen_rate")
    text = explain.summary(found)
    assert text == explain.glue_values(report)["explained_xbq_reopen_rate"]
    assert text.startswith("The article's numbers leave one innocent explanation possible (a slip of one digit)")
    assert "cannot tell on five" in text and text.endswith("rule out none.")
    slip = dataclasses.replace(found[0], fits=False, ruled_out_by=("xbq_reopen_rate",))
    assert "leave no innocent explanations possible" in explain.summary([slip, *found[1:]])
    assert "rule out one (a slip of one digit)" in explain.summary([slip, *found[1:]])
