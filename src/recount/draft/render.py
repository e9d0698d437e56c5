"""A draft written out: a terminal table or a CSV of its claims (``recount draft --format table|csv``),
or ``figures.csv`` and ``rates.csv`` in the ledger's schema (``recount draft --out DIR``).

In the ledger files each figure's quote is the shortest piece of the line
around it, starting with the figure as written, that occurs once in the text,
so :func:`recount.ledger.load_figures` anchors it where the draft found it.
Each claim becomes one row per reading listed (``expected`` is the draft's
verdict); a claim with no reading, a threshold that no reading fits, or a
change, is one row without counts, so the ledger's engine gives the same
verdict. A claim explained only as a remainder, (c − a) / c, cannot be written
as a ledger rate (numerators are sums): its row has no counts, ``expected``
unverifiable, and the draft's verdict and arithmetic in ``note_en``. A
percentage-point difference is a figure, not a rate: it has no row.
"""

from __future__ import annotations

from pathlib import Path

from recount.draft import Draft
from recount.ledger import FIGURE_COLUMNS, RATE_COLUMNS
from recount.draft.claims import IMPOSSIBLE, POSSIBLE
from recount.tables import clip, columns, csv_text
from recount.verdict import CONSISTENT, INCONSISTENT, UNVERIFIABLE

#: the claim's JSON keys (:meth:`recount.draft.claims.Claim.as_json`), as CSV columns; ``recount scan`` writes the
#: same strength, reason, reading, miss_pp and miss_level, so a desk can sort strong findings first
CLAIM_COLUMNS = ("start", "end", "cited", "verdict", "strength", "numerator", "denominator", "arithmetic", "reading",
                 "reason", "miss_pp", "miss_level")


# ---------------------------------------------------------------- the claims: CSV and table
def render_csv(d: Draft) -> str:
    rows = []
    for c in d.claims:
        j = c.as_json()
        rows.append({"miss_pp": "", "miss_level": "", **j, "numerator": "+".join(x["value"] for x in j["numerator"]),
                     "denominator": "+".join(x["value"] for x in j["denominator"])})
    return csv_text(rows, CLAIM_COLUMNS)


def render_table(d: Draft) -> str:
    cells = [[str(c.figure.start), c.figure.quote, c.verdict, c.strength, clip(c.arithmetic(), 70)] for c in d.claims]
    verdicts = [c.verdict for c in d.claims]
    summary = ", ".join(f"{verdicts.count(v)} {v}" for v in (CONSISTENT, INCONSISTENT, UNVERIFIABLE))
    summary += "".join(f", {verdicts.count(v)} {v}" for v in (POSSIBLE, IMPOSSIBLE) if v in verdicts)
    return columns(("offset", "cited", "verdict", "strength", "arithmetic"), cells) \
        + f"\nfigures: {len(d.figures)}; claims: {len(d.claims)} ({summary})\n"


# ---------------------------------------------------------------- the ledger: figures.csv and rates.csv
def unique_quote(text: str, start: int, end: int) -> str:
    """The shortest ``text[a:b]`` with a <= start, b >= end, within the line, that occurs once."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    a, b = start, end
    while text.count(text[a:b]) > 1:
        if b < line_end:
            b += 1
        elif a > line_start:
            a -= 1
        else:
            break
    return text[a:b]


def figure_ids(d: Draft) -> list[str]:
    return [f"fig_{i + 1:03d}" for i in range(len(d.figures))]


def figure_rows(d: Draft) -> list[dict]:
    return [{"id": fid, "section": sec, "quote": unique_quote(d.text, f.start, f.end), "value": f.value_text,
             "unit": f.unit, "qualifier": f.qualifier, "label_en": ""}
            for fid, sec, f in zip(figure_ids(d), d.sections(), d.figures)]


def rate_rows(d: Draft) -> list[dict]:
    ids = {id(f): fid for fid, f in zip(figure_ids(d), d.figures)}
    sections = dict(zip((id(f) for f in d.figures), d.sections()))
    rows = []
    for n, claim in enumerate(c for c in d.claims if c.figure.kind == "percent"):
        readings = [r for r in claim.readings if not r.complement] if claim.verdict in (CONSISTENT, INCONSISTENT) else []
        expected = claim.verdict if readings else UNVERIFIABLE
        note = "draft: to be confirmed" if readings else "draft: " + claim.reading_text()
        if claim.readings and not readings:
            note = f"draft: {claim.verdict} as a remainder, which a ledger rate cannot write: {claim.reading_text()}"
        for k, r in enumerate(readings or [None]):
            rows.append({
                "id": f"claim_{n + 1:03d}" + (f"_{k + 1}" if len(readings) > 1 else ""),
                "section": sections[id(claim.figure)],
                "numerator": "+".join(ids[id(f)] for f in r.numerator) if r else "",
                "denominator": "+".join(ids[id(f)] for f in r.denominator) if r else "",
                "cited": ids[id(claim.figure)], "reading": r.describe() if r else "", "expected": expected,
                "note_en": note,
            })
    return rows


def write_ledger(d: Draft, out_dir: Path) -> None:
    """Write ``figures.csv`` and ``rates.csv`` into ``out_dir`` (created); both or neither."""
    out_dir.mkdir(parents=True, exist_ok=True)
    bodies = {"figures.csv": csv_text(figure_rows(d), FIGURE_COLUMNS),
              "rates.csv": csv_text(rate_rows(d), RATE_COLUMNS)}
    for name, body in bodies.items():
        (out_dir / f"{name}.tmp").write_text(body, encoding="utf-8")
    for name in bodies:
        (out_dir / f"{name}.tmp").replace(out_dir / name)
