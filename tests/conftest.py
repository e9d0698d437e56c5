"""Shared fixtures: a scratch copy of the data directory and a CLI runner."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from recount import paths


#: The tests' own small ledger: a made-up hotline bulletin (tests/fixtures/hotline/source) and its
#: tables, with one inconsistent, one unverifiable and one derived rate, a soft cross-check in
#: tension, an amount in 万元, figures with 余 and 约, an event and a superlative.
HOTLINE = Path(__file__).parent / "fixtures" / "hotline"
HOTLINE_SHA256 = "2955795ff89ab3a126dc550170a93890f4bd9fb3d7f5d2c84750d5787f4734fc"


@pytest.fixture
def hotline_dir(tmp_path: Path, monkeypatch) -> Path:
    """A writable copy of the hotline ledger, its source's hash pinned for the loader."""
    monkeypatch.setenv(paths.SOURCE_SHA256_ENV, HOTLINE_SHA256)
    dst = tmp_path / "hotline"
    shutil.copytree(HOTLINE, dst)
    return dst


@pytest.fixture
def hotline(hotline_dir: Path):
    """The hotline ledger, loaded."""
    from recount.ledger import load_ledger

    return load_ledger(hotline_dir)


#: The chart tests' small ledger: a made-up district bulletin (tests/fixtures/districts/source) with
#: what every chart kind draws: sub-districts and their counts (one written with 余, one not given),
#: an inconsistent claim with three readings, sector rates within a sub-district's rate, amounts in
#: 万元 (one 余, one 预计), the stages of a relief scheme, two dated events and a change that is no share.
DISTRICTS = Path(__file__).parent / "fixtures" / "districts"


@pytest.fixture
def districts_dir(tmp_path: Path) -> Path:
    """A writable copy of the districts ledger (its datapackage.json pins its source's hash)."""
    dst = tmp_path / "districts"
    shutil.copytree(DISTRICTS, dst)
    return dst


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/`` that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, dst)
    return dst


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """``python -m recount ...`` in a subprocess, as a user would run it."""
    proc = subprocess.run([sys.executable, "-m", "recount", *args], capture_output=True, text=True,
                          cwd=cwd or paths.ROOT, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def call_cli(*args: str) -> Run:
    """``recount.cli.main(args)`` in this process, its stdout and stderr captured: what
    ``python -m recount ...`` runs, without a new interpreter per call (the suite calls the
    checker some thirty times). An exception escaping ``main`` is a traceback the user
    would see: it fails the test. ``tests/test_cli.py`` also runs the real command once."""
    from recount import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return call_cli


@pytest.fixture(scope="session")
def built_book(request) -> Path:
    """``_build/html`` as ``make book`` leaves it, built (incrementally) once per session.

    Shared by every test that reads the built book; ``make book`` is incremental,
    so with nothing changed this takes seconds. See ``tests/browser_support.py``."""
    from browser_support import build_book

    workerinput = getattr(request.config, "workerinput", None)  # set in a pytest-xdist worker
    return build_book(workerinput["testrunuid"] if workerinput else None)


#: Test modules that build a book, start a cluster or drive Chromium, first. pytest-xdist
#: (``-n auto --dist loadfile --no-loadscope-reorder`` in pyproject.toml) hands whole modules to
#: its workers in collection order, two to each to begin with (the 1st and 3rd to one worker, the
#: 2nd and 4th to the other), then the next module to whichever worker is free. Starting the long
#: ones first keeps a long module from being the last one running while the other worker idles.
#: The 1st builds four generated books of its own (the longest); the 2nd makes the session build
#: that the modules reading the book wait for; the 3rd builds a small book again and again; the 5th
#: starts a Dask cluster; the others read the session build or draw every chart. A module keeps
#: its module-scoped fixtures (a Chromium, a small book, a cluster) on one worker.
LONG_MODULES = ("test_book_any.py", "test_browser.py", "test_build_deps.py", "test_safe_text.py",
                "test_scan_dask.py", "test_phone_charts.py", "test_scan_output.py", "test_bench.py",
                "test_browser_phone.py", "test_plots.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONG_MODULES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONG_MODULES)))  # stable: order within a module kept
