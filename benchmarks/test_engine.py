"""The vectorised engine gives the scalar rule's verdicts, exactly."""

from fractions import Fraction as F

import numpy as np
import pytest

import engine
from recount.intervals import Interval
from recount.ledger import load_ledger
from recount.verdict import evaluate


def test_engine_matches_the_scalar_rule_on_the_article():
    ledger = load_ledger()
    codes = engine.verdicts(engine.from_ledger(ledger))
    assert [engine.VERDICT_CODES[c] for c in codes] == [r.verdict for r in evaluate(ledger)]


def _scalar_fits(a: engine.RateArrays, i: int) -> int:
    if not (a.has_cited[i] and a.has_counts[i]):
        return -1
    nh = None if a.num_high[i] == engine.UNBOUNDED else F(int(a.num_high[i]))
    dh = None if a.den_high[i] == engine.UNBOUNDED else F(int(a.den_high[i]))
    rec = Interval(F(int(a.num_low[i])), nh).ratio(Interval(F(int(a.den_low[i])), dh)).scale(100)
    s = int(a.cited_scale[i])
    cited = Interval(F(int(a.cited_low[i]), s), F(int(a.cited_high[i]), s), bool(a.cited_high_open[i]))
    return int(rec.intersects(cited))


def test_engine_matches_the_scalar_rule_on_random_rates():
    a = engine.synthetic(3000, seed=7)
    got = engine.fits(a)
    want = np.array([_scalar_fits(a, i) for i in range(len(a))], dtype=np.int8)
    assert (got == want).all()
    assert (got == 1).sum() > 300 and (got == 0).sum() > 300, "both branches exercised"


def test_engine_decides_exact_halves_like_the_scalar_rule():
    # 165/200 = 82.5% (fits 83), 167/200 = 83.5% (does not fit 83), 1669/2000 = 83.45% (fits)
    n = 3
    a = engine.RateArrays(
        num_low=np.array([165, 167, 1669]), num_high=np.array([165, 167, 1669]),
        den_low=np.array([200, 200, 2000]), den_high=np.array([200, 200, 2000]),
        cited_low=np.full(n, 2 * 83 - 1), cited_high=np.full(n, 2 * 83 + 1), cited_scale=np.full(n, 2),
        cited_high_open=np.ones(n, bool), has_cited=np.ones(n, bool), has_counts=np.ones(n, bool),
        claim=np.arange(n))
    assert engine.fits(a).tolist() == [1, 0, 1]


def test_engine_groups_readings_into_claims():
    a = engine.synthetic(2000, seed=3, readings_per_claim=3)
    f = engine.fits(a)
    v = engine.verdicts(a)
    for claim in range(0, 600, 37):
        idx = np.flatnonzero(a.claim == claim)
        tried = f[idx][f[idx] >= 0]
        want = 2 if len(tried) == 0 else (0 if (tried == 1).any() else 1)
        for i in idx:
            assert v[i] == (3 if not a.has_cited[i] else want)


def test_engine_refuses_inputs_that_could_overflow():
    a = engine.synthetic(10, seed=1)
    a.den_high[0] = 2**60
    with pytest.raises(ValueError, match="int64"):
        engine.fits(a)
