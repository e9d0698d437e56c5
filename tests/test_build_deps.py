"""The book re-executes exactly the notebooks whose inputs changed.

The build runs notebooks with ``nb_execution_mode: force`` and lets Sphinx's
incremental build pick which documents to re-read; ``recount.sphinx_deps``
declares each notebook's data files (those passed to ``paths.note_read``) and
the ``recount`` package as dependencies.

Two parts:

* **The real book**, as the session build (``make book``) left it: every
  notebook depends on the library and on each data file it read, in Sphinx's
  pickled environment. No extra build.
* **The mechanism**, on a small book built with the real ``_config.yml`` (its
  search index in English) and a
  copy of the library and the data (``$PYTHONPATH``, ``$RECOUNT_DATA``): two
  notebooks that read *different* data files through the library, and one page
  with no code. Every real chapter reads the whole ledger, so only a book whose
  notebooks read different files can show that a data edit re-executes its
  readers *and no other notebook*. The steps:

  1. a clean build executes both notebooks;
  2. touching one notebook executes that notebook only;
  3. touching a data file executes exactly the notebook that read it;
  4. a rebuild with no change executes none (so the dependencies survived
     those partial rebuilds).

  The library is a dependency of every notebook like any data file (step 1
  checks it is in the pickled environment, for the real book too); Sphinx
  re-reads a document whose dependency changed, as step 3 shows for a data
  file, so touching the library re-executes every notebook.

Each build is ``jupyter-book build <root> -W -n --keep-going`` in a fresh fork
of ``tests/book_build_server.py``, which has imported jupyter-book and the
extensions once: a new process's starting state, without its 2 s of imports
at every step.

Executions are counted twice, independently: from myst-nb's own log line
("<file>: Executing notebook ...") and from ``_build/.recount/executed.json``,
which the extension writes. ``make bench`` measures the same counts on the
real book (README, Performance).
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

import browser_support as bs
from recount import paths, sphinx_deps

ROOT = paths.ROOT
#: builds the small book again and again in one process (what a rebuild saves is start-up)
BUILD_SERVER = Path(__file__).with_name("book_build_server.py")
EXECUTING = re.compile(r"^(?P<file>\S+?\.(?:md|ipynb)): Executing notebook using", re.M)
#: notebook -> the path function of the one data file it reads
SMALL_BOOK = {"book/events": "events_path", "book/figures": "figures_path"}
TOC = ["book/intro", "book/events", "book/figures"]


def environment_dependencies(build_dir: Path, srcdir: Path) -> dict[str, set[str]]:
    """docname -> absolute paths it depends on, from Sphinx's pickled environment."""
    with open(build_dir / ".doctrees" / "environment.pickle", "rb") as fh:
        env = pickle.load(fh)
    return {doc: {str(Path(srcdir, d).resolve()) for d in deps} for doc, deps in env.dependencies.items()}


def reads_by_file(build_dir: Path) -> dict[Path, set[str]]:
    """Data file -> docnames that read it, from the per-notebook read logs."""
    readers: dict[Path, set[str]] = defaultdict(set)
    logs = build_dir / sphinx_deps.STATE_DIR / "reads"
    for log in logs.rglob("*.log"):
        docname = log.relative_to(logs).with_suffix("").as_posix()
        for line in log.read_text("utf-8").splitlines():
            if line.strip():
                readers[Path(line.strip())].add(docname)
    return readers


def touch(path: Path) -> None:
    """Make ``path`` newer than any document read so far (as an edit would)."""
    time.sleep(0.05)
    now = time.time()
    os.utime(path, (now, now))


