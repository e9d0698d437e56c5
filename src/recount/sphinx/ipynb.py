"""Sphinx extension: offer each chapter's executed notebook as ``.ipynb`` in the download menu.

sphinx-book-theme puts an ``.ipynb`` entry in its download button only when a
page's ``context["ipynb_source"]`` is set, and for a MyST Markdown notebook it
sets that (copying ``<build>/jupyter_execute/<page>.ipynb`` into ``_sources/``)
only while a launch button (Binder, JupyterHub, Colab, thebe) is configured.
This book is offline and has none, so this extension does the same copy itself,
for every page that myst-nb executed. The file is the notebook as executed by
the build, outputs included, with its random cell ids replaced by stable ones
(``cell-0``, ``cell-1`` ...) so that two builds of the same book give the same file.

Enable it by listing ``recount.sphinx.ipynb`` in ``sphinx: config: extensions``;
keep ``html: use_download_button`` at its default (true).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

EXECUTED_DIR = "jupyter_execute"  # myst_nb.sphinx_ext.OUTPUT_FOLDER


def executed_notebook(app: Sphinx, pagename: str) -> Path:
    return Path(app.outdir).parent / EXECUTED_DIR / f"{pagename}.ipynb"


def _offer_ipynb(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is None or context.get("ipynb_source"):
        return
    source = executed_notebook(app, pagename)
    if not source.is_file() or not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stable_notebook(source.read_text(encoding="utf-8")), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def stable_notebook(text: str) -> str:
    """The notebook with deterministic cell ids (``cell-<n>``).

    jupytext gives every cell of a Markdown notebook a random id each time it is
    read, so two builds of the same book would offer different files."""
    nb = json.loads(text)
    for i, cell in enumerate(nb.get("cells", [])):
        if "id" in cell:
            cell["id"] = f"cell-{i}"
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def setup(app: Sphinx) -> dict[str, Any]:
    # Before sphinx-book-theme builds its header buttons (priority 501).
    app.connect("html-page-context", _offer_ipynb, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
