"""The Source page: the article as captured, each ledger figure marked with what the check found.

Every figure the ledger quotes is a link to its ledger row, and its mark says its
part in the check (:func:`figure_roles`, from the report's verdicts, never typed):

* a stated percentage carries its claim's verdict: ``inconsistent``,
  ``consistent`` or ``unverifiable``;
* ``count``: a count that a stated percentage is recomputed from;
* ``derived``: a count used only for a rate the article does not state;
* ``context``: any other figure (a number of measures, a sum of money, a date's
  count of days ...) that no rate divides: not a claim.

Colour is never the only cue (WCAG 1.4.1): each role has its own border
(box, solid, dashed, dotted, double, thin) and the verdicts a symbol (✗ ✓ ? =)
inside the mark, in the badge colours of :data:`recount.publish.render.BADGE`, whose
contrast is tested. The quote's own text is dark on a light ground in every
role. A legend at the top names each role, counts its figures and links to
each inconsistent one. Styles are inline, so the page reads right without
``recount.css`` (which adds focus and target outlines).
"""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import HTML

from recount import article as art
from recount.english import as_written
from recount.ledger import Figure
from recount.publish.render import BADGE, esc, fig_href, marked
from recount.report import Report
from recount.verdict import CONSISTENT, DERIVED, INCONSISTENT, UNVERIFIABLE

COUNT, CONTEXT = "count", "context"
#: the quote's text colour in every mark (contrast >= 4.5:1 on every mark background)
MARK_TEXT = "#1A1A1A"


@dataclass(frozen=True)
class Role:
    name: str
    label: str  # the legend's words
    meaning: str
    symbol: str  # shown inside the mark ("" for none)
    colour: str  # symbol and border colour
    background: str
    border: str  # CSS for the mark's border: the cue that is not colour

    def mark_style(self) -> str:
        # clone: a mark broken over two lines keeps its border on both
        return (f"background:{self.background};color:{MARK_TEXT};{self.border};padding:0 0.15em;"
                "box-decoration-break:clone;-webkit-box-decoration-break:clone")

    def symbol_html(self) -> str:
        if not self.symbol:
            return ""
        # a word joiner first: the symbol never wraps away from the figure it marks
        return (f'<span class="recount-role-symbol" aria-hidden="true" style="color:{self.colour};'
                f'font-weight:700;font-size:0.8em;margin-left:0.1em;user-select:none">\u2060{self.symbol}</span>')


def _verdict_role(verdict: str, label: str, meaning: str, border: str) -> Role:
    symbol, fg, bg = BADGE[verdict]
    return Role(verdict, label, meaning, symbol, fg, bg, border.format(fg=fg))


#: the roles in legend order: the finding first
ROLES: dict[str, Role] = {r.name: r for r in (
    _verdict_role(INCONSISTENT, "Inconsistent percentage",
                  "stated, but no reading of the article's own counts gives it",
                  "border:3px solid {fg};font-weight:700"),
    _verdict_role(CONSISTENT, "Consistent percentage", "stated, and the article's counts give it",
                  "border-bottom:2px solid {fg}"),
    _verdict_role(UNVERIFIABLE, "Unverifiable percentage", "stated without the counts to check it",
                  "border-bottom:2px dashed {fg}"),
    Role(COUNT, "Count checked", "a count from which a stated percentage is recomputed", "", "#6B5200", "#FFF1B8",
         "border-bottom:2px dotted #6B5200"),
    _verdict_role(DERIVED, "Count for a derived rate",
                  "used only for a rate the article does not state", "border-bottom:3px double {fg}"),
    Role(CONTEXT, "Other figure", "not part of any rate, so not a claim", "", "#595959", "#F2F2F2",
         "border-bottom:1px solid #767676"),
)}


def figure_roles(report: Report) -> dict[str, str]:
    """Figure id -> its role (a key of :data:`ROLES`), from the report's verdicts.

    A cited percentage takes its claim's verdict; a count is ``count`` when any
    stated percentage is recomputed from it, else ``derived`` when a derived
    rate uses it; every other figure is ``context``.
    """
    roles = {fid: CONTEXT for fid in report.ledger.figures}
    for r in report.results:
        for fid in (*r.rate.numerator, *r.rate.denominator):
            if r.cited is not None:
                roles[fid] = COUNT
            elif roles[fid] == CONTEXT:
                roles[fid] = DERIVED
    for r in report.results:
        if r.cited is not None:
            roles[r.cited.id] = r.verdict
    return roles


