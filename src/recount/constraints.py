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
    of its parts' rates (``right``: cited percentages, or rate ids recomputed from
    their counts): a pooled rate is a weighted mean of its parts.
``near``
    A sub-district's rate for a sector (``left``: a cited % or a rate id) is within
    :data:`NEAR_POINTS` percentage points of the district's for the same sector at
    the same date (``right``). Never a proof: always soft.

Hard and soft (``strengths.csv``). A *hard* check follows from the article's own
words; when it fails, the figures contradict each other (result ``fail``). A
*soft* check holds unless an unstated assumption is false (its ``reason_en``
names it); when it fails, the result is ``tension``: either that assumption is
false or a figure is wrong. A tension is reported, not counted as a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from recount.english import pct_text
from recount.intervals import Interval, cited_interval
from recount.ledger import Constraint, Ledger, sum_interval
from recount.verdict import fmt_fraction, recompute

#: how far apart (percentage points) a sub-district's sector rate and the district's may be before
#: a ``near`` check reports a tension. A convention: the article's own sub-district rates for
#: individual businesses lie within about a dozen points of the district's.
NEAR_POINTS = 20


@dataclass(frozen=True)
class ConstraintResult:
    constraint: Constraint
    passed: bool
    certain: bool
    detail: str
    left: Interval | None = None  # for ``le``: the sums compared
    right: Interval | None = None
    strength: str = "hard"
    reason_en: str = ""  # hard: why; soft: the assumption that would have to fail

    @property
    def result(self) -> str:
        if self.passed:
            return "pass"
        return "tension" if self.strength == "soft" else "fail"

    @property
    def matches_expected(self) -> bool:
        return self.result == self.constraint.expected


def _num(x: Fraction | None) -> str:
    if x is None:
        return "∞"
    return str(x.numerator) if x.denominator == 1 else fmt_fraction(x, 2)


def _span(lo: Fraction, hi: Fraction | None) -> str:
    return _num(lo) if hi is not None and lo == hi else f"[{_num(lo)}, {_num(hi)}]"


def rate_interval(item: str, ledger: Ledger) -> Interval:
    """A rate's recomputation from its counts; else the cited interval of the percentage (a figure
    id, or the rate's cited figure). A rate id that is also a figure id is the rate."""
    rate = next((r for r in ledger.rates if r.id == item), None)
    rec = recompute(rate, ledger.figures) if rate is not None else None
    if rec is not None:
        return rec
    f = ledger.figures[item if rate is None else rate.cited]
    return cited_interval(f.value_text, f.qualifier)


def rate_label(item: str, ledger: Ledger) -> str:
    """What a rate or percentage is, in English (its figure's label)."""
    rate = next((r for r in ledger.rates if r.id == item), None)
    if rate is None:
        return ledger.figures[item].label_en
    fid = rate.cited or rate.numerator[0]
    return f"{ledger.figures[fid].label_en}, {rate.reading}" if rate.reading else ledger.figures[fid].label_en


def gap(a: Interval, b: Interval) -> Fraction:
    """The distance between two intervals (0 when they meet)."""
    if b.high is not None and a.low > b.high:
        return a.low - b.high
    if a.high is not None and b.low > a.high:
        return b.low - a.high
    return Fraction(0)


def check(constraint: Constraint, ledger: Ledger) -> ConstraintResult:
    s = ledger.strength(constraint.id)
    r = _check(constraint, ledger)
    return ConstraintResult(r.constraint, r.passed, r.certain, r.detail, r.left, r.right, s.strength, s.reason_en)


def _check(constraint: Constraint, ledger: Ledger) -> ConstraintResult:
    figures = ledger.figures
    c = constraint
    if c.kind == "near":
        a, b = rate_interval(c.left[0], ledger), rate_interval(c.right[0], ledger)
        apart = gap(a, b)
        passed = apart <= NEAR_POINTS
        detail = (f"{pct_text(a)} ({rate_label(c.left[0], ledger)}) against {pct_text(b)} ({rate_label(c.right[0], ledger)}): "
                  f"{fmt_fraction(apart, 2)} points apart at the least, "
                  f"{'within' if passed else 'more than'} the {NEAR_POINTS} allowed")
        return ConstraintResult(c, passed, passed, detail, a, b)
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
        parts = [rate_interval(f, ledger) for f in c.right]  # cited parts, or rates recomputed from counts
        lo = min(p.low for p in parts)
        hi = max(p.high for p in parts)
        passed = overall.high > lo and overall.low <= hi
        if all(f in figures for f in c.right):
            values = ", ".join(figures[f].value_text for f in c.right)
            span = f"{min(figures[f].value for f in c.right)}–{max(figures[f].value for f in c.right)}%"
        else:
            values = "; ".join(f"{pct_text(p)} {rate_label(f, ledger)}" for f, p in zip(c.right, parts))
            span = pct_text(Interval(lo, hi))
        detail = f"{figures[c.left[0]].value_text}% lies within the parts' range {span} ({values})"
        if not passed:
            detail = detail.replace("lies within", "lies outside")
        return ConstraintResult(c, passed, passed, detail)
    raise ValueError(f"unknown constraint kind {c.kind!r}")


def check_all(ledger: Ledger) -> list[ConstraintResult]:
    return [check(c, ledger) for c in ledger.constraints]
