"""Each claim's verdict as schema.org ``ClaimReview`` JSON-LD.

A claim is a percentage the article states (with all the readings tried for
it); derived rates are not claims and get no review. Published in the book
(embedded in the landing page only; the ledger page links to it) and as a download
(``claimreview.json`` at the root of the HTML book, written at build time by
:mod:`recount.sphinx.files`). Ratings: 1 inconsistent, 2 unverifiable,
3 consistent (``worstRating`` 1, ``bestRating`` 3).

Addresses are absolute or absent, never invented: a review's ``url`` is its claim's row on
the Ledger page under the book's base URL (``html.baseurl`` in the book's ``_config.yml``,
the address the book is published at); with no base URL the record has no ``url`` and
:func:`address_note` says so. The article's own address (``url`` in the article metadata of
``datapackage.json``) is the claim's ``appearance`` url where it is known, and its publisher
the publisher's name; an unknown one is left out, not named "unknown". ``datePublished`` is
the date of the check (``created`` in ``datapackage.json``).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import yaml

from recount import article as art
from recount import paths
from recount.errors import InputError
from recount.english import arithmetic_words, cap_first
from recount.report import Report, claim_results
from recount.verdict import MEANING, RateResult, claim_key

RATING = {"inconsistent": 1, "unverifiable": 2, "consistent": 3}
#: the page each review links to (a claim's row: ``#rate-<rate id>``), from the landing page
PAGE = "ledger.html"
#: the same page from the root of the HTML book (the base URL's folder)
PAGE_FROM_ROOT = f"book/{PAGE}"


def base_url(book_dir: Path | None = None) -> str:
    """The book's published address, ``html.baseurl`` of its ``_config.yml`` (beside the ``book/``
    folder), with a final ``/``; "" when it is empty or there is no such file."""
    folder = book_dir or paths.book_dir()
    config = next((p for p in (folder.parent / "_config.yml", folder / "_config.yml") if p.is_file()), None)
    if config is None:
        return ""
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(config, (mark.line + 1) if mark else None, "html.baseurl", "not valid YAML") from None
    base = str(((data.get("html") or {}) if isinstance(data, dict) else {}).get("baseurl") or "").strip()
    return base.rstrip("/") + "/" if base else ""


def address_note(base: str | None = None) -> str:
    """One sentence on the reviews' addresses: where they point, or that the book has none yet."""
    base = base_url() if base is None else base
    if base:
        return f"Each record's url is its claim's row on the Ledger, at {urljoin(base, PAGE_FROM_ROOT)}."
    return ("The book has no published address yet, so the records carry no web address; each names its "
            "claim by the article's own words, as the Ledger's rows do.")


def check_date_iso(data_dir=None) -> str:
    """The date of the check, ``2026-12-01`` (``created`` in the data folder's ``datapackage.json``)."""
    from recount.ledger import read_bytes, schema_path

    return datetime.fromisoformat(json.loads(read_bytes(schema_path(data_dir)))["created"]).date().isoformat()


def _reading_words(r: RateResult) -> str:
    """``Firms only: 4,800 / 5,852 = 82.02%, which rounds to 82%.``"""
    if r.rate.reading:
        return f"{cap_first(r.rate.reading)}: {arithmetic_words(r)}."
    return arithmetic_words(r) + ("" if r.recomputed is None else ".")


def claim_reviews(report: Report, base: str | None = None) -> list[dict]:
    """One ClaimReview per claim (a percentage the article states, all its readings together), in
    ledger order. Derived rates are not claims of the article, so they get no review.

    ``base``: the book's address (default :func:`base_url`); "" for none, and then no ``url``."""
    from recount.folder import metadata

    base = base_url() if base is None else (base.rstrip("/") + "/" if base.strip() else "")
    title = art.article(report.ledger).title.strip()
    known = metadata(report.ledger.data_dir)
    appearance = {"@type": "NewsArticle", "headline": title, "inLanguage": "zh-CN"}
    if known["url"]:
        appearance["url"] = known["url"]
    if known["publisher"]:
        appearance["publisher"] = {"@type": "Organization", "name": known["publisher"]}
    if known["date"]:
        appearance["datePublished"] = known["date"]
    published = check_date_iso(report.ledger.data_dir)
    out = []
    for key in dict.fromkeys(claim_key(r.rate) for r in report.results if r.rate.cited):
        rs = claim_results(report, key)
        first = rs[0]
        verdict = first.verdict
        readings = " ".join(_reading_words(r) for r in rs)
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": key,
            **({"url": urljoin(base, f"{PAGE_FROM_ROOT}#rate-{first.rate.id}")} if base else {}),
            "datePublished": published,
            "claimReviewed": f"{first.cited.quote} ({first.cited.label_en}: {first.cited.value_text}%)",
            "itemReviewed": {
                "@type": "Claim",
                "text": first.cited.quote,
                "inLanguage": "zh-CN",
                "appearance": dict(appearance),
            },
            "reviewBody": f"{readings} Verdict: {verdict}.",
            "reviewRating": {"@type": "Rating", "alternateName": verdict, "description": MEANING[verdict],
                             "ratingValue": RATING[verdict], "worstRating": 1, "bestRating": 3},
            "author": {"@type": "Organization", "name": "Recount"},
            "inLanguage": "en",
        }
        out.append(review)
    return out


def to_json(reviews: list[dict]) -> str:
    return json.dumps(reviews, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def script_tag(reviews: list[dict]) -> str:
    """A ``<script type="application/ld+json">`` block, safe inside HTML."""
    body = json.dumps(reviews, ensure_ascii=False, sort_keys=True)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{body}</script>'
