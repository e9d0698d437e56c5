"""Each page of the book, as the book build executed it, one test per page; and the house rules.

The book build (``make book``, the session fixture ``built_book``) executes
every page in its own kernel with ``nb_execution_raise_on_error`` and turns
stderr into a warning that ``-W`` makes fatal, so a failing page fails the
build. These tests read what that build executed (myst-nb's
``_build/jupyter_execute/<page>.ipynb``) rather than executing each page a
second time: every code cell ran, none raised, none wrote to stderr. A failure
names the page, the cell (its number and line in the .md file) and the output.

The same pass checks the house rules for notebook code: no ``def``/``class``
blocks (logic lives in ``src/recount``) and no hard-coded paths.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from recount import paths
from recount.sphinx.ipynb import EXECUTED_DIR

PAGES = sorted(paths.BOOK_DIR.glob("*.md"))
PATHLIKE = re.compile(r"(^\.{0,2}/)|(/)|(\.(csv|json|txt|md|ipynb|png|svg)$)")


def read(page) -> nbformat.NotebookNode:
    nb = jupytext.read(page)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", (
        f"{page.name}: no `kernelspec: python3` in the front matter, so the book would not execute it")
    assert "jupytext" in nb.metadata, f"{page.name}: no `jupytext:` front matter"
    return nb


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def line_of(page, cell) -> int:
    """1-based line of the cell's first source line in the .md file (0 if not found)."""
    text = page.read_text(encoding="utf-8")
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    at = text.find(first)
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def where(page, index, cell) -> str:
    return f"{page.name}, cell {index} (line {line_of(page, cell)}):\n{cell.source}"


def executed(built_book: Path, page: Path) -> nbformat.NotebookNode:
    """The notebook the book build executed for ``page``."""
    path = built_book.parent / EXECUTED_DIR / page.relative_to(paths.ROOT).with_suffix(".ipynb")
    assert path.is_file(), f"{page.name}: the book build left no executed notebook at {path}"
    return nbformat.read(path, as_version=4)


