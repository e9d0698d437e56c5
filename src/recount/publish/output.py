"""The committed output tier, ``data/output/``: what the book publishes, kept in git so that a
change to a verdict, a review or a chart's numbers shows in a diff.

Three tiers, as a data desk keeps them: the source (``data/source/``, never edited), the ledger
(``data/*.csv``, written by hand) and this one, derived, never edited by hand and rewritten by
``make output`` (``make book`` runs it whenever a ledger table or the library changed):

``verdicts.csv``       every rate with its recomputation and verdict (``recount check --format csv``)
``claimreview.json``   every claim's ClaimReview record (the book's ``claimreview.json``)
``charts/<name>.csv``  the data behind each chart, linked under it in the book

``tests/test_output.py`` fails when a committed file differs from what the library computes now.
"""

from __future__ import annotations

from pathlib import Path

from recount import paths, tables
from recount.report import Report

OUTPUT_DIR = paths.OUTPUT_DIR


def output_dir(report: Report) -> Path:
    """The output tier of the report's own data folder (never another article's)."""
    return Path(report.ledger.data_dir) / "output"


def expected(report: Report) -> dict[str, str]:
    """Every file of the tier, by its path under ``data/output/``, as the library makes it now."""
    from recount.publish import plots
    from recount.publish.claimreview import claim_reviews, to_json

    out = {"verdicts.csv": tables.render_csv(report.rate_records()), "claimreview.json": to_json(claim_reviews(report))}
    out.update({f"charts/{name}.csv": text for name, text in plots.chart_data(report).items()})
    return out


def stale(report: Report, out_dir: Path | None = None) -> list[str]:
    """The files that are missing, out of date or no longer made (paths under ``out_dir``, by default
    the report's own data folder's ``output/``)."""
    out_dir = out_dir or output_dir(report)
    want = expected(report)
    have = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    changed = [name for name, text in want.items()
               if not (out_dir / name).is_file() or (out_dir / name).read_text(encoding="utf-8") != text]
    return sorted(changed + [name for name in have - set(want)])


def write(report: Report, out_dir: Path | None = None) -> list[str]:
    """Bring the tier up to date: write what changed, remove what is no longer made."""
    out_dir = out_dir or output_dir(report)
    want = expected(report)
    todo = stale(report, out_dir)
    for name in todo:
        path = out_dir / name
        if name in want:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(want[name], encoding="utf-8")
        else:
            path.unlink()
    return todo


if __name__ == "__main__":  # `python -m recount.publish.output` (make output)
    import sys

    from recount.errors import InputError
    from recount.ledger import load_ledger

    try:
        report = Report(load_ledger())
    except InputError as exc:  # one line naming the file, the line and the column, as the CLI gives it
        sys.exit(f"recount: error: {exc}")
    for name in write(report):
        print(f"updated {output_dir(report) / name}")
