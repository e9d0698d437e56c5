"""``recount scan … --report DIR``: one offline page, verdict first, every claim that does not add up (inconsistent,
or impossible by whole counts), fits a phone."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from recount.draft.scan_output import DOES_NOT_ADD_UP, Summary
from recount.publish.scan_report import headline

from scan_support import write_corpus

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
REPR = re.compile(r"\bNone\b|\bnan\b|\[\]|\{'|\('|\bTrue\b|\bFalse\b")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    folder = root / "texts"
    write_corpus(folder, 12)
    (folder / "z_empty.txt").write_bytes(b"")
    # a share of a stated base that no whole count of it gives: 88.0% of 23 is 20.24
    (folder / "y_base_only.txt").write_text("在接受调查的23家外贸企业中，复工率为88.0%。\n", encoding="utf-8")
    out, report = root / "claims.csv", root / "report"
    proc = subprocess.run([sys.executable, "-m", "recount", "scan", str(folder), "--out", str(out),
                           "--report", str(report)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # one file skipped
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    return report / "index.html", rows, folder


def _visible_text(soup: BeautifulSoup) -> str:
    """The page's own words: less the chart (drawn as paths), the style sheet and the file names (the desk's)."""
    for tag in soup.find_all(["svg", "style", "a"]):
        tag.decompose()
    return soup.get_text(" ")


def test_the_page_opens_with_the_verdict_and_the_counts_of_the_scan(scanned):
    page, rows, _ = scanned
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    counts = Counter(r["verdict"] for r in rows)
    assert counts["inconsistent"] > 0
    h1 = soup.find("h1").get_text()
    checkable = len(rows) - counts["unverifiable"]
    assert 0 < checkable < len(rows)
    bad = counts["inconsistent"] + counts["impossible"]
    assert h1 == f"{bad} of the {checkable} checkable percentages in 13 texts do not add up"
    assert soup.find("body").find(True).find(True).name == "h1"  # nothing above the verdict
    table = {tr.th.get_text().lower(): [td.get_text() for td in tr.find_all("td")] for tr in soup.select("table tbody tr")}
    assert {k: int(v[0].replace(",", "")) for k, v in table.items()} == dict(counts)
    for verdict, (n, share) in table.items():
        assert share == f"{100 * int(n) / len(rows):.2f}%".replace(".00%", "%"), (verdict, share)
    assert soup.find("svg") is not None and "Stated percentages by verdict" in soup.find("figcaption").get_text()


def test_every_claim_that_does_not_add_up_is_listed_with_its_sentence_arithmetic_and_a_link_to_its_text(scanned):
    page, rows, folder = scanned
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    items = soup.select("ol.claims > li")
    bad = [r for r in rows if r["verdict"] in DOES_NOT_ADD_UP]
    assert {r["verdict"] for r in bad} == set(DOES_NOT_ADD_UP)  # the corpus has both kinds
    assert len(items) == len(bad) <= Summary.LISTED
    listed = {(li.a["href"], li.find("mark").get_text(), li.blockquote.get_text()) for li in items}
    for r in bad:
        href = "../texts/" + Path(r["file"]).name
        assert (href, r["cited"], r["sentence"]) in listed
        assert any(r["arithmetic"] in li.get_text() for li in items)
    for li in items:
        assert (page.parent / unquote(li.a["href"])).resolve().is_file()
    skipped = soup.find("h2", string="Files skipped").find_next("ul").get_text()
    assert "z_empty.txt" in skipped and "empty file" in skipped


def test_the_page_is_self_contained_and_shows_no_code_residue(scanned):
    page, _, _ = scanned
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "link", "img", "iframe"])
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", html) and "@import" not in html
    text = _visible_text(soup)
    assert not SNAKE.findall(text), SNAKE.findall(text)
    assert not REPR.findall(text), REPR.findall(text)


def test_headline_when_nothing_fails_nothing_is_stated_or_nothing_can_be_checked():
    s = Summary()
    s.add_file("a.txt", 0, None)
    assert headline(s) == "No stated percentage found in 1 text"
    s.add_file("b.txt", 1, None)
    s.add_row(["b.txt", "3", "90%", "consistent"] + [""] * 10)
    assert headline(s) == "None of the 1 checkable percentage in 2 texts contradicts its own counts"
    s.add_row(["b.txt", "9", "5%", "unverifiable"] + [""] * 10)
    assert headline(s) == "None of the 1 checkable percentage in 2 texts contradicts its own counts"
    only = Summary()
    only.add_file("c.txt", 1, None)
    only.add_row(["c.txt", "9", "5%", "unverifiable"] + [""] * 10)
    assert headline(only) == "None of the 1 stated percentage in 1 text can be checked against counts the text gives"


@pytest.mark.browser
def test_the_page_fits_a_390_px_phone_with_the_verdict_counts_on_the_first_screen(scanned):
    from browser_support import OffsiteSink, launch_chromium
    from playwright.sync_api import sync_playwright

    page_path, _, _ = scanned
    sink = OffsiteSink()
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p, sink)
            try:
                for width, height in ((390, 844), (1280, 800)):
                    context = browser.new_context(viewport={"width": width, "height": height})
                    requests: list[str] = []
                    context.on("request", lambda r: requests.append(r.url))
                    page = context.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.goto(page_path.as_uri())
                    scroll, client = page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                    assert scroll <= client, f"horizontal scroll at {width} px: {scroll} > {client}"
                    table = page.locator("table.counts").bounding_box()
                    assert table["y"] + table["height"] <= height, f"verdict counts below the first screen at {width} px"
                    assert page.locator("h1").bounding_box()["y"] < height / 4
                    assert requests == [page_path.as_uri()] and errors == []
                    context.close()
            finally:
                browser.close()
    finally:
        sink.close()


def test_every_verdict_the_draft_gives_is_explained_on_the_page():
    """A desk reads what each row of the counts means: the draft's whole-count verdicts included."""
    from recount.draft import claims
    from recount.publish.scan_report import MEANING, VERDICTS

    given = {claims.CONSISTENT, claims.INCONSISTENT, claims.UNVERIFIABLE, claims.POSSIBLE, claims.IMPOSSIBLE}
    assert given == set(VERDICTS) == set(MEANING)


def test_a_miss_too_small_to_write_in_hundredths_is_never_written_as_zero():
    from recount.publish.scan_report import _miss

    assert _miss({"miss_pp": "-0.0002", "miss_level": "rounding"}) == \
        "Misses by less than 0.01 percentage points (rounding). "
    assert _miss({"miss_pp": "1.94", "miss_level": "material"}) == "Misses by 1.94 percentage points (material). "


def test_the_page_says_how_many_miss_by_more_than_rounding(scanned):
    """A desk weighs a slip in rounding apart from a real miss: the page counts each, from the rows."""
    page, rows, _ = scanned
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    bad = [r for r in rows if r["verdict"] in DOES_NOT_ADD_UP]
    level = Counter(r["miss_level"] for r in bad)
    line = next(p.get_text() for p in soup.select("p.meta") if p.get_text().startswith("Of the"))
    assert line.startswith(f"Of the {len(bad)} that do not add up, {level['material']} miss by more than a slip in "
                           f"rounding could; {level['rounding']} miss by one unit"), line
    # the impossible share (88.0% of 23) misses by its distance to the nearest whole count's share, 86.96%
    assert level[""] == 0 and any(r["verdict"] == "impossible" and r["miss_level"] == "material" for r in bad)
