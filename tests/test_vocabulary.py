"""One vocabulary: the outcome words are the schema's, and each outcome has one colour, which the
badges, the charts, the card and the stylesheet all use (recount.vocabulary)."""

from __future__ import annotations

import re

from recount import paths, vocabulary
from recount.ledger import enum
from recount.publish import card, render
from recount.sphinx import static


def test_the_words_are_the_schemas():
    assert set(vocabulary.VERDICT_LOOK) == set(vocabulary.MEANING) == set(enum("rates", "expected", paths.DATA_DIR))
    results = set(enum("constraints", "expected", paths.DATA_DIR)) | set(enum("superlatives", "expected", paths.DATA_DIR))
    assert results - set(vocabulary.VERDICT_LOOK) == set(vocabulary.RESULT_LOOK) - {vocabulary.UNVERIFIABLE}
    assert vocabulary.STRENGTHS == tuple(enum("strengths", "strength", paths.DATA_DIR))
    # every result a test can give has the words prose says it in ("the claim is in tension", never "is tension")
    assert set(vocabulary.RESULT_PHRASE) == results


def test_inconsistent_is_one_colour_in_badges_card_and_stylesheet():
    red = vocabulary.colour("inconsistent")
    assert render.BADGE["inconsistent"][1] == red and render.RESULT_BADGE["fail"][1] == red
    assert card.ACCENT == red
    assert f"--recount-inconsistent: {red};" in vocabulary.css_variables()


def test_the_stylesheet_takes_the_inconsistent_colour_from_the_variables():
    css = (paths.BOOK_DIR / "_static" / "recount.css").read_text(encoding="utf-8")
    typed = {h.upper() for h in re.findall(r"#[0-9A-Fa-f]{6}\b", css)}
    assert not typed & {vocabulary.colour("inconsistent"), vocabulary.VERDICT_LOOK["inconsistent"][2]}
    assert "var(--recount-inconsistent)" in css


def test_the_built_book_carries_the_variables_and_every_page_links_them(built_book):
    assert (built_book / "_static" / static.VOCABULARY_CSS).read_text(encoding="utf-8") == vocabulary.css_variables()
    page = (built_book / "book" / "ledger.html").read_text(encoding="utf-8")
    assert f'_static/{static.VOCABULARY_CSS}?v=' in page
