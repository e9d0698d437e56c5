"""The house chart style, and every chart in the book.

One look for every chart:

* the Okabe–Ito colour-blind-safe palette, with one fixed colour *and* one
  marker shape per verdict (:data:`VERDICT_STYLE`), so no chart relies on
  colour alone; every marker and bar has a dark edge for contrast;
* Noto Sans CJK SC loaded explicitly (:func:`cjk_family`), so Chinese labels
  never fall back to boxes; a missing font is an error naming the Debian
  package, not a silent warning;
* labelled axes with units, bilingual labels ("<place> 地名: firms only 企业")
  read from ``data/places.csv`` and ``data/labels.csv`` (:mod:`recount.publish.labels`), never
  typed here; every text horizontal; linear scales only; only shares on a share axis;
  the source line (:func:`source_line`: the article's title) under every chart;
* intervals drawn as intervals: a figure written with 余/多/左右 is a bar to its
  lower bound and a hatched extension to its upper bound; a cited percentage is
  a band over the values that round to it; a recomputed rate is a segment;
* deterministic files: PNG at a fixed :data:`DPI` (byte-identical run to run),
  SVG with a fixed ``svg.hashsalt`` and no date.

Every chart function takes a :class:`recount.report.Report` and returns a
:class:`matplotlib.figure.Figure` built without pyplot (no global figure state,
nothing shown twice in a notebook). :func:`alt_text` gives the chart's text
alternative, with the numbers it shows, and :func:`chart_data_frame` the numbers themselves
(committed as ``data/output/charts/<name>.csv``, refreshed by ``make output``: :mod:`recount.publish.output`);
:func:`show` wraps a figure for a notebook: a PNG whose output metadata carries the alt
text, the ledger files it comes from and its CSV, which :mod:`recount.sphinx.chart`
renders in the book.
"""

from __future__ import annotations

import base64
import calendar
import contextlib
import copy
import functools
import io
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import matplotlib
from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation
from pandas import DataFrame

from recount import article as art
from recount import paths
from recount.intervals import QUALIFIERS, Interval
from recount.english import as_written, cap_first, count_words, pct_text, recomputed_words
from recount.ledger import Event
from recount.publish import CHART_METADATA
from recount.publish.labels import load_labels
from recount.publish.render import cited_text
from recount.report import Report
from recount.verdict import RateResult, fmt_fraction
from recount.vocabulary import colour

# ---------------------------------------------------------------- style constants

#: Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: a neutral grey dark enough for 4.5:1 on white (Okabe–Ito's own grey is lighter)
GREY = "#767676"

#: verdict -> colour (recount.vocabulary's), marker, English label. Colour is never the only cue.
VERDICT_STYLE: dict[str, tuple[str, str, str]] = {
    "consistent": (colour("consistent"), "o", "consistent"),
    "inconsistent": (colour("inconsistent"), "X", "inconsistent"),
    "unverifiable": (colour("unverifiable"), "s", "unverifiable (no counts given)"),
    "derived": (colour("derived"), "D", "derived (not stated in the article)"),
}
#: the panel of each verdict in the chart of every claim, the inconsistent first
GROUP_TITLES = {
    "inconsistent": "Does not match the article's own counts",
    "consistent": "Matches the article's own counts",
    "unverifiable": "No counts given, cannot be checked",
    "derived": "Derived from the counts, not stated",
}
#: one colour per kind of count, in the order data/labels.csv first names them
MEASURE_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["sky_blue"], OKABE_ITO["reddish_purple"], OKABE_ITO["orange"])

#: article section -> colour and marker (timeline)
SECTION_STYLE: dict[int, tuple[str, str]] = {
    0: (OKABE_ITO["black"], "o"),
    1: (OKABE_ITO["orange"], "o"),
    2: (OKABE_ITO["sky_blue"], "s"),
    3: (OKABE_ITO["reddish_purple"], "D"),
}


def section_name(report: Report, section: int) -> str:
    """A section's name in a chart's legend: ``book.json``'s ``legend``, else its heading (``Lede`` for 0)."""
    shape = art.layout(report.ledger.data_dir)
    if section in shape.legends:
        return shape.legends[section]
    heading = art.article(report.ledger).heading_texts.get(section, "")
    return heading or ("Lede" if section == 0 else f"Section {section}")




def source_line(report: Report) -> str:
    """The line under every chart: ``Source: 《标题》, recomputed by Recount``."""
    from recount.publish.render import the_article

    return f"Source: {the_article(report.ledger)}, recomputed by Recount"

DPI = 150
#: every chart is this wide (inches): shown at 96 px per inch it fills the book's text column
WIDTH = 7.5
EDGE = "#222222"

CJK_FAMILY = "Noto Sans CJK SC"
CJK_APT_PACKAGE = "fonts-noto-cjk"
#: where Debian's fonts-noto-cjk puts the collection; $RECOUNT_CJK_FONT overrides
CJK_FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/local/share/fonts/NotoSansCJK-Regular.ttc"),
)
CJK_FONT_ENV = "RECOUNT_CJK_FONT"

class FontMissingError(RuntimeError):
    """The CJK font the charts need is not installed."""


# ---------------------------------------------------------------- font and style


@functools.cache
def cjk_family() -> str:
    """Register Noto Sans CJK with matplotlib and return the family name to use.

    Raises :class:`FontMissingError` naming the Debian package when the font
    file is not found: without it every Chinese character would be drawn as a
    box (and matplotlib would only warn).
    """
    override = os.environ.get(CJK_FONT_ENV)
    candidates = (Path(override),) if override else CJK_FONT_PATHS
    for path in candidates:
        if path.is_file():
            for face in (path, path.with_name(path.name.replace("Regular", "Bold"))):  # titles are bold
                if face.is_file():  # registered even when matplotlib's font cache predates the font
                    font_manager.fontManager.addfont(str(face))
            names = {f.name for f in font_manager.fontManager.ttflist}
            if CJK_FAMILY not in names:
                raise FontMissingError(
                    f"{path} does not provide the family {CJK_FAMILY!r} (matplotlib >= 3.11 reads "
                    f"every face of a .ttc collection); install the Debian package {CJK_APT_PACKAGE}")
            return CJK_FAMILY
    where = ", ".join(str(p) for p in candidates)
    raise FontMissingError(
        f"Chinese font {CJK_FAMILY!r} not found (looked at {where}). Charts label places and quotes "
        f"in Chinese: install it with `apt-get install {CJK_APT_PACKAGE}` "
        f"(or point ${CJK_FONT_ENV} at NotoSansCJK-Regular.ttc)")


