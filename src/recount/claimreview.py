"""Each rate's verdict as schema.org ``ClaimReview`` JSON-LD.

Published in the book (embedded in the ledger page) and as a download
(``claimreview.json`` at the root of the HTML book, written at build time by
:mod:`recount.sphinx_publish`). Ratings: 1 inconsistent, 2 unverifiable,
3 consistent (``worstRating`` 1, ``bestRating`` 3); a rate the article does not
state is reviewed with ``alternateName`` "derived" and no rating value.
"""

from __future__ import annotations

import json

from recount.report import Report

ARTICLE_TITLE = "【聚焦复工复产】重启2020!官渡全面推进生产生活秩序有序恢复"
RATING = {"inconsistent": 1, "unverifiable": 2, "consistent": 3}
EXPLAIN = {
    "consistent": "The counts the article gives reproduce the stated rate after half-up rounding.",
    "inconsistent": "No reading of the counts the article gives reproduces the stated rate.",
    "unverifiable": "The article gives no counts to recompute the stated rate from.",
    "derived": "The article states no rate here; the book computes one from its counts.",
}


def claim_reviews(report: Report, page: str = "ledger.html") -> list[dict]:
    """One ClaimReview per rate row, in ledger order."""
    out = []
    for rec in report.rate_records():
        rating = {"@type": "Rating", "alternateName": rec["verdict"],
                  "description": EXPLAIN[rec["verdict"]]}
        if rec["verdict"] in RATING:
            rating.update(ratingValue=RATING[rec["verdict"]], worstRating=1, bestRating=3)
        stated = rec["cited_text"] or "no rate stated"
        out.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": rec["id"],
            "url": f"{page}#rate-{rec['id']}",
            "claimReviewed": f"{rec['quote']} ({rec['label_en']}; stated: {stated})",
            "itemReviewed": {
                "@type": "Claim",
                "text": rec["quote"],
                "inLanguage": "zh-CN",
                "appearance": {"@type": "NewsArticle", "headline": ARTICLE_TITLE, "inLanguage": "zh-CN",
                               "publisher": {"@type": "Organization", "name": "unknown"}},
            },
            "reviewBody": f"{rec['arithmetic']}. Verdict: {rec['verdict']}." + (f" Reading: {rec['reading']}." if rec["reading"] else ""),
            "reviewRating": rating,
            "author": {"@type": "Organization", "name": "Recount"},
            "inLanguage": "en",
        })
    return out


def to_json(reviews: list[dict]) -> str:
    return json.dumps(reviews, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def script_tag(reviews: list[dict]) -> str:
    """A ``<script type="application/ld+json">`` block, safe inside HTML."""
    body = json.dumps(reviews, ensure_ascii=False, sort_keys=True)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{body}</script>'
