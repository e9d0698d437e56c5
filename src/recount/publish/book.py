"""``python -m recount book DIR [--out HTML_DIR]``: the checked HTML book of any article's folder.

No code edit, no environment variable: the folder is checked (one line and exit 2 on bad
input), then a book is written for it under ``DIR/_build/book/`` and built there by the
project's own build (:mod:`recount.sphinx.build`: each page executed in a fresh kernel, then
jupyter-book), and its HTML is copied to ``HTML_DIR`` (default ``DIR/_build/html``).
Everything the build writes stays in the article's own folder: its execution cache, its
Sphinx environment, its HTML; another article's folder and the repository's ``data/output/``
are never touched.

The pages are chosen by what the ledger holds (:func:`pages`):

* ``index``: the verdict in the headline, a box for each claim that does not add up, the
  claims still to be confirmed by a person, the scorecard, the cross-section findings, the
  chart of every claim (two or more), what is known of the article, the timeline (dated
  events only);
* one chapter per section of the article (:func:`recount.article.split`: its own headings,
  or one chapter when it has none), each with its claims, its text with every figure marked,
  its figures and rates, and its charts (a comparison of claims only for two or more, an
  amounts chart for two or more amounts, a timeline for dated events);
* the Methods, Ledger, Data and Source appendices (``book_template/``).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from recount import article as art
from recount import paths
from recount.errors import InputError

TEMPLATE_DIR = Path(__file__).with_name("book_template")
APPENDICES = ("methods", "ledger", "data", "source")
BUILD_FLAGS = ("-W", "-n", "--keep-going")
FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

"""


def _load(page: str) -> str:
    return ("```{code-cell} ipython3\n:tags: [remove-cell]\n\nfrom recount.publish import book, plots, render\n\n"
            f'report = book.report()\nglued = render.glue_page(report, "{page}")\n```\n\n')


_REPORTS: dict = {}


