"""Every number in an article, as a figure (value, unit, qualifier) or as an exclusion.

The reader works on :func:`recount.draft.text.normalise`'s copy, so 一二三,
１２３ and 12,345 are all digits to it, and 餘 is 余. A number is

* Arabic (``4.28``, ``12,345``, ``538 300``, full width; ``8萬6,420`` is 86420), Chinese (``三十六``,
  ``一千二百``, ``两``, read with cn2an), ``百分之九十``, ``千分之五点九`` (5.9‰), or a number of 成
  (``九成`` = 90%, ``六成半`` = 65%);
* followed by an optional scale word (万, 亿; 千 is folded into the value),
  a measure word (:mod:`recount.units`), % or 个百分点;
* qualified by 余/多 (suffix), 超过/逾/近/约/不到/预计 (prefix) or
  左右/以上/以下 (after the unit). Each qualifier is an interval by the book's
  convention (:func:`recount.intervals.figure_interval`).

What is not a figure, with the reason kept (:class:`Exclusion`): dates, years (Taiwan's too: 112年底, 112学年度),
clock times, weekdays, ordinals (第一), list markers (一是, 一期, (一)),
codes (3+X, 5G), 一 as an indefinite article (一位负责人), reduplications
(一家家), idioms (一次性), ratios (1:8), numbers per unit (每户1处, 人均2台), a Chinese numeral that counts nothing (三大, 一标三实),
and a number alone on its line (page furniture), unless its share is alone on the next line (a table
copied cell by cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

import cn2an

from recount.units import BY_LENGTH, CANONICAL, MEASURE_WORDS, SCALES, unit_info
from recount.intervals import Interval, cited_interval, decimals_of, figure_interval

CN_DIGITS = "〇零一二两三四五六七八九"
CN_CHARS = CN_DIGITS + "十百千万亿"
NUMBER = re.compile(
    r"(?P<pct>[百千]分之[%s]+(?:点[%s]+)?)" % (CN_DIGITS + "十百千", CN_DIGITS)
    + r"|(?P<arabic>\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,])"
    + r"|\d+(?:\.\d+)?)"
    + r"|(?P<cn>[%s]+(?:点[%s]+(?=个?百分点|%%))?)" % (CN_CHARS, CN_DIGITS)
)
#: the characters a NUMBER can start with: ``re`` skips to the next of a plain class far faster than it tries
#: NUMBER's three alternatives at every position of a long text
NUMBER_START = re.compile(r"[\d%s]" % CN_CHARS)
#: 约 before 占 and the base it names (约占80%, 约占全市的三成): the share is about, as after 约 alone
ABOUT_SHARE = re.compile(r"约占[^\d,。;:!?()\n%]{0,8}$")
PREFIX = re.compile(r"(预计(?:将)?(?:达到|达|为|超过|突破)?|不超过|不少于|不低于|至少|超过|逾|将近|接近|近|大约|约|不到|不足|超)$")
PREFIX_QUALIFIER = {"超过": "超过", "超": "超过", "逾": "逾", "将近": "近", "接近": "近", "近": "近",
                    "大约": "约", "约": "约", "不到": "不到", "不足": "不到", "不超过": "不到",
                    "不少于": "以上", "不低于": "以上", "至少": "以上"}
#: characters that, before 近/约/超, make a word rather than a qualifier (最近, 节约, 赶超)
NOT_PREFIX = {"近": "最附临", "约": "制节预合签公相", "超": "赶高"}
SUFFIX = re.compile(r"左右|以上|以下")
SUFFIX_QUALIFIER = {"左右": "左右", "以上": "以上", "以下": "不到"}
MONEY_WORDS = re.compile(r"金额|资金|经费|元|投资|收入|营收|产值|贷款|补贴|奖补|资产|税|费|销售额|利润|GDP|总额")
IDIOMS = re.compile(r"一次性|一成不变|千家万户|万家灯火|一家人|一个样|十四五|十三五|一把手|一体化|三番五次|千方百计")
RESULT_BEFORE = "成为仅只共计"  # 融合成一个, 精简为一项, 仅一家: a count of one, not an article
WEEKDAY_BEFORE = re.compile(r"(周|星期|礼拜)$")
#: a number per household, per person, per 100 people (每户1处, 人均2台, 每百人3.5张), not per day or month
#: the rest of a line holding a count alone, then a line holding a share alone (a table copied cell by cell)
PERCENT_LINE = re.compile(r"[ \t]*\n[ \t]*\d+(?:\.\d+)?[ \t]*%[ \t]*(?:\n|$)")
CLAUSE_TAIL = re.compile(r"[^,。;!?:\n]*$")
PER_BEFORE = re.compile(r"(?:每[一二三四五六七八九十百千万\d]*(?:户|人|家|名|位|村|亩|平方公里)|人均|户均)[^\d]*$")
#: the 万 part of an amount written in 亿 and 万 (52亿3,400万元): four digits at most
YI_WAN = re.compile(r"(\d{1,4}|\d,\d{3})万(?=[^\d万亿]|$)")
#: the rest of a count written in 万 and units (8萬6,420人, 1万930人): four digits at most, then no number
WAN_REST = re.compile(r"(\d{1,4}|\d,\d{3})(?=[^\d,.万亿千百%]|$)")
#: a cheap first test: a clause tail that ``PER_BEFORE`` matches holds one of these
PER_CHARS = re.compile("[每均]")
SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")  # thousands separators in an Arabic number
LIST_MARKER = re.compile(r"[一二三四五六七八九十]+(?:是|要|来|则)")  # 一是, 二要
DAY_AFTER_MONTH = re.compile(r"(?:份|\d{1,2}[日号]|[%s]{1,3}[日号])" % CN_CHARS)
AFTER_COLON = re.compile(r":(\d+)")
QUALIFIER_SCALE = re.compile(r"(余|多)?(万亿|万|亿|千)?(余|多)?")
TENTH = re.compile(r"[一二三四五六七八九]|\d(?![\d.])")  # 五成七, 5成7
ISO_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
CLOCK_TAIL = re.compile(r"[点时](?:\d{1,2}分|[%s]{1,3}分|半|整|许)?" % "〇零一二三四五六七八九十")
CHENG_NOT = "为立本果功员都熟绩交效长品型"
#: what follows a year of the Republic (112年底, 112年1月, 112学年度): never a number of years
ROC_YEAR = re.compile(r"年(?:底|度|初|末|上半年|下半年|\d{1,2}月|[一二三四五六七八九十]{1,2}月)|学年")
#: the words before a year compared with (较111年, 比111年同期): a year, not years, unless 年前 or 年后 follows
ROC_COMPARED = ("较", "比", "与")
SHARE_WORDS = {"百分之": "%", "千分之": "‰"}
POINTS = re.compile(r"个?百分点")
DIGITS = "一二三四五六七八九"
PAIR = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])([十百千万]?)")
PLACE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10000}


@dataclass(frozen=True)
class Figure:
    """One number as written: ``quote`` is ``text[start:end]`` of the original text."""

    start: int
    end: int
    quote: str
    value_text: str  # the value in ``unit``, as the ledger writes it ("150" for 150余万元)
    unit: str  # "家", "万元", "%", "个百分点", "" (none)
    qualifier: str  # exact, 余, 多, 万余, 超过, 逾, 以上, 近, 约, 左右, 不到, 预计, 成
    number_start: int  # where the digits begin (after a prefix qualifier)

    @property
    def value(self) -> Decimal:
        return Decimal(self.value_text)

    @cached_property
    def info(self) -> tuple[str, str, int]:
        return unit_info(self.unit) or ("other", self.unit, 1)

    @cached_property
    def kind(self) -> str:
        return self.info[0]

    @cached_property
    def interval(self) -> Interval:
        """In the unit as written; an exact figure written with decimals is its rounding interval
        (4.28 = [4.275, 4.285)), by the rule the book applies to a cited percentage."""
        if self.qualifier == "exact":
            if self.decimals:
                return cited_interval(self.value_text)
            return Interval.point(int(self.value_text))  # figure_interval's [v, v], without its Decimal work
        return figure_interval(self.value, self.qualifier)

    @cached_property
    def base_interval(self) -> Interval:
        factor = self.info[2]
        return self.interval if factor == 1 else self.interval.scale(factor)

    @cached_property
    def cited_interval(self) -> Interval:
        """What the figure stands for as a cited rate: its rounding interval, or its qualifier's."""
        return cited_interval(self.value_text, self.qualifier)

    @cached_property
    def share_interval(self) -> Interval:
        """What the figure stands for as a share, in percent: 5.9‰ is [0.585, 0.595)%, 12.5% its
        :attr:`cited_interval`."""
        return self.cited_interval.scale(Fraction(1, 10)) if self.unit == "‰" else self.cited_interval

    @property
    def decimals(self) -> int:
        return decimals_of(self.value_text)

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "quote": self.quote, "value": self.value_text,
                "unit": self.unit, "qualifier": self.qualifier}


