"""Link-preview cards: the card image states the checker's finding; every page carries og:/twitter: tags."""

from __future__ import annotations

import io
import re
from pathlib import PurePosixPath
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from docutils.core import publish_doctree

from recount.publish import card
from recount.sphinx import cards as sphinx_cards
from recount.ledger import load_ledger
from recount.report import Report

import browser_support as bs
from conftest import HOTLINE


@pytest.fixture(scope="module")
def report() -> Report:
    """The tests' own hotline bulletin (tests/fixtures/hotline): 7 stated percentages, 1 inconsistent."""
    return Report(load_ledger(HOTLINE))


# ---------------------------------------------------------------- the card


def test_the_card_is_a_1200_by_630_png_and_the_same_every_time(report):
    from PIL import Image

    data = card.png(report)
    assert data == card.png(report)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (card.WIDTH, card.HEIGHT)


def test_the_cards_words_come_from_the_scorecard(report):
    score = report.scorecard()
    words = card.lines(report)
    stated = report.n_claims()
    assert stated == score["consistent"] + score["inconsistent"] + score["unverifiable"]
    assert words["headline"].startswith(f"{score['inconsistent']} of the {stated} percentages")
    assert f"{score['consistent']} consistent · {score['inconsistent']} inconsistent" in words["tally"]
    first = next(r for r in report.results if r.verdict == "inconsistent")
    assert words["detail"].startswith(f"{first.cited.label_en}: {first.cited.value_text}%")
    assert all(text in card.alt_text(report) for text in words.values() if text and text != words["kicker"])


def test_a_second_inconsistent_claim_changes_the_card(report, hotline_dir):
    from test_source_page import edit_rows

    assert card.lines(report)["headline"].startswith("1 of the 7 percentages") and " does not match" in \
        card.lines(report)["headline"]
    # East's closed calls over all the district's calls: not 95%
    edit_rows(hotline_dir / "rates.csv", "east_rate", denominator="calls")
    words = card.lines(Report(load_ledger(hotline_dir)))
    assert words["headline"].startswith("2 of the 7 percentages") and " do not match" in words["headline"]


# ---------------------------------------------------------------- the tags


def fake_app(baseurl: str = ""):
    config = SimpleNamespace(html_baseurl=baseurl, html_title="A <b>book</b>", project="p")
    builder = SimpleNamespace(format="html", get_target_uri=lambda name: f"{name}.html")
    return SimpleNamespace(config=config, builder=builder)


def page_tags(app, pagename="book/source", doctree=None) -> dict[str, str]:
    depth = pagename.count("/")
    context = {"title": "Source &amp; <em>more</em>", "metatags": "",
               "pathto": lambda target, resource=0: "../" * depth + target}
    sphinx_cards._page_tags(app, pagename, "page.html", context, doctree)
    soup = BeautifulSoup(context["metatags"], "html.parser")
    return {(m.get("property") or m.get("name")): m["content"] for m in soup.find_all("meta")}


def test_without_a_base_url_the_tags_name_the_local_card_and_no_address():
    tags = page_tags(fake_app())
    assert tags["og:image"] == tags["twitter:image"] == "../_static/recount-card.png"
    assert "og:url" not in tags and tags["twitter:card"] == "summary_large_image"
    assert tags["og:title"] == "Source & more" and tags["og:site_name"] == "A <b>book</b>"  # escaped in the HTML
    assert not [v for v in tags.values() if re.search(r"https?://", v)]


def test_with_a_base_url_the_tags_are_absolute():
    tags = page_tags(fake_app("https://example.org/recount"))
    assert tags["og:url"] == "https://example.org/recount/book/source.html"
    assert tags["og:image"] == tags["twitter:image"] == "https://example.org/recount/_static/recount-card.png"


def test_the_description_is_the_pages_first_paragraph_cut_at_a_word():
    doctree = publish_doctree("Title\n=====\n\nShort.\n\n" + "A long first paragraph of words. " * 20)
    text = sphinx_cards.description(doctree, "fallback")
    assert text.startswith("A long first paragraph") and text.endswith("…") and len(text) <= 201
    assert sphinx_cards.description(None, "fallback") == "fallback"


# ---------------------------------------------------------------- the built book


@pytest.mark.slow
def test_every_page_of_the_built_book_has_a_card_with_a_local_image(built_book):
    checked = 0
    for name in bs.html_pages(built_book):
        text = (built_book / name).read_text(encoding="utf-8")
        if re.search(r"http-equiv=[\"']?refresh", text, re.I):
            continue  # the root redirect
        head = BeautifulSoup(text, "html.parser").head
        tags = {(m.get("property") or m.get("name")): m.get("content") for m in head.find_all("meta")}
        for key in ("og:title", "og:description", "og:image", "og:image:alt", "twitter:card", "twitter:image"):
            assert tags.get(key), f"{name}: no {key}"
        image = PurePosixPath(name).parent / tags["og:image"]
        assert (built_book / image).is_file(), f"{name}: og:image {tags['og:image']} is not a file of the book"
        assert not re.search(r"https?://", tags["og:image"]), f"{name}: an off-site og:image without a base URL"
        checked += 1
    assert checked >= 8
