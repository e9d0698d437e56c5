"""Load and validate the ledger: the source article and the CSV tables about it.

Tiers (as in ``data/README``): ``data/source/`` is the article as captured and is
never edited; ``figures.csv``, ``rates.csv``, ``constraints.csv``, ``events.csv``
and ``exclusions.csv`` are written by hand, row by row, against it; everything
else (verdicts, tables, charts) is derived by code.

``datapackage.json`` is the one description of the tables: frictionless holds
every table to it (columns in order, types, required, unique, enum, pattern,
bounds, primary and foreign keys). This module adds what a schema cannot state:
each quote anchors once in the source, a value is the number its quote carries,
a rate's counts are counts, the source's hash, the English text's placeholders.

Every problem raises :class:`recount.errors.InputError` naming the file, the
1-based line of the CSV, the column and what is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from recount import paths
from recount.english import fill_text
from recount.errors import InputError
from recount.intervals import QUALIFIERS, Interval, decimals_of, figure_interval
from recount.numerals import values_in
from recount.units import unit_info

#: what a drafted ledger may leave open of the project's schema (figures.csv): any unit and qualifier
#: the code reads (recount.units.unit_info, recount.intervals.QUALIFIERS), no English label yet
DRAFT_OPEN = {"unit": "enum", "qualifier": "enum", "label_en": "required"}
#: the tables load_ledger reads, by resource name in datapackage.json
LEDGER_TABLES = ("figures", "rates", "constraints", "events", "exclusions", "strengths", "superlatives",
                 "superlative_readings")


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]


@dataclass(frozen=True)
class Table:
    path: Path
    header: list[str]
    rows: list[Row]


@dataclass(frozen=True)
class Figure:
    id: str
    section: int
    quote: str
    value_text: str
    unit: str
    qualifier: str
    label_en: str
    line: int
    start: int  # character offset of the quote in the source
    value: Decimal
    kind: str
    base_unit: str
    factor: int
    interval: Interval  # in the unit as written
    decimals: int

    @property
    def base_interval(self) -> Interval:
        """The interval in the base unit (万元 -> 元, 万人 -> 人)."""
        return self.interval.scale(self.factor)


@dataclass(frozen=True)
class Rate:
    id: str
    section: int
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    cited: str | None
    reading: str
    expected: str
    note_en: str
    line: int


@dataclass(frozen=True)
class Constraint:
    id: str
    section: int
    kind: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    items: tuple[str, ...]
    expected: str
    note_en: str
    line: int


@dataclass(frozen=True)
class Event:
    id: str
    section: int
    date: date
    precision: str
    quote: str
    label_en: str
    line: int
    start: int


@dataclass(frozen=True)
class Exclusion:
    pattern: re.Pattern
    kind: str
    reason_en: str
    line: int


@dataclass(frozen=True)
class Strength:
    """Whether a constraint is hard (its failure is a contradiction) or soft (its failure is a
    tension: it holds unless the assumption ``reason_en`` names is false)."""

    constraint: str
    strength: str
    reason_en: str
    line: int


@dataclass(frozen=True)
class Superlative:
    """A superlative or "all" claim of the article (最大, 全面, 全部, 首创 ...), or a total (合计)."""

    id: str
    section: int
    quote: str
    word: str
    expected: str
    claim_en: str
    line: int
    start: int


@dataclass(frozen=True)
class SuperlativeReading:
    """One reading of a superlative claim, as a test on the figures.

    ``most``: the sum of ``subject`` is at least each group of ``others`` (groups joined with |);
    ``full``: every item of ``subject`` (a percentage figure or a rate id, joined with |) can be 100%;
    ``le``: the sum of ``subject`` is at most the sum of ``others``.
    ``members`` (``most``): the figure id of the article's count of everything the claim ranks over, or "".
    """

    id: str
    claim: str
    test: str
    subject: tuple[str, ...]
    others: tuple[tuple[str, ...], ...]
    strength: str
    reading_en: str
    basis_en: str
    line: int
    members: str = ""


@dataclass
class Ledger:
    data_dir: Path
    source: str
    figures: dict[str, Figure]
    rates: list[Rate]
    constraints: list[Constraint] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    strengths: dict[str, Strength] = field(default_factory=dict)
    superlatives: list[Superlative] = field(default_factory=list)
    superlative_readings: list[SuperlativeReading] = field(default_factory=list)

    def strength(self, constraint_id: str) -> Strength:
        """A constraint's strength; one not classified in strengths.csv is hard."""
        return self.strengths.get(constraint_id) or Strength(constraint_id, "hard", "", 0)


