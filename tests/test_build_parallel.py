"""Notebooks execute in parallel (recount.sphinx_deps sets Sphinx's parallel reading),
and a failing cell still fails the build loudly, naming the cell and its error.

The parallel path of a real build (dependencies and the executed list merged from
the forked readers) is covered by tests/test_build_deps.py, which reads the
environment of the test session's ``make book`` (the Makefile's default: one
reader per CPU). Here a small book of six tiny pages (Sphinx reads in parallel
only when more than five documents are out of date), one of them a notebook
whose cell raises, with the real ``_config.yml``, checks that an error raised in
a forked reader reaches the log with its traceback, not only as
"ExecutionError: <file>". The other five pages are plain Markdown: forked
readers read them too, without starting a kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import browser_support as bs
from recount import paths, sphinx_deps

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def test_build_jobs_follows_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(sphinx_deps.JOBS_ENV, "3")
    assert sphinx_deps.build_jobs() == 3
    monkeypatch.setenv(sphinx_deps.JOBS_ENV, "auto")
    assert sphinx_deps.build_jobs() == len(os.sched_getaffinity(0))
    monkeypatch.delenv(sphinx_deps.JOBS_ENV)
    assert sphinx_deps.build_jobs() == len(os.sched_getaffinity(0))
    for bad in ("0", "-1", "two"):
        monkeypatch.setenv(sphinx_deps.JOBS_ENV, bad)
        with pytest.raises(ValueError, match=sphinx_deps.JOBS_ENV):
            sphinx_deps.build_jobs()


def test_makefile_builds_in_parallel_by_default() -> None:
    makefile = (paths.ROOT / "Makefile").read_text("utf-8")
    assert "export RECOUNT_BUILD_JOBS ?= auto" in makefile


@pytest.mark.slow
def test_a_failing_cell_in_a_parallel_reader_fails_the_build_with_its_traceback(tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    (root / "book").mkdir(parents=True)
    shutil.copy2(paths.ROOT / "_config.yml", root / "_config.yml")
    if (paths.BOOK_DIR / "_static").is_dir():
        shutil.copytree(paths.BOOK_DIR / "_static", root / "book" / "_static")
    pages = [f"p{i}" for i in range(6)]
    (root / "_toc.yml").write_text(bs.toc_yaml([f"book/{p}" for p in pages]), encoding="utf-8")
    for page in pages:
        text = (bs.notebook_page(page, 'raise RuntimeError("tiny-book-cell-failed")')
                if page == "p3" else f"# {page}\n\nNo code.\n")
        (root / "book" / f"{page}.md").write_text(text, encoding="utf-8")
    env = bs.book_env(RECOUNT_BUILD_JOBS="2", RECOUNT_DATA=str(paths.DATA_DIR))
    proc = subprocess.run([str(JUPYTER_BOOK), "build", str(root), "-W", "-n", "--keep-going"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log[-3000:]
    assert "recount: reading 6 document(s) in 2 process(es)" in log, log[-3000:]
    assert "tiny-book-cell-failed" in log, f"the failing cell's error is not in the log:\n{log[-3000:]}"


def test_kernel_starts_are_serialised_once() -> None:
    from nbclient import NotebookClient

    sphinx_deps.serialise_kernel_launch()
    patched = NotebookClient.async_start_new_kernel
    sphinx_deps.serialise_kernel_launch()  # a second build in the same process: not wrapped twice
    assert NotebookClient.async_start_new_kernel is patched
    assert NotebookClient._recount_serialised_launch


def test_the_kernel_launch_lock_excludes_other_holders(tmp_path: Path) -> None:
    import fcntl

    lock = tmp_path / "launch.lock"
    with sphinx_deps.kernel_launch_lock(lock), open(lock, "a") as other:
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(lock, "a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on exit


def test_ports_bound_means_something_listens() -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert sphinx_deps.ports_bound("127.0.0.1", [port])
    assert not sphinx_deps.ports_bound("127.0.0.1", [port])  # closed: nothing listens now


def test_parallel_reading_starts_the_longest_sources_first(tmp_path: Path, monkeypatch) -> None:
    """The chunks handed to Sphinx, run by Sphinx's own ParallelTasks, start in order of source size,
    largest first: the order a clean build executes its notebooks in."""
    import multiprocessing.context
    import time
    from types import SimpleNamespace

    from sphinx.util.parallel import ParallelTasks

    sizes = {"a_small": 100, "b_large": 900, "c_medium": 500, "d_tiny": 10, "e_big": 700, "f_mid": 300}
    for doc, size in sizes.items():
        (tmp_path / f"{doc}.md").write_text("x" * size, encoding="utf-8")
    app = SimpleNamespace(env=SimpleNamespace(doc2path=lambda doc: str(tmp_path / f"{doc}.md")))
    chunks = sphinx_deps._chunks_longest_first(app, sorted(sizes), 2)
    assert sorted(c for chunk in chunks for c in chunk) == sorted(sizes)
    assert all(len(chunk) == 1 for chunk in chunks)

    started: list[str] = []
    start = multiprocessing.context.ForkProcess.start

    def recording_start(self):
        started.append(self._args[2][0])  # ParallelTasks passes (pipe, function, chunk)
        start(self)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", recording_start)
    tasks = ParallelTasks(2)
    for chunk in chunks:
        tasks.add_task(lambda chunk: time.sleep(0.05), chunk)
    tasks.join()
    assert started == sorted(sizes, key=lambda doc: -sizes[doc])
