"""``make bench`` (``python benchmarks/bench.py``): how fast the book builds, rebuilds and tests.

Prints one table (median and min-max of ``--runs`` runs, 5 by default) with
each figure's target, and writes ``_build/bench.json`` (a flat object; keys in
:data:`REQUIRED_KEYS` are always there, ``null`` for a part not run). Parts
(``--only clean,floor,...`` runs some of them):

``clean``
    A clean ``python -m recount.sphinx.build -W -n --keep-going`` (``make book``: the
    execution stage, then ``jupyter-book build``; the Makefile's flags and
    exported environment) of a copy of the book inputs (``_config.yml``,
    ``_toc.yml``, ``book/``, ``data/``, ``src/recount`` imported first through
    ``$PYTHONPATH``, ``$RECOUNT_DATA`` at the copied data) in a new temporary
    folder each run, so the user's ``_build`` is never touched (only the
    ``test`` part empties it, as a fresh clone has it). All copies come
    from one snapshot of the working tree, taken when the first build part
    starts. Every notebook must execute. The HTML of the runs is compared byte
    for byte (``clean_reproducible``).
``floor``
    What that build cannot avoid: ``jupyter-book build`` of the same copy with
    every notebook put in the execution cache unexecuted (the pages Sphinx
    renders, without outputs; without ``-W``, since unexecuted pages miss their
    glue values), plus, per notebook, starting a kernel and running the
    notebook's own import statements, summed and divided by the number of
    processes the clean build read notebooks with. Target: clean <= 1.5 x floor.
    When both parts run, their runs alternate (clean, floor, clean, ...) and
    the ratio reported (``clean_floor_ratio``) is the median of the per-run
    ratios: the speed of a shared machine drifts over minutes, and a ratio of
    two medians taken minutes apart would carry that drift
    (``clean_floor_ratio_of_medians`` is kept for comparison).
``nochange``
    Rebuild of the last clean copy with nothing changed: <= 3 s, 0 executed.
``chapter``
    A blank line appended to the first chapter: exactly that notebook executes.
``data``
    A data file (``--data-file``, default ``events.csv``) edited (a blank line
    appended at its end): exactly the notebooks whose execution record names it
    execute (the records ``recount.sphinx.build`` keeps beside each executed notebook).
``test``
    ``make -o .venv/.installed test`` in the repository (``-o``: never
    reinstall from a benchmark), twice a run: *cold*, with ``_build`` emptied
    first as on a fresh clone and in CI (``make_test_s``), then *warm*, with
    the book built (``make_test_warm_s``). Also the time of the cold run's
    tests by tier (unit / slow / browser markers), summed over pytest-xdist's
    workers, recorded by this module loaded as a pytest plugin
    (``PYTEST_ADDOPTS=-p bench``, with ``benchmarks/`` on ``PYTHONPATH``). Target <= 90 s.
``article``
    Another article, as a newcomer checks it: ``python -m recount new`` of
    ``benchmarks/article_1500.txt`` (1,500 characters of a statistics bulletin,
    nine headed sections) into a new folder, then a clean ``python -m recount
    book`` of it (execution and HTML, in the folder's own ``_build``). Wall time
    of the two commands together (``article_s``), each alone, and the CPU time
    of both (``article_cpu_s``: user + system of the child processes, which the
    machine's other work does not inflate). Target <= 20 s.
``setup``
    A fresh copy of the repository to a built book through ``make book``, with
    a new venv and no cache (``PIP_NO_CACHE_DIR=1``, ``UV_NO_CACHE=1``; the
    Makefile installs uv into the venv with pip, then the requirements with
    uv): ``git clone`` when
    the working tree equals HEAD, else a copy of the files a commit of the
    working tree would hold (``git ls-files --cached --others
    --exclude-standard``). Slow (minutes); ``--setup-runs`` (default 5).
    Target <= 120 s.

Timings taken while other work runs on the machine are noisy: the JSON keeps
the load average before and after, and every min-max range.
"""

from __future__ import annotations

import argparse
import ast
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recount.sphinx import build as recount_build
from recount import paths

PARTS = ("clean", "floor", "nochange", "chapter", "data", "article", "test", "setup")
REQUIRED_KEYS = (
    "clean_build_s", "floor_s", "nochange_rebuild_s", "nochange_executed", "one_chapter_executed",
    "data_edit_executed", "make_test_s", "setup_s",
)
BOOK_INPUTS = ("_config.yml", "_toc.yml", "book", "data")
TIERS = ("unit", "slow", "browser")
TIERS_ENV = "RECOUNT_BENCH_TIERS"  # where the pytest plugin below writes its tier times
STAMP = ".venv/.installed"

