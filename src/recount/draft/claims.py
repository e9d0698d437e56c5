"""Explain each stated percentage from the article's own counts, or say it cannot be, and how sure.

The search, nearest first (the methods page states the rules; this is the code):

* **Roles.** Each count takes a role from the words of its clause: a *total*
  (共, 合计, 总数, 收到, 受理, 摸排, 计划, 通常, 全区…, 全…中), a *part* (复工,
  已开工, 到岗, 完成, 合格, 已…), a *rest* (未, 尚未, 其余, 剩余) or a part *of*
  the count before it (其中). A part is never the base of another part, and a
  rest is never a base: readings are part / total, part / (part + rest) and
  (total − rest) / total.
* **Count(share) lists.** "住房保障43件(30.2%);物业服务17件(12.3%);…", "行人187人次,占受伤总人次的百分之十八点九",
  in prose or in a table's rows (pipe- or tab-separated cells), or a 分别 sentence ("分别为800件、700件和500件,
  分别占40.0%、35.0%和25.0%": paired in order; "…,合计占41.5%": the share of their sum): each share is its
  count over the list's total, found anywhere in the text (a count with a total word, a table's 合计 row;
  nearest first), or over the sum of the listed counts; the claim says which base it used. A count stated
  before the list that its counts add up to (不合格37批次, then its breakdown), or the count just before a
  list opened by 其中, is its total instead when at least as many (for 其中: more) of its shares fit it. A
  total stated between two shares, or a share naming another base after 占, starts another list.
* **Per mille.** A rate in ‰ (千分之五点九) is checked like a percentage, per mille; one that misses by
  rounding only stays unverifiable (a crude rate is of the year's mean population, seldom stated).
* **Numerators** are counts in the claim's own sentence; **denominators** are
  counts in the same clause, then the same sentence, then the same paragraph,
  then (totals only) anywhere in the text. The first level with a reading that
  fits explains the claim; a level with strong readings that miss decides.
* A reading is **admissible** when numerator and denominator have compatible
  units (:func:`recount.units.compatible`), the numerator can be at most the
  denominator, their roles allow it, and the counts name the same thing (jieba
  nouns sharing two characters); when the claim's clause names what it is about,
  one of them names that too.
* A figure written with decimals stands for its rounding interval (1.92万户 is
  [1.915, 1.925) 万户), a qualified count for its qualifier's interval.

**Strength.** A pairing is *strong* when a part word meets a total word of the
same kind, when both counts name the same thing, or when a list meets its total;
otherwise *weak*. Verdicts: ``consistent`` (a reading fits), ``inconsistent``
(only on a strong pairing that no reading reproduces; with how far off:
``miss_pp`` and ``miss_level``, rounding or material as
:mod:`recount.severity` says), ``unverifiable`` (no reading, or only weak ones,
the nearest shown), and for a rate given with its base alone (46家企业, 复工率93.5%)
``possible`` or ``impossible`` by the whole-count (GRIM) test. A threshold
(超过90%, 达85%以上), a target, a percentage-point difference or a change
(同比增长8%) is never called inconsistent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from fractions import Fraction
from collections.abc import Callable
from functools import cached_property, lru_cache
from itertools import combinations
from typing import TypeVar
from math import ceil, floor

from recount.draft.figures import Figure
from recount.draft.text import SENTENCE_END, Segments
from recount.intervals import Interval
from recount.severity import MATERIAL, claim_level, miss
from recount.units import COUNT_KINDS, compatible
from recount.verdict import CONSISTENT, INCONSISTENT, UNVERIFIABLE, RateResult

T = TypeVar("T")

POSSIBLE, IMPOSSIBLE = "possible", "impossible"
STRONG, WEAK = "strong", "weak"
THRESHOLDS = ("超过", "逾", "以上", "不到", "近")
TARGET = re.compile(r"目标|力争|确保|要求|预计|争取|不低于|不少于|达到.{0,4}以上")
CHANGE = re.compile(r"增长|下降|提高|降低|增加|减少|上涨|下跌|上升|回落|增幅|降幅|同比|环比|涨幅|跌幅|增速|提升|下调|上调|缩小|扩大|降")
OTHER_PART = re.compile(r"另有|另外|还有|此外|其余|其他")
PART_OF = ("其中", "当中", "之中")
#: a rate word names what its numerator counts: 失业率为4.0% -> 失业, 不合格率 -> 合格, 办结率达 -> 办结
RATE_STEM = re.compile(r"([\u4e00-\u9fff]{2})率(?:为|是|达到|达|约|仅|高达|只有|在)?$")
REMAINDER = re.compile(r"未|尚未|没有|其余|剩余|其他|另有|空置|停业|关闭")
#: the words that give a count its role (a rest word wins over a part word, a part word over a total word)
PARTS = (r"复工|复产|开工|到岗|返岗|返工|完成|合格|达标|开业|营业|开门|开放|复课|返校|复学|接种|办结|回复|答复|"
         r"满意|签约|入驻|通过|录取|脱贫|整改|解决|接通|已|全部")
PART_WORDS = re.compile(PARTS)
REST_WORDS = re.compile(r"(?:尚未|仍未|未(?!来)|没有|不)(?:%s)?|其余|剩余|待复工|待开工" % PARTS.replace("|已|全部", ""))
TOTAL_WORDS = re.compile(r"共|合计|总计|总数|总量|总共|通常|摸排|排查|计划|收到|受理|接到|接听|登记|在册|现有|涉及|"
                         r"调查|抽检|抽查|抽样|检查|检测|走访|回访|呼入|应到|辖区内?有|"
                         r"^全(?:区|市|县|省|州|镇|乡|村|街道|社区|国|港|澳|台|岛|年|校|体)|^各类")
#: the words of each role, a rest's first (at the same place a rest word wins over a part word, a part over a total)
ROLE_WORDS = (("rest", REST_WORDS), ("part", PART_WORDS), ("total", TOTAL_WORDS))
ROLE_VERBS = re.compile(f"{PARTS}|尚未|仍未|未(?!来)|其余|剩余|抽检|抽查|受理|收到|回访|摸排|排查")
#: between two totals of an enumeration: 学校412所,在校学生28.6万人 (a short noun, no verb)
ENUMERATED = re.compile(r"[,、][^,。;:!?\n\d有者的是为中]{1,8}")
TOTAL_ROW = re.compile(r"^\s*[|\t]?\s*(?:合\s*计|总\s*计|共\s*计|总\s*数|全部|小\s*计)")
TABLE_CELL = re.compile(r"[|\t]")
#: between a count and its share in a count(share) list: 43件(30.2%), 43件,占30.2%, |43|30.2%|, and the base
#: named after 占 (占总人口19.6%, 占不合格总数的37.8%, 占受伤总人次的百分之六十点二): a few characters, no number
LIST_GAP = re.compile(r"\s*[((|\t]?\s*(?:,\s*)?(?:约?占[^\d,。;:!?()\n%]{0,8}|(?:所占)?比[例率重]为?|占比为?)?\s*")
#: a 分别 sentence: counts after 分别为 or 分别 and a verb (分别为6,218件、4,105件和667件; 分别接诊), then their shares each (分别占…的39.7%、26.2%
#: 和4.3%), in the same order, or one share of their sum (合计占41.5%)
RESPECTIVELY = re.compile(r"分别[^\d,。;:!?、()]{0,4}$")
SHARES_EACH = re.compile(r"分别约?占|占比?分别为|比重分别为|分别占比")
SHARE_OF_ALL = re.compile(r"(?:合计|共计|总共|累计|共|合)约?占")
RUN_GAP = re.compile(r"\s*(?:、|,|和|及|与|以及|或)\s*")
NAMED_BASE = re.compile(r"占([^\d,。;:!?()\n%]*)")
GENERIC_BASE = re.compile(r"比|总数|总量|全部|总|的")
GENERIC_NOUNS = {"全区", "全市", "全省", "全国", "全县", "辖区", "街道", "区", "市", "省", "县", "镇", "乡",
                 "目前", "当前", "其中", "总数", "营业", "经营", "复工", "复产", "开业", "人数", "户数", "家数",
                 "数", "数量", "总量", "总计", "合计", "累计", "共计", "全部", "总体", "情况"}
LEVELS = ("clause", "sentence", "paragraph", "text")
#: where a reading's counts were found, in words (its ``reading``): "109个 / 131个, in one sentence"
LEVEL_WORDS = {"clause": "in one clause", "sentence": "in one sentence", "paragraph": "in one paragraph",
               "text": "apart in the text", "list": "in one list"}
MAX_LISTED = 3
#: the nearest counts tried as numerators and as denominators, and the pairs combined into sums
#: (bounds the search in a paragraph crowded with numbers; news paragraphs have far fewer)
NEAREST = 8
PAIRS_COMBINED = 12
#: the largest base the whole-count test is run on (beyond it every share is possible at one decimal)
GRIM_MAX = 100_000

#: which base a reading divides by, in the words the JSON and the CSV give
OF_TOTAL, OF_SUM, OF_PARTS = "of the stated total", "of the sum of the listed categories", "of the parts listed"
OF_REMAINDER, OF_NEARBY, OF_POOLED = "the remainder of the stated total", "of a count nearby", "pooled totals"
OF_BASE = "whole counts of the stated base"
OF_ROW = "of the count before it in its table row"


@lru_cache(maxsize=1)
def _posseg():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def nouns(text: str) -> frozenset[str]:
    """The nouns of a snippet (jieba part of speech n*, j, l), less places, people, generic words and the
    words that give a count its role (合格 in 合格1196批 says what became of them, not what they are).
    Not cached across texts: :meth:`ClaimFinder.nouns` tags each snippet of one text once."""
    out = set()
    for word, flag in _posseg().cut(ROLE_VERBS.sub(" ", text)):
        noun = (flag.startswith("n") or flag in ("j", "l")) and flag not in ("nr", "ns", "nrt")
        if noun and word not in GENERIC_NOUNS and "率" not in word and "比" not in word \
                and not any(ch.isdigit() for ch in word):
            out.add(word)
    return frozenset(out)


def _bigrams(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[i:i + 2] for w in words for i in range(max(len(w) - 1, 1)))


def same_thing(a: frozenset[str], b: frozenset[str], bigrams=_bigrams) -> bool:
    """Two sets of nouns name the same thing when their words share two characters (学生, 在校学生)."""
    return bool(bigrams(a) & bigrams(b))


@dataclass(frozen=True)
class Reading:
    """One way of dividing counts: ``numerator`` over ``denominator`` (complement: b − a over b)."""

    numerator: tuple[Figure, ...]
    denominator: tuple[Figure, ...]
    level: str
    complement: bool = False
    weak: bool = False  # a weak pairing: no part word meets a total word, the counts do not name the same thing
    base: str = OF_NEARBY  # which base it divides by (OF_TOTAL, OF_SUM, ...)

    @property
    def strength(self) -> str:
        return WEAK if self.weak else STRONG

    @cached_property
    def numerator_interval(self) -> Interval:
        if self.complement:
            d, n = self.denominator[0].base_interval, self.numerator[0].base_interval
            high = None if d.high is None else d.high - n.low
            return Interval(max(d.low - (n.high if n.high is not None else d.low), Fraction(0)), high)
        return _sum(self.numerator)

    @cached_property
    def denominator_interval(self) -> Interval:
        return _sum(self.denominator)

    @cached_property
    def recomputed(self) -> Interval:
        return self.numerator_interval.ratio(self.denominator_interval).scale(100)

    def describe(self) -> str:
        return f"{self.fraction()}, {LEVEL_WORDS.get(self.level, self.level)}"

    def fraction(self) -> str:
        """What is divided by what, as the text writes the counts: 38个 / 1 250个."""
        def side(figs):
            quotes = " + ".join(f.quote for f in figs)
            return f"({quotes})" if len(figs) > 1 else quotes
        if self.complement:
            d = self.denominator[0].quote
            return f"({d} − {self.numerator[0].quote}) / {d}"
        return f"{side(self.numerator)} / {side(self.denominator)}"


def _sum(figs) -> Interval:
    if len(figs) == 1:  # most readings: one count over one count, nothing to add
        return figs[0].base_interval
    return sum((f.base_interval for f in figs), Interval.point(0))


@dataclass
class Claim:
    figure: Figure
    verdict: str
    readings: list[Reading] = field(default_factory=list)  # fitting ones (consistent) or nearest (otherwise)
    note: str = ""  # the reason, in plain words
    difference: tuple[Figure, Figure] | None = None  # for a percentage-point difference explained
    strength: str = WEAK
    base: tuple[Figure, ...] = ()  # the base of a whole-count (GRIM) test

    @property
    def per(self) -> int:
        """How many per hundred the cited figure counts in: 1 for a percentage, 10 for a per-mille (‰)."""
        return 10 if self.figure.unit == "‰" else 1

    def result(self, reading: Reading) -> RateResult:
        rec, cited = reading.recomputed.scale(self.per), self.figure.cited_interval  # in the cited figure's unit
        return RateResult(None, self.figure, cited, reading.numerator_interval,
                          reading.denominator_interval, rec, rec.intersects(cited), self.verdict)

    def misses(self):
        """How far each listed reading misses (inconsistent claims; for an impossible one, each whole count
        either side of the cited share): :func:`recount.severity.miss`."""
        return self._misses

    @cached_property
    def _misses(self):
        if self.verdict == IMPOSSIBLE:  # the whole counts either side of the cited share, each as a reading
            n = int(self.base[0].value)
            return [m for k in self._either_side() if (m := miss(RateResult(
                None, self.figure, self.figure.cited_interval, Interval.point(Fraction(k)), Interval.point(Fraction(n)),
                Interval.point(Fraction(100 * k, n)), False, self.verdict))) is not None]
        if self.verdict != INCONSISTENT:
            return []
        return [m for r in self.readings if (m := miss(self.result(r))) is not None]

    def _either_side(self) -> tuple[int, int]:
        """The whole counts of the base just below and just above the cited share (an impossible one)."""
        n = int(self.base[0].value)
        below = max(min(floor(self.figure.cited_interval.low * n / 100), n - 1), 0)
        return below, below + 1

    @property
    def miss_pp(self) -> Fraction | None:
        misses = self.misses()
        return min(m.miss_pp for m in misses) / self.per if misses else None  # in percentage points

    @property
    def miss_level(self) -> str | None:
        return claim_level(self.misses())

    def arithmetic(self) -> str:
        if self.difference is not None:
            a, b = self.difference
            return f"{a.quote} − {b.quote} = {a.value - b.value} 个百分点"
        if self.base:
            n = int(self.base[0].value)
            k = _whole_counts(self.figure.cited_interval, n)
            if k:
                return f"{k[0]} / {n} = {_pct(k[0], n)}% → {self.figure.value_text}%"
            below, above = self._either_side()
            return (f"no whole count of {n} gives {self.figure.value_text}%: {below} / {n} = {_pct(below, n)}%, "
                    f"{above} / {n} = {_pct(above, n)}%")
        if not self.readings:
            return "no counts to recompute from"
        sums = "; ".join(self.result(r).arithmetic() for r in self.readings)
        return sums.replace("%", "‰") if self.per == 10 else sums

    @property
    def base_words(self) -> str:
        """Which base the first reading divides by, in words."""
        if self.difference is not None:
            return "the difference of two rates"
        if self.base:
            return OF_BASE
        return self.readings[0].base if self.readings else ""

    def reading_text(self) -> str:
        if self.difference is not None:
            return f"difference of {self.difference[0].quote} and {self.difference[1].quote}, same sentence"
        if self.base:
            return f"{OF_BASE}: {self.base[0].quote}"
        parts = [f"{r.base}: {r.describe()}" for r in self.readings]
        return "; ".join(parts) if parts else self.note

    def as_json(self) -> dict:
        if self.difference is not None:
            num, den = (self.difference[0],), (self.difference[1],)
        elif self.readings:
            num, den = self.readings[0].numerator, self.readings[0].denominator
        else:
            num, den = (), self.base
        out = {"start": self.figure.start, "end": self.figure.end, "cited": self.figure.quote,
               "verdict": self.verdict, "strength": self.strength, "reason": self.note,
               "numerator": [{"value": f.value_text, "start": f.start} for f in num],
               "denominator": [{"value": f.value_text, "start": f.start} for f in den],
               "arithmetic": self.arithmetic(), "reading": self.reading_text()}
        if self.verdict in (INCONSISTENT, IMPOSSIBLE) and self.miss_pp is not None:
            out |= {"miss_pp": round(float(self.miss_pp), 2), "miss_level": self.miss_level}
        return out


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.2f}"


def _whole_counts(cited: Interval, n: int) -> list[int]:
    """The whole counts k of n whose share k / n lies in ``cited`` (the GRIM test)."""
    lo = max(ceil(cited.low * n / 100), 0)
    hi = n if cited.high is None else min(floor(cited.high * n / 100), n)
    return [k for k in range(lo, hi + 1) if cited.contains(Fraction(100 * k, n))][:1]


@dataclass(frozen=True)
class CountList:
    """A count(share) list: its items (count, share), in order, and its stated total, if any."""

    items: tuple[tuple[Figure, Figure], ...]
    total: Figure | None
    strong_total: bool
    #: a table of rates (|样本数|不合格|不合格率|): each item's row base, when most rows' rates are their own
    #: row's ratio; then the table's convention is that ratio, not a share of the column's total
    rows: tuple[Figure, ...] | None = None
    #: one share of all the counts together (分别为3,921件和2,587件,合计占41.5%): every item holds that share
    summed: bool = False


class ClaimFinder:
    """Finds the claims of one text, given its normalised copy and its figures."""

    def __init__(self, norm: str, figures: list[Figure], segments: Segments | None = None):
        self.text = norm
        self.seg = segments or Segments.of(norm)
        self.figures = figures  # in order of position, none overlapping
        self.index = {id(f): i for i, f in enumerate(figures)}
        self.counts = [f for f in figures if f.kind in COUNT_KINDS]
        self.count_starts = [f.start for f in self.counts]
        self._memo: dict[tuple, object] = {}  # per text: a figure's clause, a snippet's nouns, a count's antecedent, ...
        self.role = {}
        for f in self.counts:  # 全市共有学校412所,在校学生28.6万人: an enumeration of totals shares its 共
            role = self._role(f)
            prev = self.counts[len(self.role) - 1] if self.role else None
            if not role and prev is not None and self.role[id(prev)] == "total" \
                    and ENUMERATED.fullmatch(self.text[prev.end:f.start]):
                role = "total"
            self.role[id(f)] = role
        self.totals = [f for f in self.counts if self.role[id(f)] == "total"]
        self.lists = self._lists()

    # ------------------------------------------------------------ context
    def _once(self, key: tuple, make: Callable[[], T]) -> T:
        """``make()``, worked out once per text under ``key`` (never across texts)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _clause_text(self, f: Figure) -> tuple[str, str]:
        """The clause's text before and after figure ``f``, cut at neighbouring figures."""
        return self._once(("clause", id(f)), lambda: self._cut_clause(f))

    def _cut_clause(self, f: Figure) -> tuple[str, str]:
        a, b = self.seg.span("clause", f.start)
        i = self.index[id(f)]
        left = max(a, self.figures[i - 1].end) if i > 0 else a
        right = min(b, self.figures[i + 1].start) if i + 1 < len(self.figures) else b
        return self.text[left:f.start], self.text[f.end:right]

    def nouns_of(self, f: Figure) -> frozenset[str]:
        """What a count counts; none when its clause says 其中 or 当中 (a part of the count before it)."""
        return self._once(("nouns of", id(f)), lambda: self._nouns_of(f))

    def _nouns_of(self, f: Figure) -> frozenset[str]:
        before, after = self._clause_text(f)
        if any(w in before for w in PART_OF):
            return frozenset()
        return self.nouns(before) | self.nouns(after)

    def nouns(self, snippet: str) -> frozenset[str]:
        """:func:`nouns` of a snippet of this text, tagged once."""
        return self._once(("nouns", snippet), lambda: nouns(snippet))

    def same_thing(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """:func:`same_thing`, each set's two-character pieces worked out once per text."""
        return same_thing(a, b, self._bigrams)

    def _bigrams(self, words: frozenset[str]) -> frozenset[str]:
        return self._once(("bigrams", words), lambda: _bigrams(words))

    def _about(self, claim: Figure, names: frozenset[str]) -> bool:
        """Whether ``names`` name what the claim's clause says it is about (anything, when it names nothing).
        Asked only once cheaper tests have passed: tagging the clause is the costly part."""
        subject = self.nouns(self._clause_text(claim)[0])
        return not subject or self.same_thing(names, subject)

    def _role(self, f: Figure) -> str:
        """total, part, rest, of (其中: a part of the count before it) or "" (the words say nothing)."""
        before, after = self._clause_text(f)
        before = before.lstrip("(( |\t")
        if TOTAL_ROW.match(self._line_before(f)):
            return "total"
        if any(w in before for w in PART_OF):
            return "of"
        if after.startswith(("中", "之中", "当中")):
            return "total"  # 全市378个重点项目中
        for text in (before, after[:4]):  # the word nearest the count decides; 未复工 is a rest, not a part
            nearest = max(((m.end(), role == "rest", role == "part", role) for role, words in ROLE_WORDS
                           for m in words.finditer(text)), default=None)
            if nearest is not None:
                return nearest[-1]
        return ""

    def _line_before(self, f: Figure) -> str:
        """The line before ``f``; for a count alone on its line (a table copied cell by cell), the line above."""
        a = self.text.rfind("\n", 0, f.start) + 1
        if a == f.start and a > 0 and self.text[f.end:f.end + 1] in ("\n", ""):
            return self.text[self.text.rfind("\n", 0, a - 1) + 1:a - 1]
        return self.text[a:f.start]

    # ------------------------------------------------------------ count(share) lists
    def _item_count(self, p: Figure) -> Figure | None:
        """The count a share is written beside (43件(30.2%), |43|30.2%|), or None."""
        i = self.index[id(p)]
        if i == 0:
            return None
        c = self.figures[i - 1]
        if TOTAL_ROW.match(self._line_before(c)):
            return None  # the 合计 row: the list's total, not one of its items
        in_table = bool(TABLE_CELL.search(self._line_before(p))) or self._cell_line(self.seg.span("paragraph", p.start))
        if c.kind not in COUNT_KINDS and not (in_table and c.kind == "number"):
            return None
        gap = self.text[c.end:p.start]
        if "\n" in gap:  # a cell-by-cell table: the count alone on its line, its share alone on the next
            alone = self.text[self.text.rfind("\n", 0, c.start) + 1:c.start].strip() == ""
            return c if alone and c.kind == "number" and not gap.strip() and gap.count("\n") == 1 else None
        return c if LIST_GAP.fullmatch(gap) else None

    def _lists(self) -> dict[int, CountList]:
        """Each share's count(share) list (two items or more), keyed by the share's id."""
        groups: list[list[tuple[Figure, Figure]]] = []
        last_block, named = None, ""  # the base the current list's shares name after 占, if any
        for p in self.figures:
            if p.kind != "percent" or (c := self._item_count(p)) is None:
                continue
            block, names = self._block(p.start), self._named_base(c, p)
            if groups and last_block == block and _same_kind(groups[-1][0][0], c) and not any(  # a total between
                    self.role[id(f)] == "total" for f in self._counts_in(groups[-1][-1][1].end, c.start)) \
                    and not (names and named and names != named):  # or a share naming another base (占个体户总数的)
                groups[-1].append((c, p))  # starts another list
                named = named or names
            else:
                groups.append([(c, p)])
                named = names
            last_block = block
        out = {}
        for items in groups:
            if len(items) < 2:
                continue
            total, strong = self._list_total(items)
            cl = CountList(tuple(items), total, strong, self._row_convention(items))
            out.update({id(p): cl for _, p in items})
        for counts, shares in self._respective():
            summed = len(shares) == 1
            items = tuple(zip(counts, shares * len(counts) if summed else shares))
            total, strong = self._list_total(items)
            out[id(shares[0])] = CountList(items, total, strong, summed=summed)
            out.update({id(p): out[id(shares[0])] for p in shares})
        return out

    def _run(self, i: int, kind: str) -> list[Figure]:
        """The figures from ``figures[i]`` on that are of ``kind`` and set apart by 、, 和 or a comma only."""
        run = [self.figures[i]]
        for g in self.figures[i + 1:]:
            if g.kind != kind or not RUN_GAP.fullmatch(self.text[run[-1].end:g.start]) \
                    or (kind != "percent" and not compatible(g.unit, run[0].unit)):
                break
            run.append(g)
        return run

    def _respective(self) -> list[tuple[tuple[Figure, ...], tuple[Figure, ...]]]:
        """The counts and shares of each 分别 sentence, in order: as many shares as counts (each its own count's
        share), or one share preceded by 合计占 (the share of their sum)."""
        out = []
        for i, f in enumerate(self.figures):
            if f.kind not in COUNT_KINDS or not RESPECTIVELY.search(self.text, max(f.start - 4, 0), f.start):
                continue
            counts = self._run(i, f.kind)
            j = i + len(counts)
            if len(counts) < 2 or j >= len(self.figures) or self.figures[j].kind != "percent":
                continue
            gap = self.text[counts[-1].end:self.figures[j].start]
            if any(ch in gap for ch in SENTENCE_END + "\n"):
                continue
            shares = self._run(j, "percent")
            if SHARES_EACH.search(gap) and len(shares) == len(counts):
                out.append((tuple(counts), tuple(shares)))
            elif SHARE_OF_ALL.search(gap) and len(shares) == 1:
                out.append((tuple(counts), tuple(shares)))
        return out

    def _named_base(self, c: Figure, p: Figure) -> str:
        """The base a list item's share names after 占 (占受伤总人次的: 受伤总人次), "" for none or a generic one."""
        m = NAMED_BASE.search(self.text, c.end, p.start)
        return GENERIC_BASE.sub("", m[1]) if m else ""

    def _row_base(self, c: Figure) -> Figure | None:
        """The count in the cell before ``c`` on its table row (|400|10|2.5%|: 400), if it can be ``c``'s base."""
        i = self.index[id(c)]
        b = self.figures[i - 1] if i else None
        if b is None or not _same_kind(b, c) or "\n" in self.text[b.end:c.start] \
                or not TABLE_CELL.search(self.text[b.end:c.start]):
            return None
        return b if b.base_interval.high != 0 and _at_most(c.base_interval, b.base_interval) else None

    def _row_convention(self, items) -> tuple[Figure, ...] | None:
        """The row bases of a table whose rates are, in most rows, the row's own ratio (不合格率 = 不合格 / 样本数)."""
        rows = tuple(self._row_base(c) for c, _ in items)
        if None in rows:
            return None
        fits = sum(Reading((c,), (b,), "list", base=OF_ROW).recomputed.intersects(p.cited_interval)
                   for (c, p), b in zip(items, rows))
        return rows if 2 * fits > len(items) else None

    def _cell_line(self, span: tuple[int, int]) -> bool:
        """A line that is one table cell: short, no sentence punctuation (65至69岁, 118, 28.6%)."""
        line = self.text[span[0]:span[1]].strip()
        return 0 < len(line) <= 16 and not re.search(r"[,。;!?:]", line)

    def _block(self, offset: int) -> tuple[int, int]:
        """A paragraph, or a run of table rows (lines with pipe or tab cells, or one cell a line) together."""
        a, b = self.seg.span("paragraph", offset)
        if TABLE_CELL.search(self.text[a:b]):
            def row(span):
                return TABLE_CELL.search(self.text[span[0]:span[1]])
        elif self._cell_line((a, b)):
            row = self._cell_line
        else:
            return a, b
        while a > 0 and row(self.seg.span("paragraph", a - 1)):
            a = self.seg.span("paragraph", a - 1)[0]
        while b < len(self.text) and row(self.seg.span("paragraph", b)):
            b = self.seg.span("paragraph", b)[1]
        return a, b

    def _list_total(self, items) -> tuple[Figure | None, bool]:
        """The list's stated total, nearest first: a 合计 row of its table, a count with a total word."""
        listed = {id(c) for c, _ in items}
        largest = max(c.base_interval.low for c, _ in items)
        first = items[0][0]
        a, b = self._block(first.start)
        kind = first if first.kind != "number" else None
        rows = [f for f in self.figures  # a 合计 row in its table, the cell in the items' column first
                if a <= f.start < b and id(f) not in listed and f.kind in (*COUNT_KINDS, "number")
                and TOTAL_ROW.match(self._line_before(f)) and (kind is None or _same_kind(kind, f))
                and f.base_interval.high is not None and f.base_interval.high >= largest]
        if rows:
            return min(rows, key=lambda f: self._column(f) != self._column(first)), True
        whole = _sum(tuple(c for c, _ in items))  # 不合格产品37批次 … 防水卷材14批次, 保温材料11批次 …: its parts
        parts_of = [f for f in self._counts_in(0, first.start) if id(f) not in listed
                    and (kind is None or compatible(kind.unit, f.unit)) and f.base_interval == whole]
        candidates = [f for f in self.totals if id(f) not in listed and (kind is None or compatible(kind.unit, f.unit))
                      and (f.base_interval.high is None or f.base_interval.high >= largest)]
        if not candidates:
            return (parts_of[-1], True) if parts_of else (None, False)
        total = min(candidates, key=lambda f: (not a <= f.start < b, not f.start < first.start,
                                               abs(f.start - first.start)))
        if parts_of and self._fits(items, parts_of[-1]) >= self._fits(items, total):
            return parts_of[-1], True
        if (antecedent := self._antecedent_of_list(items, kind)) is not None \
                and self._fits(items, antecedent) > self._fits(items, total):
            return antecedent, True
        return total, True

    def _antecedent_of_list(self, items, kind: Figure | None) -> Figure | None:
        """For a list that starts with 其中 (不合格20批次。其中微生物超标9批次,占45.0%), the count just before it."""
        first = items[0][0]
        if not any(w in self._clause_text(first)[0] for w in PART_OF):
            return None
        p = self.seg.span("paragraph", first.start)[0]
        before = [f for f in self._counts_in(p, first.start) if kind is None or compatible(kind.unit, f.unit)]
        return before[-1] if before else None

    @staticmethod
    def _fits(items, base: Figure) -> int:
        """How many of a list's shares are their counts' shares of ``base``."""
        return sum(_at_most(c.base_interval, base.base_interval)
                   and Reading((c,), (base,), "list").recomputed.intersects(p.share_interval) for c, p in items)

    def _column(self, f: Figure) -> int:
        """Which cell of its pipe- or tab-separated row ``f`` is in."""
        return len(TABLE_CELL.findall(self.text, self.text.rfind("\n", 0, f.start) + 1, f.start))

    def _list_claim(self, claim: Figure, cl: CountList) -> Claim:
        count = next(c for c, p in cl.items if p is claim)
        counts = tuple(c for c, _ in cl.items)
        part = counts if cl.summed else (count,)
        cited = claim.share_interval
        if cl.rows is not None:  # a table of rates: its rows' own ratio decides, as most of its rows show
            r = Reading((count,), (cl.rows[counts.index(count)],), "list", base=OF_ROW)
            if r.recomputed.intersects(cited):
                return Claim(claim, CONSISTENT, [r], note="a table of rates, its row's own ratio", strength=STRONG)
            return Claim(claim, INCONSISTENT, [r], strength=STRONG,
                         note="a table of rates: its row's ratio, which most of the table's rows give, misses it")
        readings = []
        if cl.total is not None:
            readings.append(Reading(part, (cl.total,), "text", base=OF_TOTAL, weak=not cl.strong_total))
        if not cl.summed and (cl.total is None or _sum(counts) != cl.total.base_interval):
            stated = sum(Fraction(p.value) for _, p in cl.items)
            forced = abs(stated - 100) <= Fraction(len(cl.items), 10) + 1  # the shares are meant to add up to 100
            readings.append(Reading((count,), counts, "list", base=OF_SUM, weak=cl.total is not None or not forced))
        fitting = [r for r in readings if r.recomputed.intersects(cited)]
        what = "the listed counts together" if cl.summed else "a count(share) list"
        if fitting:
            return Claim(claim, CONSISTENT, fitting[:1], note=f"{what}, {fitting[0].base}",
                         strength=fitting[0].strength)
        strong = [r for r in readings if not r.weak]
        if strong and claim.qualifier not in THRESHOLDS:
            return Claim(claim, INCONSISTENT, strong, strength=STRONG,
                         note=f"{what}: {'their sum' if cl.summed else 'its count'} {strong[0].base} gives another share")
        return Claim(claim, UNVERIFIABLE, readings, note="a count(share) list whose total is not stated: "
                     "the listed categories may not be all")

    # ------------------------------------------------------------ search
    def find(self) -> list[Claim]:
        out = []
        for f in self.figures:
            if f.kind in ("percent", "permille"):  # 粗出生率为千分之五点九: a share per mille
                out.append(self._list_claim(f, self.lists[id(f)]) if id(f) in self.lists else self._total_row(f))
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
                return Claim(f, CONSISTENT, difference=(hi, lo), strength=STRONG,
                             note="the difference of two rates in its sentence")
        return Claim(f, UNVERIFIABLE, note="a percentage-point difference: no two rates in its sentence give it")

    def _total_row(self, claim: Figure) -> Claim:
        """A 合计 row's share (合计|147|100%): the total over itself, when it is a list's total."""
        i = self.index[id(claim)]
        total = self.figures[i - 1] if i else None
        block = self._block(claim.start)
        if total is not None and TOTAL_ROW.match(self._line_before(total)) \
                and (base := self._row_base(total)) is not None and any(
                cl.rows is not None and self._block(cl.items[0][1].start) == block for cl in self.lists.values()):
            r = Reading((total,), (base,), "list", base=OF_ROW)  # a table of rates: its 合计 row's own ratio
            return Claim(claim, CONSISTENT if r.recomputed.intersects(claim.share_interval) else INCONSISTENT,
                         [r], note="a table of rates, its total row's own ratio", strength=STRONG)
        lists = {id(cl.total): cl for cl in self.lists.values() if cl.total is not None}
        if total is None or id(total) not in lists or not TOTAL_ROW.match(self._line_before(total)):
            return self._share(claim)
        r = Reading((total,), (total,), "list", base=OF_TOTAL)
        if r.recomputed.intersects(claim.share_interval):
            return Claim(claim, CONSISTENT, [r], note="a count(share) list's total row", strength=STRONG)
        return Claim(claim, UNVERIFIABLE, [r], note="a count(share) list's total row that is not 100%")

    def _share(self, claim: Figure) -> Claim:
        before, after = self._clause_text(claim)
        if CHANGE.search(before) or CHANGE.search(after[:2]):
            return Claim(claim, UNVERIFIABLE, note="a change, not a share of counts")
        if not self._counts_in(*self.seg.span("sentence", claim.start)):
            return Claim(claim, UNVERIFIABLE, note="no counts of its kind nearby")  # no numerator anywhere
        cited = claim.share_interval
        tried: list[Reading] = []  # the first level's readings, or the first level's with strong ones
        remainder = bool(REMAINDER.search(before))
        for level in LEVELS:
            if level == "text" and any(not r.weak for r in tried):
                break  # strong readings nearby decide: a total far away does not rescue them
            readings = self._readings(claim, level, remainder)
            fitting = [r for r in readings if r.recomputed.intersects(cited)]
            if fitting:
                fitting.sort(key=lambda r: r.weak)
                return Claim(claim, CONSISTENT, fitting[:MAX_LISTED], strength=fitting[0].strength,
                             note=f"{fitting[0].base}, in its {level if level != 'text' else 'text'}")
            if readings and (not tried or (all(r.weak for r in tried) and any(not r.weak for r in readings))):
                tried = readings
        if not tried:
            return self._base_only(claim)
        strong = [r for r in tried if not r.weak]
        nearest = sorted(strong or tried, key=lambda r: _distance(r.recomputed, cited))[:MAX_LISTED]
        if claim.qualifier in THRESHOLDS:
            return Claim(claim, UNVERIFIABLE, nearest, note="a threshold, never called inconsistent")
        if TARGET.search(before):
            return Claim(claim, UNVERIFIABLE, nearest, note="a target, never called inconsistent")
        if not strong and (grim := self._base_only(claim)).base:
            return grim
        if not strong:
            return Claim(claim, UNVERIFIABLE, nearest,
                         note="a weak pairing (no part word meets a total word, the counts do not name the same "
                              "thing): the nearest reading misses, but it may not be the rate's base")
        chained = [r for r in self._chained(claim, strong[0].level) if r.recomputed.intersects(cited)]
        if chained:
            return Claim(claim, UNVERIFIABLE, chained[:1] + nearest[:MAX_LISTED - 1],
                         note="its stated total does not give it, but the part stated before its count does: "
                              "the article does not say which is its base")
        found = Claim(claim, INCONSISTENT, nearest, strength=STRONG,
                      note=f"a strong pairing ({nearest[0].base}) that no reading reproduces")
        if claim.unit == "‰" and found.miss_level != MATERIAL:
            return Claim(claim, UNVERIFIABLE, nearest, note="a rate per mille that misses by rounding only: such rates "
                         "(出生率, 死亡率) are of the year's mean population, which the text does not give")
        return found

    def _base_only(self, claim: Figure) -> Claim:
        """A rate given with its base alone: possible or impossible by whole counts (GRIM)."""
        a, _ = self.seg.span("sentence", claim.start)
        bases = [f for f in self._counts_in(a, claim.start) if self.role[id(f)] == "total"
                 and f.qualifier == "exact" and f.decimals == 0 and f.info[0] == "count" and f.info[2] == 1
                 and 0 < f.value <= GRIM_MAX]
        others = [f for f in self._counts_in(*self.seg.span("sentence", claim.start)) if f not in bases]
        before = self._clause_text(claim)[0]
        if not bases or others or claim.qualifier != "exact" or claim.unit != "%" \
                or any(w in before for w in PART_OF) or not self._about(claim, self.nouns_of(bases[-1])):
            return Claim(claim, UNVERIFIABLE, note="no counts of its kind nearby")  # or a part's rate, of its own base
        base = bases[-1]
        if _whole_counts(claim.cited_interval, int(base.value)):
            return Claim(claim, POSSIBLE, base=(base,), strength=STRONG,
                         note="only the base is given: a whole count of it gives the share")
        return Claim(claim, IMPOSSIBLE, base=(base,), strength=STRONG,
                     note="only the base is given: no whole count of it gives the share")

    def _readings(self, claim: Figure, level: str, remainder: bool) -> list[Reading]:
        own = self.seg.span("clause" if level == "clause" else "sentence", claim.start)
        numerators = _nearest(self._counts_in(*own), claim, NEAREST)
        if level == "text":
            p = self.seg.span("paragraph", claim.start)
            pool = [f for f in self.totals if not p[0] <= f.start < p[1]]
        else:
            pool = self._counts_in(*self.seg.span(level, claim.start))
        denominators = _nearest(pool, claim, 2 * NEAREST)
        pairs = [(n, d) for n in numerators for d in denominators if self._admissible(n, d, claim, level)
                 and not (n.base_interval == d.base_interval and n.start < d.start)]  # 55 of 55: the total first
        pairs.sort(key=lambda p: abs(p[0].start - claim.start) + abs(p[1].start - claim.start))
        readings = [Reading((n,), (d,), level, weak=self._weak(n, d, level), base=self._base(n, d)) for n, d in pairs
                    if _at_most(n.base_interval, d.base_interval)]
        if level in ("sentence", "paragraph"):  # a part over the parts listed: 12间停诊, 另有30间; 已复工80家, 未复工20家
            for n in numerators:
                for d in self._counts_in(*self.seg.span(level, claim.start)):
                    if d is n or not compatible(n.unit, d.unit) or self.role[id(n)] == "rest":
                        continue
                    rest = self.role[id(d)] == "rest" and self.role[id(n)] == "part"
                    if rest or (level == "sentence" and d.start > n.start
                                and OTHER_PART.search(self._clause_text(d)[0])):
                        readings.append(Reading((n,), (n, d), level, weak=not rest, base=OF_PARTS))
        for (n1, d1), (n2, d2) in combinations(pairs[:PAIRS_COMBINED], 2):
            if n1 is n2 or n1 is d2 or n2 is d1:
                continue
            weak = self._weak(n1, d1, level) or self._weak(n2, d2, level)
            if d1 is d2 and _at_most(_sum((n1, n2)), d1.base_interval):
                readings.append(Reading((n1, n2), (d1,), level, weak=weak, base=self._base(n1, d1)))
            elif d1 is not d2 and compatible(n1.unit, n2.unit) and _at_most(_sum((n1, n2)), _sum((d1, d2))):
                readings.append(Reading((n1, n2), (d1, d2), level, weak=weak, base=OF_POOLED))
        complement = [(n, d) for n, d in pairs if remainder != (self.role[id(n)] == "rest")
                      and (remainder or self.role[id(d)] == "total")]
        readings += [Reading((n,), (d,), level, complement=True, weak=self._weak(n, d, level), base=OF_REMAINDER)
                     for n, d in complement if _at_most(n.base_interval, d.base_interval)]
        readings += self._stem_readings(claim, numerators, denominators, level, readings)
        unique = {}
        for r in readings:  # (a + b) / (c + d) arises from a/c with b/d and from a/d with b/c
            key = (frozenset(map(id, r.numerator)), frozenset(map(id, r.denominator)), r.complement)
            unique.setdefault(key, r)
        return list(unique.values())

    def _stem_readings(self, claim: Figure, numerators, denominators, level: str, readings: list[Reading]):
        """A rate word names its numerator (失业率: the count of 失业): when a count near the claim carries the
        rate's stem, a reading over a count that does not is weak (其中就业人口 is not the 失业率's count), and
        the counts that carry it are tried, weakly, over the nearby bases their words do not match
        (失业人数 over 劳动人口). Changes ``readings`` in place; returns the readings to add."""
        named = [n for n in numerators if self._carries_stem(claim, n)]
        if not named:
            return []
        for i, r in enumerate(readings):
            if not r.weak and not all(n in named for n in r.numerator):
                readings[i] = replace(r, weak=True)
        tried = {(id(r.numerator[0]), id(r.denominator[0])) for r in readings if len(r.numerator) == len(r.denominator) == 1}
        return [Reading((n,), (d,), level, weak=True, base=self._base(n, d)) for n in named for d in denominators
                if (id(n), id(d)) not in tried and d is not n and compatible(n.unit, d.unit)
                and self.role[id(d)] not in ("rest", "part") and _at_most(n.base_interval, d.base_interval)]

    def _chained(self, claim: Figure, level: str) -> list[Reading]:
        """The readings of a count that carries the rate's stem over a part stated before it in the same span
        (已按时办结1289件; 回访满意1180件, 满意率91.5%: the 满意 may be of the 办结). Never a base for a
        consistent verdict (a part is not the base of a part), only a reason not to call the claim inconsistent."""
        counts = self._counts_in(*self.seg.span(level if level != "text" else "paragraph", claim.start))
        return [Reading((n,), (d,), level, weak=True, base=OF_NEARBY) for n in counts if n.start < claim.start
                and self._carries_stem(claim, n) for d in counts if d.start < n.start
                and self.role[id(d)] == "part" and compatible(n.unit, d.unit) and _at_most(n.base_interval, d.base_interval)]

    def _carries_stem(self, claim: Figure, n: Figure) -> bool:
        """Whether count ``n``'s clause carries the stem of the claim's rate word (失业人数 for 失业率)."""
        stem = self._stem(claim)
        return stem is not None and stem in "".join(self._clause_text(n))

    def _stem(self, claim: Figure) -> str | None:
        """The two characters before the claim's rate word (失业 for 失业率为4.0%), looked for once per claim."""
        def find() -> str | None:
            m = RATE_STEM.search(self._clause_text(claim)[0])
            return m[1] if m else None
        return self._once(("stem", id(claim)), find)

    def _base(self, n: Figure, d: Figure) -> str:
        return OF_TOTAL if self.role[id(d)] == "total" else OF_NEARBY

    def _weak(self, n: Figure, d: Figure, level: str) -> bool:
        return self._once(("weak", id(n), id(d), level), lambda: self._is_weak(n, d, level))

    def _is_weak(self, n: Figure, d: Figure, level: str) -> bool:
        rn, rd = self.role[id(n)], self.role[id(d)]
        nn, nd = self.nouns_of(n), self.nouns_of(d)
        if level == "text":  # a total far away is strong only for a part that names what the total names,
            if rn not in ("part", "rest") or rd != "total" or not self.same_thing(self._named(n), nd):
                return True
            a, b = self.seg.span("paragraph", n.start)  # when its own paragraph has no total of its kind
            if any(compatible(f.unit, n.unit) and self.role[id(f)] == "total" for f in self._counts_in(a, b)):
                return True
            a = self.seg.span("sentence", n.start)[0]  # 建筑业方面,已开工企业109家: not the 餐饮企业 total
            return not all(self.same_thing(frozenset([w]), nd) for w in self.nouns(self.text[a:n.start]))  # tagged last
        named = bool(nn and nd) and self.same_thing(nn, nd)
        if rn in ("part", "rest") and rd == "total":
            return False
        if rn == "of" and d is self._antecedent(n):
            return False
        if rn == rd == "" and nn and nd and not (nn <= nd or nd <= nn):
            return True  # 男性失业人数4.9万, 女性失业人数3.8万: each names what the other does not, side by side
        return not named and level == "paragraph" or (not named and rd != "total" and rn == "")

    def _named(self, n: Figure) -> frozenset[str]:
        """What a count counts, or, if it names nothing (尚未复课的14所), what the count before it in its
        paragraph with the same unit names."""
        return self._once(("named", id(n)), lambda: self._find_named(n))

    def _find_named(self, n: Figure) -> frozenset[str]:
        if own := self.nouns_of(n):
            return own
        before = self._counts_in(self.seg.span("paragraph", n.start)[0], n.start)[::-1]
        return next((names for f in before if f.unit == n.unit and (names := self.nouns_of(f))), frozenset())

    def _antecedent(self, n: Figure) -> Figure | None:
        """The nearest count before ``n``'s sentence in its paragraph with the same unit, else a compatible one
        (a count with a total word before one without)."""
        return self._once(("antecedent", id(n)), lambda: self._find_antecedent(n))

    def _find_antecedent(self, n: Figure) -> Figure | None:
        before = self._counts_in(self.seg.span("paragraph", n.start)[0], self.seg.span("sentence", n.start)[0])[::-1]
        for fits in (lambda f: f.unit == n.unit, lambda f: compatible(f.unit, n.unit)):  # a total first
            found = next((f for f in before if fits(f) and self.role[id(f)] == "total"), None) \
                or next((f for f in before if fits(f)), None)
            if found is not None:
                return found
        return None

    def _counts_in(self, a: int, b: int) -> list[Figure]:
        return self.counts[bisect_left(self.count_starts, a):bisect_left(self.count_starts, b)]

    def _admissible(self, n: Figure, d: Figure, claim: Figure, level: str) -> bool:
        rn, rd = self.role[id(n)], self.role[id(d)]
        if rd == "rest" or (rd == "part" and rn != "of"):
            return False  # a rest is never a base; a part only of what its clause says is a part of it (其中)
        if n is d or not compatible(n.unit, d.unit):
            return False
        if level == "text" and rn not in ("part", "rest", "of"):
            return False  # a total far away is a base only for a part (decided before any tagging)
        nn, nd = self.nouns_of(n), self.nouns_of(d)
        if nn and nd and not self.same_thing(nn, nd):
            return False
        if level == "paragraph" and not (nn and nd) and d is not self._antecedent(n):
            return False  # a count that names nothing refers to the count just before it, no further
        if level == "text" and not (nd and self.same_thing(self._named(n), nd)):
            return False
        if not self._about(claim, nn | nd):
            return False
        return d.base_interval.high != 0  # last: the first exact interval of a figure costs the most


def _same_kind(a: Figure, b: Figure) -> bool:
    return compatible(a.unit, b.unit) or (a.kind == b.kind == "number")


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


def find_claims(norm: str, figures: list[Figure], segments: Segments | None = None) -> list[Claim]:
    return ClaimFinder(norm, figures, segments).find()
