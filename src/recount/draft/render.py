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
from recount.draft.claims import IMPOSSIBLE, POSSIBLE, TABLE_CELL
from recount.ledger import FIGURE_COLUMNS, RATE_COLUMNS
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
    """The shortest ``text[a:b]`` with a <= start, b >= end, within the line, that occurs once, reaching
    left (to the words that say what the number is) before right, and never cutting a number in two; in a
    table's row, the row up to the figure when that is unique (|蔬菜|400|10|2.5%|: 蔬菜 | 400 | 10 | 2.5%)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text.count(text[start:end]) == 1:
        return text[start:end]
    row = text[line_start:end].lstrip(" |\t")
    if TABLE_CELL.search(row) and text.count(row) == 1:
        return row
    for grow in range(1, line_end - line_start + 1):
        for left in range(min(grow, start - line_start), -1, -1):
            a, b = start - left, end + grow - left
            if b > line_end or _cuts_number(text, a, b):
                continue
            if text.count(text[a:b]) == 1:
                return text[a:b]
    return text[line_start:line_end]


def _cuts_number(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` starts or ends inside a run of digits (10 | 2.5% cut to 0 | 2.5%)."""
    digit = lambda i: 0 <= i < len(text) and (text[i].isdigit() or text[i] in ".,")  # noqa: E731
    return (digit(a - 1) and digit(a)) or (digit(b - 1) and digit(b))


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
                "cited": ids[id(claim.figure)], "reading": r.fraction() if r else "", "expected": expected,
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
