"""How a chart of :mod:`recount.publish.plots` appears in the book: a myst-nb mime-render plugin.

A chart cell's output is a PNG whose output metadata (:data:`recount.publish.CHART_METADATA`)
carries the chart's alt text, the ledger files its numbers come from and its CSV. myst-nb
writes the PNG to ``_images/`` as for any figure; this plugin gives the image its alt text
and a width, so that Sphinx (``html_scaled_image_link``, on by default) wraps it in a link
to the full-size file. Under :data:`recount.publish.plots.PHONE_MAX_SCREEN_PX` of screen width the
stylesheet (``book/_static/recount.css``) shows instead the chart's phone layout (drawn narrow with
larger text by :func:`recount.publish.plots.phone_layout`, carried in the same metadata and written
to ``_images/`` under its hash as myst-nb names images), readable without a tap. Under
it goes one line: the source (the article and the ledger files, as downloads) and the
chart's data as a CSV download. Registered under myst-nb's entry point group
``myst_nb.mime_renderers`` (``pyproject.toml``); no Sphinx configuration needed.
"""

from __future__ import annotations

import hashlib
from binascii import a2b_base64
from pathlib import PurePosixPath

from docutils import nodes
from sphinx import addnodes

from recount.publish import CHART_METADATA


def _download(target: str, text: str) -> addnodes.download_reference:
    """A link to a project file that Sphinx copies into ``_downloads/`` (the {download} role)."""
    node = addnodes.download_reference("", "", reftarget="/" + target, refexplicit=True,
                                       refdomain="", reftype="download")
    node += nodes.inline(text, text)
    return node


class ChartRenderer:
    """Renders a Recount chart (a PNG output carrying :data:`CHART_METADATA`); rejects anything else."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        meta = data.output_metadata.get(CHART_METADATA)
        if inline or data.mime_type != "image/png" or not meta:
            return None
        [image] = renderer.render_image(data)  # the file in _images/, the width from the output metadata
        image["alt"] = meta["alt"]
        image["classes"] += ["recount-chart", "recount-chart-wide"]
        images = [image]
        if meta.get("phone"):  # the layout drawn for a phone, shown instead below the phone width
            png = a2b_base64(meta["phone"]["png"])
            uri = renderer.write_file([f"{hashlib.sha256(png).hexdigest()}.png"], png, overwrite=False,
                                      exists_ok=True)
            images.append(nodes.image(uri=uri, alt=meta["alt"], width="100%",
                                      classes=["recount-chart", "recount-chart-phone"]))
        line = nodes.paragraph(classes=["recount-chart-source"])
        article, *ledger = meta["sources"]
        line += nodes.Text("Source: ")
        line += _download(article, "the article's text")
        line += nodes.Text("; numbers from the ledger's ")
        for i, target in enumerate(ledger):
            line += nodes.Text(", " if i else "")
            line += _download(target, PurePosixPath(target).name)
        if meta.get("data"):
            line += nodes.Text(". Chart data (CSV): ")
            line += nodes.inline("", "", _download(meta["data"], f"{meta['name']}.csv"),
                                 classes=["recount-chart-data"])
        line += nodes.Text(". Tap or click the chart to open it at full size.")
        return [*images, line]
