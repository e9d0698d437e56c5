"""Superlatives, "all" claims and totals: every one in an article is listed, and each reading is a
test on the figures of the same kind that fails when the figures are changed to break it.

On the tests' own market bulletin (``tests/fixtures/markets``): a largest market whose rivals the
bulletin all counts, a largest fruit market whose rivals it does not, a market fully reopened, a
district total over its streets, a figure of speech and an idiom. 《重启2020》's superlatives are
pinned in ``tests/test_golden_book.py``."""

import csv
import io
import re
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from recount import paths
from recount.intervals import Interval
from recount.ledger import load_ledger
from recount.superlatives import check_all, check_claim

MARKETS = Path(__file__).parent / "fixtures" / "markets"

#: the words of a superlative or a total; every one in the article is a row of superlatives.csv
SUPERLATIVE_WORDS = re.compile(r"最|首创|首先|率先|全部|全面|全体|全区|全市|全省|全线|全类型|全流程|全程|全覆盖|均|每|都|"
                               r"完全|大多|合计|共计|累计|总额")


@pytest.fixture(scope="module")
def markets():
    return load_ledger(MARKETS)


@pytest.fixture
def markets_dir(tmp_path) -> Path:
    """A writable copy of the market bulletin's folder."""
    return Path(shutil.copytree(MARKETS, tmp_path / "markets"))


def missed_words(ledger) -> list[str]:
    """The superlative words of the source that no row of superlatives.csv quotes."""
    spans = [(s.start, s.start + len(s.quote)) for s in ledger.superlatives]
    return [m.group() for m in SUPERLATIVE_WORDS.finditer(ledger.source)
            if not any(a <= m.start() and m.end() <= b for a, b in spans)]


def _result(ledger, claim_id):
    return check_claim(next(s for s in ledger.superlatives if s.id == claim_id), ledger)


def _with_figure(ledger, fid, low, high=None):
    """A copy of the ledger whose figure ``fid`` stands for [low, high] (in its unit as written)."""
    f = ledger.figures[fid]
    iv = Interval(Fraction(low), Fraction(low if high is None else high))
    return replace(ledger, figures={**ledger.figures, fid: replace(f, interval=iv)})


def _with_strength(ledger, reading_id, strength):
    readings = [replace(r, strength=strength) if r.id == reading_id else r for r in ledger.superlative_readings]
    return replace(ledger, superlative_readings=readings)


