"""Innocent explanations of an inconsistent claim, each tested against the article's own numbers.

A fact-checker who finds that a rate does not match its counts asks what else it could be before
calling it wrong: a slip of one digit, another base, another date, a share of something else. Each
function below asks one of those questions of one claim (all its readings) and answers it from the
ledger alone: ``fits`` is True when the article's numbers allow the explanation, False when they
rule it out, None when the article cannot tell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from recount import article as art
from recount.english import en_number as _n
from recount.intervals import Interval, cited_interval
from recount.ledger import Figure
from recount.report import Report
from recount.verdict import RateResult, claim_key

#: a date phrase that opens a sentence: 截至目前 ("so far"), 截至4月13日
DATE_PHRASE = re.compile(r"(截至|截止)[^,，;；。]{0,8}")


@dataclass(frozen=True)
class Explanation:
    name: str  # what could explain the figure, in a few words
    test: str  # what was tested, and what the article's numbers give
    fits: bool | None


def _counts(report: Report, rs: list[RateResult]) -> list[Figure]:
    """The article's bounded counts in the units the claim's own counts use (户, 家, 个 ...)."""
    figs = report.ledger.figures
    units = {figs[i].base_unit for r in rs for i in r.rate.numerator + r.rate.denominator}
    return [f for f in figs.values() if f.kind == "count" and f.base_unit in units and f.base_interval.bounded]


def one_digit_slip(rs: list[RateResult]) -> Explanation:
    """Would the claim fit if one digit of the cited figure were different?"""
    text = rs[0].cited.value_text
    fitting = []
    for i, ch in enumerate(text):
        if not ch.isdigit():
            continue
        for d in "0123456789":
            other = text[:i] + d + text[i + 1:]
            if d == ch or (i == 0 and d == "0" and len(text) > 1):
                continue
            band = cited_interval(other)
            if any(r.recomputed is not None and r.recomputed.intersects(band) for r in rs):
                fitting.append(other)
    if not fitting:
        return Explanation("A slip of one digit", f"No number one digit away from {text}% fits any reading.", False)
    return Explanation("A slip of one digit",
                       f"{' or '.join(f + '%' for f in fitting)}, one digit away from {text}%, is what the "
                       f"counts give. The article's numbers allow it; they cannot prove it.", True)


def _base_range(num: Interval, band: Interval) -> tuple[Fraction, Fraction]:
    """The totals ``d`` for which ``100 * num / d`` falls in ``band`` (``num`` a point)."""
    return 100 * num.low / band.high, 100 * num.low / band.low


def _within(f: Figure, lo: Fraction, hi: Fraction) -> bool:
    iv = f.base_interval
    return iv.low <= hi and iv.high >= lo


def another_base(report: Report, rs: list[RateResult]) -> Explanation:
    """Is there a count anywhere in the article that, as the total, gives the cited rate?"""
    band, lines, found = rs[0].cited_interval, [], []
    for r in rs:
        if r.numerator is None or not r.numerator.is_point:
            continue
        lo, hi = _base_range(r.numerator, band)
        lines.append(f"{_n(r.numerator.low)} would need a total of {_n(Fraction(math.floor(lo) + 1))} to "
                     f"{_n(Fraction(math.floor(hi)))} (the article: {_n(r.denominator.low)})")
        found += [f for f in _counts(report, rs) if _within(f, lo, hi)]
    test = "; ".join(lines) + "."
    unstated = " A base the article does not give (only the larger firms, say) cannot be tested."
    if found:
        names = ", ".join(f"{f.label_en} ({_n(f.base_interval.low)})" for f in dict.fromkeys(found))
        return Explanation("Another base", f"{test} The article has such a count: {names}.", True)
    return Explanation("Another base", f"{test} No count in the article falls in those ranges.{unstated}", False)


def another_count(report: Report, rs: list[RateResult]) -> Explanation:
    """A misprinted count: the count that would have made each reading true (:mod:`recount.severity`);
    is there such a count anywhere in the article?"""
    misses = [m for m in report.misses.get(claim_key(rs[0].rate), []) if m.needed is not None]
    band = rs[0].cited_interval
    found = [f for f in _counts(report, rs) for m in misses
             if f.base_interval.is_point and band.contains(100 * f.base_interval.low / m.base)]
    test = (f"For {rs[0].cited.value_text}% to be right, the count would have had to be: "
            + "; ".join(f"{m.result.rate.reading or 'the count'}: at least {m.needed_text()} "
                        f"(the article: {_n(m.result.numerator.low)})" for m in misses) + ".")
    if found:
        names = ", ".join(f"{f.label_en} ({_n(f.base_interval.low)})" for f in dict.fromkeys(found))
        return Explanation("A count misprinted", f"{test} The article has such a count: {names}.", True)
    return Explanation("A count misprinted", f"{test} No count in the article is one of those; a misprint "
                       "cannot be ruled out from the text.", None)


def another_date(report: Report, rs: list[RateResult]) -> Explanation:
    """Could the rate, or the totals it is divided by, belong to another date than the counts?"""
    ledger = report.ledger
    rate_and_counts = [rs[0].rate.cited] + [f for r in rs for f in r.rate.numerator]
    spans = set(art.sentences_for(ledger, rate_and_counts))
    if len(spans) != 1:
        return Explanation("Another date", "The rate and its counts are in different sentences: the text "
                           "cannot tell whether they share a date.", None)
    lo, hi = next(iter(spans))
    m = DATE_PHRASE.search(ledger.source[lo:hi])
    when = f", under one date ({m.group()})" if m else ""
    totals = set(art.sentences_for(ledger, [f for r in rs for f in r.rate.denominator])) - spans
    if not totals:
        return Explanation("Another date", f"The counts, their totals and the rate are in one sentence{when}; "
                           "the article gives no other date they could belong to.", False)
    dated = [DATE_PHRASE.search(ledger.source[a:b]) for a, b in totals]
    if any(dated):
        return Explanation("Another date", f"The rate and the counts are in one sentence{when}, the totals in "
                           f"another, dated {next(d.group() for d in dated if d)}: they may be of different days.",
                           True)
    return Explanation("Another date", f"The rate and the counts reopened are in one sentence{when}; the totals "
                       "are in another sentence with no date. If the totals were counted at another time, the rate "
                       "could differ: the article cannot tell.", None)


def something_else(report: Report, rs: list[RateResult]) -> Explanation:
    """Is the rate a share of other counts of its paragraph, or the average of its paragraph's other rates?"""
    ledger, band = report.ledger, rs[0].cited_interval
    para = art.article(ledger).at(ledger.figures[rs[0].rate.cited].start)
    figs = [ledger.figures[i] for i in art.figures_in(ledger, para)]
    counts = [f for f in figs if f.kind == "count" and f.base_interval.is_point and f.base_interval.low > 0]
    pairs = [(a, b) for a in counts for b in counts
             if a is not b and a.base_interval.low < b.base_interval.low
             and band.contains(100 * a.base_interval.low / b.base_interval.low)]
    others = [f for f in figs if f.kind == "percent" and f.id != rs[0].rate.cited]
    test = f"No two counts of the paragraph ({len(counts)} counts) divide to {rs[0].cited.value_text}%"
    if pairs:
        a, b = pairs[0]
        return Explanation("A share of something else", f"{a.label_en} over {b.label_en}: "
                           f"{_n(a.base_interval.low)} / {_n(b.base_interval.low)} fits.", True)
    if others:
        mean = sum(Fraction(Decimal(f.value_text)) for f in others) / len(others)
        test += (f"; the plain average of the paragraph's other rates "
                 f"({', '.join(f.value_text + '%' for f in others)}) is {_n(mean) + '%'}")
        if band.contains(mean):
            return Explanation("A share of something else", test + ", which fits.", True)
    return Explanation("A share of something else", test + ".", False)


def explanations(report: Report, claim: str) -> list[Explanation]:
    """Every explanation tried for one claim (a cited figure id), in the order the book shows them."""
    rs = [r for r in report.results if claim_key(r.rate) == claim]
    return [one_digit_slip(rs), another_base(report, rs), another_count(report, rs),
            another_date(report, rs), something_else(report, rs)]