def anchor(fid: str) -> str:
    """The id of a figure's mark on the Source page."""
    return f"src-fig-{fid}"


def label_id(role: str) -> str:
    """The id of a role's name in the legend: each mark's ``aria-describedby``, so a screen reader
    says the role after the quote (the page's text, copied or searched, stays the article's)."""
    return f"recount-role-{role}"


def _mark(role: Role, f: Figure, text: str) -> str:
    """A figure's quote marked with its role and linked to its ledger row."""
    title = esc(f"{f.label_en} ({role.label.lower()}: {role.meaning})")
    # no link underline: the mark's own border is the cue, and it differs by role
    return (f'<a class="recount-fig recount-role-{role.name}" id="{esc(anchor(f.id))}" '
            f'href="{esc(fig_href(f.id))}" title="{title}" style="text-decoration:none" '
            f'aria-describedby="{esc(label_id(role.name))}">'
            f'<mark style="{role.mark_style()}">{esc(text)}{role.symbol_html()}</mark></a>')


def article_html(report: Report) -> str:
    """The whole source file, line by line, every figure's quote marked with its role and linked.

    Title and headings are bold; the site furniture before and after the article
    is shown muted, so nothing of the file is hidden.
    """
    ledger = report.ledger
    a = art.article(ledger)
    roles = figure_roles(report)
    head_at = set(a.headings.values())
    out, pos = [], 0
    for line in ledger.source.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        body = marked(ledger, start, end, lambda f, text: _mark(ROLES[roles[f.id]], f, text))
        if start == a.title_start:
            out.append(f'<p class="recount-source-title"><strong>{body}</strong></p>')
        elif start in head_at:
            out.append(f'<p class="recount-source-heading"><strong>{body}</strong></p>')
        elif start < a.title_start or start >= a.body_end:
            out.append(f'<p class="recount-furniture" style="color:#595959;font-size:0.85em">{body}</p>')
        else:
            out.append(f'<p id="src-{esc(a.at(start).key)}">{body}</p>')
    return f'<div class="recount-source" lang="zh-CN">{"".join(out)}</div>'


def _sample(role: Role, example: str) -> str:
    """The mark as the text shows it, on the first figure that carries it (as the article writes it)."""
    return (f'<mark style="{role.mark_style()}" aria-hidden="true"><span lang="zh-CN">{esc(example)}</span>'
            f'{role.symbol_html()}</mark>')


def legend_html(report: Report) -> str:
    """What each mark means, how many figures carry it, and a link to each inconsistent figure."""
    roles = figure_roles(report)
    order = sorted(report.ledger.figures.values(), key=lambda f: f.start)
    items = []
    for role in ROLES.values():
        ids = [f.id for f in order if roles[f.id] == role.name]
        links = ""
        if role.name == INCONSISTENT and ids:
            links = ": " + ", ".join(
                f'<a href="#{esc(anchor(fid))}">go to “<span lang="zh-CN">'
                f"{esc(report.ledger.figures[fid].quote)}</span>”</a>" for fid in ids)
        example = as_written(report.ledger.figures[ids[0]]) if ids else "\u3000\u3000"
        items.append(f'<li class="recount-legend-{role.name}">{_sample(role, example)} '
                     f'<strong id="{esc(label_id(role.name))}">{esc(role.label)}</strong> '
                     f"({len(ids)} {'figure' if len(ids) == 1 else 'figures'}): {esc(role.meaning)}{links}</li>")
    return ('<div class="recount-legend" role="note" aria-label="What the marks mean">'
            '<p style="margin:0 0 0.3em"><strong>What the marks mean</strong> (the colours and the symbol after '
            "each figure are this check's, not the article's)</p>"
            f'<ul style="list-style:none;padding-left:0;margin:0;line-height:1.7">{"".join(items)}</ul></div>')


def legend(report: Report) -> HTML:
    return HTML(legend_html(report))


def article(report: Report) -> HTML:
    return HTML(article_html(report))
