"""The book's house style for a DataFrame: the tidy frames of :class:`recount.report.Report`, shown in
a chapter as tables a reader can read at 390 px and an analyst can open as data.

A frame stays data (numbers as numbers, ids in the index): a notebook opened in JupyterLab shows it
plain. The functions here turn one into a :class:`pandas.io.formats.style.Styler` for the book: a
caption, no index, numbers written by :mod:`recount.english`, Chinese marked ``lang="zh-CN"``, a
verdict as the book's badge linked to its row in the Ledger, and the cell styles of
:mod:`recount.publish.render`, so a frame looks like every other table of the book. The Styler's
template (``templates/frame.tpl``) labels each cell with its column, so on a phone the book's
stylesheet stacks each row into a card, and wraps the table in a box that scrolls sideways.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import pandas as pd
from pandas.io.formats.style import Styler

from recount.english import cap_first, en_number, pct, recomputed_words
from recount.publish.render import (CELL_STYLE, LEDGER_PAGE, TABLE_STYLE, _check_result, _link, badge_html,
                                    cited_text, constraint_words, esc, mixed, rate_href, zh)
from recount.report import Report

class HouseStyler(Styler.from_custom_template(str(Path(__file__).with_name("templates")), html_table="frame.tpl")):
    """A Styler whose table is the house table (``templates/frame.tpl``). Its plain-text form, which a
    notebook stores beside the HTML, is its caption: the same every run (a Styler's own names its
    address in memory, so the published notebooks would differ build to build)."""

    def __repr__(self) -> str:
        return f"Table: {html.unescape(self.caption or '')}"


def _words(name) -> str:
    """A column's name for readers: ``recomputed_low`` -> ``Recomputed low``."""
    return cap_first(str(name).replace("_", " "))


def _number(value) -> str:
    """A number for readers: ``4,800``, ``82.02``; a missing one as a dash."""
    if value is None or pd.isna(value):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return en_number(Fraction(value).limit_denominator(10**6) if isinstance(value, float) else Fraction(value))


def house(shown: pd.DataFrame, caption: str) -> Styler:
    """``shown`` (cells already markup) in the house style: a caption above (a ``figcaption``, as on the
    Data page), no index, the book's cell
    styles, an id made from the caption and the cells, so the same table gets the same id every build."""
    key = hashlib.sha256((caption + shown.to_json()).encode()).hexdigest()[:10]
    styler = HouseStyler(shown, uuid=f"recount-{key}", cell_ids=False, caption=esc(caption))
    return (styler.hide(axis="index")
            .set_table_attributes('class="recount-table recount-frame"')
            .set_table_styles([{"selector": "", "props": TABLE_STYLE},
                               {"selector": "th, td", "props": CELL_STYLE}]))


def style(frame: pd.DataFrame, caption: str, percent: Iterable[str] = (), chinese: Iterable[str] = ()) -> Styler:
    """Any tidy frame in the house style: its columns named in words, counts written with
    :func:`recount.english.en_number`, the ``percent`` columns (shares, ``0.8202``) as percentages with
    two decimals, the ``chinese`` columns marked zh-CN, a ``verdict`` column as the book's badge (linked
    to the rate's row in the Ledger when the frame is indexed by rate id, as
    :meth:`Report.rate_counts` is), every other text escaped. The index is not shown."""
    percent, chinese = set(percent), set(chinese)
    rate_ids = list(frame.index) if frame.index.name == "rate" else None

    def cell(col, value, i) -> str:
        if col == "verdict":
            return _link(rate_href(rate_ids[i]), badge_html(value)) if rate_ids else badge_html(value)
        if col in percent:
            return "—" if pd.isna(value) else pct(Fraction(value).limit_denominator(10**8) * 100)
        if col in chinese:
            return zh(value)
        if isinstance(value, (bool, int, float)) or value is None:
            return esc(_number(value))
        return mixed(value)

    shown = pd.DataFrame({_words(col): [cell(col, v, i) for i, v in enumerate(frame[col])] for col in frame.columns})
    return house(shown, caption)


def rates(report: Report, section: int | None = None, ids: Iterable[str] | None = None,
          caption: str = "The rates, as stated and as recomputed from the counts") -> Styler:
    """:meth:`Report.rates_table` in the house style: the quote and what it claims (and the reading),
    the stated value, the recomputation in words, the verdict linked to the rate's row in the Ledger."""
    frame = report.rates_table(section, ids)
    results = [report.result(rid) for rid in frame.index]
    claims = [f"{zh(row.quote)}<br>{mixed(cap_first(row.reading if pd.notna(row.reading) else row.claim))}"
              for row in frame.itertuples()]
    shown = pd.DataFrame({"Claim": claims, "Stated": [esc(cited_text(r)) for r in results],
                          "Recomputed": [esc(recomputed_words(r)) for r in results],
                          "Verdict": [_link(rate_href(r.rate.id), badge_html(r.verdict)) for r in results]})
    return house(shown, caption)


def checks(report: Report, section: int | None = None, ids: Iterable[str] | None = None,
           caption: str = "The cross-checks between the figures") -> Styler:
    """:meth:`Report.checks_table` in the house style: what is checked, the numbers in words, the
    result linked to the check's row in the Ledger, and whether it is a hard or a soft check."""
    frame = report.checks_table(section, ids)
    by_id = {c.constraint.id: c for c in report.constraint_results}
    cs = [by_id[cid] for cid in frame.index]
    shown = pd.DataFrame({"What is checked": [mixed(c.constraint.note_en) for c in cs],
                          "The numbers": [mixed(constraint_words(c, report.ledger)) for c in cs],
                          "Result": [_link(f"{LEDGER_PAGE}#constraint-{c.constraint.id}", _check_result(c))
                                     + f"<br><small>{esc(c.strength)} check</small>" for c in cs]})
    return house(shown, caption)
