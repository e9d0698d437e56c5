"""Exact interval arithmetic for the approximate figures Chinese news text uses.

Every figure becomes an :class:`Interval` of :class:`fractions.Fraction` bounds,
so no binary float ever decides a verdict.

The step of a number
    ``step(v)`` is one unit of the last non-zero digit the text names:
    step(7000) = 1000, step(4300) = 100, step(150) = 10, step(5914) = 1,
    step(0.5) = 0.1. "7000余" names the thousands digit; the remainder it hides
    is below the next thousand.

The conventions (GB/T 15835-2011 sets no numeric bounds for these words, so
each one is the project's choice; the methods page of the book prints this
table from :data:`QUALIFIERS`). Bounds are generous: a claim is called
inconsistent only if it fails under the widest fair reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

#: qualifier -> (English name, rule as shown to readers, example)
QUALIFIERS: dict[str, tuple[str, str, str]] = {
    "exact": ("exact", "[v, v]", "4800家 → [4800, 4800]"),
    "余": ("more than (suffix 余)", "[v, v + step(v)]", "7000余 → [7000, 8000]; 150余万元 → [150, 160] 万元"),
    "多": ("more than (suffix 多)", "[v, v + step(v)]", "700多 → [700, 800]; 600多万元 → [600, 700] 万元"),
    "万余": ("more than, below the next 万 (万余)", "[v, v + 1] in 万", "5914万余元 → [5914, 5915] 万元"),
    "超过": ("over (超过, 逾)", "[v, ∞)", "超过360人次 → at least 360, no upper bound"),
    "逾": ("over (逾)", "[v, ∞)", "逾100 → at least 100"),
    "以上": ("at least (suffix 以上)", "[v, ∞)", "90%以上 → at least 90 %"),
    "近": ("nearly (近)", "[v − step(v), v]", "近300 → [200, 300]"),
    "不到": ("below (不到, 不足, 以下)", "[0, v]", "不到10% → at most 10 %"),
    "左右": ("about (左右)", "[v − step(v), v + step(v)]", "98%左右 → [97, 99] %"),
    "约": ("about (约)", "[v − step(v), v + step(v)]", "约500 → [400, 600]"),
    "成": ("tenths (成)", "[v − 5, v + 5) %, the tenths that round to it", "九成 → [85, 95) %"),
    "预计": ("forecast (预计)", "[v, v], taken at face value and marked as a forecast", "预计达到5000万 → [5000, 5000] 万元"),
    "rounded": ("rounded, as the text says (四舍五入, 约合)", "[v − step(v)/2, v + step(v)/2)",
                "rounded 5000万 → [4500, 5500) 万"),
}

#: how an exact figure written with decimals is read: (name, rule, example), as in QUALIFIERS; the
#: methods page prints it as the last row of the qualifiers' table
DECIMALS_RULE = ("exact, written with d decimals: the values that round half up to it, whatever it counts; "
                 "a rate built on it is an interval too",
                 "[v − h, v + h), h = ½ · 10^−d", "82.57% → [82.565, 82.575) %; 1.5万元 → [1.45, 1.55) 万元")


def decimals_of(text: str) -> int:
    """Number of decimals written in ``text`` ("76.23" -> 2, "92" -> 0)."""
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def step(value: Decimal) -> Fraction:
    """One unit of the last non-zero digit of ``value`` (1 for zero)."""
    if value == 0:
        return Fraction(1)
    sign, digits, exponent = value.normalize().as_tuple()
    return Fraction(10) ** exponent  # normalize() strips trailing zeros into the exponent


@dataclass(frozen=True)
class Interval:
    """A set of numbers [low, high]; ``high is None`` means unbounded above.

    ``high_open`` marks a bound that is not included (used for the values that
    round half-up to a cited figure: [c - h, c + h)).
    """

    low: Fraction
    high: Fraction | None
    high_open: bool = False

    @classmethod
    def point(cls, v) -> "Interval":
        return cls(Fraction(v), Fraction(v))

    @property
    def is_point(self) -> bool:
        return self.high is not None and self.low == self.high and not self.high_open

    @property
    def bounded(self) -> bool:
        return self.high is not None

    def scale(self, factor: Fraction | int) -> "Interval":
        f = Fraction(factor)
        return Interval(self.low * f, None if self.high is None else self.high * f, self.high_open)

    def __add__(self, other: "Interval") -> "Interval":
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(self.low + other.low, high, self.high_open or other.high_open)

    def ratio(self, other: "Interval") -> "Interval":
        """``self / other`` for non-negative intervals (numerator over denominator)."""
        if other.high is not None and other.high == 0:
            raise ZeroDivisionError("denominator is zero")
        low = Fraction(0) if other.high is None else self.low / other.high
        if self.high is None or other.low == 0:
            high = None
        else:
            high = self.high / other.low
        return Interval(low, high)

    def intersects(self, other: "Interval") -> bool:
        # self.low <= other.high (strict if other.high is open), and symmetrically
        def below(lo: Fraction, hi: Fraction | None, open_: bool) -> bool:
            if hi is None:
                return True
            return lo < hi if open_ else lo <= hi

        return below(self.low, other.high, other.high_open) and below(other.low, self.high, self.high_open)

    def contains(self, x: Fraction) -> bool:
        return self.intersects(Interval.point(x))


def figure_interval(value: Decimal, qualifier: str) -> Interval:
    """The interval a figure written as ``value`` with ``qualifier`` stands for.

    An exact figure written with decimals (``Decimal("82.57")``, ``Decimal("1.50")``: the places
    as written) stands for its rounding interval, like a cited percentage; whole numbers that are
    exact stay points (a count of 4800 is 4800)."""
    v = Fraction(value)
    s = step(value)
    places = max(-value.as_tuple().exponent, 0)
    if qualifier == "exact" and places:  # decimals are a rounding interval (DECIMALS_RULE)
        h = Fraction(1, 2) / Fraction(10) ** places
        return Interval(max(v - h, Fraction(0)), v + h, high_open=True)
    if qualifier in ("exact", "预计"):
        return Interval(v, v)
    if qualifier == "rounded":
        return Interval(max(v - s / 2, Fraction(0)), v + s / 2, high_open=True)
    if qualifier in ("余", "多"):
        return Interval(v, v + s)
    if qualifier == "万余":
        return Interval(v, v + 1)
    if qualifier in ("超过", "逾", "以上"):
        return Interval(v, None)
    if qualifier == "不到":
        return Interval(Fraction(0), v)
    if qualifier == "成":  # 九成 = 90 %, written to the nearest tenth
        return Interval(v - 5, v + 5, high_open=True)
    if qualifier == "近":
        return Interval(max(v - s, Fraction(0)), v)
    if qualifier in ("左右", "约"):
        return Interval(max(v - s, Fraction(0)), v + s)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def cited_interval(value_text: str, qualifier: str = "exact") -> Interval:
    """The values a cited percentage stands for.

    An exact figure written with d decimals stands for the values that round
    half-up to it: [c - h, c + h) with h = 0.5 * 10^-d. The interval is closed
    below and open above because half-up rounding sends an exact half up
    (82.5 rounds to 83, not 82). Other qualifiers use :func:`figure_interval`.
    """
    value = Decimal(value_text)
    if qualifier != "exact":
        return figure_interval(value, qualifier)
    c = Fraction(value)
    h = Fraction(1, 2) / Fraction(10) ** decimals_of(value_text)
    return Interval(c - h, c + h, high_open=True)
