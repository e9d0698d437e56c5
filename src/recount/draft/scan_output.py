"""Where ``recount scan`` writes: the claims (CSV or Parquet), the side file of files, resuming.

``--out claims.csv`` (or ``claims.parquet``) writes two files:

* the claims, one row a claim, columns :data:`recount.draft.scan.COLUMNS`;
* the side file ``claims.files.csv``: one row for every file scanned, in order,
  ``file, claims, skipped``: how many claims it holds, and, for a file that was
  skipped, why (the line also printed on stderr). The skipped list is its rows
  whose ``skipped`` is not empty.

While the scan runs both are written as journals, ``claims.csv.part`` and
``claims.files.csv.part`` (CSV, for Parquet too), a batch at a time: a batch's
claims are written and flushed, then its files' rows. A file counts as done
only once its row is in the side journal, and the claims of the files done are
the first ``sum(claims)`` rows of the claims journal. So ``--resume`` after an
interruption (a kill, a crash, a lost machine) drops a half-written last line and
any rows of files not recorded as done, and goes on from the first file not
done: no row is lost, none written twice. At the end the journals are renamed
into place (Parquet: converted by pyarrow, a block at a time, then the journal
removed). A scan started without ``--resume`` starts again from nothing.
"""

from __future__ import annotations

import csv
import heapq
import io
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from recount.draft.scan import COLUMNS, Result, Source, _cell, article_sources, run_local
from recount.draft.claims import IMPOSSIBLE
from recount.verdict import INCONSISTENT

#: the verdicts of a percentage that does not add up: its counts give another one, or no whole count of
#: its stated base gives it
DOES_NOT_ADD_UP = (INCONSISTENT, IMPOSSIBLE)

FILE_COLUMNS = ("file", "claims", "skipped")
ENCODING = "utf-8"


class ResumeError(Exception):
    """The journals cannot be resumed from (one line, for stderr)."""


# ---------------------------------------------------------------- what the report needs


#: a word for how strong an inconsistency is, as a number (higher is stronger); a number is taken as it is
STRENGTH_WORDS = {"strong": 3.0, "high": 3.0, "moderate": 2.0, "medium": 2.0, "weak": 1.0, "low": 1.0}


