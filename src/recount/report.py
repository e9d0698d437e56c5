"""The tables and objects that the CLI prints and the book shows.

One place turns ledger + verdicts into rows, so the terminal, the JSON and the
HTML book cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

from recount import severity, superlatives
from recount.constraints import ConstraintResult, check_all
from recount.ledger import Figure, Ledger
from recount.superlatives import SuperlativeResult
from recount.verdict import RateResult, claim_key, evaluate
from recount.vocabulary import RESULTS

if TYPE_CHECKING:
    import pandas as pd

VERDICT_ORDER = ("inconsistent", "consistent", "unverifiable", "derived")


def _frame(*args, **kwargs) -> pd.DataFrame:
    """A DataFrame; pandas is imported when a table is first asked for (the checker, and the book's
    build reading a page's card, need none)."""
    import pandas as pd

    return pd.DataFrame(*args, **kwargs)


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _count(x: Fraction) -> int | float:
    """A count as a plain number: an int when whole (a count of firms), else a float."""
    return x.numerator if x.denominator == 1 else float(x)


def _share(r: RateResult) -> float | None:
    """A rate's stated value as a share (``0.88`` for 88%), None for a derived rate."""
    return None if r.cited is None else float(r.cited.value) / 100


def figure_record(f: Figure) -> dict:
    b = f.base_interval
    return {
        "id": f.id, "section": f.section, "quote": f.quote, "value": float(f.value),
        "value_text": f.value_text, "unit": f.unit, "qualifier": f.qualifier, "label_en": f.label_en,
        "base_unit": f.base_unit, "low": _f(b.low), "high": _f(b.high), "line": f.line,
    }


def miss_fields(r: RateResult, claim_level: str | None) -> dict:
    """How far off a reading that misses its cited band is (all None for one that fits)."""
    m = severity.miss(r)
    return {
        "miss_pp": _f(m.miss_pp) if m else None,
        "miss_direction": m.direction if m else None,
        "miss_level": m.level if m else None,
        "needed_numerator": m.needed if m else None,
        "needed_denominator": _f(m.base) if m else None,
        "needed_text": m.needed_text() if m else None,
        "needed_more": m.more if m else None,
        "claim_miss_level": claim_level,
    }


def rate_record(r: RateResult, ledger: Ledger, claim_level: str | None = None) -> dict:
    rate = r.rate
    quote_fig = r.cited if r.cited is not None else ledger.figures[rate.numerator[0]]
    rec = r.recomputed
    return {
        "id": rate.id, "section": rate.section, "claim": claim_key(rate), "quote": quote_fig.quote,
        "label_en": quote_fig.label_en,
        "cited": float(r.cited.value) if r.cited is not None else None,
        "cited_text": f"{r.cited.value_text}%" if r.cited is not None else None,
        "cited_qualifier": r.cited.qualifier if r.cited is not None else None,
        "cited_low": _f(r.cited_interval.low) if r.cited_interval else None,
        "cited_high": _f(r.cited_interval.high) if r.cited_interval else None,
        "numerator": "+".join(rate.numerator) or None, "denominator": "+".join(rate.denominator) or None,
        "recomputed_low": _f(rec.low) if rec else None, "recomputed_high": _f(rec.high) if rec else None,
        "recomputed_text": r.recomputed_text(), "arithmetic": r.arithmetic(),
        "reading": rate.reading or None, "fits": r.fits, "verdict": r.verdict, "expected": rate.expected,
        "note_en": rate.note_en,
        **miss_fields(r, claim_level),
    }


def constraint_record(c: ConstraintResult) -> dict:
    k = c.constraint
    return {
        "id": k.id, "section": k.section, "kind": k.kind, "left": "+".join(k.left),
        "right": "+".join(k.right) or None, "items": list(k.items), "result": c.result,
        "certain": c.certain, "expected": k.expected, "detail": c.detail, "note_en": k.note_en,
        "strength": c.strength, "strength_reason_en": c.reason_en,
    }


def superlative_record(s: SuperlativeResult) -> dict:
    k = s.claim
    return {
        "id": k.id, "section": k.section, "quote": k.quote, "word": k.word, "claim_en": k.claim_en,
        "result": s.result, "expected": k.expected, "assumption_en": s.assumption,
        "readings": [{"id": r.reading.id, "test": r.reading.test, "reading_en": r.reading.reading_en,
                      "strength": r.reading.strength, "basis_en": r.reading.basis_en, "result": r.result,
                      "arithmetic": r.arithmetic, "needed": r.needed} for r in s.readings],
    }


def claim_results(report: Report, claim: str) -> list[RateResult]:
    """All readings of one claim (a cited figure id, or ``derived:<rate id>``)."""
    return [r for r in report.results if claim_key(r.rate) == claim]


class Report:
    """Everything the book and the CLI show, computed once."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.results = evaluate(ledger)
        self.constraint_results = check_all(ledger)
        self.superlative_results = superlatives.check_all(ledger)
        by_claim: dict[str, list[severity.Miss]] = {}
        for r in self.results:
            m = severity.miss(r)
            by_claim.setdefault(claim_key(r.rate), [])
            if m is not None:
                by_claim[claim_key(r.rate)].append(m)
        #: claim -> the misses of its readings (empty for a claim whose readings fit)
        self.misses = by_claim

    # --- records
    def figure_records(self) -> list[dict]:
        return [figure_record(f) for f in self.ledger.figures.values()]

    def rate_records(self) -> list[dict]:
        return [rate_record(r, self.ledger, severity.claim_level(self.misses[claim_key(r.rate)]))
                for r in self.results]

    def constraint_records(self) -> list[dict]:
        return [constraint_record(c) for c in self.constraint_results]

    def superlative_records(self) -> list[dict]:
        return [superlative_record(s) for s in self.superlative_results]

    def as_json(self) -> dict:
        return {"figures": self.figure_records(), "rates": self.rate_records(),
                "constraints": self.constraint_records(), "superlatives": self.superlative_records()}

    def cross_findings(self) -> list[ConstraintResult | SuperlativeResult]:
        """Every cross-check and superlative whose figures do not sit together: fails, then tensions."""
        found = [c for c in self.constraint_results if c.result in ("fail", "tension")]
        found += [s for s in self.superlative_results if s.result in ("fail", "tension")]
        return sorted(found, key=lambda x: x.result != "fail")

    def constraint_counts(self) -> dict[str, int]:
        """Cross-checks by result (pass, fail, tension, not contradicted)."""
        counts = Counter(c.result for c in self.constraint_results)
        return {k: counts.get(k, 0) for k in RESULTS}

    def superlative_counts(self) -> dict[str, int]:
        """Tested superlatives (those with readings) by result (pass, fail, tension, not contradicted)."""
        counts = Counter(s.result for s in self.superlative_results if s.readings)
        return {k: counts.get(k, 0) for k in RESULTS}

    def result_counts(self) -> dict[str, int]:
        """Cross-checks and tested superlatives together, by result."""
        constraints, superlatives = self.constraint_counts(), self.superlative_counts()
        return {k: constraints[k] + superlatives[k] for k in RESULTS}

    # --- frames
    def rates_frame(self) -> pd.DataFrame:
        return _frame(self.rate_records())

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim: a cited percentage (all its readings) or a derived rate."""
        rates = self.rates_frame()
        if rates.empty:  # an article that states no percentage
            return _frame(columns=["claim", "verdict", "readings"])
        first = rates.groupby("claim", sort=False).first().reset_index()
        first["readings"] = rates.groupby("claim", sort=False).size().values
        return first

    def rates_table(self, section: int | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The rates of one section (all of them; or those of ``ids``, in that order) as a tidy frame, one
        row per reading, indexed by rate id: what is claimed, the Chinese quote, the reading, the stated
        value and the range recomputed from the counts (as shares, ``0.8202`` for 82.02%; ``NaN`` where the
        article gives none), the verdict."""
        results = self.results if section is None else [r for r in self.results if r.rate.section == section]
        if ids is not None:
            by_id = {r.rate.id: r for r in self.results}
            results = [by_id[i] for i in ids]
        rows = []
        for r in results:
            quote_fig = r.cited if r.cited is not None else self.ledger.figures[r.rate.numerator[0]]
            rec = r.recomputed
            rows.append({"rate": r.rate.id, "claim": quote_fig.label_en, "quote": quote_fig.quote,
                         "reading": r.rate.reading or None,
                         "stated": _share(r),
                         "recomputed_low": _f(rec.low / 100) if rec else None,
                         "recomputed_high": _f(rec.high / 100) if rec and rec.high is not None else None,
                         "verdict": r.verdict})
        columns = ["claim", "quote", "reading", "stated", "recomputed_low", "recomputed_high", "verdict"]
        return _frame(rows, columns=["rate", *columns]).set_index("rate")

    def rate_counts(self, section: int | None = None, claim: str | None = None) -> pd.DataFrame:
        """The counts each recomputable rate divides, one row per reading, indexed by rate id: what is
        claimed, the reading, the stated value (a share, ``0.88``), the counts as ``part`` and ``whole``, and whether
        both are single numbers (``exact``; where one is written with 余, 多 or 约 the two columns hold
        its lower end, and :meth:`rates_table` gives the range), the verdict. ``claim``: the readings of
        one claim."""
        rows = []
        for r in self.results:
            if r.recomputed is None or (section is not None and r.rate.section != section) or (
                    claim is not None and claim_key(r.rate) != claim):
                continue
            quote_fig = r.cited if r.cited is not None else self.ledger.figures[r.rate.numerator[0]]
            rows.append({"rate": r.rate.id, "claim": quote_fig.label_en, "reading": r.rate.reading or None,
                         "stated": _share(r),
                         "part": _count(r.numerator.low), "whole": _count(r.denominator.low),
                         "exact": r.numerator.is_point and r.denominator.is_point, "verdict": r.verdict})
        columns = ["claim", "reading", "stated", "part", "whole", "exact", "verdict"]
        return _frame(rows, columns=["rate", *columns]).set_index("rate")

    def checks_table(self, section: int | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The cross-checks of one section (or those of ``ids``, in that order) as a tidy frame indexed by
        check id: its kind, why it holds, its arithmetic, the result, whether certain, hard or soft."""
        checks = self.constraint_results if section is None else [
            c for c in self.constraint_results if c.constraint.section == section]
        if ids is not None:
            by_id = {c.constraint.id: c for c in self.constraint_results}
            checks = [by_id[i] for i in ids]
        rows = [{"check": c.constraint.id, "kind": c.constraint.kind, "why": c.constraint.note_en,
                 "arithmetic": c.detail, "result": c.result, "certain": c.certain, "strength": c.strength}
                for c in checks]
        columns = ["kind", "why", "arithmetic", "result", "certain", "strength"]
        return _frame(rows, columns=["check", *columns]).set_index("check")

    def inconsistent_claims(self, section: int | None = None) -> list[str]:
        """The claims (keys, in the order of the ledger) whose verdict is inconsistent, of one section or all."""
        return list(dict.fromkeys(claim_key(r.rate) for r in self.results if r.verdict == "inconsistent"
                                  and (section is None or r.rate.section == section)))

    # --- summaries
    def scorecard(self) -> dict[str, int]:
        """Claims per verdict (a claim with several readings counts once)."""
        first: dict[str, str] = {}  # a claim's verdict is its first reading's, as in claims_frame
        for record in self.rate_records():
            first.setdefault(record["claim"], record["verdict"])
        counts = Counter(first.values())
        return {v: counts.get(v, 0) for v in VERDICT_ORDER}

    def n_claims(self) -> int:
        """The claims: the percentages the article states (derived rates are counted apart)."""
        return sum(n for v, n in self.scorecard().items() if v != "derived")

    def n_checkable(self) -> int:
        """The claims the article's own counts decide: consistent or inconsistent (not unverifiable)."""
        card = self.scorecard()
        return card["consistent"] + card["inconsistent"]

    def mismatches(self) -> list[str]:
        out = [f"rate {r.rate.id}: verdict {r.verdict}, expected {r.rate.expected}"
               for r in self.results if not r.matches_expected]
        out += [f"constraint {c.constraint.id}: {c.result}, expected {c.constraint.expected}"
                for c in self.constraint_results if not c.matches_expected]
        out += [f"superlative {s.claim.id}: {s.result}, expected {s.claim.expected}"
                for s in self.superlative_results if not s.matches_expected]
        return out

    def result(self, rate_id: str) -> RateResult:
        for r in self.results:
            if r.rate.id == rate_id:
                return r
        raise KeyError(rate_id)
