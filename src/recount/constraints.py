"""Cross-claim constraints: checks that relate figures to each other.

Kinds (``constraints.csv``, column ``kind``):

``le``
    The sum of ``left`` cannot exceed the sum of ``right`` (parts against their
    total; approved <= eligible <= surveyed). With approximate figures it
    *passes* when some values in the intervals satisfy it (``low(left) <=
    high(right)``) and is *certain* when all do (``high(left) <= low(right)``).
``enumeration``
    A stated count ("四个方面") equals the number of items the text lists
    after it (``items``, each verbatim in the source, joined with ``|``).
``enumeration_partial``
    The list ends in 等 ("and others"): it may be shorter than the count, not longer.
``within``
    An overall rate (``left``, a cited %) lies between the lowest and the highest
    of its parts' rates (``right``): a pooled rate is a weighted mean of its parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from recount.intervals import cited_interval
from recount.intervals import Interval
from recount.ledger import Constraint, Ledger, sum_interval
from recount.verdict import fmt_fraction


@dataclass(frozen=True)
class ConstraintResult:
    constraint: Constraint
    passed: bool
    certain: bool
    detail: str
    left: Interval | None = None  # for ``le``: the sums compared
    right: Interval | None = None

    @property
    def result(self) -> str:
        return "pass" if self.passed else "fail"

    @property
    def matches_expected(self) -> bool:
        return self.result == self.constraint.expected


def _num(x: Fraction | None) -> str:
    if x is None:
        return "∞"
    return str(x.numerator) if x.denominator == 1 else fmt_fraction(x, 2)


def _span(lo: Fraction, hi: Fraction | None) -> str:
    return _num(lo) if hi is not None and lo == hi else f"[{_num(lo)}, {_num(hi)}]"


def check(constraint: Constraint, ledger: Ledger) -> ConstraintResult:
    figures = ledger.figures
    c = constraint
    if c.kind == "le":
        left, right = sum_interval(c.left, figures), sum_interval(c.right, figures)
        passed = right.high is None or left.low <= right.high
        certain = left.high is not None and right.high is not None and left.high <= right.low
        detail = f"{'+'.join(c.left)} = {_span(left.low, left.high)} ≤ {'+'.join(c.right)} = {_span(right.low, right.high)}"
        return ConstraintResult(c, passed, passed and certain, detail, left, right)
    if c.kind in ("enumeration", "enumeration_partial"):
        stated = sum(int(figures[f].value) for f in c.left)
        listed = len(c.items)
        passed = listed == stated if c.kind == "enumeration" else listed <= stated
        op = "=" if c.kind == "enumeration" else "≤"
        detail = f"{listed} items listed ({'、'.join(c.items)}) {op} {stated} stated"
        return ConstraintResult(c, passed, passed, detail)
    if c.kind == "within":
        overall = [cited_interval(figures[f].value_text, figures[f].qualifier) for f in c.left][0]
        parts = [cited_interval(figures[f].value_text, figures[f].qualifier) for f in c.right]
        lo = min(p.low for p in parts)
        hi = max(p.high for p in parts)
        passed = overall.high > lo and overall.low <= hi
        values = ", ".join(figures[f].value_text for f in c.right)
        detail = f"{figures[c.left[0]].value_text}% lies within the parts' range {min(figures[f].value for f in c.right)}–{max(figures[f].value for f in c.right)}% ({values})"
        if not passed:
            detail = detail.replace("lies within", "lies outside")
        return ConstraintResult(c, passed, passed, detail)
    raise ValueError(f"unknown constraint kind {c.kind!r}")


def check_all(ledger: Ledger) -> list[ConstraintResult]:
    return [check(c, ledger) for c in ledger.constraints]
