"""A census of every number in the source: which ledger row accounts for it.

Every run of Arabic digits (``\\d+(\\.\\d+)?``) and every run of Chinese numerals
(一, 两, 十二 ...) in the article must lie inside the quote of a figure in
``figures.csv`` or inside a match of a pattern in ``exclusions.csv`` (dates,
clock times, names, idioms, page furniture, each with its reason). What is left
is *uncovered*: a number the ledger missed. The test suite fails on any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recount.ledger import Ledger

NUMBER = re.compile(r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+")


@dataclass(frozen=True)
class Number:
    text: str
    start: int
    end: int
    line: int
    covered_by: str | None  # "figure:<id>", "exclusion:<kind>" or None

    @property
    def context(self) -> str:
        return f"line {self.line}: …{self.text}…"


def census(ledger: Ledger) -> list[Number]:
    """Every number in the source, with what accounts for it."""
    source = ledger.source
    spans: list[tuple[int, int, str]] = []
    for f in ledger.figures.values():
        spans.append((f.start, f.start + len(f.quote), f"figure:{f.id}"))
    for x in ledger.exclusions:
        for m in x.pattern.finditer(source):
            spans.append((m.start(), m.end(), f"exclusion:{x.kind}"))
    out = []
    for m in NUMBER.finditer(source):
        by = next((who for a, b, who in spans if a <= m.start() and m.end() <= b), None)
        out.append(Number(m.group(), m.start(), m.end(), source.count("\n", 0, m.start()) + 1, by))
    return out


def uncovered(ledger: Ledger) -> list[Number]:
    return [n for n in census(ledger) if n.covered_by is None]
