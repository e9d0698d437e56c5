"""Figures and dates in English prose, and the templates that put them into the ledger's English text.

No number is typed into an English column of the ledger (``label_en``, ``note_en``, ``reason_en``,
``claim_en`` ...): a column that needs one names it, and :func:`fill` writes it from the figures:

``{fig:<figure id>}``   the figure's (lower) value in English: ``94,181``, ``88%``, ``2.45 million yuan``
``{zh:<figure id>}``    the figure as the article writes it: ``2000余家``
``{date:<event id>}``   an event's date: ``13 April``, ``February``
"""

from __future__ import annotations

import re
from fractions import Fraction

from recount.errors import InputError
from recount.ledger import Event, Figure, Ledger
from recount.verdict import fmt_fraction

#: a placeholder in an English column of the ledger
PLACEHOLDER = re.compile(r"\{(?P<kind>fig|zh|date):(?P<id>[a-z][a-z0-9_]*)\}")


def en_number(x: Fraction) -> str:
    if x.denominator == 1:
        return f"{x.numerator:,}"
    return fmt_fraction(x, 4).rstrip("0").rstrip(".")


def en_amount(yuan: Fraction) -> str:
    """2,450,000 -> '2.45 million yuan'; 660,000 -> '660,000 yuan'."""
    if yuan >= 1_000_000:
        m = fmt_fraction(yuan / 1_000_000, 2).rstrip("0").rstrip(".")
        return f"{m} million yuan"
    return f"{en_number(yuan)} yuan"


def figure_en(f: Figure) -> str:
    """A figure's lower value in English prose: 11,781; 88%; 2.45 million yuan; 5 million."""
    if f.kind == "percent":
        return f"{f.value_text}%"
    low = f.base_interval.low
    if f.kind == "amount":
        return en_amount(low)
    if f.factor != 1 and low >= 1_000_000:
        return f"{fmt_fraction(low / 1_000_000, 2).rstrip('0').rstrip('.')} million"
    return en_number(low)


def figure_range_en(f: Figure) -> str:
    """The whole interval in English: 2,000 to 3,000; 59.14 million to 59.15 million yuan."""
    iv = f.base_interval
    if iv.is_point:
        return figure_en(f)
    if iv.high is None:
        return f"{figure_en(f)} or more"
    if f.kind == "percent":
        return f"{en_number(iv.low)}–{en_number(iv.high)}%"
    if f.kind == "amount":
        return f"{en_amount(iv.low).removesuffix(' yuan')} to {en_amount(iv.high)}"
    return f"{en_number(iv.low)} to {en_number(iv.high)}"


def as_written(f: Figure) -> str:
    """The figure as the article writes it: 2000余家, 5914万余元, 超过360人次."""
    if f.qualifier in ("exact", "预计", "rounded"):
        return f"{f.value_text}{f.unit}"
    if f.qualifier in ("余", "多"):
        return f"{f.value_text}{f.qualifier}{f.unit}"
    if f.qualifier == "左右":
        return f"{f.value_text}{f.unit}左右"
    if f.qualifier == "万余":
        return f"{f.value_text}万余元"
    return f"{f.qualifier}{f.value_text}{f.unit}"


def date_en(e: Event) -> str:
    """18 March; February (a month-only date)."""
    return f"{e.date.day} {e.date:%B}" if e.precision == "day" else f"{e.date:%B}"


def fill_text(text: str, ledger: Ledger, where: tuple | None = None) -> str:
    """``text`` with every placeholder written out. An unknown id is an InputError at ``where``
    (path, line, column)."""
    events = {e.id: e for e in ledger.events}

    def one(m: re.Match) -> str:
        kind, key = m.group("kind"), m.group("id")
        if kind == "date":
            if key not in events:
                raise InputError(*(where or (None, None, None)), f"{{date:{key}}}: unknown event id {key!r} (not in events.csv)")
            return date_en(events[key])
        if key not in ledger.figures:
            raise InputError(*(where or (None, None, None)), f"{{{kind}:{key}}}: unknown figure id {key!r} (not in figures.csv)")
        f = ledger.figures[key]
        return figure_en(f) if kind == "fig" else as_written(f)

    return PLACEHOLDER.sub(one, text)