def _number(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def strength_score(row: dict) -> tuple[float, float]:
    """How strong a claim that does not add up is: its strength (word or number), then how far it misses."""
    s = (row.get("strength") or "").strip().lower()
    return STRENGTH_WORDS.get(s, _number(s)), abs(_number(row.get("miss_pp", "")))


class Summary:
    """The counts and the strongest claims that do not add up (:data:`DOES_NOT_ADD_UP`) of a scan, in
    bounded memory."""

    LISTED = 500  # claims that do not add up kept for the report, strongest first
    SKIPPED_LISTED = 200

    def __init__(self) -> None:
        self.texts = 0
        self.skipped = 0
        self.skipped_files: list[tuple[str, str]] = []
        self.claims = 0
        self.texts_with_claims = 0
        self.verdicts: Counter[str] = Counter()
        self.strengths: Counter[str] = Counter()  # of the claims that do not add up and have one
        self.levels: Counter[str] = Counter()  # of the claims that do not add up: rounding, material, "" (no miss)
        self._flagged: list[tuple] = []  # min-heap of (score, -order, row): the weakest on top
        self._order = 0

    def add_file(self, name: str, claims: int, error: str | None) -> None:
        self.texts += 1
        if error is not None:
            self.skipped += 1
            if len(self.skipped_files) < self.SKIPPED_LISTED:
                self.skipped_files.append((name, error))
        elif claims:
            self.texts_with_claims += 1

    def bad(self) -> int:
        """How many claims do not add up."""
        return sum(self.verdicts.get(v, 0) for v in DOES_NOT_ADD_UP)

    def add_row(self, values: Iterable) -> None:
        row = dict(zip(COLUMNS, (str(v) for v in values)))
        self.claims += 1
        self.verdicts[row["verdict"]] += 1
        if row["verdict"] in DOES_NOT_ADD_UP:
            self.levels[row["miss_level"]] += 1
            if row["strength"]:
                self.strengths[row["strength"]] += 1
            self._order += 1
            item = (strength_score(row), -self._order, row)
            if len(self._flagged) < self.LISTED:
                heapq.heappush(self._flagged, item)
            else:
                heapq.heappushpop(self._flagged, item)

    def flagged(self) -> list[dict]:
        """The claims that do not add up kept, strongest first, then in the order of the scan."""
        return [row for *_, row in sorted(self._flagged, reverse=True)]


# ---------------------------------------------------------------- writing


class CsvSink:
    """Claim rows as CSV on a text stream (stdout); no side file, nothing to resume."""

    def __init__(self, stream, header: bool = True) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")
        if header:
            self.writer.writerow(COLUMNS)

    def write(self, batch: list[Result]) -> None:
        for _, rows, _ in batch:
            self.writer.writerows(rows)

    def finish(self) -> None:
        self.stream.flush()


def side_path(out: Path) -> Path:
    """``claims.csv`` → ``claims.files.csv`` (also for ``claims.parquet``)."""
    return out.with_name(out.stem + ".files.csv")


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")


class FileOutput:
    """``--out FILE.csv`` or ``FILE.parquet`` and its side file, through journals (see the module)."""

    def __init__(self, out: Path, resume: bool = False, summary: Summary | None = None) -> None:
        self.out, self.side = Path(out), side_path(Path(out))
        self.parquet = self.out.suffix.lower() == ".parquet"
        self.part, self.side_part = _part(self.out), _part(self.side)
        self.done: set[str] = set()
        if resume:
            self._bring_back_finished()
        if resume and self.part.exists() and self.side_part.exists():
            self.done = recover(self.part, self.side_part, summary)
            self.fh = self.part.open("a", encoding=ENCODING, newline="")
            self.side_fh = self.side_part.open("a", encoding=ENCODING, newline="")
            self.rows, self.files = csv.writer(self.fh, lineterminator="\n"), csv.writer(self.side_fh, lineterminator="\n")
        else:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.fh = self.part.open("w", encoding=ENCODING, newline="")
            self.side_fh = self.side_part.open("w", encoding=ENCODING, newline="")
            self.rows, self.files = csv.writer(self.fh, lineterminator="\n"), csv.writer(self.side_fh, lineterminator="\n")
            self.rows.writerow(COLUMNS)
            self.files.writerow(FILE_COLUMNS)

    def _bring_back_finished(self) -> None:
        """A finished output resumed (more files since): its files become the journals again."""
        if self.part.exists() or not (self.out.exists() and self.side.exists()):
            return
        if self.parquet:
            parquet_to_csv(self.out, self.part)
        else:
            self.out.replace(self.part)
        self.side.replace(self.side_part)

    def pending(self, sources: Iterable[Source]) -> Iterator[Source]:
        """The sources not already done (by name)."""
        return (s for s in sources if s[0] not in self.done)

    def write(self, batch: list[Result]) -> None:
        for _, rows, _ in batch:
            self.rows.writerows(rows)
        self.fh.flush()  # the claims first: a file is done only once its side row follows them
        for name, rows, error in batch:
            self.files.writerow((_cell(name), len(rows), "" if error is None else _cell(error)))
        self.side_fh.flush()

    def close(self) -> None:
        self.fh.close()
        self.side_fh.close()

    def finish(self) -> None:
        self.close()
        if self.parquet:
            csv_to_parquet(self.part, self.out)
            self.part.unlink()
        else:
            self.part.replace(self.out)
        self.side_part.replace(self.side)


def _complete_lines(path: Path) -> int:
    """Cut a half-written last line off ``path``; return the length kept, in bytes."""
    with path.open("rb+") as fh:
        data_end = fh.seek(0, io.SEEK_END)
        if data_end == 0:
            return 0
        pos = data_end
        while pos > 0:  # back to the last newline, a block at a time
            step = min(pos, 1 << 16)
            fh.seek(pos - step)
            block = fh.read(step)
            at = block.rfind(b"\n")
            if at >= 0:
                keep = pos - step + at + 1
                break
            pos -= step
        else:
            keep = 0
        fh.truncate(keep)
        return keep


def recover(part: Path, side_part: Path, summary: Summary | None) -> set[str]:
    """The names of the files done, the claims journal cut to their rows; ``summary`` fed both."""
    _complete_lines(side_part)
    done: set[str] = set()
    expected = 0
    with side_part.open(encoding=ENCODING, newline="") as fh:
        reader = csv.reader(fh)
        if next(reader, None) != list(FILE_COLUMNS):
            raise ResumeError(f"{side_part}: not a scan's side file: scan again without --resume")
        for name, claims, skipped in reader:
            done.add(name)
            expected += int(claims)
            if summary is not None:
                summary.add_file(name, int(claims), skipped or None)
    with part.open("rb+") as fh:
        header = fh.readline()
        if header.decode(ENCODING).rstrip("\n").split(",") != list(COLUMNS):
            raise ResumeError(f"{part}: written with other columns: scan again without --resume")
        for i in range(expected):
            line = fh.readline()
            if not line.endswith(b"\n"):
                raise ResumeError(f"{part}: {i} of the {expected} rows of the files done: scan again without --resume")
            if summary is not None:
                summary.add_row(next(csv.reader([line.decode(ENCODING)])))
        fh.truncate(fh.tell())
    return done


# ---------------------------------------------------------------- Parquet


def _arrow_types():
    import pyarrow as pa

    return {c: pa.int64() if c in ("offset", "end") else pa.string() for c in COLUMNS}


def csv_to_parquet(src: Path, dst: Path) -> None:
    """The claims journal as Parquet, a block at a time (offset and end integers, the rest text)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    types = _arrow_types()
    schema = pa.schema([(c, types[c]) for c in COLUMNS])
    reader = pcsv.open_csv(src, read_options=pcsv.ReadOptions(block_size=1 << 22),
                           convert_options=pcsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                               quoted_strings_can_be_null=False))
    tmp = _part(dst).with_suffix(".tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
    tmp.replace(dst)


def parquet_to_csv(src: Path, dst: Path) -> None:
    """A finished Parquet output back as the claims journal, row for row."""
    import pyarrow.parquet as pq

    with dst.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for batch in pq.ParquetFile(src).iter_batches(columns=list(COLUMNS)):
            writer.writerows(zip(*(batch.column(c).to_pylist() for c in COLUMNS)))


# ---------------------------------------------------------------- the loop


def drain(work: Iterable[list[Result]], sink, err, progress: bool = False, summary: Summary | None = None) -> Summary:
    """Write each batch as it comes; one line on ``err`` for each file skipped; return the summary."""
    summary = summary if summary is not None else Summary()
    bar = None
    if progress:  # tqdm is imported only to draw: it adds 40 ms and 2 MiB to each process
        from tqdm import tqdm

        bar = tqdm(unit="file", file=err)
    for batch in work:
        sink.write(batch)
        for name, rows, error in batch:
            summary.add_file(name, len(rows), error)
            for row in rows:
                summary.add_row(row)
            if error is not None:
                print(f"recount: skipped {error}", file=err)
        if bar is not None:
            bar.update(len(batch))
    sink.finish()
    if bar is not None:
        bar.close()
    return summary


def scan_to_file(paths: Iterable[str], out: Path, jobs: int = 1, scheduler: str | None = None,
                 resume: bool = False, progress: bool = False, err=None) -> Summary:
    """``recount scan --out``: every claim into ``out`` (CSV or Parquet) and its side file."""


    summary = Summary()
    sink = FileOutput(out, resume=resume, summary=summary)
    try:
        return drain(results(sink.pending(article_sources(paths)), jobs, scheduler), sink, err or sys.stderr,
                     progress, summary)
    finally:
        sink.close()


def results(sources: Iterable[Source], jobs: int = 1, scheduler: str | None = None) -> Iterator[list[Result]]:
    if scheduler:
        from recount.draft.scan_dask import run_dask

        return run_dask(sources, scheduler)
    return run_local(sources, jobs)


def scan(paths: Iterable[str], out, jobs: int = 1, progress: bool = False, err=sys.stderr,
         scheduler: str | None = None) -> int:
    """Write the CSV of every claim to the text stream ``out``; return the number of files skipped.

    (The command line writes files through :func:`recount.draft.scan_output.scan_to_file`.)
    """
    sink = CsvSink(out)
    return drain(results(article_sources(paths), jobs, scheduler), sink, err, progress).skipped
