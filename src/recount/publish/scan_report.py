"""``recount scan … --report DIR``: one static page a desk opens, ``DIR/index.html``.

Verdict first: the headline says how many of the checkable percentages (all but the
unverifiable) do not add up, out of how many, in how many texts; then the counts of each verdict with their
shares, a chart of them (inline SVG in the house style of
:mod:`recount.publish.plots`, its text drawn as paths), each claim that does not add up (inconsistent or impossible),
strongest first (the draft's ``strength``, then how far it misses), with its
sentence, its arithmetic and a link to the text, and the files skipped. One
file, no script, no font or style sheet fetched: it reads offline. Numbers are
formatted by :mod:`recount.english`.

It is drawn from a :class:`recount.draft.scan_output.Summary` (bounded: the
:data:`~recount.draft.scan_output.Summary.LISTED` strongest claims that do not add up are
listed, every one of them is in the scan's output).
"""

from __future__ import annotations

import io
import os
import re
from fractions import Fraction
from html import escape
from pathlib import Path
from urllib.parse import quote

from recount.draft.scan import is_url
from recount.draft.scan_output import Summary
from recount.english import en_number, pct
from recount.errors import display_path

#: the verdicts in the order the page lists them, each with its colour and what it means to a reader
VERDICTS = ("consistent", "inconsistent", "impossible", "possible", "unverifiable")
MEANING = {
    "consistent": "a reading of the text's own counts gives it",
    "inconsistent": "the counts beside it give another percentage, however they are read",
    "impossible": "only its base is given, and no whole count of that base gives it",
    "possible": "only its base is given: some whole count of that base gives it, but the count is not stated",
    "unverifiable": "no counts to recompute it from (or a threshold or a change, never called inconsistent)",
}
CHART_WIDTH = 3.8  # inches: 365 px at 96 px an inch, about a phone's column, so its text is not drawn smaller there

STYLE = """
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: #222; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
p, li, td, th, blockquote { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid #ddd; vertical-align: top; }
table.counts th, table.counts td { overflow-wrap: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.9rem; color: #444; }
ol.claims { padding-left: 1.4rem; }
ol.claims li { margin-bottom: 1.2rem; }
blockquote { margin: 0.3rem 0; padding-left: 0.6rem; border-left: 3px solid #D55E00; }
mark { background: #fde2cc; color: inherit; }
.meta { font-size: 0.9rem; color: #444; margin: 0.2rem 0; }
"""


def _n(x: int) -> str:
    return en_number(Fraction(x))


def _share(part: int, whole: int) -> str:
    return pct(Fraction(100 * part, whole)) if whole else "none"


def _plural(n: int, one: str, many: str) -> str:
    return f"{_n(n)} {one if n == 1 else many}"


def _words(verdict: str) -> str:
    """A verdict as a reader reads it (no underscores)."""
    return re.sub(r"[_\s]+", " ", verdict).strip() or "no verdict"


def verdict_order(summary: Summary) -> list[str]:
    return [v for v in VERDICTS if summary.verdicts.get(v)] + sorted(
        v for v in summary.verdicts if v not in VERDICTS)


def checkable(summary: Summary) -> int:
    """The stated percentages the counts of their texts can check: all but the unverifiable."""
    return summary.claims - summary.verdicts.get("unverifiable", 0)


def headline(summary: Summary) -> str:
    """The verdict, first: how many of the checkable percentages do not add up, of how many, in how many
    texts (as the book's headline, an unverifiable percentage is not counted as one that adds up)."""
    texts = _plural(summary.texts - summary.skipped, "text", "texts")
    bad, claims, n = summary.bad(), summary.claims, checkable(summary)
    if not claims:
        return f"No stated percentage found in {texts}"
    if not n:
        return (f"None of the {_plural(claims, 'stated percentage', 'stated percentages')} in {texts} can be "
                "checked against counts the text gives")
    if bad:
        verb = "does" if bad == 1 else "do"
        return f"{_n(bad)} of the {_plural(n, 'checkable percentage', 'checkable percentages')} in {texts} {verb} not add up"
    return f"None of the {_plural(n, 'checkable percentage', 'checkable percentages')} in {texts} contradicts its own counts"


