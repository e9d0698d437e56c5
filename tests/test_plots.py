"""The house charts: every chart draws without a warning, says what it shows, and saves reproducibly.

A missing glyph is only a *warning* in matplotlib (the character becomes a box),
and a warning raised while a notebook renders a figure does not fail the cell:
so every chart is drawn here with warnings turned into errors.
"""

from __future__ import annotations

import base64
import io
import re
import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from recount import paths
from recount.publish import plots
from recount.errors import InputError
from recount.publish.labels import load_labels
from recount.ledger import load_ledger
from recount.report import Report

#: every chart the book draws: name -> (function, keyword arguments)
CASES = {
    "rates_vs_recomputed": (plots.rates_vs_recomputed, {}),
    "rates_vs_recomputed_section3": (plots.rates_vs_recomputed, {"section": 3}),
    "rates_vs_recomputed_ids": (plots.rates_vs_recomputed, {"ids": ["ui_approved_share", "xbq_rate_all"]}),
    "timeline": (plots.timeline, {}),
    "timeline_section1": (plots.timeline, {"section": 1}),
    "timeline_section3": (plots.timeline, {"section": 3}),
    "funnel": (plots.funnel, {}),
    "subdistricts": (plots.subdistricts, {}),
    "readings": (plots.readings, {"claim": "xbq_reopen_rate"}),
    "sector_rates_xbq": (plots.sector_rates, {"constraint": "xbq_rate_within_sectors"}),
    "sector_rates_lsw": (plots.sector_rates, {"constraint": "lsw_rate_within_areas"}),
    "money": (plots.money, {}),
    "money_section1": (plots.money, {"section": 1}),
}

#: numbers each chart's alt text must state (taken from the ledger, as the chart shows them)
ALT_NUMBERS = {
    "rates_vs_recomputed": ["88%", "82.02%", "76.23%", "82.57%", "probably the rate (0.5%, unverifiable)"],
    "rates_vs_recomputed_ids": ["between 56.13% and 84.20%", "82.29%"],
    "timeline": ["18 Mar", "13 Apr", "94,181"],
    "funnel": ["11,781", "3,563", "2,000 to 3,000", "30.24%"],
    "subdistricts": ["9,201", "1,900 to 2,000", "15,778", "13,000", "7,000 to 8,000"],
    "readings": ["4800 / 5852 = 82.02%", "13000 / 15778 = 82.39%", "17800 / 21630 = 82.29%", "87.5", "88.5"],
    "sector_rates_xbq": ["80%", "90%", "40%", "88%", "82.02"],
    "sector_rates_lsw": ["92%", "71%", "25%", "82.57"],
    "money": ["2,450,000", "1,500,000 to 1,600,000", "59,140,000 to 59,150,000", "50,000,000"],
}


@pytest.fixture(scope="module")
def report() -> Report:
    return Report(load_ledger())


def draw(report: Report, name: str, fmt: str = "png") -> tuple[Figure, bytes]:
    """Draw chart ``name`` fully, as the book does, and save it as ``fmt`` (png or svg), warnings as errors."""
    fn, kwargs = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph ("Glyph 20116 missing from font") fails
        fig = fn(report, **kwargs)
        buf = io.BytesIO()
        (plots.save_png if fmt == "png" else plots.save_svg)(fig, buf)
    return fig, buf.getvalue()


_DRAWN: dict[str, tuple[Figure, bytes]] = {}


def drawn(report: Report, name: str) -> Figure:
    """``draw`` once per test module (for the tests that only read the figure or its first PNG)."""
    if name not in _DRAWN:
        _DRAWN[name] = draw(report, name)
    return _DRAWN[name][0]


def test_every_chart_function_is_exercised():
    assert {fn for fn, _ in CASES.values()} == set(plots.CHARTS.values())


@pytest.mark.parametrize("name", CASES)
def test_chart_draws_without_warnings(report, name):
    fig = drawn(report, name)
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    assert any(t.endswith(plots.source_line(report)) for t in texts), "every chart carries the source line"
    assert any(ax.get_xlabel() for ax in fig.axes), "the value axis is labelled"
    for ax in fig.axes:
        assert ax.get_title(loc="left") or ax.get_title(), "every panel has a title"


