"""The house chart style, and every chart in the book.

One look for every chart:

* the Okabe–Ito colour-blind-safe palette, with one fixed colour *and* one
  marker shape per verdict (:data:`VERDICT_STYLE`), so no chart relies on
  colour alone; every marker and bar has a dark edge for contrast;
* Noto Sans CJK SC loaded explicitly (:func:`cjk_family`), so Chinese labels
  never fall back to boxes; a missing font is an error naming the Debian
  package, not a silent warning;
* labelled axes with units, bilingual labels ("Xiaobanqiao 小板桥"), and the
  source line :data:`SOURCE_LINE` under every chart;
* intervals drawn as intervals: a figure written with 余/多/左右 is a bar to its
  lower bound and a hatched extension to its upper bound; a cited percentage is
  a band over the values that round to it; a recomputed rate is a segment;
* deterministic files: PNG at a fixed :data:`DPI` (byte-identical run to run),
  SVG with a fixed ``svg.hashsalt`` and no date.

Every chart function takes a :class:`recount.report.Report` and returns a
:class:`matplotlib.figure.Figure` built without pyplot (no global figure state,
nothing shown twice in a notebook). :func:`alt_text` gives the chart's text
alternative, with the numbers it shows; :func:`show` wraps a figure for display
in a notebook as an ``<img>`` carrying that alt text.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import io
import os
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
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from recount.intervals import Interval
from recount.ledger import Event
from recount.render import as_written
from recount.report import Report
from recount.verdict import RateResult, fmt_fraction

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

#: verdict -> colour, marker, English label. Colour is never the only cue.
VERDICT_STYLE: dict[str, tuple[str, str, str]] = {
    "consistent": (OKABE_ITO["bluish_green"], "o", "consistent"),
    "inconsistent": (OKABE_ITO["vermillion"], "X", "inconsistent"),
    "unverifiable": (GREY, "s", "unverifiable (no counts given)"),
    "derived": (OKABE_ITO["blue"], "D", "derived (not stated in the article)"),
}
VERDICT_COLOURS = {v: s[0] for v, s in VERDICT_STYLE.items()}

#: article section -> colour and marker (timeline)
SECTION_STYLE: dict[int, tuple[str, str]] = {
    0: (OKABE_ITO["black"], "o"),
    1: (OKABE_ITO["orange"], "o"),
    2: (OKABE_ITO["sky_blue"], "s"),
    3: (OKABE_ITO["reddish_purple"], "D"),
}
SECTION_NAMES = {0: "Lede 导语", 1: "1 Policies 政策", 2: "2 Sub-districts 街道", 3: "3 Restart 重启"}

SOURCE_LINE = "Source: 《重启2020》, recomputed by Recount"
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

#: places, for bilingual labels
PLACES = {
    "district": ("Guandu district", "官渡区"),
    "taihe": ("Taihe", "太和"),
    "wujing": ("Wujing", "吴井"),
    "xbq": ("Xiaobanqiao", "小板桥"),
    "gd": ("Guandu sub-district", "官渡街道"),
    "lsw": ("Luosiwan", "螺蛳湾"),
    "wqy": ("Wangqiying", "王旗营"),
}

#: short bilingual labels for the ledger rows the charts show (fallback: the id)
LABELS: dict[str, tuple[str, str]] = {
    # rates
    "loan_rate_cut": ("Loan cut, probably the rate", "贷款下降"),
    "ui_eligible_share": ("Refund: eligible / surveyed", "符合条件/调查"),
    "ui_approved_share": ("Refund: approved / eligible", "审核通过/符合条件"),
    "ui_approved_of_surveyed": ("Refund: approved / surveyed", "审核通过/调查"),
    "wujing_sector_rate": ("Wujing essential firms", "吴井 保民生企业"),
    "xbq_rate_firms": ("Xiaobanqiao, firms only", "小板桥 企业"),
    "xbq_rate_shops": ("Xiaobanqiao, shops only", "小板桥 个体"),
    "xbq_rate_all": ("Xiaobanqiao, firms + shops", "小板桥 合计"),
    "xbq_trade_rate": ("Trade & services", "商贸服务业"),
    "xbq_logistics_rate": ("Warehousing & logistics", "仓储物流业"),
    "xbq_catering_rate": ("Catering", "餐饮业"),
    "gd_firms_open_share": ("Guandu sub-district firms", "官渡街道 企业"),
    "gd_shops_open_share": ("Guandu sub-district shops", "官渡街道 个体"),
    "taihe_share_of_district": ("Taihe share of district", "太和 占全区"),
    "wujing_share_of_district": ("Wujing share of district", "吴井 占全区"),
    "xbq_share_of_district": ("Xiaobanqiao share of district", "小板桥 占全区"),
    "gd_share_of_district": ("Guandu sub-district share", "官渡街道 占全区"),
    "lsw_rate": ("Luosiwan overall", "螺蛳湾 总体"),
    "lsw_phase1_rate": ("Phase-one market", "一期市场"),
    "lsw_phase2_rate": ("Phase-two market", "二期市场"),
    "lsw_storage_rate": ("Warehouse area", "仓储区"),
    "lsw_boutique_rate": ("Boutique area", "精品区"),
    "lsw_office_rate": ("Office building", "写字楼"),
    "wqy_supply_share": ("Wangqiying vegetable supply", "王旗营 蔬菜供应"),
    "wqy_open_share": ("Wangqiying merchants open", "王旗营 商户"),
    "district_rate": ("District individual businesses", "全区 个体户"),
    "district_markets_open_share": ("District specialised markets", "全区 专业市场"),
    "realestate_rate": ("District real-estate firms", "全区 房地产企业"),
    "restaurants_rate": ("District catering businesses", "全区 餐饮单位"),
    # figures
    "xbq_reopen_rate": ("Xiaobanqiao overall", "小板桥 总体"),
    "ui_surveyed": ("Surveyed", "调查"),
    "ui_eligible": ("Eligible", "符合条件"),
    "ui_approved": ("Approved so far", "已审核通过"),
    "ccb_credit": ("CCB credit lines", "建设银行授信"),
    "bocom_loans": ("BoCom loans", "交通银行贷款"),
    "ui_refund_amount": ("Unemployment-insurance refund", "失业保险返还"),
    "pension_refund_amount": ("Pension & injury refund", "养老工伤保险退费"),
    "subsidy_amount": ("Job-retention subsidy", "稳岗补贴"),
    "incubator_award": ("Incubator awards", "创业载体奖补"),
    "kangle_rent_total": ("Kangle tea market rent waived", "康乐减免租金"),
    "culture_grant": ("Grant per cultural centre", "文化中心经费"),
}

#: the unemployment-insurance refund funnel, widest stage first
FUNNEL_STAGES = ("ui_surveyed", "ui_eligible", "ui_approved")
#: the funnel's shares: (rate id, what it divides)
FUNNEL_SHARES = {"ui_eligible": "ui_eligible_share", "ui_approved": "ui_approved_share"}

#: sub-district -> measure -> figure id (None: the article gives no such count)
SUBDISTRICT_MEASURES = (
    ("firms", "Firms 企业", OKABE_ITO["blue"]),
    ("firms_open", "Firms reopened 已复工企业", OKABE_ITO["sky_blue"]),
    ("individual", "Individual businesses 个体工商户", OKABE_ITO["reddish_purple"]),
    ("shops_open", "Individual shops open 开门营业门店", OKABE_ITO["yellow"]),
)
SUBDISTRICT_FIGURES: dict[str, dict[str, str | None]] = {
    "taihe": {"firms": None, "firms_open": None, "individual": "taihe_individual", "shops_open": None},
    "wujing": {"firms": "wujing_firms", "firms_open": None, "individual": "wujing_individual", "shops_open": None},
    "xbq": {"firms": "xbq_firms", "firms_open": "xbq_firms_open", "individual": "xbq_individual",
            "shops_open": "xbq_shops_open"},
    "gd": {"firms": "gd_firms", "firms_open": "gd_firms_open", "individual": "gd_individual",
           "shops_open": "gd_shops_open"},
}


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
            font_manager.fontManager.addfont(str(path))
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


def _new(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _finish(fig: Figure, alt: str) -> Figure:
    # supxlabel, not fig.text: constrained layout keeps room for it below any legend
    fig.supxlabel(SOURCE_LINE, x=0.01, ha="left", fontsize=7.5, color="#444444")
    fig.recount_alt = alt  # read by alt_text()
    # Not drawn here: save_png and save_svg draw (and lay out) the figure inside the house
    # style, so tick labels made at draw time get the CJK font too; drawing here as well
    # would lay out and draw every chart twice.
    return fig


def alt_text(fig: Figure) -> str:
    """The chart's text alternative: what it shows, with the numbers it shows."""
    try:
        return fig.recount_alt
    except AttributeError:
        raise ValueError("not a Recount chart: use a function of recount.plots to draw it") from None


