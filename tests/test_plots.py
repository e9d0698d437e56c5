"""The house charts: every chart draws without a warning, says what it shows, and saves reproducibly.

A missing glyph is only a *warning* in matplotlib (the character becomes a box),
and a warning raised while a notebook renders a figure does not fail the cell:
so every chart is drawn here with warnings turned into errors.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from conftest import DISTRICTS
from recount import paths
from recount.publish import plots
from recount.errors import InputError
from recount.publish.labels import load_labels
from recount.ledger import load_ledger
from recount.report import Report

#: every chart function, drawn from the tests' districts bulletin: name -> (function, keyword arguments)
CASES = {
    "rates_vs_recomputed": (plots.rates_vs_recomputed, {}),
    "rates_vs_recomputed_section2": (plots.rates_vs_recomputed, {"section": 2}),
    "rates_vs_recomputed_ids": (plots.rates_vs_recomputed, {"ids": ["approved_of_eligible", "beiyuan_rate_all"]}),
    "timeline": (plots.timeline, {}),
    "timeline_section1": (plots.timeline, {"section": 1}),
    "funnel": (plots.funnel, {}),
    "subdistricts": (plots.subdistricts, {}),
    "readings": (plots.readings, {"claim": "beiyuan_share"}),
    "sector_rates": (plots.sector_rates, {"constraint": "beiyuan_within_sectors"}),
    "money": (plots.money, {}),
    "money_section1": (plots.money, {"section": 1}),
}

#: numbers each chart's alt text must state (the districts ledger's, as the chart shows them)
ALT_NUMBERS = {
    "rates_vs_recomputed": ["90%", "83.33%", "80%", "80.95%", "92%",
                            "loan rate fall, probably in points (0.5%, unverifiable)"],
    "rates_vs_recomputed_ids": ["between 66.67% and 88.89%", "80.95%"],
    "timeline": ["10 Feb", "March", "10,000"],
    "funnel": ["600", "450", "300 to 400", "75%", "between 66.67% and 88.89%"],
    "subdistricts": ["1,200", "760", "1,500 to 1,600", "3,000"],
    "readings": ["1,000 / 1,200 = 83.33%", "2,400 / 3,000 = 80.00%", "3,400 / 4,200 = 80.95%", "89.5", "90.5"],
    "sector_rates": ["85%", "70%", "95%", "90%", "80.00 to 83.33"],
    "money": ["8,500,000", "3,200,000 to 3,300,000", "300,000 yuan, a forecast"],
}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    """The districts ledger, from a copy of its own (a test may put a chart's data file in it)."""
    data = tmp_path_factory.mktemp("plots") / "districts"
    shutil.copytree(DISTRICTS, data)
    return Report(load_ledger(data))


def draw(report: Report, name: str, fmt: str = "png") -> tuple[Figure, bytes]:
    """Draw chart ``name`` fully, as the book does, and save it as ``fmt`` (png or svg), warnings as errors."""
    fn, kwargs = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph ("Glyph 20116 missing from font") fails
        fig = fn(report, **kwargs)
        buf = io.BytesIO()
        (plots.save_png if fmt == "png" else plots.save_svg)(fig, buf)
    return fig, buf.getvalue()


@pytest.fixture(scope="module")
def charts(report) -> dict[str, tuple[Figure, bytes]]:
    """Each chart drawn once for the module (as ``draw``), when a test first asks for it."""
    class Drawn(dict):
        def __missing__(self, name: str) -> tuple[Figure, bytes]:
            self[name] = draw(report, name)
            return self[name]

    return Drawn()


@pytest.fixture(scope="module")
def drawn(charts):
    """The figure of chart ``name``, drawn once for the module."""
    return lambda name: charts[name][0]


def test_every_chart_function_is_exercised():
    assert {fn for fn, _ in CASES.values()} == set(plots.CHARTS.values())


@pytest.mark.parametrize("name", CASES)
def test_chart_draws_without_warnings(report, name, drawn):
    fig = drawn(name)
    assert isinstance(fig, Figure)
    texts = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    assert any(t.endswith(plots.source_line(report)) for t in texts), "every chart carries the source line"
    assert any(ax.get_xlabel() for ax in fig.axes), "the value axis is labelled"
    for ax in fig.axes:
        assert ax.get_title(loc="left") or ax.get_title(), "every panel has a title"


@pytest.mark.parametrize("name", CASES)
def test_chart_uses_the_cjk_font(report, name, drawn):
    fig = drawn(name)
    families = {tuple(t.get_fontfamily()) for t in fig.findobj(match=lambda a: hasattr(a, "get_fontfamily"))
                if re.search(r"[\u4e00-\u9fff]", getattr(t, "get_text", lambda: "")())}
    assert families, f"{name}: no Chinese text (labels should be bilingual)"
    assert all(plots.CJK_FAMILY in f for f in families), families


@pytest.mark.parametrize("name", sorted(ALT_NUMBERS))
def test_alt_text_states_the_numbers(report, name, drawn):
    alt = plots.alt_text(drawn(name))
    assert len(alt) > 80
    for number in ALT_NUMBERS[name]:
        assert number in alt, f"{name}: alt text lacks {number!r}: {alt}"


def test_alt_text_of_a_foreign_figure_is_an_error():
    with pytest.raises(ValueError, match="not a Recount chart"):
        plots.alt_text(Figure())


# One chart here, the densest, for a fast signal; tests/test_book_any.py compares every chart of a
# generated book byte for byte between two builds (make bench, the flagship's).
@pytest.mark.parametrize("name", ["rates_vs_recomputed"])
def test_png_is_byte_identical_run_to_run(report, name, charts):
    first = charts[name][1]
    again = draw(report, name)[1]  # another figure, drawn from scratch
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == again


@pytest.mark.parametrize("name", ["readings"])  # SVG: the book shows PNG; one chart suffices
def test_svg_is_byte_identical_run_to_run(report, name, tmp_path: Path):
    out = [draw(report, name, "svg")[1] for _ in range(2)]
    assert out[0].lstrip().startswith(b"<?xml") and out[0] == out[1]
    assert b"<dc:date>" not in out[0]


def test_chart_displays_as_a_png_carrying_alt_sources_and_data(report, drawn):
    fig = drawn("readings")
    data, meta = plots.show(fig)._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert meta["image/png"] == {"width": 720}  # a width: Sphinx links the image to its full-size file
    chart = meta[plots.CHART_METADATA]
    assert chart["alt"] == plots.alt_text(fig) and chart["name"] == "beiyuan-readings"
    assert chart["sources"] == ["data/source/article.zh.txt", "data/figures.csv", "data/rates.csv"]
    assert chart["data"] is None  # the ledger holds no data file of the chart yet
    data_file = report.ledger.data_dir / "output" / "charts" / "beiyuan-readings.csv"
    data_file.parent.mkdir(parents=True)
    try:
        data_file.write_text(plots.chart_data_frame(fig).to_csv(index=False), encoding="utf-8")
        assert plots.show(fig).metadata()["data"] == "data/output/charts/beiyuan-readings.csv"
    finally:
        shutil.rmtree(data_file.parent.parent)


def test_each_verdict_is_drawn_in_its_one_colour_and_its_own_marker(report, drawn):
    """The chart of every claim draws each verdict's points in recount.vocabulary's colour for it
    (the badges', the card's and the stylesheet's), each verdict with a marker of its own."""
    from matplotlib.colors import to_hex

    from recount.vocabulary import colour

    fig = drawn("rates_vs_recomputed")
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
def test_no_text_is_rotated_and_no_axis_is_logarithmic(report, name, drawn):
    fig = drawn(name)
    rotated = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_rotation"))
               if t.get_text() and t.get_rotation() % 360]
    assert not rotated, f"{name}: rotated text {rotated}"
    assert {ax.get_xscale() for ax in fig.axes} | {ax.get_yscale() for ax in fig.axes} == {"linear"}