def house_rc() -> dict:
    """The rcParams of the house style."""
    return {
        "font.family": [cjk_family(), "DejaVu Sans"],
        "font.size": 9,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "figure.titlesize": 11,
        "figure.titleweight": "bold",
        "axes.labelsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": EDGE,
        "axes.labelcolor": EDGE,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "xtick.color": EDGE,
        "ytick.color": EDGE,
        "legend.frameon": False,
        "legend.fontsize": 8,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "hatch.linewidth": 0.8,
        "svg.hashsalt": "recount",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "date.converter": "concise",
    }


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the house style for the duration of the block (creation and saving)."""
    with matplotlib.rc_context(house_rc()):
        yield


def _new(height: float) -> Figure:
    """A chart :data:`WIDTH` inches wide."""
    return Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")


def _scoped(name: str, section: int | None) -> str:
    """A chart's name, for the charts of one article section: ``timeline-section-1``."""
    return name if section is None else f"{name}-section-{section}"


def _section_title(title: str, section: int | None) -> str:
    return title if section is None else f"{title} — section {section}"


def _finish(fig: Figure, alt: str, name: str, records: list[dict], report: Report,
            sources: tuple[str, ...], note: str = "") -> Figure:
    """The source line (after ``note``, if any) under the chart; its alt text, name, data and the
    ledger files it draws from."""
    # supxlabel, not fig.text: constrained layout keeps room for it below any legend
    line = fig.recount_source_line = source_line(report)
    fig.supxlabel(f"{note}\n{line}" if note else line, x=0.01, ha="left", fontsize=7.5,
                  color="#444444")
    for title in _titles(fig):  # a long title breaks into lines inside the figure, never past its edge
        title.set_wrap(True)
    fig.recount_alt = alt  # read by alt_text()
    fig.recount_name = name  # its data is data/output/charts/<name>.csv
    fig.recount_data = DataFrame(records)
    fig.recount_data_dir = report.ledger.data_dir
    fig.recount_sources = sources
    # Not drawn here: save_png and save_svg draw (and lay out) the figure inside the house
    # style, so tick labels made at draw time get the CJK font too; drawing here as well
    # would lay out and draw every chart twice.
    return fig


def _titles(fig: Figure) -> list[Text]:
    """The figure's own texts (title, source line) and every panel's title."""
    panels = [t for ax in fig.axes for t in ax.get_children() if isinstance(t, Text) and t.get_text()
              and t.get_text() in {ax.get_title(loc) for loc in ("left", "center", "right")}]
    return [*fig.texts, *panels]


def alt_text(fig: Figure) -> str:
    """The chart's text alternative: what it shows, with the numbers it shows."""
    try:
        return fig.recount_alt
    except AttributeError:
        raise ValueError("not a Recount chart: use a function of recount.publish.plots to draw it") from None


# ---------------------------------------------------------------- saving and showing


#: the PNG text chunk that states the chart's smallest text, in the image's pixels (tests/test_browser_phone.py
#: scales it by the size a browser shows the image at)
MIN_TEXT_KEY = "Smallest text px"


def min_text_px(fig: Figure) -> float:
    """The font size of the smallest text the figure draws, in pixels of its PNG at :data:`DPI`."""
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return round(min(sizes) * DPI / 72, 2)


def save_png(fig: Figure, target: str | os.PathLike | io.BytesIO) -> None:
    """PNG at :data:`DPI`; the same figure gives the same bytes every time."""
    with style():
        fig.savefig(target, format="png", dpi=DPI,
                    metadata={"Software": None, "Description": alt_text(fig), "Source": fig.recount_source_line,
                              MIN_TEXT_KEY: str(min_text_px(fig))})


def save_svg(fig: Figure, target: str | os.PathLike | io.BytesIO) -> None:
    """SVG with a fixed hash salt and no date: the same figure gives the same bytes."""
    with style():
        fig.savefig(target, format="svg", metadata={"Date": None, "Creator": None,
                                                    "Description": alt_text(fig)})


# ---------------------------------------------------------------- the phone layout

#: the phone layout: drawn this many inches wide, shown across a phone's text column of
#: :data:`PHONE_COLUMN_PX` CSS px (a 390 px screen less the theme's margins), where no text is
#: smaller than :data:`PHONE_MIN_TEXT_PX` CSS px: every text is at least :data:`PHONE_MIN_PT`
PHONE_WIDTH = 3.4
PHONE_COLUMN_PX = 358
PHONE_MIN_TEXT_PX = 12
PHONE_MIN_PT = 9
#: the phone layout is used below this screen width (CSS px), as book/_static/recount.css states
PHONE_MAX_SCREEN_PX = 640