# ---------------------------------------------------------------- saving and showing


def save_png(fig: Figure, target: str | os.PathLike | io.BytesIO) -> None:
    """PNG at :data:`DPI`; the same figure gives the same bytes every time."""
    with style():
        fig.savefig(target, format="png", dpi=DPI,
                    metadata={"Software": None, "Description": alt_text(fig), "Source": SOURCE_LINE})


def save_svg(fig: Figure, target: str | os.PathLike | io.BytesIO) -> None:
    """SVG with a fixed hash salt and no date: the same figure gives the same bytes."""
    with style():
        fig.savefig(target, format="svg", metadata={"Date": None, "Creator": None,
                                                    "Description": alt_text(fig)})


def png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    save_png(fig, buf)
    return buf.getvalue()


@dataclass
class Chart:
    """A figure to display in a notebook: an ``<img>`` with alt text in HTML, PNG elsewhere."""

    figure: Figure
    alt: str

    @functools.cached_property
    def png(self) -> bytes:
        return png_bytes(self.figure)

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        w, h = self.figure.get_size_inches()
        return (f'<img class="recount-chart" src="data:image/png;base64,{data}" '
                f'alt="{html.escape(self.alt, quote=True)}" width="{round(w * 96)}" '
                f'height="{round(h * 96)}" style="max-width:100%;height:auto">')

    def __repr__(self) -> str:
        return f"Chart({self.alt!r})"


