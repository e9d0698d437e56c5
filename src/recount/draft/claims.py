"""Explain each stated percentage from the article's own counts, or say it cannot be.

The search, nearest first (the methods page states the rules; this is the code):

* **Numerators** are counts in the claim's own sentence; **denominators** are
  counts in the same clause, then the same sentence, then the same paragraph.
  The first level that has any admissible reading decides, unless a later level
  has a reading that fits (then that one explains the claim).
* A reading is **admissible** when numerator and denominator have compatible
  units (:func:`recount.units.compatible`: firms with firms, 人 with 人,
  万元 with 亿元), the numerator can be at most the denominator, the counts name
  the same thing (their nouns, by jieba's part-of-speech tagging, share two
  characters: 在校学生 and 学生, not 学校 and 学生; a count
  that names nothing, 已复工55家 or 其中850家, is paired within its sentence, or
  with the one count just before its sentence), and, when the claim's clause names what it is
  about (商贸服务业复工复产率 names 商贸服务业), one of them names that too.
* Readings: a / b; sums in the claim's sentence, (a1 + a2) / b and the pooled
  (a1 + a2) / (b1 + b2); a part over the parts its sentence lists, a / (a + b)
  (12间停诊, 另有30间营运, 停诊比例三成: the second part's clause says 另有,
  其余 ...); and the complement (b − a) / b when the clause speaks of what is
  left (未, 尚未, 其余, 剩余 ...).
* A figure written with decimals stands for its rounding interval, a qualified
  count for its qualifier's interval (:mod:`recount.intervals`); a reading fits
  when its interval meets the cited one.

Verdicts: ``consistent`` (a reading fits), ``inconsistent`` (admissible readings
exist and none fits; the nearest are listed), ``unverifiable`` (no admissible
reading; also when the only readings pair a count that names nothing with the
count before its sentence, which may not be its base). A threshold (超过90%,
九成以上, 不到10%) or a percentage-point difference is never called
inconsistent, and neither is a change (下降0.5%, 同比增长8%): a change is not a
share of the counts beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import combinations

from recount.draft.figures import Figure
from recount.draft.text import Segments
from recount.units import COUNT_KINDS, compatible
from recount.intervals import Interval
from recount.verdict import CONSISTENT, INCONSISTENT, UNVERIFIABLE, RateResult

THRESHOLDS = ("超过", "逾", "以上", "不到", "近")
CHANGE = re.compile(r"增长|下降|提高|降低|增加|减少|上涨|下跌|上升|回落|增幅|降幅|同比|环比|涨幅|跌幅|增速|提升|下调|上调|缩小|扩大|降")
OTHER_PART = re.compile(r"另有|另外|还有|此外|其余|其他")
PART_OF = ("其中", "当中", "之中")
REMAINDER = re.compile(r"未|尚未|没有|其余|剩余|其他|另有|空置|停业|关闭")
GENERIC_NOUNS = {"全区", "全市", "全省", "全国", "全县", "辖区", "街道", "区", "市", "省", "县", "镇", "乡",
                 "目前", "当前", "其中", "总数", "营业", "经营", "复工", "复产", "开业", "人数", "户数", "家数",
                 "数", "数量", "总量", "总计", "合计", "累计", "共计", "全部", "总体", "情况"}
LEVELS = ("clause", "sentence", "paragraph")
MAX_LISTED = 3
#: the nearest counts tried as numerators and as denominators, and the pairs combined into sums
#: (bounds the search in a paragraph crowded with numbers; news paragraphs have far fewer)
NEAREST = 8
PAIRS_COMBINED = 12


@lru_cache(maxsize=1)
def _posseg():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


@lru_cache(maxsize=4096)
def nouns(text: str) -> frozenset[str]:
    """The nouns of a snippet (jieba part of speech n*, j, l), less places, people and generic words."""
    out = set()
    for word, flag in _posseg().cut(text):
        noun = (flag.startswith("n") or flag in ("j", "l")) and flag not in ("nr", "ns", "nrt")
        if noun and word not in GENERIC_NOUNS and "率" not in word and "比" not in word \
                and not any(ch.isdigit() for ch in word):
            out.add(word)
    return frozenset(out)


def _bigrams(words: frozenset[str]) -> set[str]:
    return {w[i:i + 2] for w in words for i in range(max(len(w) - 1, 1))}


def same_thing(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of nouns name the same thing when their words share two characters (学生, 在校学生)."""
    return bool(_bigrams(a) & _bigrams(b))


@dataclass(frozen=True)
class Reading:
    """One way of dividing counts: ``numerator`` over ``denominator`` (complement: b − a over b)."""

    numerator: tuple[Figure, ...]
    denominator: tuple[Figure, ...]
    level: str
    complement: bool = False
    weak: bool = False  # paired only because the numerator names nothing and the denominator is just before

    @property
    def numerator_interval(self) -> Interval:
        if self.complement:
            d, n = self.denominator[0].base_interval, self.numerator[0].base_interval
            high = None if d.high is None else d.high - n.low
            return Interval(max(d.low - (n.high if n.high is not None else d.low), Fraction(0)), high)
        return _sum(self.numerator)

    @property
    def denominator_interval(self) -> Interval:
        return _sum(self.denominator)

    @property
    def recomputed(self) -> Interval:
        return self.numerator_interval.ratio(self.denominator_interval).scale(100)

    def describe(self) -> str:
        def side(figs):
            quotes = " + ".join(f.quote for f in figs)
            return f"({quotes})" if len(figs) > 1 else quotes
        if self.complement:
            d = self.denominator[0].quote
            return f"({d} − {self.numerator[0].quote}) / {d}, {self.level}"
        return f"{side(self.numerator)} / {side(self.denominator)}, {self.level}"