# ---------------------------------------------------------------- reading files


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (a BOM is accepted and dropped); anything else is an InputError."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[line_start:exc.start].decode("utf-8", errors="replace")
        header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
        columns = next(csv.reader([header]), [])
        index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        column = columns[index] if 0 <= index < len(columns) else None
        raise InputError(
            path, line, column,
            f"not UTF-8 (byte 0x{raw[exc.start]:02x}; the file looks saved as GBK or another "
            f"legacy encoding): re-save it as UTF-8, e.g. `iconv -f GBK -t UTF-8 {path.name} > fixed.csv`",
        ) from None


def read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, None, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, None, None, "is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(path, None, None, f"unreadable: {exc.strerror or exc}") from None
    paths.note_read(path)
    return raw


def read_table(path: Path) -> Table:
    """A UTF-8 CSV: its header and rows, each row with its line number; blank lines are skipped."""
    raw = read_bytes(path)
    text = _decode(path, raw)
    if not text.strip():
        raise InputError(path, 1, None, "empty file: expected a header row")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(path, 1, None, f"unreadable CSV header: {exc}") from None
    rows: list[Row] = []
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(path, reader.line_num, None, f"malformed CSV: {exc}") from None
        start, line = line, reader.line_num + 1
        if not record or all(not cell.strip() for cell in record):
            continue  # a blank line
        if len(record) != len(header):
            where = header[len(record)] if len(record) < len(header) else f"#{len(record)}"
            raise InputError(
                path, start, where,
                f"ragged row: {len(record)} fields where the header has {len(header)}",
            )
        rows.append(Row(start, dict(zip(header, record))))
    return Table(path, header, rows)


def read_tables(data_dir: Path | str | None, *names: str) -> dict[str, Table]:
    """The named tables, with the ones their foreign keys reference, held to the schema together by
    frictionless; the first error is an :class:`InputError` naming file, line and column."""
    data_dir = paths.data_dir(data_dir)
    described = schema(data_dir)
    wanted = list(names)
    for name in wanted:  # grows with the tables referenced
        if name not in described:
            raise InputError(schema_path(data_dir), None, None, f"no resource {name!r}: it describes every ledger table")
        wanted += [ref for fk in described[name]["schema"].get("foreignKeys", [])
                   if (ref := fk["reference"]["resource"]) not in wanted]
    tables = {name: read_table(data_dir / described[name]["path"]) for name in described if name in wanted}
    from frictionless import FrictionlessException, Package, Resource, Schema  # on the first load: 0.15 s

    try:
        package = Package(resources=[
            Resource(name=name, data=[t.header] + [list(r.values.values()) for r in t.rows],
                     schema=Schema.from_descriptor(described[name]["schema"]))
            for name, t in tables.items()])
        report = package.validate()
    except FrictionlessException as exc:
        why = (exc.reasons or [exc.error])[0].message
        raise InputError(schema_path(data_dir), None, None, f"not a valid table schema: {why}") from None
    except re.error as exc:
        raise InputError(schema_path(data_dir), None, None, f"a pattern is not a regular expression: {exc}") from None
    for task in report.tasks:
        for error in task.errors:
            raise _input_error(error, tables[task.name], described, task.name)
    return tables


#: a cell that is not of its column's type: what it should be
TYPE_WORDS = {"integer": "a whole number", "number": "a number", "date": "a date (YYYY-MM-DD)"}
#: a cell that breaks one of its column's constraints: what is wrong
CONSTRAINT_WORDS = {
    "required": "empty: a value is required", "enum": "{cell!r} is not one of {bound}",
    "pattern": "{cell!r} does not match the pattern {bound}", "minimum": "{cell} is below the minimum {bound}",
    "maximum": "{cell} is above the maximum {bound}", "minLength": "{cell!r} is shorter than {bound} characters",
    "maxLength": "{cell!r} is longer than {bound} characters",
}


