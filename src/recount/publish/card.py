"""The book's social card: a 1200 x 630 PNG that states the finding, for link previews.

Open Graph and Twitter/X cards (``recount.sphinx.cards``) show it when a page of
the book is shared. Every number on it comes from the report here, none is typed:
how many of the article's stated percentages do not match its own counts, the
first such claim with what its counts give, and the tally of verdicts.

Drawn with Pillow (installed with matplotlib) in DejaVu Sans, the font matplotlib
ships, found on disk without importing matplotlib: about 0.1 s, against about
0.8 s for a matplotlib figure, in the build's serial last step. English only, so
it needs no CJK font. Pillow writes the same bytes for the same card.
"""

from __future__ import annotations

import importlib.util
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from recount.english import fmt_fraction
from recount.vocabulary import CONSISTENT, DERIVED, INCONSISTENT, UNVERIFIABLE, colour

if TYPE_CHECKING:  # recount.report imports pandas: not at the build's start-up (sphinx_cards imports this)
    from recount.report import Report

WIDTH, HEIGHT = 1200, 630
FILENAME = "recount-card.png"
INK, MUTED, ACCENT, GROUND = "#1A1A1A", "#4D4D4D", colour(INCONSISTENT), "#FFFFFF"
MARGIN, BAND = 72, 18


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def lines(report: Report) -> dict[str, str]:
    """The card's words: ``kicker``, ``headline``, ``detail`` (may be empty) and ``tally``."""
    score = report.scorecard()
    stated = report.n_claims()  # the one count of claims the book uses everywhere
    bad = score[INCONSISTENT]
    if bad:
        headline = (f"{bad} of the {stated} percentages a news article states "
                    f"{_plural(bad, 'does', 'do')} not match its own counts")
    else:
        headline = f"Every checkable percentage of the {stated} a news article states matches its own counts"
    detail = ""
    first = next((r for r in report.results if r.verdict == INCONSISTENT and r.cited is not None), None)
    if first is not None:
        readings = [r for r in report.results if r.cited is not None and r.cited.id == first.cited.id
                    and r.recomputed is not None]
        lo = min(r.recomputed.low for r in readings)
        hi = max(r.recomputed.high for r in readings)
        span = f"{fmt_fraction(lo, 2)}%" if lo == hi else f"{fmt_fraction(lo, 2)}% to {fmt_fraction(hi, 2)}%"
        detail = f"{first.cited.label_en}: {first.cited.value_text}%. Its own counts give {span}."
    tally = (f"{score[CONSISTENT]} consistent · {bad} inconsistent · {score[UNVERIFIABLE]} cannot be checked · "
             f"{score[DERIVED]} derived {_plural(score[DERIVED], 'rate', 'rates')} counted apart")
    return {"kicker": "Recount: the percentages of one Chinese news article, recomputed", "headline": headline,
            "detail": detail, "tally": tally}


def alt_text(report: Report) -> str:
    """What the card shows, in words (its ``og:image:alt``)."""
    w = lines(report)
    return " ".join(t for t in (w["headline"] + ".", w["detail"], w["tally"] + ".") if t)


@cache
def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed: the card's font (DejaVu Sans) comes with it")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    return ImageFont.truetype(str(_font_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(text: str, font, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > width:
            out.append(line)
            line = word
        else:
            line = trial
    return out + ([line] if line else [])


def png(report: Report) -> bytes:
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw

    w = lines(report)
    img = Image.new("RGB", (WIDTH, HEIGHT), GROUND)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, BAND - 1, HEIGHT), fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN - 8
    for text, font, colour, gap in ((w["kicker"], _font(30), MUTED, 36),
                                    (w["headline"], _font(56, bold=True), INK, 30),
                                    (w["detail"], _font(34), ACCENT, 30)):
        for line in _wrap(text, font, text_width):
            draw.text((MARGIN, y), line, font=font, fill=colour)
            y += int(font.size * 1.25)
        y += gap
    tally = _font(26)
    lines_ = _wrap(w["tally"], tally, text_width)
    y = HEIGHT - MARGIN - len(lines_) * int(tally.size * 1.3) + 10
    for line in lines_:
        draw.text((MARGIN, y), line, font=tally, fill=MUTED)
        y += int(tally.size * 1.3)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
