"""Coverage: every number in the source is a ledger figure or an explained exclusion.

On the tests' own hotline bulletin (``tests/fixtures/hotline``); that 《重启2020》's ledger covers
every number of its article is pinned in ``tests/test_golden_book.py``."""

import csv
from dataclasses import replace

from recount import paths
from recount.census import census, uncovered
from recount.ledger import load_ledger


def test_every_number_of_a_complete_ledger_is_covered(hotline):
    assert uncovered(hotline) == []


def test_a_dropped_figure_row_leaves_its_number_uncovered_with_its_line(hotline_dir):
    path = hotline_dir / paths.FIGURES_NAME
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(r for r in rows if r["id"] != "running_cost")
    missing = uncovered(load_ledger(hotline_dir))
    assert [(n.text, n.line) for n in missing] == [("150", 6)]
    assert missing[0].context.startswith("line 6:")


def test_a_dropped_exclusion_leaves_the_numbers_it_explained_uncovered(hotline_dir):
    path = hotline_dir / "exclusions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("\\d+月")), encoding="utf-8")
    assert [(n.text, n.line) for n in uncovered(load_ledger(hotline_dir))] == [("3", 9), ("31", 9)]


def test_census_finds_digits_decimals_and_chinese_numerals(hotline):
    found = {n.text for n in census(hotline)}
    assert {"12000", "三", "一"} <= found
    extra = replace(hotline, source=hotline.source + "\n十二个社区两级联动，满意率达82.57%，比上季度高0.5个点。\n")
    found = [n.text for n in uncovered(extra)]
    assert found == ["十二", "两", "82.57", "0.5"]


def test_every_exclusion_is_used_and_reasoned(hotline):
    for x in hotline.exclusions:
        assert x.pattern.search(hotline.source), f"exclusion {x.pattern.pattern!r} matches nothing"
        assert len(x.reason_en) > 10
