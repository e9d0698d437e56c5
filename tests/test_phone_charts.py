"""Charts a phone can read: every chart's phone layout is narrow, its text large, nothing cut off,
and its PNG byte-identical run to run; the wide layout keeps every title inside the figure; a
recomputed rate shows only the decimals that carry information.

The size as a reader sees it on a 390 px screen is measured in the browser
(``tests/test_browser_phone.py``); here, what the drawing itself guarantees.
"""

from __future__ import annotations

import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from conftest import DISTRICTS
from recount.ledger import load_ledger
from recount.publish import plots
from recount.report import Report

#: every chart function once, on the tests' districts bulletin (the densest first: the claims chart)
CASES = {
    "rates_vs_recomputed": (plots.rates_vs_recomputed, {}),
    "timeline": (plots.timeline, {}),
    "funnel": (plots.funnel, {}),
    "money": (plots.money, {}),
    "readings": (plots.readings, {"claim": "beiyuan_share"}),
    "sector_rates": (plots.sector_rates, {"constraint": "beiyuan_within_sectors"}),
    "subdistricts": (plots.subdistricts, {}),
}


def test_every_chart_function_is_laid_out_for_a_phone():
    assert {fn for fn, _ in CASES.values()} == set(plots.CHARTS.values())


@pytest.fixture(scope="module")
def report() -> Report:
    return Report(load_ledger(DISTRICTS))


@pytest.fixture(scope="module")
def charts(report) -> dict[str, plots.Chart]:
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph or a collapsed layout is a failure, not a warning
        for name, (fn, kwargs) in CASES.items():
            chart = plots.Chart(fn(report, **kwargs))
            chart.png, chart.phone_png  # noqa: B018 - draw both layouts here, under the warning filter
            out[name] = chart
    return out


def _texts_outside(fig) -> list[str]:
    """Texts drawn (partly) outside the figure: cut off in the PNG."""
    with plots.style():
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        box = fig.bbox
        # tick labels of ticks outside an axis's view are never drawn
        hidden = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
                  for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                  if tick.get_loc() is None or not (min(axis.get_view_interval()) - 1e-9 <= tick.get_loc()
                                                    <= max(axis.get_view_interval()) + 1e-9)
                  for label in (tick.label1, tick.label2)}
        out = []
        for t in fig.findobj(Text):
            if not (t.get_visible() and t.get_text().strip()) or id(t) in hidden:
                continue
            e = t.get_window_extent(renderer)
            if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                out.append(f"{t.get_text()[:60]!r}: x {e.x0:.0f}–{e.x1:.0f} of {box.x1:.0f}")
        return out


@pytest.mark.parametrize("name", CASES)
def test_phone_layout_is_narrow_with_no_text_under_the_minimum(charts, name):
    phone = charts[name].phone
    assert phone.get_size_inches()[0] == plots.PHONE_WIDTH
    assert plots.min_text_px(phone) >= plots.PHONE_MIN_PT * plots.DPI / 72
    # shown across the phone column, the smallest text is at least 12 CSS px
    css_px = plots.min_text_px(phone) * plots.PHONE_COLUMN_PX / (plots.PHONE_WIDTH * plots.DPI)
    assert css_px >= plots.PHONE_MIN_TEXT_PX, f"{css_px:.1f} CSS px"


@pytest.mark.parametrize("name", CASES)
def test_no_text_is_cut_off_in_either_layout(charts, name):
    for layout, fig in (("wide", charts[name].figure), ("phone", charts[name].phone)):
        outside = _texts_outside(fig)
        assert not outside, f"{layout}: " + "; ".join(outside)


# One chart here, the densest, for a fast signal: tests/test_book_any.py compares every chart of a
# generated book, both its layouts, byte for byte between two builds (make bench, the flagship's).
@pytest.mark.parametrize("name", [next(iter(CASES))])
def test_phone_png_is_byte_identical_run_to_run(report, charts, name):
    fn, kwargs = CASES[name]
    again = plots.Chart(fn(report, **kwargs))
    assert again.phone_png == charts[name].phone_png  # the phone layout asked for first this time
    assert again.png == charts[name].png