def show(fig: Figure) -> Chart:
    """Display ``fig`` in a notebook with its alt text (the last expression of a cell)."""
    return Chart(fig, alt_text(fig))


# ---------------------------------------------------------------- small helpers


def bilingual(key: str, fallback: str | None = None) -> str:
    en, zh = LABELS.get(key, (fallback or key, ""))
    return f"{en} {zh}".strip()


def place(key: str) -> str:
    en, zh = PLACES[key]
    return f"{en} {zh}"


def _pct(x: Fraction | float | None, decimals: int = 2) -> str:
    if x is None:
        return "∞"
    return fmt_fraction(Fraction(x), decimals)


def _num(x: Fraction | float | None) -> str:
    """A count or amount for people: 11,781; 2.5."""
    if x is None:
        return "no upper bound"
    x = Fraction(x)
    if x.denominator == 1:
        return f"{x.numerator:,}"
    return f"{float(x):,.2f}".rstrip("0").rstrip(".")


def _span_text(iv: Interval) -> str:
    if iv.is_point:
        return _num(iv.low)
    return f"{_num(iv.low)} to {_num(iv.high)}"


def _interval_bar(ax, y: float, iv: Interval, colour: str, height: float = 0.7, horizontal: bool = True,
                  label: str | None = None) -> None:
    """A bar to the lower bound, a hatched extension to the upper bound (if any)."""
    lo = float(iv.low)
    hi = float(iv.high) if iv.high is not None else None
    bar = ax.barh if horizontal else ax.bar
    bar(y, lo, height, color=colour, edgecolor=EDGE, linewidth=0.6, label=label)
    if hi is not None and hi > lo:
        if horizontal:
            ax.barh(y, hi - lo, height, left=lo, color=colour, alpha=0.35, hatch="///",
                    edgecolor=EDGE, linewidth=0.6)
        else:
            ax.bar(y, hi - lo, height, bottom=lo, color=colour, alpha=0.35, hatch="///",
                   edgecolor=EDGE, linewidth=0.6)


def _legend_below(fig: Figure, ax, handles, ncol: int = 1, drop: float = 0.5) -> None:
    """A legend ``drop`` inches under the axes (below the x-axis label), inside the layout, so the
    source line stays clear of it."""
    below = ax.transAxes + ScaledTranslation(0, -drop, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=ncol)


def _interval_legend() -> Patch:
    return Patch(facecolor="white", edgecolor=EDGE, hatch="///", label="range of a 余/多 figure (hatched)")


def _verdict_handles(verdicts) -> list[Line2D]:
    out = []
    for v in VERDICT_STYLE:
        if v in verdicts:
            colour, marker, label = VERDICT_STYLE[v]
            if v == "unverifiable":  # nothing recomputed: only the cited band, in grey
                out.append(Patch(facecolor=colour, alpha=0.3, edgecolor=colour,
                                 label="unverifiable: no counts, cited band only"))
                continue
            out.append(Line2D([], [], color=colour, marker=marker, markeredgecolor=EDGE, linestyle="-",
                              linewidth=3, markersize=7, label=f"recomputed: {label}"))
    return out


