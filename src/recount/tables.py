"""Plain-text tables and CSV: the command line's output (``recount check``, ``recount draft``) and
the output tier's ``verdicts.csv``. Below every layer that prints a table, so that none of them
imports the command line."""

from __future__ import annotations

import csv
import io
import unicodedata


def width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cells: int) -> str:
    return text + " " * max(cells - width(text), 0)


def clip(text: str, cells: int) -> str:
    if width(text) <= cells:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def columns(headers: tuple[str, ...], cells: list[list[str]]) -> str:
    """Left-aligned columns as wide as their widest cell, a rule under the headers; one line a row."""
    widths = [max([width(h), *(width(c[i]) for c in cells)]) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *cells]
    return "\n".join("  ".join(pad(v, w) for v, w in zip(line, widths)).rstrip() for line in lines) + "\n"


def csv_text(rows: list[dict], fields, extrasaction: str = "raise") -> str:
    """``rows`` as CSV text with a header, ``\\n`` line ends (``extrasaction`` as :class:`csv.DictWriter`'s)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), extrasaction=extrasaction, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def render_csv(rows: list[dict]) -> str:
    """The rate records as CSV: `recount check --format csv` and `data/output/verdicts.csv`."""
    fields = ["id", "section", "claim", "quote", "cited", "recomputed_low", "recomputed_high",
              "recomputed_text", "reading", "fits", "verdict", "expected", "miss_pp", "miss_level",
              "needed_numerator", "needed_denominator"]
    return csv_text(rows, fields, extrasaction="ignore")
