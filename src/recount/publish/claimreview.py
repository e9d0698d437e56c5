"""Each claim's verdict as schema.org ``ClaimReview`` JSON-LD.

A claim is a percentage the article states (with all the readings tried for
it); derived rates are not claims and get no review. Published in the book
(embedded in the landing page only; the ledger page links to it) and as a download
(``claimreview.json`` at the root of the HTML book, written at build time by
:mod:`recount.sphinx.files`). Ratings: 1 inconsistent, 2 unverifiable,
3 consistent (``worstRating`` 1, ``bestRating`` 3).
"""

from __future__ import annotations

import json

from recount import article as art
from recount.english import arithmetic_words, cap_first
from recount.report import Report, claim_results
from recount.verdict import MEANING, RateResult, claim_key

RATING = {"inconsistent": 1, "unverifiable": 2, "consistent": 3}
#: the page each review links to (a claim's row: ``#rate-<rate id>``)
PAGE = "ledger.html"


def _reading_words(r: RateResult) -> str:
    """``Firms only: 4,800 / 5,852 = 82.02%, which rounds to 82%.``"""
    if r.rate.reading:
        return f"{cap_first(r.rate.reading)}: {arithmetic_words(r)}."
    return arithmetic_words(r) + ("" if r.recomputed is None else ".")


def claim_reviews(report: Report) -> list[dict]:
    """One ClaimReview per claim (a percentage the article states, all its readings together), in
    ledger order. Derived rates are not claims of the article, so they get no review."""
    title = art.article(report.ledger).title.strip()
    out = []
    for key in dict.fromkeys(claim_key(r.rate) for r in report.results if r.rate.cited):
        rs = claim_results(report, key)
        first = rs[0]
        verdict = first.verdict
        readings = " ".join(_reading_words(r) for r in rs)
        out.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": key,
            "url": f"{PAGE}#rate-{first.rate.id}",
            "claimReviewed": f"{first.cited.quote} ({first.cited.label_en}: {first.cited.value_text}%)",
            "itemReviewed": {
                "@type": "Claim",
                "text": first.cited.quote,
                "inLanguage": "zh-CN",
                "appearance": {"@type": "NewsArticle", "headline": title, "inLanguage": "zh-CN",
                               "publisher": {"@type": "Organization", "name": "unknown"}},
            },
            "reviewBody": f"{readings} Verdict: {verdict}.",
            "reviewRating": {"@type": "Rating", "alternateName": verdict, "description": MEANING[verdict],
                             "ratingValue": RATING[verdict], "worstRating": 1, "bestRating": 3},
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
