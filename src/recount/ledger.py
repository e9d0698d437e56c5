"""Load and validate the ledger: the source article and the CSV tables about it.

Tiers (as in ``data/README``): ``data/source/`` is the article as captured and is
never edited; ``figures.csv``, ``rates.csv``, ``constraints.csv``, ``events.csv``
and ``exclusions.csv`` are written by hand, row by row, against it; everything
else (verdicts, tables, charts) is derived by code.

Every problem raises :class:`recount.errors.InputError` naming the file, the
1-based line of the CSV, the column and what is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from recount import paths
from recount.errors import InputError
from recount.intervals import QUALIFIERS, Interval, decimals_of, figure_interval
from recount.numerals import numerals_in

#: unit as written -> (kind, base unit, factor to the base unit). 万 is 10^4.
UNITS: dict[str, tuple[str, str, int]] = {
    "%": ("percent", "%", 1),
    "户": ("count", "户", 1), "家": ("count", "家", 1), "个": ("count", "个", 1),
    "名": ("count", "名", 1), "人次": ("count", "人次", 1), "条": ("count", "条", 1),
    "场": ("count", "场", 1), "期": ("count", "期", 1), "次": ("count", "次", 1),
    "项": ("count", "项", 1), "张": ("count", "张", 1), "类": ("count", "类", 1),
    "万人": ("count", "人", 10_000),
    "元": ("amount", "元", 1), "万元": ("amount", "元", 10_000),
    "小时": ("duration", "小时", 1), "天": ("duration", "天", 1), "月": ("duration", "月", 1),
}
VERDICTS = ("consistent", "inconsistent", "unverifiable", "derived")
CONSTRAINT_KINDS = ("le", "enumeration", "enumeration_partial", "within", "near")
CONSTRAINT_RESULTS = ("pass", "fail", "tension")
STRENGTHS = ("hard", "soft")
#: what a superlative's reading tests (superlative_readings.csv, column ``test``)
SUPERLATIVE_TESTS = ("most", "full", "le")
#: a superlative claim's result; the last two are a reader's classification of a claim with no reading
SUPERLATIVE_RESULTS = ("pass", "fail", "tension", "unverifiable", "not_a_claim")
#: the words of a superlative or a total; every one in the article is a row of superlatives.csv
SUPERLATIVE_WORDS = re.compile(r"最|首创|首先|率先|全部|全面|全体|全区|全市|全省|全线|全类型|全流程|全程|全覆盖|均|每|都|"
                               r"完全|大多|合计|共计|累计|总额")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
ARABIC = re.compile(r"\d+(?:\.\d+)?")

FIGURE_COLUMNS = ("id", "section", "quote", "value", "unit", "qualifier", "label_en")
RATE_COLUMNS = ("id", "section", "numerator", "denominator", "cited", "reading", "expected", "note_en")
CONSTRAINT_COLUMNS = ("id", "section", "kind", "left", "right", "items", "expected", "note_en")
EVENT_COLUMNS = ("id", "section", "date", "precision", "quote", "label_en")
EXCLUSION_COLUMNS = ("pattern", "kind", "reason_en")
STRENGTH_COLUMNS = ("constraint", "strength", "reason_en")
SUPERLATIVE_COLUMNS = ("id", "section", "quote", "word", "expected", "claim_en")
READING_COLUMNS = ("id", "claim", "test", "subject", "others", "strength", "reading_en", "basis_en")
STRENGTHS_NAME, SUPERLATIVES_NAME, READINGS_NAME = paths.STRENGTHS_NAME, paths.SUPERLATIVES_NAME, paths.READINGS_NAME


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]


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


def read_table(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Rows of a UTF-8 CSV with at least ``columns``; each row knows its line number."""
    raw = read_bytes(path)
    text = _decode(path, raw)
    if not text.strip():
        raise InputError(path, 1, None, f"empty file: expected a header row ({', '.join(columns)})")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(path, 1, None, f"unreadable CSV header: {exc}") from None
    header = [h.strip() for h in header]
    for name in columns:
        if name not in header:
            raise InputError(path, 1, name, f"missing column {name!r} (header has: {', '.join(header)})")
    seen = set()
    for name in header:
        if name in seen:
            raise InputError(path, 1, name, f"column {name!r} appears twice in the header")
        seen.add(name)
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
    return rows


