"""Shared fixtures: a scratch copy of the data directory and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from recount import paths


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
    env = dict(os.environ)
    env.pop("RECOUNT_READS_LOG", None)
    proc = subprocess.run([sys.executable, "-m", "recount", *args], capture_output=True, text=True,
                          cwd=cwd or paths.ROOT, env=env, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def built_book() -> Path:
    """``_build/html`` as ``make book`` leaves it, built (incrementally) once per session.

    Shared by every test that reads the built book; ``make book`` is incremental,
    so with nothing changed this takes seconds. See ``tests/browser_support.py``."""
    from browser_support import build_book

    return build_book()
