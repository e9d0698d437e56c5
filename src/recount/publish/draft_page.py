"""What the appendix "What the draft finds" shows: the draft of our article against the hand ledger,
and the draft of the test articles written in the genre against a person's answers.

Each function returns :class:`IPython.display.HTML` built with :mod:`recount.publish.render`'s
escaping helpers; :func:`glue_values` gives every number the page's prose quotes.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from IPython.display import HTML

from recount import paths
from recount.draft.compare import AnswerMatch, Comparison, compare_answers, score
from recount.english import arithmetic_words, en_number
from recount.publish.render import badge_html, esc, glue_from, mixed, table_html, zh

#: exclusion kind -> how the appendix names it
EXCLUSION_KINDS = {
    "date": "dates", "year": "years", "time": "clock times", "ordinal": "ordinals and ranks",
    "list": "list markers and phase names", "code": "codes and names with digits", "indefinite": "一 as an article",
    "rhetoric": "reduplicated measure words", "idiom": "idioms", "word": "numeral characters inside words",
    "furniture": "page furniture", "ratio": "ratios", "per": "numbers per household or per person",
}
#: the test articles written in the genre, with a person's answers (answers.csv) and what each is (articles.csv)
GENRE_DIR = paths.ROOT / "tests" / "articles" / "genre"
SCRIPTS = {"zh-hans": "simplified", "zh-hant": "traditional"}


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
        drafted = f"{badge_html(d.verdict)} {esc(d.strength)}" if d else "—"
        verdicts = f"hand: {badge_html(m.hand_verdict)}<br>draft: {drafted}"
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


def _hand_inconsistent(c: Comparison) -> list:
    """The stated percentages the hand ledger finds inconsistent, as the draft reads them."""
    return [m for m in c.claims if m.hand_verdict == "inconsistent" and m.drafted is not None]


def glue_values(c: Comparison, matches: list[AnswerMatch] | None = None) -> dict[str, str]:
    """Every number the appendix's prose quotes, as text (``matches``: :func:`genre_matches`, drafted if not given)."""
    verdicts = Counter(m.drafted.verdict for m in c.claims if m.drafted)
    agree = sum(m.agrees for m in c.figures)
    wrong = _hand_inconsistent(c)
    values = {
        "draft_hand_figures": str(len(c.figures)), "draft_figures_same": str(agree),
        "draft_figures_differ": str(len(c.figures) - agree),
        "draft_figure_share": f"{100 * agree / len(c.figures):.1f}%",
        "draft_figures_found": str(len(c.draft.figures)), "draft_extra": str(len(c.extra)),
        "draft_claims": str(len(c.claims)), "draft_claims_same": str(c.claims_agreeing),
        "draft_consistent": str(verdicts["consistent"]), "draft_inconsistent": str(verdicts["inconsistent"]),
        "draft_unverifiable": str(verdicts["unverifiable"]), "draft_left_out": str(len(c.draft.exclusions)),
        "draft_hand_inconsistent": str(len(wrong)),
        "draft_inconsistent_cited": "、".join(m.drafted.figure.quote for m in wrong),
        "draft_inconsistent_readings": str(sum(len(m.drafted.readings) for m in wrong)),
        "draft_inconsistent_strong": str(sum(m.drafted.strength == "strong" for m in wrong)),
    }
    matches = genre_matches() if matches is None else matches
    s = score(matches)
    values |= {
        "genre_articles": str(len({m.answer.article for m in matches})),
        "genre_files": str(len({(m.answer.article, m.script) for m in matches})),
        "genre_claims": str(len(matches)), "genre_false_alarms": str(s.false_alarms),
        "genre_inconsistent": str(s.inconsistent), "genre_flagged": str(s.flagged),
        "genre_consistent": str(s.consistent), "genre_explained": str(s.explained),
        "genre_drafted_consistent": str(s.drafted_consistent), "genre_invented": str(s.invented),
        "genre_agree": str(sum(m.agrees for m in matches)),
        "genre_short": str(sum(not m.agrees for m in matches)),
    }
    return values


def genre_matches() -> list[AnswerMatch]:
    """The test articles' drafts beside a person's answers (none in a copy of the book without its tests)."""
    return compare_answers(GENRE_DIR) if (GENRE_DIR / "answers.csv").exists() else []


def _genres() -> dict[str, str]:
    import csv

    if not (GENRE_DIR / "articles.csv").exists():
        return {}
    paths.note_read(GENRE_DIR / "articles.csv")
    with (GENRE_DIR / "articles.csv").open(encoding="utf-8", newline="") as fh:
        return {r["article"]: r["genre"] for r in csv.DictReader(fh)}


def _counts(m: AnswerMatch) -> str:
    """The counts a person names, as the article writes them (with their units: 1,260户 / 1.92万户) when
    the draft names the same ones."""
    a = m.answer
    if not a.denominator:
        return "—"
    if m.right_counts and m.drafted.readings:
        return mixed(m.drafted.readings[0].fraction())
    def n(text: str) -> str:
        return en_number(Fraction(text))
    num = " + ".join(map(n, a.numerator))
    return esc(f"{num} / {n(a.denominator)}" if a.numerator else f"base {n(a.denominator)}")


def _drafted(m: AnswerMatch) -> str:
    d = m.drafted
    right = "" if d.verdict == "unverifiable" or not m.answer.denominator else \
        (" ✓ counts" if m.right_counts else " <strong>✗ counts</strong>")
    return f"{badge_html(d.verdict)} {esc(d.strength)}{right}"


def genre_tables(matches: list[AnswerMatch]) -> HTML:
    """One table per test article: each stated percentage, a person's verdict and counts, and the draft's
    verdict and strength on the simplified and the traditional text."""
    out = []
    for article, genre in _genres().items():
        rows = [m for m in matches if m.answer.article == article]
        by_script = {s: [m for m in rows if m.script == s] for s in SCRIPTS}
        cells = [[zh(h.drafted.figure.quote), badge_html(h.answer.verdict), _counts(h), _drafted(h), _drafted(t)]
                 for h, t in zip(by_script["zh-hans"], by_script["zh-hant"])]
        out.append(f"<p><strong>{mixed(genre)}</strong></p>" + table_html(
            ["stated", "a person's verdict", "a person's counts", "draft, simplified", "draft, traditional"], cells))
    return HTML("".join(out))


def genre_short_table(matches: list[AnswerMatch]) -> HTML:
    """The stated percentages where the draft does not give a person's answer: where a person is needed."""
    rows = [[zh(m.drafted.figure.quote), esc(SCRIPTS[m.script]), badge_html(m.answer.verdict), _counts(m),
             _drafted(m), mixed(m.drafted.note)] for m in matches if not m.agrees]
    return HTML(table_html(["stated", "text", "a person's verdict", "a person's counts", "draft", "draft's reason"],
                           rows))


def glue_page(c: Comparison, matches: list[AnswerMatch] | None = None, page: str = "draft") -> dict[str, str]:
    """Glue (``myst_nb.glue``) the values of :func:`glue_values` that the book page ``page`` pastes.

    A key the page pastes that :func:`glue_values` does not make is an error naming the page.
    """
    return glue_from(page, glue_values(c, matches), "recount.publish.draft_page.glue_values")
