"""``recount scan PATH...``: the draft's claims for many files, one row a claim.

Where the work runs:

* one process (``--jobs 1``, the default);
* a local process pool (``--jobs N``), each worker loading jieba and OpenCC once
  when it starts (the parent, which only writes, never loads them);
* a ``dask.distributed`` cluster (``--scheduler tcp://HOST:PORT``, or dask's own
  configuration: ``DASK_SCHEDULER_ADDRESS``), on as many machines as it has.
  Each worker loads jieba and OpenCC once when it joins
  (:mod:`recount.draft.scan_dask`). A
  task is a batch of files (:data:`recount.draft.scan_dask.BATCH`, 32; the pool's are
  :data:`BATCH`, 8); it reads its files and returns their
  rows, with no other effect, so when a worker dies the scheduler runs its
  batches again on another and nothing is lost or written twice.

Either way at most a few batches per worker are in flight, results come back in
the order of the paths and are written batch by batch as they come
(:mod:`recount.draft.scan_output`), so memory stays flat however many files
there are, and one process, a pool and a cluster write the same bytes.

Paths are local files or folders (searched recursively, sorted), or fsspec URLs
(``s3://bucket/releases/``, ``memory://...``; a folder URL is walked the same
way). Local paths are sent to workers as absolute paths (a cluster on several
machines needs them on a shared file system) but written as given.

A file that is not an article is skipped with one line on stderr and one row in
the side file (:mod:`recount.draft.scan_output`): unreadable, empty, binary (a NUL
byte), not UTF-8, or larger than :data:`MAX_BYTES` (2 MiB: a news release is a
few kilobytes; a larger file is an archive or a dump, and would hold one worker
for minutes).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from recount.errors import InputError

#: the columns of the output, fixed so that the CSV header never changes: the first five are those of
#: the first ``scan``; then every key of a claim's JSON (:meth:`recount.draft.claims.Claim.as_json`), empty
#: when a claim lacks it, and the sentence the claim is in (whitespace runs as one space)
COLUMNS = ("file", "offset", "cited", "verdict", "arithmetic", "end", "strength", "reason", "reading",
           "miss_pp", "miss_level", "numerator", "denominator", "sentence")
#: the JSON keys written as they are (numerator and denominator are lists: their values joined with " + ")
PLAIN_KEYS = ("strength", "reason", "reading", "miss_pp", "miss_level")
BATCH = 8  # files per task in the pool (a Dask task takes more: recount.draft.scan_dask.BATCH)
IN_FLIGHT = 4  # tasks in flight per worker (process or Dask thread)
MAX_BYTES = 2 * 2**20
WARM_TEXT = "共有企业10家,已复工9家,复工率90%。"

class SchedulerError(Exception):
    """The Dask cluster cannot do the scan (one line, for stderr); what was written can be resumed."""


Source = tuple[str, str]  # (name written in the output, where a worker reads it: absolute path or URL)
Result = tuple[str, list[tuple], str | None]  # (name, rows, why it was skipped or None)


# ---------------------------------------------------------------- what to read


def is_url(path: str) -> bool:
    return "://" in path


def article_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Each file named, and each file below each folder named (sorted), lazily."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    yield Path(root) / name
        else:
            yield p


def article_sources(paths: Iterable[str]) -> Iterator[Source]:
    """(name, location) of each file to scan, in order, lazily: local paths and fsspec URLs."""
    for p in paths:
        if is_url(p):
            yield from _url_sources(p)
        else:
            for path in article_paths([p]):
                yield str(path), os.path.abspath(path)


def _url_sources(url: str) -> Iterator[Source]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(url)
    if not fs.isdir(root):
        yield url, url
        return
    for folder, dirs, files in fs.walk(root, topdown=True):
        dirs.sort()
        for name in sorted(files):
            full = fs.unstrip_protocol(f"{folder.rstrip('/')}/{name}")
            yield full, full


# ---------------------------------------------------------------- one file, one batch (run by workers)


def read_source(name: str, location: str) -> str:
    """The decoded text of one file; :class:`InputError` naming ``name`` when it is not an article."""
    from recount.draft import decode_article

    try:
        if is_url(location):
            import fsspec

            with fsspec.open(location, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        else:
            with open(location, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, None, None, "file not found") from None
    except IsADirectoryError:
        raise InputError(name, None, None, "is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(name, None, None, f"unreadable: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(name, None, None, f"larger than {MAX_BYTES // 2**20} MiB, not an article: skipped")
    return decode_article(raw, name)


def _cell(value) -> str:
    """A JSON value as one line of text: None as empty, newlines as spaces."""
    if value is None:
        return ""
    return " ".join(str(value).splitlines())


def claim_rows(name: str, text: str) -> list[tuple]:
    """The rows (:data:`COLUMNS`) of the claims of one decoded text."""
    from recount.draft import draft

    d = draft(text)
    if not d.claims:
        return []
    seg = d.segments
    rows = []
    for c in d.claims:
        j = c.as_json()
        a, b = seg.span("sentence", j["start"])
        rows.append((name, j["start"], _cell(j["cited"]), _cell(j["verdict"]), _cell(j["arithmetic"]), j["end"],
                     *(_cell(j.get(k)) for k in PLAIN_KEYS),
                     " + ".join(x["value"] for x in j.get("numerator", ())),
                     " + ".join(x["value"] for x in j.get("denominator", ())),
                     " ".join(text[a:b].split())))
    return rows


def scan_file(source: Source) -> Result:
    """(name, rows, error): the rows of one file, or the one-line reason it was skipped."""
    name, location = source
    try:
        text = read_source(name, location)
    except InputError as exc:
        return name, [], str(exc)
    return name, claim_rows(name, text), None


def scan_batch(batch: list[Source]) -> list[Result]:
    """One task: a batch of files read and drafted. Pure: no effect but its result, safe to run twice."""
    return [scan_file(s) for s in batch]


def warm() -> None:
    """Load jieba's dictionary and OpenCC's tables now (about a second), not in the first batch."""
    from recount.draft import draft

    draft(WARM_TEXT)


# ---------------------------------------------------------------- where the batches run


def batches(sources: Iterable[Source], size: int = BATCH) -> Iterator[list[Source]]:
    it = iter(sources)
    while batch := list(islice(it, size)):
        yield batch


def _ordered(submit: Callable, get: Callable, work: Iterable[list[Source]], limit: int) -> Iterator[list[Result]]:
    """Each batch's results in the order of ``work``, with at most ``limit`` batches submitted and not yet taken."""
    pending: deque = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= limit:
            yield get(pending.popleft())
    while pending:
        yield get(pending.popleft())


