"""What could explain an inconsistent claim: each explanation is tested against the article's numbers.

On the tests' districts bulletin (tests/fixtures/districts): Beiyuan's stated 90%, read as firms
(1,000 of 1,200), shops (2,400 of 3,000) and both pooled, rounds to 83%, 80% and 81%. What the
checker makes of 《重启2020》's 88% is pinned in tests/test_golden_book.py."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from decimal import Decimal
from fractions import Fraction

import pytest

from conftest import DISTRICTS, HOTLINE
from recount import explain, paths
from recount.intervals import Interval
from recount.ledger import load_ledger
from recount.report import Report
from recount.verdict import claim_key

CLAIM = "beiyuan_share"


@pytest.fixture(scope="module")
def report() -> Report:
    return Report(load_ledger(DISTRICTS))


def names(report: Report, claim: str = CLAIM) -> dict[str, explain.Explanation]:
    return {e.name: e for e in explain.explanations(report, claim)}


def with_value(report: Report, fid: str, value: int) -> Report:
    """The report of a ledger copy in which one figure reads ``value`` (quote and place unchanged)."""
    ledger = copy.deepcopy(report.ledger)
    f = ledger.figures[fid]
    ledger.figures[fid] = dataclasses.replace(f, value=Decimal(value), value_text=str(value),
                                              interval=Interval.point(Fraction(value)))
    return Report(ledger)


def test_a_reading_one_digit_away_from_the_cited_rate_could_be_a_slip(report):
    slip = names(report)["A slip of one digit"]
    assert slip.fits is True and slip.test.startswith("80%, one digit away from 90%,")


def test_a_slip_no_reading_gives_is_ruled_out_by_the_counts(report):
    # West's 2,500 of 2,800 calls make 89%: no number one digit away from the stated 92%
    from conftest import HOTLINE

    hotline = Report(load_ledger(HOTLINE))
    slip = names(hotline, "west_share")["A slip of one digit"]
    assert slip.fits is False and set(slip.ruled_out_by) == {"west_share", "west_closed", "west_calls"}


def test_no_count_in_the_article_gives_the_rate_but_a_base_it_does_not_give_leaves_it_open(report):
    base = names(report)["Another base"]
    assert base.fits is None and base.verdict == "cannot tell" and base.unstated
    assert "1,105 to 1,117" in base.test  # 1,000 / 0.905 < base <= 1,000 / 0.895
    assert "cannot be tested" in base.test


def test_an_explanation_is_ruled_out_only_by_numbers_the_article_states():
    with pytest.raises(ValueError, match="ruled out only by numbers the article states"):
        explain.Explanation("Another base", "nothing named", False)
    with pytest.raises(ValueError, match="does not give"):
        explain.Explanation("Another base", "named, but resting on a base not given", False, ("beiyuan_firms",),
                            unstated="a base the article does not give")
    assert explain.Explanation("A slip", "stated", False, ("beiyuan_firms",)).verdict == "ruled out by the article's numbers"


def test_every_explanation_that_says_ruled_out_names_stated_figures(report):
    found = explain.explanations(report, CLAIM)
    assert [e for e in found if e.fits is False]
    for e in found:
        if e.fits is False:
            assert e.ruled_out_by and all(f in report.ledger.figures for f in e.ruled_out_by), e


def test_the_explanations_words_are_the_articles_never_another_articles_verb():
    """The library explains a hotline's claims in no words of 《重启2020》 (its counts reopened): what
    a count counts comes from the ledger, and the explanations' own words fit any count."""
    report = Report(load_ledger(HOTLINE))
    claims = list(dict.fromkeys(claim_key(r.rate) for r in report.results if r.cited is not None))
    texts = [e.test + " " + (e.unstated or "") for c in claims for e in explain.explanations(report, c)]
    assert len(texts) >= 5 * len(claims) > 0
    assert not [t for t in texts if "reopen" in t or "business" in t], texts


