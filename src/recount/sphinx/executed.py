"""Sphinx extension: each notebook page is the copy :mod:`recount.sphinx.build` executed; same bytes every build.

* myst-nb reads a notebook page from ``<build>/.recount/notebooks/<sha256 of its text>.ipynb``
  (``nb_custom_formats``), and the page depends on that file, so it is read again whenever it ran again.
* A clean and an incremental build write the same bytes: myst-nb's stylesheet is in ``_static`` before
  pages link it (so every page links it with Sphinx's ``?v=<checksum>``), and ``searchindex.js`` loses
  the terms an edit left with no page.
* Builds in any folder write the same bytes: ``templates_path`` and ``html_static_path`` (which the
  theme and extensions extend with absolute paths into the venv, hashed into ``.buildinfo``) are
  made relative to the book, the venv's packages reached through a link of a fixed name in the
  build folder (:data:`SITE_PACKAGES`): a generated book's folder and the venv that builds it may be
  anywhere, each apart from the other.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sysconfig
from importlib import resources
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


#: myst-nb's stylesheet, given to Sphinx as a static file (below the build folder, beside html/)
MYSTNB_STATIC = Path(".recount", "mystnb")


def _mystnb_static(build_dir: Path) -> Path:
    """A folder holding myst-nb's stylesheet under the name myst-nb's pages link (``mystnb.<sha256>.css``).

    myst-nb copies the file only when the build finishes, after the pages were written: in a clean
    build no page could link it with its checksum. As an entry of ``html_static_path`` Sphinx copies
    it with the other static files, before it writes a page."""
    css = resources.files("myst_nb.static").joinpath("mystnb.css").read_bytes()
    folder = build_dir / MYSTNB_STATIC
    target = folder / f"mystnb.{hashlib.sha256(css).hexdigest()}.css"
    if not target.is_file() or target.read_bytes() != css:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        target.write_bytes(css)
    return folder


#: the venv's packages, as the book's paths reach them (a link below the build folder, beside html/)
SITE_PACKAGES = Path(".recount", "site-packages")


def _site_packages(build_dir: Path) -> tuple[str, Path]:
    """The running venv's packages, and a link of a fixed name to them in the build folder."""
    site, link = sysconfig.get_paths()["purelib"], build_dir / SITE_PACKAGES
    if not (link.is_symlink() and os.readlink(link) == site):
        link.unlink(missing_ok=True)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(site, target_is_directory=True)
    return site, link


def _relative(path: str, confdir: str, site: str, link: Path) -> str:
    """``path`` relative to the book, through ``link`` when it is in the venv's packages."""
    if not os.path.isabs(path):
        return path
    if Path(path).is_relative_to(site):
        path = str(link / Path(path).relative_to(site))
    return os.path.relpath(path, confdir)


def _configure(app: Sphinx, config: Any) -> None:
    build_dir = Path(app.outdir).parent
    folder = str(build_dir / NOTEBOOKS)
    config.nb_custom_formats = {**config.nb_custom_formats, ".md": ["recount.sphinx.executed.read_executed", {"folder": folder}]}
    config.html_static_path = [*config.html_static_path, str(_mystnb_static(build_dir))]
    site, link = _site_packages(build_dir)
    for name in ("templates_path", "html_static_path"):
        setattr(config, name, [_relative(p, app.confdir, site, link) for p in config[name]])


def _depend_on_executed_copy(app: Sphinx, docname: str, source: list[str]) -> None:
    from myst_nb.core.read import is_myst_markdown_notebook

    if docname == app.env.docname and is_myst_markdown_notebook(source[0]):
        app.env.note_dependency(str(executed_copy(Path(app.outdir).parent / NOTEBOOKS, source[0])))


#: ``searchindex.js`` is one call, ``Search.setIndex(<JSON, keys sorted>)``
INDEX_CALL = ("Search.setIndex(", ")")


def _drop_terms_without_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and (index := Path(app.outdir) / "searchindex.js").is_file():
        text = index.read_text("utf-8")
        head, tail = INDEX_CALL
        if not (text.startswith(head) and text.endswith(tail)):
            raise RuntimeError(f"{index}: not {head}...{tail}: Sphinx changed the index format")
        frozen = json.loads(text[len(head):-len(tail)])
        for key in ("terms", "titleterms"):
            frozen[key] = {term: pages for term, pages in frozen[key].items() if pages != []}
        if (cleaned := head + json.dumps(frozen, sort_keys=True) + tail) != text:
            index.write_text(cleaned, "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    app.connect("config-inited", _configure, priority=900)  # after the extensions' own paths are in
    app.connect("source-read", _depend_on_executed_copy)
    app.connect("build-finished", _drop_terms_without_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
