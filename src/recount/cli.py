"""``python -m recount check [--data DIR] [--format table|json|csv]``.

Also ``recount draft ARTICLE.txt [--format table|json|csv] [--out DIR]`` (a first
ledger for any article) and ``recount scan PATH... [--jobs N] [--out FILE]``
(the draft's claims for many files, one CSV): see :mod:`recount.draft`.

Exit 0 when every verdict (and constraint result) equals the one expected in
the ledger, 1 when any differs (they are listed on stderr), 2 on bad input (one
line on stderr naming file, line and column; nothing on stdout).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata

from recount.errors import InputError

TABLE_COLUMNS = ("id", "section", "quote", "cited", "recomputed", "off", "verdict")


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


def render_table(rows: list[dict], quote_cells: int = 28) -> str:
    cells = [[r["id"], str(r["section"]), clip(r["quote"], quote_cells), r["cited_text"] or "—",
              r["recomputed_text"], off_text(r), r["verdict"] + ("" if r["verdict"] == r["expected"] else f" (expected {r['expected']})")]
             for r in rows]
    return columns(TABLE_COLUMNS, cells)


def off_text(r: dict) -> str:
    """How far off a reading that misses: ``-5.48pp material, 5,121 of 5,852``; ``—`` otherwise."""
    if r.get("miss_pp") is None:
        return "—"
    sign = "-" if r["miss_direction"] == "below" else "+"
    return f"{sign}{r['miss_pp']:.2f}pp {r['miss_level']}, {r['needed_text']}"


def render_findings(report) -> str:
    """The cross-checks and superlatives that fail or are in tension, with their arithmetic."""
    lines = []
    for x in report.cross_findings():
        if hasattr(x, "constraint"):
            lines.append(f"{x.result}: {x.constraint.id} ({x.strength}): {x.detail}")
            if x.result == "tension":
                lines.append(f"  assumption that would have to fail: {x.reason_en}")
        else:
            lines.append(f"{x.result}: {x.claim.id} ({x.claim.quote})")
            for r in x.readings:
                lines.append(f"  {r.result}: {r.reading.reading_en}: {r.arithmetic}"
                             + (f"; needed: {r.needed}" if r.needed else ""))
            if x.assumption:
                lines.append(f"  {x.assumption}")
    return "\n".join(lines) + ("\n" if lines else "")


def csv_text(rows: list[dict], fields, extrasaction: str = "raise") -> str:
    """``rows`` as CSV text with a header, ``\\n`` line ends (``extrasaction`` as :class:`csv.DictWriter`'s)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), extrasaction=extrasaction, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def render_csv(rows: list[dict]) -> str:
    fields = ["id", "section", "claim", "quote", "cited", "recomputed_low", "recomputed_high",
              "recomputed_text", "reading", "fits", "verdict", "expected", "miss_pp", "miss_level",
              "needed_numerator", "needed_denominator"]
    return csv_text(rows, fields, extrasaction="ignore")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="recount", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="recompute every rate and compare verdicts with the ledger")
    check.add_argument("--data", default=None, help="data directory (default: the project's data/)")
    check.add_argument("--format", choices=("table", "json", "csv"), default="table")
    draft = sub.add_parser("draft", help="draft a ledger for any Chinese news article: figures and claims")
    draft.add_argument("article", help="a UTF-8 text file")
    draft.add_argument("--format", choices=("table", "json", "csv"), default="table")
    draft.add_argument("--out", default=None, help="also write figures.csv and rates.csv into this folder")
    scan = sub.add_parser("scan", help="the draft's claims for many files or folders, as one CSV")
    from recount.draft.cli import add_scan_arguments

    add_scan_arguments(scan)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("draft", "scan"):
        from recount.draft import cli as draft_cli

        return draft_cli.run(args)
    from recount.ledger import load_ledger  # standard library only: bad input is reported fast

    try:
        ledger = load_ledger(args.data)
    except InputError as exc:
        print(f"recount: error: {exc}", file=sys.stderr)
        return 2
    from recount.report import Report

    report = Report(ledger)
    rows = report.rate_records()
    if args.format == "json":
        out = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        out = render_csv(rows)
    else:
        score = report.scorecard()
        constraints = report.constraint_records()
        counts = {k: sum(c["result"] == k for c in constraints) for k in ("pass", "fail", "tension")}
        tested = [s for s in report.superlative_results if s.readings]
        sup = {k: sum(s.result == k for s in tested) for k in ("pass", "fail", "tension")}
        out = render_table(rows) + (
            "\nclaims: " + ", ".join(f"{n} {v}" for v, n in score.items())
            + f"\nconstraints: {counts['pass']} of {len(constraints)} pass, {counts['fail']} fail, "
              f"{counts['tension']} tension"
            + f"\nsuperlatives: {len(report.superlative_results)} found, {len(tested)} tested: {sup['pass']} pass, "
              f"{sup['fail']} fail, {sup['tension']} tension\n")
        findings = render_findings(report)
        if findings:
            out += "\n" + findings
    sys.stdout.write(out)
    mismatches = report.mismatches()
    for m in mismatches:
        print(f"recount: mismatch: {m}", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