def _input_error(error, table: Table, described: dict[str, dict], name: str) -> InputError:
    """A frictionless error as the project's one line: the file, the CSV line, the column, what is wrong."""
    resource = described[name]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    row_number = getattr(error, "row_number", None)
    row = table.rows[row_number - 2] if row_number else None
    column, cell = getattr(error, "field_name", None), getattr(error, "cell", None)
    if error.type == "type-error":
        message = f"{cell!r} is not {TYPE_WORDS.get(fields[column]['type'], fields[column]['type'])}"
    elif error.type == "constraint-error":
        broken = re.search(r'constraint "(\w+)"', error.note).group(1)
        bound = fields[column]["constraints"][broken]
        message = CONSTRAINT_WORDS[broken].format(cell=cell, bound=" ".join(map(str, bound)) if broken == "enum" else bound)
    elif error.type in ("unique-error", "primary-key"):
        column = column or resource["schema"]["primaryKey"][0]
        first = table.rows[int(re.search(r"position (\d+)", error.note).group(1)) - 2].line
        message = f"duplicate {column} {row[column]!r} (first on line {first})"
    elif error.type == "foreign-key":
        column, ref = error.field_names[0], described[error.reference_name]
        message = f"unknown {error.reference_field_names[0]} {error.field_cells[0]!r} (not in {ref['path']})"
    elif error.type.endswith("-label"):
        column = column or error.label
        message = f"the header is {', '.join(table.header)}; datapackage.json has {', '.join(fields)}, in that order"
    else:
        message = error.note
    return InputError(table.path, row.line if row else 1, column, message)


def load_source(data_dir: Path | None = None) -> str:
    """The article text, after checking its sha256 against the pinned hash."""
    path = paths.source_path(data_dir)
    raw = read_bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    pinned = paths.pinned_source_sha256(paths.data_dir(data_dir))
    if digest != pinned:
        raise InputError(path, _first_changed_line(path, raw), None, paths.source_mismatch(digest, pinned))
    return raw.decode("utf-8")


def _first_changed_line(path: Path, raw: bytes) -> int | None:
    """First line whose hash differs from ``article.zh.lines.sha256`` beside it."""
    pinned = path.with_name(path.name.replace(".txt", ".lines.sha256"))
    if not pinned.exists():
        return None
    expected = [ln.split()[1] for ln in read_bytes(pinned).decode("utf-8").splitlines() if ln.strip()]
    lines = raw.split(b"\n")
    for i, line in enumerate(lines):
        if i >= len(expected) or hashlib.sha256(line).hexdigest()[:16] != expected[i]:
            return i + 1
    return len(lines) + 1 if len(expected) > len(lines) else None


# ---------------------------------------------------------------- the schema (datapackage.json)


def schema_path(data_dir: Path | str | None = None) -> Path:
    """The folder's ``datapackage.json``; for a folder without one, the project's."""
    own = paths.datapackage_path(paths.data_dir(data_dir))
    return own if own.is_file() else paths.datapackage_path()


def schema(data_dir: Path | str | None = None) -> dict[str, dict]:
    """The tables' descriptors by resource name, from the folder's ``datapackage.json``.

    A folder without one (a ledger ``recount draft --out`` wrote) has the project's
    (:func:`recount.paths.datapackage_path`) but for what a draft may leave open: :data:`DRAFT_OPEN`."""
    path = schema_path(data_dir)
    try:
        resources = {res["name"]: res for res in json.loads(read_bytes(path).decode("utf-8"))["resources"]}
        for res in resources.values():
            if not isinstance(res["path"], str) or not isinstance(res["schema"]["fields"], list):
                raise TypeError(f"resource {res['name']!r} needs a path and schema fields")
    except (UnicodeDecodeError, ValueError, LookupError, TypeError) as exc:
        raise InputError(path, None, None, f"not a data package ({type(exc).__name__}: {exc})") from None
    if path != paths.datapackage_path(paths.data_dir(data_dir)):
        for f in resources["figures"]["schema"]["fields"]:
            f.get("constraints", {}).pop(DRAFT_OPEN.get(f["name"]), None)
    if (project := paths.datapackage_path(paths.DATA_DIR)) != path and project.is_file():
        # the code converts cells (int(section), Decimal(value), dates) by the project's types
        types = {(r, f["name"]): f.get("type", "string") for r, res in resources.items() for f in res["schema"]["fields"]}
        for name, res in schema(paths.DATA_DIR).items():
            for f in res["schema"]["fields"]:
                if types.get((name, f["name"]), f.get("type", "string")) != f.get("type", "string"):
                    raise InputError(path, None, None, f"{name} column {f['name']!r} is "
                                     f"{types[name, f['name']]}: the code reads it as {f.get('type', 'string')}")
    return resources


def columns(resource: str, data_dir: Path | str | None = None) -> tuple[str, ...]:
    """The columns of a table, in order, as datapackage.json states them."""
    return tuple(f["name"] for f in schema(data_dir)[resource]["schema"]["fields"])


