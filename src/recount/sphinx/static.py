"""Sphinx extension: an edit to a static file reaches the built book even when no page changed.

Sphinx copies ``html_static_path`` (``book/_static``: ``recount.css``, the
favicon) into ``_build/html/_static`` only at the end of a build that wrote at
least one page. When no document is out of date it stops at "no targets are out
of date." and skips that step, so after an edit to ``recount.css`` alone
``make book`` leaves the old stylesheet in the book. At the end of every HTML
build this extension copies each static file of the project (and the favicon)
whose copy in ``_static`` is missing or differs. Template files (``*_t``) are
left to Sphinx.

It also writes the stylesheet's colour variables, ``recount-vocabulary.css``
(``--recount-inconsistent`` ...), from :mod:`recount.vocabulary`, the one place
each verdict's and result's colour is defined, into a folder of the build that
it adds to ``html_static_path``: Sphinx copies it before any page links it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from recount.vocabulary import css_variables

VOCABULARY_CSS = "recount-vocabulary.css"
VOCABULARY_STATIC = Path(".recount", "vocabulary")  # under the build folder, beside html/


def _write_vocabulary(app: Sphinx, config: Any) -> None:
    folder = Path(app.outdir).parent / VOCABULARY_STATIC
    folder.mkdir(parents=True, exist_ok=True)
    target, text = folder / VOCABULARY_CSS, css_variables()
    if not target.is_file() or target.read_text("utf-8") != text:
        target.write_text(text, "utf-8")
    config.html_static_path = [*config.html_static_path, str(folder)]


def _project_static_files(app: Sphinx) -> list[tuple[Path, str]]:
    """(source file, path under ``_static``) for every file of ``html_static_path`` and the favicon."""
    base = Path(app.confdir or app.srcdir)
    out: list[tuple[Path, str]] = []
    for entry in app.config.html_static_path:
        src = base / entry
        if src.is_file():
            out.append((src, src.name))
        elif src.is_dir():
            out += [(f, f.relative_to(src).as_posix()) for f in sorted(src.rglob("*")) if f.is_file()]
    favicon = app.config.html_favicon
    if favicon and "://" not in favicon and (base / favicon).is_file():
        out.append((base / favicon, Path(favicon).name))
    return [(f, rel) for f, rel in out if not f.name.endswith("_t") and not f.name.startswith(".")]


def _refresh(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for src, rel in _project_static_files(app):
        dst = static / rel
        if not dst.is_file() or dst.read_bytes() != src.read_bytes():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _write_vocabulary)  # before recount.sphinx.executed makes the paths relative
    app.add_css_file(VOCABULARY_CSS)
    app.connect("build-finished", _refresh)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
