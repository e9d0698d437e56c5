"""Sphinx extension: publish machine-readable files beside the HTML pages.

At the end of a successful HTML build it writes ``claimreview.json`` (every
rate's verdict as schema.org ClaimReview, :mod:`recount.claimreview`) at the
root of the book, so a reader can download it and a fact-check aggregator can
fetch it. The ledger page embeds the same JSON-LD and links here.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from recount import paths

FILENAME = "claimreview.json"


def _newest_input() -> float:
    """mtime of the newest file the JSON is made from: the data and the library."""
    data = paths.data_dir()
    files = [*data.rglob("*.csv"), paths.source_path(data), *paths.PACKAGE_DIR.rglob("*.py")]
    return max(f.stat().st_mtime for f in files if f.exists())


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / FILENAME
    if target.exists() and target.stat().st_mtime >= _newest_input():
        return  # nothing it is made from changed: skip importing pandas (a no-change rebuild stays fast)
    from recount.claimreview import claim_reviews, to_json
    from recount.ledger import load_ledger
    from recount.report import Report

    text = to_json(claim_reviews(Report(load_ledger())))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    else:
        target.touch()  # up to date: mark it so the next build can skip the work


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
