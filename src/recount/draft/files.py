"""Reading an article file: UTF-8 text, or one clear reason why not."""

from __future__ import annotations

from pathlib import Path

from recount.errors import InputError
from recount.ledger import read_bytes


def read_article(path: Path) -> str:
    """The decoded text of ``path``; :class:`InputError` (file, line, column, problem) if it is not an article."""
    raw = read_bytes(path)
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        raise InputError(path, raw.count(b"\n", 0, at) + 1, None, "binary file (NUL byte), expected UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", errors="replace")) + 1
        raise InputError(path, line, None, f"column {col}: not UTF-8 (byte 0x{raw[exc.start]:02x}; "
                                           "saved as GBK or Big5?): re-save it as UTF-8") from None
    if not text.strip():
        raise InputError(path, None, None, "empty file, expected an article")
    return text
