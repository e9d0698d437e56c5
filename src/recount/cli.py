"""``python -m recount check [--data DIR] [--format table|json|csv]``.

``recount new ARTICLE.txt DIR [--title T] [--place P] [--date D] [--url U]`` makes a
complete folder for any article (:mod:`recount.folder`): its source, pinned by
sha256, every ledger table, the draft's figures and rates. ``recount book DIR
[--out HTML_DIR]`` builds its checked book (:mod:`recount.publish.book`).

Also ``recount draft ARTICLE.txt [--format table|json|csv] [--out DIR]`` (a first
ledger for any article) and ``recount scan PATH... [--jobs N] [--out FILE]``
(the draft's claims for many files, one CSV): see :mod:`recount.draft`.

Exit 0 when every verdict (and constraint result) equals the one expected in
the ledger, 1 when any differs (they are listed on stderr), 2 on bad input (one
line on stderr naming file, line and column; nothing on stdout).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

from recount import paths
from recount.errors import InputError
from recount.tables import clip, columns, render_csv
from recount.vocabulary import RESULTS

TABLE_COLUMNS = ("id", "section", "quote", "cited", "recomputed", "off", "verdict")
QUOTE_CELLS = 28  # terminal cells of a quote in the table


def _by_result(results) -> str:
    """How many of ``results`` each result has: the cross-checks' results always, any other found after
    them (2 pass, 0 fail, 1 tension, 3 not contradicted, 1 unverifiable)."""
    counts = Counter(r.result for r in results)
    order = [*RESULTS, *sorted(set(counts) - set(RESULTS))]
    return ", ".join(f"{counts.get(k, 0)} {k.replace('_', ' ')}" for k in order)


def render_table(rows: list[dict]) -> str:
    cells = [[r["id"], str(r["section"]), clip(r["quote"], QUOTE_CELLS), r["cited_text"] or "—",
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
    new = sub.add_parser("new", help="make a complete folder for any article: its source, every ledger table, the draft")
    new.add_argument("article", help="a UTF-8 text file")
    new.add_argument("dir", help="the folder to make (new or empty)")
    for name, what in (("title", "the article's title (default: its first line, when it reads as a title)"),
                       ("place", "the place it reports on (default: one named at the start of the title)"),
                       ("date", "its date, YYYY-MM-DD (default: a dated byline)"),
                       ("url", "its address (default: one in the text)")):
        new.add_argument(f"--{name}", default=None, help=what)
    book = sub.add_parser("book", help="build the checked HTML book of an article's folder")
    book.add_argument("dir", help="the article's folder (made by `recount new`)")
    book.add_argument("--out", default=None, help="where the HTML goes (default: DIR/_build/html)")
    scan = sub.add_parser("scan", help="the draft's claims for many files or folders, as one CSV")

    add_scan_arguments(scan)
    return parser


def add_scan_arguments(parser) -> None:
    """The options of ``recount scan`` (its parser is made by :mod:`recount.cli`)."""
    parser.add_argument("paths", nargs="+", help="files or folders (searched recursively), local or fsspec URLs")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes on this machine (default 1)")
    parser.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                        help="a dask.distributed scheduler to send the files to (default: "
                             "$DASK_SCHEDULER_ADDRESS if set, else this machine)")
    parser.add_argument("--out", default=None,
                        help="FILE.csv or FILE.parquet to write, with FILE.files.csv beside it (default: CSV on stdout)")
    parser.add_argument("--resume", action="store_true",
                        help="go on with an interrupted scan into the same --out: skip the files it holds")
    parser.add_argument("--report", default=None, metavar="DIR", help="also write a one-page HTML report in DIR")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("draft", "scan"):
        from recount.draft import cli as draft_cli

        return draft_cli.run(args)
    if args.command == "new":
        return new(args)
    if args.command == "book":
        return build_book(args.dir, args.out)
    from recount.folder import check_complete
    from recount.ledger import load_ledger  # standard library only: bad input is reported fast

    try:
        if args.data is not None:
            check_complete(args.data)
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
        tested = [s for s in report.superlative_results if s.readings]
        out = render_table(rows) + (
            "\nclaims: " + ", ".join(f"{n} {v}" for v, n in score.items())
            + f"\nconstraints: {len(report.constraint_results)} checked: {_by_result(report.constraint_results)}"
            + f"\nsuperlatives: {len(report.superlative_results)} found, {len(tested)} tested: "
              f"{_by_result(tested)}\n")
        findings = render_findings(report)
        if findings:
            out += "\n" + findings
    sys.stdout.write(out)
    mismatches = report.mismatches()
    for m in mismatches:
        print(f"recount: mismatch: {m}", file=sys.stderr)
    return 1 if mismatches else 0


def new(args) -> int:
    """``recount new``: the folder, or one line on stderr and exit 2 (nothing written)."""
    from datetime import date
    from pathlib import Path

    from recount.draft.new import make

    if args.date is not None:
        try:
            date.fromisoformat(args.date)
        except ValueError:
            print(f"recount: error: --date {args.date!r}: not a date (YYYY-MM-DD)", file=sys.stderr)
            return 2
    given = {"title": args.title, "place": args.place, "date": args.date, "url": args.url}
    try:
        made = make(Path(args.article), Path(args.dir), given)
    except InputError as exc:
        print(f"recount: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"recount: error: {args.dir}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    unknown = [k for k, v in made.found.items() if not v]
    print(f"{args.dir}: {made.figures} figures and {made.rates} rates drafted ({made.claims} stated percentages), "
          "every one a draft until you confirm it."
          + (f" Left out, as the ledger cannot hold them: {'; '.join(made.dropped)}." if made.dropped else "")
          + (f" Not known: {', '.join(unknown)} (give them with --{' --'.join(unknown)})." if unknown else "")
          + f"\nNext: write label_en in {args.dir}/figures.csv, confirm each rate in {args.dir}/rates.csv "
            f"(delete the 'draft' of its note_en), then\n  python -m recount check --data {args.dir}\n"
            f"  python -m recount book {args.dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# ---------------------------------------------------------------- recount book: the top layer builds


def _publish(html: Path, out: Path) -> None:
    """Copy the built HTML to ``out``: a folder that is new, empty or a book this command wrote."""
    if out.exists() and any(out.iterdir()) and not (out / ".buildinfo").is_file():
        raise InputError(out, None, None, "exists, is not empty and is not a book: give another --out")
    tmp = out.with_name(f".{out.name}.part")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(html, tmp)
    shutil.rmtree(out, ignore_errors=True)
    tmp.replace(out)


def build_book(folder: str, out: str | None = None) -> int:
    """Check the folder, write its book, build it, publish the HTML; 0, 1 (the build failed) or 2 (bad input)."""
    from recount.folder import check_complete
    from recount.publish.book import BUILD_FLAGS, write_book

    data = Path(folder).resolve()
    target = Path(out).resolve() if out else data / "_build" / "html"
    root = data / "_build" / "book"
    try:
        check_complete(data)
        if target.exists() and any(target.iterdir()) and not (target / ".buildinfo").is_file():
            raise InputError(target, None, None, "exists, is not empty and is not a book: give another --out")
        write_book(data, root)
    except InputError as exc:
        print(f"recount: error: {exc}", file=sys.stderr)
        return 2
    os.environ.update({"RECOUNT_DATA": str(data), "RECOUNT_BOOK": str(root / "book")})
    os.environ.pop(paths.SOURCE_SHA256_ENV, None)
    for key, value in (("SOURCE_DATE_EPOCH", None), ("TZ", "UTC"), ("LC_ALL", "C.UTF-8")):
        if value is None:
            from recount.sphinx.build import SOURCE_DATE_EPOCH as value
        os.environ.setdefault(key, value)
    from recount.sphinx import build

    status = build.main([str(root), *BUILD_FLAGS], shared=True)  # one kernel per process: many short pages
    if status:
        print(f"recount: error: the book of {folder} did not build (see above)", file=sys.stderr)
        return 1
    _publish(root / "_build" / "html", target)
    print(f"recount: the book of {folder} is in {target} (open index.html)")
    return 0
