"""The draft on test articles written in the genre (tests/articles/genre/), against a person's answers.

Each article is written twice, in simplified and in traditional characters (the traditional ones with
full-width punctuation, one with full-width digits); both must get a person's answers. ``TRUTH`` is what a
reader with a calculator says of each stated percentage, in the order the article states them: the
verdict and the counts a reader would name (numerator values, and the denominator's value: a stated
total, or a sum such as part + rest, whose value is what counts). The scoring harness at the end applies
the issue's targets over all of them: no false alarm, at least 90% of the inconsistencies flagged with
the right counts, at least 90% of the consistent percentages explained with the right counts, and at
most one invented explanation in 50.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from recount.draft import draft

GENRE = Path(__file__).parent / "articles" / "genre"
C, I, U, P, X = "consistent", "inconsistent", "unverifiable", "possible", "impossible"

#: article stem -> [(cited value, verdict, numerator values, denominator value)] in the article's order;
#: possible/impossible name the base as the denominator and no numerator
TRUTH = {
    "hotline_monthly": [  # a 12345 hotline's month: the total at the top, a count(share) list below
        ("12.4", U, (), None), ("96.4", C, ("2301",), "2386"), ("94.5", C, ("2254",), "2386"),
        ("26.9", C, ("643",), "2386"), ("17.5", C, ("417",), "2386"), ("14.8", C, ("352",), "2386"),
        ("12.5", C, ("298",), "2386"), ("8.8", C, ("211",), "2386"), ("98.2", C, ("3120",), "3177"),
        ("95.0", C, ("1568",), "1650")],
    "mailbox_table": [  # a mayor's mailbox: a pipe table with a 合计 row, shares forced to add up to 100
        ("29.3", C, ("43",), "147"), ("25.8", I, ("38",), "147"), ("16.3", C, ("24",), "147"),
        ("15.0", C, ("22",), "147"), ("13.6", C, ("20",), "147"), ("100", C, ("147",), "147"),
        ("94.6", C, ("139",), "147"), ("30", U, (), None)],
    "census_bulletin": [  # an agricultural census bulletin: 万户 intervals, ages, space-separated thousands
        ("6.6", C, ("1260",), "1.92"), ("56.2", C, ("217",), "386"), ("46.7", C, ("20467",), "43815"),
        ("12.1", C, ("5302",), "43815"), ("45.4", I, ("19870",), "43815"), ("42.5", C, ("18643",), "43815"),
        ("14.0", C, ("6120",), "43815"), ("91.8", C, ("17630",), "1.92"), ("7.4", C, ("1420",), "1.92")],
    "food_inspection": [  # food sampling: part / total by category, a threshold, a change in points
        ("97.5", C, ("8437",), "8652"), ("0.6", U, (), None), ("2.5", C, ("215",), "8652"),
        ("99.3", C, ("1196",), "1204"), ("96.5", C, ("3201",), "3318"), ("96.1", I, ("1071",), "1126"),
        ("98", U, (), None), ("10.5", C, ("196",), "1870")],
    "reopening_report": [  # reopening: a base alone (GRIM), a total in another paragraph, people with people
        ("93.5", P, (), "46"), ("92.9", C, ("221",), "238"), ("4.2", U, (), None),
        ("62.3", C, ("5363",), "8606"), ("85.2", I, ("109",), "131"), ("89.4", C, ("279",), "312"),
        ("88.0", X, (), "23"), ("71.3", U, (), None)],
    "school_reopening": [  # schools: part / (part + rest), rest / total in another paragraph, 6成半
        ("96.6", C, ("398",), "412"), ("3.4", C, ("14",), "412"), ("93.2", C, ("2.21",), "2.37"),
        ("97.4", C, ("1.89",), "1.94"), ("65", U, (), None)],
    "elderly_homes": [  # Hong Kong: a list in brackets whose total is a sentence earlier, 約六成九
        ("91.2", C, ("686",), "752"), ("69.3", C, ("521",), "752"), ("21.9", C, ("165",), "752"),
        ("6.3", C, ("47",), "752"), ("69", C, ("38420",), "5.6"), ("12.5", U, (), None)],
    "attendance": [  # Taiwan: a list whose 合計 comes after it, another paragraph's total nearby
        ("96.9", C, ("1198",), "1236"), ("31.6", C, ("12",), "38"), ("39.5", C, ("15",), "38"),
        ("28.9", C, ("11",), "38"), ("60", U, (), None), ("7.1", C, ("7",), "98")],
}
#: each stem's files: simplified and traditional
FILES = {
    "hotline_monthly": ("hotline_monthly", "hotline_monthly_traditional"),
    "mailbox_table": ("mailbox_table", "mailbox_table_traditional"),
    "census_bulletin": ("census_bulletin", "census_bulletin_traditional"),
    "food_inspection": ("food_inspection", "food_inspection_traditional"),
    "reopening_report": ("reopening_report", "reopening_report_traditional"),
    "school_reopening": ("school_reopening", "school_reopening_traditional"),
    "elderly_homes": ("elderly_homes_simplified", "elderly_homes_hk"),
    "attendance": ("attendance_simplified", "attendance_tw"),
}
#: where the draft still falls short of a person, and how (never a false alarm): (stem, cited) -> draft's verdict
KNOWN_SHORT = {
    # 检出不合格样品215批次 names 样品, the total 食品安全监督抽检8 652批次 names 食品: the draft does not pair them
    ("food_inspection", "2.5"): U,
}
CASES = [(stem, name) for stem, names in FILES.items() for name in names]


def _drafted(name):
    return draft((GENRE / f"{name}.txt").read_text(encoding="utf-8")).claims


def _counts(claim):
    j = claim.as_json()
    num = tuple(x["value"] for x in j["numerator"])
    den = sum(Decimal(x["value"]) for x in j["denominator"]) if j["denominator"] else None
    return num, den


def _right_counts(claim, truth) -> bool:
    _, _, num, den = truth
    got_num, got_den = _counts(claim)
    return sorted(got_num) == sorted(num) and got_den == (Decimal(den) if den else None)


@pytest.mark.parametrize("stem, name", CASES)
def test_every_stated_percentage_gets_a_persons_verdict_and_counts(stem, name):
    claims = _drafted(name)
    assert [c.figure.value_text for c in claims] == [t[0] for t in TRUTH[stem]]
    for c, t in zip(claims, TRUTH[stem]):
        expected = KNOWN_SHORT.get((stem, t[0]), t[1])
        assert (t[0], c.verdict) == (t[0], expected)
        if expected == t[1] and t[1] in (C, I, P, X):
            assert (t[0], _right_counts(c, t)) == (t[0], True)


@pytest.mark.parametrize("stem, name", CASES)
def test_every_inconsistent_claim_is_strong_and_says_how_far_off(stem, name):
    for c in _drafted(name):
        j = c.as_json()
        if c.verdict == I:
            assert j["strength"] == "strong" and j["miss_level"] in ("rounding", "material") and j["miss_pp"] >= 0
        assert j["reason"] and j["strength"] in ("strong", "weak")


def test_shares_forced_to_add_up_to_100_are_rounding_level_inconsistencies():
    claims = {c.figure.value_text: c for c in _drafted("mailbox_table")}
    j = claims["25.8"].as_json()  # 38 / 147 = 25.850%, which rounds to 25.9%
    assert j["verdict"] == I and j["miss_level"] == "rounding" and j["reading"].startswith("of the stated total")
    j = _drafted("food_inspection")[5].as_json()  # 1071 / 1126 = 95.12%, stated 96.1%
    assert j["verdict"] == I and j["miss_level"] == "material" and j["miss_pp"] == pytest.approx(0.93, abs=0.01)


def test_a_list_without_a_stated_total_is_read_against_the_sum_of_its_categories():
    (a, b, c) = draft("来信按内容分:城建类43件(45.3%)、社保类31件(32.6%)、教育类21件(22.1%)。").claims
    assert [x.verdict for x in (a, b, c)] == [C, C, C]
    assert a.as_json()["reading"].startswith("of the sum of the listed categories")
    assert _counts(a) == (("43",), Decimal(95))


def test_a_partial_list_without_its_total_that_misses_is_not_called_inconsistent():
    (a, b) = draft("来信中,城建类43件(30.2%)、社保类17件(12.3%)。").claims
    assert a.verdict == b.verdict == U and a.strength == "weak"


def score():
    """Over every genre article: false alarms, inconsistencies flagged with the right counts, consistent
    percentages explained with the right counts, and invented explanations."""
    s = dict(false_alarms=0, inconsistent=0, flagged=0, consistent=0, explained=0, invented=0, drafted_consistent=0)
    for stem, name in CASES:
        for c, t in zip(_drafted(name), TRUTH[stem]):
            real = t[1] in (I, X)
            alarm = c.verdict in (I, X)
            s["false_alarms"] += alarm and not real
            if real:
                s["inconsistent"] += 1
                s["flagged"] += alarm and _right_counts(c, t)
            if c.verdict == C:
                s["drafted_consistent"] += 1
                s["invented"] += not (t[1] == C and _right_counts(c, t))
            if t[1] == C:
                s["consistent"] += 1
                s["explained"] += c.verdict == C and _right_counts(c, t)
    return s


def test_the_draft_meets_the_issues_targets_on_the_genre_articles():
    s = score()
    assert s["inconsistent"] >= 10 and s["consistent"] >= 80  # enough cases to mean something
    assert s["false_alarms"] == 0
    assert s["flagged"] >= 0.9 * s["inconsistent"]
    assert s["explained"] >= 0.9 * s["consistent"]
    assert s["invented"] * 50 <= s["drafted_consistent"]