def _text_width(text: str) -> int:
    """Width in columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, columns: int) -> str:
    """``text`` broken at spaces into lines of at most ``columns`` (a word longer stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            joined = f"{line} {word}" if line else word
            if line and _text_width(joined) > columns:
                lines.append(line)
                line = word
            else:
                line = joined
        lines.append(line)
    return "\n".join(lines)


def _wrap_to(text_artist, renderer, width_px: float) -> None:
    """Wrap a text artist so that it is at most ``width_px`` wide, as drawn by ``renderer``."""
    text = text_artist.get_text().replace("\n", " ")
    columns = _text_width(text)
    while columns > 8 and text_artist.get_window_extent(renderer).width > width_px:
        drawn = text_artist.get_window_extent(renderer).width
        longest = max(_text_width(line) for line in text_artist.get_text().split("\n"))
        columns = min(columns - 1, int(longest * width_px / drawn))
        text_artist.set_text(_wrap(text, columns))


def _is_text(artist) -> bool:
    return bool(artist.get_visible() and artist.get_text())


def _row_labels_above(ax) -> int:
    """Move a panel's row labels (its y tick labels, with the value written right of the panel on
    the same row) onto a line of their own above each row, across the panel's whole width; the
    number of rows moved (0 for a numeric axis)."""
    labels = [t for t in ax.get_yticklabels() if _is_text(t)]
    if not labels or all(t.get_text().replace(",", "").replace(".", "").isdigit() for t in labels):
        return 0
    side_column = ax.get_yaxis_transform()
    side = {round(t.get_position()[1], 6): t for t in ax.texts
            if t.get_transform() == side_column and t.get_position()[0] > 1}
    for y, label in zip(ax.get_yticks(), labels):
        value = side.pop(round(float(y), 6), None)
        text = label.get_text() + (f": {value.get_text()}" if value is not None else "")
        if value is not None:
            value.set_visible(False)
        ax.text(0, y + 0.5, text, transform=side_column, ha="left", va="center",
                fontsize=max(label.get_fontsize(), PHONE_MIN_PT), color=label.get_color(), clip_on=False,
                in_layout=False)  # wrapped to the panel once laid out
    ax.tick_params(axis="y", labelleft=False, length=0)
    return len(labels)


def phone_layout(fig: Figure) -> Figure:
    """A copy of a chart laid out for a phone: :data:`PHONE_WIDTH` inches wide, no text under
    :data:`PHONE_MIN_PT`, each row's label on a line of its own above the row (the panel keeps the
    whole width), titles and value labels wrapped to the narrow width, legends in one column. The
    marks and numbers are those of ``fig``; only the layout changes."""
    phone = copy.deepcopy(fig)
    with style():
        renderer = FigureCanvasAgg(phone).get_renderer()
        rows = 0
        for ax in phone.axes:
            if getattr(ax, "recount_legend", None):  # rebuilt in one column, where _legend_below puts it
                _legend_below(phone, ax, ax.recount_legend, 1)
            rows += _row_labels_above(ax)
        height = fig.get_size_inches()[1]
        phone.set_size_inches(PHONE_WIDTH, height * 1.1 + 0.25 * rows)
        for text in phone.findobj(Text):
            if _is_text(text):
                text.set_fontsize(max(text.get_fontsize(), PHONE_MIN_PT))
        width_px = PHONE_WIDTH * phone.dpi
        for text in (*_titles(phone), *(ax.xaxis.label for ax in phone.axes)):
            if _is_text(text):
                _wrap_to(text, renderer, width_px * 0.9)
        phone.draw(renderer)  # lay out at the new sizes, then fit each text into its panel
        for ax in phone.axes:
            box = ax.get_window_extent(renderer)
            for text in ax.texts:
                if not _is_text(text):
                    continue
                extent = text.get_window_extent(renderer)
                if text.get_ha() == "left":
                    room = max(box.x1, width_px - 8) - extent.x0 if extent.x0 >= box.x0 else box.width
                elif text.get_ha() == "right":
                    room = extent.x1 - box.x0
                else:
                    room = box.width
                _wrap_to(text, renderer, room)
    return phone


def chart_data_frame(fig: Figure) -> DataFrame:
    """The numbers the chart draws, one row per mark."""
    return fig.recount_data


@dataclass
class Chart:
    """A chart for a notebook: a PNG with its alt text, its sources and its data file.

    In the book, :mod:`recount.sphinx.chart` renders it as an image that opens at full
    size on tap, with the source line and the link to the chart's CSV under it. Elsewhere
    (JupyterLab) it is a plain PNG.
    """

    figure: Figure

    @functools.cached_property
    def png(self) -> bytes:
        buf = io.BytesIO()
        save_png(self.figure, buf)
        return buf.getvalue()

    @functools.cached_property
    def phone(self) -> Figure:
        """The chart laid out for a phone (:func:`phone_layout`), from the wide figure as drawn: always
        after the wide PNG, so that the phone PNG is the same whichever is asked for first."""
        self.png  # noqa: B018
        return phone_layout(self.figure)

    @functools.cached_property
    def phone_png(self) -> bytes:
        buf = io.BytesIO()
        save_png(self.phone, buf)
        return buf.getvalue()

    @property
    def alt(self) -> str:
        return alt_text(self.figure)

    def metadata(self) -> dict:
        fig = self.figure
        # the book's root holds its data folder as data/ (the project's own, or the copy `recount book` makes)
        data_dir = Path(fig.recount_data_dir)
        sources = [f"data/{name}" for name in (paths.SOURCE_NAME, *fig.recount_sources) if (data_dir / name).is_file()]
        chart_csv = f"output/charts/{fig.recount_name}.csv"
        return {"alt": self.alt, "name": fig.recount_name, "sources": sources,
                "data": f"data/{chart_csv}" if (data_dir / chart_csv).is_file() else None,
                "phone": {"png": base64.b64encode(self.phone_png).decode("ascii")}}

    def _repr_mimebundle_(self, include=None, exclude=None):
        width = round(self.figure.get_size_inches()[0] * 96)
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"width": width}, CHART_METADATA: self.metadata()}

    def __repr__(self) -> str:
        return f"Chart({self.alt!r})"


def show(fig: Figure) -> Chart:
    """Display ``fig`` in a notebook with its alt text, source line and data (the last expression of a cell)."""
    alt_text(fig)
    return Chart(fig)


# ---------------------------------------------------------------- small helpers


def _pct(x: Fraction | float | None, decimals: int = 2) -> str:
    return "∞" if x is None else fmt_fraction(Fraction(x), decimals)


def _rec(r: RateResult) -> str:
    """The recomputed rate as the prose prints it (:func:`recount.english.recomputed_words`): 82.02%,
    between 56.13% and 84.2%."""
    return recomputed_words(r)


def _num(x: Fraction | float | None) -> str:
    """A count or amount for people: 11,781; 2.5."""
    if x is None:
        return "no upper bound"
    x = Fraction(x)
    if x.denominator == 1:
        return f"{x.numerator:,}"
    return f"{float(x):,.2f}".rstrip("0").rstrip(".")


def _plain(x: Fraction | float | None) -> str:
    """A count or amount for a CSV file: 11781; 2.5."""
    return _num(x).replace(",", "")


def _span_text(iv: Interval) -> str:
    return _num(iv.low) if iv.is_point else f"{_num(iv.low)} to {_num(iv.high)}"


def _interval_bar(ax, y: float, iv: Interval, colour: str, height: float = 0.7) -> None:
    """A bar to the lower bound, a hatched extension to the upper bound (if any)."""
    lo = float(iv.low)
    ax.barh(y, lo, height, color=colour, edgecolor=EDGE, linewidth=0.6)
    if iv.high is not None and iv.high > iv.low:
        ax.barh(y, float(iv.high) - lo, height, left=lo, color=colour, alpha=0.35, hatch="///",
                edgecolor=EDGE, linewidth=0.6)


def _legend_below(fig: Figure, ax, handles, ncol: int = 1) -> None:
    """A legend half an inch under the axes (below the x-axis label), inside the layout, so the
    source line stays clear of it."""
    below = ax.transAxes + ScaledTranslation(0, -0.5, fig.dpi_scale_trans)
    ax.recount_legend = handles  # the phone layout draws them again, in one column
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=ncol)


def _interval_legend() -> Patch:
    return Patch(facecolor="white", edgecolor=EDGE, hatch="///", label="range of a 余/多 figure (hatched)")


def _bars_axis(ax, labels: list[str], xlabel: str = "") -> None:
    """Rows top to bottom, no horizontal grid, counts with thousands separators."""
    n = len(labels)
    ax.set_yticks(range(n), list(reversed(labels)))
    ax.set_ylim(-0.6, n - 0.4)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if xlabel:
        ax.set_xlabel(xlabel)


def _right_text(ax, y: float, text: str) -> None:
    """A value written in the column right of the axes, horizontal."""
    ax.text(1.02, y, text, transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=8, clip_on=False)


