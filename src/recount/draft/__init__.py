"""``recount draft``: a first ledger for any Chinese news article.

:func:`draft` reads a decoded text and returns its figures (every number that
counts something, with value, unit and qualifier), the numbers it left out and
why, and its claims (every stated percentage, with a verdict and the counts that
explain it). Offsets are 0-based code points into the text as given, end
exclusive; quotes are cut from it verbatim. :func:`read_article` reads an
article file, or says in one line why it is not one.

Modules: :mod:`~recount.draft.text` (normalised copy, segments),
:mod:`~recount.units` (measure words), :mod:`~recount.draft.figures`,
:mod:`~recount.draft.claims`, :mod:`~recount.draft.render` (table, CSV, and
figures.csv and rates.csv in the ledger's schema), :mod:`~recount.draft.scan`
(many files; :mod:`~recount.draft.scan_output` writes them, :mod:`~recount.draft.scan_dask`
sends them to a Dask cluster, :mod:`~recount.publish.scan_report` is the desk's page), :mod:`~recount.draft.cli` (the two subcommands),
:mod:`~recount.draft.compare` (a draft against a hand ledger) and
:mod:`~recount.publish.draft_page` (the appendix's tables and glued values).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from recount.draft.claims import Claim, find_claims
from recount.draft.figures import Exclusion, Figure, read
from recount.draft.text import Segments, normalise
from recount.errors import InputError
from recount.ledger import read_bytes


@dataclass
class Draft:
    text: str
    norm: str
    figures: list[Figure]
    exclusions: list[Exclusion]
    claims: list[Claim]
    segments: Segments  # of ``norm``: where its paragraphs, sentences and clauses start

    def as_json(self) -> dict:
        return {"figures": [f.as_json() for f in self.figures], "claims": [c.as_json() for c in self.claims]}

    def sections(self) -> list[int]:
        """The section of each figure: 0 before the first heading after the body starts, then 1, 2, 3 (capped)."""
        heads = heading_starts(self.norm)
        return [min(sum(h <= f.start for h in heads), 3) for f in self.figures]


def heading_starts(norm: str) -> list[int]:
    """Offsets of heading lines: short lines without sentence punctuation, once a body paragraph was seen."""
    starts, pos, body = [], 0, False
    for line in norm.split("\n"):
        bare = line.strip()
        if bare:
            if any(c in bare for c in "。!?;") or len(bare) > 40:
                body = True
            elif body and len(bare) >= 6:
                starts.append(pos)
        pos += len(line) + 1
    return starts


def draft(text: str) -> Draft:
    """The draft ledger of ``text`` (a decoded article)."""
    norm = normalise(text)
    figures, exclusions = read(text, norm)
    segments = Segments.of(norm)
    return Draft(text, norm, figures, exclusions, find_claims(norm, figures, segments), segments)


def read_article(path: Path) -> str:
    """The decoded text of ``path``; :class:`InputError` (file, line, column, problem) if it is not an article."""
    return decode_article(read_bytes(path), path)


def decode_article(raw: bytes, path: Path | str) -> str:
    """``raw`` (the bytes of ``path``) decoded; :class:`InputError` if they are not an article's text."""
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
