"""The tables and objects that the CLI prints and the book shows.

One place turns ledger + verdicts into rows, so the terminal, the JSON and the
HTML book cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pandas as pd

from recount.constraints import ConstraintResult, check_all
from recount.ledger import Figure, Ledger
from recount.verdict import RateResult, claim_key, evaluate

VERDICT_ORDER = ("inconsistent", "consistent", "unverifiable", "derived")


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def figure_record(f: Figure) -> dict:
    b = f.base_interval
    return {
        "id": f.id, "section": f.section, "quote": f.quote, "value": float(f.value),
        "value_text": f.value_text, "unit": f.unit, "qualifier": f.qualifier, "label_en": f.label_en,
        "base_unit": f.base_unit, "low": _f(b.low), "high": _f(b.high), "line": f.line,
    }


def rate_record(r: RateResult, ledger: Ledger) -> dict:
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
    }


def constraint_record(c: ConstraintResult) -> dict:
    k = c.constraint
    return {
        "id": k.id, "section": k.section, "kind": k.kind, "left": "+".join(k.left),
        "right": "+".join(k.right) or None, "items": list(k.items), "result": c.result,
        "certain": c.certain, "expected": k.expected, "detail": c.detail, "note_en": k.note_en,
    }


class Report:
    """Everything the book and the CLI show, computed once."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.results = evaluate(ledger)
        self.constraint_results = check_all(ledger)

    # --- records
    def figure_records(self) -> list[dict]:
        return [figure_record(f) for f in self.ledger.figures.values()]

    def rate_records(self) -> list[dict]:
        return [rate_record(r, self.ledger) for r in self.results]

    def constraint_records(self) -> list[dict]:
        return [constraint_record(c) for c in self.constraint_results]

    def as_json(self) -> dict:
        return {"figures": self.figure_records(), "rates": self.rate_records(),
                "constraints": self.constraint_records()}

    # --- frames
    def figures_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.figure_records())

    def rates_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rate_records())

    def constraints_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.constraint_records())

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim: a cited percentage (all its readings) or a derived rate."""
        rates = self.rates_frame()
        first = rates.groupby("claim", sort=False).first().reset_index()
        first["readings"] = rates.groupby("claim", sort=False).size().values
        return first

    # --- summaries
    def scorecard(self) -> dict[str, int]:
        """Claims per verdict (a claim with several readings counts once)."""
        counts = Counter(self.claims_frame()["verdict"])
        return {v: counts.get(v, 0) for v in VERDICT_ORDER}

    def n_claims(self) -> int:
        """The claims: the percentages the article states (derived rates are counted apart)."""
        return sum(n for v, n in self.scorecard().items() if v != "derived")

    def mismatches(self) -> list[str]:
        out = [f"rate {r.rate.id}: verdict {r.verdict}, expected {r.rate.expected}"
               for r in self.results if not r.matches_expected]
        out += [f"constraint {c.constraint.id}: {c.result}, expected {c.constraint.expected}"
                for c in self.constraint_results if not c.matches_expected]
        return out

    def section_rates(self, section: int) -> pd.DataFrame:
        df = self.rates_frame()
        return df[df["section"] == section].reset_index(drop=True)

    def section_figures(self, section: int) -> pd.DataFrame:
        df = self.figures_frame()
        return df[df["section"] == section].reset_index(drop=True)

    def section_constraints(self, section: int) -> pd.DataFrame:
        df = self.constraints_frame()
        return df[df["section"] == section].reset_index(drop=True)

    def result(self, rate_id: str) -> RateResult:
        for r in self.results:
            if r.rate.id == rate_id:
                return r
        raise KeyError(rate_id)
