"""Sphinx extension: each notebook page is the copy :mod:`recount.sphinx.build` executed; same bytes every build.

* myst-nb reads a notebook page from ``<build>/.recount/notebooks/<sha256 of its text>.ipynb``
  (``nb_custom_formats``), and the page depends on that file, so it is read again whenever it ran again.
* A clean and an incremental build write the same bytes: myst-nb's stylesheet is copied before pages
  link it, and ``searchindex.js`` loses the terms an edit left with no page.
* Builds in any folder write the same bytes: ``templates_path`` and ``html_static_path`` (which the
  theme and extensions extend with absolute paths into the venv, hashed into ``.buildinfo``) are
  made relative to the book.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from recount.sphinx.build import NOTEBOOKS, SOURCE_DATE_EPOCH, executed_copy, read_notebook


def read_executed(text: str, folder: str):
    import nbformat
    from myst_nb.core.read import is_myst_markdown_notebook

    if not is_myst_markdown_notebook(text):
        return read_notebook(text)
    if not (path := executed_copy(folder, text)).is_file():
        raise RuntimeError(f"no executed notebook {path} for this page: build with `python -m recount.sphinx.build`")
    return nbformat.read(path, as_version=4)


def _configure(app: Sphinx, config: Any) -> None:
    folder = str(Path(app.outdir).parent / NOTEBOOKS)
    config.nb_custom_formats = {**config.nb_custom_formats, ".md": ["recount.sphinx.executed.read_executed", {"folder": folder}]}
    for name in ("templates_path", "html_static_path"):
        setattr(config, name, [os.path.relpath(p, app.confdir) if os.path.isabs(p) else p for p in config[name]])


def _depend_on_executed_copy(app: Sphinx, docname: str, source: list[str]) -> None:
    from myst_nb.core.read import is_myst_markdown_notebook

    if docname == app.env.docname and is_myst_markdown_notebook(source[0]):
        app.env.note_dependency(str(executed_copy(Path(app.outdir).parent / NOTEBOOKS, source[0])))


def _copy_mystnb_css(app: Sphinx) -> None:
    # myst-nb copies it at build-finished: a clean build's pages would link it without "?v=<checksum>"
    if app.builder.format == "html":
        from myst_nb.sphinx_ext import add_global_html_resources

        (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)


def _drop_terms_without_pages(app: Sphinx, exception: Exception | None) -> None:
    from sphinx.search import js_index

    if exception is None and (index := Path(app.outdir) / "searchindex.js").is_file():
        frozen = js_index.loads(text := index.read_text("utf-8"))
        for key in ("terms", "titleterms"):
            frozen[key] = {term: pages for term, pages in frozen[key].items() if pages != []}
        if (cleaned := js_index.dumps(frozen)) != text:
            index.write_text(cleaned, "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    app.connect("config-inited", _configure, priority=900)  # after the extensions' own paths are in
    app.connect("source-read", _depend_on_executed_copy)
    app.connect("builder-inited", _copy_mystnb_css)
    app.connect("build-finished", _drop_terms_without_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
