"""``recount book DIR``: a checked book for any article folder, built under -W with no code edit.

Three articles written for these tests, each in a folder outside the repository: a county's
project report (simplified; title, dated byline, 一、 headings, amounts in 亿元 and people in
万人, one claim that does not add up), a hotline summary (traditional; no title, no date, no
heading) and a clinic report (【…】 headings, one claim). Each is made with ``recount new`` and
built with ``recount book``, as a user runs them, then read as HTML and in Chromium.

The same bytes every time: after the three, a copy of one folder (the hotline summary, the
smallest book), in another folder of another path length, is built again from scratch by another
``.venv`` (this one's files hard-linked into the copy, so that the theme's and extensions' folders,
which Sphinx hashes into ``.buildinfo``, are under another path as in another checkout), in one
process where the first build used one per CPU (``RECOUNT_BUILD_JOBS=1``), with
``PYTHONHASHSEED`` not pinned: the two ``_build/html`` trees must be identical file for file,
and no file may name the folder it was built in. Whatever differs must be made deterministic where it is produced, not
filtered out of the comparison. (The flagship book's clean builds are compared the same way by
``make bench``, ``clean_reproducible``.)
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import browser_support as bs
from conftest import call_cli
from recount import paths
from recount.ledger import load_ledger
from recount.publish import render
from recount.report import Report

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).with_name("articles_book")
BOOKS = {"county": "county_projects_headed.txt", "hotline": "hotline_traditional.txt",
         "clinic": "clinic_bracket_one_claim.txt"}
COPIED = "hotline"  # built again elsewhere: the smallest book
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def recount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recount", *args], capture_output=True, text=True,
                          env=bs.book_env(), timeout=900)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict:
    """Each article's folder and built HTML; the trees of the other folders and of data/output/ before
    and after each build; then a copy of one, built again elsewhere by another venv, in one process."""
    base = tmp_path_factory.mktemp("articles")
    assert not base.resolve().is_relative_to(paths.ROOT.resolve())
    folders = {}
    for name, article in BOOKS.items():  # `recount new` in this process (tests/test_new_folder.py runs it as well)
        made = call_cli("new", str(ARTICLES / article), str(base / name))
        assert made.code == 0, made.stderr
        folders[name] = base / name
    output = paths.DATA_DIR / "output"
    untouched = []
    for name, folder in folders.items():
        others = {n: tree(f) for n, f in folders.items() if n != name}
        before_output = tree(output)
        run = recount("book", str(folder))
        assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
        assert "Traceback" not in run.stderr
        untouched.append(({n: tree(f) for n, f in folders.items() if n != name} == others,
                          tree(output) == before_output))
    elsewhere = base / "a-copy-of-one-article-in-a-folder-with-a-longer-path"
    shutil.copytree(folders[COPIED], elsewhere, ignore=shutil.ignore_patterns("_build"))
    venv = base / "another-checkout" / ".venv"
    shutil.copytree(paths.ROOT / ".venv", venv, symlinks=True, copy_function=bs.link_or_copy)
    again = subprocess.run([str(venv / "bin" / "python"), "-m", "recount", "book", str(elsewhere)],
                           capture_output=True, text=True, env=bs.book_env(RECOUNT_BUILD_JOBS="1"), timeout=900)
    assert again.returncode == 0, (again.stdout + again.stderr)[-6000:]
    return {"folders": folders, "untouched": untouched, "elsewhere": elsewhere, "venv": venv}


def html(books, name: str, page: str) -> BeautifulSoup:
    return BeautifulSoup((books["folders"][name] / "_build" / "html" / page).read_text("utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    return (soup.find("main") or soup).get_text(" ", strip=True)


def test_a_build_writes_only_into_its_own_folder(books):
    assert all(other for other, _ in books["untouched"]), "a build changed another article's folder"
    assert all(output for _, output in books["untouched"]), "a build changed the repository's data/output/"


def test_a_clean_build_of_a_copy_elsewhere_by_another_venv_gives_the_same_bytes(books):
    html = [books["folders"][COPIED] / "_build" / "html", books["elsewhere"] / "_build" / "html"]
    differences = bs.tree_differences(*html)
    details = "\n".join(bs.excerpt(*html, d.split(": ", 1)[1]) for d in differences[:5] if d.startswith("differs"))
    assert not differences, (f"{len(differences)} difference(s) between two clean builds of one article:\n"
                             + "\n".join(differences[:40]) + "\n" + details)
    # No built file names the folder it was built in, or the venv that built it: a path in the HTML
    # would differ between any two machines even when these two builds agree.
    folders = [books["folders"][COPIED], books["elsewhere"], books["venv"], paths.ROOT / ".venv"]
    for out in html:
        leaks = bs.files_naming(out, [str(f) for f in folders] + [str(f.resolve()) for f in folders])
        assert not leaks, "\n".join(leaks[:20])


@pytest.mark.parametrize("name", BOOKS)
def test_the_headline_states_the_verdict_the_ledger_gives(books, name):
    report = Report(load_ledger(books["folders"][name]))
    h1 = html(books, name, "book/index.html").find("h1").get_text(" ", strip=True)
    assert h1 == render.headline(report)


def test_an_untitled_undated_article_says_so_once_and_never_prints_empty_marks(books):
    for name in BOOKS:
        for page in (books["folders"][name] / "_build" / "html" / "book").glob("*.html"):
            assert "《》" not in page.read_text("utf-8"), page
    landing = main_text(html(books, "hotline", "book/index.html"))
    assert "the article does not add up" not in landing
    assert landing.count("none: the text has no title line") == 1
    assert landing.count("not given: the text carries no dated byline") == 1
    assert landing.count("not given in the text or recorded with it") == 1


def test_one_chapter_per_section_titled_by_its_own_heading(books):
    county = sorted(p.name for p in (books["folders"]["county"] / "_build" / "html" / "book").glob("section_*.html"))
    assert county == ["section_00.html", "section_01.html", "section_02.html", "section_03.html"]
    for page, heading in (("section_01", "一、产业项目"), ("section_02", "二、民生项目"), ("section_03", "三、基础设施项目")):
        assert heading in html(books, "county", f"book/{page}.html").find("h1").get_text()
    hotline = sorted(p.name for p in (books["folders"]["hotline"] / "_build" / "html" / "book").glob("section_*.html"))
    assert hotline == ["section_00.html"], "no heading: one chapter"
    clinic = html(books, "clinic", "book/section_02.html")
    assert "【服务情况】" in clinic.find("h1").get_text()
    assert clinic.select(".recount-claim-inconsistent"), "the chapter holds its claim's box"


def test_charts_are_chosen_by_what_the_ledger_holds(books):
    def charts(name: str) -> list[str]:
        out = []
        for page in sorted((books["folders"][name] / "_build" / "html" / "book").glob("*.html")):
            out += [f"{page.stem}:{f.get('id', '')}" for f in
                    BeautifulSoup(page.read_text("utf-8"), "html.parser").select("figure")]
        return out

    assert any(c.startswith("index:chart-all-rates-vs-recomputed") for c in charts("county"))
    assert not any("timeline" in c for n in BOOKS for c in charts(n)), "no dated events: no timeline"
    assert not any("rates-vs-recomputed" in c for c in charts("clinic")), "one claim: no comparison chart"


def test_numbers_are_written_as_the_article_wrote_them(books):
    chapter = main_text(html(books, "county", "book/section_01.html"))
    assert "1.768 billion yuan" in chapter
    assert "1767.5" not in chapter and "1,767.5" not in chapter


def test_unconfirmed_claims_are_named_on_the_landing_page(books):
    landing = html(books, "county", "book/index.html")
    box = landing.select_one(".recount-unconfirmed")
    report = Report(load_ledger(books["folders"]["county"]))
    assert box is not None and f"{report.n_claims()} of the {report.n_claims()} claims" in box.get_text(" ")


def test_the_check_date_is_the_day_the_folder_was_made(books):
    report = Report(load_ledger(books["folders"]["county"]))
    byline = main_text(html(books, "county", "book/index.html"))
    assert render.check_date(report.ledger.data_dir) in byline
    assert render.check_date(paths.DATA_DIR) not in byline or render.check_date(paths.DATA_DIR) == \
        render.check_date(report.ledger.data_dir)


# ---------------------------------------------------------------- in the browser

FIRST_SCREEN_JS = """() => {
  const bottom = (sel) => { const el = document.querySelector(sel); return el ? el.getBoundingClientRect().bottom : null; };
  const main = document.querySelector('main') || document.body;
  return {height: window.innerHeight, h1: bottom('h1'), verdict: bottom('.recount-lead .recount-badge'),
          text: main.innerText};
}"""
RESIDUE = re.compile(r"\{glue|```|\[\(|\bCounter\(|\((?:True|False),|'\s*,\s*'|\d\.\d{3,}%(?!\))|Show code cell|"
                     r"\bnan\b|\bNone\b|《》")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    bs.require_chromium()
    sink = bs.OffsiteSink()
    with sync_playwright() as p:
        browser = bs.launch_chromium(p, sink)
        yield browser
        browser.close()
    sink.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", BOOKS)
def test_in_the_browser_verdict_first_no_residue_tables_fit(books, chromium, name):
    root = books["folders"][name] / "_build" / "html"
    ledger = load_ledger(books["folders"][name])
    ids = set(ledger.figures) | {r.id for r in ledger.rates}
    server = bs.BookServer(root)
    try:
        for width, viewport in VIEWPORTS.items():
            page = chromium.new_page(viewport=viewport)
            errors = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            for doc in [d for d in bs.html_pages(root) if d != "index.html"]:  # that one redirects to book/index
                page.goto(server.url + doc, wait_until="load")
                got = page.evaluate(FIRST_SCREEN_JS)
                if doc == "book/index.html":
                    assert got["h1"] is not None and got["h1"] <= got["height"], f"{name} {width}: headline below"
                    if ledger.rates and Report(ledger).scorecard()["inconsistent"]:
                        assert got["verdict"] is not None and got["verdict"] <= got["height"], (
                            f"{name} {width}: the verdict is not on the first screen")
                assert not RESIDUE.findall(got["text"]), f"{name} {doc} ({width}): {RESIDUE.findall(got['text'])[:5]}"
                if not doc.endswith(("ledger.html", "data.html")):  # the appendices name the ledger's ids
                    shown = {w for w in re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", got["text"]) if w in ids}
                    assert not shown, f"{name} {doc} ({width}) shows ledger ids: {shown}"
                fit = page.evaluate(bs.PHONE_JS)
                assert fit["scrollWidth"] <= fit["innerWidth"], f"{name} {doc} ({width}) scrolls sideways: {fit['wide']}"
                bad = [t for t in fit["tables"] if t["overflows"] and (t["box"] is None
                                                                        or t["boxRight"] > fit["innerWidth"] + 1)]
                assert not bad, f"{name} {doc} ({width}): tables past the screen: {bad}"
            assert not errors, errors
            page.close()
    finally:
        server.close()