def _sum(figs) -> Interval:
    return sum((f.base_interval for f in figs), Interval.point(0))


@dataclass
class Claim:
    figure: Figure
    verdict: str
    readings: list[Reading] = field(default_factory=list)  # fitting ones (consistent) or nearest (inconsistent)
    note: str = ""
    difference: tuple[Figure, Figure] | None = None  # for a percentage-point difference explained

    def result(self, reading: Reading) -> RateResult:
        rec, cited = reading.recomputed, self.figure.cited_interval
        return RateResult(None, self.figure, cited, reading.numerator_interval,
                          reading.denominator_interval, rec, rec.intersects(cited), self.verdict)

    def arithmetic(self) -> str:
        if self.difference is not None:
            a, b = self.difference
            return f"{a.quote} − {b.quote} = {a.value - b.value} 个百分点"
        if not self.readings:
            return "no counts to recompute from"
        return "; ".join(self.result(r).arithmetic() for r in self.readings)

    def reading_text(self) -> str:
        if self.difference is not None:
            return f"difference of {self.difference[0].quote} and {self.difference[1].quote}, same sentence"
        parts = [r.describe() for r in self.readings]
        return "; ".join(parts + ([self.note] if self.note else []))

    def as_json(self) -> dict:
        if self.difference is not None:
            num, den = (self.difference[0],), (self.difference[1],)
        elif self.readings:
            num, den = self.readings[0].numerator, self.readings[0].denominator
        else:
            num, den = (), ()
        return {"start": self.figure.start, "end": self.figure.end, "cited": self.figure.quote,
                "verdict": self.verdict,
                "numerator": [{"value": f.value_text, "start": f.start} for f in num],
                "denominator": [{"value": f.value_text, "start": f.start} for f in den],
                "arithmetic": self.arithmetic(), "reading": self.reading_text()}


