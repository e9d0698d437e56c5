"""Recompute each rate from its counts and decide its verdict (the scalar rule).

The rule, as the methods page states it:

* A cited percentage written with d decimals stands for the values that round
  half-up to it, ``[c - h, c + h)`` with ``h = 0.5 * 10^-d``
  (:func:`recount.intervals.cited_interval`).
* The recomputed rate is ``100 * numerator / denominator`` over every value the
  counts' intervals allow: ``[100 * n_low / d_high, 100 * n_high / d_low]``.
* A reading *fits* when the two intervals intersect.
* A claim (one cited figure) is ``consistent`` when at least one of its readings
  fits, ``inconsistent`` when none does, ``unverifiable`` when the article gives
  no counts to recompute it from. A rate the article does not state is
  ``derived``.

All arithmetic is on :class:`fractions.Fraction`; rounding for display is
half-up (四舍五入) via :func:`recount.english.round_half_up`, never Python's ``round()``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from recount.english import fmt_fraction, round_half_up  # noqa: F401 (verdict.round_half_up, as before)
from recount.intervals import Interval, cited_interval
from recount.ledger import Figure, Ledger, Rate, sum_interval
from recount.vocabulary import CONSISTENT, DERIVED, INCONSISTENT, MEANING, UNVERIFIABLE  # noqa: F401 (verdict.MEANING)





def recompute(rate: Rate, figures: dict[str, Figure]) -> Interval | None:
    """The recomputed rate, in percent, as an exact interval; None without counts."""
    if not rate.numerator:
        return None
    num = sum_interval(rate.numerator, figures)
    den = sum_interval(rate.denominator, figures)
    return num.ratio(den).scale(100)


@dataclass(frozen=True)
class RateResult:
    rate: Rate
    cited: Figure | None
    cited_interval: Interval | None
    numerator: Interval | None
    denominator: Interval | None
    recomputed: Interval | None
    fits: bool | None  # this reading's interval meets the cited one (None: nothing to compare)
    verdict: str  # the claim's verdict, over all its readings

    @property
    def matches_expected(self) -> bool:
        return self.verdict == self.rate.expected

    @property
    def display_decimals(self) -> int:
        return self.cited.decimals if self.cited is not None else 2

    def recomputed_text(self, extra: int = 0) -> str:
        """The recomputed rate rounded half-up to the cited decimals (+ ``extra``)."""
        if self.recomputed is None:
            return "—"
        d = self.display_decimals + extra
        lo = fmt_fraction(self.recomputed.low, d)
        hi = lo if self.recomputed.is_point else fmt_fraction(self.recomputed.high, d)
        return f"{lo}%" if hi == lo else f"{lo}–{hi}%"  # 16.82%, not 16.82–16.82%, when both ends round alike

    def arithmetic(self) -> str:
        """The sum in plain sight: ``94181 / 123542 = 76.234% → 76.23%``."""
        if self.recomputed is None:
            return "no counts to recompute from"
        num, den = self.numerator, self.denominator
        if self.recomputed.is_point:
            p, d = self.recomputed.low, self.display_decimals
            shown = d + 2  # more places where those would round up to what the rate does not (45.3498 → 45.350 → 45.3)
            while shown < d + 6 and round_half_up(Fraction(fmt_fraction(p, shown)), d) != round_half_up(p, d):
                shown += 1
            return f"{_count(num.low)} / {_count(den.low)} = {fmt_fraction(p, shown)}% → {fmt_fraction(p, d)}%"
        return (f"[{_count(num.low)}, {_count(num.high)}] / [{_count(den.low)}, {_count(den.high)}]"
                f" = {self.recomputed_text(2)} → {self.recomputed_text()}")


def _count(x: Fraction | None) -> str:
    if x is None:
        return "∞"
    return str(x.numerator) if x.denominator == 1 else str(float(x))


def claim_key(rate: Rate) -> str:
    """Readings of one claim share their cited figure; a derived rate is its own claim."""
    return rate.cited if rate.cited is not None else f"derived:{rate.id}"


def evaluate(ledger: Ledger) -> list[RateResult]:
    """Every rate of the ledger with its recomputation and the claim's verdict."""
    figures = ledger.figures
    partial = []
    for rate in ledger.rates:
        cited = figures[rate.cited] if rate.cited else None
        cint = cited_interval(cited.value_text, cited.qualifier) if cited else None
        num = sum_interval(rate.numerator, figures) if rate.numerator else None
        den = sum_interval(rate.denominator, figures) if rate.denominator else None
        rec = recompute(rate, figures)
        fits = rec.intersects(cint) if (rec is not None and cint is not None) else None
        partial.append((rate, cited, cint, num, den, rec, fits))
    by_claim: dict[str, list[bool | None]] = defaultdict(list)
    for rate, *_, fits in partial:
        by_claim[claim_key(rate)].append(fits)
    results = []
    for rate, cited, cint, num, den, rec, fits in partial:
        results.append(RateResult(rate, cited, cint, num, den, rec, fits, claim_verdict(rate, by_claim[claim_key(rate)])))
    return results


def claim_verdict(rate: Rate, readings: list[bool | None]) -> str:
    if rate.cited is None:
        return DERIVED
    tried = [f for f in readings if f is not None]
    if not tried:
        return UNVERIFIABLE
    return CONSISTENT if any(tried) else INCONSISTENT
