"""The book's words for its outcomes, and how each looks: one place.

The words are the schema's (``data/datapackage.json``): a rate's verdict is one of
``rates.expected``'s values, a cross-check's result one of ``constraints.expected``'s,
a superlative's one of ``superlatives.expected``'s, a strength one of
``strengths.strength``'s; ``tests/test_vocabulary.py`` holds the tables below to them.
Each outcome has one symbol, one colour and one ground (a badge's background): the
badges and the Source page's marks (:mod:`recount.publish.render`), the charts
(:mod:`recount.publish.plots`), the link-preview card (:mod:`recount.publish.card`) and
the stylesheet (``--recount-<outcome>`` variables, written at build time by
:mod:`recount.sphinx.static`) all read them here. Each colour meets WCAG AA (4.5:1) on
its ground and on white.
"""

from __future__ import annotations

CONSISTENT, INCONSISTENT, UNVERIFIABLE, DERIVED = "consistent", "inconsistent", "unverifiable", "derived"
PASS, FAIL, TENSION, NOT_A_CLAIM = "pass", "fail", "tension", "not_a_claim"
NOT_CONTRADICTED = "not_contradicted"
#: the results of a test (a cross-check, a superlative's reading), in the order the book counts them
RESULTS = (PASS, FAIL, TENSION, NOT_CONTRADICTED)
HARD, SOFT = "hard", "soft"
#: a test's result as prose says it: "the claim is in tension", "read as firms alone, it is contradicted"
RESULT_PHRASE: dict[str, str] = {PASS: "borne out", FAIL: "contradicted", TENSION: "in tension",
                                 NOT_CONTRADICTED: "not contradicted", UNVERIFIABLE: "unverifiable",
                                 NOT_A_CLAIM: "not a claim"}

#: what each verdict means, in the words the book, the CLI and ClaimReview use
MEANING: dict[str, str] = {
    CONSISTENT: "Recomputed from the article's own counts, the rate rounds to the figure cited "
                "(under at least one reading of what was divided by what).",
    INCONSISTENT: "No reading of the article's counts gives a rate that rounds to the figure cited.",
    UNVERIFIABLE: "The article cites the rate but gives no counts to recompute it from.",
    DERIVED: "The article gives the counts but states no rate; Recount computes one for context.",
}
#: verdict -> (symbol, colour, ground)
VERDICT_LOOK: dict[str, tuple[str, str, str]] = {
    CONSISTENT: ("✓", "#00573F", "#DDF2EA"),
    INCONSISTENT: ("✗", "#8A3200", "#FCE4D6"),
    UNVERIFIABLE: ("?", "#3D3D3D", "#EBEBEB"),
    DERIVED: ("=", "#004B76", "#DCEBF7"),
}
#: a cross-check's or a superlative's result -> the same scheme: a pass looks like a consistent
#: claim, a failure like an inconsistent one
RESULT_LOOK: dict[str, tuple[str, str, str]] = {
    PASS: VERDICT_LOOK[CONSISTENT],
    FAIL: VERDICT_LOOK[INCONSISTENT],
    TENSION: ("!", "#6B4E00", "#FFF4CC"),
    NOT_A_CLAIM: ("–", "#3D3D3D", "#EBEBEB"),
    NOT_CONTRADICTED: ("~", "#3D3D3D", "#EBEBEB"),
    UNVERIFIABLE: VERDICT_LOOK[UNVERIFIABLE],
}
STRENGTHS = (HARD, SOFT)
#: the draft's whole-count test on a rate given with its base alone (``recount draft``; not a ledger verdict)
DRAFT_LOOK: dict[str, tuple[str, str, str]] = {
    "possible": ("~", "#3D3D3D", "#EBEBEB"),
    "impossible": VERDICT_LOOK[INCONSISTENT],
}


def colour(outcome: str) -> str:
    """The one colour of a verdict or a result."""
    return (VERDICT_LOOK.get(outcome) or RESULT_LOOK[outcome])[1]


def css_variables() -> str:
    """The stylesheet's colours: ``--recount-<outcome>`` and ``--recount-<outcome>-ground``."""
    looks = {**VERDICT_LOOK, **RESULT_LOOK}
    lines = [f"  --recount-{name.replace('_', '-')}: {fg};\n  --recount-{name.replace('_', '-')}-ground: {bg};"
             for name, (_, fg, bg) in looks.items()]
    return ("/* Written by recount.sphinx.static from recount.vocabulary: edit the colours there. */\n"
            ":root {\n" + "\n".join(lines) + "\n}\n")
