"""Superlatives, "all" claims and totals, checked against every figure of the same kind.

Each claim of ``superlatives.csv`` (最多, 最大, 全面, 全部, 首创, 合计 ...) has zero or more
readings in ``superlative_readings.csv``, one per reasonable reading of its words; each reading is
a test on the figures (its ``test`` column; datapackage.json lists them). A test *fails* when the
figures break it, and otherwise shows what it can, and no more:

``most``  the subject's count is at least that of every rival group. It fails when a rival's lowest
          value is above the subject's highest (so a rival is certainly bigger). It *passes* only
          when the article counts every rival (``members``: its own count of everything the claim
          ranks over equals the subject and the rival groups) and none can be bigger. A superlative
          over a region whose members the article does not count is *unverifiable*: the rivals it
          happens to name can contradict it, never settle it.
``full``  every rate listed can be 100%: it fails when a rate's highest value is below 100%. It
          passes when every rate is certainly 100% (55 of 55), and is only *not contradicted*
          when a rate can be 100% but need not be (a cited 100% stands for 99.5% and up).
``le``    the subject's count is at most the total's: it fails when its lowest value is above the
          total's highest. Room left in a total never shows that a part is all of something, so a
          test that holds shows only that the claim is *not contradicted*.

A reading that fails is a contradiction when it is *hard* (its basis is in the article's own words)
and a *tension* when it is *soft* (it rests on an assumption the article does not state, named in
``basis_en``). A claim *passes* when every reading passes, *fails* when every reading fails hard,
is in *tension* when some reading fails and not all fail hard; when none fails, it is *not
contradicted* if a reading shows that, else *unverifiable*.

Words the exclusions call a figure of speech (一家家 "firm after firm") are a scene, not a count: a
claim whose quote holds them is *not a claim*, whatever readings are listed for it. A claim with no
reading has nothing of the same kind to be tested against; its ``expected`` column records a
reader's classification: ``unverifiable`` (a claim) or ``not_a_claim`` (an idiom, an aim).
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


#: what a reading that holds can show, from least to most (a reading that fails is a tension or a failure)
UNVERIFIABLE, NOT_CONTRADICTED, PASS = "unverifiable", "not_contradicted", "pass"
#: kinds of exclusion (exclusions.csv) that are figures of speech: a claim in such words is not a claim
FIGURES_OF_SPEECH = ("rhetoric", "idiom")


@dataclass(frozen=True)
class ReadingResult:
    reading: SuperlativeReading
    held: bool
    arithmetic: str  # the comparison in numbers and words
    needed: str | None  # what would have made a failed reading true
    shows: str = PASS  # for a reading that holds: what the test can show (PASS, NOT_CONTRADICTED, UNVERIFIABLE)

    @property
    def result(self) -> str:
        if self.held:
            return self.shows
        return "tension" if self.reading.strength == "soft" else "fail"


@dataclass(frozen=True)
class SuperlativeResult:
    claim: Superlative
    readings: list[ReadingResult]
    result: str
    assumption: str | None  # for a tension: what would have to be true (or false) for the claim to hold
    reason: str | None = None  # for a claim that is not one: why (the exclusion's reason)

    @property
    def matches_expected(self) -> bool:
        return self.result == self.claim.expected


def _count(iv) -> str:
    if iv.is_point:
        return en_number(iv.low)
    return f"{en_number(iv.low)} to {'∞' if iv.high is None else en_number(iv.high)}"


def _label(ids: tuple[str, ...], ledger: Ledger) -> str:
    return " and ".join(ledger.figures[i].label_en for i in ids)


def _rivals_counted(r: SuperlativeReading, ledger: Ledger) -> bool:
    """Whether the article counts everything the claim ranks over: its ``members`` figure is an exact
    count equal to the subject and the rival groups."""
    if not r.members:
        return False
    iv = ledger.figures[r.members].base_interval
    return iv.is_point and iv.low == 1 + len(r.others)


def _most(r: SuperlativeReading, ledger: Ledger) -> ReadingResult:
    subject = sum_interval(r.subject, ledger.figures)
    lines, beaten, surely = [], [], True
    for group in r.others:
        rival = sum_interval(group, ledger.figures)
        bigger = subject.high is not None and rival.low > subject.high
        smaller = rival.high is not None and subject.low >= rival.high
        surely = surely and smaller
        lines.append(f"{_count(subject)} {'<' if bigger else '≥' if smaller else 'against'} "
                     f"{_count(rival)} ({_label(group, ledger)})")
        if bigger:
            beaten.append(rival.low)
    arithmetic = f"{_label(r.subject, ledger)}: " + "; ".join(lines)
    needed = None
    if beaten:
        need = max(beaten)
        needed = (f"at least {en_number(need)}, {en_number(need - subject.high)} more than the "
                  f"{_count(subject)} given")
    counted = _rivals_counted(r, ledger)
    if not counted:
        arithmetic += "; the article does not count every rival"
    shows = UNVERIFIABLE if not counted else PASS if surely else NOT_CONTRADICTED
    return ReadingResult(r, not beaten, arithmetic, needed, shows)


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
    surely = all(rate_interval(item, ledger).low >= HUNDRED for item in r.subject)
    return ReadingResult(r, held, "; ".join(lines), needed, PASS if surely else NOT_CONTRADICTED)


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
    return ReadingResult(r, held, arithmetic, needed, NOT_CONTRADICTED)


TESTS = {"most": _most, "full": _full, "le": _le}


def figure_of_speech(claim: Superlative, ledger: Ledger):
    """The exclusion (exclusions.csv) that calls words of the claim's quote a figure of speech, or None."""
    return next((x for x in ledger.exclusions if x.kind in FIGURES_OF_SPEECH and x.pattern.search(claim.quote)), None)


def check_claim(claim: Superlative, ledger: Ledger) -> SuperlativeResult:
    rhetoric = figure_of_speech(claim, ledger)
    if rhetoric is not None:
        words = rhetoric.pattern.search(claim.quote).group()
        return SuperlativeResult(claim, [], "not_a_claim", None, f"{words}: {rhetoric.reason_en}")
    readings = [TESTS[r.test](r, ledger) for r in ledger.superlative_readings if r.claim == claim.id]
    if not readings:
        return SuperlativeResult(claim, [], claim.expected, None)
    results = [r.result for r in readings]
    if all(x == PASS for x in results):
        return SuperlativeResult(claim, readings, PASS, None)
    if all(x == "fail" for x in results):
        return SuperlativeResult(claim, readings, "fail", None)
    if all(r.held for r in readings):
        return SuperlativeResult(claim, readings, NOT_CONTRADICTED if NOT_CONTRADICTED in results else UNVERIFIABLE,
                                 None)
    held = [r for r in readings if r.held]
    if held:
        meanings = "; or ".join(r.reading.reading_en for r in held)
        if all(r.result == PASS for r in held):
            assumption = f"The claim holds only if its words mean {meanings}."
        else:
            assumption = (f"The claim can hold only if its words mean {meanings}; even then the article's "
                          "counts do not settle it.")
    else:
        basis = list(dict.fromkeys(r.reading.basis_en for r in readings if r.result == "tension"))
        assumption = "For the claim to hold, this assumption would have to be false: " + " ".join(basis)
    return SuperlativeResult(claim, readings, "tension", assumption)


def check_all(ledger: Ledger) -> list[SuperlativeResult]:
    return [check_claim(c, ledger) for c in ledger.superlatives]