def _verdict_handles(verdicts) -> list:
    out = []
    for v, (colour, marker, label) in VERDICT_STYLE.items():
        if v not in verdicts:
            continue
        if v == "unverifiable":  # nothing recomputed: only the cited band, in grey
            out.append(Patch(facecolor=colour, alpha=0.3, edgecolor=colour, label="unverifiable: cited band only"))
        else:
            out.append(Line2D([], [], color=colour, marker=marker, markeredgecolor=EDGE, linestyle="-",
                              linewidth=3, markersize=7, label=f"recomputed: {label}"))
    return out


def _plot_recomputed(ax, y: float, r: RateResult) -> None:
    colour, marker, _ = VERDICT_STYLE[r.verdict]
    rec = r.recomputed
    if rec is None:
        return
    lo = float(rec.low)
    hi = _top(rec)
    if hi > lo:
        ax.hlines(y, lo, hi, color=colour, linewidth=4, zorder=3)
    ax.plot([(lo + hi) / 2], [y], marker=marker, color=colour, markeredgecolor=EDGE,
            markersize=8, linestyle="none", zorder=4)


def _top(iv: Interval) -> float:
    """Where a band of percentages ends on a chart: its upper bound, or 100% for one open above
    (98%以上: a share goes no higher)."""
    return float(iv.high) if iv.high is not None else max(100.0, float(iv.low))


def _plot_cited(ax, y: float, r: RateResult) -> None:
    ci = r.cited_interval
    if ci is None:
        return
    colour = VERDICT_STYLE[r.verdict][0]
    lo, hi = float(ci.low), _top(ci)
    ax.add_patch(Rectangle((lo, y - 0.32), hi - lo, 0.64, facecolor=colour, alpha=0.25,
                           edgecolor=colour, linewidth=0.8, zorder=2))
    ax.plot([float(r.cited.value)], [y], marker="|", color=EDGE, markersize=15, markeredgewidth=2,
            linestyle="none", zorder=5)


def _band_text(r: RateResult) -> str:
    """``from 87.5 up to 88.5``: the values that round to the cited figure, in words."""
    ci, d = r.cited_interval, r.cited.decimals + 1
    if ci.high is None:  # 98%以上
        return f"{_pct(ci.low, r.cited.decimals)} or more"
    return f"from {_pct(ci.low, d)} {'up to' if ci.high_open else 'to'} {_pct(ci.high, d)}"


def _sum_label(r: RateResult) -> str:
    """``4,800 / 5,852 = 82.02% → 82%``: the division, its counts written as the book's prose writes them."""
    if r.recomputed is None or not r.recomputed.is_point:
        return r.arithmetic()
    return f"{count_words(r.numerator)} / {count_words(r.denominator)} = {r.arithmetic().partition(' = ')[2]}"


def _band_words(r: RateResult) -> str:
    """``values from 87.5 up to 88.5 round to it``; for a figure whose word is not a rounding (98%左右,
    about), what it is read as: ``about (左右): read as from 97.0 to 99.0``."""
    q = r.cited.qualifier
    if q in ("exact", "rounded", "成"):
        return f"values {_band_text(r)} round to it"
    return f"{QUALIFIERS[q][0] if q in QUALIFIERS else q}: read as {_band_text(r)}"


def _slug(place) -> str:
    """A file name for a place: ``xiaobanqiao``, ``guandu-district``."""
    return place.name_en.lower().replace(" ", "-")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- charts


def rates_vs_recomputed(report: Report, ids: list[str] | None = None, section: int | None = None,
                        title: str | None = None) -> Figure:
    """Every cited share against its recomputation, one panel per verdict.

    One row per reading (default: every rate with a cited figure, or those of ``section``, or
    exactly ``ids``), named by place and label (``data/labels.csv``), grouped by verdict (the
    inconsistent claim in a panel of its own, first) and by place. The band is the cited
    value's rounding interval, the black tick the cited value; the coloured mark is the
    recomputed interval. Only rates whose label measures a ``share`` are drawn: anything else
    (the loan cut, probably a change in an interest rate) is named under the chart, not put on a
    0-100 % axis.
    """
    labels = load_labels(report.ledger)
    chosen = [r for r in report.results if (ids is None and r.cited is not None) or (ids and r.rate.id in ids)]
    if section is not None:
        chosen = [r for r in chosen if r.rate.section == section]
    left_out = [r for r in chosen if labels[r.rate.id].measure not in ("share", "")]
    chosen = [r for r in chosen if r not in left_out]
    if not chosen:
        raise ValueError("no rates to draw")
    place_order = {p: i for i, p in enumerate(labels.places)}

    def by_place(r: RateResult) -> int:  # a stable sort: ledger order within a place
        place = labels[r.rate.id].place
        return place_order.get(place.id if place else None, len(place_order))

    groups = [(v, sorted((r for r in chosen if r.verdict == v), key=by_place)) for v in GROUP_TITLES]
    groups = [(v, rs) for v, rs in groups if rs]
    n = len(chosen)
    with style():
        fig = _new(1.5 + 0.3 * n + 0.45 * len(groups))
        axes = fig.subplots(len(groups), 1, sharex=True, squeeze=False,
                            gridspec_kw={"height_ratios": [len(rs) + 0.6 for _, rs in groups]})[:, 0]
        records = []
        for ax, (verdict, rs) in zip(axes, groups):
            claims = {r.rate.cited or r.rate.id for r in rs}
            also = {r.rate.cited or r.rate.id for r in left_out if r.verdict == verdict} - claims
            count = (f"{len(claims | also)} of the {report.n_claims()} claims" if verdict != "derived"
                     else _plural(len(claims), "rate"))
            if also:  # a claim of this verdict left off the share axis still counts in its panel
                count += f" ({len(also)} named below the chart, not a share)"
            ax.set_title(f"{GROUP_TITLES[verdict]}: {count}" + (f", {len(rs)} readings" if len(rs) > len(claims)
                                                                  else ""), fontsize=9.5,
                         color=VERDICT_STYLE["inconsistent"][0] if verdict == "inconsistent" else EDGE)
            for i, r in enumerate(rs):
                y = len(rs) - 1 - i
                _plot_cited(ax, y, r)
                _plot_recomputed(ax, y, r)
                _right_text(ax, y, f"{cited_text(r)} → {_rec(r)}")
                lab = labels[r.rate.id]
                records.append({"verdict": r.verdict, "claim": r.rate.cited or "", "rate": r.rate.id,
                                "place": lab.place.name_en if lab.place else "", "label_en": lab.label_en,
                                "label_zh": lab.label_zh, "cited_pct": r.cited.value_text if r.cited else "",
                                "recomputed_low_pct": _pct(r.recomputed.low, 4) if r.recomputed else "",
                                "recomputed_high_pct": _pct(r.recomputed.high, 4) if r.recomputed else "",
                                "arithmetic": r.arithmetic() if r.recomputed else ""})
            ax.set_yticks(range(len(rs)), [labels[r.rate.id].row for r in reversed(rs)], fontsize=8)
            ax.set_ylim(-0.7, len(rs) - 0.3)
            ax.grid(axis="y", visible=False)
        ax = axes[-1]
        ax.set_xlim(0, 104)
        ax.set_xlabel("Share (%)")
        note = "; ".join(f"{labels[r.rate.id].row_en} ({r.cited.value_text}%)" for r in left_out)
        fig.suptitle(title or "Cited rates against their recomputation 引用比率与重算", x=0.01, ha="left")
        handles = [Line2D([], [], marker="|", color=EDGE, markersize=12, markeredgewidth=2, linestyle="none",
                          label="cited value"),
                   Patch(facecolor=GREY, alpha=0.3, edgecolor=GREY, label="values that round to it")]
        handles += _verdict_handles({r.verdict for r in chosen})
        _legend_below(fig, ax, handles, 2)
        alt = _rates_alt(report, chosen, groups, left_out, labels, section, ids)
        return _finish(fig, alt, _scoped("claims", section) + ("-" + "-".join(ids) if ids else ""), records, report,
                       (paths.FIGURES_NAME, paths.RATES_NAME, paths.LABELS_NAME, paths.PLACES_NAME),
                       f"Not drawn, as not a share: {note}." if note else "")