@dataclass(frozen=True)
class Exclusion:
    """A number that is not a figure, and why (kind: date, year, time, ordinal, list, ...)."""

    start: int
    end: int
    quote: str
    kind: str


def _cn_value(run: str) -> Decimal | None:
    """The value of a run of Chinese numerals (cn2an), or None (:meth:`Reader._numeral` asks once per text)."""
    try:
        value = cn2an.cn2an(run, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))


#: each numeral character alone (一, 两, 三: the commonest runs), read by cn2an once for good
SINGLE_NUMERALS = {ch: _cn_value(ch) for ch in CN_CHARS}


def approximate_pair(run: str) -> Decimal | None:
    """三四 = "three or four", 三四十 = "thirty or forty": the lower value (read as 余), else None."""
    m = PAIR.fullmatch(run)
    if m and DIGITS.index(m[2]) == DIGITS.index(m[1]) + 1:
        return Decimal((DIGITS.index(m[1]) + 1) * PLACE[m[3]])
    return None


#: any measure word, longest first (a regex tries its alternatives in order)
MEASURE = re.compile("|".join(map(re.escape, BY_LENGTH)))


def _measure_at(text: str, pos: int) -> str:
    """The longest measure word at ``pos``, or ""."""
    m = MEASURE.match(text, pos)
    return m.group() if m else ""


