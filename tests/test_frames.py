"""The chapters' tables as data: the tidy frames of recount.report (rates, the counts each rate
divides, cross-checks) and their house style in recount.publish.frames, on the hotline bulletin
(tests/fixtures/hotline): 12,000 calls, West's 2,500 of 2,800 closed stated as 92%."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from recount.ledger import load_ledger
from recount.publish import frames
from recount.report import Report


@pytest.fixture
def report(hotline) -> Report:
    return Report(hotline)


def test_rates_table_has_one_row_per_reading_of_a_section_with_shares_and_verdicts(report):
    t = report.rates_table(section=2)
    assert list(t.index) == ["closed_rate", "east_rate", "west_rate", "east_of_calls"]
    west = t.loc["west_rate"]
    assert west["quote"] == "西城办结率达92%" and west["stated"] == pytest.approx(0.92)
    assert west["recomputed_low"] == west["recomputed_high"] == pytest.approx(2500 / 2800)
    assert west["verdict"] == "inconsistent"
    assert pd.isna(t.loc["east_of_calls", "stated"]) and t.loc["east_of_calls", "verdict"] == "derived"


def test_rates_table_keeps_the_order_of_the_ids_asked_for(report):
    assert list(report.rates_table(ids=["west_rate", "consult_rate"]).index) == ["west_rate", "consult_rate"]


def test_a_rate_without_counts_has_no_recomputed_range(report):
    row = report.rates_table(section=3).loc["satisfied_rate"]
    assert row["verdict"] == "unverifiable" and pd.isna(row["recomputed_low"]) and pd.isna(row["recomputed_high"])


def test_rate_counts_give_the_part_and_whole_that_recompute_the_rate(report):
    counts = report.rate_counts(section=2)
    assert "satisfied_rate" not in counts.index
    west = counts.loc["west_rate"]
    assert (west["part"], west["whole"], bool(west["exact"])) == (2500, 2800, True)
    shares = counts["part"] / counts["whole"]
    table = report.rates_table(section=2)
    assert shares.to_dict() == pytest.approx(table.loc[counts.index, "recomputed_low"].to_dict())


def test_rate_counts_of_a_count_written_with_yu_hold_its_lower_end_and_say_so(hotline_dir):
    with open(hotline_dir / "rates.csv", "a", encoding="utf-8") as f:
        f.write("visited_of_calls,3,visited,calls,,callers called back over all calls,derived,"
                "Callers called back over all calls.\n")
    counts = Report(load_ledger(hotline_dir)).rate_counts(section=3)
    row = counts.loc["visited_of_calls"]
    assert (row["part"], row["whole"], bool(row["exact"])) == (2000, 12000, False)


def test_inconsistent_claims_name_the_claim_not_its_readings(report):
    assert report.inconsistent_claims() == ["west_share"]
    assert report.inconsistent_claims(section=1) == []
    assert list(report.rate_counts(claim="west_share").index) == ["west_rate"]


def test_checks_table_gives_each_check_its_result_and_strength(report):
    t = report.checks_table(section=3)
    assert list(t.index) == ["visited_le_complaints"]
    assert t.loc["visited_le_complaints", "result"] == "tension"
    assert t.loc["visited_le_complaints", "strength"] == "soft"


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_the_styled_rates_link_each_verdict_to_its_ledger_row_and_hide_the_ids(report):
    html = frames.rates(report, section=2, caption="The streets' rates").to_html()
    for rid, verdict in report.rates_table(section=2)["verdict"].items():
        assert re.search(rf'<a href="ledger.html#rate-{rid}"><span class="recount-badge recount-{verdict}"', html)
    text = " ".join(_cells(html))
    assert "west_rate" not in text and "east_of_calls" not in text, "an id shown as text"
    assert '<figcaption class="recount-table-caption">The streets&#x27; rates</figcaption>' in html
    assert '<span lang="zh-CN">西城办结率达92%</span>' in html
    assert "89.29%" in text and "92%" in text


def test_each_styled_cell_is_labelled_with_its_column_for_the_phone_layout(report):
    html = frames.rates(report, section=2).to_html()
    labels = re.findall(r'<td [^>]*data-label="([^"]*)"', html)
    assert labels[:4] == ["Claim", "Stated", "Recomputed", "Verdict"] and len(labels) == 4 * 4
    assert 'class="recount-table recount-frame"' in html and 'class="recount-scroll"' in html


def test_the_same_frame_gets_the_same_table_id_every_time(report):
    one, two = frames.rates(report, section=2).to_html(), frames.rates(report, section=2).to_html()
    assert one == two
    assert one != frames.rates(report, section=1).to_html()


def test_style_writes_counts_in_english_and_shares_as_percentages(report):
    counts = report.rate_counts(claim="west_share")
    counts["rate"] = counts["part"] / counts["whole"]
    text = _cells(frames.style(counts[["reading", "part", "whole", "rate"]], "West", percent=["rate"]).to_html())
    assert text == ["—", "2,500", "2,800", "89.29%"]


def test_style_escapes_text_and_marks_chinese(report):
    frame = pd.DataFrame({"note": ["<script>alert(1)</script>"], "quote": ["西城办结率达92%"], "n": [12000]})
    html = frames.style(frame, "Escaped", chinese=["quote"]).to_html()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert '<span lang="zh-CN">西城办结率达92%</span>' in html and ">12,000<" in html


def test_the_styled_checks_link_each_result_to_its_ledger_row(report):
    html = frames.checks(report, section=2).to_html()
    for cid, result in report.checks_table(section=2)["result"].items():
        assert re.search(rf'<a href="ledger.html#constraint-{cid}"><span class="recount-badge recount-{result}"', html)


def test_style_links_a_verdict_column_to_the_rates_ledger_row_when_indexed_by_rate(report):
    counts = report.rate_counts(claim="west_share")
    html = frames.style(counts[["part", "whole", "verdict"]], "West").to_html()
    assert '<a href="ledger.html#rate-west_rate"><span class="recount-badge recount-inconsistent"' in html
    plain = frames.style(counts[["part", "whole", "verdict"]].reset_index(drop=True), "West").to_html()
    assert "ledger.html" not in plain and "recount-badge recount-inconsistent" in plain


def test_a_styled_frame_reads_as_its_caption_in_plain_text(report):
    """The text/plain a notebook stores beside the table: the same every run, no memory address."""
    styled = frames.rates(report, section=2, caption="The streets' rates")
    assert repr(styled) == "Table: The streets' rates"
    assert styled._repr_html_() == frames.rates(report, section=2, caption="The streets' rates")._repr_html_()


def test_the_scorecard_counts_each_claim_once_by_its_first_readings_verdict(hotline):
    """The scorecard is counted without pandas; it must agree with the claims frame."""
    from collections import Counter

    from recount.report import Report

    report = Report(hotline)
    by_frame = Counter(report.claims_frame()["verdict"])
    assert report.scorecard() == {v: by_frame.get(v, 0) for v in report.scorecard()}
    assert sum(report.scorecard().values()) == len(report.claims_frame()) > 0