def _rows(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]


def test_claims_chart_names_the_place_on_every_row(report, drawn):
    labels = load_labels(report.ledger)
    rows = _rows(drawn("rates_vs_recomputed"))
    assert len(rows) == len(plots.chart_data_frame(drawn("rates_vs_recomputed")))
    for row in rows:
        assert any(row.startswith(f"{p}: ") for p in labels.places.values()), row
    assert any(row.startswith("Beiyuan 北苑: ") for row in rows)
    assert any(row.startswith("Nanhu 南湖: ") for row in rows)


def test_claims_chart_puts_the_inconsistent_claim_in_the_first_panel_alone(report, drawn):
    fig = drawn("rates_vs_recomputed")
    first = fig.axes[0]
    inconsistent = [r for r in report.results if r.verdict == "inconsistent"]
    assert first.get_title(loc="left").startswith(plots.GROUP_TITLES["inconsistent"])
    assert len(first.get_yticklabels()) == len(inconsistent)
    data = plots.chart_data_frame(fig)
    assert list(data["verdict"][:len(inconsistent)]) == ["inconsistent"] * len(inconsistent)
    assert "inconsistent" not in set(data["verdict"][len(inconsistent):])


def test_claims_chart_draws_only_shares_and_names_what_it_leaves_out(report, drawn):
    labels = load_labels(report.ledger)
    fig = drawn("rates_vs_recomputed")
    drawn_ids = set(plots.chart_data_frame(fig)["rate"])
    assert {labels[i].measure for i in drawn_ids} == {"share"}
    left_out = [r for r in report.results if r.cited is not None and labels[r.rate.id].measure != "share"]
    assert [r.rate.id for r in left_out] == ["loan_rate_cut"]
    assert "Not drawn, as not a share: The district: loan rate fall, probably in points (0.5%)." in fig.get_supxlabel()
    assert ("Not drawn, as not a share: The district: loan rate fall, probably in points (0.5%, unverifiable)"
            in plots.alt_text(fig))