class ClaimFinder:
    """Finds the claims of one text, given its normalised copy and its figures."""

    def __init__(self, norm: str, figures: list[Figure]):
        self.text = norm
        self.seg = Segments.of(norm)
        self.figures = figures  # in order of position, none overlapping
        self.index = {id(f): i for i, f in enumerate(figures)}
        self.counts = [f for f in figures if f.kind in COUNT_KINDS]
        self.count_starts = [f.start for f in self.counts]

    # ------------------------------------------------------------ context
    def _clause_text(self, f: Figure) -> tuple[str, str]:
        """The clause's text before and after figure ``f``, cut at neighbouring figures."""
        a, b = self.seg.span("clause", f.start)
        i = self.index[id(f)]
        left = max(a, self.figures[i - 1].end) if i > 0 else a
        right = min(b, self.figures[i + 1].start) if i + 1 < len(self.figures) else b
        return self.text[left:f.start], self.text[f.end:right]

    def nouns_of(self, f: Figure) -> frozenset[str]:
        """What a count counts; none when its clause says 其中 or 当中 (a part of the count before it)."""
        before, after = self._clause_text(f)
        if any(w in before for w in PART_OF):
            return frozenset()
        return nouns(before) | nouns(after)

    # ------------------------------------------------------------ search
    def find(self) -> list[Claim]:
        out = []
        for f in self.figures:
            if f.kind == "percent":
                out.append(self._share(f))
            elif f.kind == "points":
                out.append(self._points(f))
        return out

    def _points(self, f: Figure) -> Claim:
        a, b = self.seg.span("sentence", f.start)
        rates = [g for g in self.figures if g.kind == "percent" and a <= g.start < b]
        for hi, lo in ((x, y) for x in rates for y in rates if x.value > y.value):
            hi_iv, lo_iv = hi.cited_interval, lo.cited_interval
            if hi_iv.high is None or lo_iv.high is None:
                continue
            diff = Interval(hi_iv.low - lo_iv.high, hi_iv.high - lo_iv.low)
            if diff.intersects(f.cited_interval):
                return Claim(f, CONSISTENT, difference=(hi, lo))
        return Claim(f, UNVERIFIABLE, note="a percentage-point difference: no two rates in its sentence give it")

    def _share(self, claim: Figure) -> Claim:
        before, after = self._clause_text(claim)
        if CHANGE.search(before) or CHANGE.search(after[:2]):
            return Claim(claim, UNVERIFIABLE, note="a change, not a share of counts")
        cited = claim.cited_interval
        tried: list[Reading] = []
        for level in LEVELS:
            readings = self._readings(claim, level, bool(REMAINDER.search(before)))
            fitting = [r for r in readings if r.recomputed.intersects(cited)]
            if fitting:
                return Claim(claim, CONSISTENT, fitting[:MAX_LISTED])
            if readings and not tried:
                tried = readings
        if not tried:
            return Claim(claim, UNVERIFIABLE, note="no counts of its kind nearby")
        nearest = sorted(tried, key=lambda r: _distance(r.recomputed, cited))[:MAX_LISTED]
        if claim.qualifier in THRESHOLDS:
            return Claim(claim, UNVERIFIABLE, nearest, note="a threshold, never called inconsistent")
        if all(r.weak for r in tried):
            return Claim(claim, UNVERIFIABLE, nearest,
                         note="the only counts are a part and the count before its sentence, which may not be its base")
        return Claim(claim, INCONSISTENT, nearest)

    def _readings(self, claim: Figure, level: str, remainder: bool) -> list[Reading]:
        own = self.seg.span("clause" if level == "clause" else "sentence", claim.start)
        numerators = _nearest(self._counts_in(*own), claim, NEAREST)
        denominators = _nearest(self._counts_in(*self.seg.span(level, claim.start)), claim, 2 * NEAREST)
        subject = nouns(self._clause_text(claim)[0])  # what the claim's clause says it is about
        pairs = [(n, d) for n in numerators for d in denominators if self._admissible(n, d, subject, level)
                 and not (n.base_interval == d.base_interval and n.start < d.start)]  # 55 of 55: the total first
        pairs.sort(key=lambda p: abs(p[0].start - claim.start) + abs(p[1].start - claim.start))
        readings = [Reading((n,), (d,), level, weak=self._weak(n, d, level)) for n, d in pairs
                    if _at_most(n.base_interval, d.base_interval)]
        if level == "sentence":  # a part over the parts the sentence lists: 12间停诊, 另有30间
            readings += [Reading((n,), (n, d), level) for n, d in pairs
                         if d.start > n.start and OTHER_PART.search(self._clause_text(d)[0])]
        for (n1, d1), (n2, d2) in combinations(pairs[:PAIRS_COMBINED], 2):
            if n1 is n2 or n1 is d2 or n2 is d1:
                continue
            if d1 is d2 and _at_most(_sum((n1, n2)), d1.base_interval):
                readings.append(Reading((n1, n2), (d1,), level))
            elif d1 is not d2 and compatible(n1.unit, n2.unit) and _at_most(_sum((n1, n2)), _sum((d1, d2))):
                readings.append(Reading((n1, n2), (d1, d2), level))
        if remainder:
            readings += [Reading((n,), (d,), level, complement=True) for n, d in pairs
                         if _at_most(n.base_interval, d.base_interval)]
        unique = {}
        for r in readings:  # (a + b) / (c + d) arises from a/c with b/d and from a/d with b/c
            key = (frozenset(map(id, r.numerator)), frozenset(map(id, r.denominator)), r.complement)
            unique.setdefault(key, r)
        return list(unique.values())

    def _weak(self, n: Figure, d: Figure, level: str) -> bool:
        return level == "paragraph" and not (self.nouns_of(n) and self.nouns_of(d))

    def _antecedent(self, n: Figure) -> Figure | None:
        """The nearest count before ``n``'s sentence in its paragraph with the same unit, else a compatible one."""
        before = self._counts_in(self.seg.span("paragraph", n.start)[0], self.seg.span("sentence", n.start)[0])[::-1]
        same = next((f for f in before if f.unit == n.unit), None)
        return same or next((f for f in before if compatible(f.unit, n.unit)), None)

    def _counts_in(self, a: int, b: int) -> list[Figure]:
        return self.counts[bisect_left(self.count_starts, a):bisect_left(self.count_starts, b)]

    def _admissible(self, n: Figure, d: Figure, subject: frozenset[str], level: str) -> bool:
        if n is d or not compatible(n.unit, d.unit):
            return False
        if d.base_interval.high == 0:
            return False
        nn, nd = self.nouns_of(n), self.nouns_of(d)
        if nn and nd and not same_thing(nn, nd):
            return False
        if level == "paragraph" and not (nn and nd) and d is not self._antecedent(n):
            return False  # a count that names nothing refers to the count just before it, no further
        if subject and not same_thing(nn | nd, subject):
            return False
        return True


def _nearest(figures: list[Figure], claim: Figure, n: int) -> list[Figure]:
    return sorted(figures, key=lambda f: abs(f.start - claim.start))[:n]


def _at_most(a: Interval, b: Interval) -> bool:
    """A share of at most 100% is possible: a's lowest value is at most b's highest."""
    return b.high is None or a.low <= b.high


def _distance(rec: Interval, cited: Interval) -> Fraction:
    """How far a recomputed interval lies from the cited one (0 if they meet)."""
    if rec.intersects(cited):
        return Fraction(0)
    if rec.high is not None and rec.high < cited.low:
        return cited.low - rec.high
    return rec.low - (cited.high if cited.high is not None else rec.low)


def find_claims(norm: str, figures: list[Figure]) -> list[Claim]:
    return ClaimFinder(norm, figures).find()
