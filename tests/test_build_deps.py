"""The book re-executes exactly the notebooks whose inputs changed.

``recount.sphinx.build`` executes each notebook before Sphinx and keys it on its text
and the hashes of the files it used when it last ran: the ``recount`` modules its
kernel imported and the data files the library read (``paths.note_read``); the
record sits beside the executed copy in ``_build/.recount/notebooks/<sha256>.json``.

Two parts:

* **The real book**, as the session build (``make book``) left it: every
  notebook's record names the data files it read, and with nothing changed the
  execution stage finds nothing to run. No extra build.
* **The mechanism**, on a small book built with the real ``_config.yml`` (its
  search index in English) and a copy of the library and the data
  (``$PYTHONPATH``, ``$RECOUNT_DATA``): two notebooks that read *different*
  data files through the library, and one page with no code. Every real
  chapter reads the whole ledger, so only a book whose notebooks read different
  files can show that a data edit re-executes its readers *and no other
  notebook*. The steps:

  1. a clean build executes both notebooks;
  2. editing one notebook executes that notebook only;
  3. editing a data file executes exactly the notebook that read it;
  4. editing a library module both notebooks import executes both;
  5. touching a data file without changing it, and editing a library module
     neither notebook imports, executes nothing; and a rebuild with no change
     executes none (the last builds of the warned-build test).

Each build is ``python -m recount.sphinx.build <root> -W -n --keep-going`` in a fresh
fork of ``tests/book_build_server.py``, which has imported jupyter-book and the
extensions once: a new process's starting state, without its 2 s of imports
at every step.

Executions are counted twice, independently: from the build's log line
("recount: executed N notebook(s): ...") and from
``_build/.recount/executed.json``; and each page of the built book must show
its notebook's output of that build. ``make bench`` measures the same counts on
the real book (README, Performance).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import browser_support as bs
from recount import paths
from recount.sphinx import build

ROOT = paths.ROOT
#: builds the small book again and again in one process (what a rebuild saves is start-up)
BUILD_SERVER = Path(__file__).with_name("book_build_server.py")
EXECUTED = re.compile(r"^recount: executed \d+ notebook\(s\): (?P<docs>.*)$", re.M)
#: notebook -> the path function of the one data file it reads
SMALL_BOOK = {"book/events": "EVENTS_NAME", "book/figures": "FIGURES_NAME"}
TOC = ["book/intro", "book/events", "book/figures"]


def records(build_dir: Path) -> dict[str, dict]:
    """docname -> the execution record (key, files used and their hashes) of its executed copy."""
    out = {}
    for path in (build_dir / build.NOTEBOOKS).glob("*.json"):
        record = json.loads(path.read_text("utf-8"))
        out[record["docname"]] = record
    return out


def reads_by_file(build_dir: Path) -> dict[Path, set[str]]:
    """Data file (not a module) -> docnames that read it, from the execution records."""
    readers: dict[Path, set[str]] = defaultdict(set)
    for docname, record in records(build_dir).items():
        for name in record["inputs"]:
            if not name.endswith(".py"):
                readers[Path(name)].add(docname)
    return readers


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


class SmallBook:
    """Two notebooks reading one data file each, and a page with no code; the real config."""

    def __init__(self, root: Path) -> None:
        # The book's inputs, library included (bs.copy_book; imported from the copy through
        # PYTHONPATH, bs.copy_env): its files are the copy's dependencies, so the test can
        # touch them, and edits to the working tree meanwhile do not disturb the counts.
        # The real config, but an English search index (what this test is about is not search).
        self.root = bs.copy_book(root, toc=TOC, english_search=True)
        self.build_dir = root / "_build"
        self.library = root / "src" / "recount"
        self.env = bs.copy_env(root)
        self.server: subprocess.Popen | None = None  # tests/book_build_server.py, started by the first build
        self.builds = 0
        (root / "book" / "intro.md").write_text("# A small book\n\nNo code on this page.\n", encoding="utf-8")
        for doc, name in SMALL_BOOK.items():
            code = (f"from recount import ledger, paths\n\n"
                    f"print('{doc}', 'read', len(ledger.read_bytes(paths.data_dir() / paths.{name})), 'bytes')")
            (root / f"{doc}.md").write_text(bs.notebook_page(doc, code), encoding="utf-8")

    def build(self, fails: bool = False) -> list[str]:
        """Build (``python -m recount.sphinx.build <root> -W -n --keep-going``, in the build server); return the
        docnames executed, checked against the build's log. ``fails``: the build must exit non-zero."""
        if self.server is None:
            self.server = subprocess.Popen([sys.executable, str(BUILD_SERVER)], cwd=self.root, env=self.env,
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.builds += 1
        log_file = self.root.parent / f"small-book-build-{self.builds}.log"
        request = {"args": [str(self.root), "-W", "-n", "--keep-going"], "log": str(log_file)}
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        answer = self.server.stdout.readline()
        log = log_file.read_text("utf-8", errors="replace") if log_file.exists() else ""
        assert answer, f"the build server died:\n{log[-6000:]}"
        code = json.loads(answer)["code"]
        assert (code != 0) if fails else (code == 0), f"book build exited {code}:\n{log[-6000:]}"
        executed = json.loads((self.build_dir / build.EXECUTED_LOG).read_text("utf-8"))
        logged = [d for m in EXECUTED.finditer(log) for d in m["docs"].split(", ") if d != "-"]
        assert sorted(logged) == sorted(executed), (logged, executed, log[-3000:])
        return sorted(executed)

    def last_log(self) -> str:
        """The log of the last build."""
        return (self.root.parent / f"small-book-build-{self.builds}.log").read_text("utf-8", errors="replace")

    def page_shows(self, doc: str) -> str:
        """The output line the page ``doc`` of the built book shows."""
        page = (self.build_dir / "html" / f"{doc}.html").read_text("utf-8")
        return re.search(rf"{doc} read \d+ bytes", page)[0]

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


def test_makefile_exports_the_builds_source_date_epoch() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    m = re.search(r"^export SOURCE_DATE_EPOCH\s*:?=\s*(\d+)\s*$", makefile, re.M)
    assert m, "Makefile must export SOURCE_DATE_EPOCH"
    assert m.group(1) == build.SOURCE_DATE_EPOCH


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> SmallBook:
    """One small book (and build server) for this module's builds: the rebuild steps first (a clean build
    to begin with), then the warned builds, which hold on a book in any state."""
    book = SmallBook(tmp_path_factory.mktemp("deps") / "small-book")
    yield book
    book.close()


@pytest.mark.slow
def test_rebuilds_execute_exactly_what_changed(small_book: SmallBook) -> None:
    assert small_book.builds == 0, "the rebuild steps start from a clean build"
    rebuilds_execute_exactly_what_changed(small_book)


def rebuilds_execute_exactly_what_changed(book: SmallBook) -> None:
    notebooks = sorted(SMALL_BOOK)
    data = {doc: book.root / "data" / getattr(paths, name) for doc, name in SMALL_BOOK.items()}

    # 1. clean build: every notebook runs, and each recorded the one file it read
    assert book.build() == notebooks
    assert dict(reads_by_file(book.build_dir)) == {data[doc].resolve(): {doc} for doc in notebooks}
    #    ... and the library modules its kernel imported (from the copy), transitively, and no other
    for record in records(book.build_dir).values():
        modules = {Path(n).relative_to(book.library.resolve()).as_posix() for n in record["inputs"] if n.endswith(".py")}
        assert {"__init__.py", "ledger.py", "paths.py", "errors.py"} <= modules, modules
        assert not modules & {"publish/plots.py", "cli.py", "sphinx/build.py"}, modules
    before = {doc: book.page_shows(doc) for doc in notebooks}

    # 2. one notebook edited: that notebook only
    append(book.root / "book" / "events.md", "\nMore prose.\n")
    assert book.build() == ["book/events"]

    # 3. a data file edited: exactly its reader, and its page shows the new output
    append(data["book/figures"], "\n")
    assert book.build() == ["book/figures"]
    assert book.page_shows("book/figures") != before["book/figures"]
    assert book.page_shows("book/events") == before["book/events"]

    # 4. a library module both import (ledger imports paths): both
    append(book.library / "paths.py", "\n# edited\n")
    assert book.build() == notebooks

    # 5. a data file touched but unchanged, and a library module neither imports edited: nothing
    #    (with nothing changed at all, nothing runs either: the last builds of the next test)
    data["book/events"].write_bytes(data["book/events"].read_bytes())
    assert (book.library / "publish" / "plots.py").is_file()
    append(book.library / "publish" / "plots.py", "\n# edited\n")
    assert book.build() == []


@pytest.mark.slow
def test_a_build_that_warned_fails_again_until_the_page_is_fixed(small_book: SmallBook) -> None:
    """Sphinx keeps its environment after a build that warned: without --all on the next build
    (recount.sphinx.build), that build would read nothing, warn about nothing and pass."""
    book = small_book
    intro = book.root / "book" / "intro.md"
    text = intro.read_text("utf-8")
    intro.write_text("# A small book\n\nSee {doc}`a-page-that-does-not-exist`.\n", encoding="utf-8")
    for _ in range(2):
        book.build(fails=True)
        assert "a-page-that-does-not-exist" in book.last_log(), book.last_log()[-2000:]
    intro.write_text(text, encoding="utf-8")
    assert book.build() == []
    assert book.build() == []


@pytest.mark.slow
def test_the_books_build_recorded_what_each_notebook_read_and_left_nothing_to_run(built_book: Path) -> None:
    build_dir = built_book.parent
    notebooks = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in paths.BOOK_DIR.glob("*.md"))
    assert sorted(records(build_dir)) == notebooks
    readers = reads_by_file(build_dir)
    assert set().union(*readers.values()) == set(notebooks), "a notebook recorded no data read"
    # the article's data, and the draft appendix's test articles with their answers (tests/articles/genre)
    allowed = (paths.DATA_DIR.resolve(), (ROOT / "tests" / "articles" / "genre").resolve())
    for data_file in readers:
        assert any(data_file.is_relative_to(a) for a in allowed), data_file
    to_run = [doc for doc, record in records(build_dir).items()
              if any(build.file_hash(f) != h for f, h in record["inputs"].items())]
    assert to_run == [], f"the session build left stale notebooks: {to_run}"
