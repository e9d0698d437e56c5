"""The built book, read as a reader gets it: pages, verdicts, alt text, links, no stray stderr.

The session fixture ``built_book`` builds the book once per test run with the
Makefile's own recipe (``make book``: ``python -m recount.sphinx.build . -W -n --keep-going``
with the Makefile's environment), so these tests see what ``make book``
publishes; every module that reads the book shares that one build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from recount import paths
from recount.ledger import load_ledger
from recount.report import Report

pytestmark = pytest.mark.slow

CHAPTERS = {1: "book/01_policies", 2: "book/02_subdistricts", 3: "book/03_restart"}


def toc_files() -> list[str]:
    toc = yaml.safe_load((paths.ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    files += [c["file"] for c in toc.get("chapters", [])]
    return files


@pytest.fixture(scope="session")
def pages(built_book) -> dict[str, BeautifulSoup]:
    out = {}
    for name in toc_files():
        path = built_book / f"{name}.html"
        assert path.is_file(), f"{name} is in _toc.yml but {path} was not built"
        out[name] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return out


@pytest.fixture(scope="session")
def report() -> Report:
    return Report(load_ledger())


def main(page: BeautifulSoup):
    return page.find("article") or page.find("main") or page


def test_every_page_of_the_toc_is_built(pages):
    assert set(CHAPTERS.values()) <= set(pages)
    for name in ("book/index", "book/methods", "book/ledger", "book/data", "book/source"):
        assert name in pages


def test_chapters_are_titled_in_chinese_and_english(pages):
    from recount.article import layout

    for section, name in CHAPTERS.items():
        h1 = main(pages[name]).find("h1").get_text(" ", strip=True)
        zh, en = layout(paths.DATA_DIR).sections[section]
        assert zh in h1 and en in h1, h1


@pytest.mark.parametrize("section", sorted(CHAPTERS))
def test_every_rate_of_a_section_is_in_its_chapter_with_its_verdict(pages, report, section):
    body = main(pages[CHAPTERS[section]])
    for r in report.results:
        if r.rate.section != section:
            continue
        rows = [tr for tr in body.find_all("tr") if tr.find("a", href=f"ledger.html#rate-{r.rate.id}")]
        assert rows, f"rate {r.rate.id} is not in {CHAPTERS[section]}"
        badges = [b for tr in rows for b in tr.select(".recount-badge")]
        assert any(f"recount-{r.verdict}" in b.get("class", []) and r.verdict in b.get_text() for b in badges), (
            f"rate {r.rate.id} is in {CHAPTERS[section]} without its verdict {r.verdict}")


def test_every_rate_is_in_the_ledger_page_anchored_with_its_verdict(pages, report):
    body = main(pages["book/ledger"])
    for r in report.results:
        row = body.find("tr", id=f"rate-{r.rate.id}")
        assert row is not None, r.rate.id
        assert row.select_one(f".recount-badge.recount-{r.verdict}") is not None, r.rate.id


def test_every_image_has_descriptive_alt_text(pages):
    for name, page in pages.items():
        for img in main(page).find_all("img"):
            alt = (img.get("alt") or "").strip()
            assert alt, f"{name}: <img src={img.get('src', '')[:60]!r}> has no alt text"
            if "recount-chart" in img.get("class", []):
                assert len(alt) > 80 and re.search(r"\d", alt), f"{name}: chart alt text is not descriptive: {alt}"


def test_every_chapter_has_at_least_two_captioned_charts(pages):
    for name in CHAPTERS.values():
        figures = main(pages[name]).find_all("figure")
        charts = [f for f in figures if f.find("img", class_="recount-chart") and f.find("figcaption")]
        assert len(charts) >= 2, f"{name}: {len(charts)} captioned chart(s)"


def test_no_page_shows_stderr_or_errors(pages):
    for name, page in pages.items():
        assert not page.select(".output.stderr"), f"{name} shows stderr output"
        assert not page.select(".output.traceback, .output.error"), f"{name} shows an error"


def test_links_to_the_ledger_land_on_a_row(built_book, pages):
    ledger = pages["book/ledger"]
    ids = {el.get("id") for el in ledger.find_all(id=True)}
    for name, page in pages.items():
        for a in main(page).find_all("a", href=True):
            m = re.fullmatch(r"ledger\.html#(.+)", a["href"])
            if m:
                assert m.group(1) in ids, f"{name}: link to missing ledger row {a['href']}"


def test_source_page_marks_every_figure(pages, report):
    body = main(pages["book/source"])
    marked = {a["href"].split("#fig-")[1] for a in body.select("a.recount-fig")}
    assert marked == set(report.ledger.figures)
    assert body.select_one('div.recount-source[lang="zh-CN"]') is not None


def test_quotes_are_marked_chinese(pages):
    for name in CHAPTERS.values():
        quotes = main(pages[name]).select("blockquote.recount-quote")
        assert quotes and all(q.get("lang") == "zh-CN" for q in quotes), name


def test_chapters_offer_their_notebook_for_download(built_book, pages):
    for name in CHAPTERS.values():
        links = [a["href"] for a in pages[name].find_all("a", href=True) if a["href"].endswith(".ipynb")]
        assert links, (f"{name}: no .ipynb in the download menu; list `recount.sphinx.ipynb` in "
                       "_config.yml sphinx.config.extensions")
        target = (built_book / name).parent / links[0]
        assert target.resolve().is_file(), f"{name}: {links[0]} is not in the build"


def test_data_page_offers_every_file(built_book, pages):
    hrefs = [a["href"] for a in main(pages["book/data"]).select("a.download")]
    names = {Path(h).name for h in hrefs}
    for name in ("figures.csv", "rates.csv", "constraints.csv", "events.csv", "exclusions.csv",
                 "datapackage.json", "article.zh.txt"):
        assert name in names, f"data page does not offer {name}"
    for h in hrefs:
        assert ((built_book / "book") / h).resolve().is_file(), h
