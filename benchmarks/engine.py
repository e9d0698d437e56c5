"""The verdict rule of :mod:`recount.verdict`, vectorised over millions of rates.

Same rule, integer arithmetic only: every bound is an integer (counts, and
amounts in their base unit), and a cited interval is ``[L/S, H/S)`` with integer
``L``, ``H`` and scale ``S`` (``S = 2 * 10^d`` for an exact figure with d
decimals, so ``L = 2c' - 1`` and ``H = 2c' + 1`` where ``c' = c * 10^d``).
A reading fits when

* ``100 * n_low / d_high < H / S``  (``<=`` when the cited interval is closed above)
  i.e. ``100 * S * n_low < H * d_high``, and
* ``100 * n_high / d_low >= L / S`` i.e. ``100 * S * n_high >= L * d_low``.

An unbounded upper count (超过) is stored as ``-1``. No float and no division
ever decides a verdict. :func:`check_bounds` refuses inputs whose products
could overflow int64.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np

from recount.intervals import cited_interval
from recount.ledger import Ledger, sum_interval
from recount.verdict import claim_key

VERDICT_CODES = ("consistent", "inconsistent", "unverifiable", "derived")
UNBOUNDED = -1
_LIMIT = 2**62


@dataclass
class RateArrays:
    """Column arrays for n readings (one row per reading)."""

    num_low: np.ndarray  # int64
    num_high: np.ndarray  # int64, -1 = unbounded
    den_low: np.ndarray  # int64
    den_high: np.ndarray  # int64, -1 = unbounded
    cited_low: np.ndarray  # int64, L
    cited_high: np.ndarray  # int64, H
    cited_scale: np.ndarray  # int64, S
    cited_high_open: np.ndarray  # bool
    has_cited: np.ndarray  # bool
    has_counts: np.ndarray  # bool
    claim: np.ndarray  # int64 claim index (readings of one claim share it)

    def __len__(self) -> int:
        return len(self.num_low)


def check_bounds(a: RateArrays) -> None:
    """Raise ValueError when 100*S*count or H*count could overflow int64."""
    if len(a) == 0:
        return
    counts = max(int(np.abs(x).max()) for x in (a.num_low, a.num_high, a.den_low, a.den_high))
    scale = int(a.cited_scale.max())
    cited = max(int(np.abs(a.cited_low).max()), int(np.abs(a.cited_high).max()))
    if 100 * scale * counts >= _LIMIT or cited * counts >= _LIMIT:
        raise ValueError("counts or decimals too large for exact int64 arithmetic")


def fits(a: RateArrays) -> np.ndarray:
    """Per reading: 1 fits, 0 does not, -1 nothing to compare (no counts or no cited value)."""
    check_bounds(a)
    s100 = a.cited_scale * 100
    # lower end of the recomputed interval below the cited upper bound
    den_high_unbounded = a.den_high == UNBOUNDED
    lhs = s100 * a.num_low
    rhs = a.cited_high * np.where(den_high_unbounded, 1, a.den_high)
    below = np.where(a.cited_high_open, lhs < rhs, lhs <= rhs)
    below |= den_high_unbounded & ((a.cited_high > 0) | ~a.cited_high_open)  # low end is 0
    # upper end of the recomputed interval at or above the cited lower bound
    above = s100 * np.where(a.num_high == UNBOUNDED, 0, a.num_high) >= a.cited_low * a.den_low
    above |= (a.num_high == UNBOUNDED) | (a.den_low == 0)
    out = np.where(below & above, 1, 0).astype(np.int8)
    out[~(a.has_cited & a.has_counts)] = -1
    return out


def verdicts(a: RateArrays) -> np.ndarray:
    """Per reading, the claim's verdict code (index into :data:`VERDICT_CODES`)."""
    f = fits(a)
    n_claims = int(a.claim.max()) + 1 if len(a) else 0
    tried = np.bincount(a.claim[f >= 0], minlength=n_claims) > 0
    any_fit = np.bincount(a.claim[f == 1], minlength=n_claims) > 0
    claim_code = np.where(any_fit, 0, np.where(tried, 1, 2)).astype(np.int8)
    out = claim_code[a.claim]
    out[~a.has_cited] = 3
    return out


def from_ledger(ledger: Ledger) -> RateArrays:
    """The ledger's rates as arrays (one row per rate, in ledger order)."""
    rows = []
    claims: dict[str, int] = {}
    for rate in ledger.rates:
        claim = claims.setdefault(claim_key(rate), len(claims))
        if rate.numerator:
            num = sum_interval(rate.numerator, ledger.figures)
            den = sum_interval(rate.denominator, ledger.figures)
            bounds = [num.low, num.high, den.low, den.high]
            for b in bounds:
                if b is not None and b.denominator != 1:
                    raise ValueError(f"{rate.id}: non-integer count bound {b}")
            nl, nh, dl, dh = (UNBOUNDED if b is None else int(b) for b in bounds)
        else:
            nl = nh = dl = dh = 0
        if rate.cited:
            fig = ledger.figures[rate.cited]
            ci = cited_interval(fig.value_text, fig.qualifier)
            if ci.high is None:
                raise ValueError(f"{rate.id}: unbounded cited value")
            s = lcm(ci.low.denominator, ci.high.denominator)
            lo, hi, open_ = int(ci.low * s), int(ci.high * s), ci.high_open
        else:
            s, lo, hi, open_ = 1, 0, 0, False
        rows.append((nl, nh, dl, dh, lo, hi, s, open_, rate.cited is not None, bool(rate.numerator), claim))
    cols = list(zip(*rows)) if rows else [[]] * 11
    i64 = lambda c: np.asarray(c, dtype=np.int64)  # noqa: E731
    return RateArrays(i64(cols[0]), i64(cols[1]), i64(cols[2]), i64(cols[3]), i64(cols[4]), i64(cols[5]),
                      i64(cols[6]), np.asarray(cols[7], bool), np.asarray(cols[8], bool),
                      np.asarray(cols[9], bool), i64(cols[10]))


def synthetic(n: int, seed: int = 0, readings_per_claim: int = 1) -> RateArrays:
    """``n`` random readings: counts up to 10^7, some approximate, cited values of 0-2 decimals.

    About a third of the cited values are the true rate rounded half-up (so the
    consistent branch is exercised), the rest are random.
    """
    rng = np.random.default_rng(seed)
    den_low = rng.integers(1, 10_000_000, n, dtype=np.int64)
    approx = rng.random(n) < 0.2
    den_high = den_low + np.where(approx, 10 ** rng.integers(0, 4, n), 0)
    num_low = (den_low * rng.random(n)).astype(np.int64)
    num_high = num_low + np.where(rng.random(n) < 0.2, 10 ** rng.integers(0, 3, n), 0)
    num_high = np.minimum(num_high, den_high)
    unbounded = rng.random(n) < 0.01
    num_high[unbounded] = UNBOUNDED
    d = rng.integers(0, 3, n)
    scale10 = 10 ** d
    true = (200 * scale10 * num_low + den_low) // (2 * den_low)  # half-up of 100*n/d at d decimals
    cited = np.where(rng.random(n) < 0.34, true, rng.integers(0, 100, n) * scale10)
    has_counts = rng.random(n) < 0.9
    has_cited = rng.random(n) < 0.8
    claim = np.arange(n, dtype=np.int64) // readings_per_claim
    return RateArrays(num_low, num_high, den_low, den_high, 2 * cited - 1, 2 * cited + 1, 2 * scale10,
                      np.ones(n, bool), has_cited, has_counts, claim)