def _plot_recomputed(ax, y: float, r: RateResult) -> None:
    colour, marker, _ = VERDICT_STYLE[r.verdict]
    rec = r.recomputed
    if rec is None:
        return
    lo = float(rec.low)
    hi = float(rec.high) if rec.high is not None else 100.0
    if hi > lo:
        ax.hlines(y, lo, hi, color=colour, linewidth=4, zorder=3)
    ax.plot([(lo + hi) / 2], [y], marker=marker, color=colour, markeredgecolor=EDGE,
            markersize=8, linestyle="none", zorder=4)


def _plot_cited(ax, y: float, r: RateResult) -> None:
    ci = r.cited_interval
    if ci is None:
        return
    colour = VERDICT_STYLE[r.verdict][0]
    lo, hi = float(ci.low), float(ci.high)
    ax.add_patch(Rectangle((lo, y - 0.32), hi - lo, 0.64, facecolor=colour, alpha=0.25,
                           edgecolor=colour, linewidth=0.8, zorder=2))
    ax.plot([float(r.cited.value)], [y], marker="|", color=EDGE, markersize=15, markeredgewidth=2,
            linestyle="none", zorder=5)


def _cited_text(r: RateResult) -> str:
    if r.cited is None:
        return "not stated"
    ci = r.cited_interval
    d = r.cited.decimals + 1
    close = ")" if ci.high_open else "]"
    return f"{r.cited.value_text}% [{_pct(ci.low, d)}, {_pct(ci.high, d)}{close}"


def _rate_row_text(r: RateResult) -> str:
    cited = f"{r.cited.value_text}%" if r.cited is not None else "not stated"
    rec = r.recomputed_text(2) if r.recomputed is not None else "no counts"
    return f"{cited} → {rec}  {r.verdict}"


def _rate_alt(r: RateResult) -> str:
    label = LABELS.get(r.rate.id, (r.rate.id, ""))[0]
    cited = (f"cited {r.cited.value_text}% (values {_pct(r.cited_interval.low, r.cited.decimals + 1)} to "
             f"{_pct(r.cited_interval.high, r.cited.decimals + 1)})") if r.cited else "not stated"
    rec = f"recomputed {r.recomputed_text(2)}" if r.recomputed is not None else "no counts to recompute"
    return f"{label}: {cited}, {rec}, {r.verdict}"


# ---------------------------------------------------------------- charts


def rates_vs_recomputed(report: Report, ids: list[str] | None = None, section: int | None = None,
                        title: str | None = None) -> Figure:
    """Every cited rate against its recomputation.

    One row per rate (default: every row with a cited figure, or those of
    ``section``, or exactly ``ids``). The band is the cited value's rounding
    interval ``[c − h, c + h)``, the black tick the cited value itself; the
    coloured dot or segment is the recomputed interval, its colour and shape the
    claim's verdict. The right-hand column spells the numbers out.
    """
    results = [r for r in report.results if (ids is None and r.cited is not None) or (ids and r.rate.id in ids)]
    if section is not None:
        results = [r for r in results if r.rate.section == section]
    if ids:
        order = {rid: i for i, rid in enumerate(ids)}
        results.sort(key=lambda r: order[r.rate.id])
    if not results:
        raise ValueError("no rates to draw")
    n = len(results)
    with style():
        fig = _new(WIDTH, 1.3 + 0.3 * n)
        ax = fig.add_subplot()
        for i, r in enumerate(results):
            y = n - 1 - i
            _plot_cited(ax, y, r)
            _plot_recomputed(ax, y, r)
            ax.text(1.01, y, _rate_row_text(r), transform=ax.get_yaxis_transform(), va="center",
                    ha="left", fontsize=7.5, clip_on=False)
        ax.set_yticks(range(n), [bilingual(r.rate.id) for r in reversed(results)], fontsize=8)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(0, 102)
        ax.set_xlabel("Share (%) — band: values that round to the cited figure; tick: cited; "
                      "dot/segment: recomputed")
        ax.grid(axis="y", visible=False)
        ax.set_title(title or "Cited rates against their recomputation 引用比率与重算")
        handles = [Line2D([], [], marker="|", color=EDGE, markersize=12, markeredgewidth=2, linestyle="none",
                          label="cited value"),
                   Patch(facecolor=GREY, alpha=0.3, edgecolor=GREY, label="values that round to it (band)")]
        handles += _verdict_handles({r.verdict for r in results})
        _legend_below(fig, ax, handles, 3)
        rows = "; ".join(_rate_alt(r) for r in results)
        counts = {v: sum(1 for r in results if r.verdict == v) for v in VERDICT_STYLE}
        summary = ", ".join(f"{c} {v}" for v, c in counts.items() if c)
        alt = (f"Dot-and-interval chart of {n} rates on a 0 to 100 percent scale (rows: {summary}); "
               f"for each, the cited value with its rounding interval and the recomputed value. {rows}.")
        return _finish(fig, alt)


