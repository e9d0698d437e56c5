"""The committed output tier (data/output/): up to date, and a changed verdict shows in it.

Writing and refreshing a tier is tested on the tests' own hotline bulletin (tests/fixtures/hotline);
the book's committed tier is checked against the library once."""

from __future__ import annotations

import csv
import json

from recount.publish import output
from recount.ledger import load_ledger
from recount.report import Report

from conftest import HOTLINE


def test_the_committed_output_is_what_the_library_computes():
    stale = output.stale(Report(load_ledger()))
    assert not stale, f"data/output/ is out of date for {stale}: run `make output` and commit"


def test_write_rewrites_a_stale_file_drops_an_orphan_and_then_does_nothing(tmp_path):
    report = Report(load_ledger(HOTLINE))
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "gone.csv").write_text("x\n", encoding="utf-8")
    written = output.write(report, tmp_path)
    assert len(written) == len(output.expected(report)) + 1
    assert {"verdicts.csv", "claimreview.json", "charts/claims.csv", "charts/gone.csv"} <= set(written)
    (tmp_path / "verdicts.csv").write_text("stale\n", encoding="utf-8")
    assert output.write(report, tmp_path) == ["verdicts.csv"]
    assert output.write(report, tmp_path) == []
    assert not (tmp_path / "charts" / "gone.csv").exists()


def test_a_changed_verdict_shows_in_the_verdicts_and_the_reviews(hotline_dir, tmp_path):
    out = tmp_path / "output"
    output.write(Report(load_ledger(hotline_dir)), out)
    # East's 95% read against all the district's calls instead of its own: no longer consistent
    rates = hotline_dir / "rates.csv"
    text = rates.read_text(encoding="utf-8").replace("east_rate,2,east_closed,east_calls,", "east_rate,2,east_closed,calls,")
    rates.write_text(text, encoding="utf-8")
    changed = Report(load_ledger(hotline_dir))
    assert {"verdicts.csv", "claimreview.json"} <= set(output.stale(changed, out))
    files = output.expected(changed)
    verdicts = {r["id"]: r["verdict"] for r in csv.DictReader(files["verdicts.csv"].splitlines())}
    assert verdicts["east_rate"] == "inconsistent"
    reviews = {r["identifier"]: r for r in json.loads(files["claimreview.json"])}
    assert reviews["east_share"]["reviewRating"]["alternateName"] == "inconsistent"
