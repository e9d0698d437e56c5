"""Sphinx extension: link-preview cards (Open Graph and Twitter/X) on every page, with a local image.

Every HTML page gets ``og:`` and ``twitter:`` meta tags: title, description
(the page's first paragraph), site name, and the book's card image
(:mod:`recount.publish.card`: the finding, drawn from the report), which the build
writes to ``_static/recount-card.png``.

Where the tags point depends on the book's base URL (``html.baseurl`` in
``_config.yml``, Sphinx's ``html_baseurl``):

* set: ``og:url`` is the page's address and ``og:image`` the card's, absolute,
  as the Open Graph protocol requires;
* empty (today: the book has no address yet): no ``og:url`` (there is no right
  value), and ``og:image`` / ``twitter:image`` are the card's path relative to
  the page (``../_static/recount-card.png``), so they name a file of the book
  and nothing off-site. A crawler needs an absolute URL, which only a base URL
  can give; a local preview tool or a reader of the source finds the image.

Why not sphinxext-opengraph (0.13): without ``ogp_site_url`` it writes
``og:url`` and ``og:image`` relative to the site root (``book/source.html``,
``_static/...``) into pages that live in ``book/``, where they resolve to files
that do not exist (``book/book/source.html``); and its generated cards draw
with matplotlib in every build. The tags themselves are a few lines.

The card is written at the end of a build when it is missing or older than
what it is made from (the data and the library), so a no-change rebuild does
no work; its words (the ``og:image:alt``) are computed once per build, at the
first page written.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx

from recount import paths
from recount.publish import card

CARD_PATH = f"_static/{card.FILENAME}"
DESCRIPTION_LENGTH = 200


def newest_input() -> float:
    """mtime of the newest file the published files are made from: the data and the library."""
    data = paths.data_dir()
    files = [*data.rglob("*.csv"), paths.source_path(data), *paths.PACKAGE_DIR.rglob("*.py")]
    return max(f.stat().st_mtime for f in files if f.exists())


@cache
def _report():
    from recount.ledger import load_ledger
    from recount.report import Report

    return Report(load_ledger())


@cache
def _card_alt() -> str:
    return card.alt_text(_report())


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup or "")).strip()


def description(doctree: nodes.document | None, fallback: str) -> str:
    """The page's first paragraph of text, cut at a word to about 200 characters."""
    if doctree is not None:
        for para in doctree.findall(nodes.paragraph):
            text = " ".join(para.astext().split())
            if len(text) >= 40:
                break
        else:
            text = ""
        if text:
            if len(text) > DESCRIPTION_LENGTH:
                text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return text
    return fallback


def tags(*, title: str, site: str, desc: str, image: str, image_alt: str, url: str | None) -> str:
    """The meta tags, one a line, every value escaped."""
    og = {"og:type": "article", "og:site_name": site, "og:title": title, "og:description": desc}
    if url:
        og["og:url"] = url
    og |= {"og:image": image, "og:image:type": "image/png", "og:image:width": str(card.WIDTH),
           "og:image:height": str(card.HEIGHT), "og:image:alt": image_alt}
    tw = {"twitter:card": "summary_large_image", "twitter:title": title, "twitter:description": desc,
          "twitter:image": image, "twitter:image:alt": image_alt}
    out = [f'<meta property="{k}" content="{html.escape(v, quote=True)}" />' for k, v in og.items()]
    out += [f'<meta name="{k}" content="{html.escape(v, quote=True)}" />' for k, v in tw.items()]
    return "\n".join(out) + "\n"


def _page_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    base = (app.config.html_baseurl or "").strip()
    site = app.config.html_title or app.config.project
    if base:
        base = base.rstrip("/") + "/"
        url, image = urljoin(base, app.builder.get_target_uri(pagename)), urljoin(base, CARD_PATH)
    else:
        url, image = None, context["pathto"](CARD_PATH, 1)
    alt = _card_alt()
    title = _plain(context.get("title", "")) or site
    context["metatags"] = context.get("metatags", "") + tags(
        title=title, site=site, desc=description(doctree, alt), image=image, image_alt=alt, url=url)


def _write_card(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / CARD_PATH
    if target.exists() and target.stat().st_mtime >= newest_input():
        return
    data = card.png(_report())
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    else:
        target.touch()


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_tags)
    app.connect("build-finished", _write_card)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