class Reader:
    """Reads the figures and exclusions of one text (``original`` and its normalised copy)."""

    def __init__(self, original: str, norm: str):
        self.original, self.text = original, norm
        self.figures: list[Figure] = []
        self.exclusions: list[Exclusion] = []
        self._numerals = dict(SINGLE_NUMERALS)  # and per text, the longer runs as they come

    def run(self) -> "Reader":
        pos = 0
        while (first := NUMBER_START.search(self.text, pos)) is not None:
            m = NUMBER.match(self.text, first.start())  # never None: each of these characters starts a NUMBER
            pos = max(self._read(m), m.end())
        return self

    # ------------------------------------------------------------ helpers
    def _numeral(self, run: str) -> Decimal | None:
        """:func:`_cn_value` of ``run``, worked out once per text."""
        if run not in self._numerals:
            self._numerals[run] = _cn_value(run)
        return self._numerals[run]

    def _exclude(self, start: int, end: int, kind: str) -> int:
        self.exclusions.append(Exclusion(start, end, self.original[start:end], kind))
        return end

    def _before(self, pos: int, n: int = 6) -> str:
        return self.text[max(0, pos - n):pos]

    def _alone_on_line(self, s: int, e: int) -> bool:
        """Whether the number ``text[s:e]`` is all its line holds, but spaces (without copying the line)."""
        t = self.text
        a = t.rfind("\n", 0, s) + 1
        b = t.find("\n", e)
        return not t[a:s].strip() and not t[e:b if b >= 0 else len(t)].strip()

    # ------------------------------------------------------------ one number
    def _read(self, m: re.Match) -> int:
        """Record the number ``m`` found as a figure or an exclusion; return where reading goes on."""
        t = self.text
        s, e = m.start(), m.end()
        if m.group("pct"):
            return self._percent_words(m)
        if (iso := ISO_DATE.match(t, s)) is not None:
            return self._exclude(s, iso.end(), "date")
        if m.group("arabic"):
            value = Decimal(SEPARATORS.sub("", m.group("arabic")))  # 4.30 stays 4.30
            chinese, pair = False, None
        else:
            run = m.group("cn")
            if not any(c in CN_DIGITS for c in run) and not run.startswith("十"):
                return e  # 百, 千万 (by all means), 万: words, not numbers
            if IDIOMS.match(t, s - 1 if s and t[s - 1] in "千万十" else s) or IDIOMS.match(t, s):
                return self._exclude(s, e, "idiom")
            if LIST_MARKER.match(t, s) and len(run) <= 2:
                return self._exclude(s, e + 1, "list")
            pair = approximate_pair(run)
            if pair is not None and t.startswith(("点", "时"), e):
                return self._exclude(s, e + 1, "time")
            value = pair or self._numeral(run)
            if value is None:
                return self._exclude(s, e, "word")
            chinese = True
        # ---- what is around it
        before = t[s - 1] if s else "\n"  # the text's ends as line ends: "" is in every string ("" in "级届")
        after = t[e] if e < len(t) else "\n"
        if self._alone_on_line(s, e) and not PERCENT_LINE.match(t, e):
            return self._exclude(s, e, "furniture")  # unless a table cell: a count on its line, its share on the next
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()) or after == "+" \
                or (before in "+-/_" and s >= 2 and t[s - 2].isascii() and t[s - 2].isalnum()) \
                or (after in "-/_" and t[e + 1:e + 2].isascii() and t[e + 1:e + 2].isalnum()):
            return self._exclude(s, e, "code")  # 3+X, 5G, COVID-19, 0871-6123456
        if before == "第" or (before == "其" and chinese):
            return self._exclude(s - 1, e, "ordinal" if before == "第" else "list")
        if before in "((" and after in "))" and chinese:
            return self._exclude(s - 1, e + 1, "list")
        if after in "、." and chinese and (s == 0 or t[s - 1] in "\n(("):
            return self._exclude(s, e + 1, "list")
        if not chinese and after in "、." and (s == 0 or t[s - 1] == "\n") and not t[e + 1:e + 2].isdigit():
            return self._exclude(s, e + 1, "list")
        # dates, years, times
        if t.startswith("年", e) and (len(m.group()) == 4 and (not chinese or all(c in CN_DIGITS for c in m.group()))):
            return self._exclude(s, e + 1, "year")
        if t.startswith("年代", e):
            return self._exclude(s, e + 2, "year")
        if not chinese and len(m.group()) in (2, 3) and (ROC_YEAR.match(t, e) or t.endswith("民国", 0, s) or (
                t.endswith(ROC_COMPARED, 0, s) and t.startswith("年", e) and not t.startswith(("年前", "年后"), e))):
            return self._exclude(s, e + t.startswith("年", e), "year")  # 112年底, 112学年度, 民国99年, 较111年
        if after == "月" and 1 <= value <= 12 and value == value.to_integral_value():
            end = e + 1
            if (d := DAY_AFTER_MONTH.match(t, end)):
                end = d.end()
            return self._exclude(s, end, "date")
        if after in "日号" and 1 <= value <= 31 and not t.startswith(("内", "以内", "之内", "以上", "以下"), e + 1) \
                and value == value.to_integral_value():
            return self._exclude(s, e + 1, "date")
        near = max(s - 24, 0)
        if PER_CHARS.search(t, near, s) and PER_BEFORE.search(CLAUSE_TAIL.search(t, near, s).group()):
            return self._exclude(s, e, "per")  # 每户1处, 人均2.5台: a number per unit, not a count
        if (w := WEEKDAY_BEFORE.search(self._before(s))) and value <= 7:
            return self._exclude(s - len(w.group()), e, "date")
        if after == ":" and (r := AFTER_COLON.match(t, e)):
            clock = len(r.group(1)) == 2 and value <= 24
            return self._exclude(s, r.end(), "time" if clock else "ratio")
        if after == "点" or (after == "时" and not t.startswith(("时间", "时期", "时候", "时段", "时代", "时节"), e)):
            return self._exclude(s, CLOCK_TAIL.match(t, e).end(), "time")
        if after in "级届" or (after == "期" and chinese and m.group() != "两"):
            return self._exclude(s, e + 1, "ordinal" if after in "级届" else "list")
        if len(m.group()) == 4 and not chinese and 1900 <= value <= 2100 and "." not in m.group() and \
                not _measure_at(t, e) and not t.startswith(("万", "亿", "%", "余", "多"), e):
            return self._exclude(s, e, "year")
        return self._figure(m, s, e, value, chinese, pair is not None)

    def _percent_words(self, m: re.Match) -> int:
        """百分之十二点五 (12.5%) and 千分之五点九 (5.9‰)."""
        run = m.group("pct")[3:]
        value = self._numeral(run)
        if value is None:
            return self._exclude(m.start(), m.end(), "word")
        start, end, qualifier = self._qualified(m.start(), m.end(), "exact")  # 百分之九十以上, 超过百分之五十
        return self._finish(start, m.start(), end, value, "%" if m.group().startswith("百") else "‰", qualifier)

    def _figure(self, m: re.Match, s: int, e: int, value: Decimal, chinese: bool, pair: bool) -> int:
        t = self.text
        run = m.group()
        qualifier = "余" if pair else "exact"  # 三四家: three or more
        scale = ""
        if chinese and len(run) > 1 and run[-1] in "万亿" and run[:-1].strip("万亿"):
            scale = "万亿" if run.endswith("万亿") else run[-1]
            value = value / SCALES[scale]
        pos = e
        q1, sc, q2 = QUALIFIER_SCALE.match(t, pos).groups()
        used = len(q1 or "")
        if sc == "千" and not scale and not chinese and (
                _measure_at(t, pos + used + 1) or t.startswith(("万", "亿"), pos + used + 1)):
            value, used, q2 = value * 1000, used + 1, None  # 3千家; 3千万元 = 3000 万元
            if t.startswith(("万", "亿"), pos + used):
                scale, used = t[pos + used], used + 1
        elif sc and sc != "千" and not scale:
            scale, used = sc, used + len(sc) + len(q2 or "")
        else:
            q2 = None
        pos += used
        if scale == "亿" and not q1 and not q2 and (rest := YI_WAN.match(t, pos)):  # 52亿3,400万元 = 52.34 亿元
            value += Decimal(rest[1].replace(",", "")) / 10_000
            pos = rest.end()
        elif scale == "万" and not q1 and not q2 and value == value.to_integral_value() \
                and (rest := WAN_REST.match(t, pos)):  # 8萬6,420人: a count of 86420, to the unit
            value, scale, pos = value * 10_000 + Decimal(rest[1].replace(",", "")), "", rest.end()
        if q2:
            qualifier = "万余" if scale == "万" else "余"
        elif q1:
            qualifier = q1
        unit_word = ""
        words = "" if chinese or scale else next((w for w in SHARE_WORDS if t.endswith(w, 0, s)), "")
        if words:  # 百分之12.5, 千分之3.2: Arabic digits after the words of a share
            unit_word = SHARE_WORDS[words]
        elif points := POINTS.match(t, pos):
            unit_word, pos = "个百分点", points.end()
        elif t.startswith(("%", "‰"), pos):
            unit_word = t[pos]
            pos += 1
        elif t.startswith("成", pos) and not scale and not t.startswith(tuple(CHENG_NOT), pos + 1) \
                and value <= 10:
            unit_word, value, pos = "%", value * 10, pos + 1
            if (tenth := TENTH.match(t, pos)) and not _measure_at(t, pos + 1):
                value += self._numeral(tenth.group()) if chinese else Decimal(tenth.group())  # 五成七 = 57%
                pos += 1
            elif t.startswith("半", pos):  # 六成半 = 65%
                value, pos = value + 5, pos + 1
                qualifier = "成" if qualifier == "exact" else qualifier
            elif t[pos:pos + 1] in ("多", "余") and qualifier == "exact":  # 二成多: 20-30%
                qualifier, pos = t[pos], pos + 1
            elif qualifier == "exact":
                qualifier = "成"
        else:
            unit_word = _measure_at(t, pos)
            pos += len(unit_word)
            if unit_word == "个" and t.startswith(("多月", "余月"), pos):  # 3个多月: more than 3 months
                unit_word, qualifier, pos = "个月", t[pos], pos + 2
            elif unit_word and MEASURE_WORDS[unit_word] == "duration" and t[pos:pos + 1] in ("多", "余") \
                    and qualifier == "exact":  # 一年多, 两周余
                qualifier, pos = t[pos], pos + 1
        # ---- rules that need the unit
        if run == "一" and e + 1 < len(t) and t[e] == t[e + 1]:
            return self._exclude(s, e + 2, "rhetoric")  # 一家家, 一条条
        if chinese and not unit_word and not scale:
            return self._exclude(s, e, "word")
        if run == "一" and unit_word and not scale:
            prev = self._before(s, 1)
            if prev == "每":
                return self._exclude(s - 1, pos, "word")
            if not (prev and prev in RESULT_BEFORE) and MEASURE_WORDS.get(unit_word) == "count":
                return self._exclude(s, pos, "indefinite")
        start, pos, qualifier = self._qualified(s - len(words), pos, qualifier, suffix=bool(unit_word))
        unit = CANONICAL.get(unit_word, unit_word)
        if scale:
            if not unit:
                clause_start = max(t.rfind(c, 0, s) for c in ",。;!?\n")
                unit = "元" if MONEY_WORDS.search(t, clause_start + 1, s) else ""
            unit = scale + unit
        return self._finish(start, s, pos, value, unit, qualifier)

    def _qualified(self, s: int, pos: int, qualifier: str, suffix: bool = True) -> tuple[int, int, str]:
        """The qualifier words around a number starting at ``s`` whose unit ends at ``pos`` (超过…, and with
        ``suffix``, …以上): where the figure starts and ends, and its qualifier."""
        t = self.text
        if suffix and (m2 := SUFFIX.match(t, pos)):
            pos = m2.end()
            qualifier = SUFFIX_QUALIFIER[m2.group()] if qualifier in ("exact", "成") else qualifier
        start = s
        if (p := PREFIX.search(self._before(s))) is not None:
            word = p.group()
            cut = s - len(word)
            if word.startswith("预计"):
                qualifier = "预计" if qualifier == "exact" else qualifier
                start = cut
            elif cut == 0 or t[cut - 1] not in NOT_PREFIX.get(word, ""):
                if qualifier in ("exact", "成"):
                    qualifier = PREFIX_QUALIFIER[word]
                start = cut
        elif qualifier == "exact" and ABOUT_SHARE.search(self._before(s, 10)):
            qualifier = "约"  # the quote keeps to the number: 约占 stays in the gap a count(share) list reads
        return start, pos, qualifier

    def _finish(self, start: int, number_start: int, end: int, value: Decimal, unit: str, qualifier: str) -> int:
        value_text = format(value, "f")  # as the ledger writes it: 12000, 4.30 (no exponent, the places as written)
        self.figures.append(Figure(start, end, self.original[start:end], value_text, unit, qualifier, number_start))
        return end


def read(original: str, norm: str) -> tuple[list[Figure], list[Exclusion]]:
    """The figures and the exclusions of a text, in order of position."""
    reader = Reader(original, norm).run()
    return reader.figures, reader.exclusions
