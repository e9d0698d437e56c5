"""How far off an inconsistent rate is, and what count would have made it true.

For each reading of an inconsistent claim:

* ``miss_pp``: the distance, in percentage points, from the recomputed rate to the cited band
  (the values that round to the cited figure), measured from the nearest ends;
* ``needed``: the count that would have made the reading true with the same base: the smallest
  numerator whose rate rounds to the cited figure when the rate is too low (the largest when it is
  too high), over the base's value as given (its lowest value, for an approximate base);
* ``level``: ``rounding`` when the recomputed rate, rounded half up like the cited one, is at most
  one unit of the cited precision away from it (88 cited, 87 or 89 recomputed: a slip in the last
  digit), else ``material``. As statcheck tells a reporting slip from a decision error.

A claim's miss is its smallest over its readings: it is material only if every reading misses
materially.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil

from recount.english import en_number
from recount.verdict import RateResult, fmt_fraction, round_half_up

ROUNDING, MATERIAL = "rounding", "material"


@dataclass(frozen=True)
class Miss:
    result: RateResult
    direction: str  # "below" or "above" the cited band
    miss_pp: Fraction
    needed: int | None  # numerator that would have made it true (None: no count can)
    base: Fraction  # the base it is counted against
    level: str

    @property
    def more(self) -> int | None:
        """How many more (or, above the band, fewer) the numerator would have needed to be."""
        if self.needed is None:
            return None
        num = self.result.numerator
        return self.needed - int(num.high) if self.direction == "below" else int(num.low) - self.needed

    def needed_text(self) -> str:
        """``5,121 of 5,852``."""
        if self.needed is None:
            return f"no count of {_n(self.base)} rounds to {self.result.cited.value_text}%"
        return f"{_n(self.needed)} of {_n(self.base)}"

    def line(self) -> str:
        """The reading's miss in one line of English."""
        r = self.result
        where = "below" if self.direction == "below" else "above"
        more = self.more
        fix = (f"; {self.needed_text()} would have given {r.cited.value_text}%"
               + (f" ({_n(more)} {'more' if self.direction == 'below' else 'fewer'} than the "
                  f"{_n(r.numerator.high if self.direction == 'below' else r.numerator.low)} given)" if more else "")
               if self.needed is not None else f"; {self.needed_text()}")
        return (f"{r.rate.reading or 'the reading'}: {r.recomputed_text(2)}, {fmt_fraction(self.miss_pp, 2)} "
                f"percentage points {where} the band of {r.cited.value_text}% ({self.level} miss){fix}")


def _n(x) -> str:
    return en_number(Fraction(x))  # an int or a Fraction


def miss(r: RateResult) -> Miss | None:
    """The miss of one reading that does not fit its cited band; None for a reading that fits or
    has nothing to compare."""
    if r.fits is not False or r.recomputed is None or r.cited_interval is None:
        return None
    rec, band = r.recomputed, r.cited_interval
    d = r.cited.decimals
    unit = Fraction(1, 10 ** d)
    cited = Fraction(Decimal(r.cited.value_text))
    if rec.high is not None and rec.high < band.low:
        direction, distance, nearest = "below", band.low - rec.high, rec.high
        base = r.denominator.low
        n = ceil(band.low * base / 100)
        needed = n if Fraction(100 * n) / base < band.high else None
    else:
        direction, distance, nearest = "above", rec.low - band.high, rec.low
        base = r.denominator.high if r.denominator.high is not None else r.denominator.low
        n = ceil(band.high * base / 100) - 1
        needed = n if n >= 0 and Fraction(100 * n) / base >= band.low else None
    off = abs(Fraction(round_half_up(nearest, d)) - cited)
    level = ROUNDING if off <= unit else MATERIAL
    return Miss(r, direction, distance, needed, base, level)


def claim_level(misses: list[Miss]) -> str | None:
    """A claim's miss: rounding if any reading misses only by rounding, else material."""
    if not misses:
        return None
    return ROUNDING if any(m.level == ROUNDING for m in misses) else MATERIAL