def report():
    """The report of the article folder ``$RECOUNT_DATA``, made once per kernel while the folder's files
    are unchanged (the pages of a generated book share a kernel: :func:`recount.sphinx.build.execute_group`)."""
    from recount.ledger import load_ledger
    from recount.report import Report

    data = paths.data_dir().resolve()
    files = sorted(p for p in [*data.glob("*"), *(data / "source").glob("*")] if p.is_file())
    key = (str(data), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if key not in _REPORTS:
        _REPORTS.clear()
        _REPORTS[key] = Report(load_ledger(data))
    return _REPORTS[key]


def _cell(code: str) -> str:
    return f"```{{code-cell}} ipython3\n:tags: [remove-input]\n\n{code}\n```\n\n"


def _chart(code: str, caption: str, name: str) -> str:
    return ("```{code-cell} ipython3\n---\nmystnb:\n  figure:\n"
            f"    caption: {json.dumps(caption)}\n    name: {name}\ntags: [remove-input]\n---\n"
            f"plots.show({code})\n```\n\n")


def chapter_name(section: int) -> str:
    return f"section_{section:02d}"


def chapters(report) -> list[int]:
    """The sections that get a chapter: every one with a paragraph (the whole article when it has no heading)."""
    a = art.article(report.ledger)
    return [s for s in a.sections if a.section(s)] or [0]


#: each chart's caption, by its function's name
CAPTIONS = {
    "rates_vs_recomputed": "The shares the article states, with the values that round to each, against the rates "
                           "recomputed from its own counts; one panel per verdict.",
    "readings": "The readings tried for the claim that does not add up, against the values that round to the "
                "cited figure.",
    "money": "The amounts on one linear scale, largest first.",
    "timeline": "The dated events of the article.",
}


def _charts(charts: list[tuple], prefix: str) -> list[str]:
    """A figure cell for each chart (function, keyword arguments), captioned, with a unique name."""
    out = []
    for i, (fn, kwargs) in enumerate(charts):
        args = "".join(f", {k}={v!r}" for k, v in kwargs.items())
        out.append(_chart(f"plots.{fn.__name__}(report{args})", CAPTIONS[fn.__name__],
                          f"chart-{prefix}-{fn.__name__.replace('_', '-')}-{i}"))
    return out


def index_page(report) -> str:
    from recount.publish import plots, render

    overview = plots.overview_charts(report)
    out = [FRONT_MATTER, "# {glue:text}`headline`\n\n", _load("index"),
           "{.recount-byline}\n{glue:text}`byline`\n\n", _cell("render.lead(report)")]
    if render.unconfirmed_html(report):
        out += ["## Not yet confirmed\n\n", _cell("render.unconfirmed(report)")]
    out += ["## Scorecard\n\n", _cell("render.scorecard(report)")]
    if report.scorecard()["derived"]:  # not claims: counted apart, as the scorecard leaves them out
        out.append("The counts also imply {glue:text}`n_derived` rates that the article does not state. They are "
                   "derived, shown in the chapters for context, and not counted among the claims.\n\n")
    out += _charts([c for c in overview if c[0] is plots.rates_vs_recomputed], "all")
    out += ["## Contradictions and tensions across sections\n\n",
            "Every cross-check between the article's figures and every superlative or \"all\" claim tested "
            "against the figures of the same kind: a contradiction is a claim the article's own figures rule "
            "out, a tension one that holds only if something the article does not say is true.\n\n",
            _cell("render.cross_findings(report)"),
            "## The article\n\nWhat is known of it:\n\n", _cell("render.provenance(report)")]
    out += _charts([c for c in overview if c[0] is not plots.rates_vs_recomputed], "all")
    out.append(_cell('render.claim_reviews(report, root="..")'))
    return "".join(out)


def chapter_page(report, section: int) -> str:
    from recount.publish import plots

    ledger = report.ledger
    out = [FRONT_MATTER, f"# {{glue:text}}`section_title_{section}`\n\n", _load(chapter_name(section)),
           f"{{.recount-summary}}\n{{glue:text}}`section_summary_{section}`\n\n", "## Claims\n\n",
           _cell(f"render.section_claims(report, {section})"), *_charts(plots.section_charts(report, section),
                                                                         str(section)),
           "## The text\n\n", _cell(f"render.section_text(report, {section})"),
           "## Figures\n\n", _cell(f"render.figures_table(report, section={section})")]
    if any(r.section == section for r in ledger.rates):
        out += ["## Rates\n\n", _cell(f"render.rates_table(report, section={section})")]
    if any(c.section == section for c in ledger.constraints):
        out += ["## Cross-checks\n\n", _cell(f"render.constraints_table(report, section={section})")]
    return "".join(out)


def config(report) -> str:
    """``_config.yml``: the template's, with the book's title."""
    from recount.publish.render import the_article

    title = json.dumps(f"Recount: {the_article(report.ledger)} re-checked", ensure_ascii=False)
    return (TEMPLATE_DIR / "_config.yml").read_text(encoding="utf-8").replace("$title", title)


def toc(report) -> str:
    return ("format: jb-book\nroot: book/index\nparts:\n  - caption: Chapters\n    chapters:\n"
            + "".join(f"      - file: book/{chapter_name(s)}\n" for s in chapters(report))
            + "  - caption: Appendices\n    chapters:\n"
            + "".join(f"      - file: book/{name}\n" for name in APPENDICES))


def pages(report) -> dict[str, str]:
    """Every file of the book's source, by its path under the book's root."""
    out = {"_config.yml": config(report), "_toc.yml": toc(report), "book/index.md": index_page(report)}
    out |= {f"book/{chapter_name(s)}.md": chapter_page(report, s) for s in chapters(report)}
    out |= {f"book/{name}.md": (TEMPLATE_DIR / f"{name}.md").read_text(encoding="utf-8") for name in APPENDICES}
    return out


def _sync_text(root: Path, files: dict[str, str]) -> None:
    """Write each file whose text changed (an unchanged page keeps its mtime: the build stays incremental);
    remove pages no longer made."""
    for name, text in files.items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for page in (root / "book").glob("*.md"):
        if f"book/{page.name}" not in files:
            page.unlink()


def _sync_files(src: Path, dst: Path, names) -> None:
    for name in names:
        s, d = src / name, dst / name
        if s.is_file() and (not d.is_file() or d.read_bytes() != s.read_bytes()):
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)


def write_book(data: Path, root: Path) -> None:
    """The book's source for the article in ``data``, at ``root`` (an :class:`InputError` for a bad ledger,
    before anything is written)."""
    from recount.folder import required_files
    from recount.ledger import load_ledger
    from recount.report import Report

    report = Report(load_ledger(data))
    _sync_text(root, pages(report))
    _sync_files(data, root / "data", [*required_files(data), "source/article.zh.lines.sha256"])
    static = paths.BOOK_DIR / "_static"  # the project's stylesheet and icon
    _sync_files(static, root / "book" / "_static", sorted(p.name for p in static.iterdir() if p.is_file()))