def test_counts_totals_and_rate_in_one_sentence_rule_out_another_date(report):
    found = names(report)["Another date"]
    assert found.fits is False and "are in one sentence" in found.test


def test_the_totals_in_an_undated_sentence_leave_another_date_open(districts_dir, monkeypatch):
    # the totals in a sentence of their own; the counts and the rate in the next, dated 截至目前
    path = districts_dir / paths.SOURCE_NAME
    text = path.read_text(encoding="utf-8").replace(
        "北苑街道有企业1200家，已复工1000家；有个体经营门店3000个，开门营业2400个，",
        "北苑街道有企业1200家，有个体经营门店3000个。截至目前，已复工1000家，开门营业2400个，")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(paths.SOURCE_SHA256_ENV, hashlib.sha256(text.encode("utf-8")).hexdigest())
    found = names(Report(load_ledger(districts_dir)))["Another date"]
    assert found.fits is None and "截至目前" in found.test


def test_a_total_that_gives_the_cited_rate_is_found(report):
    # Nanhu's firms read as 1,111: 1,000 / 1,111 = 90.01%
    found = names(with_value(report, "nanhu_firms", 1111))["Another base"]
    assert found.fits is True and "firms of Nanhu (1,111)" in found.test, found.test


def test_a_count_that_would_make_the_claim_true_is_found(report):
    # Nanhu's reopened firms read as 1,080: 1,080 of Beiyuan's 1,200 firms would be 90%
    found = names(with_value(report, "nanhu_firms_open", 1080))["A count misprinted"]
    assert found.fits is True and "Nanhu firms reopened (1,080)" in found.test, found.test


def test_a_pair_of_counts_in_the_paragraph_that_divides_to_the_cited_rate_is_found(report):
    # Nanhu's reopened firms read as 720 against its 800 firms: 90%
    found = names(with_value(report, "nanhu_firms_open", 720))["A share of something else"]
    assert found.fits is True and "720 / 800 fits" in found.test, found.test


def test_a_weighted_mean_of_the_paragraphs_rates_is_cannot_tell_even_when_they_cannot_reach_the_claim(report):
    """The paragraph's other rates (85%, 70%, 95%, 95%) run from 70% to 95%: a mean weighted by sizes the
    article does not give can be 90%. Rates that cannot reach it (the two 95% read as 88%) still do not
    rule it out: the article does not say they are all the parts, so it cannot tell."""
    found = names(report)["A share of something else"]
    assert found.fits is None and "70% to 95%" in found.test and "90% included" in found.test
    found = names(with_value(with_value(report, "repair_share", 88), "nanhu_share", 88))["A share of something else"]
    assert found.fits is None and found.verdict == "cannot tell" and not found.ruled_out_by
    assert "70% to 88%" in found.test and "which does not reach 90%" in found.test and "does not say" in found.test
    assert "does not name" not in found.test and "unnamed" not in found.test


def test_counts_of_the_same_things_as_their_totals_rule_out_other_units(report):
    units = names(report)["Counts in other units"]
    assert units.fits is False
    assert units.test == ("Each count and its total count the same things (已复工1000家 over 北苑街道有企业1200家; "
                          "开门营业2400个 over 有个体经营门店3000个).")


def test_the_summary_of_the_explanations_is_computed_from_their_verdicts(report):
    found = explain.explanations(report, CLAIM)
    text = explain.summary(found)
    assert text == explain.glue_values(report)[f"explained_{CLAIM}"]
    assert text.startswith("Of the six innocent explanations tried, the article's numbers fit one (a slip of one digit)")
    assert "cannot test three" in text and text.endswith("rule out two (another date; counts in other units).")
    slip = dataclasses.replace(found[0], fits=False, ruled_out_by=(CLAIM,))
    assert "the article's numbers fit none, cannot test" in explain.summary([slip, *found[1:]])
    assert "rule out three (a slip of one digit; another date; counts in other units)" in explain.summary([slip, *found[1:]])
