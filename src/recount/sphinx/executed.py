"""Sphinx extension: the pages are the notebooks :mod:`recount.sphinx.build` executed; every build the same bytes.

* myst-nb reads each ``.md`` page with :func:`read_executed` (``nb_custom_formats``): a notebook
  page is its executed copy, ``<build>/.recount/notebooks/<sha256 of the text>.ipynb``, and
  depends on it (``env.note_dependency``), so Sphinx re-reads the page whenever its notebook ran
  again. A notebook page with no executed copy stops the build: build with ``python -m
  recount.sphinx.build`` (``make book``). Execution in Sphinx stays off (``nb_execution_mode: off``).
* Clean and incremental builds write the same bytes: myst-nb's stylesheet is copied before pages
  link it, and the search index drops terms left with no page by an edit.
* Builds in any folder write the same bytes: the theme and extensions add their own folders (in
  the venv) to ``templates_path`` and ``html_static_path`` as absolute paths, and Sphinx hashes
  those into ``html/.buildinfo``; they are made relative to the book, as Sphinx reads these paths.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from recount.sphinx.build import NOTEBOOKS, SOURCE_DATE_EPOCH, read_notebook, sha256


def executed_copy(folder: str | Path, text: str) -> Path:
    return Path(folder) / f"{sha256(text.encode())}.ipynb"


def read_executed(text: str, folder: str):
    import nbformat
    from myst_nb.core.read import is_myst_markdown_notebook

    if not is_myst_markdown_notebook(text):
        return read_notebook(text)
    path = executed_copy(folder, text)
    if not path.is_file():
        raise RuntimeError(f"no executed notebook {path} for this page: build with `python -m recount.sphinx.build`")
    return nbformat.read(path, as_version=4)


def _notebooks(app: Sphinx) -> Path:
    return Path(app.outdir).parent / NOTEBOOKS


def _read_executed_notebooks(app: Sphinx, config: Any) -> None:
    config.nb_custom_formats = {**config.nb_custom_formats,
                                ".md": ["recount.sphinx.executed.read_executed", {"folder": str(_notebooks(app))}]}


def _depend_on_executed_copy(app: Sphinx, docname: str, source: list[str]) -> None:
    from myst_nb.core.read import is_myst_markdown_notebook

    if docname == app.env.docname and is_myst_markdown_notebook(source[0]):
        app.env.note_dependency(str(executed_copy(_notebooks(app), source[0])))


def _copy_mystnb_css(app: Sphinx) -> None:
    # myst-nb copies its stylesheet at build-finished: on a clean build pages would link it without
    # Sphinx's "?v=<checksum>", on a rebuild with it.
    if app.builder.format == "html":
        from myst_nb.sphinx_ext import add_global_html_resources

        (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)


def _drop_terms_without_pages(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", None), getattr(indexer, "_title_mapping", None)):
        for term in [t for t, docs in (mapping or {}).items() if not docs]:
            del mapping[term]
    return []


def _paths_relative_to_the_book(app: Sphinx, config: Any) -> None:
    for name in ("templates_path", "html_static_path"):
        setattr(config, name, [os.path.relpath(p, app.confdir) if os.path.isabs(p) else p for p in config[name]])


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    app.connect("config-inited", _read_executed_notebooks)
    app.connect("config-inited", _paths_relative_to_the_book, priority=900)  # after the extensions' own
    app.connect("source-read", _depend_on_executed_copy)
    app.connect("builder-inited", _copy_mystnb_css)
    app.connect("html-collect-pages", _drop_terms_without_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
