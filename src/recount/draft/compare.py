"""A draft of the project's article against the hand ledger, figure by figure and claim by claim.

A hand figure *agrees* when a drafted figure lies inside its quote with the same
value, unit and qualifier; a hand claim when the drafted claim on its cited
figure has the same verdict. Where they differ, :data:`WHY` says why, in words a
reader of the appendix can check against the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from recount.draft import Draft, draft
from recount.draft.claims import Claim
from recount.draft.figures import Exclusion, Figure
from recount.ledger import Figure as HandFigure
from recount.ledger import Ledger
from recount.verdict import claim_key, evaluate

#: why the draft reads a figure differently from the hand ledger (keyed by the hand quote)
WHY = {
    "三大运营商": "三大 (“the big three”) has no measure word; the hand ledger counts three carriers (家).",
    "“四馆”": "四馆 (“the four venues”) names its noun, not a measure word; the hand ledger counts four (个).",
}


@dataclass(frozen=True)
class FigureMatch:
    hand: HandFigure
    drafted: Figure | None
    exclusion: Exclusion | None

    @property
    def agrees(self) -> bool:
        d = self.drafted
        return d is not None and (d.value, d.unit, d.qualifier) == (self.hand.value, self.hand.unit, self.hand.qualifier)

    @property
    def why(self) -> str:
        if self.agrees:
            return ""
        if self.hand.quote in WHY:
            return WHY[self.hand.quote]
        if self.drafted is None:
            return f"not read as a figure ({self.exclusion.kind})" if self.exclusion else "not read"
        return "read differently"


@dataclass(frozen=True)
class ClaimMatch:
    hand_id: str
    hand: HandFigure
    hand_verdict: str
    drafted: Claim | None

    @property
    def agrees(self) -> bool:
        return self.drafted is not None and self.drafted.verdict == self.hand_verdict


@dataclass
class Comparison:
    draft: Draft
    figures: list[FigureMatch]
    claims: list[ClaimMatch]
    extra: list[Figure]  # drafted figures inside no hand quote

    @property
    def claims_agreeing(self) -> int:
        return sum(m.agrees for m in self.claims)


def _inside(start: int, end: int, hand: HandFigure) -> bool:
    return hand.start <= start and end <= hand.start + len(hand.quote)


def _overlaps(start: int, end: int, hand: HandFigure) -> bool:
    return start < hand.start + len(hand.quote) and hand.start < end


def compare(ledger: Ledger) -> Comparison:
    d = draft(ledger.source)
    matches, used = [], set()
    for h in sorted(ledger.figures.values(), key=lambda f: f.start):
        inside = [f for f in d.figures if _overlaps(f.number_start, f.end, h)]
        best = next((f for f in inside if f.value == h.value), inside[0] if inside else None)
        if best is not None:
            used.add(id(best))
        excl = next((x for x in d.exclusions if _overlaps(x.start, x.end, h)), None)
        matches.append(FigureMatch(h, best, excl))
    verdicts = {claim_key(r.rate): r.verdict for r in evaluate(ledger) if r.rate.cited}
    claims = []
    for cid, verdict in verdicts.items():
        h = ledger.figures[cid]
        drafted = next((c for c in d.claims if _inside(c.figure.number_start, c.figure.end, h)), None)
        claims.append(ClaimMatch(cid, h, verdict, drafted))
    extra = [f for f in d.figures if id(f) not in used]
    return Comparison(d, matches, claims, extra)