class SmallBook:
    """Two notebooks reading one data file each, and a page with no code; the real config."""

    def __init__(self, root: Path) -> None:
        # The book's inputs, library included (bs.copy_book; imported from the copy through
        # PYTHONPATH, bs.copy_env): its files are the copy's dependencies, so the test can
        # touch them, and edits to the working tree meanwhile do not disturb the counts.
        # The real config, but an English search index (what this test is about is not search).
        self.root = bs.copy_book(root, toc=TOC, english_search=True)
        self.build_dir = root / "_build"
        self.state = self.build_dir / sphinx_deps.STATE_DIR
        self.library = root / "src" / "recount"
        self.env = bs.copy_env(root)
        self.server: subprocess.Popen | None = None  # tests/book_build_server.py, started by the first build
        self.builds = 0
        (root / "book" / "intro.md").write_text("# A small book\n\nNo code on this page.\n", encoding="utf-8")
        for doc, path_function in SMALL_BOOK.items():
            code = (f"from recount import ledger, paths\n\n"
                    f"len(ledger.read_bytes(paths.{path_function}()))")
            (root / f"{doc}.md").write_text(bs.notebook_page(doc, code), encoding="utf-8")

    def build(self) -> list[str]:
        """Build (``jupyter-book build <root> -W -n --keep-going``, in the build server); return the
        docnames executed, checked against myst-nb's log."""
        if self.server is None:
            self.server = subprocess.Popen([sys.executable, str(BUILD_SERVER)], cwd=self.root, env=self.env,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.builds += 1
        log_file = self.root.parent / f"small-book-build-{self.builds}.log"
        request = {"args": ["build", str(self.root), "-W", "-n", "--keep-going"], "log": str(log_file)}
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        answer = self.server.stdout.readline()
        log = log_file.read_text("utf-8", errors="replace") if log_file.exists() else ""
        assert answer, f"the build server died:\n{log[-6000:]}"
        assert json.loads(answer)["code"] == 0, f"book build failed:\n{log[-6000:]}"
        executed = json.loads((self.state / "executed.json").read_text("utf-8"))
        from_mystnb = sorted(
            Path(m["file"]).resolve().relative_to(self.root.resolve()).with_suffix("").as_posix()
            for m in EXECUTING.finditer(log))
        assert from_mystnb == sorted(executed), (from_mystnb, executed, log[-3000:])
        return sorted(executed)

    def close(self) -> None:
        if self.server is not None:
            self.server.stdin.close()
            try:
                self.server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
            self.server.stdout.close()
            self.server = None


def test_makefile_exports_the_extensions_source_date_epoch() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    m = re.search(r"^export SOURCE_DATE_EPOCH\s*:?=\s*(\d+)\s*$", makefile, re.M)
    assert m, "Makefile must export SOURCE_DATE_EPOCH"
    assert m.group(1) == sphinx_deps.SOURCE_DATE_EPOCH


@pytest.mark.slow
def test_rebuilds_execute_exactly_what_changed(tmp_path: Path) -> None:
    book = SmallBook(tmp_path / "small-book")
    try:
        rebuilds_execute_exactly_what_changed(book)
    finally:
        book.close()


def rebuilds_execute_exactly_what_changed(book: SmallBook) -> None:
    notebooks = sorted(SMALL_BOOK)

    # 1. clean build: every notebook runs, and each recorded the one file it read
    assert book.build() == notebooks
    readers = reads_by_file(book.build_dir)
    expected = {getattr(paths, fn)(book.root / "data").resolve(): {doc} for doc, fn in SMALL_BOOK.items()}
    assert dict(readers) == expected
    deps = environment_dependencies(book.build_dir, book.root)
    library = str((book.library / "paths.py").resolve())
    for doc in notebooks:
        assert library in deps[doc], f"{doc} does not depend on {library}"

    # 2. one notebook touched: that notebook only
    touch(book.root / "book" / "events.md")
    assert book.build() == ["book/events"]

    # 3. a data file changed: exactly its reader, not the other notebook
    touch(paths.figures_path(book.root / "data"))
    assert book.build() == ["book/figures"]

    # 4. nothing changed since: nothing runs (the dependencies survived the partial rebuilds)
    assert book.build() == []


@pytest.mark.slow
def test_every_notebook_of_the_book_depends_on_the_library_and_what_it_read(built_book: Path) -> None:
    build_dir = built_book.parent
    deps = environment_dependencies(build_dir, ROOT)
    notebooks = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in paths.BOOK_DIR.glob("*.md"))
    library = {str(p.resolve()) for p in sphinx_deps.library_files()}
    assert str((paths.PACKAGE_DIR / "paths.py").resolve()) in library
    for doc in notebooks:
        assert library <= deps.get(doc, set()), f"{doc} does not depend on every file of the library"
    readers = reads_by_file(build_dir)
    assert set().union(*readers.values()) == set(notebooks), "a notebook recorded no data read"
    for data_file, docs in readers.items():
        assert data_file.is_relative_to(paths.DATA_DIR.resolve()), data_file
        for doc in docs:
            assert str(data_file.resolve()) in deps[doc], f"{doc} does not depend on {data_file}"