def load_source(data_dir: Path | None = None) -> str:
    """The article text, after checking its sha256 against the pinned hash."""
    path = paths.source_path(data_dir)
    raw = read_bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    pinned = paths.pinned_source_sha256()
    if digest != pinned:
        line = _first_changed_line(path, raw)
        raise InputError(
            path, line, None,
            f"sha256 {digest[:12]}… does not match the pinned {pinned[:12]}…: "
            "the source must stay byte-for-byte as captured; restore it from version control",
        )
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


# ---------------------------------------------------------------- validation helpers


def _slug(path: Path, row: Row, column: str = "id") -> str:
    value = row[column].strip()
    if not SLUG.match(value):
        raise InputError(path, row.line, column, f"{value!r} is not a slug (lower case, digits, _; starts with a letter)")
    return value


def _unique(path: Path, rows: list[Row], column: str = "id") -> None:
    first: dict[str, int] = {}
    for row in rows:
        key = row[column].strip()
        if key in first:
            raise InputError(path, row.line, column, f"duplicate id {key!r} (first on line {first[key]})")
        first[key] = row.line


def _section(path: Path, row: Row) -> int:
    text = row["section"].strip()
    if text not in ("0", "1", "2", "3"):
        raise InputError(path, row.line, "section", f"{text!r} is not a section (0 = lede, 1-3 = the headed sections)")
    return int(text)


def _anchor(path: Path, row: Row, source: str, column: str = "quote") -> int:
    quote = row[column]
    if not quote:
        raise InputError(path, row.line, column, "empty quote")
    count = source.count(quote)
    if count == 0:
        raise InputError(path, row.line, column, f"quote {quote!r} is not in the source article")
    if count > 1:
        raise InputError(path, row.line, column, f"quote {quote!r} occurs {count} times in the source; lengthen it so it anchors one place")
    return source.index(quote)


def _ids(path: Path, row: Row, column: str, figures: dict[str, Figure], required: bool) -> tuple[str, ...]:
    text = row[column].strip()
    if not text:
        if required:
            raise InputError(path, row.line, column, "empty: expected figure ids joined with +")
        return ()
    ids = tuple(part.strip() for part in text.split("+"))
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


def load_figures(data_dir: Path | None = None, source: str | None = None) -> dict[str, Figure]:
    data_dir = paths.data_dir(data_dir)
    source = load_source(data_dir) if source is None else source
    path = paths.figures_path(data_dir)
    rows = read_table(path, FIGURE_COLUMNS)
    _unique(path, rows)
    figures: dict[str, Figure] = {}
    for row in rows:
        fid = _slug(path, row)
        section = _section(path, row)
        start = _anchor(path, row, source)
        unit = row["unit"].strip()
        if unit not in UNITS and _draft_unit(unit) is None:
            raise InputError(path, row.line, "unit", f"unknown unit {unit!r} (known: {' '.join(UNITS)})")
        kind, base_unit, factor = UNITS.get(unit) or _draft_unit(unit)
        qualifier = row["qualifier"].strip()
        if qualifier not in QUALIFIERS:
            raise InputError(path, row.line, "qualifier", f"unknown qualifier {qualifier!r} (known: {' '.join(QUALIFIERS)})")
        text = row["value"].strip()
        try:
            value = Decimal(text)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise InputError(path, row.line, "value", f"{text!r} is not a number") from None
        if value < 0:
            raise InputError(path, row.line, "value", f"negative value {text}: counts, amounts and shares cannot be negative")
        if kind == "count" and factor == 1 and value != value.to_integral_value():
            raise InputError(path, row.line, "value", f"fractional count {text}: a count of {unit} must be a whole number")
        if kind == "percent" and value > 100:
            raise InputError(path, row.line, "value", f"share above 100%: {text}%")
        quote = row["quote"]
        if not _value_in_quote(text, value, quote):
            raise InputError(path, row.line, "value", f"value {text} is not the number the quote {quote!r} carries")
        figures[fid] = Figure(
            id=fid, section=section, quote=quote, value_text=text, unit=unit, qualifier=qualifier,
            label_en=row["label_en"].strip(), line=row.line, start=start, value=value, kind=kind,
            base_unit=base_unit, factor=factor, interval=figure_interval(value, qualifier),
            decimals=decimals_of(text),
        )
    return figures


def _value_in_quote(text: str, value: Decimal, quote: str) -> bool:
    if any(Decimal(m) == value for m in ARABIC.findall(quote)):
        return True
    if any(Decimal(n) == value for n in numerals_in(quote)):
        return True
    from recount.draft import draft  # a drafted ledger: 12,345, １２, 三千万, 九成 as the draft reads them

    return any(f.value == value for f in draft(quote).figures)


