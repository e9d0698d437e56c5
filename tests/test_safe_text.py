"""Hostile text in the data is shown as text by the built book, never run or rendered as markup.

A small book is built from a copy of the data in which the source article
gains one line, and a figure quoting that line and a rate derived from it
carry, in their quote, label, reading and note, a ``<script>``, an ``<img
onerror>``, Markdown ``**bold**`` and a MyST ``{glue}`` role. Its pages are the
two that print the ledger's text, the ledger and the source (as the book has
them), and the methods and data pages as plain stand-ins without code, which
the two link to: the real ones print the rules, the schema, the exclusions and
counts, never a quote, label, reading or note, so executing them here would
check nothing. The copied article gets a new sha256, given to the
build as ``$RECOUNT_SOURCE_SHA256`` (:func:`recount.paths.pinned_source_sha256`);
``$RECOUNT_DATA`` points at the copy (:func:`recount.paths.data_dir`).

A cross-check on that figure carries them in its note too.

The build must pass with ``-W`` (a ``{glue}`` that MyST parsed would be a
missing-key warning), and every page must show each string verbatim: no
``<script>`` or ``<img>`` element made from it, no ``<strong>`` from the
``**``. In Chromium, no dialog opens.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import browser_support as bs
from recount import paths

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BOLD = "**bold**"
GLUE = "{glue}`x`"
HOSTILE = (SCRIPT, IMG, BOLD, GLUE)
#: the line appended to the article: a figure's quote (it carries its number, 9999), and in it the
#: quote of a stated percentage (100%), so that the ClaimReview of a claim carries the hostile text
CITED_QUOTE = f"复工率{SCRIPT}100%"
LINE = f"测试{SCRIPT}共有9999家{IMG}{BOLD}{GLUE},{CITED_QUOTE}。"
FIGURE_ID, CITED_ID, RATE_ID, CONSTRAINT_ID = "evil_firms", "evil_rate", "evil_share", "evil_le_itself"
LABEL = f"firms {SCRIPT} {IMG} {BOLD} {GLUE}"
READING = f"{BOLD} over {GLUE} {SCRIPT}"
NOTE = f"{IMG} {BOLD} {GLUE} {SCRIPT}"
PAGES = ("book/ledger.html", "book/source.html")
#: pages the two link to ({doc}`methods`, {doc}`data`): plain text here
STAND_INS = {"book/methods": "Methods", "book/data": "Data", "book/index": "Landing"}
TOC = ["book/ledger", "book/source", "book/methods", "book/data", "book/index"]


def append_row(path: Path, row: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([row.get(col, "") for col in header])
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")


def hostile_data(dst: Path) -> str:
    """A copy of data/ with the hostile line, figure and rate; returns the copied article's sha256."""
    shutil.copytree(paths.DATA_DIR, dst)
    article = paths.source_path(dst)
    raw = article.read_bytes()
    raw += (b"" if raw.endswith(b"\n") else b"\n") + LINE.encode("utf-8") + b"\n"
    article.write_bytes(raw)
    append_row(dst / paths.FIGURES_NAME, {"id": FIGURE_ID, "section": "3", "quote": LINE, "value": "9999",
                                         "unit": "家", "qualifier": "exact", "label_en": LABEL})
    append_row(dst / paths.FIGURES_NAME, {"id": CITED_ID, "section": "3", "quote": CITED_QUOTE, "value": "100",
                                         "unit": "%", "qualifier": "exact", "label_en": LABEL})
    append_row(dst / paths.RATES_NAME, {"id": RATE_ID, "section": "3", "numerator": FIGURE_ID,
                                       "denominator": FIGURE_ID, "cited": CITED_ID, "reading": READING,
                                       "expected": "consistent",
                                       "note_en": NOTE})
    append_row(dst / paths.CONSTRAINTS_NAME, {"id": CONSTRAINT_ID, "section": "3", "kind": "le", "left": FIGURE_ID,
                                             "right": FIGURE_ID, "expected": "pass", "note_en": NOTE})
    append_row(dst / "strengths.csv", {"constraint": CONSTRAINT_ID, "strength": "hard", "reason_en": NOTE})
    return hashlib.sha256(raw).hexdigest()


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    data = tmp / "data-hostile"
    sha = hostile_data(data)
    # the copy must load: a validation error here is a broken fixture, not a finding
    from recount.ledger import load_ledger

    old = os.environ.get(paths.SOURCE_SHA256_ENV)
    os.environ[paths.SOURCE_SHA256_ENV] = sha
    try:
        ledger = load_ledger(data)
    finally:
        if old is None:
            os.environ.pop(paths.SOURCE_SHA256_ENV)
        else:
            os.environ[paths.SOURCE_SHA256_ENV] = old
    assert FIGURE_ID in ledger.figures and any(r.id == RATE_ID for r in ledger.rates)

    # An English search index: what this book checks is how pages show the data, and the
    # real book's Chinese index is checked by test_published and the browser's search tests.
    root = bs.copy_book(tmp / "book", toc=TOC, data=data, english_search=True)
    for doc, title in STAND_INS.items():
        (root / f"{doc}.md").write_text(f"# {title}\n\nA stand-in without code.\n", encoding="utf-8")
    return bs.build_copy(root, bs.copy_env(root, **{paths.SOURCE_SHA256_ENV: sha}))