def timeline(report_or_events: Report | list[Event], section: int | None = None) -> Figure:
    """The article's dated events on one time axis, coloured and shaped by section.

    An event dated to a month only (今年2月) is drawn as a bar over the month: its
    date is an interval too.
    """
    events = report_or_events.ledger.events if isinstance(report_or_events, Report) else list(report_or_events)
    if section is not None:
        events = [e for e in events if e.section == section]
    events = sorted(events, key=lambda e: (e.date, e.start))
    if not events:
        raise ValueError("no events to draw")
    n = len(events)
    first = min(e.date for e in events).replace(day=1)
    last = max(_month_end(e.date) if e.precision == "month" else e.date for e in events)
    x0, x1 = first - timedelta(days=2), last + timedelta(days=3)
    with style():
        fig = _new(WIDTH, 1.4 + 0.32 * n)
        ax = fig.add_subplot()
        labels = []
        for i, e in enumerate(events):
            y = n - 1 - i
            colour, marker = SECTION_STYLE[e.section]
            if e.precision == "month":
                end = _month_end(e.date)
                ax.barh(y, end - e.date + timedelta(days=1), 0.5, left=e.date, color=colour, alpha=0.35,
                        edgecolor=EDGE, linewidth=0.6)
                anchor, right = e.date, end
            else:
                ax.plot([e.date], [y], marker=marker, color=colour, markeredgecolor=EDGE, markersize=8,
                        linestyle="none", zorder=3)
                anchor, right = e.date, e.date
            if e.precision == "month":  # over its light bar, from the start of the month
                label = ax.text(anchor + timedelta(days=1), y, e.label_en, va="center", ha="left", fontsize=8)
                before = None
            else:
                label = ax.text(right + timedelta(days=2), y, e.label_en, va="center", ha="left", fontsize=8)
                before = anchor - timedelta(days=2)
            label.set_in_layout(False)  # placed below, once the axes have their size
            labels.append((label, before))
        ax.set_yticks(range(n), [f"{_date_en(e)}  {e.quote}" for e in reversed(events)], fontsize=8)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(x0, x1)
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("1 %b %Y"))
        months = any(e.precision == "month" for e in events)
        ax.set_xlabel("Date (2020)" + ("; a bar marks an event the article dates to a month only" if months else ""))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", which="minor", color="#EEEEEE", linewidth=0.5)
        scope = f" — section {section}" if section is not None else ""
        ax.set_title(f"Dated events in the article 文中日期{scope}")
        secs = sorted({e.section for e in events})
        handles = [Line2D([], [], marker=SECTION_STYLE[s][1], color=SECTION_STYLE[s][0], markeredgecolor=EDGE,
                          linestyle="none", markersize=7, label=SECTION_NAMES[s]) for s in secs]
        _legend_below(fig, ax, handles, len(secs))
        _place_labels(fig, ax, labels)
        items = "; ".join(f"{_date_en(e)}: {e.label_en}" for e in events)
        alt = (f"Timeline of {n} dated events from {_date_en(events[0])} to {_date_en(events[-1])} 2020. "
               f"{items}.")
        return _finish(fig, alt)


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
    nxt = d.replace(day=28) + timedelta(days=4)
    return nxt - timedelta(days=nxt.day)


def _date_en(e: Event) -> str:
    return e.date.strftime("%B") if e.precision == "month" else f"{e.date.day} {e.date:%b}"


