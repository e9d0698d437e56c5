"""The data files, column by column, for the book's data page.

``data/datapackage.json`` (a Frictionless data package) is the one description
of the ledger: its resources, in order, are the tables the data page lists, with
what a row is (the resource's ``description``) and each column's name, type and
description. frictionless validates the CSVs against it (``tests/test_datapackage.py``).
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


def tables(data_dir: Path | None = None) -> dict[str, dict]:
    """The ledger tables, in the data package's order: file name -> its resource descriptor."""
    base = paths.data_dir(data_dir)
    package = datapackage(base)
    if package is None:
        raise InputError(base / paths.DATAPACKAGE_NAME, None, None, "missing: it describes every ledger table")
    return {Path(str(res["path"])).name: res for res in package.get("resources", [])}


def columns(table: str | None = None, data_dir: Path | None = None) -> pd.DataFrame:
    """One row per column of every ledger table (or of ``table`` only, without the file column):
    file, column, type, description, as datapackage.json states them."""
    described = tables(data_dir)
    rows = [{"file": name, "column": f["name"], "type": f.get("type", ""), "description": f.get("description", "")}
            for name, res in described.items() for f in res.get("schema", {}).get("fields", [])]
    df = pd.DataFrame(rows, columns=["file", "column", "type", "description"])
    if table is not None:
        if table not in described:
            raise KeyError(f"{table!r} is not a ledger table ({', '.join(described)})")
        df = df[df["file"] == table].drop(columns="file").reset_index(drop=True)
    return df


def files(data_dir: Path | None = None) -> pd.DataFrame:
    """The data files with their size in bytes and row count (CSV tables)."""
    base = paths.data_dir(data_dir)
    rows = []
    described = tables(base)
    for name in list(described) + list(SOURCE_FILES):
        path = base / name
        raw = read_bytes(path)
        rows_n = max(len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))) - 1, 0) if name.endswith(".csv") else None
        rows.append({"file": name, "bytes": len(raw), "rows": rows_n,
                     "what": described[name].get("description", "") if name in described else
                     ("The article as captured (never edited)." if name.endswith(".txt")
                      else "A hash per line of the article, to locate any edit.")})
    df = pd.DataFrame(rows)
    df["rows"] = df["rows"].astype("Int64")  # whole numbers, missing for the text files
    return df


# ---------------------------------------------------------------- the data page's tables, captioned


def _captioned(number: int, anchor: str, name_html: str, what: str, table_html: str) -> str:
    """A table with its caption above it, naming it: ``Table 2. figures.csv: what a row is.``"""
    from recount.publish.render import esc

    return (f'<figure class="recount-table-figure" id="{esc(anchor)}"><figcaption class="recount-table-caption">'
            f'<strong>Table {number}.</strong> {name_html}: {esc(what)}</figcaption>{table_html}</figure>')


def files_table(data_dir: Path | None = None):
    """Table 1 of the data page: every data file with its size and rows, captioned above."""
    from IPython.display import HTML

    from recount.publish.render import frame_table

    body = frame_table(files(data_dir)).data
    return HTML(_captioned(1, "table-files", "The data files", "each file with its size in bytes, its rows "
                           "(CSV tables) and what one row is", body))


def column_tables(data_dir: Path | None = None):
    """Tables 2, 3 ... of the data page: one per ledger table, in the data package's order, each named in
    its caption (file name, title, what a row is) above its columns."""
    from IPython.display import HTML

    from recount.publish.render import esc, frame_table

    parts = []
    for number, (name, res) in enumerate(tables(data_dir).items(), start=2):
        what = f"{res.get('title', '')}. {res.get('description', '')}".strip(". ")
        body = frame_table(columns(name, data_dir)).data
        parts.append(_captioned(number, f"table-{Path(name).stem.replace('_', '-')}", f"<code>{esc(name)}</code>",
                                what, body))
    return HTML("".join(parts))