# Targets of the issue "Speed".
CLEAN_OVER_FLOOR = 1.5
NOCHANGE_MAX_S = 3.0
MAKE_TEST_MAX_S = 90.0
SETUP_MAX_S = 120.0
ARTICLE_MAX_S = 20.0
ARTICLE = Path(__file__).resolve().with_name("article_1500.txt")

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
HERE = Path(__file__).resolve().parent
_JOBS_LINE = re.compile(r"recount: executing (\d+) notebook\(s\) in (\d+) process")


# --------------------------------------------------------------------------------------
# small helpers


def stats(prefix: str, values: Sequence[float], out: dict[str, Any], unit: str = "s") -> None:
    """Median (``prefix_unit``), min, max and all runs of ``values`` into ``out``."""
    vals = [float(v) for v in values]
    out[f"{prefix}_{unit}"] = statistics.median(vals) if vals else None
    out[f"{prefix}_min_{unit}"] = min(vals) if vals else None
    out[f"{prefix}_max_{unit}"] = max(vals) if vals else None
    out[f"{prefix}_runs_{unit}"] = [round(v, 6) for v in vals]


def makefile_settings(root: Path = paths.ROOT) -> tuple[dict[str, str], list[str]]:
    """The Makefile's exported variables (``?=`` ones yield to the environment) and JB_FLAGS."""
    text = (root / "Makefile").read_text("utf-8")
    exports: dict[str, str] = {}
    for m in re.finditer(r"^export\s+(\w+)\s*([:?]?)=\s*(.*?)\s*$", text, re.M):
        name, kind, value = m.groups()
        if "$(" in value:
            continue
        exports[name] = os.environ.get(name, value) if kind == "?" else value
    m = re.search(r"^JB_FLAGS\s*\??:?=\s*(.*?)\s*$", text, re.M)
    flags = (os.environ.get("JB_FLAGS") or (m.group(1) if m else "-W -n --keep-going")).split()
    return exports, flags


