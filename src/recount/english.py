"""Every number the book prints, in English (figures, counts, rates, ranges, dates), and the
templates that put them into the ledger's English text.

No number is typed into an English column of the ledger (``label_en``, ``note_en``, ``reason_en``,
``claim_en`` ...): a column that needs one names it, and :func:`fill` writes it from the figures:

``{fig:<figure id>}``   the figure's value as written, in English: ``94,181``, ``88%``, ``2.45 million yuan``
``{zh:<figure id>}``    the figure as the article writes it: ``2000余家``
``{date:<event id>}``   an event's date: ``13 April``, ``February``
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from recount.errors import InputError
from recount.intervals import Interval

if TYPE_CHECKING:  # names for annotations only: the ledger and the verdicts are layers above this one
    from recount.ledger import Event, Figure, Ledger
    from recount.verdict import RateResult

#: a placeholder in an English column of the ledger
PLACEHOLDER = re.compile(r"\{(?P<kind>fig|zh|date):(?P<id>[a-z][a-z0-9_]*)\}")


def round_half_up(x: Fraction, decimals: int) -> Decimal:
    """``x`` rounded half-up (away from zero on a tie) to ``decimals`` places, exactly.

    >>> str(round_half_up(Fraction(165, 2), 0)), str(round_half_up(Fraction(2675, 1000), 2))
    ('83', '2.68')
    """
    scale = 10 ** decimals
    n = x * scale
    sign = -1 if n < 0 else 1
    q = (abs(n.numerator) * 2 + n.denominator) // (2 * n.denominator)
    return (Decimal(sign * q) / Decimal(scale)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_fraction(x: Fraction | None, decimals: int) -> str:
    return "∞" if x is None else str(round_half_up(x, decimals))


def en_number(x: Fraction) -> str:
    if x.denominator == 1:
        return f"{x.numerator:,}"
    return fmt_fraction(x, 4).rstrip("0").rstrip(".")


#: small whole numbers in words, as prose writes them
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int, zero: str = "no") -> str:
    """``one``, ``five``, ``12``; ``zero`` (``no`` or ``none``) for 0."""
    if n == 0:
        return zero
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"


def _num(x: Fraction | None) -> str:
    return "∞" if x is None else en_number(x)


def interval_text(iv: Interval, unit: str = "") -> str:
    """``[2,000, 3,000]``; a point is just the number; an open upper end is ``)``."""
    u = unit if unit == "%" else (f" {unit}" if unit else "")
    if iv.is_point:
        return f"{_num(iv.low)}{u}"
    if iv.high is None:
        return f"[{_num(iv.low)}, ∞){u}"
    close = ")" if iv.high_open else "]"
    return f"[{_num(iv.low)}, {_num(iv.high)}{close}{u}"


#: the most decimals a recomputed rate shows in prose and in the chapters' tables
PROSE_DECIMALS = 2


def pct(x: Fraction, decimals: int = PROSE_DECIMALS) -> str:
    """A percentage for readers, rounded half-up: ``82.02%``; a whole one without decimals: ``100%``."""
    return f"{x.numerator}%" if x.denominator == 1 else f"{fmt_fraction(x, decimals)}%"


def pct_range(iv: Interval, decimals: int = PROSE_DECIMALS) -> str:
    """A recomputed rate in words: ``82.02%``, ``between 56.13% and 84.20%``, ``at least 2.1%``."""
    if iv.is_point:
        return pct(iv.low, decimals)
    if iv.high is None:
        return f"at least {pct(iv.low, decimals)}"
    return f"between {pct(iv.low, decimals)} and {pct(iv.high, decimals)}"


def band_words(iv: Interval, share: bool = True) -> str:
    """The values a cited rate stands for, in words: ``between 87.5% and 88.5%``. A share cannot
    exceed 100%, so for one (``share``) the band of a cited 100% is ``between 99.5% and 100%``."""
    high = iv.high if not (share and iv.high is not None and iv.high > 100 >= iv.low) else Fraction(100)
    if iv.is_point or iv.low == high:
        return f"exactly {en_number(iv.low)}%"
    if high is None:
        return f"{en_number(iv.low)}% or more"
    return f"between {en_number(iv.low)}% and {en_number(high)}%"


def stands_for(f: Figure) -> str:
    """What a figure stands for, in words: ``11,781``; ``2,000 to 3,000``; ``between 87.5% and 88.5%``."""
    return band_words(f.base_interval, share=False) if f.kind == "percent" and not f.base_interval.is_point \
        else figure_range_en(f)


def count_words(iv: Interval) -> str:
    """A count in words: ``4,800``; ``2,000 to 3,000``; ``360 or more``."""
    if iv.is_point:
        return en_number(iv.low)
    if iv.high is None:
        return f"{en_number(iv.low)} or more"
    return f"{en_number(iv.low)} to {en_number(iv.high)}"


def rate_digits(r: RateResult) -> int:
    """Decimals a recomputation shows to readers: two more than the cited figure, at most two."""
    return min(r.display_decimals + 2, PROSE_DECIMALS)


def recomputed_words(r: RateResult) -> str:
    """``82.02%``, ``between 56.13% and 84.20%``; ``no counts`` when there is nothing to divide."""
    return "no counts" if r.recomputed is None else pct_range(r.recomputed, rate_digits(r))


def arithmetic_words(r: RateResult) -> str:
    """The division in plain words: ``4,800 / 5,852 = 82.02%, which rounds to 82%``."""
    if r.recomputed is None:
        return "The article gives no counts to recompute it from."
    shown = recomputed_words(r)
    head = f"{count_words(r.numerator)} / {count_words(r.denominator)}"
    if not r.recomputed.is_point:
        return f"{head}: {shown}"
    rounded = pct(r.recomputed.low, r.display_decimals)
    same = rate_digits(r) == r.display_decimals
    return f"{head} = {shown}" + ("" if same or r.cited is None else f", which rounds to {rounded}")


def _short(x: Fraction, decimals: int = 3) -> str:
    text = fmt_fraction(x, decimals)
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct_text(iv: Interval) -> str:
    """``82.39%``; an interval ``39.5–40.5%`` (two decimals at most: readers see these)."""
    if iv.is_point:
        return f"{fmt_fraction(iv.low, 2)}%"
    return f"{_short(iv.low, 2)}–{'∞' if iv.high is None else _short(iv.high, 2)}%"


def en_amount(yuan: Fraction) -> str:
    """2,450,000 -> '2.45 million yuan'; 1,768,000,000 -> '1.768 billion yuan'; 660,000 -> '660,000 yuan'."""
    if yuan >= 1_000_000_000:
        return f"{fmt_fraction(yuan / 1_000_000_000, 4).rstrip('0').rstrip('.')} billion yuan"
    if yuan >= 1_000_000:
        m = fmt_fraction(yuan / 1_000_000, 2).rstrip("0").rstrip(".")
        return f"{m} million yuan"
    return f"{en_number(yuan)} yuan"


def per_each(ledger: Ledger, amount: str, count: str) -> str:
    """An amount shared over a count, from their intervals: 600多万元 over 700多个 merchants is
    ``7,500 to 10,000 yuan`` each (the lowest amount over the highest count, and the reverse), to
    the whole yuan."""
    a, n = ledger.figures[amount].base_interval, ledger.figures[count].base_interval
    low = Fraction(round_half_up(a.low / n.high, 0)) if n.high is not None else Fraction(0)
    if a.high is None:
        return f"{en_amount(low)} or more"
    high = Fraction(round_half_up(a.high / n.low, 0))
    return en_amount(low) if low == high else f"{en_amount(low).removesuffix(' yuan')} to {en_amount(high)}"


def figure_en(f: Figure) -> str:
    """A figure's value as the article writes it, in English prose: 11,781; 88%; 2.45 million yuan;
    5 million; 17.68亿元 is 1.768 billion yuan (the number written, not an end of its interval)."""
    if f.kind == "percent":
        return f"{f.value_text}%"
    low = Fraction(f.value) * f.factor
    if f.kind == "amount":
        return en_amount(low)
    if f.factor != 1 and low >= 1_000_000:
        return f"{fmt_fraction(low / 1_000_000, 2).rstrip('0').rstrip('.')} million"
    return en_number(low)


#: a qualifier in words, before the figure's value in English
QUALIFIER_WORDS = {"余": "more than ", "多": "more than ", "万余": "more than ", "超过": "more than ",
                   "逾": "more than ", "近": "nearly ", "左右": "about ", "约": "about ", "预计": "expected "}


def qualified_en(f: Figure) -> str:
    """A figure's value in English with its qualifier in words: more than 7,000; about 98%."""
    return f"{QUALIFIER_WORDS.get(f.qualifier, '')}{figure_en(f)}"


