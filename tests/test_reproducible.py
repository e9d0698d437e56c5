"""A clean build of a copy gives the same bytes as the book's own build, figures included.

The book's inputs (``_config.yml``, ``_toc.yml``, ``book/``, ``data/``,
``src/recount``) are copied to a temporary folder of another name and path
length, as another checkout would be: its own ``.venv`` there (this one's
files hard-linked, so that the theme's and extensions' files, whose folders
Sphinx hashes into ``.buildinfo``, are under the copy's path as in a fresh
clone), and built from scratch by the copy's ``.venv/bin/python -m
recount.sphinx.build`` with the Makefile's environment
(``SOURCE_DATE_EPOCH``, ``TZ``, ``LC_ALL``; its own library first on
``PYTHONPATH``, its own data as ``$RECOUNT_DATA``), while the test session's
own ``make book`` (``built_book``: in CI a clean build too, on a working copy
an incremental one) is the other side. The two ``_build/html`` trees must be
identical file for file (``filecmp``, byte by byte), and no file may name the
folder it was built in. ``PYTHONHASHSEED`` is not pinned: set or dict order
that depends on string hashing shows up here as a difference, and so does an
incremental build that differs from a clean one. Whatever differs must be made
deterministic where it is produced, not filtered out of this comparison.

(An old ``_build/html`` can hold pages a clean build no longer makes, say
after a page was removed from ``_toc.yml``: Sphinx never deletes them. That
shows up here as "only in first"; ``make clean`` clears it.)
"""

from __future__ import annotations

import difflib
import filecmp
import os
import shutil
from pathlib import Path

import pytest

import browser_support as bs

pytestmark = pytest.mark.slow


def tree_differences(a: Path, b: Path) -> list[str]:
    """Relative paths only in ``a``, only in ``b``, or whose bytes differ."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"only in first: {prefix}{n}" for n in cmp.left_only)
        out.extend(f"only in second: {prefix}{n}" for n in cmp.right_only)
        out.extend(f"type differs: {prefix}{n}" for n in cmp.common_funny + cmp.funny_files)
        # dircmp's shallow comparison trusts equal size and mtime: compare the bytes.
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"differs: {prefix}{n}" for n in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return sorted(out)


def excerpt(a: Path, b: Path, rel: str, limit: int = 12) -> str:
    """A few lines of unified diff of a text file (or a note for a binary one)."""
    try:
        left = (a / rel).read_text(encoding="utf-8").splitlines()
        right = (b / rel).read_text(encoding="utf-8").splitlines()
    except (UnicodeDecodeError, FileNotFoundError):
        return f"  ({rel}: binary or missing)"
    diff = difflib.unified_diff(left, right, "first/" + rel, "second/" + rel, n=0, lineterm="")
    lines = [line[:200] for line in diff]
    return "\n".join("  " + line for line in lines[:limit])


def files_naming(root: Path, needles: list[str]) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.relative_to(root)} contains {n!r}" for n in needles if n.encode() in data]
    return hits


def link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


def test_a_clean_build_of_a_copy_is_identical_to_the_books_build(built_book: Path, tmp_path: Path) -> None:
    copy = bs.copy_book(tmp_path / "a-copy-of-the-book-in-a-folder-with-a-longer-path")
    shutil.copytree(bs.paths.ROOT / ".venv", copy / ".venv", symlinks=True, copy_function=link_or_copy)
    clean = bs.build_copy(copy)
    html = [built_book, clean]

    assert (clean / "index.html").is_file() and (clean / "searchindex.js").is_file()
    differences = tree_differences(*html)
    details = "\n".join(excerpt(*html, d.split(": ", 1)[1]) for d in differences[:5] if d.startswith("differs"))
    assert not differences, (f"{len(differences)} difference(s) between the book's build and a clean build "
                             f"of a copy (`make clean` clears pages an old build left):\n"
                             + "\n".join(differences[:40]) + "\n" + details)

    # No built file names the folder it was built in (or the working tree): a path in the
    # HTML would differ between any two machines even when these two builds agree.
    for out in html:
        leaks = files_naming(out, [str(copy), str(copy.resolve()), str(bs.paths.ROOT)])
        assert not leaks, "\n".join(leaks[:20])
