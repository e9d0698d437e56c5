"""The ``draft`` and ``scan`` subcommands of ``python -m recount``.

``draft``: exit 0, or 2 on a bad file (one line on stderr naming file, line and
column; nothing on stdout, nothing written). ``scan``: exit 0 when every file
was read, 1 when any was skipped, 2 when the output cannot be written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from recount.errors import InputError


def run(args) -> int:
    return _draft(args) if args.command == "draft" else _scan(args)


def _draft(args) -> int:
    from recount.draft import draft, read_article
    from recount.draft.render import render_csv, render_table, write_ledger

    try:
        text = read_article(Path(args.article))
    except InputError as exc:
        print(f"recount: error: {exc}", file=sys.stderr)
        return 2
    d = draft(text)
    if args.format == "json":
        out = json.dumps(d.as_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_csv(d) if args.format == "csv" else render_table(d)
    if args.out:
        try:
            write_ledger(d, Path(args.out))
        except OSError as exc:
            return _cannot_write(args.out, exc)
    sys.stdout.write(out)
    return 0


def _scan(args) -> int:
    from recount.draft.scan import scan

    options = {"jobs": max(args.jobs, 1), "progress": sys.stderr.isatty()}
    try:
        if args.out:
            part = Path(args.out + ".part")
            with part.open("w", encoding="utf-8", newline="") as fh:
                skipped = scan(args.paths, fh, **options)
            part.replace(args.out)
        else:
            skipped = scan(args.paths, sys.stdout, **options)
    except OSError as exc:
        return _cannot_write(args.out, exc)
    if skipped:
        print(f"recount: {skipped} file(s) skipped", file=sys.stderr)
    return 1 if skipped else 0


def _cannot_write(path: str, exc: OSError) -> int:
    print(f"recount: error: {path}: cannot write: {exc.strerror or exc}", file=sys.stderr)
    return 2