def _rates_alt(report, chosen, groups, left_out, labels, section, ids) -> str:
    """The claims are the article's stated percentages, counted once each; no other count is called claims."""
    drawn = len({r.rate.cited for r in chosen if r.cited is not None})
    share_axis = f"in {len(chosen)} rows on a 0 to 100 percent share axis"
    if ids:
        head = f"Dot-and-interval chart of {len(chosen)} rates on a 0 to 100 percent share axis"
    elif section is None:
        head = f"Dot-and-interval chart of the {report.n_claims()} percentages the article states, its claims: " \
               f"{drawn} of them {share_axis}"
    else:
        head = f"Dot-and-interval chart of the percentages section {section} states, {drawn} of the article's " \
               f"{report.n_claims()} claims, {share_axis}"
    parts = []
    for verdict, rs in groups:
        n = len({r.rate.cited or r.rate.id for r in rs})
        undrawn = len({r.rate.cited for r in left_out if r.verdict == verdict})
        rows = "; ".join(f"{labels[r.rate.id].row_en}: "
                         + (f"cited {r.cited.value_text}% ({_band_words(r)}), " if r.cited else "")
                         + (f"recomputed {_rec(r)}" if r.recomputed else "no counts to recompute from")
                         for r in rs)
        many = f"{n + undrawn} of the claims, {n} drawn" if undrawn else f"{n} of the claims"
        parts.append(f"{verdict.capitalize()}, {many}: {rows}" if verdict != "derived"
                     else f"Derived, {_plural(n, 'rate')}: {rows}")
    text = f"{head}. " + ". ".join(parts) + "."
    if left_out:
        text += " Not drawn, as not a share: " + "; ".join(
            f"{labels[r.rate.id].row_en} ({r.cited.value_text}%, {r.verdict})" for r in left_out) + "."
    derived = [r for r in report.results if r.cited is None and (section is None or r.rate.section == section)]
    if derived and not ids:
        text += f" The {len(derived)} derived rates, which the article does not state, are counted apart and not drawn."
    return text


def timeline(report: Report, section: int | None = None) -> Figure:
    """The article's dated events on one time axis, coloured and shaped by section.

    Each event is labelled in English with the Chinese term in brackets (``data/labels.csv``).
    An event dated to a month only (今年2月) is drawn as a bar over the month: its date is an
    interval too.
    """
    labels = load_labels(report.ledger)
    events = [e for e in report.ledger.events if (section is None or e.section == section) and e.precision != "undated"]
    events = sorted(events, key=lambda e: (e.date, e.start))
    if not events:
        raise ValueError("no events to draw")
    n = len(events)
    first = min(e.date for e in events).replace(day=1)
    last = max(_month_end(e.date) if e.precision == "month" else e.date for e in events)
    with style():
        fig = _new(1.4 + 0.32 * n)
        ax = fig.add_subplot()
        placed, records = [], []
        for i, e in enumerate(events):
            y = n - 1 - i
            colour, marker = SECTION_STYLE[e.section]
            lab = labels[e.id]
            text = f"{lab.title_en} ({lab.label_zh})" if lab.label_zh else lab.title_en
            if e.precision == "month":  # a light bar over the month, the label on it from its start
                ax.barh(y, _month_end(e.date) - e.date + timedelta(days=1), 0.5, left=e.date, color=colour,
                        alpha=0.35, edgecolor=EDGE, linewidth=0.6)
                x, before = e.date + timedelta(days=1), None
            else:
                ax.plot([e.date], [y], marker=marker, color=colour, markeredgecolor=EDGE, markersize=8,
                        linestyle="none", zorder=3)
                x, before = e.date + timedelta(days=2), e.date - timedelta(days=2)
            label = ax.text(x, y, text, va="center", fontsize=8)
            label.set_in_layout(False)  # placed below, once the axes have their size
            placed.append((label, before))
            records.append({"event": e.id, "date": e.date.isoformat(), "precision": e.precision,
                            "section": e.section, "label_en": lab.label_en, "label_zh": lab.label_zh,
                            "quote": e.quote})
        _bars_axis(ax, [_date_en(e) for e in events])
        ax.set_xlim(first - timedelta(days=2), last + timedelta(days=3))
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("1 %b %Y"))
        months = any(e.precision == "month" for e in events)
        same_year = first.year == last.year
        ax.set_xlabel(f"Date ({first.year if same_year else f'{first.year}–{last.year}'})"
                      + ("; a bar marks an event the article dates to a month only" if months else ""))
        ax.grid(axis="x", which="minor", color="#EEEEEE", linewidth=0.5)
        ax.set_title(_section_title("Dated events in the article 文中日期", section))
        secs = sorted({e.section for e in events})
        handles = [Line2D([], [], marker=SECTION_STYLE[s][1], color=SECTION_STYLE[s][0], markeredgecolor=EDGE,
                          linestyle="none", markersize=7, label=section_name(report, s)) for s in secs]
        _legend_below(fig, ax, handles, len(secs))
        _place_labels(fig, ax, placed)
        items = "; ".join(f"{_date_en(e)}: {e.label_en}" for e in events)
        alt = (f"Timeline of {n} dated events from {_date_en(events[0])}{'' if same_year else f' {first.year}'}"
               f" to {_date_en(events[-1])} {last.year}. {items}.")
        return _finish(fig, alt, _scoped("timeline", section), records, report, (paths.EVENTS_NAME, paths.LABELS_NAME))