def toc_docnames(root: Path) -> list[str]:
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text("utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [str(Path(n).with_suffix("")) for n in names]


def notebook_path(root: Path, docname: str) -> Path | None:
    """The notebook source of ``docname`` (a MyST .md with a kernelspec, or an .ipynb)."""
    import jupytext

    for suffix in (".md", ".ipynb"):
        path = root / f"{docname}{suffix}"
        if path.is_file():
            nb = jupytext.read(path)
            return path if nb.metadata.get("kernelspec") else None
    return None


def notebook_imports(path: Path) -> str:
    """The notebook's import statements, in order, each once."""
    import jupytext

    found: list[str] = []
    for cell in jupytext.read(path).cells:
        if cell.cell_type != "code":
            continue
        src = "\n".join(ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        found += [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    return "\n".join(dict.fromkeys(found))


def kernel_with_imports(code: str, cwd: Path, env: dict[str, str], timeout: int = 300) -> float:
    """Seconds to start a python3 kernel, run ``code`` and shut it down (as myst-nb does)."""
    import nbclient
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(code))
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute(env=env, stderr=subprocess.DEVNULL)  # the kernel's "running over TCP" notice
    return time.perf_counter() - start


def tree_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # pragma: no cover
        return None


# --------------------------------------------------------------------------------------
# a copy of the book, built as `make book` builds it


def copy_inputs(source: Path, dst: Path) -> None:
    """Copy the book's inputs (and the Makefile, for its settings) from ``source`` to ``dst``."""
    ignore = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__")
    dst.mkdir(parents=True)
    for name in (*BOOK_INPUTS, "Makefile"):
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, dst / name)
    package = paths.PACKAGE_DIR if source == paths.ROOT else source / "src" / "recount"
    shutil.copytree(package, dst / "src" / "recount", ignore=ignore)


@dataclass
class Build:
    seconds: float
    returncode: int
    executed: list[str]
    jobs: int | None
    log: str


@dataclass
class BookCopy:
    root: Path
    source: Path = paths.ROOT
    env: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        copy_inputs(self.source, self.root)
        exports, flags = makefile_settings(self.source)
        self.flags = self.flags or flags
        env = {k: v for k, v in os.environ.items() if k != TIERS_ENV}
        env.update(exports)
        env["PYTHONPATH"] = os.pathsep.join([str(self.root / "src")] + [
            p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
        env["RECOUNT_DATA"] = str(self.root / "data")
        self.env = env

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    def executed(self) -> list[str]:
        path = self.build_dir / ".recount" / "executed.json"
        return sorted(json.loads(path.read_text("utf-8"))) if path.is_file() else []

    def readers(self) -> dict[str, list[str]]:
        """Absolute input file (data or library) -> docnames whose execution record names it."""
        out: dict[str, set[str]] = {}
        for path in sorted((self.build_dir / recount_build.NOTEBOOKS).glob("*.json")):
            record = json.loads(path.read_text("utf-8"))
            for name in record["inputs"]:
                out.setdefault(str(Path(name).resolve()), set()).add(record["docname"])
        return {k: sorted(v) for k, v in out.items()}

    def build(self, flags: list[str] | None = None, check: bool = True, execute: bool = True) -> Build:
        flags = self.flags if flags is None else flags
        cmd = ([sys.executable, "-m", "recount.sphinx.build", str(self.root), *flags] if execute
               else [str(JUPYTER_BOOK), "build", str(self.root), *flags])
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=3600)
        seconds = time.perf_counter() - start
        log = proc.stdout + proc.stderr
        if check and proc.returncode != 0:
            raise RuntimeError(f"book build failed (exit {proc.returncode}) in {self.root}:\n{log[-4000:]}")
        jobs = [int(m.group(2)) for m in _JOBS_LINE.finditer(log)]
        return Build(seconds, proc.returncode, self.executed(), max(jobs) if jobs else None, log)

    def execution_off(self) -> None:
        """Put every notebook of the copy in the execution cache as it is, unexecuted."""
        import nbformat

        cache = self.build_dir / recount_build.NOTEBOOKS
        cache.mkdir(parents=True, exist_ok=True)
        for doc in toc_docnames(self.root):
            if (nb := notebook_path(self.root, doc)) is not None:
                text = nb.read_text("utf-8")
                nbformat.write(recount_build.read_notebook(text), recount_build.executed_copy(cache, text))


def touch_later(path: Path, last: float) -> None:
    """Give ``path`` an mtime after ``last`` (Sphinx compares mtimes)."""
    now = max(time.time(), last + 1.0)
    os.utime(path, (now, now))


# --------------------------------------------------------------------------------------
# parts


@dataclass
class Context:
    tmp: Path
    runs: int
    log: Callable[[str], None]
    book: BookCopy | None = None  # the last clean copy, for the incremental parts
    jobs: int | None = None
    _snapshot: Path | None = None

    @property
    def snapshot(self) -> Path:
        """The book's inputs as they were when first needed: every build of this
        bench copies them from here, so edits made meanwhile in the working
        tree do not reach some runs and not others."""
        if self._snapshot is None:
            self._snapshot = self.tmp / "snapshot"
            copy_inputs(paths.ROOT, self._snapshot)
        return self._snapshot

    def copy(self, name: str) -> BookCopy:
        return BookCopy(self.tmp / name, source=self.snapshot)

    def clean_copy(self, name: str) -> tuple[BookCopy, Build]:
        copy = self.copy(name)
        build = copy.build()
        notebooks = [d for d in toc_docnames(copy.root) if notebook_path(copy.root, d)]
        if build.executed != sorted(notebooks):
            raise RuntimeError(f"clean build executed {build.executed}, expected {sorted(notebooks)}")
        self.jobs = build.jobs or self.jobs
        return copy, build

    def built_book(self) -> BookCopy:
        if self.book is None:
            self.book, _ = self.clean_copy("incremental")
        return self.book


@dataclass
class CleanAndFloor:
    """The runs of the clean and floor parts, kept per run so that they can be paired."""

    clean: list[float] = field(default_factory=list)
    digests: list[dict[str, str]] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    off: list[float] = field(default_factory=list)
    kernel_sums: list[float] = field(default_factory=list)
    per_notebook: dict[str, list[float]] = field(default_factory=dict)


def clean_run(ctx: Context, acc: CleanAndFloor, run: int) -> None:
    copy, build = ctx.clean_copy(f"clean{run}")
    acc.clean.append(build.seconds)
    acc.digests.append(tree_digests(copy.build_dir / "html"))
    ctx.log(f"clean build {run + 1}/{ctx.runs}: {build.seconds:.1f} s, {len(build.executed)} executed, "
            f"{build.jobs} process(es), load {loadavg()}")
    if ctx.book is not None:
        shutil.rmtree(ctx.book.root, ignore_errors=True)
    ctx.book = copy


def floor_run(ctx: Context, acc: CleanAndFloor, run: int, jobs: int) -> None:
    copy = ctx.copy(f"floor{run}")
    copy.execution_off()
    build = copy.build(flags=[f for f in copy.flags if f != "-W"], check=False, execute=False)
    if build.returncode != 0 or not (copy.build_dir / "html" / "index.html").is_file():
        raise RuntimeError(f"build with execution off failed:\n{build.log[-4000:]}")
    if build.executed:
        raise RuntimeError(f"execution off, yet executed {build.executed}")
    total = 0.0
    for doc in toc_docnames(copy.root):
        nb = notebook_path(copy.root, doc)
        if nb is None:
            continue
        seconds = kernel_with_imports(notebook_imports(nb), nb.parent, copy.env)
        acc.per_notebook.setdefault(doc, []).append(seconds)
        total += seconds
    acc.off.append(build.seconds)
    acc.kernel_sums.append(total)
    acc.floors.append(build.seconds + total / jobs)
    ctx.log(f"floor {run + 1}/{ctx.runs}: sphinx (execution off) {build.seconds:.1f} s + kernels and "
            f"imports {total:.1f} s / {jobs} = {acc.floors[-1]:.1f} s, load {loadavg()}")
    shutil.rmtree(copy.root, ignore_errors=True)


def part_clean_and_floor(ctx: Context, out: dict[str, Any], clean: bool = True, floor: bool = True) -> None:
    """The clean and floor parts. When both run, their runs alternate (clean 1, floor 1, clean 2, ...):
    on a shared machine whose speed drifts, each ratio then compares a build with a floor measured
    moments apart, and ``clean_floor_ratio`` is the median of those paired ratios."""
    acc = CleanAndFloor()
    for run in range(ctx.runs):
        if clean:
            clean_run(ctx, acc, run)
        if floor:
            floor_run(ctx, acc, run, ctx.jobs or recount_build.build_jobs())
    if clean:
        stats("clean_build", acc.clean, out)
        out["clean_executed"] = len(ctx.book.executed()) if ctx.book else None
        out["build_jobs"] = ctx.jobs
        differ = sorted({name for d in acc.digests[1:] for name in set(d) | set(acc.digests[0])
                         if d.get(name) != acc.digests[0].get(name)})
        out["clean_reproducible"] = not differ if len(acc.digests) > 1 else None
        out["clean_html_differing_files"] = differ
    if floor:
        stats("floor", acc.floors, out)
        stats("floor_sphinx_off", acc.off, out)
        stats("floor_kernels_sum", acc.kernel_sums, out)
        out["floor_notebooks"] = len(acc.per_notebook)
        out["floor_jobs"] = ctx.jobs or recount_build.build_jobs()
        for doc, values in acc.per_notebook.items():
            out[f"floor_kernel_{doc.replace('/', '_')}_s"] = statistics.median(values)
    if clean and floor:
        ratios = [c / f for c, f in zip(acc.clean, acc.floors)]
        stats("clean_floor_ratio_paired", ratios, out, unit="x")
        out["clean_floor_ratio"] = statistics.median(ratios)


def part_nochange(ctx: Context, out: dict[str, Any]) -> None:
    book = ctx.built_book()
    times, executed = [], []
    for run in range(ctx.runs):
        build = book.build()
        times.append(build.seconds)
        executed.append(len(build.executed))
        ctx.log(f"no-change rebuild {run + 1}/{ctx.runs}: {build.seconds:.2f} s, {len(build.executed)} executed")
    stats("nochange_rebuild", times, out)
    out["nochange_executed"] = max(executed)


def rebuild_after_edits(ctx: Context, book: BookCopy, edit: Callable[[], Path], label: str
                        ) -> tuple[list[float], list[int], set[str]]:
    """``ctx.runs`` times: ``edit()`` (returns the edited path), make its mtime new, rebuild.

    Returns the build times, the number of notebooks each build executed, and
    every notebook any of them executed.
    """
    times, counts, executed, last = [], [], set(), time.time()
    for run in range(ctx.runs):
        touch_later(edit(), last)
        build = book.build()
        last = time.time()
        times.append(build.seconds)
        counts.append(len(build.executed))
        executed.update(build.executed)
        ctx.log(f"{label} {run + 1}/{ctx.runs}: {build.seconds:.1f} s, "
                f"{len(build.executed)} executed ({', '.join(build.executed)})")
    return times, counts, executed


def part_chapter(ctx: Context, out: dict[str, Any]) -> None:
    book = ctx.built_book()
    docs = toc_docnames(book.root)
    chapter = next(d for d in docs[1:] if notebook_path(book.root, d))
    source = notebook_path(book.root, chapter)
    assert source is not None

    def add_blank_line() -> Path:
        with open(source, "a", encoding="utf-8") as fh:
            fh.write("\n")
        return source

    times, counts, executed = rebuild_after_edits(ctx, book, add_blank_line, "one chapter edited")
    stats("one_chapter_rebuild", times, out)
    out["one_chapter_edited"] = chapter
    out["one_chapter_executed"] = max(counts)
    out["one_chapter_notebooks"] = sorted(executed)
    out["one_chapter_exact"] = all(c == 1 for c in counts) and sorted(executed) == [chapter]


def part_data(ctx: Context, out: dict[str, Any], data_file: str) -> None:
    book = ctx.built_book()
    target = (book.root / "data" / data_file).resolve()
    readers = book.readers().get(str(target), [])

    def rewrite() -> Path:
        target.write_bytes(target.read_bytes() + b"\n")
        return target

    times, counts, executed = rebuild_after_edits(ctx, book, rewrite, f"{data_file} edited")
    stats("data_edit_rebuild", times, out)
    out["data_edit_file"] = f"data/{data_file}"
    out["data_edit_executed"] = max(counts)
    out["data_edit_notebooks"] = sorted(executed)
    out["data_edit_readers"] = readers
    out["data_edit_exact"] = all(c == len(readers) for c in counts) and sorted(executed) == readers


def part_article(ctx: Context, out: dict[str, Any]) -> None:
    """``recount new`` + a clean ``recount book`` of a 1,500-character article, ``ctx.runs`` times."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": recount_build.SOURCE_DATE_EPOCH, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    env.pop("RECOUNT_DATA", None)
    totals, news, books, cpus = [], [], [], []
    for run in range(ctx.runs):
        folder = ctx.tmp / f"article-{run}"
        before = os.times()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "recount", "new", str(ARTICLE), str(folder)], env=env, check=True,
                       capture_output=True)
        t1 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "recount", "book", str(folder)], env=env, capture_output=True,
                              text=True)
        t2 = time.perf_counter()
        after = os.times()
        if proc.returncode:
            raise RuntimeError(f"recount book failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
        totals.append(t2 - t0)
        news.append(t1 - t0)
        books.append(t2 - t1)
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        ctx.log(f"article run {run + 1}: {t2 - t0:.2f} s ({t1 - t0:.2f} new + {t2 - t1:.2f} book), "
                f"CPU {cpus[-1]:.2f} s")
    stats("article", totals, out)
    stats("article_new", news, out)
    stats("article_book", books, out)
    stats("article_cpu", cpus, out)
    out["article_chars"] = len(ARTICLE.read_text(encoding="utf-8"))


def clear_build_outputs(root: Path = paths.ROOT) -> None:
    """Empty ``_build`` as a fresh clone has it (keeps only this benchmark's own JSON)."""
    build = root / "_build"
    if not build.is_dir():
        return
    for item in build.iterdir():
        if item.name in ("bench.json", ".build.lock"):
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()


def part_test(ctx: Context, out: dict[str, Any], runs: int) -> None:
    """``make test`` cold (``_build`` emptied first, as on a fresh clone and in CI), then warm
    (straight after, the book already built: the session build is a no-change rebuild)."""
    make = shutil.which("make")
    if make is None:
        raise RuntimeError("make is not installed")
    walls: dict[str, list[float]] = {"cold": [], "warm": []}
    codes = []
    tiers: dict[str, list[float]] = {t: [] for t in TIERS}
    counts: dict[str, int] = {}
    for run in range(runs):
        for kind in ("cold", "warm"):
            if kind == "cold":
                clear_build_outputs()
            tiers_file = ctx.tmp / f"tiers{run}{kind}.json"
            env = dict(os.environ)
            env["PYTEST_ADDOPTS"] = (env.get("PYTEST_ADDOPTS", "") + " -p bench").strip()
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH")) if p)
            env[TIERS_ENV] = str(tiers_file)
            start = time.perf_counter()
            proc = subprocess.run([make, "--no-print-directory", "-o", STAMP, "test"], cwd=paths.ROOT, env=env,
                                  capture_output=True, text=True, timeout=7200)
            walls[kind].append(time.perf_counter() - start)
            codes.append(proc.returncode)
            if kind == "cold" and tiers_file.is_file():
                data = json.loads(tiers_file.read_text("utf-8"))
                for t in TIERS:
                    tiers[t].append(data["seconds"].get(t, 0.0))
                counts = data["tests"]
            lines = (proc.stdout + proc.stderr).strip().splitlines()
            tail = [ln for ln in lines if re.search(r"\b(passed|failed|error|no tests ran)\b", ln)][-1:] or lines[-1:] or [""]
            ctx.log(f"make test {run + 1}/{runs} ({kind}): {walls[kind][-1]:.1f} s, exit {proc.returncode}: "
                    f"{tail[0]}, load {loadavg()}")
    stats("make_test", walls["cold"], out)
    stats("make_test_warm", walls["warm"], out)
    out["make_test_exit"] = max(codes) if codes else None
    for t in TIERS:
        out[f"make_test_{t}_s"] = statistics.median(tiers[t]) if tiers[t] else None
        out[f"make_test_{t}_tests"] = counts.get(t)


def working_tree_files(root: Path) -> tuple[list[str], bool]:
    """Files a commit of the working tree would hold, and whether that equals HEAD."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True).stdout.decode().split("\0")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                            check=True).stdout
    return [f for f in listed if f and (root / f).is_file()], not status.strip()


def part_setup(ctx: Context, out: dict[str, Any], runs: int) -> None:
    make = shutil.which("make")
    if make is None:
        raise RuntimeError("make is not installed")
    files, clean_tree = working_tree_files(paths.ROOT)
    out["setup_source"] = "git clone" if clean_tree else "copy of the working tree (uncommitted changes)"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_CACHE_DIR", TIERS_ENV) and not k.startswith("RECOUNT_")}
    env.update(PIP_NO_CACHE_DIR="1", UV_NO_CACHE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    totals, installs, builds = [], [], []
    for run in range(runs):
        dst = ctx.tmp / f"setup{run}"
        start = time.perf_counter()
        if clean_tree:
            subprocess.run(["git", "clone", "--quiet", "--no-local", str(paths.ROOT), str(dst)], check=True)
        else:
            for name in files:
                (dst / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(paths.ROOT / name, dst / name)
        t_copy = time.perf_counter()
        for target in ("venv", "book"):
            proc = subprocess.run([make, target], cwd=dst, env=env, capture_output=True, text=True, timeout=3600)
            if proc.returncode != 0:
                raise RuntimeError(f"make {target} failed in {dst}:\n{(proc.stdout + proc.stderr)[-4000:]}")
            if target == "venv":
                t_venv = time.perf_counter()
                out["setup_installer"] = "uv" if re.search(r"^\S*uv pip install", proc.stdout, re.M) else "pip"
        end = time.perf_counter()
        totals.append(end - start)
        installs.append(t_venv - t_copy)
        builds.append(end - t_venv)
        ctx.log(f"set-up {run + 1}/{runs}: {totals[-1]:.1f} s (copy {t_copy - start:.1f}, venv + install "
                f"{installs[-1]:.1f}, make book {builds[-1]:.1f}), load {loadavg()}")
        shutil.rmtree(dst, ignore_errors=True)
    stats("setup", totals, out)
    stats("setup_install", installs, out)
    stats("setup_build", builds, out)


# --------------------------------------------------------------------------------------
# the table


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v * 1e3:.2f} ms" if v < 1 else f"{v:.2f} s"
    return str(v)


def _range(out: dict[str, Any], key: str) -> str:
    lo, hi = out.get(f"{key}_min_s"), out.get(f"{key}_max_s")
    if lo is None or hi is None:
        return "-"
    return f"{_fmt(lo)} – {_fmt(hi)}"


def _verdict(ok: bool | None, miss: str = "") -> str:
    if ok is None:
        return "-"
    return "ok" if ok else f"MISSED{(' ' + miss) if miss else ''}"


def table(out: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str, str]] = []
    g = out.get
    clean, floor = g("clean_build_s"), g("floor_s")
    if clean is not None or floor is not None:
        ratio = g("clean_floor_ratio")
        ok = None if ratio is None else ratio <= CLEAN_OVER_FLOOR
        rows.append(("clean build", _fmt(clean), _range(out, "clean_build"),
                     f"<= {CLEAN_OVER_FLOOR} x floor" + (f" = {_fmt(CLEAN_OVER_FLOOR * floor)}" if floor else ""),
                     _verdict(ok, f"(x{ratio:.2f})" if ratio else "")))
        if g("clean_floor_ratio_paired_x") is not None:
            rows.append(("  clean / floor, run by run (paired)", f"x{g('clean_floor_ratio_paired_x'):.2f}",
                         f"x{g('clean_floor_ratio_paired_min_x'):.2f} – x{g('clean_floor_ratio_paired_max_x'):.2f}",
                         "", ""))
        rows.append((f"floor (sphinx off + kernels/{g('floor_jobs') or '?'})", _fmt(floor), _range(out, "floor"),
                     "", ""))
        if g("floor_sphinx_off_s") is not None:
            rows.append(("  sphinx, execution off", _fmt(g("floor_sphinx_off_s")), _range(out, "floor_sphinx_off"),
                         "", ""))
            rows.append((f"  kernel + imports x{g('floor_notebooks')}", _fmt(g("floor_kernels_sum_s")),
                         _range(out, "floor_kernels_sum"), "", ""))
    if g("nochange_rebuild_s") is not None:
        t, n = g("nochange_rebuild_s"), g("nochange_executed")
        rows.append(("no-change rebuild", _fmt(t), _range(out, "nochange_rebuild"),
                     f"<= {NOCHANGE_MAX_S:.0f} s, 0 executed", _verdict(t <= NOCHANGE_MAX_S and n == 0,
                                                                      f"({n} executed)" if n else "")))
        rows.append(("  notebooks executed", str(n), "", "0", _verdict(n == 0)))
    if g("one_chapter_rebuild_s") is not None:
        rows.append((f"one chapter edited ({g('one_chapter_edited')})", _fmt(g("one_chapter_rebuild_s")),
                     _range(out, "one_chapter_rebuild"), "", ""))
        rows.append(("  notebooks executed", str(g("one_chapter_executed")), ", ".join(g("one_chapter_notebooks")),
                     "1 (that chapter)", _verdict(g("one_chapter_exact"))))
    if g("data_edit_rebuild_s") is not None:
        rows.append((f"{g('data_edit_file')} edited", _fmt(g("data_edit_rebuild_s")),
                     _range(out, "data_edit_rebuild"), "", ""))
        rows.append(("  notebooks executed", str(g("data_edit_executed")),
                     ", ".join(Path(d).name for d in g("data_edit_notebooks")),
                     f"its {len(g('data_edit_readers'))} reader(s)", _verdict(g("data_edit_exact"))))
    if g("make_test_s") is not None:
        t = g("make_test_s")
        rows.append(("make test, cold (empty _build)", _fmt(t), _range(out, "make_test"), f"<= {MAKE_TEST_MAX_S:.0f} s",
                     _verdict(t <= MAKE_TEST_MAX_S, f"(+{t - MAKE_TEST_MAX_S:.0f} s)")
                     + ("" if not g("make_test_exit") else f", exit {g('make_test_exit')}")))
        if g("make_test_warm_s") is not None:
            tw = g("make_test_warm_s")
            rows.append(("  warm: book already built", _fmt(tw), _range(out, "make_test_warm"),
                         f"<= {MAKE_TEST_MAX_S:.0f} s", _verdict(tw <= MAKE_TEST_MAX_S, f"(+{tw - MAKE_TEST_MAX_S:.0f} s)")))
        for tier in TIERS:
            rows.append((f"  {tier} tests ({g(f'make_test_{tier}_tests') or 0}), summed over workers",
                         _fmt(g(f"make_test_{tier}_s")), "", "", ""))
    if g("article_s") is not None:
        t = g("article_s")
        rows.append((f"another article: new + clean book ({g('article_chars')} chars)", _fmt(t), _range(out, "article"),
                     f"<= {ARTICLE_MAX_S:.0f} s", _verdict(t <= ARTICLE_MAX_S, f"(+{t - ARTICLE_MAX_S:.0f} s)")))
        rows.append(("  recount new", _fmt(g("article_new_s")), _range(out, "article_new"), "", ""))
        rows.append(("  recount book (clean)", _fmt(g("article_book_s")), _range(out, "article_book"), "", ""))
        rows.append(("  CPU time of both (user + system)", _fmt(g("article_cpu_s")), _range(out, "article_cpu"),
                     "", ""))
    if g("setup_s") is not None:
        t = g("setup_s")
        rows.append(("set-up: fresh copy to built book", _fmt(t), _range(out, "setup"), f"<= {SETUP_MAX_S:.0f} s",
                     _verdict(t <= SETUP_MAX_S, f"(+{t - SETUP_MAX_S:.0f} s)")))
        rows.append((f"  venv + install ({g('setup_installer')}), no cache", _fmt(g("setup_install_s")),
                     _range(out, "setup_install"),
                     "", ""))
        rows.append(("  make book (clean)", _fmt(g("setup_build_s")), _range(out, "setup_build"), "", ""))
    head = ("part", "median", "min – max", "target", "")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    lines = [
        f"recount bench: {out['date']}, {out['machine_nproc']} CPU(s), Python {out['python_version']}, "
        f"{out['runs']} run(s) each, build jobs {out.get('build_jobs') or '-'}, "
        f"load average {out['loadavg_start']} -> {out['loadavg_end']}",
        "  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# entry point


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5, help="runs of each part (default 5)")
    p.add_argument("--test-runs", type=int, default=None, help="runs of `make test` (default: --runs)")
    p.add_argument("--setup-runs", type=int, default=5, help="runs of the set-up part (default 5)")
    p.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts among {', '.join(PARTS)}")
    p.add_argument("--skip", default="", help="comma-separated parts not to run")
    p.add_argument("--data-file", default=paths.EVENTS_NAME, help="data file the data part edits")
    p.add_argument("--json", type=Path, default=paths.BUILD_DIR / "bench.json", help="where to write the JSON")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)
    parts = [x.strip() for x in args.only.split(",") if x.strip()]
    skip = {x.strip() for x in args.skip.split(",") if x.strip()}
    unknown = (set(parts) | skip) - set(PARTS)
    if unknown:
        p.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if args.runs < 1 or args.setup_runs < 1:
        p.error("runs must be >= 1")
    args.parts = [x for x in PARTS if x in parts and x not in skip]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    log = (lambda msg: None) if args.quiet else (lambda msg: print(f"[bench] {msg}", file=sys.stderr, flush=True))
    out: dict[str, Any] = {k: None for k in REQUIRED_KEYS}
    out.update(
        date=_dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        machine_nproc=os.cpu_count(),
        machine_cpus_usable=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        machine=platform.platform(),
        python_version=platform.python_version(),
        runs=args.runs,
        parts=args.parts,
        loadavg_start=loadavg(),
        build_jobs=None,
    )
    tmp = Path(tempfile.mkdtemp(prefix="recount-bench-"))
    ctx = Context(tmp=tmp, runs=args.runs, log=log)
    try:
        if "clean" in args.parts or "floor" in args.parts:
            part_clean_and_floor(ctx, out, clean="clean" in args.parts, floor="floor" in args.parts)
        if "nochange" in args.parts:
            part_nochange(ctx, out)
        if "chapter" in args.parts:
            part_chapter(ctx, out)
        if "data" in args.parts:
            part_data(ctx, out, args.data_file)
        if "article" in args.parts:
            part_article(ctx, out)
        if "test" in args.parts:
            part_test(ctx, out, args.test_runs or args.runs)
        if "setup" in args.parts:
            part_setup(ctx, out, args.setup_runs)
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    out["build_jobs"] = ctx.jobs or out.get("build_jobs")
    if out.get("clean_build_s") and out.get("floor_s"):
        out["clean_floor_ratio_of_medians"] = out["clean_build_s"] / out["floor_s"]
    out["loadavg_end"] = loadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(out))
    print(f"wrote {args.json}")
    return 0


# --------------------------------------------------------------------------------------
# pytest plugin (`PYTEST_ADDOPTS="-p bench"`, benchmarks/ on PYTHONPATH, used by the test part): time per tier


_tier_seconds: dict[str, float] = {}
_tier_tests: dict[str, int] = {}


def _tier(keywords: Any) -> str:
    for tier in ("browser", "slow"):
        if tier in keywords:
            return tier
    return "unit"


def pytest_runtest_logreport(report: Any) -> None:
    if not os.environ.get(TIERS_ENV):
        return
    tier = _tier(report.keywords)
    _tier_seconds[tier] = _tier_seconds.get(tier, 0.0) + report.duration
    if report.when == "call" or (report.when == "setup" and report.skipped):
        _tier_tests[tier] = _tier_tests.get(tier, 0) + 1


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = os.environ.get(TIERS_ENV)
    # Under pytest-xdist the controller receives every worker's reports; a worker
    # (it has ``workerinput``) saw only its own share and must not write.
    if path and not hasattr(session.config, "workerinput"):
        Path(path).write_text(json.dumps({"seconds": _tier_seconds, "tests": _tier_tests,
                                          "exitstatus": int(exitstatus)}), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