@pytest.mark.parametrize("name", CASES)
def test_chart_uses_the_cjk_font(report, name):
    fig = drawn(report, name)
    families = {tuple(t.get_fontfamily()) for t in fig.findobj(match=lambda a: hasattr(a, "get_fontfamily"))
                if re.search(r"[\u4e00-\u9fff]", getattr(t, "get_text", lambda: "")())}
    assert families, f"{name}: no Chinese text (labels should be bilingual)"
    assert all(plots.CJK_FAMILY in f for f in families), families


@pytest.mark.parametrize("name", sorted(ALT_NUMBERS))
def test_alt_text_states_the_numbers(report, name):
    alt = plots.alt_text(drawn(report, name))
    assert len(alt) > 80
    for number in ALT_NUMBERS[name]:
        assert number in alt, f"{name}: alt text lacks {number!r}: {alt}"


def test_alt_text_of_a_foreign_figure_is_an_error():
    with pytest.raises(ValueError, match="not a Recount chart"):
        plots.alt_text(Figure())


# One chart here, the densest, for a fast signal; tests/test_book_any.py compares every chart of a
# generated book byte for byte between two builds (make bench, the flagship's).
@pytest.mark.parametrize("name", ["rates_vs_recomputed"])
def test_png_is_byte_identical_run_to_run(report, name):
    drawn(report, name)
    first = _DRAWN[name][1]
    again = draw(report, name)[1]  # another figure, drawn from scratch
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == again


@pytest.mark.parametrize("name", ["readings"])  # SVG: the book shows PNG; one chart suffices
def test_svg_is_byte_identical_run_to_run(report, name, tmp_path: Path):
    out = [draw(report, name, "svg")[1] for _ in range(2)]
    assert out[0].lstrip().startswith(b"<?xml") and out[0] == out[1]
    assert b"<dc:date>" not in out[0]


def test_chart_displays_as_a_png_carrying_alt_sources_and_data(report):
    fig = draw(report, "readings")[0]
    data, meta = plots.show(fig)._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert meta["image/png"] == {"width": 720}  # a width: Sphinx links the image to its full-size file
    chart = meta[plots.CHART_METADATA]
    assert chart["alt"] == plots.alt_text(fig) and chart["name"] == "xiaobanqiao-readings"
    assert chart["sources"] == ["data/source/article.zh.txt", "data/figures.csv", "data/rates.csv"]
    assert chart["data"] == "data/output/charts/xiaobanqiao-readings.csv"


def test_each_verdict_is_drawn_in_its_one_colour_and_its_own_marker(report):
    """The chart of every claim draws each verdict's points in recount.vocabulary's colour for it
    (the badges', the card's and the stylesheet's), each verdict with a marker of its own."""
    from matplotlib.colors import to_hex

    from recount.vocabulary import colour

    fig = drawn(report, "rates_vs_recomputed")
    by_marker: dict[str, set[str]] = {}
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_marker() not in ("None", "|", None):
                by_marker.setdefault(line.get_marker(), set()).add(to_hex(line.get_color()).upper())
    drawn_colours = set().union(*by_marker.values())
    assert {colour("inconsistent"), colour("consistent")} <= drawn_colours
    assert drawn_colours <= {colour(r.verdict) for r in report.results}, "a point in a colour of no verdict"
    assert all(len(colours) == 1 for colours in by_marker.values()), by_marker


def test_missing_font_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setenv(plots.CJK_FONT_ENV, str(tmp_path / "nowhere.ttc"))
    plots.cjk_family.cache_clear()
    try:
        with pytest.raises(plots.FontMissingError, match="fonts-noto-cjk"):
            plots.cjk_family()
    finally:
        monkeypatch.delenv(plots.CJK_FONT_ENV)
        plots.cjk_family.cache_clear()
    assert plots.cjk_family() == plots.CJK_FAMILY


# ---------------------------------------------------------------- what readers see


@pytest.mark.parametrize("name", CASES)
def test_no_text_is_rotated_and_no_axis_is_logarithmic(report, name):
    fig = drawn(report, name)
    rotated = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_rotation"))
               if t.get_text() and t.get_rotation() % 360]
    assert not rotated, f"{name}: rotated text {rotated}"
    assert {ax.get_xscale() for ax in fig.axes} | {ax.get_yscale() for ax in fig.axes} == {"linear"}


