"""The house charts: every chart draws without a warning, says what it shows, and saves reproducibly.

A missing glyph is only a *warning* in matplotlib (the character becomes a box),
and a warning raised while a notebook renders a figure does not fail the cell:
so every chart is drawn here with warnings turned into errors.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from recount import plots
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
    "rates_vs_recomputed": ["88%", "82.02%", "76.2340%", "82.57%"],
    "rates_vs_recomputed_ids": ["56.1325–84.1987%", "82.29%"],
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
    assert plots.SOURCE_LINE in texts, "every chart carries the source line"
    for ax in fig.axes:
        assert ax.get_xlabel() or ax.get_ylabel(), "axes are labelled"
        assert ax.get_title(loc="left") or ax.get_title(), "every chart has a title"


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


# One chart here, the densest, for a fast signal; tests/test_reproducible.py compares every chart
# of the book byte for byte between two builds.
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


def test_chart_displays_as_an_img_with_escaped_alt(report):
    fig = draw(report, "readings")[0]
    fig.recount_alt = 'Chart "quoted" <script>alert(1)</script>'
    html = plots.show(fig)._repr_html_()
    assert html.startswith('<img class="recount-chart" src="data:image/png;base64,')
    assert 'alt="Chart &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>" not in html


def test_verdict_styles_differ_in_colour_and_marker():
    colours = [s[0] for s in plots.VERDICT_STYLE.values()]
    markers = [s[1] for s in plots.VERDICT_STYLE.values()]
    assert len(set(colours)) == len(colours) and len(set(markers)) == len(markers)
    assert set(plots.VERDICT_STYLE) == {"consistent", "inconsistent", "unverifiable", "derived"}


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