def funnel(report: Report, stages: tuple[str, ...] = FUNNEL_STAGES) -> Figure:
    """Surveyed → eligible → approved firms of the unemployment-insurance refund.

    "2000余" approved is drawn as its interval: a bar to 2,000 and a hatched
    extension to the next thousand.
    """
    figs = [report.ledger.figures[f] for f in stages]
    n = len(figs)
    with style():
        fig = _new(WIDTH, 3.2)
        ax = fig.add_subplot()
        colour = OKABE_ITO["blue"]
        parts = []
        for i, f in enumerate(figs):
            y = n - 1 - i
            iv = f.base_interval
            _interval_bar(ax, y, iv, colour)
            text = f"{as_written(f)} = {_span_text(iv)}"
            if f.id in FUNNEL_SHARES:
                r = report.result(FUNNEL_SHARES[f.id])
                text += f"  ({r.recomputed_text()} of {LABELS[r.rate.denominator[0]][0].lower()})"
            end = float(iv.high if iv.high is not None else iv.low)
            ax.text(end + float(figs[0].value) * 0.01, y, text, va="center", ha="left", fontsize=8.5)
            parts.append(f"{LABELS[f.id][0].lower()} {_span_text(iv)}"
                         + (f" ({report.result(FUNNEL_SHARES[f.id]).recomputed_text()} of the previous stage)"
                            if f.id in FUNNEL_SHARES else ""))
        ax.set_yticks(range(n), [bilingual(f.id) for f in reversed(figs)])
        ax.set_xlim(0, float(figs[0].value) * 1.45)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_xlabel("Firms (家)")
        ax.grid(axis="y", visible=False)
        ax.set_title("Unemployment-insurance refund 失业保险稳岗返还, in firms")
        _legend_below(fig, ax, [_interval_legend()])
        alt = ("Horizontal bar chart of the unemployment-insurance refund funnel, in firms: "
               + "; ".join(parts) + ". The approved count, written 2000余, is drawn as a range.")
        return _finish(fig, alt)


def subdistricts(report: Report, keys: tuple[str, ...] = ("taihe", "wujing", "xbq", "gd")) -> Figure:
    """The four sub-districts side by side: firms, reopened firms, individual businesses, open shops.

    A figure written with 余 is a bar to its lower bound and a hatched extension
    to its upper bound; a count the article does not give is marked "not given".
    """
    figures = report.ledger.figures
    m = len(SUBDISTRICT_MEASURES)
    width = 0.8 / m
    with style():
        fig = _new(WIDTH, 4.8)
        ax = fig.add_subplot()
        top = max(float(figures[f].base_interval.high) for k in keys for f in SUBDISTRICT_FIGURES[k].values() if f)
        lines = []
        for g, key in enumerate(keys):
            said = []
            for j, (measure, label, colour) in enumerate(SUBDISTRICT_MEASURES):
                x = g - 0.4 + width * (j + 0.5)
                fid = SUBDISTRICT_FIGURES[key][measure]
                if fid is None:
                    ax.text(x, top * 0.01, "not given", rotation=90, ha="center", va="bottom", fontsize=7,
                            color="#444444")
                    continue
                f = figures[fid]
                iv = f.base_interval
                _interval_bar(ax, x, iv, colour, height=width, horizontal=False,
                              label=label if g == 2 else None)
                ax.text(x, float(iv.high) + top * 0.015, as_written(f), rotation=90, ha="center", va="bottom",
                        fontsize=7.5)
                said.append(f"{_measure_en(measure)} {_span_text(iv)}")
            lines.append(f"{PLACES[key][0]}: " + (", ".join(said) if said else "no counts"))
        ax.set_xticks(range(len(keys)), [f"{PLACES[k][0]}\n{PLACES[k][1]}" for k in keys])
        ax.set_ylim(0, top * 1.2)
        ax.set_xlim(-0.6, len(keys) - 0.4)
        ax.set_xlabel("Sub-district 街道")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_ylabel("Count (户 / 家 / 个)")
        ax.grid(axis="x", visible=False)
        ax.set_title("Sub-districts 街道: businesses and how many reopened")
        handles = [Patch(facecolor=c, edgecolor=EDGE, label=lab) for _, lab, c in SUBDISTRICT_MEASURES]
        handles.append(_interval_legend())
        _legend_below(fig, ax, handles, 2, drop=0.72)
        alt = ("Grouped bar chart of business counts in four sub-districts. " + "; ".join(lines)
               + ". Counts written with 余 are drawn as ranges; counts the article does not give are marked.")
        return _finish(fig, alt)


def _measure_en(measure: str) -> str:
    return {"firms": "firms", "firms_open": "firms reopened", "individual": "individual businesses",
            "shops_open": "shops open"}[measure]


