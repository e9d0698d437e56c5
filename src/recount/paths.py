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


def pinned_source_sha256() -> str:
    """The hash the source must have: :data:`SOURCE_SHA256`, unless a test that
    builds a book from another (fixture) article sets ``$RECOUNT_SOURCE_SHA256``."""
    return os.environ.get(SOURCE_SHA256_ENV) or SOURCE_SHA256


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: ``override`` if given, else ``$RECOUNT_DATA``, else ``data/``."""
    if override is not None:
        return Path(override)
    env = os.environ.get("RECOUNT_DATA")
    return Path(env) if env else DATA_DIR


def source_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / SOURCE_NAME


def datapackage_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / DATAPACKAGE_NAME


def note_read(path: Path) -> None:
    """Record that ``path`` was read."""
    READS.add(str(Path(path).resolve()))
