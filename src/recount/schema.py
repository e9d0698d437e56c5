"""The data files, column by column, for the book's data page.

When ``data/datapackage.json`` (a Frictionless data package) exists, its field
names, types and descriptions are the authority and are read from it; a column
it does not describe falls back to :data:`COLUMN_DOCS`. Without it the columns are
read from each CSV's header and described from :data:`COLUMN_DOCS`, which states
what :mod:`recount.ledger` checks on load.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from recount import paths
from recount.errors import InputError
from recount.ledger import read_bytes

EXCLUSIONS_NAME = "exclusions.csv"  # recount.ledger.load_exclusions reads this name

#: the ledger tables, in the order the data page lists them: file name -> what a row is
TABLES: dict[str, str] = {
    paths.FIGURES_NAME: "one number the article writes, anchored by the Chinese words that carry it",
    paths.RATES_NAME: "one reading of a rate: a cited percentage, the counts it may be recomputed from, or both",
    paths.CONSTRAINTS_NAME: "one cross-check between figures",
    paths.EVENTS_NAME: "one dated event of the article",
    EXCLUSIONS_NAME: "one pattern of numbers in the text that are not figures, with the reason",
}

#: file -> column -> (type, description)
COLUMN_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "figures.csv": {
        "id": ("string (slug)", "Unique name of the figure: lower case, digits and _, starting with a letter."),
        "section": ("integer 0–3", "Where it is: 0 the lede, 1–3 the article's three headed sections."),
        "quote": ("string (Chinese)", "The exact words of the article that carry the number; must occur "
                                      "exactly once in the source, which anchors the row to its place."),
        "value": ("number", "The number as written (Arabic, or the value of a Chinese numeral such as 两), "
                            "in the unit as written; must be a number the quote carries."),
        "unit": ("string", "The unit as written: 户, 家, 个, 名, 人次, %, 元, 万元 (10,000 yuan), 万人 …"),
        "qualifier": ("string", "exact, or the word that makes the number approximate (余, 多, 万余, 超过, "
                                "近, 左右, 约) or a forecast (预计); fixes the interval it stands for."),
        "label_en": ("string (English)", "What the number counts, in English."),
    },
    "rates.csv": {
        "id": ("string (slug)", "Unique name of the rate (one reading of a claim)."),
        "section": ("integer 0–3", "The section the rate belongs to."),
        "numerator": ("figure ids joined by +", "The counts summed above the line; empty if the article "
                                                "gives none."),
        "denominator": ("figure ids joined by +", "The counts summed below the line; given with the "
                                                  "numerator or not at all."),
        "cited": ("figure id", "The percentage the article states; empty for a rate the article does not "
                               "state (derived). Readings of one claim share it."),
        "reading": ("string (English)", "Which counts are divided by which, when more than one reading is "
                                        "tried."),
        "expected": ("verdict", "The verdict the ledger expects (consistent, inconsistent, unverifiable, "
                                "derived); the check fails when the computed verdict differs."),
        "note_en": ("string (English)", "Why this reading, or why there is nothing to compute."),
    },
    "constraints.csv": {
        "id": ("string (slug)", "Unique name of the check."),
        "section": ("integer 0–3", "The section the check belongs to."),
        "kind": ("le | enumeration | enumeration_partial | within", "The kind of check (see Methods)."),
        "left": ("figure ids joined by +", "The part, the stated count, or the overall rate."),
        "right": ("figure ids joined by +", "The total, or the parts' rates; empty for an enumeration."),
        "items": ("strings joined by |", "For an enumeration: the items the text lists, each verbatim."),
        "expected": ("pass | fail", "The result the ledger expects."),
        "note_en": ("string (English)", "What is checked and why."),
    },
    "events.csv": {
        "id": ("string (slug)", "Unique name of the event."),
        "section": ("integer 0–3", "The section that mentions it."),
        "date": ("date (YYYY-MM-DD)", "The date; for an event dated to a month only, the first of the month."),
        "precision": ("day | month", "How precisely the article dates it."),
        "quote": ("string (Chinese)", "The words that give the date; must occur once in the source."),
        "label_en": ("string (English)", "What happened."),
    },
    "exclusions.csv": {
        "pattern": ("regular expression", "Numbers in the text matched by it are not figures."),
        "kind": ("string", "What they are instead: a date, a name, a time, an idiom, page furniture …"),
        "reason_en": ("string (English)", "Why they are not figures; required."),
    },
}

SOURCE_FILES = ("source/article.zh.txt", "source/article.zh.lines.sha256")


def datapackage(data_dir: Path | None = None) -> dict | None:
    """The parsed ``datapackage.json``, or None when there is none."""
    path = paths.datapackage_path(paths.data_dir(data_dir))
    if not path.is_file():
        return None
    try:
        return json.loads(read_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, None, None, f"not valid UTF-8 JSON: {exc}") from None


def header(path: Path) -> list[str]:
    text = read_bytes(path).decode("utf-8-sig")
    return [h.strip() for h in next(csv.reader(io.StringIO(text)), [])]


def _resource_fields(package: dict | None) -> dict[str, dict[str, dict]]:
    """file name -> field name -> field descriptor, from the data package."""
    out: dict[str, dict[str, dict]] = {}
    for res in (package or {}).get("resources", []):
        name = Path(str(res.get("path", ""))).name
        fields = res.get("schema", {}).get("fields", []) if isinstance(res.get("schema"), dict) else []
        out[name] = {f.get("name"): f for f in fields if isinstance(f, dict)}
    return out


def columns(table: str | None = None, data_dir: Path | None = None) -> pd.DataFrame:
    """One row per column of every ledger table (or of ``table`` only, without the file column):
    file, column, type, description, and where the description came from."""
    base = paths.data_dir(data_dir)
    package = datapackage(base)
    described = _resource_fields(package)
    rows = []
    for name in TABLES:
        docs = COLUMN_DOCS[name]
        fields = described.get(name, {})
        cols = [f for f in fields] if fields else header(base / name)
        for col in cols:
            field = fields.get(col, {})
            kind, text = docs.get(col, ("", ""))
            rows.append({
                "file": name,
                "column": col,
                "type": field.get("type") or kind,
                "description": field.get("description") or text,
                "from": "datapackage.json" if field else "CSV header",
            })
    df = pd.DataFrame(rows, columns=["file", "column", "type", "description", "from"])
    if table is not None:
        if table not in TABLES:
            raise KeyError(f"{table!r} is not a ledger table ({', '.join(TABLES)})")
        df = df[df["file"] == table].drop(columns="file").reset_index(drop=True)
    return df


def files(data_dir: Path | None = None) -> pd.DataFrame:
    """The data files with their size in bytes and row count (CSV tables)."""
    base = paths.data_dir(data_dir)
    rows = []
    for name in list(TABLES) + list(SOURCE_FILES):
        path = base / name
        raw = read_bytes(path)
        rows_n = max(len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))) - 1, 0) if name.endswith(".csv") else None
        rows.append({"file": name, "bytes": len(raw), "rows": rows_n,
                     "what": TABLES.get(name, "the article as captured (never edited)" if name.endswith(".txt")
                                        else "a hash per line of the article, to locate any edit")})
    df = pd.DataFrame(rows)
    df["rows"] = df["rows"].astype("Int64")  # whole numbers, missing for the text files
    return df
