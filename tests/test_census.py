"""Coverage: every number in the source is a ledger figure or an explained exclusion."""

import csv

from recount import paths
from recount.census import census, uncovered
from recount.ledger import load_ledger


def test_every_number_in_the_source_is_covered():
    missing = uncovered(load_ledger())
    assert not missing, "numbers in the source that no figure covers: " + "; ".join(n.context for n in missing)


def test_coverage_test_can_fail_when_a_figure_row_is_dropped(data_copy):
    path = data_copy / paths.FIGURES_NAME
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    dropped = [r for r in rows if r["id"] == "taihe_days"]
    kept = [r for r in rows if r["id"] != "taihe_days"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(kept)
    assert dropped
    missing = uncovered(load_ledger(data_copy))
    assert [n.text for n in missing] == ["3"]
    assert missing[0].line == 34


def test_coverage_test_can_fail_when_an_exclusion_is_dropped(data_copy):
    path = data_copy / "exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("凌晨3点")), encoding="utf-8")
    assert [n.text for n in uncovered(load_ledger(data_copy))] == ["3"]


def test_census_finds_both_digit_and_chinese_numerals():
    found = {n.text for n in census(load_ledger())}
    assert {"123542", "82.57", "0.5", "十二", "两", "三", "四"} <= found


def test_every_exclusion_is_used_and_reasoned():
    ledger = load_ledger()
    for x in ledger.exclusions:
        assert x.pattern.search(ledger.source), f"exclusion {x.pattern.pattern!r} matches nothing"
        assert len(x.reason_en) > 10