def page(book: Path, name: str) -> tuple[str, BeautifulSoup]:
    text = (book / name).read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("name", PAGES)
def test_no_markup_is_made_from_the_data(hostile_book, name):
    text, soup = page(hostile_book, name)
    assert "<script>alert" not in text.lower(), f"{name}: a <script>alert is in the HTML source"
    assert not [s for s in soup.find_all("script") if "alert(1)" in (s.string or "") and
                s.get("type") != "application/ld+json"], f"{name}: a script element runs alert(1)"
    assert not soup.find_all("img", src="x"), f'{name}: an <img src="x"> element'
    assert not soup.find_all(attrs={"onerror": True}), f"{name}: an element with an onerror attribute"
    assert "<img src=x" not in text and '<img src="x"' not in text
    assert not [s for s in soup.find_all(["strong", "b"]) if s.get_text() == "bold"], f"{name}: **bold** became bold"


@pytest.mark.parametrize(("name", "expected"), [
    ("book/ledger.html", HOSTILE),  # quote, label, reading and note, in the figures and rates tables
    ("book/source.html", HOSTILE),  # the article line itself
])
def test_the_data_is_shown_verbatim(hostile_book, name, expected):
    _, soup = page(hostile_book, name)
    for s in soup.find_all("script"):
        s.decompose()
    shown = soup.get_text()
    for string in expected:
        assert string in shown, f"{name} does not show {string!r} as text"
    assert LINE in shown, f"{name} does not show the quoted line verbatim"


def test_ledger_shows_the_label_reading_and_note_verbatim(hostile_book):
    """The figure's quote and label, the rate's reading and the cross-check's note, each in its anchored row.
    (A rate's own note is shown only in a chapter's claim box, which this small book has none of.)"""
    _, soup = page(hostile_book, "book/ledger.html")
    rows = {kind: soup.find("tr", id=f"{kind}-{rid}")
            for kind, rid in (("fig", FIGURE_ID), ("rate", RATE_ID), ("constraint", CONSTRAINT_ID))}
    missing = [k for k, row in rows.items() if row is None]
    assert not missing, f"the hostile rows {missing} are not in the ledger"
    assert LINE in rows["fig"].get_text() and LABEL in rows["fig"].get_text()
    assert READING in rows["rate"].get_text(), "the rate's reading is not shown verbatim"
    assert NOTE in rows["constraint"].get_text(), "the cross-check's note is not shown verbatim"


def test_the_json_ld_cannot_close_its_script(tmp_path, monkeypatch):
    """The ClaimReview block (embedded in the landing page, which this small book stands in for) keeps
    the hostile quote inside its JSON."""
    from recount.ledger import load_ledger
    from recount.publish import render
    from recount.report import Report

    monkeypatch.setenv(paths.SOURCE_SHA256_ENV, hostile_data(tmp_path / "data"))
    soup = BeautifulSoup(render.claim_reviews(Report(load_ledger(tmp_path / "data"))).data, "html.parser")
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    reviews = json.loads(blocks[0].string)
    review = next(r for r in reviews if r["identifier"] == CITED_ID)
    assert SCRIPT in review["itemReviewed"]["text"]  # the data, intact, inside the JSON


@pytest.mark.browser
def test_no_dialog_opens_in_the_browser(hostile_book):
    bs.require_chromium()
    from playwright.sync_api import sync_playwright

    server, sink = bs.BookServer(hostile_book), bs.OffsiteSink()
    dialogs, offsite, errors = [], [], []
    try:
        with sync_playwright() as pw:
            browser = bs.launch_chromium(pw, sink)
            ctx = browser.new_context()
            ctx.on("request", lambda r: server.is_local(r.url) or offsite.append(r.url))
            p = ctx.new_page()
            p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            p.on("pageerror", lambda e: errors.append(str(e)))
            for name in PAGES:
                p.goto(server.url + name, wait_until="load")
                p.wait_for_timeout(200)
                assert p.evaluate("document.querySelectorAll('img[src=\"x\"], [onerror]').length") == 0, name
            browser.close()
    finally:
        server.close()
        sink.close()
    assert not dialogs, f"a dialog opened: {dialogs}"
    assert not offsite and not errors, (offsite, errors)
