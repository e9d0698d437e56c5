"""Verdicts published as schema.org ClaimReview."""

import json

from recount.article import article
from recount.publish.claimreview import claim_reviews, script_tag
from recount.ledger import load_ledger
from recount.report import Report


def test_every_stated_percentage_has_one_claim_review_with_its_verdict_and_quote():
    report = Report(load_ledger())
    reviews = claim_reviews(report)
    stated = list(dict.fromkeys(r.cited for r in report.ledger.rates if r.cited))
    assert [r["identifier"] for r in reviews] == stated  # derived rates are not claims
    assert len(reviews) == report.n_claims()
    by_id = {r["identifier"]: r for r in reviews}
    xbq = by_id["xbq_reopen_rate"]
    assert xbq["@type"] == "ClaimReview" and xbq["reviewRating"]["alternateName"] == "inconsistent"
    assert xbq["reviewRating"]["ratingValue"] == 1
    assert xbq["itemReviewed"]["text"] == "复工复产率达88%"
    assert xbq["reviewBody"].count("which rounds to 82%") == 3  # every reading, in words
    assert by_id["district_rate"]["reviewRating"]["ratingValue"] == 3
    assert xbq["itemReviewed"]["appearance"]["headline"] == article(report.ledger).title.strip()


def test_script_tag_cannot_close_itself_early():
    tag = script_tag([{"text": "</script><script>alert(1)</script>"}])
    assert tag.count("</script>") == 1
    assert json.loads(tag[len('<script type="application/ld+json">'):-len("</script>")])[0]["text"].startswith("</script>")
