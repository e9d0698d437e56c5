"""The book re-executes exactly the notebooks whose inputs changed.

The build runs notebooks with ``nb_execution_mode: force`` and lets Sphinx's
incremental build pick which documents to re-read; ``recount.sphinx_deps``
declares each notebook's data files (those passed to ``paths.note_read``) and
the ``recount`` package as dependencies. This test builds a copy of the book
(``_config.yml``, ``_toc.yml``, ``book/``, ``data/`` and ``src/recount`` in a
temporary folder, with ``$RECOUNT_DATA`` pointing at the copied data) and counts executions:

* a clean build executes every notebook;
* a rebuild with no change executes none;
* touching one chapter executes that chapter only;
* touching a data file executes exactly the notebooks that read it;
* the dependencies survive Sphinx's pickled environment;
* touching the library (a copy of ``src/recount``, imported first through
  ``$PYTHONPATH``) executes every notebook.

Executions are counted twice, independently: from myst-nb's own log line
("<file>: Executing notebook ...") and from ``_build/.recount/executed.json``,
which the extension writes.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from recount import paths, sphinx_deps

ROOT = paths.ROOT
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
EXECUTING = re.compile(r"^(?P<file>\S+?\.(?:md|ipynb)): Executing notebook using", re.M)


class Book:
    """A copy of the book in a temporary folder, built with the real config."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        self.build_dir = root / "_build"
        self.state = self.build_dir / sphinx_deps.STATE_DIR
        ignore = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__")
        for name in ("_config.yml", "_toc.yml"):
            shutil.copy2(ROOT / name, root / name)
        shutil.copytree(ROOT / "book", root / "book", ignore=ignore)
        shutil.copytree(paths.DATA_DIR, root / "data", ignore=ignore)
        # The library too, imported from the copy (PYTHONPATH comes before the
        # editable install): its files are the copy's dependencies, so the
        # test can touch them, and edits to the working tree meanwhile do not
        # disturb the counts.
        shutil.copytree(paths.PACKAGE_DIR, root / "src" / "recount", ignore=ignore)
        self.library = root / "src" / "recount"
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(
            [str(root / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        )
        self.env["RECOUNT_DATA"] = str(root / "data")
        self.env.setdefault("SOURCE_DATE_EPOCH", sphinx_deps.SOURCE_DATE_EPOCH)
        self.env.pop(paths.READS_LOG_ENV, None)

    def build(self) -> list[str]:
        """Build; return the docnames executed, checked against myst-nb's log."""
        proc = subprocess.run(
            [str(JUPYTER_BOOK), "build", str(self.root), "-W", "-n", "--keep-going"],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        log = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"book build failed:\n{log[-6000:]}"
        executed = json.loads((self.state / "executed.json").read_text("utf-8"))
        from_mystnb = sorted(
            Path(m["file"]).resolve().relative_to(self.root.resolve()).with_suffix("").as_posix()
            for m in EXECUTING.finditer(log)
        )
        assert from_mystnb == sorted(executed), (from_mystnb, executed, log[-3000:])
        return sorted(executed)

    def reads(self) -> dict[Path, set[str]]:
        """Data file -> docnames that read it, from the per-notebook read logs."""
        readers: dict[Path, set[str]] = defaultdict(set)
        logs = self.state / "reads"
        for log in logs.rglob("*.log"):
            docname = log.relative_to(logs).with_suffix("").as_posix()
            for line in log.read_text("utf-8").splitlines():
                if line.strip():
                    readers[Path(line.strip())].add(docname)
        return readers

    def dependencies(self) -> dict[str, set[str]]:
        with open(self.build_dir / ".doctrees" / "environment.pickle", "rb") as fh:
            env = pickle.load(fh)
        return {doc: {str(Path(self.root, d).resolve()) for d in deps} for doc, deps in env.dependencies.items()}


def touch(path: Path) -> None:
    """Make ``path`` newer than any document read so far (as an edit would)."""
    time.sleep(0.05)
    now = time.time()
    os.utime(path, (now, now))


def test_makefile_exports_the_extensions_source_date_epoch() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    m = re.search(r"^export SOURCE_DATE_EPOCH\s*:?=\s*(\d+)\s*$", makefile, re.M)
    assert m, "Makefile must export SOURCE_DATE_EPOCH"
    assert m.group(1) == sphinx_deps.SOURCE_DATE_EPOCH


@pytest.mark.slow
def test_rebuilds_execute_exactly_what_changed(tmp_path: Path) -> None:
    book = Book(tmp_path / "book-copy")

    # 1. clean build: every notebook runs
    first = book.build()
    assert first, "a clean build executed no notebook"
    assert "book/index" in first

    # dependencies are in the pickled environment: the library for every
    # executed notebook, and each data file it read
    deps = book.dependencies()
    library = str((book.library / "paths.py").resolve())
    for doc in first:
        assert library in deps.get(doc, set()), f"{doc} does not depend on {library}"
    readers = book.reads()
    assert readers, "no notebook recorded a data read through recount.paths.note_read"
    for data_file, docs in readers.items():
        assert data_file.is_relative_to((book.root / "data").resolve()), data_file
        for doc in docs:
            assert str(data_file.resolve()) in deps[doc], f"{doc} does not depend on {data_file}"

    # 2. nothing changed: nothing runs
    assert book.build() == []

    # 3. one chapter touched: that chapter only
    chapter = "book/01_policies" if "book/01_policies" in first else first[0]
    touch(book.root / f"{chapter}.md")
    assert book.build() == [chapter]

    # 4. a data file changed: exactly its readers
    figures = (book.root / "data" / paths.FIGURES_NAME).resolve()
    target = figures if figures in readers else max(readers, key=lambda p: (len(readers[p]), str(p)))
    touch(target)
    assert book.build() == sorted(readers[target])

    # 5. and the dependencies survived that partial rebuild
    assert book.build() == []

    # 6. the library changed: every notebook runs again
    touch(book.library / "paths.py")
    assert book.build() == first