def _set_row(path, row_id, column, value):
    """In the CSV ``path``, one cell of the row whose first column is ``row_id``."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row[next(iter(row))] == row_id:
            row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_every_superlative_word_of_the_article_is_listed(markets):
    assert missed_words(markets) == []


def test_the_superlative_census_fails_when_a_row_is_dropped(markets):
    dropped = replace(markets, superlatives=[s for s in markets.superlatives if s.id != "utmost"])
    assert missed_words(dropped) == ["最"]


def test_every_superlative_has_its_expected_result(markets):
    results = {r.claim.id: r.result for r in check_all(markets)}
    assert results == {"district_markets": "not_a_claim", "east_largest": "pass", "north_full": "pass",
                       "fruit_largest": "unverifiable", "district_total": "not_contradicted",
                       "shops_open": "not_a_claim", "utmost": "not_a_claim"}
    assert all(r.matches_expected for r in check_all(markets))


def test_a_largest_claim_whose_rivals_are_not_all_counted_is_unverifiable_not_passed(markets):
    r = _result(markets, "fruit_largest")
    assert r.readings[0].held and r.result == "unverifiable" and r.assumption is None
    assert "2,800 ≥ 2,600" in r.readings[0].arithmetic and "the article does not count every rival" in r.readings[0].arithmetic


def test_a_largest_claim_is_in_tension_when_a_rival_has_more_and_fails_when_every_reading_fails_hard(markets):
    beaten = _with_figure(markets, "east_merchants", 3000, 3100)   # the market it is compared with, now bigger
    r = _result(beaten, "fruit_largest")
    assert [x.result for x in r.readings] == ["tension"] and r.result == "tension"
    assert "2,800 < 3,000 to 3,100" in r.readings[0].arithmetic
    assert r.readings[0].needed.startswith("at least 3,000, 200 more")
    assert "A fruit market is compared with a general wholesale market" in r.assumption
    assert _result(_with_strength(beaten, "fruit_by_merchants", "hard"), "fruit_largest").result == "fail"


def test_a_largest_claim_passes_only_when_the_article_counts_every_rival(markets_dir, cli):
    """East Gate against the district's two other markets, the bulletin's 3 markets all counted: a pass.
    Without that count, or with a count that is not the subject and its rivals (900), unverifiable."""
    readings = markets_dir / paths.READINGS_NAME
    assert _result(load_ledger(markets_dir), "east_largest").result == "pass"
    _set_row(readings, "east_by_merchants", "members", "north_merchants")
    assert _result(load_ledger(markets_dir), "east_largest").result == "unverifiable"
    _set_row(readings, "east_by_merchants", "members", "")
    assert _result(load_ledger(markets_dir), "east_largest").result == "unverifiable"
    run = cli("check", "--data", str(markets_dir))
    assert run.code == 1 and "superlative east_largest: unverifiable, expected pass" in run.stderr


def test_words_the_exclusions_call_a_figure_of_speech_are_not_a_claim_whatever_its_readings(markets_dir, cli):
    """一家家店铺全面开门迎客: 一家家 is a figure of speech (exclusions.csv), so the code calls it not a
    claim even when readings are listed for it; without that exclusion they are tested."""
    with (markets_dir / paths.READINGS_NAME).open("a", encoding="utf-8") as fh:
        fh.write('shops_all_open,shops_open,full,merchants_rate,,soft,"every shop open",'
                 '"The sentence counts every shop.",\n')
    _set_row(markets_dir / paths.SUPERLATIVES_NAME, "shops_open", "expected", "tension")
    r = _result(load_ledger(markets_dir), "shops_open")
    assert r.result == "not_a_claim" and not r.readings and r.reason.startswith("一家家: Reduplicated measure words")
    run = cli("check", "--data", str(markets_dir))
    assert run.code == 1 and "superlative shops_open: not_a_claim, expected tension" in run.stderr
    exclusions = markets_dir / paths.EXCLUSIONS_NAME
    exclusions.write_text("".join(ln for ln in exclusions.read_text(encoding="utf-8").splitlines(keepends=True)
                                  if not ln.startswith("一家家")), encoding="utf-8")
    assert _result(load_ledger(markets_dir), "shops_open").result == "tension"


def test_a_test_that_only_leaves_room_shows_the_claim_not_contradicted_never_passed(markets_dir, cli):
    """The district's individual businesses against its two streets': room left is all an le test can show."""
    r = _result(load_ledger(markets_dir), "district_total")
    assert r.result == "not_contradicted" and r.readings[0].held
    _set_row(markets_dir / paths.SUPERLATIVES_NAME, "district_total", "expected", "pass")
    run = cli("check", "--data", str(markets_dir))
    assert run.code == 1 and "superlative district_total: not_contradicted, expected pass" in run.stderr


def test_a_full_reading_passes_only_on_a_rate_that_is_certainly_100(markets_dir):
    """North Gate: 900 of 900 is 100% exactly, a pass. Against a cited 100% with no counts (the fruit
    market's: 99.5% and up), the same test shows only that the claim is not contradicted."""
    assert _result(load_ledger(markets_dir), "north_full").result == "pass"
    _set_row(markets_dir / paths.READINGS_NAME, "north_full_rate", "subject", "fruit_share")
    assert _result(load_ledger(markets_dir), "north_full").result == "not_contradicted"


def test_a_full_claim_fails_when_one_is_missing_and_is_in_tension_when_soft(markets):
    r = _result(_with_figure(markets, "north_open", 850), "north_full")
    assert r.result == "fail" and "94.44% < 100%" in r.readings[0].arithmetic
    soft = _with_strength(_with_figure(markets, "north_open", 850), "north_full_rate", "soft")
    assert _result(soft, "north_full").result == "tension"


def test_a_total_is_a_tension_when_its_parts_exceed_it_and_a_failure_when_the_reading_is_hard(markets):
    """The streets' words for individual businesses are read as the district's kind: a soft reading, so
    a breach is a tension, and a contradiction only if the reading is hard."""
    assert _result(markets, "district_total").result == "not_contradicted"
    broken = _with_figure(markets, "district_individual", 5000)
    r = _result(broken, "district_total")
    assert r.result == "tension" and "5,500" in r.readings[0].arithmetic and "> 5,000" in r.readings[0].arithmetic
    assert _result(_with_strength(broken, "streets_in_district", "hard"), "district_total").result == "fail"


def test_a_claim_with_no_reading_keeps_its_classification(markets_dir):
    results = {r.claim.id: r for r in check_all(load_ledger(markets_dir))}
    assert results["utmost"].result == "not_a_claim" and not results["utmost"].readings
    _set_row(markets_dir / paths.SUPERLATIVES_NAME, "district_markets", "expected", "unverifiable")
    results = {r.claim.id: r for r in check_all(load_ledger(markets_dir))}
    assert results["district_markets"].result == "unverifiable" and not results["district_markets"].readings