def chart_svg(summary: Summary) -> tuple[str, str]:
    """(inline SVG, its text alternative): one bar a verdict, its count and share written beside it."""
    from matplotlib.figure import Figure

    from recount.publish import plots

    order = verdict_order(summary)
    colours = {v: plots.VERDICT_STYLE[v][0] for v in plots.VERDICT_STYLE}
    colours["possible"] = plots.OKABE_ITO["orange"]
    colours["impossible"] = colours["inconsistent"]  # a failure, as recount.vocabulary.DRAFT_LOOK has it
    counts = [summary.verdicts[v] for v in order]
    alt = "Stated percentages by verdict: " + "; ".join(
        f"{_words(v)} {_n(c)} ({_share(c, summary.claims)})" for v, c in zip(order, counts)) + "."
    with plots.style():
        fig = Figure(figsize=(CHART_WIDTH, 0.55 * len(order) + 1.0), dpi=plots.DPI, layout="constrained")
        ax = fig.add_subplot()
        ys = list(range(len(order)))[::-1]
        ax.barh(ys, counts, color=[colours.get(v, plots.GREY) for v in order], edgecolor=plots.EDGE, height=0.6)
        ax.set_yticks(ys, [_words(v) for v in order])
        ax.set_xlabel("number of stated percentages")
        ax.grid(axis="y", visible=False)
        top = max(counts) if counts else 1
        ax.set_xlim(0, top * 1.45)
        for y, c in zip(ys, counts):
            ax.text(c + top * 0.02, y, f"{_n(c)} ({_share(c, summary.claims)})", va="center", fontsize=8)
        ax.set_title("Stated percentages by verdict")
        fig.recount_alt = alt
        buf = io.BytesIO()
        plots.save_svg(fig, buf)
    svg = buf.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]  # inline: no XML declaration or doctype
    return svg, alt


def _link(name: str, folder: Path) -> str:
    """A link from the report to the text: relative for a local file, the URL itself otherwise."""
    if is_url(name):
        return name
    return quote(Path(os.path.relpath(os.path.abspath(name), os.path.abspath(folder))).as_posix())


def _sentence(row: dict) -> str:
    sentence, cited = row.get("sentence", ""), row.get("cited", "")
    if cited and cited in sentence:
        a = sentence.index(cited)
        return f"{escape(sentence[:a])}<mark>{escape(cited)}</mark>{escape(sentence[a + len(cited):])}"
    return escape(sentence or cited)


def _miss(row: dict) -> str:
    try:
        pp = abs(Fraction(row.get("miss_pp", "")))
    except (ValueError, ZeroDivisionError):
        return ""
    miss = "less than 0.01" if pp < Fraction(1, 100) else en_number(pp)
    level = _words(row.get("miss_level", ""))
    return f"Misses by {miss} percentage points" + (f" ({escape(level)})" if row.get("miss_level") else "") + ". "


def _levels(summary: Summary) -> str:
    """How far the percentages that do not add up miss: by more than rounding or by rounding only (an
    impossible share misses by its distance to the nearest share a whole count of its base gives)."""
    return (f"Of the {_n(summary.bad())} that do not add up, {_n(summary.levels.get('material', 0))} miss by more "
            f"than a slip in rounding could; {_n(summary.levels.get('rounding', 0))} miss by one unit of the last "
            "digit cited or less, as a slip in rounding could.")


def _claim_item(row: dict, folder: Path, strengths: bool) -> str:
    """One claim that does not add up; its strength only when the listed ones differ in it (``strengths``)."""
    strength = _words(row["strength"]) if strengths and row.get("strength") else ""
    lead = f"<p class='meta'><strong>{escape(strength.capitalize())}.</strong> " if strength else "<p class='meta'>"
    parts = [f"<li><blockquote lang='zh'>{_sentence(row)}</blockquote>",
             f"<p>{escape(row.get('cited', ''))}: {escape(row.get('arithmetic', ''))}</p>"]
    if row.get("reading"):
        parts.append(f"<p class='meta'>Read as {escape(row['reading'])}.</p>")
    parts.append(f"{lead}{escape(_miss(row))}<a href='{escape(_link(row['file'], folder))}'>"
                 f"{escape(row['file'])}</a>, character {_n(int(row['offset']) + 1)}</p></li>")
    return "\n".join(parts)


