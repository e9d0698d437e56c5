"""Verdicts published as schema.org ClaimReview."""

import json

from recount.claimreview import claim_reviews, script_tag
from recount.ledger import load_ledger
from recount.report import Report


def test_every_rate_has_a_claim_review_with_its_verdict_and_quote():
    report = Report(load_ledger())
    reviews = claim_reviews(report)
    assert [r["identifier"] for r in reviews] == [r.rate.id for r in report.results]
    by_id = {r["identifier"]: r for r in reviews}
    xbq = by_id["xbq_rate_all"]
    assert xbq["@type"] == "ClaimReview" and xbq["reviewRating"]["alternateName"] == "inconsistent"
    assert xbq["reviewRating"]["ratingValue"] == 1
    assert xbq["itemReviewed"]["text"] == "复工复产率达88%"
    assert by_id["district_rate"]["reviewRating"]["ratingValue"] == 3
    assert "ratingValue" not in by_id["ui_eligible_share"]["reviewRating"]


def test_script_tag_cannot_close_itself_early():
    tag = script_tag([{"text": "</script><script>alert(1)</script>"}])
    assert tag.count("</script>") == 1
    assert json.loads(tag[len('<script type="application/ld+json">'):-len("</script>")])[0]["text"].startswith("</script>")
