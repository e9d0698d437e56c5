"""The ``draft`` and ``scan`` subcommands of ``python -m recount``.

``draft``: exit 0, or 2 on a bad file (one line on stderr naming file, line and
column; nothing on stdout, nothing written). ``scan``: exit 0 when every file
was read, 1 when any was skipped, 2 when the output cannot be written or resumed.
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
    from recount.draft.scan import SchedulerError, scheduler_address
    from recount.draft.scan_output import ResumeError, Summary, drain, scan_to_file

    if args.resume and not args.out:
        print("recount: error: --resume needs --out (the output it goes on with)", file=sys.stderr)
        return 2
    options = {"jobs": max(args.jobs, 1), "scheduler": scheduler_address(args.scheduler)}
    progress = sys.stderr.isatty()
    try:
        if args.out:
            summary = scan_to_file(args.paths, Path(args.out), resume=args.resume, progress=progress,
                                   err=sys.stderr, **options)
        else:
            from recount.draft.scan import article_sources
            from recount.draft.scan_output import CsvSink, results

            summary = drain(results(article_sources(args.paths), **options), CsvSink(sys.stdout), sys.stderr,
                            progress, Summary())
    except (ResumeError, SchedulerError) as exc:
        print(f"recount: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        return _cannot_write(getattr(exc, "filename", None) or args.out or "stdout", exc)
    if args.report:
        try:
            report_writer()(summary, Path(args.report))
        except OSError as exc:
            return _cannot_write(args.report, exc)
    if summary.skipped:
        print(f"recount: {summary.skipped} file(s) skipped", file=sys.stderr)
    return 1 if summary.skipped else 0


REPORT_ENTRY_POINT = "recount.scan_report"


def report_writer():
    """The page writer of ``--report`` (:func:`recount.publish.scan_report.write_report`), found through the
    package's entry point: the draft layer comes before the publication layer and never imports it."""
    from importlib.metadata import entry_points

    (writer,) = entry_points(group=REPORT_ENTRY_POINT, name="html")
    return writer.load()


def _cannot_write(path: str, exc: OSError) -> int:
    print(f"recount: error: {path}: cannot write: {exc.strerror or exc}", file=sys.stderr)
    return 2