def enum(resource: str, column: str, data_dir: Path | str | None = None) -> tuple:
    """The values a column may take, as datapackage.json states them."""
    fields = schema(data_dir)[resource]["schema"]["fields"]
    return tuple(next(f for f in fields if f["name"] == column)["constraints"]["enum"])


#: names read from the project's datapackage.json when imported (importing this module reads no file):
#: the words the book explains (VERDICTS, CONSTRAINT_KINDS) and the columns recount draft writes
DERIVED = {"VERDICTS": ("rates", "expected"), "CONSTRAINT_KINDS": ("constraints", "kind"),
           "FIGURE_COLUMNS": ("figures", None), "RATE_COLUMNS": ("rates", None)}


def __getattr__(name: str) -> tuple:
    if name not in DERIVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    resource, column = DERIVED[name]
    return enum(resource, column, paths.DATA_DIR) if column else columns(resource, paths.DATA_DIR)


# ---------------------------------------------------------------- what a schema cannot state


def _anchor(path: Path, row: Row, source: str) -> int:
    quote = row["quote"]
    count = source.count(quote)
    if count == 0:
        raise InputError(path, row.line, "quote", f"quote {quote!r} is not in the source article")
    if count > 1:
        raise InputError(path, row.line, "quote", f"quote {quote!r} occurs {count} times in the source; lengthen it so it anchors one place")
    return source.index(quote)


def _ids(path: Path, row: Row, column: str, figures: dict[str, Figure]) -> tuple[str, ...]:
    """Figure ids joined with + (the schema's pattern says how they are written, not that they exist)."""
    text = row[column].strip()
    ids = tuple(part.strip() for part in text.split("+")) if text else ()
    for fid in ids:
        if fid not in figures:
            raise InputError(path, row.line, column, f"unknown figure id {fid!r} (not in figures.csv)")
    return ids


def sum_interval(ids: tuple[str, ...], figures: dict[str, Figure]) -> Interval:
    """The interval of a sum of figures (``a+b`` in a ledger column), in base units."""
    total = Interval.point(0)
    for fid in ids:
        total = total + figures[fid].base_interval
    return total


# ---------------------------------------------------------------- tables


def load_figures(data_dir: Path | None = None, source: str | None = None, table: Table | None = None
                 ) -> dict[str, Figure]:
    data_dir = paths.data_dir(data_dir)
    source = load_source(data_dir) if source is None else source
    table = table or read_tables(data_dir, "figures")["figures"]
    path = table.path
    figures: dict[str, Figure] = {}
    for row in table.rows:
        fid, unit, qualifier, text = (row[c].strip() for c in ("id", "unit", "qualifier", "value"))
        start = _anchor(path, row, source)
        meaning = unit_info(unit)
        if meaning is None:
            raise InputError(path, row.line, "unit", f"unit {unit!r} is not one the code can convert")
        kind, base_unit, factor = meaning
        if qualifier not in QUALIFIERS:
            raise InputError(path, row.line, "qualifier", f"qualifier {qualifier!r} has no interval convention "
                                                          f"(known: {' '.join(QUALIFIERS)})")
        value = Decimal(text)
        if not value.is_finite():
            raise InputError(path, row.line, "value", f"{text!r} is not a finite number")
        if kind == "count" and factor == 1 and value != value.to_integral_value():
            raise InputError(path, row.line, "value", f"fractional count {text}: a count of {unit} must be a whole number")
        if kind == "percent" and value > 100:
            raise InputError(path, row.line, "value", f"share above 100%: {text}%")
        quote = row["quote"]
        if not _value_in_quote(text, value, quote):
            raise InputError(path, row.line, "value", f"value {text} is not the number the quote {quote!r} carries")
        figures[fid] = Figure(
            id=fid, section=int(row["section"]), quote=quote, value_text=text, unit=unit, qualifier=qualifier,
            label_en=row["label_en"].strip(), line=row.line, start=start, value=value, kind=kind,
            base_unit=base_unit, factor=factor, interval=figure_interval(value, qualifier),
            decimals=decimals_of(text),
        )
    return figures


def _value_in_quote(text: str, value: Decimal, quote: str) -> bool:
    """Whether ``quote`` carries ``value`` (12,345, １２, 三千万, 九成 as a drafted ledger writes them)."""
    return value in values_in(quote)