def page(summary: Summary, folder: Path) -> str:
    """The report's HTML (``folder``: where it is written, for the links to the texts)."""
    title = headline(summary)
    read = summary.texts - summary.skipped
    lede = (f"{_plural(summary.texts, 'file', 'files')} scanned: {_plural(read, 'text', 'texts')} read, "
            f"{_n(summary.skipped)} skipped; {_n(summary.texts_with_claims)} of the texts state a percentage, "
            f"{_plural(summary.claims, 'stated percentage', 'stated percentages')} in all, {_n(checkable(summary))} of "
            "them checkable from what their text gives (the counts, or the base).")
    rows = "\n".join(
        f"<tr><th scope='row'>{escape(_words(v).capitalize())}</th><td class='n'>{_n(summary.verdicts[v])}</td>"
        f"<td class='n'>{_share(summary.verdicts[v], summary.claims)}</td></tr>" for v in verdict_order(summary))
    parts = [f"<h1>{escape(title)}</h1>", f"<p>{escape(lede)}</p>"]
    if summary.claims:
        parts.append("<table class='counts'><thead><tr><th scope='col'>Verdict</th><th scope='col' class='n'>"
                     "Percentages</th><th scope='col' class='n'>Share of all stated</th></tr></thead>"
                     f"<tbody>\n{rows}\n</tbody></table>")
        if summary.bad():
            parts.append(f"<p class='meta'>{escape(_levels(summary))}</p>")
        strengths = summary.strengths
        if len(strengths) > 1:  # one strength for all (the draft calls nothing inconsistent on a weak pairing) says nothing
            parts.append("<p class='meta'>Of those that do not add up: " + escape(", ".join(
                f"{_n(c)} {_words(s)}" for s, c in sorted(strengths.items(), key=lambda kv: -kv[1]))) + ".</p>")
        svg, alt = chart_svg(summary)
        parts.append(f"<figure role='img' aria-label='{escape(alt)}'>{svg}<figcaption>{escape(alt)}</figcaption></figure>")
    flagged = summary.flagged()
    bad = summary.bad()
    if flagged:
        more = (f" The {_n(len(flagged))} strongest are listed; all {_n(bad)} are in the scan's output."
                if bad > len(flagged) else "")
        parts.append("<h2>What does not add up, strongest first</h2>"
                     f"<p>Each is a draft: a person confirms the reading before it is published.{more}</p>"
                     "<ol class='claims'>" + "\n".join(_claim_item(r, folder, len(summary.strengths) > 1) for r in flagged)
                     + "</ol>")
    if summary.skipped:
        listed = "\n".join(f"<li><a href='{escape(_link(name, folder))}'>{escape(name)}</a>: "
                           f"{escape(_reason(error, name))}</li>" for name, error in summary.skipped_files)
        more = (f"<p>The first {_n(len(summary.skipped_files))} of {_n(summary.skipped)}; every one is listed in the "
                "side file of the scan's output.</p>") if summary.skipped > len(summary.skipped_files) else ""
        parts.append(f"<h2>Files skipped</h2><p>They are not articles the draft can read.</p><ul>{listed}</ul>{more}")
    meanings = "\n".join(f"<dt>{escape(v.capitalize())}</dt><dd>{escape(MEANING[v])}</dd>" for v in VERDICTS)
    parts.append(f"<h2>What the verdicts mean</h2><dl>{meanings}</dl>")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body><main>\n"
            + "\n".join(parts) + "\n</main></body></html>\n")


def _reason(error: str, name: str) -> str:
    """The reason a file was skipped, without its name (the link says it)."""
    for shown in (name, display_path(name)):
        for prefix in (f"{shown}: ", f"{shown}, "):
            if error.startswith(prefix):
                return error[len(prefix):]
    return error


def write_report(summary: Summary, folder: Path) -> Path:
    """Write ``folder/index.html`` (whole, or not at all) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    tmp = folder / ".index.html.part"
    tmp.write_text(page(summary, folder), encoding="utf-8")
    tmp.replace(target)
    return target
