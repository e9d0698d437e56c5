"""A draft of the project's article against the hand ledger, figure by figure and claim by claim.

A hand figure *agrees* when a drafted figure lies inside its quote with the same
value, unit and qualifier; a hand claim when the drafted claim on its cited
figure has the same verdict. Where they differ, :data:`WHY` says why, in words a
reader of the appendix can check against the text.

:func:`compare_answers` sets the draft of each test article written in the genre
(``tests/articles/genre``, simplified and traditional) beside a person's answers
(``answers.csv``: verdict and counts per stated percentage), and :func:`score`
counts what the issue measures: false alarms, inconsistencies flagged with the
right counts, consistent percentages explained, invented explanations.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from recount import paths
from recount.draft import Draft, draft
from recount.draft.claims import IMPOSSIBLE, Claim
from recount.draft.figures import Exclusion, Figure
from recount.ledger import Figure as HandFigure
from recount.ledger import Ledger
from recount.verdict import CONSISTENT, INCONSISTENT, UNVERIFIABLE, claim_key, evaluate

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


# ---------------------------------------------------------------- the test articles against a person's answers
#: verdicts that flag a stated percentage as wrong
ALARMS = (INCONSISTENT, IMPOSSIBLE)


@dataclass(frozen=True)
class Answer:
    """A person's answer for one stated percentage: its verdict and the counts a reader would name."""

    article: str
    cited: str  # the value as the draft writes it (value_text): 12.4, 65 for 6成半
    verdict: str
    numerator: tuple[str, ...]
    denominator: str  # the base's value ("" when there is none): a stated total, or a sum such as part + rest


@dataclass(frozen=True)
class AnswerMatch:
    answer: Answer
    script: str  # "zh-hans" or "zh-hant"
    drafted: Claim

    @property
    def right_counts(self) -> bool:
        """The draft names the reader's counts: the same numerators and a base of the same value."""
        j = self.drafted.as_json()
        den = sum(Decimal(x["value"]) for x in j["denominator"]) if j["denominator"] else None
        return sorted(x["value"] for x in j["numerator"]) == sorted(self.answer.numerator) \
            and den == (Decimal(self.answer.denominator) if self.answer.denominator else None)

    @property
    def agrees(self) -> bool:
        """Same verdict, and for a verdict with counts, the same counts."""
        same = self.drafted.verdict == self.answer.verdict
        return same and (self.answer.verdict == UNVERIFIABLE or self.right_counts)


def read_answers(folder: Path) -> list[Answer]:
    paths.note_read(folder / "answers.csv")
    with (folder / "answers.csv").open(encoding="utf-8", newline="") as fh:
        return [Answer(r["article"], r["cited"], r["verdict"], tuple(filter(None, r["numerator"].split("+"))),
                       r["denominator"]) for r in csv.DictReader(fh)]


def compare_answers(folder: Path) -> list[AnswerMatch]:
    """Every article of ``folder`` (``NAME.zh-hans.txt``, ``NAME.zh-hant.txt``) drafted and set beside
    ``answers.csv``; a file whose stated percentages are not the answers' is a :class:`ValueError`."""
    answers: dict[str, list[Answer]] = {}
    for a in read_answers(folder):
        answers.setdefault(a.article, []).append(a)
    out = []
    for article, rows in answers.items():
        for script in ("zh-hans", "zh-hant"):
            path = folder / f"{article}.{script}.txt"
            paths.note_read(path)
            claims = draft(path.read_text(encoding="utf-8")).claims
            if [c.figure.value_text for c in claims] != [a.cited for a in rows]:
                raise ValueError(f"{path}: its stated percentages are not those of answers.csv")
            out += [AnswerMatch(a, script, c) for a, c in zip(rows, claims)]
    return out


@dataclass(frozen=True)
class Score:
    """The issue's measures over a set of matches."""

    false_alarms: int  # flagged (inconsistent, impossible) where a person finds nothing wrong
    inconsistent: int  # a person's inconsistent and impossible ones
    flagged: int  # of those, flagged by the draft with the reader's counts
    consistent: int  # a person's consistent ones
    explained: int  # of those, called consistent by the draft with the reader's counts
    drafted_consistent: int  # every claim the draft calls consistent
    invented: int  # of those, a wrong explanation: not consistent to a person, or other counts


def score(matches: list[AnswerMatch]) -> Score:
    real = [m for m in matches if m.answer.verdict in ALARMS]
    fine = [m for m in matches if m.answer.verdict == CONSISTENT]
    drafted = [m for m in matches if m.drafted.verdict == CONSISTENT]
    return Score(
        false_alarms=sum(m.drafted.verdict in ALARMS and m.answer.verdict not in ALARMS for m in matches),
        inconsistent=len(real), flagged=sum(m.drafted.verdict in ALARMS and m.right_counts for m in real),
        consistent=len(fine), explained=sum(m.drafted.verdict == CONSISTENT and m.right_counts for m in fine),
        drafted_consistent=len(drafted),
        invented=sum(not (m.answer.verdict == CONSISTENT and m.right_counts) for m in drafted))