def _draft_unit(unit: str) -> tuple[str, str, int] | None:
    """A unit a drafted ledger may use beyond :data:`UNITS` (亿元, 吨, 个百分点 ...)."""
    from recount.draft.units import unit_info

    return unit_info(unit)


def load_rates(data_dir: Path | None, figures: dict[str, Figure]) -> list[Rate]:
    data_dir = paths.data_dir(data_dir)
    path = paths.rates_path(data_dir)
    rows = read_table(path, RATE_COLUMNS)
    _unique(path, rows)
    rates: list[Rate] = []
    for row in rows:
        rid = _slug(path, row)
        section = _section(path, row)
        numerator = _ids(path, row, "numerator", figures, required=False)
        denominator = _ids(path, row, "denominator", figures, required=False)
        if bool(numerator) != bool(denominator):
            column = "denominator" if numerator else "numerator"
            raise InputError(path, row.line, column, "give both a numerator and a denominator, or neither")
        cited = row["cited"].strip() or None
        if cited is not None:
            if cited not in figures:
                raise InputError(path, row.line, "cited", f"unknown figure id {cited!r} (not in figures.csv)")
            if figures[cited].kind != "percent":
                raise InputError(path, row.line, "cited", f"{cited!r} is not a percentage (unit {figures[cited].unit})")
        elif not numerator:
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
        expected = row["expected"].strip()
        if expected not in VERDICTS:
            raise InputError(path, row.line, "expected", f"{expected!r} is not a verdict ({', '.join(VERDICTS)})")
        rates.append(Rate(rid, section, numerator, denominator, cited, row["reading"].strip(), expected,
                          row["note_en"].strip(), row.line))
    return rates


def _rate_side(path: Path, row: Row, column: str, figures: dict[str, Figure], rates: list[Rate]) -> tuple[str, ...]:
    """One side of a ``near`` check: a single percentage figure or a single rate id."""
    text = row[column].strip()
    rate_ids = {r.id for r in rates}
    if text in figures and figures[text].kind == "percent" or text in rate_ids:
        return (text,)
    raise InputError(path, row.line, column, f"{text!r} is neither a percentage in figures.csv nor a rate id of rates.csv")


def load_constraints(data_dir: Path | None, figures: dict[str, Figure], source: str,
                     rates: list[Rate] | None = None) -> list[Constraint]:
    data_dir = paths.data_dir(data_dir)
    path = paths.constraints_path(data_dir)
    rows = read_table(path, CONSTRAINT_COLUMNS)
    _unique(path, rows)
    out: list[Constraint] = []
    for row in rows:
        cid = _slug(path, row)
        section = _section(path, row)
        kind = row["kind"].strip()
        if kind not in CONSTRAINT_KINDS:
            raise InputError(path, row.line, "kind", f"{kind!r} is not a constraint kind ({', '.join(CONSTRAINT_KINDS)})")
        if kind == "near":
            left = _rate_side(path, row, "left", figures, rates or [])
            right = _rate_side(path, row, "right", figures, rates or [])
        elif kind == "within":
            left = _ids(path, row, "left", figures, required=True)
            right = tuple(_rate_side(path, Row(row.line, {"right": part}), "right", figures, rates or [])[0]
                          for part in row["right"].split("+"))
        else:
            left = _ids(path, row, "left", figures, required=True)
            right = _ids(path, row, "right", figures, required=kind == "le")
        items = tuple(i for i in row["items"].split("|") if i) if row["items"].strip() else ()
        if kind.startswith("enumeration"):
            if not items:
                raise InputError(path, row.line, "items", "an enumeration needs the listed items, joined with |")
            for item in items:
                if item not in source:
                    raise InputError(path, row.line, "items", f"item {item!r} is not in the source article")
        expected = row["expected"].strip()
        if expected not in CONSTRAINT_RESULTS:
            raise InputError(path, row.line, "expected", f"{expected!r} is not a result ({', '.join(CONSTRAINT_RESULTS)})")
        out.append(Constraint(cid, section, kind, left, right, items, expected, row["note_en"].strip(), row.line))
    return out