def figure_range_en(f: Figure) -> str:
    """The whole interval in English: 2,000 to 3,000; 59.14 million to 59.15 million yuan."""
    iv = f.base_interval
    if iv.is_point:
        return figure_en(f)
    if iv.high is None:
        return f"{figure_en(f)} or more"
    if f.kind == "percent":
        return f"{en_number(iv.low)}–{en_number(iv.high)}%"
    if f.kind == "amount":
        return f"{en_amount(iv.low).removesuffix(' yuan')} to {en_amount(iv.high)}"
    return f"{en_number(iv.low)} to {en_number(iv.high)}"


#: where the article writes a qualifier: between the value and the unit (2000余家), after the unit
#: (98%左右), not at all (an exact figure); any other one before the value (超过360人次)
AFTER_VALUE, AFTER_UNIT, UNWRITTEN = ("余", "多"), ("左右", "以上"), ("exact", "预计", "rounded")


def as_written(f: Figure) -> str:
    """The figure as the article writes it: 2000余家, 5914万余元, 超过360人次, 98%左右."""
    value, unit, q = f.value_text, f.unit, f.qualifier
    if q in UNWRITTEN:
        return f"{value}{unit}"
    if q in AFTER_VALUE:
        return f"{value}{q}{unit}"
    if q in AFTER_UNIT:
        return f"{value}{unit}{q}"
    if q == "万余":  # 余 after the scale word: 5914万余元, 3万余人
        return f"{value}万余{unit.removeprefix('万')}"
    return f"{q}{value}{unit}"


