"""Verdicts published as schema.org ClaimReview (on the tests' districts bulletin, tests/fixtures/districts)."""

import json
from datetime import date

import pytest

from conftest import DISTRICTS
from recount.article import article
from recount.publish.claimreview import address_note, base_url, claim_reviews, script_tag
from recount.ledger import load_ledger
from recount.report import Report


@pytest.fixture(scope="module")
def report() -> Report:
    return Report(load_ledger(DISTRICTS))


def test_every_stated_percentage_has_one_claim_review_with_its_verdict_and_quote(report):
    reviews = claim_reviews(report)
    stated = list(dict.fromkeys(r.cited for r in report.ledger.rates if r.cited))
    assert [r["identifier"] for r in reviews] == stated  # derived rates are not claims
    assert len(reviews) == report.n_claims()
    by_id = {r["identifier"]: r for r in reviews}
    beiyuan = by_id["beiyuan_share"]
    assert beiyuan["@type"] == "ClaimReview" and beiyuan["reviewRating"]["alternateName"] == "inconsistent"
    assert beiyuan["reviewRating"]["ratingValue"] == 1
    assert beiyuan["itemReviewed"]["text"] == "北苑复工率达90%"
    body = beiyuan["reviewBody"]  # every reading, in words
    assert body.count("which rounds to") == 3
    assert all(f"which rounds to {pct}%" in body for pct in (83, 80, 81)), body
    assert by_id["nanhu_share"]["reviewRating"]["ratingValue"] == 3
    assert beiyuan["itemReviewed"]["appearance"]["headline"] == article(report.ledger).title.strip()


def test_script_tag_cannot_close_itself_early():
    tag = script_tag([{"text": "</script><script>alert(1)</script>"}])
    assert tag.count("</script>") == 1
    assert json.loads(tag[len('<script type="application/ld+json">'):-len("</script>")])[0]["text"].startswith("</script>")


def test_reviews_point_at_absolute_ledger_rows_under_the_books_base_url(report):
    reviews = claim_reviews(report, base="https://example.org/recount")
    first = {r.cited: r.id for r in reversed(report.ledger.rates) if r.cited}
    for r in reviews:
        assert r["url"] == f"https://example.org/recount/book/ledger.html#rate-{first[r['identifier']]}"
    assert "https://example.org/recount/book/ledger.html" in address_note("https://example.org/recount/")


def test_without_a_base_url_reviews_carry_no_url_and_the_note_says_the_book_has_no_address(report):
    reviews = claim_reviews(report, base="")
    assert reviews and all("url" not in r for r in reviews)
    assert "no published address" in address_note("")


def test_every_review_is_dated_with_the_check_date_of_the_data(report):
    created = json.loads((report.ledger.data_dir / "datapackage.json").read_text(encoding="utf-8"))["created"]
    dates = {r["datePublished"] for r in claim_reviews(report, base="")}
    assert dates == {created[:10]}
    date.fromisoformat(created[:10])


def test_an_unknown_publisher_is_left_out_not_named_unknown(report):
    assert json.loads((report.ledger.data_dir / "datapackage.json").read_text(encoding="utf-8"))["article"]["publisher"] is None
    for r in claim_reviews(report, base=""):
        assert "unknown" not in json.dumps(r["itemReviewed"]["appearance"]).lower()


@pytest.mark.parametrize("text, expected", [("html:\n  baseurl: ''\n", ""),
                                            ("html:\n  baseurl: https://example.org/b\n", "https://example.org/b/"),
                                            ("title: x\n", "")])
def test_base_url_is_read_from_the_books_config(tmp_path, text, expected):
    (tmp_path / "book").mkdir()
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    assert base_url(tmp_path / "book") == expected