def run_local(sources: Iterable[Source], jobs: int = 1) -> Iterator[list[Result]]:
    """Batches of results from this process (``jobs`` 1) or a forked pool of ``jobs`` processes."""
    if jobs <= 1:
        yield from map(scan_batch, batches(sources))
        return
    with get_context("fork").Pool(jobs, initializer=warm) as pool:  # jieba and OpenCC loaded once a worker
        yield from _ordered(lambda b: pool.apply_async(scan_batch, (b,)), lambda r: r.get(),
                            batches(sources), IN_FLIGHT * jobs)


def scheduler_address(option: str | None) -> str | None:
    """``--scheduler``, else dask's configured ``scheduler-address`` (``DASK_SCHEDULER_ADDRESS``), else None."""
    if option:
        return option
    if not any(k.startswith("DASK_") for k in os.environ) and not _dask_config_files():
        return None  # nothing could set it: skip importing dask
    import dask.config

    return dask.config.get("scheduler-address", None) or None


def _dask_config_files() -> bool:
    home = Path(os.environ.get("DASK_CONFIG", Path.home() / ".config" / "dask"))
    return any(p.is_dir() and any(p.glob("*.y*ml")) for p in (home, Path(sys.prefix) / "etc" / "dask",
                                                              Path("/etc/dask")))
