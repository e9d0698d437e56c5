"""Superlatives, "all" claims and totals, checked against every figure of the same kind.

Each claim of ``superlatives.csv`` (最多, 最大, 全面, 全部, 首创, 合计 ...) has zero or more
readings in ``superlative_readings.csv``, one per reasonable reading of its words; each reading is
a test on the figures (its ``test`` column; datapackage.json lists them):

``most``  the subject's count is at least that of every rival group. It *fails* when a rival's
          lowest value is above the subject's highest (so a rival is certainly bigger).
``full``  every rate listed can be 100%: it fails when a rate's highest value is below 100%.
``le``    the subject's count is at most the total's: it fails when its lowest value is above
          the total's highest.

A reading that fails is a contradiction when it is *hard* (its basis is in the article's own words)
and a *tension* when it is *soft* (it rests on an assumption the article does not state, named in
``basis_en``). A claim *passes* when every reading passes, *fails* when every reading fails hard,
and is in *tension* otherwise: it holds only under some readings, or only if an assumption is false.
A claim with no reading has nothing of the same kind to be tested against; its ``expected`` column
records a reader's classification: ``unverifiable`` (a claim) or ``not_a_claim`` (an idiom, an aim).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from recount.constraints import rate_interval, rate_label
from recount.english import en_number, pct_text
from recount.intervals import Interval
from recount.ledger import Ledger, Superlative, SuperlativeReading, sum_interval
from recount.verdict import recompute

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class ReadingResult:
    reading: SuperlativeReading
    held: bool
    arithmetic: str  # the comparison in numbers and words
    needed: str | None  # what would have made a failed reading true

    @property
    def result(self) -> str:
        if self.held:
            return "pass"
        return "tension" if self.reading.strength == "soft" else "fail"


@dataclass(frozen=True)
class SuperlativeResult:
    claim: Superlative
    readings: list[ReadingResult]
    result: str
    assumption: str | None  # for a tension: what would have to be true (or false) for the claim to hold

    @property
    def matches_expected(self) -> bool:
        return self.result == self.claim.expected


def _count(iv) -> str:
    if iv.is_point:
        return en_number(iv.low)
    return f"{en_number(iv.low)} to {'∞' if iv.high is None else en_number(iv.high)}"


def _label(ids: tuple[str, ...], ledger: Ledger) -> str:
    return " and ".join(ledger.figures[i].label_en for i in ids)


def _most(r: SuperlativeReading, ledger: Ledger) -> ReadingResult:
    subject = sum_interval(r.subject, ledger.figures)
    lines, beaten = [], []
    for group in r.others:
        rival = sum_interval(group, ledger.figures)
        bigger = subject.high is not None and rival.low > subject.high
        lines.append(f"{_count(subject)} {'<' if bigger else '≥' if rival.high is not None and subject.low >= rival.high else 'against'} "
                     f"{_count(rival)} ({_label(group, ledger)})")
        if bigger:
            beaten.append(rival.low)
    arithmetic = f"{_label(r.subject, ledger)}: " + "; ".join(lines)
    needed = None
    if beaten:
        need = max(beaten)
        needed = (f"at least {en_number(need)}, {en_number(need - subject.high)} more than the "
                  f"{_count(subject)} given")
    return ReadingResult(r, not beaten, arithmetic, needed)


def _full(r: SuperlativeReading, ledger: Ledger) -> ReadingResult:
    lines, short = [], []
    for item in r.subject:
        iv = rate_interval(item, ledger)
        below = iv.high is not None and (iv.high < HUNDRED or iv.high == HUNDRED and iv.high_open)
        lines.append(f"{pct_text(iv)} {'< 100%' if below else 'can be 100%'} ({rate_label(item, ledger)})")
        if below:
            rate = next((x for x in ledger.rates if x.id == item), None)
            if rate is not None and recompute(rate, ledger.figures) is not None:
                num = sum_interval(rate.numerator, ledger.figures)
                den = sum_interval(rate.denominator, ledger.figures)
                short.append(f"all {_count(den)} ({_count(shortfall(den, num))} more than the {_count(num)} given)")
            else:
                short.append(None)
    held = not short
    needed = None
    if short:
        counted = [s for s in short if s]
        needed = "every rate at 100%" + (f"; for the counts, {'; '.join(counted)}" if counted else "")
    return ReadingResult(r, held, "; ".join(lines), needed)


def shortfall(total: Interval, part: Interval) -> Interval:
    """How far a part falls short of its total, as an interval."""
    low = max(total.low - (part.high if part.high is not None else total.low), Fraction(0))
    high = None if total.high is None else total.high - part.low
    return Interval(low, high)


def _le(r: SuperlativeReading, ledger: Ledger) -> ReadingResult:
    part = sum_interval(r.subject, ledger.figures)
    total = sum_interval(r.others[0], ledger.figures)
    held = total.high is None or part.low <= total.high
    arithmetic = (f"{_count(part)} ({_label(r.subject, ledger)}) {'≤' if held else '>'} "
                  f"{_count(total)} ({_label(r.others[0], ledger)})")
    needed = None if held else f"a total of at least {en_number(part.low)}"
    return ReadingResult(r, held, arithmetic, needed)


TESTS = {"most": _most, "full": _full, "le": _le}


def check_claim(claim: Superlative, ledger: Ledger) -> SuperlativeResult:
    readings = [TESTS[r.test](r, ledger) for r in ledger.superlative_readings if r.claim == claim.id]
    if not readings:
        return SuperlativeResult(claim, [], claim.expected, None)
    results = [r.result for r in readings]
    if all(x == "pass" for x in results):
        return SuperlativeResult(claim, readings, "pass", None)
    if all(x == "fail" for x in results):
        return SuperlativeResult(claim, readings, "fail", None)
    held = [r.reading.reading_en for r in readings if r.held]
    if held:
        assumption = "The claim holds only if its words mean " + "; or ".join(held) + "."
    else:
        basis = list(dict.fromkeys(r.reading.basis_en for r in readings if r.result == "tension"))
        assumption = "For the claim to hold, this assumption would have to be false: " + " ".join(basis)
    return SuperlativeResult(claim, readings, "tension", assumption)


def check_all(ledger: Ledger) -> list[SuperlativeResult]:
    return [check_claim(c, ledger) for c in ledger.superlatives]