def test_phone_layout_keeps_every_label_and_number(charts):
    """The phone layout moves and wraps texts; it drops none (the value column joins its row's label)."""
    def words(fig):
        return sorted(w.strip(":;,.()") for t in fig.findobj(Text) if t.get_visible() for w in t.get_text().split())

    for name, chart in charts.items():
        wide, phone = words(chart.figure), words(chart.phone)
        missing = [w for w in set(wide) if w not in phone and not w.replace(",", "").replace(".", "").isdigit()]
        assert not missing, f"{name}: the phone layout lost {missing[:8]}"


def test_the_png_states_its_smallest_text(charts):
    from io import BytesIO

    from PIL import Image

    chart = next(iter(charts.values()))
    for png, fig in ((chart.png, chart.figure), (chart.phone_png, chart.phone)):
        stated = float(Image.open(BytesIO(png)).text[plots.MIN_TEXT_KEY])
        assert stated == plots.min_text_px(fig) > 0


def test_a_long_panel_title_wraps_inside_the_wide_chart(charts):
    """The claims chart's third panel title ("... (1 named below the chart, not a share)") used to run
    past the figure's right edge."""
    fig = charts["rates_vs_recomputed"].figure
    titles = [t for ax in fig.axes for t in ax.get_children() if isinstance(t, Text) and t.get_text()
              and t.get_text() == ax.get_title(loc="left")]
    assert any("not a share" in t.get_text() for t in titles)
    assert not _texts_outside(fig)


def test_recomputed_rates_show_only_informative_decimals(report, charts):
    """A whole recomputed rate is "80%", never "80.00%"; a fractional one keeps two decimals."""
    whole = next(r for r in report.results if r.recomputed is not None and r.recomputed.is_point
                 and r.recomputed.low.denominator == 1)
    assert plots._rec(whole) == f"{whole.recomputed.low.numerator}%"
    frac = next(r for r in report.results if r.recomputed is not None and r.recomputed.is_point
                and r.recomputed.low.denominator != 1 and r.display_decimals == 0)
    assert plots._rec(frac).count(".") == 1 and len(plots._rec(frac).split(".")[1]) == 3  # "82.02%"
    drawn = " ".join(t.get_text() for t in charts["rates_vs_recomputed"].figure.findobj(Text))
    assert plots._rec(whole) in drawn
    wholes = {r.recomputed.low.numerator for r in report.results if r.recomputed is not None
              and r.recomputed.is_point and r.recomputed.low.denominator == 1}
    assert not [w for w in wholes if f"{w}.00%" in drawn]


def test_the_stylesheet_switches_to_the_phone_layout_at_the_stated_width():
    import re

    from recount import paths

    css = (paths.BOOK_DIR / "_static" / "recount.css").read_text(encoding="utf-8")
    block = re.search(r"@media \(max-width: (\d+)px\) \{\s*\.recount-chart-wide \{ display: none; \}", css)
    assert block and int(block.group(1)) == plots.PHONE_MAX_SCREEN_PX


def test_a_readings_arithmetic_never_runs_into_the_cited_band(charts):
    """Each reading's arithmetic (4,800 / 5,852 = 82.02% → 82%) is written on the side of the axes away from
    the band of values that round to the cited rate: on a phone's narrow chart it used to cross it."""
    from matplotlib.patches import Rectangle

    for layout, fig in (("wide", charts["readings"].figure), ("phone", charts["readings"].phone)):
        with plots.style():
            renderer = FigureCanvasAgg(fig).get_renderer()
            fig.draw(renderer)
            ax = fig.axes[0]
            band = next(p for p in ax.patches if isinstance(p, Rectangle)).get_window_extent(renderer)
            sums = [t for t in ax.texts if " / " in t.get_text()]
            assert sums, layout
            for t in sums:
                e = t.get_window_extent(renderer)
                assert e.x1 < band.x0 or e.x0 > band.x1, f"{layout}: {t.get_text()!r} crosses the band"
