"""What the appendix "What the draft finds" shows: the draft of our article against the hand ledger.

Each function returns :class:`IPython.display.HTML` built with :mod:`recount.publish.render`'s
escaping helpers; :func:`glue_values` gives every number the page's prose quotes.
"""

from __future__ import annotations

from collections import Counter

from IPython.display import HTML

from recount.draft.compare import Comparison
from recount.english import arithmetic_words
from recount.publish.render import badge_html, esc, glue_from, mixed, table_html, zh

#: exclusion kind -> how the appendix names it
EXCLUSION_KINDS = {
    "date": "dates", "year": "years", "time": "clock times", "ordinal": "ordinals and ranks",
    "list": "list markers and phase names", "code": "codes and names with digits", "indefinite": "一 as an article",
    "rhetoric": "reduplicated measure words", "idiom": "idioms", "word": "numeral characters inside words",
    "furniture": "page furniture", "ratio": "ratios",
}


def _as_written(f) -> str:
    """A figure (of the hand ledger or of the draft) as read: value, unit and any qualifier."""
    q = "" if f.qualifier == "exact" else f" ({f.qualifier})"
    return f"{f.value_text} {f.unit}{q}".strip()


def _same(ok: bool) -> str:
    return "✓ same" if ok else "<strong>✗ differs</strong>"


def figures_table(c: Comparison) -> HTML:
    """Every hand figure beside the draft's reading of the same words."""
    rows = []
    for m in c.figures:
        h, d = m.hand, m.drafted
        rows.append([zh(h.quote), esc(h.label_en), zh(_as_written(h)), zh(_as_written(d)) if d else "—",
                     _same(m.agrees)])
    return HTML(table_html(["quote", "what it counts", "hand ledger", "draft", ""], rows))


def differences_table(c: Comparison) -> HTML:
    """The figures the draft reads differently, and why."""
    rows = [[zh(m.hand.quote), zh(_as_written(m.hand)), mixed(m.why)] for m in c.figures if not m.agrees]
    return HTML(table_html(["quote", "hand ledger", "why the draft differs"], rows))


def claims_table(c: Comparison) -> HTML:
    """Every stated percentage: the hand verdict, the draft's, and the draft's arithmetic."""
    rows = []
    for m in c.claims:
        d = m.drafted
        verdicts = f"hand: {badge_html(m.hand_verdict)}<br>draft: {badge_html(d.verdict) if d else '—'}"
        rows.append([zh(m.hand.quote), esc(m.hand.label_en), verdicts, mixed(_arithmetic(d)) if d else "—",
                     mixed(d.reading_text()) if d else "—"])
    return HTML(table_html(["stated", "what it is", "verdicts", "draft's arithmetic", "counts the draft used"],
                           rows))


def _arithmetic(d) -> str:
    """The draft's arithmetic as the book prints numbers (``4,800 / 5,852 = 82.02%, which rounds to 82%``)."""
    if d.difference is not None or not d.readings:
        return d.arithmetic()
    return "; ".join(arithmetic_words(d.result(r)) for r in d.readings)


def exclusions_table(c: Comparison) -> HTML:
    """The numbers the draft left out, by kind, with examples as written."""
    by_kind: dict[str, list[str]] = {}
    for x in c.draft.exclusions:
        by_kind.setdefault(x.kind, []).append(x.quote)
    rows = []
    for kind, quotes in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        examples = "、".join(dict.fromkeys(quotes))
        rows.append([esc(EXCLUSION_KINDS.get(kind, kind)), esc(len(quotes)), zh(examples)])
    return HTML(table_html(["left out as", "numbers", "as written"], rows))


def glue_values(c: Comparison) -> dict[str, str]:
    """Every number the appendix's prose quotes, as text."""
    verdicts = Counter(m.drafted.verdict for m in c.claims if m.drafted)
    agree = sum(m.agrees for m in c.figures)
    xbq = next(m.drafted for m in c.claims if m.hand_id == "xbq_reopen_rate")
    return {
        "draft_hand_figures": str(len(c.figures)), "draft_figures_same": str(agree),
        "draft_figures_differ": str(len(c.figures) - agree),
        "draft_figure_share": f"{100 * agree / len(c.figures):.1f}%",
        "draft_figures_found": str(len(c.draft.figures)), "draft_extra": str(len(c.extra)),
        "draft_claims": str(len(c.claims)), "draft_claims_same": str(c.claims_agreeing),
        "draft_consistent": str(verdicts["consistent"]), "draft_inconsistent": str(verdicts["inconsistent"]),
        "draft_unverifiable": str(verdicts["unverifiable"]), "draft_left_out": str(len(c.draft.exclusions)),
        "draft_xbq_cited": xbq.figure.quote, "draft_xbq_readings": str(len(xbq.readings)),
    }


def glue_page(c: Comparison, page: str = "draft") -> dict[str, str]:
    """Glue (``myst_nb.glue``) the values of :func:`glue_values` that the book page ``page`` pastes.

    A key the page pastes that :func:`glue_values` does not make is an error naming the page.
    """
    return glue_from(page, glue_values(c), "recount.publish.draft_page.glue_values")