def _rows(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]


def test_claims_chart_names_the_place_on_every_row(report):
    labels = load_labels(report.ledger)
    rows = _rows(drawn(report, "rates_vs_recomputed"))
    assert len(rows) == len(plots.chart_data_frame(drawn(report, "rates_vs_recomputed")))
    for row in rows:
        assert any(row.startswith(f"{p}: ") for p in labels.places.values()), row
    assert any(row.startswith("Xiaobanqiao 小板桥: ") for row in rows)
    assert any(row.startswith("Luosiwan 螺蛳湾: ") for row in rows)


def test_claims_chart_puts_the_inconsistent_claim_in_the_first_panel_alone(report):
    fig = drawn(report, "rates_vs_recomputed")
    first = fig.axes[0]
    inconsistent = [r for r in report.results if r.verdict == "inconsistent"]
    assert first.get_title(loc="left").startswith(plots.GROUP_TITLES["inconsistent"])
    assert len(first.get_yticklabels()) == len(inconsistent)
    data = plots.chart_data_frame(fig)
    assert list(data["verdict"][:len(inconsistent)]) == ["inconsistent"] * len(inconsistent)
    assert "inconsistent" not in set(data["verdict"][len(inconsistent):])


def test_claims_chart_draws_only_shares_and_names_what_it_leaves_out(report):
    labels = load_labels(report.ledger)
    fig = drawn(report, "rates_vs_recomputed")
    drawn_ids = set(plots.chart_data_frame(fig)["rate"])
    assert {labels[i].measure for i in drawn_ids} == {"share"}
    left_out = [r for r in report.results if r.cited is not None and labels[r.rate.id].measure != "share"]
    assert [r.rate.id for r in left_out] == ["loan_rate_cut"]
    assert "Not drawn, as not a share: Guandu district: loan cut, probably the rate (0.5%)." in fig.get_supxlabel()
    assert "Not drawn, as not a share: Guandu district: loan cut, probably the rate (0.5%, unverifiable)" in plots.alt_text(fig)


def test_claims_chart_alt_text_counts_claims_as_the_scorecard(report):
    """17 stated percentages are the claims (a claim with three readings counts once); derived apart."""
    card = report.scorecard()
    stated = sum(n for verdict, n in card.items() if verdict != "derived")
    alt = plots.alt_text(drawn(report, "rates_vs_recomputed"))
    assert f"the {stated} percentages the article states, its claims: {stated - 1} of them in" in alt
    assert f"Inconsistent, {card['inconsistent']} of the claims: " in alt
    assert f"Consistent, {card['consistent']} of the claims: " in alt
    assert f"Unverifiable, {card['unverifiable'] - 1} of the claims: " in alt  # all but the loan-rate cut
    assert f"The {card['derived']} derived rates" in alt


@pytest.mark.parametrize("name", sorted(ALT_NUMBERS))
def test_no_alt_text_counts_claims_otherwise(report, name):
    """Whatever a chart counts, "N claims" or "N percentages" is only ever the article's own count."""
    stated = sum(n for verdict, n in report.scorecard().items() if verdict != "derived")
    alt = plots.alt_text(drawn(report, name))
    counts = re.findall(r"\b(\d+) (?:stated |cited )?(?:percentages|claims)\b", alt)
    assert set(counts) <= {str(stated)}, f"{name}: {counts}"


def test_chart_data_files_are_named_without_ledger_ids(report):
    ledger = report.ledger
    ids = set(ledger.figures) | {r.id for r in ledger.rates} | {c.id for c in ledger.constraints}
    for fn, kwargs in plots.book_charts(report):
        name = fn(report, **kwargs).recount_name
        assert not {w for w in re.findall(r"[a-z0-9_]+", name) if w in ids}, name


def test_timeline_labels_are_english_with_the_chinese_term_in_brackets(report):
    fig = drawn(report, "timeline")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == sum(e.precision != "undated" for e in report.ledger.events)
    for text in labels:
        assert re.fullmatch(r"[A-Z][^\u4e00-\u9fff]* \([^()]*[\u4e00-\u9fff][^()]*\)", text), text
    quotes = {e.quote for e in report.ledger.events}
    assert not quotes & {t.get_text() for t in ax.get_yticklabels()}, "raw quote fragments as row labels"