def date_en(e: Event) -> str:
    """18 March; February (a month-only date)."""
    return f"{e.date.day} {e.date:%B}" if e.precision == "day" else f"{e.date:%B}"


def fill_text(text: str, ledger: Ledger, where: tuple | None = None) -> str:
    """``text`` with every placeholder written out. An unknown id is an InputError at ``where``
    (path, line, column)."""
    events = {e.id: e for e in ledger.events}

    def one(m: re.Match) -> str:
        kind, key = m.group("kind"), m.group("id")
        if kind == "date":
            if key not in events:
                raise InputError(*(where or (None, None, None)), f"{{date:{key}}}: unknown event id {key!r} (not in events.csv)")
            return date_en(events[key])
        if key not in ledger.figures:
            raise InputError(*(where or (None, None, None)), f"{{{kind}:{key}}}: unknown figure id {key!r} (not in figures.csv)")
        f = ledger.figures[key]
        return figure_en(f) if kind == "fig" else as_written(f)

    return PLACEHOLDER.sub(one, text)


def cap_first(text: str) -> str:
    """``text`` with its first letter a capital."""
    return text[:1].upper() + text[1:]


#: each outcome in plain words, as a fact-checker's verdict reads ("Our verdict: ..."): rates' verdicts,
#: cross-checks' and superlatives' results, and the draft's whole-count test. A rate's verdict says
#: whether the article's own counts reproduce it ("adds up"), never that the claim is true or false.
PLAIN_VERDICT = {
    "consistent": "Adds up", "inconsistent": "Does not add up", "unverifiable": "Cannot be checked",
    "derived": "Not a claim", "pass": "Holds", "fail": "Contradicted", "tension": "Holds only on an assumption",
    "not_contradicted": "Not contradicted", "not_a_claim": "Not a claim", "possible": "Possible",
    "impossible": "Impossible",
}

#: the reason that goes with an outcome that has no numbers of its own to quote
PLAIN_REASON = {
    "unverifiable": "the article gives no counts to check it against",
    "pass": "the article's own figures confirm it",
    "fail": "the article's own figures rule it out",
    "tension": "it is true only if something the article does not say is true",
    "not_contradicted": "nothing in the article rules it out, but nothing settles it either",
    "not_a_claim": "the words are a figure of speech, an aim or an idiom, not a count",
    "possible": "some whole count of the base it gives rounds to the stated rate",
    "impossible": "no whole count of the base it gives rounds to the stated rate",
}


def _made(rs: list[RateResult]) -> str:
    """What the readings' counts make, at the cited precision: ``82%``, ``82% or 83%``."""
    made = list(dict.fromkeys(pct_range(r.recomputed, r.display_decimals) for r in rs if r.recomputed is not None))
    return " or ".join(made)


def verdict_words(outcome: str, rs: list[RateResult] | None = None) -> str:
    """A verdict in plain words, computed from the results, for every outcome the book reports.

    With a claim's readings ``rs`` (a rate's verdict) it quotes what the counts make:
    ``Does not add up: the counts the article gives make 82%, not 88%.`` Without them it gives the
    outcome's reason: ``Not contradicted: nothing in the article rules it out, but nothing settles
    it either.``"""
    head = PLAIN_VERDICT[outcome]
    tried = [r for r in rs or [] if r.recomputed is not None]
    cited = f"{rs[0].cited.value_text}%" if rs and rs[0].cited is not None else ""
    if outcome == "inconsistent" and tried:
        return f"{head}: the counts the article gives make {_made(tried)}, not {cited}."
    if outcome == "consistent" and tried:
        fit = [r for r in tried if r.fits]
        how = "" if len(fit) == len(tried) else f" read as {fit[0].rate.reading}" if fit[0].rate.reading else ""
        return f"{head}: the counts the article gives make {_made(fit)}{how}, as it says."
    if outcome == "derived" and tried:
        return f"{head}: the article states no rate here; its counts make {_made(tried)}."
    if outcome == "unverifiable" and cited:
        return f"{head}: the article gives no counts to check its {cited} against."
    reason = PLAIN_REASON.get(outcome)
    return f"{head}: {reason}." if reason else f"{head}."


def counted(n: int, one: str, many: str | None = None, zero: str = "no") -> str:
    """A count with the name of what it counts, the one way the book writes it: ``no tensions``,
    ``one claim``, ``two tensions``, ``26 cross-checks`` (words up to ten, digits above)."""
    return f"{number_word(n, zero)} {one if n == 1 else many or one + 's'}"


def tally(parts: list[tuple[int, str, str]]) -> str:
    """``26 hold, none fails and none is in tension`` from ``(n, singular verb, plural verb)``."""
    words = [f"{number_word(n, 'none')} {one if n in (0, 1) else many}" for n, one, many in parts]
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else "".join(words)