def load_events(data_dir: Path | None, source: str) -> list[Event]:
    data_dir = paths.data_dir(data_dir)
    path = paths.events_path(data_dir)
    rows = read_table(path, EVENT_COLUMNS)
    _unique(path, rows)
    out: list[Event] = []
    for row in rows:
        eid = _slug(path, row)
        section = _section(path, row)
        try:
            when = date.fromisoformat(row["date"].strip())
        except ValueError:
            raise InputError(path, row.line, "date", f"{row['date']!r} is not a date (YYYY-MM-DD)") from None
        precision = row["precision"].strip()
        if precision not in ("day", "month"):
            raise InputError(path, row.line, "precision", f"{precision!r} is not day or month")
        start = _anchor(path, row, source)
        out.append(Event(eid, section, when, precision, row["quote"], row["label_en"].strip(), row.line, start))
    return sorted(out, key=lambda e: (e.date, e.start))


def load_exclusions(data_dir: Path | None = None) -> list[Exclusion]:
    data_dir = paths.data_dir(data_dir)
    path = data_dir / paths.EXCLUSIONS_NAME
    rows = read_table(path, EXCLUSION_COLUMNS)
    out = []
    for row in rows:
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            raise InputError(path, row.line, "pattern", f"not a regular expression: {exc}") from None
        if not row["reason_en"].strip():
            raise InputError(path, row.line, "reason_en", "every exclusion needs a reason")
        out.append(Exclusion(pattern, row["kind"].strip(), row["reason_en"].strip(), row.line))
    return out


def load_strengths(data_dir: Path | None, constraints: list[Constraint]) -> dict[str, Strength]:
    """strengths.csv: one row for every constraint, hard or soft, with the reason."""
    path = paths.data_dir(data_dir) / STRENGTHS_NAME
    rows = read_table(path, STRENGTH_COLUMNS)
    _unique(path, rows, "constraint")
    known = {c.id for c in constraints}
    out: dict[str, Strength] = {}
    for row in rows:
        cid = row["constraint"].strip()
        if cid not in known:
            raise InputError(path, row.line, "constraint", f"unknown constraint id {cid!r} (not in constraints.csv)")
        strength = row["strength"].strip()
        if strength not in STRENGTHS:
            raise InputError(path, row.line, "strength", f"{strength!r} is not hard or soft")
        if not row["reason_en"].strip():
            raise InputError(path, row.line, "reason_en", "every strength needs its reason (soft: the assumption)")
        out[cid] = Strength(cid, strength, row["reason_en"].strip(), row.line)
    for c in constraints:
        if c.id not in out:
            raise InputError(path, None, "constraint",
                             f"constraint {c.id!r} (constraints.csv line {c.line}) has no row: classify it hard or soft")
    return out


def load_superlatives(data_dir: Path | None, source: str) -> list[Superlative]:
    path = paths.data_dir(data_dir) / SUPERLATIVES_NAME
    rows = read_table(path, SUPERLATIVE_COLUMNS)
    _unique(path, rows)
    out = []
    for row in rows:
        sid = _slug(path, row)
        section = _section(path, row)
        start = _anchor(path, row, source)
        word = row["word"].strip()
        if not word or word not in row["quote"]:
            raise InputError(path, row.line, "word", f"{word!r} is not in the quote {row['quote']!r}")
        expected = row["expected"].strip()
        if expected not in SUPERLATIVE_RESULTS:
            raise InputError(path, row.line, "expected", f"{expected!r} is not a result ({', '.join(SUPERLATIVE_RESULTS)})")
        out.append(Superlative(sid, section, row["quote"], word, expected, row["claim_en"].strip(), row.line, start))
    return out


