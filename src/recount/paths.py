"""Where the project's files are, and a record of which data files were read.

Nothing else in the project hard-codes a path: chapters and tests ask here.

The book build keys each notebook's execution on the files it actually reads:
every data file opened through :func:`note_read` is in :data:`READS`, which
``recount.sphinx.build`` asks the notebook's kernel for when it has run, so
editing ``data/rates.csv`` re-executes exactly the chapters that read it.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
DATA_DIR = ROOT / "data"
BOOK_DIR = ROOT / "book"
BUILD_DIR = ROOT / "_build"

SOURCE_NAME = "source/article.zh.txt"
FIGURES_NAME = "figures.csv"
RATES_NAME = "rates.csv"
CONSTRAINTS_NAME = "constraints.csv"
EVENTS_NAME = "events.csv"
EXCLUSIONS_NAME = "exclusions.csv"
STRENGTHS_NAME = "strengths.csv"
SUPERLATIVES_NAME = "superlatives.csv"
READINGS_NAME = "superlative_readings.csv"
DATAPACKAGE_NAME = "datapackage.json"
PLACES_NAME = "places.csv"
LABELS_NAME = "labels.csv"
#: the committed output tier (`make output`: recount.publish.output): verdicts.csv, claimreview.json
OUTPUT_DIR = DATA_DIR / "output"
#: the data behind each chart of the book, one CSV a chart (written with the output tier)
CHART_DATA_DIR = OUTPUT_DIR / "charts"

#: sha256 of the source article as captured; the source is never edited.
SOURCE_SHA256 = "685002a66039480f536e719b3260a793d48920c888e31006cb0d3e815396bd25"

#: absolute paths of the data files read by this process (:func:`note_read`)
READS: set[str] = set()
SOURCE_SHA256_ENV = "RECOUNT_SOURCE_SHA256"


def pinned_source_sha256(base: Path | None = None) -> str:
    """The hash the source of the data folder ``base`` must have.

    ``$RECOUNT_SOURCE_SHA256`` if a test sets it; else the ``hash`` (``sha256:<hex>``) of the source
    in the folder's own ``datapackage.json`` (``sources``; ``recount new`` pins it there); else, for
    a folder that pins none, :data:`SOURCE_SHA256`."""
    return os.environ.get(SOURCE_SHA256_ENV) or own_source_sha256(base or data_dir()) or SOURCE_SHA256


def own_source_sha256(base: Path) -> str | None:
    """The source's sha256 as the folder's ``datapackage.json`` pins it, or None."""
    import json

    try:
        package = json.loads(datapackage_path(base).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for source in package.get("sources", []) if isinstance(package, dict) else []:
        digest = source.get("hash", "") if isinstance(source, dict) else ""
        if source.get("path") == SOURCE_NAME and isinstance(digest, str) and digest.startswith("sha256:"):
            return digest.removeprefix("sha256:")
    return None


def source_mismatch(digest: str, pinned: str) -> str:
    """What the check says when a source is not the text its folder pinned: both hashes, what to do."""
    return (f"sha256 {digest} does not match the pinned {pinned} (datapackage.json): the source must stay "
            "byte for byte as captured; restore it, or to check a new text make a new folder for it "
            "with `python -m recount new ARTICLE.txt DIR`")


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: ``override`` if given, else ``$RECOUNT_DATA``, else ``data/``."""
    if override is not None:
        return Path(override)
    env = os.environ.get("RECOUNT_DATA")
    return Path(env) if env else DATA_DIR


def book_dir() -> Path:
    """The folder of the book's pages: ``$RECOUNT_BOOK`` (a generated book, ``recount book``), else ``book/``."""
    env = os.environ.get("RECOUNT_BOOK")
    return Path(env) if env else BOOK_DIR


def source_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / SOURCE_NAME


def datapackage_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / DATAPACKAGE_NAME


def note_read(path: Path) -> None:
    """Record that ``path`` was read."""
    READS.add(str(Path(path).resolve()))
