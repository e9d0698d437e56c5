"""An article's folder: ``recount new`` makes one, ``recount check`` and ``recount book`` read one.

A folder holds everything about one article and nothing about another:

``source/article.zh.txt``   the article, byte for byte as given (never edited), and
                            ``source/article.zh.lines.sha256`` (a hash a line, to name a changed line)
``datapackage.json``        the tables' description, the source's sha256 (``sources[0].hash``), the
                            article's title, place, date and address (``article``; null where unknown)
                            and the date of the check (``created``: the day the folder was made)
``*.csv``                   every ledger table, with its header; the draft's figures and rates filled in

:func:`make` writes it from the draft (:func:`recount.draft.draft`, written by
:func:`recount.draft.render.write_ledger`), with readable ids (``pct_96``,
``count_1250``, ``claim_96``, ``claim_55_r1`` for a claim's first reading) and each figure in the section of the article that
holds it (:func:`recount.article.split`). Every drafted row is a draft until a
person confirms it: a figure's ``label_en`` is empty, a rate's ``note_en``
starts with ``draft``; :func:`unconfirmed` lists them and the book says which.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from recount import article as art
from recount import paths
from recount.errors import InputError

#: the Data Package keys ``recount new`` writes about the article
ARTICLE_KEYS = ("title", "place", "date", "url", "publisher")
DRAFT_MARK = re.compile(r"^\s*draft\b", re.IGNORECASE)
#: a short line carrying a full date (a byline): 2021年3月5日, 2021-03-05, 2021/3/5, 2021.03.05
DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
URL = re.compile(r"https?://[^\s<>\"'，。）)]+")
#: a place named at the start of a title: 某某市, 某某区, 某某县 ... (not 全区, 本市, 该县)
PLACE = re.compile(r"^(?:【[^】]*】)?([\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|州|县|区|旗|镇|乡))")
NOT_A_PLACE = set("全本该某各我此")
#: the id prefix of a drafted figure, by its unit's kind
KIND_WORDS = {"percent": "pct", "permille": "permille", "points": "points", "count": "count", "amount": "amount",
              "duration": "duration", "measure": "measure"}


# ---------------------------------------------------------------- checking a folder


def required_files(data_dir: Path) -> list[str]:
    """Every file a folder needs: the source, ``datapackage.json`` and each table it describes."""
    from recount.ledger import schema

    return [paths.SOURCE_NAME, paths.DATAPACKAGE_NAME, *(res["path"] for res in schema(data_dir).values())]


def check_complete(data_dir: Path | str | None) -> None:
    """An :class:`InputError` naming every missing file of the folder at once; nothing when none is."""
    base = paths.data_dir(data_dir)
    if not base.is_dir():
        raise InputError(base, None, None, "not a folder: make one with `python -m recount new ARTICLE.txt DIR`")
    missing = [name for name in required_files(base) if not (base / name).is_file()]
    if missing:
        raise InputError(base, None, None, f"{'file' if len(missing) == 1 else f'{len(missing)} files'} not found: "
                         f"{', '.join(missing)}; "
                         "`python -m recount new ARTICLE.txt DIR` makes a folder with every table "
                         "(a table with its header only is fine)")


def metadata(data_dir: Path | str | None = None) -> dict[str, str | None]:
    """The article's title, place, date and address as the folder's ``datapackage.json`` gives them
    (``article``); None for each it does not."""
    path = paths.datapackage_path(paths.data_dir(data_dir))
    try:
        from recount.ledger import read_bytes

        package = json.loads(read_bytes(path).decode("utf-8"))
    except (InputError, UnicodeDecodeError, ValueError):
        package = {}
    given = package.get("article") if isinstance(package, dict) else None
    given = given if isinstance(given, dict) else {}
    return {k: (str(given[k]).strip() or None) if given.get(k) else None for k in ARTICLE_KEYS}


def is_draft(text: str) -> bool:
    """A rate's ``note_en`` that still marks it as the draft's, not yet confirmed."""
    return bool(DRAFT_MARK.match(text or ""))


def unconfirmed(ledger) -> list[str]:
    """Ids of the rates still marked as drafts (``note_en`` starts with ``draft``), in ledger order."""
    return [r.id for r in ledger.rates if is_draft(r.note_en)]


# ---------------------------------------------------------------- detecting what the text says of itself


def detect(text: str) -> dict[str, str | None]:
    """Title, place, date and address, where the article's own text gives them (None where not)."""
    a = art.split(text)
    title = a.title.strip() or None
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    found_date = None
    for line in lines[:4] + lines[-3:]:
        m = DATE.search(line)
        if m and len(line) <= 60:
            try:
                found_date = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
                break
            except ValueError:
                continue
    place = None
    if title and (m := PLACE.match(title)) and m[1][0] not in NOT_A_PLACE and len(m[1]) >= 2:
        place = m[1]
    url = next((m.group().rstrip(".,;") for m in URL.finditer(text)), None)
    return {"title": title, "place": place, "date": found_date, "url": url}


