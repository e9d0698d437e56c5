"""A draft as a terminal table or CSV (``recount draft --format table|csv``)."""

from __future__ import annotations

import csv
import io

from recount.draft import Draft

CLAIM_COLUMNS = ("start", "end", "cited", "verdict", "numerator", "denominator", "arithmetic", "reading")


def claim_rows(d: Draft) -> list[dict]:
    rows = []
    for c in d.claims:
        j = c.as_json()
        rows.append({**j, "numerator": "+".join(x["value"] for x in j["numerator"]),
                     "denominator": "+".join(x["value"] for x in j["denominator"])})
    return rows


def render_csv(d: Draft) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(claim_rows(d))
    return buf.getvalue()


def render_table(d: Draft) -> str:
    from recount.cli import clip, pad, width

    headers = ("offset", "cited", "verdict", "arithmetic")
    cells = [[str(r["start"]), r["cited"], r["verdict"], clip(r["arithmetic"], 70)] for r in claim_rows(d)]
    widths = [max(width(h), *(width(c[i]) for c in cells)) if cells else width(h) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(v, w) for v, w in zip(c, widths)).rstrip() for c in cells]
    verdicts = [c.verdict for c in d.claims]
    summary = ", ".join(f"{verdicts.count(v)} {v}" for v in ("consistent", "inconsistent", "unverifiable"))
    return "\n".join(lines) + f"\n\nfigures: {len(d.figures)}; claims: {len(d.claims)} ({summary})\n"