def load_rates(data_dir: Path | None, figures: dict[str, Figure], table: Table | None = None) -> list[Rate]:
    table = table or read_tables(data_dir, "rates")["rates"]
    path = table.path
    rates: list[Rate] = []
    for row in table.rows:
        numerator = _ids(path, row, "numerator", figures)
        denominator = _ids(path, row, "denominator", figures)
        if bool(numerator) != bool(denominator):
            column = "denominator" if numerator else "numerator"
            raise InputError(path, row.line, column, "give both a numerator and a denominator, or neither")
        cited = row["cited"].strip() or None
        if cited is not None and figures[cited].kind != "percent":
            raise InputError(path, row.line, "cited", f"{cited!r} is not a percentage (unit {figures[cited].unit})")
        if cited is None and not numerator:
            raise InputError(path, row.line, "numerator", "a rate needs counts (numerator/denominator) or a cited figure")
        for column, ids in (("numerator", numerator), ("denominator", denominator)):
            for fid in ids:
                if figures[fid].kind == "percent":
                    raise InputError(path, row.line, column, f"{fid!r} is a percentage, not a count")
        if denominator:
            den = sum_interval(denominator, figures)
            if den.high is not None and den.high == 0:
                raise InputError(path, row.line, "denominator", f"zero denominator ({'+'.join(denominator)} = 0)")
            num = sum_interval(numerator, figures)
            if den.high is not None and num.low > den.high:
                raise InputError(
                    path, row.line, "numerator",
                    f"share above 100%: numerator is at least {num.low} but the denominator at most {den.high}",
                )
        rates.append(Rate(row["id"].strip(), int(row["section"]), numerator, denominator, cited,
                          row["reading"].strip(), row["expected"].strip(), row["note_en"].strip(), row.line))
    return rates


def _rate_side(path: Path, line: int, column: str, text: str, figures: dict[str, Figure], rates: list[Rate]) -> str:
    """One side of a ``part`` check or one part of a ``within`` one: a percentage figure or a rate id."""
    text = text.strip()
    if text in figures and figures[text].kind == "percent" or text in {r.id for r in rates}:
        return text
    raise InputError(path, line, column, f"{text!r} is neither a percentage in figures.csv nor a rate id of rates.csv")


def _constraints(table: Table, figures: dict[str, Figure], source: str, rates: list[Rate]) -> list[Constraint]:
    path = table.path
    out: list[Constraint] = []
    for row in table.rows:
        kind = row["kind"].strip()
        left = _ids(path, row, "left", figures) if kind != "part" else (
            _rate_side(path, row.line, "left", row["left"], figures, rates),)
        if kind == "part":
            right = (_rate_side(path, row.line, "right", row["right"], figures, rates),)
        elif kind == "within":
            right = tuple(_rate_side(path, row.line, "right", part, figures, rates) for part in row["right"].split("+"))
        else:
            right = _ids(path, row, "right", figures)
            if kind == "le" and not right:
                raise InputError(path, row.line, "right", "empty: expected figure ids joined with +")
        items = tuple(i for i in row["items"].split("|") if i) if row["items"].strip() else ()
        if kind.startswith("enumeration"):
            if not items:
                raise InputError(path, row.line, "items", "an enumeration needs the listed items, joined with |")
            for item in items:
                if item not in source:
                    raise InputError(path, row.line, "items", f"item {item!r} is not in the source article")
        out.append(Constraint(row["id"].strip(), int(row["section"]), kind, left, right, items,
                              row["expected"].strip(), row["note_en"].strip(), row.line))
    return out


def _events(table: Table, source: str) -> list[Event]:
    out = [Event(row["id"].strip(), int(row["section"]), datetime.strptime(row["date"].strip(), "%Y-%m-%d").date(),
                 row["precision"].strip(), row["quote"], row["label_en"].strip(), row.line,
                 _anchor(table.path, row, source)) for row in table.rows]
    return sorted(out, key=lambda e: (e.date, e.start))


def _exclusions(table: Table) -> list[Exclusion]:
    out = []
    for row in table.rows:
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            raise InputError(table.path, row.line, "pattern", f"not a regular expression: {exc}") from None
        out.append(Exclusion(pattern, row["kind"].strip(), row["reason_en"].strip(), row.line))
    return out


def _strengths(table: Table, constraints: list[Constraint]) -> dict[str, Strength]:
    """strengths.csv: one row for every constraint, hard or soft, with the reason."""
    out = {row["constraint"].strip(): Strength(row["constraint"].strip(), row["strength"].strip(),
                                                row["reason_en"].strip(), row.line) for row in table.rows}
    for c in constraints:
        if c.id not in out:
            raise InputError(table.path, None, "constraint",
                             f"constraint {c.id!r} (constraints.csv line {c.line}) has no row: classify it hard or soft")
    return out


