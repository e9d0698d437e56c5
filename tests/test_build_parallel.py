"""Notebooks execute in parallel before Sphinx (``recount.sphinx.build``), and a notebook that fails
fails the build loudly, naming its file and the error, with nothing cached for it.

A small book of four notebooks with the real ``_config.yml`` (search in English),
built with two processes: one notebook's cell raises, one writes to stderr (a
library warning), two are fine (one prints its kernel's transport: IPC). The build must stop before Sphinx with both
errors named, cache the two good notebooks only, and on the next build run the
two failing ones again (a failure is never cached) and nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import browser_support as bs
from recount.sphinx import build

PAGES = {
    "book/ok_a": 'import json\nfrom ipykernel.connect import get_connection_info\n'
                 'print(json.loads(get_connection_info())["transport"])',
    "book/raises": 'raise RuntimeError("tiny-book-cell-failed")',
    "book/warns": 'import sys\nprint("tiny-book-stray-stderr", file=sys.stderr)',
    "book/ok_b": 'print("fine too")',
}


def test_build_jobs_follows_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(build.JOBS_ENV, "3")
    assert build.build_jobs() == 3
    monkeypatch.setenv(build.JOBS_ENV, "auto")
    assert build.build_jobs() == len(os.sched_getaffinity(0))
    monkeypatch.delenv(build.JOBS_ENV)
    assert build.build_jobs() == len(os.sched_getaffinity(0))
    for bad in ("0", "-1", "two"):
        monkeypatch.setenv(build.JOBS_ENV, bad)
        with pytest.raises(SystemExit, match=build.JOBS_ENV):
            build.build_jobs()


def run_build(root: Path) -> subprocess.CompletedProcess:
    env = bs.copy_env(root, RECOUNT_BUILD_JOBS="2")
    return subprocess.run([sys.executable, "-m", "recount.sphinx.build", str(root), "-W", "-n", "--keep-going"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_a_failing_or_stderr_writing_notebook_fails_the_build_and_is_never_cached(tmp_path: Path) -> None:
    root = bs.copy_book(tmp_path / "tiny", toc=list(PAGES), english_search=True)
    for doc, code in PAGES.items():
        (root / f"{doc}.md").write_text(bs.notebook_page(doc, code), encoding="utf-8")

    proc = run_build(root)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log[-3000:]
    assert "recount: executing 4 notebook(s) in 2 process(es)" in log, log[-3000:]
    assert "book/raises.md: CellExecutionError" in log and "tiny-book-cell-failed" in log, log[-3000:]
    assert "book/warns.md: cell 1 wrote to stderr" in log and "tiny-book-stray-stderr" in log, log[-3000:]
    assert not (root / "_build" / "html").exists(), "Sphinx ran although a notebook failed"
    records = {json.loads(p.read_text("utf-8"))["docname"]: p for p in (root / "_build" / build.NOTEBOOKS).glob("*.json")}
    assert set(records) == {"book/ok_a", "book/ok_b"}
    # kernels talk over IPC sockets: no TCP ports for two starting kernels to race for
    executed = json.loads(records["book/ok_a"].with_suffix(".ipynb").read_text("utf-8"))
    assert ["".join(o["text"]) for c in executed["cells"] for o in c.get("outputs", [])] == ["ipc\n"]

    again = run_build(root)
    assert again.returncode != 0
    assert "recount: executed 0 notebook(s)" in again.stdout and "recount: executing 2 notebook(s)" in again.stdout, \
        again.stdout[-3000:]


# That a build that warned warns (and fails) again on the next build is pinned by
# tests/test_build_deps.py::test_a_build_that_warned_fails_again_until_the_page_is_fixed (two failing
# builds, then two passing ones once the page is fixed), on the small book that file builds anyway.