def readings(report: Report, claim: str = "xbq_reopen_rate") -> Figure:
    """The readings tried for one cited rate, against the cited value's interval.

    For the disputed 88% claim: firms only, individual businesses only, and both
    pooled; none reaches the band of values that round to 88%.
    """
    rs = [r for r in report.results if r.rate.cited == claim]
    if not rs:
        raise ValueError(f"no readings for claim {claim!r}")
    cited = rs[0]
    ci = cited.cited_interval
    n = len(rs)
    lows = [float(r.recomputed.low) for r in rs if r.recomputed is not None] + [float(ci.low)]
    highs = [float(r.recomputed.high) for r in rs if r.recomputed is not None] + [float(ci.high)]
    x0, x1 = min(lows) - 2.5, max(highs) + 2.5
    with style():
        fig = _new(WIDTH, 1.6 + 0.5 * n)
        ax = fig.add_subplot()
        ax.axvspan(float(ci.low), float(ci.high), color=OKABE_ITO["orange"], alpha=0.25, zorder=1)
        ax.axvline(float(cited.cited.value), color=EDGE, linewidth=1.5, zorder=2)
        ax.text(float(cited.cited.value), n - 0.45, f"cited {_cited_text(cited)}", ha="center", va="bottom",
                fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5}, zorder=6)
        for i, r in enumerate(rs):
            y = n - 1 - i
            _plot_recomputed(ax, y, r)
            ax.text(float(r.recomputed.high) + 0.3, y + 0.22, r.arithmetic(), fontsize=8, va="bottom")
        label = f"{PLACES['xbq'][0]} " if claim.startswith("xbq") else ""
        ax.set_yticks(range(n), [f"{r.rate.reading}" for r in reversed(rs)])
        ax.set_ylim(-0.6, n + 0.1)
        ax.set_xlim(x0, x1)
        ax.set_xlabel("Reopening rate (%)")
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{label}{cited.cited.quote}: the readings tried ({cited.verdict})")
        handles = [Patch(facecolor=OKABE_ITO["orange"], alpha=0.25, label="values that round to the cited figure"),
                   Line2D([], [], color=EDGE, linewidth=1.5, label="cited value")]
        handles += _verdict_handles({cited.verdict})
        _legend_below(fig, ax, handles, 3)
        parts = "; ".join(f"{r.rate.reading}: {r.arithmetic()}" for r in rs)
        alt = (f"Chart of {n} readings of the cited {cited.cited.value_text}% "
               f"(values from {_pct(ci.low, 1)} up to {_pct(ci.high, 1)} round to it). {parts}. "
               f"No reading reaches the band: the claim is {cited.verdict}."
               if cited.verdict == "inconsistent" else
               f"Chart of {n} readings of the cited {cited.cited.value_text}%. {parts}. Verdict: {cited.verdict}.")
        return _finish(fig, alt)


def sector_rates(report: Report, constraint: str = "xbq_rate_within_sectors") -> Figure:
    """Parts' rates against the overall rate (a ``within`` constraint).

    Xiaobanqiao's sector rates against its overall 88% (and the recomputed
    overall); Luosiwan's area rates against its overall 82.57%. A pooled rate is
    a weighted mean of its parts, so it must lie between the lowest and highest.
    """
    c = next((x for x in report.ledger.constraints if x.id == constraint), None)
    if c is None or c.kind != "within":
        raise ValueError(f"{constraint!r} is not a 'within' constraint")
    figures = report.ledger.figures
    overall = figures[c.left[0]]
    parts = [figures[f] for f in c.right]
    recomputed = [r for r in report.results if r.rate.cited == overall.id and r.recomputed is not None]
    result = next(x for x in report.constraint_results if x.constraint.id == constraint)
    n = len(parts)
    with style():
        fig = _new(WIDTH, 1.9 + 0.4 * n)
        ax = fig.add_subplot()
        for i, f in enumerate(parts):
            y = n - 1 - i
            ax.barh(y, float(f.value), 0.6, color=OKABE_ITO["sky_blue"], edgecolor=EDGE, linewidth=0.6)
            ax.text(float(f.value) + 1, y, f"{f.value_text}%", va="center", fontsize=8.5)
        ov = float(overall.value)
        ax.axvline(ov, color=EDGE, linestyle="--", linewidth=1.5, zorder=3)
        ax.text(ov + 0.6, n - 0.2, f"overall, cited {overall.value_text}%", ha="left", va="center", fontsize=8)
        handles = [Patch(facecolor=OKABE_ITO["sky_blue"], edgecolor=EDGE, label="part's cited rate"),
                   Line2D([], [], color=EDGE, linestyle="--", linewidth=1.5, label="overall, as cited")]
        rec_text = ""
        if recomputed:
            lo = min(float(r.recomputed.low) for r in recomputed)
            hi = max(float(r.recomputed.high) for r in recomputed)
            verdict = recomputed[0].verdict
            colour = VERDICT_STYLE[verdict][0]
            ax.axvspan(lo, hi if hi > lo else lo + 0.15, color=colour, alpha=0.6, zorder=2)
            ax.axvline(lo, color=colour, linewidth=1.5, zorder=2)
            ax.text(lo - 0.6, n - 0.2, f"recomputed {_pct(Fraction(lo), 2)}"
                    + (f"–{_pct(Fraction(hi), 2)}" if hi > lo else "") + "%",
                    ha="right", va="center", fontsize=8, color=EDGE)
            handles.append(Line2D([], [], color=colour, linewidth=3, label=f"overall, recomputed ({verdict})"))
            rec_text = (f" The overall rate recomputed from the article's counts is "
                        f"{_pct(Fraction(lo), 2)}" + (f" to {_pct(Fraction(hi), 2)}" if hi > lo else "")
                        + f" percent ({verdict}).")
        key = c.left[0].split("_")[0]
        where = place(key) if key in PLACES else ""
        ax.set_yticks(range(n), [bilingual(f.id) for f in reversed(parts)])
        ax.set_ylim(-0.6, n + 0.15)
        ax.set_xlim(0, 112)
        ax.set_xlabel("Reopening rate (%)")
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{where}: rates of the parts against the overall rate")
        _legend_below(fig, ax, handles, 3)
        listing = ", ".join(f"{LABELS.get(f.id, (f.id,))[0]} {f.value_text}%" for f in parts)
        alt = (f"Bar chart of {n} part rates in {PLACES[key][0] if key in PLACES else 'the area'}: {listing}. "
               f"A dashed line marks the overall cited rate of {overall.value_text}%, which lies "
               f"{'within' if result.passed else 'outside'} the parts' range "
               f"({min(p.value for p in parts)} to {max(p.value for p in parts)} percent).{rec_text}")
        return _finish(fig, alt)


