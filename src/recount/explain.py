"""Innocent explanations of an inconsistent claim, each tested against the article's own numbers.

A fact-checker who finds that a rate does not match its counts asks what else it could be before
calling it wrong: a slip of one digit, another base, another date, a share of something else, counts
in other units. Each function below asks one of those questions of one claim (all its readings) and
answers it from the ledger alone: ``fits`` is True when the article's numbers allow the explanation,
None when the article cannot tell, False when they rule it out.

The rule: an explanation is ruled out only by numbers the article states. An :class:`Explanation`
that says False names the figures that rule it out (``ruled_out_by``) and cannot rest on anything
the article does not give (``unstated``): a base, a weighting, a count in other units that the
article does not give leaves the explanation open, "cannot tell", never "ruled out".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from recount import article as art
from recount import units
from recount.english import en_number as _n
from recount.english import number_word
from recount.intervals import Interval, cited_interval
from recount.ledger import Figure
from recount.report import Report
from recount.verdict import RateResult, claim_key

#: a date phrase that opens a sentence: 截至目前 ("so far"), 截至4月13日
DATE_PHRASE = re.compile(r"(截至|截止)[^,，;；。]{0,8}")


#: an explanation's verdict in words, as the book prints it
VERDICT_WORDS = {True: "possible", None: "cannot tell", False: "ruled out by the article's numbers"}


@dataclass(frozen=True)
class Explanation:
    name: str  # what could explain the figure, in a few words
    test: str  # what was tested, and what the article's numbers give
    fits: bool | None
    ruled_out_by: tuple[str, ...] = ()  # for fits False: the figures whose stated numbers rule it out
    unstated: str = ""  # what the explanation could rest on that the article does not give

    def __post_init__(self):
        if self.fits is False and (not self.ruled_out_by or self.unstated):
            raise ValueError(f"{self.name}: ruled out only by numbers the article states, and not while "
                             f"it may rest on what the article does not give ({self.unstated or 'no figures named'})")

    @property
    def verdict(self) -> str:
        return VERDICT_WORDS[self.fits]


def _ids(rs: list[RateResult]) -> tuple[str, ...]:
    """The cited figure and the counts of every reading."""
    return tuple(dict.fromkeys([rs[0].rate.cited] + [f for r in rs for f in r.rate.numerator + r.rate.denominator]))


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
        return Explanation("A slip of one digit", f"No number one digit away from {text}% fits any reading.", False,
                           _ids(rs))
    return Explanation("A slip of one digit",
                       f"{' or '.join(f + '%' for f in fitting)}, one digit away from {text}%, is what the "
                       f"counts give. The article's numbers allow it; they cannot prove it.", True)


def _base_range(num: Interval, band: Interval) -> tuple[Fraction, Fraction]:
    """The totals ``d`` for which ``100 * num / d`` falls in ``band`` (``num`` a point)."""
    return 100 * num.low / band.high, 100 * num.low / band.low


def _within(f: Figure, lo: Fraction, hi: Fraction) -> bool:
    iv = f.base_interval
    return iv.low <= hi and iv.high >= lo


#: a base the article does not give, in words (no count of it can be tested)
UNSTATED_BASE = "a base the article does not give, such as only the part of the total that was due, eligible or applying"


def another_base(report: Report, rs: list[RateResult]) -> Explanation:
    """Is there a count anywhere in the article that, as the total, gives the cited rate? A base the
    article does not give cannot be tested, so this is never ruled out."""
    band, lines, found = rs[0].cited_interval, [], []
    for r in rs:
        if r.numerator is None or not r.numerator.is_point:
            continue
        lo, hi = _base_range(r.numerator, band)
        lines.append(f"{_n(r.numerator.low)} would need a total of {_n(Fraction(math.floor(lo) + 1))} to "
                     f"{_n(Fraction(math.floor(hi)))} (the article: {_n(r.denominator.low)})")
        found += [f for f in _counts(report, rs) if _within(f, lo, hi)]
    test = "; ".join(lines) + "."
    if found:
        names = ", ".join(f"{f.label_en} ({_n(f.base_interval.low)})" for f in dict.fromkeys(found))
        return Explanation("Another base", f"{test} The article has such a count: {names}.", True)
    return Explanation("Another base", f"{test} No count in the article falls in those ranges, but {UNSTATED_BASE}, "
                       "cannot be tested.", None, unstated=UNSTATED_BASE)


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
                       "cannot be ruled out from the text.", None, unstated="the count as it was before any misprint")


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
                           "the article gives no other date they could belong to.", False, _ids(rs))
    dated = [DATE_PHRASE.search(ledger.source[a:b]) for a, b in totals]
    if any(dated):
        return Explanation("Another date", f"The rate and the counts are in one sentence{when}, the totals in "
                           f"another, dated {next(d.group() for d in dated if d)}: they may be of different days.",
                           True)
    return Explanation("Another date", f"The rate and its counts are in one sentence{when}; the totals "
                       "are in another sentence with no date. If the totals were counted at another time, the rate "
                       "could differ: the article cannot tell.", None, unstated="the date of the totals")


#: words that say all of a part (商户已全部复工): a part at 100%
ALL_WORDS = ("全部", "全面", "全体")
UNSTATED_WEIGHTS = "each part's size"


def _parts_at_full(report: Report, para) -> list[str]:
    """The paragraph's "all" claims (all of a part, at 100%) that are claims: each quote, glossed by the first
    sentence of its English (``商户已全部复工, “All the merchants have reopened”``)."""
    out = []
    for s in report.superlative_results:
        if para.holds(s.claim.start) and s.claim.word in ALL_WORDS and s.result != "not_a_claim":
            gloss = s.claim.claim_en.split(". ")[0].rstrip(".")
            out.append(f"{s.claim.quote}, “{gloss}”" if gloss and "{" not in gloss else s.claim.quote)
    return out


def something_else(report: Report, rs: list[RateResult]) -> Explanation:
    """Is the rate a share of other counts of its paragraph, or a mean of its paragraph's other rates?

    A mean weighted by sizes the article does not give can be any value between the lowest and the
    highest of the parts (a part the paragraph says all of counts at 100%). Rates the paragraph
    gives that do not reach the cited band still cannot rule it out: the article does not say its
    parts are all the parts, nor that they are not. So this is True (a pair of counts fits) or None."""
    ledger, band = report.ledger, rs[0].cited_interval
    para = art.article(ledger).at(ledger.figures[rs[0].rate.cited].start)
    figs = [ledger.figures[i] for i in art.figures_in(ledger, para)]
    counts = [f for f in figs if f.kind == "count" and f.base_interval.is_point and f.base_interval.low > 0]
    pairs = [(a, b) for a in counts for b in counts
             if a is not b and a.base_interval.low < b.base_interval.low
             and band.contains(100 * a.base_interval.low / b.base_interval.low)]
    others = [f for f in figs if f.kind == "percent" and f.id != rs[0].rate.cited]
    full = _parts_at_full(report, para)
    cited = rs[0].cited.value_text
    if pairs:
        a, b = pairs[0]
        return Explanation("A share of something else", f"{a.label_en} over {b.label_en}: "
                           f"{_n(a.base_interval.low)} / {_n(b.base_interval.low)} fits.", True)
    test = f"No two of the paragraph's {number_word(len(counts))} counts divide to {cited}%"
    rated = [Fraction(Decimal(f.value_text)) for f in others] + [Fraction(100)] * len(full)
    if not rated:
        test += "; the paragraph gives no other rate, and the article does not say what else the rate could be of"
    else:
        lo, hi = min(rated), max(rated)
        named = [f.value_text + "%" for f in others] + [f"100% for {q}" for q in full]
        test += (f"; the paragraph's other rates ({', '.join(named)}) run from {_n(lo)}% to {_n(hi)}%, and a "
                 f"mean of them weighted by {UNSTATED_WEIGHTS} can be any value in that range")
        if band.high > lo and band.low <= hi:
            test += f", {cited}% included: the article gives no sizes"
        else:
            test += (f", which does not reach {cited}%; whether those parts are all the parts, the article "
                     "does not say")
    return Explanation("A share of something else", test + ".", None, unstated=UNSTATED_WEIGHTS)


#: measure words that count businesses (a firm, a household business): 家 and 户 count alike
BUSINESS_UNITS = frozenset({"家", "户", "个体户"})
#: nouns that name a business's premises, not the business (…个…门店: shops, counted in 个)
PREMISES = {"门店": ("shop", "shops"), "店铺": ("shop", "shops"), "摊位": ("stall", "stalls")}


def counted(f: Figure) -> tuple[str, str]:
    """What a count counts, (one, many) in English: the premises its quote names after the number
    (``…个…门店``: shops), else businesses for 家 and 户, else its measure word."""
    after = f.quote[f.quote.find(f.value_text) + len(f.value_text):]
    noun = next((p for p in PREMISES if p in after), None)
    if noun is not None:
        return PREMISES[noun]
    return ("business", "businesses") if f.unit in BUSINESS_UNITS else (f.unit, f.unit)


def _count_alike(n: Figure, d: Figure) -> bool:
    """Whether a count and its total count the same things: no premises named in one only, and
    measure words that count alike (家 and 户, :func:`recount.units.compatible`)."""
    premises = set(PREMISES.values())
    return counted(n) == counted(d) or (counted(n) not in premises and counted(d) not in premises
                                        and units.compatible(n.unit, d.unit))


def _pooled_need(report: Report, rs: list[RateResult], n: Figure) -> str:
    """For the widest reading that counts ``n``: how many of its total's things would have to have
    counted, the other counts as given, for the cited rate (from :mod:`recount.severity`)."""
    misses = {m.result.rate.id: m for m in report.misses.get(claim_key(rs[0].rate), []) if m.needed is not None}
    with_n = [r for r in rs if n.id in r.rate.numerator and r.rate.id in misses]
    if not with_n:
        return ""
    r = max(with_n, key=lambda r: len(r.rate.numerator))
    m, figs = misses[r.rate.id], report.ledger.figures
    rest = sum((figs[i].base_interval.low for i in r.rate.numerator if i != n.id), Fraction(0))
    d_id = r.rate.denominator[r.rate.numerator.index(n.id)]
    how = "at least" if m.direction == "below" else "at most"
    pooled = " pooled" if len(r.rate.numerator) > 1 else ""
    return (f"; for {rs[0].cited.value_text}%{pooled} it would have to be {how} {_n(m.needed - rest)} of "
            f"{_n(figs[d_id].base_interval.low)}")


def other_units(report: Report, rs: list[RateResult]) -> Explanation:
    """Are the counts in the same unit as their totals? 家 and 户 both count businesses; a count of
    shops (门店, in 个) over a total of 户 need not be the count of the total's businesses: a rate over
    the businesses, which the article does not count, could differ."""
    ledger, apart, same = report.ledger, [], []
    for r in rs:
        for n_id, d_id in zip(r.rate.numerator, r.rate.denominator):
            n, d = ledger.figures[n_id], ledger.figures[d_id]
            (same if _count_alike(n, d) else apart).append((n, d))
    apart, same = list(dict.fromkeys(apart)), list(dict.fromkeys(same))
    alike = [(n, d) for n, d in same if n.unit != d.unit]
    note = " ".join(f"({n.unit} and {d.unit} both count {counted(d)[1]}: {n.quote} over {d.quote}.)"
                    for n, d in alike)
    if apart:
        lines = []
        for n, d in apart:
            (n_one, n_many), (d_one, d_many) = counted(n), counted(d)
            premises = (n_one, n_many) in PREMISES.values()
            why = f"A {d_one} may have more than one {n_one}, or none, so " if premises else "So "
            what = f"The {n_many} counted and their" if premises else f"The count in {n.unit} and its"
            lines.append(f"{what} total are in different units: {n.quote} ({n_many}) over "
                         f"{d.quote} ({d_many}). {why}the count of {d_many} need not be {_n(n.base_interval.low)}"
                         f"{_pooled_need(report, rs, n)}. The article does not give that count.")
        return Explanation("Counts in other units", " ".join(lines + ([note] if note else [])), None,
                           unstated="the count in the totals' own unit")
    pairs = "; ".join(f"{n.quote} over {d.quote}" for n, d in same)
    return Explanation("Counts in other units", f"Each count and its total count the same things ({pairs})."
                       + (f" {note}" if note else ""), False, _ids(rs))


def explanations(report: Report, claim: str) -> list[Explanation]:
    """Every explanation tried for one claim (a cited figure id), in the order the book shows them."""
    rs = [r for r in report.results if claim_key(r.rate) == claim]
    return [one_digit_slip(rs), another_base(report, rs), another_count(report, rs),
            another_date(report, rs), something_else(report, rs), other_units(report, rs)]


def summary(found: list[Explanation]) -> str:
    """The explanations in one sentence, from their verdicts: ``Of the six innocent explanations tried, the
    article's numbers fit one (a slip of one digit), cannot test five (...) and rule out none.``"""
    def names(fits) -> str:
        chosen = [e.name[:1].lower() + e.name[1:] for e in found if e.fits is fits]
        return f" ({'; '.join(chosen)})" if chosen else ""

    n = {fits: sum(e.fits is fits for e in found) for fits in (True, None, False)}
    return (f"Of the {number_word(len(found))} innocent explanations tried, the article's numbers fit "
            f"{number_word(n[True], 'none')}{names(True)}, cannot test {number_word(n[None], 'none')}{names(None)} "
            f"and rule out {number_word(n[False], 'none')}{names(False)}.")


def glue_values(report: Report) -> dict[str, str]:
    """``explained_<claim>``: the summary sentence of each inconsistent claim's explanations."""
    claims = dict.fromkeys(claim_key(r.rate) for r in report.results if r.verdict == "inconsistent")
    return {f"explained_{c}": summary(explanations(report, c)) for c in claims}
