"""Sphinx extension: publish files beside the HTML pages.

At the end of a successful HTML build it writes, at the root of the book:

* ``claimreview.json`` (every claim's verdict as schema.org ClaimReview,
  :mod:`recount.publish.claimreview`), so a reader can download it and a fact-check
  aggregator can fetch it. The ledger page embeds the same JSON-LD and links
  here. The file is written once, by the output tier (``data/output/``, ``make output``,
  which ``make book`` runs first); the build copies it.
* ``index.html``, the page a reader opening the book's folder lands on: it sends
  the browser to the landing page (``root_doc``). sphinx-external-toc writes a
  bare ``<meta http-equiv="Refresh">`` there when the file is missing; this one
  is a page of its own, with a title, the book's icon (without one the browser
  asks for ``/favicon.ico``, which the book does not have: a 404 that Chromium
  logs as a console error, whenever the request wins the race with the
  redirect) and a link for a browser that does not follow the refresh. It is
  written before sphinx-external-toc looks (a lower event priority), so that
  one finds the file and writes nothing.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from recount import paths

FILENAME = "claimreview.json"
ROOT_PAGE = "index.html"


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    published = paths.OUTPUT_DIR / FILENAME
    if not published.is_file():
        raise ExtensionError(f"{published}: missing; write the output tier first: make output "
                             "(python -m recount.publish.output)")
    target = Path(app.outdir) / FILENAME
    if not target.is_file() or target.read_bytes() != published.read_bytes():
        shutil.copyfile(published, target)


def root_page(landing: str, title: str, icon: str | None) -> str:
    """The book's root ``index.html``: a redirect to ``landing`` (a path relative to the root)."""
    url, title = html.escape(landing, quote=True), html.escape(title)
    icon_link = f'<link rel="icon" href="{html.escape(icon, quote=True)}">\n' if icon else ""
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title}</title>\n{icon_link}'
            f'<meta http-equiv="Refresh" content="0; url={url}">\n</head>\n'
            f'<body><p><a href="{url}">{title}</a></p></body>\n</html>\n')


def _write_root_page(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    favicon = app.config.html_favicon
    icon = None
    if favicon and "://" not in favicon:  # a local file: Sphinx copies it to _static/
        icon = f"_static/{PurePosixPath(favicon).name}"
    text = root_page(f"{app.config.root_doc}.html", app.config.html_title or app.config.project, icon)
    target = Path(app.outdir) / ROOT_PAGE
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _write)
    # before sphinx-external-toc's own build-finished handler (priority 500), which writes only a missing file
    app.connect("build-finished", _write_root_page, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
