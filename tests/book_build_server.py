"""Build a book again and again without paying for start-up each time: a fork server for ``python -m recount.sphinx.build``.

Run as ``python tests/book_build_server.py`` with the environment of the book it
builds (``browser_support.copy_env``: that book's own ``recount`` first on
``PYTHONPATH``, its data in ``$RECOUNT_DATA``). It imports jupyter-book (and
with it Sphinx, myst-nb, the theme) once, then reads one JSON request per line
on stdin, ``{"args": [...], "log": "<file>"}``, and for each forks a child that
runs ``python -m recount.sphinx.build <args>`` with file descriptors 1 and 2 pointed at the log
file (Sphinx's output and the kernels' stderr both land there). The answer, on
stdout, is one JSON line, ``{"code": <the child's exit status>}``. End of
input ends it.

What this saves is start-up: the imports (jupyter-book and the extensions
``_config.yml`` lists, :func:`preload`) are about 2 s of the 2.5 s that a
no-change rebuild of a small book takes. Each build runs in a fresh fork of a
process that has imported modules and done nothing else, so it starts from the
state a new ``jupyter-book build`` starts from: running builds one after the
other in one process instead is not the same (the book theme appends to the
shared default ``templates_path`` list at every build, so the second build's
configuration hash differs and every page is rewritten). Everything a rebuild
decision is made from is on disk: the pickled environment and ``_build``.
``tests/test_build_deps.py`` uses it for the successive rebuilds it counts.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def build(args: list[str], log_path: str) -> int:
    """In the forked child: ``python -m recount.sphinx.build <args>``, output to ``log_path``; the exit status."""
    from recount.sphinx.build import main as build_book

    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    try:
        return build_book(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - a failed build, reported with its traceback in the log
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def preload() -> None:
    """Import, once and before any fork, what every build imports: jupyter-book, and the Sphinx
    extensions the book's ``_config.yml`` (in the working directory) lists. Sphinx finds an extension
    already imported and calls its ``setup`` in the build, as it would after importing it."""
    import importlib

    import yaml

    import jupyter_book.cli.main  # noqa: F401

    config = yaml.safe_load(Path("_config.yml").read_text(encoding="utf-8"))
    for name in ((config.get("sphinx") or {}).get("config") or {}).get("extensions") or []:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the build itself reports it


def main() -> int:
    preload()

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = build(request["args"], request["log"])
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