def _superlatives(table: Table, source: str) -> list[Superlative]:
    out = []
    for row in table.rows:
        start = _anchor(table.path, row, source)
        word = row["word"].strip()
        if word not in row["quote"]:
            raise InputError(table.path, row.line, "word", f"{word!r} is not in the quote {row['quote']!r}")
        out.append(Superlative(row["id"].strip(), int(row["section"]), row["quote"], word, row["expected"].strip(),
                               row["claim_en"].strip(), row.line, start))
    return out


def _readings(table: Table, superlatives: list[Superlative], figures: dict[str, Figure],
                              rates: list[Rate]) -> list[SuperlativeReading]:
    path = table.path
    out = []
    for row in table.rows:
        test = row["test"].strip()
        if test == "full":
            subject = tuple(_rate_side(path, row.line, "subject", item, figures, rates)
                            for item in row["subject"].split("|") if item.strip())
            others: tuple[tuple[str, ...], ...] = ()
        else:
            subject = _ids(path, row, "subject", figures)
            groups = [g for g in row["others"].split("|") if g.strip()]
            if not groups:
                raise InputError(path, row.line, "others", "empty: expected figure ids joined with + (groups with |)")
            others = tuple(_ids(path, Row(row.line, {"others": g}), "others", figures) for g in groups)
            if test == "le" and len(others) != 1:
                raise InputError(path, row.line, "others", "an le test has one group of figures (no |)")
        members = row.values.get("members", "").strip()
        if members and members not in figures:
            raise InputError(path, row.line, "members", f"{members!r} is not a figure id of figures.csv")
        out.append(SuperlativeReading(row["id"].strip(), row["claim"].strip(), test, subject, others,
                                      row["strength"].strip(), row["reading_en"].strip(), row["basis_en"].strip(),
                                      row.line, members))
    with_readings = {r.claim for r in out}
    for s in superlatives:
        has = s.id in with_readings
        if not has and s.expected not in ("unverifiable", "not_a_claim"):
            raise InputError(path.with_name(paths.SUPERLATIVES_NAME), s.line, "expected",
                             f"{s.expected!r}, but no reading in {paths.READINGS_NAME} tests it: unverifiable or not_a_claim")
    return out


def _fill_ledger(ledger: Ledger, tables: dict[str, Table]) -> Ledger:
    """Write out every ``{fig:...}``, ``{zh:...}``, ``{date:...}`` in the English columns."""
    def fill(obj, table: str, **columns: str):
        path = tables[table].path
        return replace(obj, **{attr: fill_text(getattr(obj, attr), ledger, (path, obj.line, col))
                               for attr, col in columns.items()})

    return Ledger(
        ledger.data_dir, ledger.source,
        {k: fill(f, "figures", label_en="label_en") for k, f in ledger.figures.items()},
        [fill(r, "rates", note_en="note_en", reading="reading") for r in ledger.rates],
        [fill(c, "constraints", note_en="note_en") for c in ledger.constraints],
        [fill(e, "events", label_en="label_en") for e in ledger.events],
        [fill(x, "exclusions", reason_en="reason_en") for x in ledger.exclusions],
        {k: fill(s, "strengths", reason_en="reason_en") for k, s in ledger.strengths.items()},
        [fill(s, "superlatives", claim_en="claim_en") for s in ledger.superlatives],
        [fill(r, "superlative_readings", reading_en="reading_en", basis_en="basis_en")
         for r in ledger.superlative_readings])


def load_ledger(data_dir: Path | str | None = None) -> Ledger:
    """Everything: source, figures, rates, constraints (with their strengths), events, exclusions,
    superlatives and their readings, held to datapackage.json and checked; placeholders in the
    English text written out."""
    data_dir = paths.data_dir(data_dir)
    source = load_source(data_dir)
    tables = read_tables(data_dir, *LEDGER_TABLES)
    figures = load_figures(data_dir, source, tables["figures"])
    rates = load_rates(data_dir, figures, tables["rates"])
    constraints = _constraints(tables["constraints"], figures, source, rates)
    superlatives = _superlatives(tables["superlatives"], source)
    raw = Ledger(Path(data_dir), source, figures, rates, constraints, _events(tables["events"], source),
                 _exclusions(tables["exclusions"]), _strengths(tables["strengths"], constraints), superlatives,
                 _readings(tables["superlative_readings"], superlatives, figures, rates))
    return _fill_ledger(raw, tables)