def test_claims_chart_alt_text_counts_claims_as_the_scorecard(report, drawn):
    """The stated percentages are the claims (a claim with three readings counts once); derived apart."""
    card = report.scorecard()
    stated = sum(n for verdict, n in card.items() if verdict != "derived")
    alt = plots.alt_text(drawn("rates_vs_recomputed"))
    assert f"the {stated} percentages the article states, its claims: {stated - 1} of them in" in alt
    assert f"Inconsistent, {card['inconsistent']} of the claims: " in alt
    assert f"Consistent, {card['consistent']} of the claims: " in alt
    # all, as the scorecard counts them, the loan-rate cut (not a share) the one not drawn
    assert f"Unverifiable, {card['unverifiable']} of the claims, {card['unverifiable'] - 1} drawn: " in alt
    assert f"The {card['derived']} derived rates" in alt


@pytest.mark.parametrize("name", sorted(ALT_NUMBERS))
def test_no_alt_text_counts_claims_otherwise(report, name, drawn):
    """Whatever a chart counts, "N claims" or "N percentages" is only ever the article's own count."""
    stated = sum(n for verdict, n in report.scorecard().items() if verdict != "derived")
    alt = plots.alt_text(drawn(name))
    counts = re.findall(r"\b(\d+) (?:stated |cited )?(?:percentages|claims)\b", alt)
    assert set(counts) <= {str(stated)}, f"{name}: {counts}"


def test_chart_data_files_are_named_without_ledger_ids(report):
    ledger = report.ledger
    ids = set(ledger.figures) | {r.id for r in ledger.rates} | {c.id for c in ledger.constraints}
    for fn, kwargs in plots.book_charts(report):
        name = fn(report, **kwargs).recount_name
        assert not {w for w in re.findall(r"[a-z0-9_]+", name) if w in ids}, name


def test_timeline_labels_are_english_with_the_chinese_term_in_brackets(report, drawn):
    fig = drawn("timeline")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == sum(e.precision != "undated" for e in report.ledger.events)
    for text in labels:
        assert re.fullmatch(r"[A-Z][^\u4e00-\u9fff]* \([^()]*[\u4e00-\u9fff][^()]*\)", text), text
    quotes = {e.quote for e in report.ledger.events}
    assert not quotes & {t.get_text() for t in ax.get_yticklabels()}, "raw quote fragments as row labels"


def test_funnel_describes_the_stages_of_its_own_ledger(report, drawn):
    fig = drawn("funnel")
    title = fig.axes[0].get_title(loc="left")
    words = plots.alt_text(fig) + " " + title
    assert "2000余" not in words and "unemployment" not in words.lower(), words
    stages = [lab.label_en for lab in load_labels(report.ledger).measure("refund_stage")]
    assert title == f"From {stages[0]} to {stages[-1]}"
    named = plots.funnel(report, title="A scheme 某计划, in shops", axis="Shops (家)")
    assert named.axes[0].get_title(loc="left") == "A scheme 某计划, in shops" and named.axes[0].get_xlabel() == "Shops (家)"


