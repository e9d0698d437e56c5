"""The draft of our article, measured against the hand ledger (issue: >= 95% of figures, all 17 verdicts)."""

import pytest

from recount.draft.compare import WHY, compare
from recount.ledger import load_ledger


@pytest.fixture(scope="module")
def comparison():
    return compare(load_ledger())


def test_draft_agrees_with_the_hand_ledger_on_at_least_95_percent_of_figures(comparison):
    assert len(comparison.figures) == 94
    assert sum(m.agrees for m in comparison.figures) / len(comparison.figures) >= 0.95


def test_every_figure_the_draft_reads_differently_has_a_reason(comparison):
    differing = [m for m in comparison.figures if not m.agrees]
    assert {m.hand.quote for m in differing} == set(WHY)
    assert all(m.why == WHY[m.hand.quote] for m in differing)


def test_draft_finds_no_figure_the_hand_ledger_left_out(comparison):
    assert [f.quote for f in comparison.extra] == []


def test_draft_gives_the_hand_verdict_for_all_17_stated_percentages(comparison):
    assert len(comparison.claims) == 17
    assert [(m.hand.quote, m.drafted.verdict) for m in comparison.claims if not m.agrees] == []


def test_88_percent_is_inconsistent_with_the_readings_of_the_hand_ledger(comparison):
    claim = next(m.drafted for m in comparison.claims if m.hand_id == "xbq_reopen_rate")
    assert claim.verdict == "inconsistent"
    readings = {(tuple(f.value_text for f in r.numerator), tuple(f.value_text for f in r.denominator))
                for r in claim.readings}
    assert readings == {(("4800",), ("5852",)), (("13000",), ("15778",)), (("13000", "4800"), ("15778", "5852"))}
    assert "4800 / 5852 = 82.02% → 82%" in claim.arithmetic()