def money(report: Report, section: int | None = None, ids: list[str] | None = None) -> Figure:
    """Amounts by programme, in 万元 (10,000 yuan) on a log scale, each with its interval.

    余/多/万余 amounts are a bar to the lower bound and a hatched extension to the
    upper; a forecast (预计) is outlined, not filled. Every label also gives the
    amount in yuan.
    """
    figs = [f for f in report.ledger.figures.values() if f.kind == "amount"]
    if section is not None:
        figs = [f for f in figs if f.section == section]
    if ids is not None:
        figs = [report.ledger.figures[i] for i in ids]
    if not figs:
        raise ValueError("no amounts to draw")
    n = len(figs)
    with style():
        fig = _new(WIDTH, 1.5 + 0.42 * n)
        ax = fig.add_subplot()
        colour = OKABE_ITO["bluish_green"]
        parts = []
        for i, f in enumerate(figs):
            y = n - 1 - i
            iv = f.interval  # in the unit as written (万元)
            if f.qualifier == "预计":
                ax.barh(y, float(iv.low), 0.6, color="white", edgecolor=colour, linewidth=1.8, hatch="..")
            else:
                _interval_bar(ax, y, iv, colour, height=0.6)
            end = float(iv.high if iv.high is not None else iv.low)
            yuan = f.base_interval
            text = f"{as_written(f)} = {_span_text(yuan)} 元" + (" (forecast)" if f.qualifier == "预计" else "")
            ax.text(end * 1.08, y, text, va="center", fontsize=8)
            parts.append(f"{LABELS.get(f.id, (f.label_en,))[0]} {_span_text(iv)} 10,000-yuan units "
                         f"({_span_text(yuan)} yuan{', a forecast' if f.qualifier == '预计' else ''})")
        ax.set_xscale("log")
        lo = min(float(f.interval.low) for f in figs)
        hi = max(float(f.interval.high or f.interval.low) for f in figs)
        ax.set_xlim(max(lo / 3, 0.5), hi * 150)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
        ax.set_yticks(range(n), [bilingual(f.id, f.label_en) for f in reversed(figs)])
        ax.set_xlabel("Amount (万元 = 10,000 yuan), log scale")
        ax.grid(axis="y", visible=False)
        scope = f" — section {section}" if section is not None else ""
        ax.set_title(f"Amounts by programme 各项金额{scope}")
        handles = [_interval_legend(),
                   Patch(facecolor="white", edgecolor=colour, hatch="..", linewidth=1.8, label="forecast (预计)")]
        _legend_below(fig, ax, handles, 2)
        alt = (f"Horizontal bar chart, log scale, of {n} amounts in units of 10,000 yuan: " + "; ".join(parts)
               + ".")
        return _finish(fig, alt)


#: every chart of the module, by name (tests draw them all)
CHARTS = {
    "rates_vs_recomputed": rates_vs_recomputed,
    "timeline": timeline,
    "funnel": funnel,
    "subdistricts": subdistricts,
    "readings": readings,
    "sector_rates": sector_rates,
    "money": money,
}