def test_money_chart_is_linear_and_writes_every_amount(report, drawn):
    fig = drawn("money_section1")
    ax = fig.axes[0]
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    written = " ".join(t.get_text() for t in ax.texts)
    for amount in ("500万元 = 5,000,000 元", "320余万元 = 3,200,000 to 3,300,000 元", "30万元 = 300,000 元 (forecast)"):
        assert amount in written


# ---------------------------------------------------------------- chart data


# ---------------------------------------------------------------- a figure charted by editing CSVs only


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_a_count_labelled_in_labels_csv_gets_its_own_panel(report, drawn, districts_dir):
    assert "shops_open" not in set(plots.chart_data_frame(drawn("subdistricts"))["measure"])
    _append(districts_dir / paths.LABELS_NAME, "beiyuan_shops_open,beiyuan,shops_open,shops open,开门营业门店")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.subdistricts(Report(load_ledger(districts_dir)))
    assert fig.axes[-1].get_title(loc="left") == "Shops open 开门营业门店"
    data = plots.chart_data_frame(fig)
    assert list(data[data["measure"] == "shops_open"]["low"]) == ["2400"]
    assert "Shops open: Beiyuan 2,400" in plots.alt_text(fig)


def test_a_reading_added_to_rates_csv_is_charted_with_its_place(districts_dir):
    _append(districts_dir / paths.RATES_NAME, "beiyuan_rate_firms_of_all,2,beiyuan_firms_open,"
            "beiyuan_firms+beiyuan_shops,beiyuan_share,reopened firms over all businesses,inconsistent,"
            "A reading added by a test.")
    _append(districts_dir / paths.LABELS_NAME, "beiyuan_rate_firms_of_all,beiyuan,share,firms of all businesses,企业/合计")
    report = Report(load_ledger(districts_dir))
    fig = plots.rates_vs_recomputed(report)
    assert "Beiyuan 北苑: firms of all businesses 企业/合计" in _rows(fig)
    row = plots.chart_data_frame(fig).set_index("rate").loc["beiyuan_rate_firms_of_all"]
    assert (row["verdict"], row["arithmetic"]) == ("inconsistent", "1000 / 4200 = 23.81% → 24%")
    assert "1 of the 8 claims, 4 readings" in fig.axes[0].get_title(loc="left")


def test_a_label_naming_an_unknown_place_is_an_input_error(districts_dir):
    _append(districts_dir / paths.LABELS_NAME, "beiyuan_shops_open,nowhere,shops_open,shops open,门店")
    with pytest.raises(InputError) as err:
        load_labels(load_ledger(districts_dir))
    lines = (districts_dir / paths.LABELS_NAME).read_text(encoding="utf-8").count("\n")
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


def test_a_rate_cited_as_a_floor_is_drawn_up_to_100_percent(tmp_path):
    """快检合格率达98%以上 stands for 98% or more: its band runs to 100% (a share goes no higher)."""
    from conftest import call_cli

    article = Path(__file__).parent / "articles" / "genre" / "food_inspection.zh-hans.txt"
    assert call_cli("new", str(article), str(tmp_path / "food")).code == 0
    report = Report(load_ledger(tmp_path / "food"))
    floor = [r for r in report.results if r.cited_interval is not None and r.cited_interval.high is None]
    assert floor, "the article states a rate with 以上"
    fig = plots.rates_vs_recomputed(report)
    plots.save_png(fig, io.BytesIO())
    assert plots._band_text(floor[0]) == f"{floor[0].cited.value_text} or more"


def test_the_alt_text_reads_a_figure_written_with_about_as_about_not_as_a_rounding(report, drawn):
    """约96% stands for 95 to 97 (about), not for the values that round to 96 (95.5 to 96.5)."""
    alt = plots.alt_text(drawn("rates_vs_recomputed"))
    assert "cited 96% (about (约): read as from 95.0 to 97.0)" in alt, alt
    assert "cited 90% (values from 89.5 up to 90.5 round to it)" in alt, alt
