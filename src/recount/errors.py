"""The one kind of error bad input raises: a file, a line, a column and what is wrong.

The CLI prints ``str(error)`` as one line on stderr and exits 2; it never shows
a traceback. Chapters let it propagate, so a bad ledger fails the build.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: os.PathLike | str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # not below it; or a symlink loop (RuntimeError before 3.13)
        return str(p)


class InputError(Exception):
    """Bad input: names the file, the 1-based line, the column and the problem."""

    def __init__(self, path: os.PathLike | str, line: int | None, column: str | None, message: str):
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"
