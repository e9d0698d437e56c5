"""What the charts call things: places (``data/places.csv``) and short bilingual labels for the
ledger rows they draw (``data/labels.csv``).

A label row names a figure, a rate or an event of the ledger by its id, gives the place it
belongs to and what it measures; a chart draws every row of the ledger whose label has the
measure it shows (``share`` on a 0-100 % axis, ``change`` never on one, ``amount``, ``event``,
a kind of count such as ``firms``). So a new charted figure is a new row in these tables, not
new code. A row the tables do not label falls back to the ledger's own English text.
"""

from __future__ import annotations

from dataclasses import dataclass

from recount.errors import InputError
from recount.ledger import Ledger, read_tables


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # district, sub-district, market
    name_en: str
    name_zh: str

    def __str__(self) -> str:
        return f"{self.name_en} {self.name_zh}"


@dataclass(frozen=True)
class Label:
    id: str
    place: Place | None
    measure: str
    label_en: str
    label_zh: str

    @property
    def title_en(self) -> str:
        """The English label with a capital: ``Firms only``."""
        return self.label_en[:1].upper() + self.label_en[1:]

    @property
    def short(self) -> str:
        """``Firms only 企业``"""
        return f"{self.title_en} {self.label_zh}".strip()

    @property
    def row(self) -> str:
        """``<place> 地名: firms only 企业``: the place named on every chart row."""
        return f"{self.place}: {self.label_en} {self.label_zh}".strip() if self.place else self.short

    @property
    def row_en(self) -> str:
        return f"{self.place.name_en}: {self.label_en}" if self.place else self.label_en


@dataclass(frozen=True)
class Labels:
    places: dict[str, Place]
    rows: dict[str, Label]
    ledger: Ledger

    def __getitem__(self, key: str) -> Label:
        """The label of a figure, rate or event; unlabelled: the ledger's English text, no place."""
        if key in self.rows:
            return self.rows[key]
        figure = self.ledger.figures.get(key)
        rate = next((r for r in self.ledger.rates if r.id == key), None)
        event = next((e for e in self.ledger.events if e.id == key), None)
        cited = self.ledger.figures.get(rate.cited) if rate and rate.cited else None
        text = (figure.label_en or figure.quote if figure else
                rate.reading or (cited.label_en or cited.quote if cited else key) if rate else
                event.label_en if event else key)
        return Label(key, None, "", text, "")

    def measure(self, measure: str) -> list[Label]:
        """The labelled rows of one measure, in the table's order."""
        return [lab for lab in self.rows.values() if lab.measure == measure]


def load_labels(ledger: Ledger) -> Labels:
    """``places.csv`` and ``labels.csv`` of the ledger's data folder, held to datapackage.json and
    checked against the ledger; read once per ledger (every chart asks)."""
    cached = ledger.__dict__.get("_recount_labels")
    if cached is not None:
        return cached
    tables = read_tables(ledger.data_dir, "places", "labels")
    places = {row["id"].strip(): Place(row["id"].strip(), row["kind"].strip(), row["name_en"].strip(),
                                       row["name_zh"].strip()) for row in tables["places"].rows}
    known = set(ledger.figures) | {r.id for r in ledger.rates} | {e.id for e in ledger.events}
    labels = {}
    for row in tables["labels"].rows:
        key = row["id"].strip()
        if key not in known:
            raise InputError(tables["labels"].path, row.line, "id", f"{key!r} is not a figure, rate or event id of the ledger")
        labels[key] = Label(key, places.get(row["place"].strip()), row["measure"].strip(), row["label_en"].strip(),
                            row["label_zh"].strip())
    ledger.__dict__["_recount_labels"] = out = Labels(places, labels, ledger)
    return out


def load_glosses(ledger: Ledger) -> dict[str, str]:
    """``glosses.csv``: the English of each sentence a claim box quotes, by a figure id of the
    sentence, placeholders filled (``{fig:<id>}``, ``{date:<id>}``); {} for a data folder without
    the table (a drafted ledger: its sentences have no gloss yet). Read once per ledger."""
    cached = ledger.__dict__.get("_recount_glosses")
    if cached is not None:
        return cached
    from recount.english import fill_text
    from recount.ledger import schema

    from pathlib import Path

    out: dict[str, str] = {}
    described = schema(ledger.data_dir).get("glosses")
    if described and (Path(ledger.data_dir) / described["path"]).is_file():
        table = read_tables(ledger.data_dir, "glosses")["glosses"]
        for row in table.rows:
            out[row["figure"].strip()] = fill_text(row["sentence_en"].strip(), ledger,
                                                   (table.path, row.line, "sentence_en"))
    ledger.__dict__["_recount_glosses"] = out
    return out
