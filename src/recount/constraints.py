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
    their counts): a pooled rate is a weighted mean of its parts. Inside the range it could be
    their mean, which shows no more: a ``within`` check that holds is *not contradicted*, never a
    pass; outside it, it fails (or is in tension, when the parts may not be all the parts).
``part``
    A part's rate (``left``: a cited % or a rate id) against the whole's (``right``: a rate id
    with counts), for the same kind of thing at the same date: no limit is set, the test is
    derived from the whole's counts. With the part's counts, the rest of the whole (its counts
    less the part's) must have a rate between 0 and 100%: the part's count in the rate cannot exceed
    the whole's, nor its count outside the rate the whole's. With the part's rate only, the check
    derives the largest share of the whole the part can be at that rate (the rest at 100%, or at
    0%); it holds, never certainly, unless no share can (a whole at 100% and a part below).
    Either way a part that fits only leaves room in the whole: a part check that holds is *not
    contradicted*, never a pass.

Hard and soft (``strengths.csv``). A *hard* check follows from the article's own
words; when it fails, the figures contradict each other (result ``fail``). A
*soft* check holds unless an unstated assumption is false (its ``reason_en``
names it); when it fails, the result is ``tension``: either that assumption is
false or a figure is wrong. A tension is reported, not counted as a failure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from recount.english import count_words, pct, pct_range, pct_text
from recount.intervals import Interval, cited_interval
from recount.ledger import Constraint, Ledger, sum_interval
from recount.verdict import fmt_fraction, recompute
from recount.vocabulary import NOT_CONTRADICTED, PASS

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
            return NOT_CONTRADICTED if self.constraint.kind in ("part", "within") else PASS
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
    if c.kind == "part":
        return _part(c, ledger)
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


def _counts_of(item: str, ledger: Ledger) -> tuple[Interval, Interval] | None:
    """A rate's counts (numerator, denominator) as intervals; None for a percentage without counts."""
    rate = next((r for r in ledger.rates if r.id == item), None)
    if rate is None or not rate.numerator:
        return None
    return sum_interval(rate.numerator, ledger.figures), sum_interval(rate.denominator, ledger.figures)


def _minus(a: Interval, b: Interval) -> Interval:
    """``a - b`` over every value of both (never below 0; an open end stays open)."""
    low = max(a.low - (b.high if b.high is not None else a.low), Fraction(0))
    return Interval(low, None if a.high is None else a.high - b.low)


def largest_share(part: Interval, whole: Interval) -> Fraction:
    """The largest share (0 to 1) of a whole with rate ``whole`` that a part with rate ``part`` can be
    (rates in percent): its count in the rate cannot exceed the whole's (x·p <= w), nor its count outside
    the rate the whole's (x·(1 - p) <= 1 - w). Over every value of both rates; 1 when nothing bounds it."""
    p_lo, w_lo = part.low / 100, whole.low / 100
    p_hi = part.high / 100 if part.high is not None else Fraction(1)
    w_hi = min(whole.high / 100 if whole.high is not None else Fraction(1), Fraction(1))
    bounds = [Fraction(1)]
    if p_lo > 0:
        bounds.append(w_hi / p_lo)
    if p_hi < 1:
        bounds.append((1 - w_lo) / (1 - p_hi))
    return max(min(bounds), Fraction(0))


def _part(c: Constraint, ledger: Ledger) -> ConstraintResult:
    whole = _counts_of(c.right[0], ledger)
    part_label, whole_label = rate_label(c.left[0], ledger), rate_label(c.right[0], ledger)
    if whole is None:
        return ConstraintResult(c, True, False, f"{whole_label}: the article gives no counts for the whole, "
                                "so nothing can be derived")
    w_open, w_all = whole
    w_rate = rate_interval(c.right[0], ledger)
    said_whole = f"{count_words(w_open)} of {count_words(w_all)} ({whole_label})"
    counts = _counts_of(c.left[0], ledger)
    if counts is not None:
        p_open, p_all = counts
        p_closed, w_closed = _minus(p_all, p_open), _minus(w_all, w_open)
        passed = (w_open.high is None or p_open.low <= w_open.high) and (
            w_closed.high is None or p_closed.low <= w_closed.high)
        certain = (p_open.high is not None and p_open.high <= w_open.low
                   and p_closed.high is not None and p_closed.high <= w_closed.low)
        rest_open, rest_all = _minus(w_open, p_open), _minus(w_all, p_all)
        rest = (f"the rest, {count_words(rest_open)} of {count_words(rest_all)}, "
                f"{pct_range(rest_open.ratio(rest_all).scale(100))}" if passed and rest_all.low > 0
                else "no rest of the whole can hold the difference")
        detail = f"{count_words(p_open)} of {count_words(p_all)} ({part_label}) within {said_whole}: {rest}"
        return ConstraintResult(c, passed, passed and certain, detail, p_open, w_open)
    rate = rate_interval(c.left[0], ledger)
    share = largest_share(rate, w_rate)
    passed = share > 0
    most = Interval.point(Fraction(math.floor(share * (w_all.high if w_all.high is not None else w_all.low))))
    rest = "100%" if rate.low < w_rate.low else "0%"
    detail = (f"{pct_text(rate)} ({part_label}) against {said_whole}, {pct_text(w_rate)}: "
              + (f"possible if the part is at most {pct(share * 100)} of the whole ({count_words(most)} of the "
                 f"{count_words(w_all)}), with the rest at {rest}; the article does not give the part's count"
                 if passed and share < 1 else "possible at any size; the article does not give the part's count"
                 if passed else "no part of the whole can have that rate"))
    return ConstraintResult(c, passed, False, detail, rate, w_rate)


def check_all(ledger: Ledger) -> list[ConstraintResult]:
    return [check(c, ledger) for c in ledger.constraints]