def _place_labels(fig: Figure, ax, labels) -> None:
    """Each label after its mark if it fits in the figure, else before the mark (smaller if need be).

    ``labels`` holds (text, x before the mark); None for a label that stays where it is
    (over a month's bar) and only shrinks to fit."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.get_layout_engine().execute(fig)
    right_edge = fig.bbox.x1 - 4
    left_edge = ax.get_window_extent(renderer).x0 + 4
    for label, before in labels:
        if label.get_window_extent(renderer).x1 <= right_edge:
            continue
        if before is not None:
            label.set_x(before)
            label.set_horizontalalignment("right")
            while label.get_window_extent(renderer).x0 < left_edge and label.get_fontsize() > 6:
                label.set_fontsize(label.get_fontsize() - 0.5)
        else:
            while label.get_window_extent(renderer).x1 > right_edge and label.get_fontsize() > 6:
                label.set_fontsize(label.get_fontsize() - 0.5)


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _date_en(e: Event) -> str:
    return e.date.strftime("%B") if e.precision == "month" else f"{e.date.day} {e.date:%b}"


def funnel(report: Report, measure: str = "refund_stage", title: str | None = None,
           axis: str | None = None) -> Figure:
    """The stages of a scheme, widest first (surveyed → eligible → approved, say), each with its share
    of the one before.

    The stages are the figures labelled ``measure`` in ``data/labels.csv``, in the table's order;
    each stage's share of the one before is the rate of the ledger that divides them. A stage
    written with 余 is drawn as its interval: a bar to its lower bound and a hatched extension.
    ``title`` and ``axis`` name the scheme and what is counted (the chapter's words; by default
    the first and last stages' labels, and the count's unit).
    """
    labels = load_labels(report.ledger)
    figs = [report.ledger.figures[lab.id] for lab in labels.measure(measure) if lab.id in report.ledger.figures]
    if not figs:
        raise ValueError(f"no figures labelled {measure!r}")
    n = len(figs)
    with style():
        fig = _new(1.7 + 0.5 * n)
        ax = fig.add_subplot()
        parts, records = [], []
        for i, f in enumerate(figs):
            iv = f.base_interval
            _interval_bar(ax, n - 1 - i, iv, OKABE_ITO["blue"])
            share = next((r for r in report.results if i and r.rate.numerator == (f.id,)
                          and r.rate.denominator == (figs[i - 1].id,)), None)
            tail = f" ({_rec(share)} of {labels[figs[i - 1].id].label_en})" if share else ""
            _right_text(ax, n - 1 - i, f"{as_written(f)}{tail}")
            parts.append(f"{labels[f.id].label_en} {_span_text(iv)}{tail}")
            records.append({"figure": f.id, "label_en": labels[f.id].label_en, "label_zh": labels[f.id].label_zh,
                            "as_written": as_written(f), "low": _plain(iv.low), "high": _plain(iv.high),
                            "share_of_previous_pct": pct_text(share.recomputed).rstrip("%") if share else ""})
        title = title or f"From {labels[figs[0].id].label_en} to {labels[figs[-1].id].label_en}"
        _bars_axis(ax, [labels[f.id].short for f in figs], axis or f"Count ({figs[0].unit})")
        ax.set_xlim(0, float(figs[0].base_interval.high or figs[0].value) * 1.05)
        ax.set_title(title)
        _legend_below(fig, ax, [_interval_legend()])
        ranged = [f"{labels[f.id].label_en} (written {as_written(f)})" for f in figs if not f.base_interval.is_point]
        alt = (f"Horizontal bar chart. {title}: " + "; ".join(parts) + "."
               + (f" {cap_first(', '.join(ranged))} {'is' if len(ranged) == 1 else 'are'} drawn as a range."
                  if ranged else ""))
        return _finish(fig, alt, f"{measure.replace('_', '-')}s", records, report,
                       (paths.FIGURES_NAME, paths.RATES_NAME, paths.LABELS_NAME))


def subdistricts(report: Report, kind: str = "sub-district", title: str | None = None) -> Figure:
    """The counts of the places of one kind, one panel per kind of count, on one linear scale; ``title``
    says what they count (the chapter's words; by default the kind of place).

    The places are those of ``kind`` in ``data/places.csv``; the panels, the counts labelled
    with those places in ``data/labels.csv`` (firms, firms open, ...), in the table's order.
    A figure written with 余 is a bar to its lower bound and a hatched extension to its upper
    bound; a count the article does not give is marked "not given".
    """
    labels = load_labels(report.ledger)
    figures = report.ledger.figures
    places = [p for p in labels.places.values() if p.kind == kind]
    counted = [lab for lab in labels.rows.values() if lab.place in places and lab.id in figures
               and figures[lab.id].kind == "count"]
    measures = list(dict.fromkeys(lab.measure for lab in counted))
    if not measures:
        raise ValueError(f"no counts labelled for places of kind {kind!r}")
    top = max(float(figures[lab.id].base_interval.high or figures[lab.id].value) for lab in counted)
    with style():
        fig = _new(1.3 + len(measures) * (0.45 + 0.3 * len(places)))
        axes = fig.subplots(len(measures), 1, sharex=True, squeeze=False)[:, 0]
        lines, records = [], []
        for j, (ax, measure) in enumerate(zip(axes, measures)):
            colour = MEASURE_COLOURS[j % len(MEASURE_COLOURS)]
            of_measure = {lab.place.id: lab for lab in counted if lab.measure == measure}
            said = []
            for i, p in enumerate(places):
                y = len(places) - 1 - i
                lab = of_measure.get(p.id)
                if lab is None:
                    ax.text(top * 0.005, y, "not given", va="center", fontsize=7.5, color="#444444")
                    continue
                f = figures[lab.id]
                iv = f.base_interval
                _interval_bar(ax, y, iv, colour, height=0.6)
                ax.text(float(iv.high or iv.low) + top * 0.01, y, as_written(f), va="center", fontsize=8)
                said.append(f"{p.name_en} {_span_text(iv)}")
                records.append({"place": p.name_en, "place_zh": p.name_zh, "measure": measure,
                                "label_en": lab.label_en, "figure": f.id, "as_written": as_written(f),
                                "low": _plain(iv.low), "high": _plain(iv.high)})
            first = next(iter(of_measure.values()))
            ax.set_title(first.short, fontsize=9.5)
            _bars_axis(ax, [str(p) for p in places])
            lines.append(f"{first.title_en}: " + (", ".join(said) if said else "none given"))
        axes[-1].set_xlim(0, top * 1.15)
        axes[-1].set_xlabel(f"Count ({' / '.join(dict.fromkeys(figures[lab.id].unit for lab in counted))})")
        fig.suptitle(title or f"{cap_first(kind)}s: the counts the article gives", x=0.01, ha="left")
        _legend_below(fig, axes[-1], [_interval_legend()])
        alt = (f"Bar charts, one per kind of count, of {len(places)} {kind}s. "
               + "; ".join(lines)
               + ". Counts written with 余 are drawn as ranges; counts the article does not give are marked.")
        return _finish(fig, alt, f"{kind}-counts", records, report,
                       (paths.FIGURES_NAME, paths.LABELS_NAME, paths.PLACES_NAME))


def readings(report: Report, claim: str, axis: str = "Rate (%)") -> Figure:
    """The readings tried for one cited rate (the id of its cited figure), against the cited value's
    interval: for a claim read as firms only, individual businesses only and both pooled, one row each.
    ``axis`` names the rate (the chapter's words).
    """
    labels = load_labels(report.ledger)
    rs = [r for r in report.results if r.rate.cited == claim]
    if not rs:
        raise ValueError(f"no readings for claim {claim!r}")
    first = rs[0]
    ci = first.cited_interval
    n = len(rs)
    lows = [float(r.recomputed.low) for r in rs if r.recomputed is not None] + [float(ci.low)]
    highs = [_top(r.recomputed) for r in rs if r.recomputed is not None] + [_top(ci)]
    where = labels[claim].place
    with style():
        fig = _new(1.6 + 0.5 * n)
        ax = fig.add_subplot()
        ax.axvspan(float(ci.low), _top(ci), color=OKABE_ITO["orange"], alpha=0.25, zorder=1)
        ax.axvline(float(first.cited.value), color=EDGE, linewidth=1.5, zorder=2)
        ax.text(float(first.cited.value), n - 0.45, f"cited {first.cited.value_text}%", ha="center", va="bottom",
                fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5}, zorder=6)
        records = []
        for i, r in enumerate(rs):
            _plot_recomputed(ax, n - 1 - i, r)
            # on the side of the axes away from the band, so that on a narrow phone chart it never runs into it
            below = float(r.recomputed.high) < float(first.cited.value)
            ax.text(0.01 if below else 0.99, n - 1 - i + 0.22, _sum_label(r), fontsize=8, va="bottom",
                    ha="left" if below else "right", transform=ax.get_yaxis_transform())
            records.append({"claim": claim, "rate": r.rate.id, "reading": r.rate.reading,
                            "cited_pct": first.cited.value_text, "cited_low_pct": _pct(ci.low, 4),
                            "cited_high_pct": _pct(ci.high, 4), "recomputed_low_pct": _pct(r.recomputed.low, 4),
                            "recomputed_high_pct": _pct(r.recomputed.high, 4), "arithmetic": r.arithmetic(),
                            "verdict": r.verdict})
        _bars_axis(ax, [labels[r.rate.id].short for r in rs], axis)
        ax.set_ylim(-0.6, n + 0.1)
        ax.set_xlim(min(lows) - 2.5, max(highs) + 2.5)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_title(f"{where.name_en + ' ' if where else ''}{first.cited.quote}: the readings tried ({first.verdict})")
        handles = [Patch(facecolor=OKABE_ITO["orange"], alpha=0.25, label="values that round to the cited figure"),
                   Line2D([], [], color=EDGE, linewidth=1.5, label="cited value")]
        handles += _verdict_handles({first.verdict})
        _legend_below(fig, ax, handles, 3)
        parts = "; ".join(f"{r.rate.reading}: {_sum_label(r)}" for r in rs)
        alt = (f"Chart of {n} readings of the cited {first.cited.value_text}% "
               f"({_band_words(first)}). {parts}. "
               + ("No reading reaches the band: the claim is inconsistent." if first.verdict == "inconsistent"
                  else f"Verdict: {first.verdict}."))
        return _finish(fig, alt, f"{_slug(where) if where else claim}-readings", records, report,
                       (paths.FIGURES_NAME, paths.RATES_NAME))


def sector_rates(report: Report, constraint: str, axis: str = "Rate (%)") -> Figure:
    """Parts' rates against the overall rate (a ``within`` constraint of the ledger); ``axis`` names the
    rate (the chapter's words).

    A place's sector rates against its overall cited rate (and the recomputed overall,
    when the article gives the counts). A pooled rate is a weighted mean of its parts,
    so it must lie between the lowest and highest.
    """
    labels = load_labels(report.ledger)
    c = next((x for x in report.ledger.constraints if x.id == constraint), None)
    if c is None or c.kind != "within":
        raise ValueError(f"{constraint!r} is not a 'within' constraint")
    figures = report.ledger.figures
    overall = figures[c.left[0]]
    parts = [figures[f] for f in c.right]
    recomputed = [r for r in report.results if r.rate.cited == overall.id and r.recomputed is not None]
    result = next(x for x in report.constraint_results if x.constraint.id == constraint)
    where = labels[overall.id].place
    n = len(parts)
    with style():
        fig = _new(1.9 + 0.4 * n)
        ax = fig.add_subplot()
        records = []
        for i, f in enumerate(parts):
            ax.barh(n - 1 - i, float(f.value), 0.6, color=OKABE_ITO["sky_blue"], edgecolor=EDGE, linewidth=0.6)
            ax.text(float(f.value) + 1, n - 1 - i, f"{f.value_text}%", va="center", fontsize=8.5)
            records.append({"part": f.id, "label_en": labels[f.id].label_en, "label_zh": labels[f.id].label_zh,
                            "cited_pct": f.value_text})
        ov = float(overall.value)
        ax.axvline(ov, color=EDGE, linestyle="--", linewidth=1.5, zorder=3)
        ax.text(ov + 0.6, n - 0.2, f"overall, cited {overall.value_text}%", ha="left", va="center", fontsize=8)
        records.append({"part": overall.id, "label_en": "overall, as cited", "label_zh": labels[overall.id].label_zh,
                        "cited_pct": overall.value_text})
        handles = [Patch(facecolor=OKABE_ITO["sky_blue"], edgecolor=EDGE, label="part's cited rate"),
                   Line2D([], [], color=EDGE, linestyle="--", linewidth=1.5, label="overall, as cited")]
        rec_text = ""
        if recomputed:
            lo = min(r.recomputed.low for r in recomputed)
            hi = max(r.recomputed.high for r in recomputed)
            verdict = recomputed[0].verdict
            colour = VERDICT_STYLE[verdict][0]
            ax.axvspan(float(lo), float(hi) if hi > lo else float(lo) + 0.15, color=colour, alpha=0.6, zorder=2)
            ax.axvline(float(lo), color=colour, linewidth=1.5, zorder=2)
            span = f"{_pct(lo)}–{_pct(hi)}" if hi > lo else _pct(lo)
            ax.text(float(lo) - 0.6, n - 0.2, f"recomputed {span}%", ha="right", va="center", fontsize=8, color=EDGE)
            handles.append(Line2D([], [], color=colour, linewidth=3, label=f"overall, recomputed ({verdict})"))
            rec_text = (f" The overall rate recomputed from the article's counts is "
                        f"{_pct(lo)}" + (f" to {_pct(hi)}" if hi > lo else "") + f" percent ({verdict}).")
            records.append({"part": "recomputed", "label_en": "overall, recomputed", "label_zh": "",
                            "cited_pct": f"{_pct(lo, 4)}–{_pct(hi, 4)}"})
        _bars_axis(ax, [labels[f.id].short for f in parts], axis)
        ax.set_ylim(-0.6, n + 0.15)
        ax.set_xlim(0, 112)
        ax.set_title(f"{where or 'The parts'}: rates of the parts against the overall rate")
        _legend_below(fig, ax, handles, 3)
        listing = ", ".join(f"{labels[f.id].label_en} {f.value_text}%" for f in parts)
        alt = (f"Bar chart of {n} part rates in {where.name_en if where else 'the area'}: {listing}. "
               f"A dashed line marks the overall cited rate of {overall.value_text}%, which lies "
               f"{'within' if result.passed else 'outside'} the parts' range "
               f"({min(p.value for p in parts)} to {max(p.value for p in parts)} percent).{rec_text}")
        return _finish(fig, alt, f"{_slug(where) if where else constraint}-parts", records, report,
                       (paths.FIGURES_NAME, paths.RATES_NAME, paths.CONSTRAINTS_NAME, paths.LABELS_NAME))


def money(report: Report, section: int | None = None) -> Figure:
    """Amounts by programme on one linear scale in 万元 (10,000 yuan), largest first, each with its interval.

    Every amount is also written out, in the column right of the bars, as written and in yuan:
    the small ones are short bars, as they are small. 余/多/万余 amounts are a bar to the lower
    bound and a hatched extension to the upper; a forecast (预计) is outlined, not filled.
    """
    labels = load_labels(report.ledger)
    figs = [f for f in report.ledger.figures.values()
            if f.kind == "amount" and (section is None or f.section == section)]
    if not figs:
        raise ValueError("no amounts to draw")
    figs = sorted(figs, key=lambda f: -(f.interval.high or f.interval.low))
    n = len(figs)
    colour = OKABE_ITO["bluish_green"]
    with style():
        fig = _new(1.5 + 0.42 * n)
        ax = fig.add_subplot()
        parts, records = [], []
        for i, f in enumerate(figs):
            y, iv, yuan = n - 1 - i, f.interval, f.base_interval  # iv in the unit as written (万元)
            forecast = f.qualifier == "预计"
            if forecast:
                ax.barh(y, float(iv.low), 0.6, color="white", edgecolor=colour, linewidth=1.8, hatch="..")
            else:
                _interval_bar(ax, y, iv, colour, height=0.6)
            _right_text(ax, y, f"{as_written(f)} = {_span_text(yuan)} 元" + (" (forecast)" if forecast else ""))
            parts.append(f"{labels[f.id].label_en} {_span_text(iv)} 10,000-yuan units "
                         f"({_span_text(yuan)} yuan{', a forecast' if forecast else ''})")
            records.append({"figure": f.id, "label_en": labels[f.id].label_en, "label_zh": labels[f.id].label_zh,
                            "as_written": as_written(f), "low_yuan": _plain(yuan.low),
                            "high_yuan": _plain(yuan.high), "forecast": forecast})
        _bars_axis(ax, [labels[f.id].short for f in figs], "Amount (万元 = 10,000 yuan), linear scale")
        ax.set_xlim(0, float(figs[0].interval.high or figs[0].interval.low) * 1.03)
        ax.set_title(_section_title("Amounts by programme 各项金额", section))
        handles = [_interval_legend(),
                   Patch(facecolor="white", edgecolor=colour, hatch="..", linewidth=1.8, label="forecast (预计)")]
        _legend_below(fig, ax, handles, 2)
        alt = (f"Horizontal bar chart, linear scale, of {n} amounts in units of 10,000 yuan, largest first: "
               + "; ".join(parts) + ".")
        return _finish(fig, alt, _scoped("amounts", section), records, report, (paths.FIGURES_NAME, paths.LABELS_NAME))


def drawable_claims(report: Report, section: int | None = None) -> int:
    """How many stated percentages (of ``section``) :func:`rates_vs_recomputed` would draw on its share axis."""
    labels = load_labels(report.ledger)
    return len({r.rate.cited for r in report.results if r.cited is not None
                and (section is None or r.rate.section == section) and labels[r.rate.id].measure in ("share", "")})


#: every chart of the module, by name (``book.json`` names them; tests draw them all)
CHARTS = {fn.__name__: fn for fn in (rates_vs_recomputed, timeline, funnel, money, readings, sector_rates,
                                     subdistricts)}


def overview_charts(report: Report) -> list[tuple]:
    """The charts of an article's landing page, by what its ledger holds: every claim against its
    recomputation (two or more claims to compare), the timeline (dated events only)."""
    out = [(rates_vs_recomputed, {})] if drawable_claims(report) >= 2 else []
    return out + ([(timeline, {})] if report.ledger.events else [])


def section_charts(report: Report, section: int) -> list[tuple]:
    """The charts of one section's chapter, by what the ledger holds there: its claims against their
    recomputation (two or more), the readings of a claim that does not add up (two or more readings),
    its amounts (two or more), its dated events."""
    ledger, out = report.ledger, []
    if drawable_claims(report, section) >= 2:
        out.append((rates_vs_recomputed, {"section": section}))
    bad = [r.rate.cited for r in report.results if r.rate.section == section and r.verdict == "inconsistent"
           and r.rate.cited and r.recomputed is not None]
    out += [(readings, {"claim": c}) for c in dict.fromkeys(bad) if bad.count(c) >= 2]
    if sum(f.kind == "amount" and f.section == section for f in ledger.figures.values()) >= 2:
        out.append((money, {"section": section}))
    if any(e.section == section for e in ledger.events):
        out.append((timeline, {"section": section}))
    return out


def book_charts(report: Report) -> list[tuple]:
    """The charts the article's book shows (function, keyword arguments): as its folder's ``book.json``
    lists them (``charts``), else chosen by what the ledger holds. Their data is
    ``<data folder>/output/charts/<name>.csv``."""
    listed = art.layout(report.ledger.data_dir).extra.get("charts")
    if listed is not None:
        return [(CHARTS[c["chart"]], dict(c.get("args", {}))) for c in listed]
    a = art.article(report.ledger)
    return overview_charts(report) + [c for s in a.sections for c in section_charts(report, s)]


def chart_data(report: Report) -> dict[str, str]:
    """Chart name -> CSV text, for every chart of the book."""
    out = {}
    for fn, kwargs in book_charts(report):
        fig = fn(report, **kwargs)
        out[fig.recount_name] = chart_data_frame(fig).to_csv(index=False, lineterminator="\n")
    return out
