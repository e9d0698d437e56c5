"""The committed output tier (data/output/): up to date, and a changed verdict shows in it."""

from __future__ import annotations

import csv
import json

from recount.publish import output
from recount.ledger import load_ledger
from recount.report import Report


def test_the_committed_output_is_what_the_library_computes():
    stale = output.stale(Report(load_ledger()))
    assert not stale, f"data/output/ is out of date for {stale}: run `make output` and commit"


def test_write_rewrites_a_stale_file_drops_an_orphan_and_then_does_nothing(tmp_path):
    report = Report(load_ledger())
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "gone.csv").write_text("x\n", encoding="utf-8")
    assert len(output.write(report, tmp_path)) == len(output.expected(report)) + 1
    (tmp_path / "verdicts.csv").write_text("stale\n", encoding="utf-8")
    assert output.write(report, tmp_path) == ["verdicts.csv"]
    assert output.write(report, tmp_path) == []
    assert not (tmp_path / "charts" / "gone.csv").exists()


def test_a_changed_verdict_shows_in_the_verdicts_and_the_reviews(data_copy, tmp_path):
    out = tmp_path / "output"
    output.write(Report(load_ledger()), out)
    # the article's 76.23% read against the reopened specialised markets instead: no longer consistent
    rates = data_copy / "rates.csv"
    text = rates.read_text(encoding="utf-8").replace(
        "district_rate,3,district_individual_open,district_individual,",
        "district_rate,3,district_pro_markets_open,district_pro_markets,")
    rates.write_text(text, encoding="utf-8")
    changed = Report(load_ledger(data_copy))
    assert {"verdicts.csv", "claimreview.json"} <= set(output.stale(changed, out))
    verdicts = {r["id"]: r["verdict"] for r in csv.DictReader(output.expected(changed)["verdicts.csv"].splitlines())}
    assert verdicts["district_rate"] == "inconsistent"
    reviews = {r["identifier"]: r for r in json.loads(output.expected(changed)["claimreview.json"])}
    assert reviews["district_rate"]["reviewRating"]["alternateName"] == "inconsistent"