def load_superlative_readings(data_dir: Path | None, superlatives: list[Superlative], figures: dict[str, Figure],
                              rates: list[Rate]) -> list[SuperlativeReading]:
    path = paths.data_dir(data_dir) / READINGS_NAME
    rows = read_table(path, READING_COLUMNS)
    _unique(path, rows)
    claims = {s.id: s for s in superlatives}
    rate_ids = {r.id for r in rates}
    out = []
    for row in rows:
        rid = _slug(path, row)
        claim = row["claim"].strip()
        if claim not in claims:
            raise InputError(path, row.line, "claim", f"unknown claim {claim!r} (not in superlatives.csv)")
        test = row["test"].strip()
        if test not in SUPERLATIVE_TESTS:
            raise InputError(path, row.line, "test", f"{test!r} is not a test ({', '.join(SUPERLATIVE_TESTS)})")
        if test == "full":
            subject = tuple(i.strip() for i in row["subject"].split("|") if i.strip())
            for item in subject:
                if not (item in rate_ids or item in figures and figures[item].kind == "percent"):
                    raise InputError(path, row.line, "subject",
                                     f"{item!r} is neither a percentage in figures.csv nor a rate id of rates.csv")
            if not subject:
                raise InputError(path, row.line, "subject", "empty: expected rates or percentages joined with |")
            others: tuple[tuple[str, ...], ...] = ()
        else:
            subject = _ids(path, row, "subject", figures, required=True)
            groups = [g for g in row["others"].split("|") if g.strip()]
            if not groups:
                raise InputError(path, row.line, "others", "empty: expected figure ids joined with + (groups with |)")
            others = tuple(_ids(path, Row(row.line, {"others": g}), "others", figures, required=True) for g in groups)
            if test == "le" and len(others) != 1:
                raise InputError(path, row.line, "others", "an le test has one group of figures (no |)")
        strength = row["strength"].strip()
        if strength not in STRENGTHS:
            raise InputError(path, row.line, "strength", f"{strength!r} is not hard or soft")
        if not row["basis_en"].strip():
            raise InputError(path, row.line, "basis_en", "every reading needs its basis (soft: the assumption)")
        out.append(SuperlativeReading(rid, claim, test, subject, others, strength, row["reading_en"].strip(),
                                      row["basis_en"].strip(), row.line))
    with_readings = {r.claim for r in out}
    for s in superlatives:
        has = s.id in with_readings
        if has and s.expected in ("unverifiable", "not_a_claim"):
            raise InputError(paths.data_dir(data_dir) / SUPERLATIVES_NAME, s.line, "expected",
                             f"{s.expected!r}, but {READINGS_NAME} tests it: expect pass, fail or tension")
        if not has and s.expected not in ("unverifiable", "not_a_claim"):
            raise InputError(paths.data_dir(data_dir) / SUPERLATIVES_NAME, s.line, "expected",
                             f"{s.expected!r}, but no reading in {READINGS_NAME} tests it: unverifiable or not_a_claim")
    return out


def _fill_ledger(ledger: Ledger) -> Ledger:
    """Write out every ``{fig:...}``, ``{zh:...}``, ``{date:...}`` in the English columns."""
    from dataclasses import replace

    from recount.english import fill_text

    d = ledger.data_dir

    def fill(obj, path: Path, **columns: str):
        new = {attr: fill_text(getattr(obj, attr), ledger, (path, obj.line, col)) for attr, col in columns.items()}
        return replace(obj, **new)

    figures = {k: fill(f, paths.figures_path(d), label_en="label_en") for k, f in ledger.figures.items()}
    rates = [fill(r, paths.rates_path(d), note_en="note_en", reading="reading") for r in ledger.rates]
    constraints = [fill(c, paths.constraints_path(d), note_en="note_en") for c in ledger.constraints]
    events = [fill(e, paths.events_path(d), label_en="label_en") for e in ledger.events]
    exclusions = [fill(x, d / paths.EXCLUSIONS_NAME, reason_en="reason_en") for x in ledger.exclusions]
    strengths = {k: fill(s, d / STRENGTHS_NAME, reason_en="reason_en") for k, s in ledger.strengths.items()}
    sups = [fill(s, d / SUPERLATIVES_NAME, claim_en="claim_en") for s in ledger.superlatives]
    readings = [fill(r, d / READINGS_NAME, reading_en="reading_en", basis_en="basis_en")
                for r in ledger.superlative_readings]
    return Ledger(d, ledger.source, figures, rates, constraints, events, exclusions, strengths, sups, readings)


def load_ledger(data_dir: Path | str | None = None) -> Ledger:
    """Everything: source, figures, rates, constraints (with their strengths), events, exclusions,
    superlatives and their readings, validated; placeholders in the English text written out."""
    data_dir = paths.data_dir(data_dir)
    source = load_source(data_dir)
    figures = load_figures(data_dir, source)
    rates = load_rates(data_dir, figures)
    constraints = load_constraints(data_dir, figures, source, rates)
    events = load_events(data_dir, source)
    exclusions = load_exclusions(data_dir)
    strengths = load_strengths(data_dir, constraints)
    superlatives = load_superlatives(data_dir, source)
    readings = load_superlative_readings(data_dir, superlatives, figures, rates)
    raw = Ledger(Path(data_dir), source, figures, rates, constraints, events, exclusions, strengths,
                 superlatives, readings)
    return _fill_ledger(raw)
