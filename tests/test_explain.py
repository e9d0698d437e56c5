"""What could explain an inconsistent claim: each explanation is tested against the article's numbers."""

from __future__ import annotations

import copy
import dataclasses
from decimal import Decimal
from fractions import Fraction

from recount import explain
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


def test_no_count_in_the_article_is_a_base_that_gives_88():
    found = names(Report(load_ledger()), "xbq_reopen_rate")
    assert found["Another base"].fits is False
    assert "5,424 to 5,485" in found["Another base"].test  # 4,800 / 0.885 < base <= 4,800 / 0.875


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