# ---------------------------------------------------------------- making a folder


@dataclass
class Made:
    folder: Path
    figures: int
    rates: int
    claims: int
    found: dict[str, str | None]
    dropped: list[str]  # drafted rows the ledger cannot hold, with why


def _rows(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def _csv(header: list[str], rows: list[dict]) -> str:
    from recount.tables import csv_text

    return csv_text(rows, header)


def _slug(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", value.lower()).strip("_") or "n"


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def readable(figures: list[dict], rates: list[dict], source: str) -> tuple[list[dict], list[dict]]:
    """The draft's rows with readable ids (``pct_96``, ``count_1250``; ``claim_96``), each figure and
    rate in the section of the article that holds its quote."""
    from recount.units import unit_info

    a = art.split(source)
    taken: set[str] = set()
    ids, sections = {}, {}
    for row in figures:
        info = unit_info(row["unit"])
        word = KIND_WORDS.get(info[0], "n") if info else "n"
        ids[row["id"]] = _unique(f"{word}_{_slug(row['value'])}", taken)
        para = a.at(source.index(row["quote"])) if row["quote"] in source else None
        sections[row["id"]] = para.section if para else 0
    new_figures = [{**row, "id": ids[row["id"]], "section": sections[row["id"]]} for row in figures]
    claim_names: dict[str, str] = {}
    new_rates = []
    for row in rates:
        m = re.match(r"^(claim_\d+)(?:_(\d+))?$", row["id"])
        stem, reading = (m[1], m[2]) if m else (row["id"], None)
        if stem not in claim_names:
            cited = next((f for f in figures if f["id"] == row["cited"]), None)
            claim_names[stem] = _unique(f"claim_{_slug(cited['value'])}" if cited else "rate", taken)
        rid = claim_names[stem] + (f"_r{reading}" if reading else "")  # one row per reading: claim_55_r1, _r2
        ref = lambda text: "+".join(ids.get(x, x) for x in text.split("+")) if text else text  # noqa: E731
        new_rates.append({**row, "id": rid, "numerator": ref(row["numerator"]), "denominator": ref(row["denominator"]),
                          "cited": ids.get(row["cited"], row["cited"]),
                          "section": sections.get(row["cited"], row["section"])})
    return new_figures, new_rates


def readable_units(figures: list[dict], rates: list[dict]) -> tuple[list[dict], list[dict]]:
    """The drafted figures whose unit the ledger can read, and the rates that use only those. A number
    written without a unit is kept only as a rate's count (a table's cell: |400|10|2.5%|); elsewhere it
    is a bare ratio (2.08) or furniture."""
    from recount.units import unit_info

    counted = {x for row in rates for c in ("numerator", "denominator") for x in row[c].split("+") if x}
    kept = [row for row in figures if unit_info(row["unit"]) and (row["unit"] or row["id"] in counted)]
    ids = {row["id"] for row in kept}
    used = lambda row: [x for c in ("numerator", "denominator", "cited") for x in row[c].split("+") if x]  # noqa: E731
    return kept, [row for row in rates if set(used(row)) <= ids]


def package(found: dict[str, str | None], digest: str, created: date) -> dict:
    """The folder's ``datapackage.json``: the project's table descriptions, opened where a drafted ledger
    needs it (any unit and qualifier the code reads, any number of sections, English labels still to
    write), the source's hash, the article's metadata and the date of the check."""
    project = json.loads(paths.datapackage_path(paths.DATA_DIR).read_text(encoding="utf-8"))
    resources = project["resources"]
    for res in resources:
        for f in res["schema"]["fields"]:
            c = f.get("constraints", {})
            if f["name"] == "section":
                c.pop("enum", None)
                c["minimum"] = 0
                f["description"] = ("0 = the lede before the first heading (the whole article when it has "
                                    "none); 1, 2, ... = the headed sections, in order.")
            if res["name"] == "figures" and f["name"] in ("unit", "qualifier"):
                c.pop("enum", None)
            if res["name"] == "figures" and f["name"] == "unit":  # a table's cell: a count with no unit written
                c.pop("required", None)
                f["description"] = f.get("description", "") + " Empty: a number written without a unit (a table's cell)."
            if f["name"] == "label_en":
                c.pop("required", None)
    title = found.get("title")
    return {
        "name": "recount-article",
        "title": f"Recount: the figures of 《{title}》, re-checked" if title else "Recount: the figures of an article, re-checked",
        "description": "A ledger drafted by `recount new`: every row is a draft until a person confirms it.",
        "version": "0.1.0",
        "created": datetime(created.year, created.month, created.day, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": project.get("licenses", []),
        "article": {k: found.get(k) for k in ARTICLE_KEYS},
        "sources": [{"title": title or "the article (untitled)", "path": paths.SOURCE_NAME, "hash": f"sha256:{digest}"}],
        "resources": resources,
    }
