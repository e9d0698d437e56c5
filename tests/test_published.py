"""What the built book publishes for machines: ClaimReview JSON-LD, claimreview.json, a Chinese search index.

Reads ``_build/html`` as ``make book`` leaves it (session fixture ``built_book``).
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from bs4 import BeautifulSoup

from recount import paths

pytestmark = pytest.mark.slow


def claims() -> dict[str, str]:
    """Each stated percentage (a cited figure id of rates.csv) -> its first reading's rate id."""
    out: dict[str, str] = {}
    with open(paths.DATA_DIR / paths.RATES_NAME, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["cited"]:
                out.setdefault(row["cited"], row["id"])
    return out


@pytest.fixture(scope="module")
def ledger_page(built_book) -> BeautifulSoup:
    return BeautifulSoup((built_book / "book" / "ledger.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def landing_page(built_book) -> BeautifulSoup:
    return BeautifulSoup((built_book / "book" / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def embedded(landing_page) -> list[dict]:
    blocks = landing_page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1, (f"the landing page has {len(blocks)} JSON-LD blocks, expected 1 "
                              "(book/index.md: render.claim_reviews)")
    return json.loads(blocks[0].string)


def check_reviews(reviews: list[dict], where: str) -> None:
    from recount.publish.claimreview import base_url

    base = base_url()
    assert isinstance(reviews, list), where
    first = claims()
    assert [r.get("identifier") for r in reviews] == list(first), (
        f"{where}: not one review per stated percentage of rates.csv, in order")
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview", (where, r["identifier"])
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["text"], (where, r["identifier"])
        assert r["reviewRating"]["@type"] == "Rating" and r["reviewRating"]["alternateName"], (where, r["identifier"])
        assert r.get("url", f"{base}book/ledger.html#rate-{first[r['identifier']]}") == (
            f"{base}book/ledger.html#rate-{first[r['identifier']]}"), (where, r.get("url"))
        assert ("url" in r) == bool(base), (where, "a review has a url exactly when the book has a base URL")
        assert r["datePublished"], (where, r["identifier"])


def test_landing_page_embeds_a_claim_review_for_every_claim_pointing_at_its_ledger_row(embedded, ledger_page):
    check_reviews(embedded, "index.html JSON-LD")
    ids = {el.get("id") for el in ledger_page.find_all(id=True)}
    first = claims()
    missing = [r["identifier"] for r in embedded if f"rate-{first[r['identifier']]}" not in ids]
    assert not missing, f"reviews pointing at rows the ledger page lacks: {missing}"


def test_the_claim_reviews_are_embedded_in_one_page_only_and_the_ledger_links_to_it(built_book, ledger_page):
    pages = [p.relative_to(built_book).as_posix() for p in sorted(built_book.rglob("*.html"))
             if 'application/ld+json' in p.read_text(encoding="utf-8")]
    assert pages == ["book/index.html"], pages
    assert ledger_page.find("a", href="index.html") is not None


def test_claimreview_json_is_published_with_every_claim(built_book, embedded):
    path = built_book / "claimreview.json"
    assert path.is_file(), "_build/html/claimreview.json was not written (recount.sphinx.files)"
    published = json.loads(path.read_text(encoding="utf-8"))
    check_reviews(published, "claimreview.json")
    assert published == embedded, "claimreview.json and the ledger page's JSON-LD disagree"


def test_a_page_links_to_claimreview_json(built_book):
    """Readers (and aggregators) find the file from the book: recount.sphinx.files says the ledger links it."""
    linking = [p.relative_to(built_book).as_posix() for p in (built_book / "book").glob("*.html")
               if re.search(r'href="(\.\./)?claimreview\.json"', p.read_text(encoding="utf-8"))]
    assert linking, "no page links to claimreview.json (expected on book/ledger.html: ../claimreview.json)"


def test_search_index_holds_the_chinese_place_names(built_book):
    text = (built_book / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    docs = index["docnames"]

    def pages(term: str) -> set[str]:
        out = set()
        for table in ("terms", "titleterms"):  # a word of a page's title is listed under titleterms only
            hits = index[table].get(term, [])
            out |= {docs[i] for i in ([hits] if isinstance(hits, int) else hits)}
        return out

    assert "book/02_subdistricts" in pages("小板桥"), "小板桥 is not indexed whole (recount_search_words in _config.yml)"
    assert "book/03_restart" in pages("螺蛳湾")
    assert "book/02_subdistricts" in pages("街道")  # an ordinary jieba word
    assert "book/03_restart" in pages("luosiwan")  # Latin words are indexed, lower-cased


def test_no_built_file_names_the_working_tree(built_book):
    root = str(paths.ROOT).encode()
    leaks = [p.relative_to(built_book).as_posix() for p in built_book.rglob("*")
             if p.is_file() and root in p.read_bytes()]
    assert not leaks, f"built files embedding {paths.ROOT}: {leaks[:20]}"


def test_the_root_page_redirects_to_the_landing_page_and_names_the_icon(built_book):
    """The folder's index.html (recount.sphinx.files, not sphinx-external-toc's bare redirect) declares the
    book's icon, so no browser asks for a /favicon.ico the book does not have, and links the landing page."""
    soup = BeautifulSoup((built_book / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html.get("lang") == "en" and soup.title.get_text().strip()
    refresh = soup.find("meta", attrs={"http-equiv": "Refresh"})
    assert refresh and refresh["content"] == "0; url=book/index.html"
    assert soup.find("a", href="book/index.html")
    icon = soup.find("link", rel="icon")
    assert icon and (built_book / icon["href"]).is_file(), icon


def test_the_root_page_escapes_what_it_is_given():
    from recount.sphinx.files import root_page

    text = root_page('a"b.html', "<Recount>", None)
    assert 'url=a&quot;b.html"' in text and "&lt;Recount&gt;" in text and 'rel="icon"' not in text
