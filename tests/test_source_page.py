"""The Source page: each figure's mark follows its verdict or role (from the checker), with a legend."""

from __future__ import annotations

import csv
import re

import pytest
from bs4 import BeautifulSoup

from browser_support import contrast
from conftest import HOTLINE
from recount.publish import source_page as sp
from recount.ledger import load_ledger
from recount.report import Report
from recount.verdict import INCONSISTENT


@pytest.fixture(scope="module")
def report() -> Report:
    """The tests' own hotline bulletin (tests/fixtures/hotline)."""
    return Report(load_ledger(HOTLINE))


def edit_rows(path, row_id: str, **values: str) -> None:
    """Set ``values`` in the ledger row ``row_id`` of the CSV at ``path``."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["id"] == row_id:
            row.update(values)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")




# ---------------------------------------------------------------- roles come from the checker


def test_a_stated_percentage_takes_its_claims_verdict(report):
    roles = sp.figure_roles(report)
    for r in report.results:
        if r.cited is not None:
            assert roles[r.cited.id] == r.verdict, r.cited.id


def test_counts_are_told_apart_by_the_rates_that_use_them(report):
    roles = sp.figure_roles(report)
    stated = {f for r in report.results if r.cited is not None for f in (*r.rate.numerator, *r.rate.denominator)}
    derived = {f for r in report.results if r.cited is None for f in (*r.rate.numerator, *r.rate.denominator)}
    assert {f for f, role in roles.items() if role == sp.COUNT} == stated
    assert {f for f, role in roles.items() if role == sp.DERIVED} == derived - stated
    in_a_rate = stated | derived | {r.cited.id for r in report.results if r.cited is not None}
    assert {f for f, role in roles.items() if role == sp.CONTEXT} == set(report.ledger.figures) - in_a_rate


def test_the_inconsistent_marks_are_the_scorecards(report):
    roles = sp.figure_roles(report)
    assert sum(role == INCONSISTENT for role in roles.values()) == report.scorecard()[INCONSISTENT] >= 1


def test_a_changed_ledger_changes_the_marks(hotline_dir):
    """East's rate divided by the wrong total (its 3,040 closed calls over the district's 12,000
    calls) no longer gives 95%: its mark turns inconsistent and the legend links to it, with nothing
    typed anywhere."""
    before = Report(load_ledger(hotline_dir))
    assert sp.figure_roles(before)["east_share"] != INCONSISTENT
    edit_rows(hotline_dir / "rates.csv", "east_rate", denominator="calls")
    report = Report(load_ledger(hotline_dir))
    assert sp.figure_roles(report)["east_share"] == INCONSISTENT
    legend = soup(sp.legend_html(report)).select_one(".recount-legend-inconsistent")
    assert {a["href"] for a in legend.find_all("a")} == {"#src-fig-east_share", "#src-fig-west_share"}


# ---------------------------------------------------------------- the page


def test_every_figure_is_marked_once_with_its_role_and_linked(report):
    roles = sp.figure_roles(report)
    links = soup(sp.article_html(report)).select("a.recount-fig")
    assert sorted(a["href"] for a in links) == sorted(f"ledger.html#fig-{fid}" for fid in report.ledger.figures)
    for a in links:
        fid = a["href"].split("#fig-")[1]
        assert f"recount-role-{roles[fid]}" in a["class"] and a["id"] == sp.anchor(fid)
        assert a["aria-describedby"] == sp.label_id(roles[fid])  # said in words, for a screen reader too


def test_the_legend_counts_every_role_and_links_to_each_inconsistent_figure(report):
    roles = sp.figure_roles(report)
    legend = soup(sp.legend_html(report))
    page_ids = {a["id"] for a in soup(sp.article_html(report)).select("a.recount-fig")}
    for role in sp.ROLES.values():
        item = legend.select_one(f".recount-legend-{role.name}")
        assert item is not None, role.name
        n = sum(r == role.name for r in roles.values())
        assert f"({n} figure{'' if n == 1 else 's'})" in item.get_text()
        assert legend.find(id=sp.label_id(role.name)).get_text() == role.label  # what a mark's describedby reads
    targets = [a["href"] for a in legend.select(".recount-legend-inconsistent a")]
    expected = [f"#{sp.anchor(f)}" for f, role in roles.items() if role == INCONSISTENT]
    assert sorted(targets) == sorted(expected) and all(t[1:] in page_ids for t in targets)


def test_no_two_roles_differ_by_colour_alone():
    cues = [(r.border.split(";")[0], r.symbol) for r in sp.ROLES.values()]
    assert len(set(cues)) == len(cues), cues
    borders = [r.border.split(";")[0] for r in sp.ROLES.values()]
    assert len(set(borders)) == len(borders), "each role needs its own border style (WCAG 1.4.1)"


@pytest.mark.parametrize("role", list(sp.ROLES))
def test_marks_meet_wcag_aa(role):
    r = sp.ROLES[role]
    assert contrast(sp.MARK_TEXT, r.background) >= 4.5
    if r.symbol:
        assert contrast(r.colour, r.background) >= 4.5  # the symbol is text inside the mark


def test_the_article_is_escaped(hotline_dir):
    """A hostile figure label reaches the page only as text (the article's own text is pinned by its hash)."""
    edit_rows(hotline_dir / "figures.csv", "west_share", label_en='<img src=x onerror="alert(1)">')
    html = sp.article_html(Report(load_ledger(hotline_dir)))
    assert "<img src=x" not in html and 'title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;' in html


@pytest.mark.slow
def test_the_built_source_page_shows_the_legend_before_the_article(built_book, report):
    page = soup((built_book / "book" / "source.html").read_text(encoding="utf-8"))
    main = page.find("article") or page
    legend, article = main.select_one(".recount-legend"), main.select_one("div.recount-source")
    assert legend is not None and article is not None
    assert legend.sourceline < article.sourceline, "the legend is not above the article"
    assert not main.select(".cell_input"), "the Source page shows code"
    assert re.search(r"Inconsistent percentage\s*\(1 figure\)", legend.get_text())


def test_hostile_article_text_is_shown_as_text():
    """The article's own words reach the page escaped (a tiny article whose text is markup)."""
    from types import SimpleNamespace

    from test_render import assert_inert, synthetic_ledger

    html = sp.article_html(SimpleNamespace(ledger=synthetic_ledger(), results=[]))
    assert_inert(html)
    assert html.startswith('<div class="recount-source" lang="zh-CN">')
    assert 'href="ledger.html#fig-evil"' in html and "recount-role-context" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;共有10家" in html
