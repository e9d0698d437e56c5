"""The text the draft reads: a normalised copy of the article with the same offsets.

Matching runs on a copy in which full-width digits and punctuation are ASCII
(NFKC on the full-width forms block, one code point for one) and traditional characters are simplified
(OpenCC ``t2s``). The copy has exactly the length of the original, so an offset
found in it is an offset into the original, and every quote is cut from the
original, verbatim.

Paragraphs are lines; sentences end at 。！？!?；; (or a paragraph's end);
clauses also end at ，,、：:. A span is ``(start, end)``, end exclusive.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

SENTENCE_END = "。!?;！？；"
CLAUSE_END = SENTENCE_END + ",、:，：\n"


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


#: full-width forms (１２，３４５．６％) to ASCII, as NFKC folds them: one code point for one
FULL_WIDTH = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0xFF01, 0xFF5F), 0x3000)}
FULL_WIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")


def normalise(text: str) -> str:
    """Simplified, half-width copy of ``text``, one code point for one."""
    half = FULL_WIDTH_CHAR.sub(lambda m: FULL_WIDTH[m.group()], text)  # str.translate is slower on CJK text
    simple = _t2s().convert(half)
    if len(simple) != len(half):  # a phrase changed length: fall back to one character at a time
        simple = "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in half)
    return simple


def _starts(text: str, enders: re.Pattern) -> list[int]:
    """Start offsets of the pieces of ``text`` cut after each character ``enders`` matches."""
    return [0] + [m.end() for m in enders.finditer(text)]


#: what ends a paragraph, a sentence and a clause
ENDERS = {"paragraph": re.compile("\n"), "sentence": re.compile("[" + re.escape(SENTENCE_END + "\n") + "]"),
          "clause": re.compile("[" + re.escape(CLAUSE_END) + "]")}


@dataclass(frozen=True)
class Segments:
    """Where each paragraph, sentence and clause of a text starts."""

    length: int
    starts: dict[str, list[int]]  # "paragraph", "sentence", "clause" -> start offsets

    @classmethod
    def of(cls, text: str) -> "Segments":
        return cls(len(text), {level: _starts(text, enders) for level, enders in ENDERS.items()})

    def span(self, level: str, offset: int) -> tuple[int, int]:
        """The span of the paragraph, sentence or clause (``level``) that holds ``offset``."""
        starts = self.starts[level]
        i = bisect_right(starts, offset) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else self.length