def test_money_chart_is_linear_and_writes_every_amount(report):
    fig = drawn(report, "money_section1")
    ax = fig.axes[0]
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    written = " ".join(t.get_text() for t in ax.texts)
    for amount in ("25万元 = 250,000 元", "5914万余元 = 59,140,000 to 59,150,000 元"):
        assert amount in written


# ---------------------------------------------------------------- chart data


# ---------------------------------------------------------------- a figure charted by editing CSVs only


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_a_count_labelled_in_labels_csv_gets_its_own_panel(data_copy):
    _append(data_copy / paths.LABELS_NAME, "xbq_markets,xbq,markets,markets,各类市场")
    _append(data_copy / paths.LABELS_NAME, "gd_markets,gd,markets,markets,大小市场")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.subdistricts(Report(load_ledger(data_copy)))
    assert fig.axes[-1].get_title(loc="left") == "Markets 各类市场"
    data = plots.chart_data_frame(fig)
    assert list(data[data["measure"] == "markets"]["low"]) == ["131", "29"]
    assert "Markets: Xiaobanqiao 131, Guandu sub-district 29" in plots.alt_text(fig)


def test_a_reading_added_to_rates_csv_is_charted_with_its_place(data_copy):
    _append(data_copy / paths.RATES_NAME, "xbq_rate_firms_of_all,2,xbq_firms_open,xbq_firms+xbq_individual,"
            "xbq_reopen_rate,reopened firms over all businesses,inconsistent,A reading added by a test.")
    _append(data_copy / paths.LABELS_NAME, "xbq_rate_firms_of_all,xbq,share,firms of all businesses,企业/合计")
    fig = plots.rates_vs_recomputed(Report(load_ledger(data_copy)))
    assert "Xiaobanqiao 小板桥: firms of all businesses 企业/合计" in _rows(fig)
    row = plots.chart_data_frame(fig).set_index("rate").loc["xbq_rate_firms_of_all"]
    assert (row["verdict"], row["arithmetic"]) == ("inconsistent", "4800 / 21630 = 22.19% → 22%")
    assert "1 of the 17 claims, 4 readings" in fig.axes[0].get_title(loc="left")


def test_a_label_naming_an_unknown_place_is_an_input_error(data_copy):
    _append(data_copy / paths.LABELS_NAME, "xbq_markets,nowhere,markets,markets,市场")
    with pytest.raises(InputError) as err:
        load_labels(load_ledger(data_copy))
    lines = (data_copy / paths.LABELS_NAME).read_text(encoding="utf-8").count("\n")
    assert (err.value.line, err.value.column) == (lines, "place")
    assert "unknown id 'nowhere' (not in places.csv)" in str(err.value) and "labels.csv" in str(err.value)


# ---------------------------------------------------------------- in the built book


@pytest.mark.slow
def test_every_chart_in_the_book_opens_full_size_and_links_its_data(built_book):
    from bs4 import BeautifulSoup

    names = set()
    for page in sorted(built_book.glob("book/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("img.recount-chart"):
            link = img.find_parent("a")
            assert link is not None and link["href"] == img["src"], f"{page.name}: chart not linked to its file"
            assert (page.parent / link["href"]).resolve().is_file()
            source = img.find_parent("figure").find("p", class_="recount-chart-source")
            hrefs = [a["href"] for a in source.select("a.download")]
            assert any(h.endswith("/article.zh.txt") for h in hrefs), f"{page.name}: no source line"
            csv_href = source.select_one("span.recount-chart-data a.download")["href"]
            name = csv_href.rsplit("/", 1)[-1]
            published = (page.parent / csv_href).resolve().read_text(encoding="utf-8")
            assert published == (paths.CHART_DATA_DIR / name).read_text(encoding="utf-8")
            names.add(name.removesuffix(".csv"))
    assert names == {p.stem for p in paths.CHART_DATA_DIR.glob("*.csv")}, "a committed chart CSV the book never links"
