"""Sphinx extension: re-execute a notebook exactly when something it read changed.

The book executes its notebooks with ``nb_execution_mode: force`` and leaves
the choice of *which* notebooks to run to Sphinx's incremental build: Sphinx
re-reads a document when its source, or a file recorded with
``env.note_dependency()``, is newer than the document's last read, and myst-nb
executes a notebook whenever it is read. jupyter-cache is not used, because it
keys a notebook on its code cells only and serves stale outputs after a data
or library edit.

For every document this extension

* on ``source-read`` (before myst-nb parses and executes it) points
  ``$RECOUNT_READS_LOG`` at a fresh, empty per-document log
  ``<build>/.recount/reads/<docname>.log``; the kernel inherits the
  environment, and :func:`recount.paths.note_read` appends every data file the
  notebook opens;
* on ``doctree-read`` (after execution) declares each logged file, and, for a
  notebook that was executed, every ``*.py`` file of the ``recount`` package
  actually imported, as dependencies of the document.

Dependencies live in the pickled environment (``env.dependencies``), so they
survive between builds; a file that disappears makes its readers re-run (and
fail loudly). The names of the notebooks executed by a build are written to
``<build>/.recount/executed.json`` and logged as ``recount: executed N
notebook(s)``. A build that warned leaves no environment behind, so the next
build re-reads (re-executes) everything and shows the same warnings again
instead of passing on a stale, unchanged environment.

Notebooks are read, so executed, in parallel: ``jupyter-book build`` has no
``-j`` option, so :func:`setup` sets Sphinx's ``app.parallel`` itself, to
``$RECOUNT_BUILD_JOBS`` (default ``auto``: the number of CPUs this process may
use; ``1`` reads serially; an explicit ``sphinx-build -j N`` is kept). Sphinx
forks one reader per chunk of documents when more than five are out of date;
each fork executes its notebooks in its own kernel and sends its environment
back, and Sphinx merges it into the main one. Each chunk is one document,
and the longest sources start first (:func:`_chunks_longest_first`), so the
build does not end with one worker running a long chapter while the other
idles. That merge covers everything this extension keeps:

* ``env.dependencies`` is merged by Sphinx's own ``DependenciesCollector``
  (``merge_other`` on ``env-merge-info``; ``BuildEnvironment.merge_info_from``
  does not copy it itself, the collector does), so the data files and library
  files a notebook noted in a fork reach the pickled environment;
* ``env.recount_executed`` is merged by :func:`_on_merge_info`;
* ``$RECOUNT_READS_LOG`` is set and cleared inside the fork that reads the
  document, and every document has its own log file.

Kernels start one at a time. jupyter_client picks a kernel's five TCP ports
by binding port 0 and closing the socket, and the kernel binds them a moment
later; two processes starting kernels at once can be handed the same port in
between, and the second kernel dies ("Kernel died before replying to
kernel_info", jupyter/jupyter_client#154). :func:`serialise_kernel_launch`
makes each start, from picking the ports until the kernel has bound them (a
TCP connect to each succeeds; about half a second), hold a lock file shared by
every process on the machine: the forked readers of one build, and concurrent
builds. Only that window is serialised; notebooks still run in parallel.

Writing stays serial (``builder.allow_parallel = False``): on two cores it would
gain about a second and the order in which pages are written and indexed stays
the same as in a serial build. Parallel and serial builds give the same bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import functools
import json
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxParallelError
from sphinx.util import logging

from recount import paths

logger = logging.getLogger(__name__)

#: Default for ``SOURCE_DATE_EPOCH`` (2026-01-01T00:00:00Z), the value the
#: Makefile exports. Sphinx takes the footer's copyright year from it and
#: matplotlib the date in SVG/PDF metadata (kernels inherit the environment), so
#: a plain ``jupyter-book build .`` gives the same bytes as ``make book``.
SOURCE_DATE_EPOCH = "1767225600"

STATE_DIR = ".recount"

#: Environment variable: how many processes read (so execute) notebooks at once.
JOBS_ENV = "RECOUNT_BUILD_JOBS"

#: Sphinx reads in parallel only when more documents than this are out of date
#: (``Builder.read`` in Sphinx 7.4); fewer are read, and executed, one by one.
PARALLEL_READ_MIN_DOCS = 5

#: Extensions the book loads that do not declare whether they are safe for a
#: parallel read, which Sphinx reports as a warning (fatal under -W) and then
#: reads serially. Audited for Sphinx 7.4 and these versions:
#: sphinx-multitoc-numbering 0.1.3 (loaded by sphinx-external-toc) only logs at
#: builder-inited and replaces ``TocTreeCollector.assign_section_numbers``,
#: which runs in the main process after the forks' environments are merged.
AUDITED_PARALLEL_READ_SAFE = ("sphinx_multitoc_numbering",)


def _state_dir(app: Sphinx) -> Path:
    # outdir is <build>/html; keep our files beside it, out of the published tree.
    return Path(app.outdir).parent / STATE_DIR


def reads_log_path(app: Sphinx, docname: str) -> Path:
    return _state_dir(app) / "reads" / f"{docname}.log"


def library_files() -> list[Path]:
    """Every Python file of the ``recount`` package that notebooks import."""
    return sorted(paths.PACKAGE_DIR.rglob("*.py"))


def build_jobs() -> int:
    """Processes to read notebooks with: ``$RECOUNT_BUILD_JOBS``, or the usable CPUs."""
    raw = os.environ.get(JOBS_ENV, "").strip().lower()
    if raw in ("", "auto"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not Linux
            return max(1, os.cpu_count() or 1)
    try:
        jobs = int(raw)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise ValueError(f"${JOBS_ENV} must be a positive integer or 'auto', not {raw!r}")
    return jobs


def _chunks_longest_first(app: Sphinx, arguments: Any, nproc: int, maxbatch: int = 10) -> list[list[Any]]:
    """Sphinx's ``make_chunks`` for reading: one document per chunk, the longest sources started first.

    Sphinx splits the documents to read into ``nproc`` sorted chunks of equal
    count (8 pages -> 2 x 4). Notebooks take 2 to 6 s each, so equal counts are
    unequal work: one document per chunk lets each worker take the next notebook
    when it is free (a chunk costs one fork and one pickled environment,
    milliseconds). The order they start in decides how long the last worker runs
    alone: longest first (the classic list-scheduling rule), with the size of a
    page's source as its expected cost, since a clean build has no timings to go
    by (the chapters, with their charts, are the longest sources and the slowest
    notebooks). Sphinx's ``ParallelTasks`` starts the first ``nproc`` chunks at
    once and then takes the waiting ones last in, first out (``dict.popitem``),
    so the rest are handed over in reverse to start in this order.
    """
    def size(docname: str) -> int:
        try:
            return os.path.getsize(app.env.doc2path(docname))
        except OSError:
            return 0

    docs = sorted(arguments, key=lambda d: (-size(d), d))
    return [[d] for d in docs[:nproc] + docs[nproc:][::-1]]


def _relative_to_srcdir(env: BuildEnvironment, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(env.srcdir).resolve()).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def _on_before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.recount_executed = []  # type: ignore[attr-defined]
    # The same test as Sphinx's Builder.read (which runs right after this event).
    parallel = (
        app.parallel > 1
        and len(docnames) > PARALLEL_READ_MIN_DOCS
        and all(getattr(ext, "parallel_read_safe", None) for ext in app.extensions.values())
    )
    if docnames:
        logger.info("recount: reading %d document(s) in %d process(es)", len(docnames),
                    app.parallel if parallel else 1)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != app.env.docname:  # an included file, not the document itself
        return
    log = reads_log_path(app, docname)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    os.environ[paths.READS_LOG_ENV] = str(log)


def _was_executed(env: BuildEnvironment, docname: str) -> bool:
    try:
        from myst_nb.sphinx_ import NbMetadataCollector
    except ImportError:  # pragma: no cover - myst-nb is always there in this book
        return False
    return bool(NbMetadataCollector.get_doc_data(env).get(docname, {}).get("exec_data"))


def _on_doctree_read(app: Sphinx, doctree: Any) -> None:
    env = app.env
    docname = env.docname
    os.environ.pop(paths.READS_LOG_ENV, None)
    log = reads_log_path(app, docname)
    read: list[str] = []
    if log.is_file():
        read = sorted({line.strip() for line in log.read_text("utf-8").splitlines() if line.strip()})
    for name in read:
        env.note_dependency(_relative_to_srcdir(env, Path(name)))
    if _was_executed(env, docname):
        for lib in library_files():
            env.note_dependency(_relative_to_srcdir(env, lib))
        if not hasattr(env, "recount_executed"):
            env.recount_executed = []  # type: ignore[attr-defined]
        env.recount_executed.append(docname)  # type: ignore[attr-defined]


def _on_merge_info(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    # ``other`` is the environment of a forked reader, forked from this one: it
    # also holds what earlier readers had merged here before the fork. Take
    # only the documents that reader read (``docnames``), as Sphinx's own
    # collectors do.
    if not hasattr(env, "recount_executed"):
        env.recount_executed = []  # type: ignore[attr-defined]
    for docname in getattr(other, "recount_executed", []):
        if docname in docnames and docname not in env.recount_executed:  # type: ignore[attr-defined]
            env.recount_executed.append(docname)  # type: ignore[attr-defined]


def _on_build_finished(app: Sphinx, exc: Exception | None) -> None:
    if isinstance(exc, SphinxParallelError) and getattr(exc, "traceback", None):
        # A notebook failed in a parallel reader. Sphinx (and jupyter-book)
        # then print only the exception's one line ("ExecutionError: <file>");
        # the reader's traceback holds the failing cell and its error, which a
        # serial build prints: print it too.
        logger.error("recount: reading in a parallel process failed:\n%s", exc.traceback)
    executed = sorted(set(getattr(app.env, "recount_executed", [])))
    if exc is None and getattr(app, "_warncount", 0):
        # Sphinx keeps the environment after a build that only warned (-W
        # --keep-going), so the next build would re-read nothing and pass,
        # hiding e.g. a notebook's stderr warning. Drop it as Sphinx does
        # after an exception: the next build starts fresh and warns again.
        envfile = Path(app.doctreedir) / ENV_PICKLE_FILENAME
        envfile.unlink(missing_ok=True)
        logger.info("recount: build warned; dropped %s so the next build re-reads everything", envfile)
    state = _state_dir(app)
    state.mkdir(parents=True, exist_ok=True)
    (state / "executed.json").write_text(json.dumps(executed, indent=1) + "\n", encoding="utf-8")
    logger.info("recount: executed %d notebook(s): %s", len(executed), ", ".join(executed) or "-")


def _allow_parallel_read(app: Sphinx) -> None:
    for name in AUDITED_PARALLEL_READ_SAFE:
        ext = app.extensions.get(name)
        if ext is not None and ext.parallel_read_safe is None:
            ext.parallel_read_safe = True
    # Write serially: see the module docstring.
    app.builder.allow_parallel = False
    if app.parallel > 1:
        import sphinx.builders

        # _read_parallel (the only user now that writing is serial) looks the
        # name up in this module at call time.
        sphinx.builders.make_chunks = functools.partial(_chunks_longest_first, app)  # type: ignore[assignment]


def _on_builder_inited(app: Sphinx) -> None:
    # myst-nb copies its stylesheet only at build-finished, so on a clean build
    # the pages link it without Sphinx's "?v=<checksum>" and on a rebuild with
    # it: copy it first, so that incremental and clean builds give the same bytes.
    if app.builder.format != "html":
        return
    try:
        from myst_nb.sphinx_ext import add_global_html_resources
    except ImportError:  # pragma: no cover
        return
    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)


def _on_html_collect_pages(app: Sphinx) -> list:
    # Runs before the search index is dumped. An incremental build keeps the
    # terms of deleted text with an empty document list; a clean build has no
    # such keys. Drop them, so that both builds write the same searchindex.js.
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for term in [t for t, docs in mapping.items() if not docs]:
                del mapping[term]
    return []


#: The lock file kernel starts take (see the module docstring); one per machine and user.
KERNEL_LAUNCH_LOCK = Path(tempfile.gettempdir()) / f"recount-kernel-launch-{os.getuid()}.lock"
#: Give up waiting for a kernel to bind its ports after this long (it is then dead or
#: very slow, and nbclient reports it as it would have).
KERNEL_BIND_TIMEOUT_S = 30.0


@contextlib.contextmanager
def kernel_launch_lock(path: Path = KERNEL_LAUNCH_LOCK) -> Iterator[None]:
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ports_bound(ip: str, ports: list[int]) -> bool:
    """Whether something listens on every one of ``ports`` (a TCP connect succeeds).
    Connecting, unlike binding, cannot take a port from the kernel about to bind it."""
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(0.5)
            if s.connect_ex((ip, port)) != 0:
                return False
    return True


async def _wait_until_bound(km: Any, timeout: float = KERNEL_BIND_TIMEOUT_S) -> None:
    from jupyter_core.utils import ensure_async

    if getattr(km, "transport", "tcp") != "tcp":
        return
    ports = [km.shell_port, km.iopub_port, km.stdin_port, km.hb_port, km.control_port]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ports_bound(km.ip, ports):
            return
        if not await ensure_async(km.is_alive()):  # the sync and the async manager alike
            return
        await asyncio.sleep(0.02)


def serialise_kernel_launch() -> None:
    """Make nbclient start kernels under :data:`KERNEL_LAUNCH_LOCK` (idempotent)."""
    from nbclient import NotebookClient

    if getattr(NotebookClient, "_recount_serialised_launch", False):
        return
    start = NotebookClient.async_start_new_kernel

    async def async_start_new_kernel(self: Any, **kwargs: Any) -> None:
        with kernel_launch_lock():
            await start(self, **kwargs)
            await _wait_until_bound(self.km)

    NotebookClient.async_start_new_kernel = async_start_new_kernel  # type: ignore[method-assign]
    NotebookClient._recount_serialised_launch = True  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    serialise_kernel_launch()
    if app.parallel <= 1:  # jupyter-book build passes 1; keep an explicit sphinx-build -j N
        app.parallel = build_jobs()
    app.connect("builder-inited", _allow_parallel_read)
    app.connect("env-before-read-docs", _on_before_read)
    app.connect("source-read", _on_source_read)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-merge-info", _on_merge_info)
    app.connect("build-finished", _on_build_finished)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-collect-pages", _on_html_collect_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