def test_every_page_in_book_is_in_the_table_of_contents_and_the_reverse():
    """A page missing from _toc.yml is never built (only_build_toc_files), nor executed."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    toc = sorted(parse_toc_yaml(paths.ROOT / "_toc.yml"))
    assert [p.relative_to(paths.ROOT).with_suffix("").as_posix() for p in PAGES] == toc


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_notebook_executed_cleanly_in_the_build(built_book, page):
    source = read(page)
    nb = executed(built_book, page)
    cells = code_cells(nb)
    assert [c.source for _, c in cells] == [c.source for _, c in code_cells(source)], (
        f"{page.name}: the executed notebook's code is not the page's code (stale build?)")
    for i, cell in cells:
        if cell.get("execution_count") is None:
            pytest.fail(f"{where(page, i, cell)}\nwas not executed", pytrace=False)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                pytest.fail(f"{where(page, i, cell)}\nraised {out.get('ename')}: {out.get('evalue')}",
                            pytrace=False)
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                pytest.fail(f"{where(page, i, cell)}\nwrote to stderr:\n{out.get('text')}", pytrace=False)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_notebook_code_follows_house_rules(page):
    nb = read(page)
    for i, cell in code_cells(nb):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                pytest.fail(f"{where(page, i, cell)}\ndefines {node.name!r}: put logic in src/recount",
                            pytrace=False)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and PATHLIKE.search(node.value):
                pytest.fail(f"{where(page, i, cell)}\nhard-codes the path {node.value!r}: ask recount.paths",
                            pytrace=False)


#: names that contain digits but are not figures: the article's slogan, the disease, a standard;
#: and the notation of the rounding rule (methods)
NAMED = ("重启2020", "Restart 2020", "COVID-19", "UTF-8", "GB/T 15835-2011", "½ · 10<sup>−d</sup>")
ROLE_OR_CODE = re.compile(r"\{[a-z:]+\}`[^`]*`|``[^`]*``|`[^`]*`")


def prose_digits(text: str) -> list[str]:
    """Digits left in Markdown prose once roles, inline code and named slogans are taken out."""
    for name in NAMED:
        text = text.replace(name, "")
    text = ROLE_OR_CODE.sub("", text)
    return [line for line in text.splitlines() if re.search(r"\d", line)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_prose_has_no_typed_numbers(page):
    """Numbers in prose come from the data through glue, never typed by hand."""
    nb = read(page)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            lines = prose_digits(cell.source)
            assert not lines, f"{page.name}, markdown cell {i}: typed numbers in prose: {lines}"
        else:
            caption = str(cell.metadata.get("mystnb", {}).get("figure", {}).get("caption", ""))
            assert not prose_digits(caption), f"{page.name}, cell {i}: typed numbers in a caption: {caption}"


# ---------------------------------------------------------------- chapters an analyst can read

CHAPTERS = [paths.BOOK_DIR / f"{name}.md" for name in ("01_policies", "02_subdistricts", "03_restart")]
HIDDEN = {"remove-input", "remove-cell", "hide-input", "hide-cell"}


def visible_code(nb) -> list[tuple[int, nbformat.NotebookNode]]:
    """The code cells whose code the book shows (no tag that removes or folds the input)."""
    return [(i, c) for i, c in code_cells(nb) if not HIDDEN & set(c.metadata.get("tags", []))]


def html_outputs(cell) -> str:
    return "".join(out.get("data", {}).get("text/html", "") for out in cell.get("outputs", []))


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_builds_a_table_from_a_dataframe(page):
    """A chapter shows its claims as frames (recount.publish.frames), not only as finished HTML."""
    calls = [c.source for _, c in code_cells(read(page)) if "frames." in c.source]
    assert calls, f"{page.name}: no cell shows a frame through recount.publish.frames"


@pytest.mark.slow
@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_shows_a_dataframe_in_the_build(built_book, page):
    shown = [i for i, c in code_cells(executed(built_book, page)) if 'class="recount-table recount-frame"' in html_outputs(c)]
    assert shown, f"{page.name}: the executed notebook shows no styled DataFrame"
    html = (built_book / "book" / f"{page.stem}.html").read_text(encoding="utf-8")
    assert 'class="recount-table recount-frame"' in html, f"{page.name}: the page has no frame's table"


def test_chapter_two_divides_the_inconsistent_claims_counts_in_visible_code():
    """The arithmetic of the inconsistent claim is code a reader sees: a division of counts the library
    reads from the ledger, with no number typed into it."""
    page = paths.BOOK_DIR / "02_subdistricts.md"
    cells = [c for _, c in visible_code(read(page)) if "inconsistent_claims" in c.source]
    assert cells, f"{page.name}: no visible code cell finds the inconsistent claim"
    tree = ast.parse(cells[0].source)
    assert any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) for n in ast.walk(tree)), cells[0].source
    assert len(cells[0].source.splitlines()) <= 6, "the arithmetic cell is not short"
    typed = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in (0, 2)]  # the index [0], the section 2
    assert not typed, f"numbers typed into the arithmetic: {typed}"


@pytest.mark.slow
def test_chapter_two_shows_each_readings_rate_computed_in_its_visible_cell(built_book):
    from recount.english import recomputed_words
    from recount.ledger import load_ledger
    from recount.report import Report, claim_results

    report = Report(load_ledger())
    page = paths.BOOK_DIR / "02_subdistricts.md"
    shown = {i for i, _ in visible_code(read(page))}
    cells = [c for i, c in code_cells(executed(built_book, page)) if i in shown and "inconsistent_claims" in c.source]
    assert cells, f"{page.name}: the visible arithmetic cell did not run"
    out = html_outputs(cells[0])
    for claim in report.inconsistent_claims(section=2):
        for r in claim_results(report, claim):
            assert f">{recomputed_words(r)}<" in out, f"{r.rate.reading}: {recomputed_words(r)} not in the cell's output"
    html = (built_book / "book" / "02_subdistricts.html").read_text(encoding="utf-8")
    assert "inconsistent_claims" in html, "the page does not show the arithmetic's code"
