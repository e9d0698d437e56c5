"""Figures and exclusions on small articles written for these tests (tests/articles/)."""

from fractions import Fraction
from pathlib import Path

import pytest

from recount.draft import draft
from recount.draft.text import normalise

ARTICLES = Path(__file__).parent / "articles"


def _figures(name):
    d = draft((ARTICLES / name).read_text(encoding="utf-8"))
    return [(f.value_text, f.unit, f.qualifier) for f in d.figures], [(x.quote, x.kind) for x in d.exclusions], d


DISTRICT = [("1250", "家", "exact"), ("1200", "家", "exact"), ("96", "%", "exact"), ("3200", "户", "exact"),
            ("2880", "户", "exact"), ("90", "%", "exact"), ("12", "个", "exact"), ("9", "个", "exact"),
            ("80", "%", "exact"), ("95", "%", "约"), ("90", "%", "超过"), ("3200", "个", "exact"),
            ("2000", "个", "exact"), ("60", "%", "成"), ("45.6", "亿元", "exact"), ("8.5", "%", "exact"),
            ("3.2", "个百分点", "exact"), ("12", "家", "exact"), ("1.5", "亿元", "exact"),
            ("30", "%", "约")]  # 约占全部贷款的30%: about, as after 约 alone


@pytest.mark.parametrize("name", ["district_simplified.txt", "district_traditional.txt"])
def test_thousands_separators_full_width_digits_chinese_numerals_and_cheng_are_read(name):
    figures, _, _ = _figures(name)
    assert figures == DISTRICT


def test_traditional_text_quotes_stay_verbatim_at_their_code_point_offsets():
    _, _, d = _figures("district_traditional.txt")
    assert [f.quote for f in d.figures][:4] == ["1，250家", "1，200家", "96%", "３２００戶"]
    assert all(d.text[f.start:f.end] == f.quote for f in d.figures)


def test_normalised_copy_has_the_length_of_the_original():
    text = (ARTICLES / "district_traditional.txt").read_text(encoding="utf-8")
    assert len(normalise(text)) == len(text)


def test_dates_years_times_ordinals_list_markers_and_codes_are_not_figures():
    figures, exclusions, _ = _figures("exclusions.txt")
    assert exclusions == [("2021年", "year"), ("3月5日", "date"), ("9点", "time"), ("一位", "indefinite"),
                          ("一是", "list"), ("二是", "list"), ("(一)", "list"), ("第三", "ordinal"),
                          ("5", "code"), ("星期三", "date"), ("二〇二一年", "year"), ("一家家", "rhetoric")]
    assert figures == [("3", "小时", "exact"), ("1200", "个", "exact"), ("3", "个", "余"), ("500", "万人", "约"),
                       ("30", "万人", "近"), ("10", "%", "不到"), ("3000", "万元", "exact"), ("90", "%", "以上")]


def test_a_figure_written_with_decimals_stands_for_its_rounding_interval():
    (f,) = draft("投资4.28亿元").figures
    assert (f.interval.low, f.interval.high, f.interval.high_open) == (Fraction(4275, 1000), Fraction(4285, 1000), True)
    (g,) = draft("居民2.0万人").figures
    assert (g.interval.low, g.interval.high) == (Fraction(195, 100), Fraction(205, 100))


def test_qualifiers_become_the_books_intervals():
    _, _, d = _figures("exclusions.txt")
    by_quote = {f.quote: f for f in d.figures}
    assert (by_quote["约500万人"].interval.low, by_quote["约500万人"].interval.high) == (400, 600)
    assert (by_quote["近30万人"].interval.low, by_quote["近30万人"].interval.high) == (20, 30)
    assert by_quote["九成以上"].interval.high is None
    assert by_quote["三四个"].interval.high == 4


@pytest.mark.parametrize("text, expected", [
    ("投资150余万元", ("150", "万元", "余")),
    ("涉及金额5914万余元", ("5914", "万元", "万余")),
    ("700多个商户", ("700", "个", "多")),
    ("返还金额预计达到5000万", ("5000", "万元", "预计")),
    ("九成的企业", ("90", "%", "成")),
    ("百分之二十五", ("25", "%", "exact")),
    ("百分之二十五点五", ("25.5", "%", "exact")),
    ("提高三点五个百分点", ("3.5", "个百分点", "exact")),
    ("增长4.30%", ("4.30", "%", "exact")),
    ("减免一个月租金", ("1", "月", "exact")),
    ("融合成一个登记表", ("1", "个", "exact")),
    ("98%左右的商户", ("98", "%", "左右")),
    ("一成的商户", ("10", "%", "成")),
    ("不超过50人", ("50", "人", "不到")),
    ("不少于30家", ("30", "家", "以上")),
    ("历时3个多月", ("3", "月", "多")),
    ("用了一年多", ("1", "年", "多")),
])
def test_one_figure_as_written(text, expected):
    (f,) = draft(text).figures
    assert (f.value_text, f.unit, f.qualifier) == expected


def test_ratios_and_clock_times_are_not_figures():
    _, exclusions, _ = _figures("city_unseen.txt")
    assert [x for x in exclusions if x[1] in ("ratio", "time")] == [("1:8", "ratio"), ("10:30", "time")]


@pytest.mark.parametrize("text, kind", [
    ("2020-03-05", "date"), ("14时30分", "time"), ("3点半", "time"), ("0871-6123456", "code"),
    ("二〇二〇年", "year"), ("三月五日", "date"), ("COVID-19", "code"), ("其二", "list"),
])
def test_numbers_that_are_not_figures(text, kind):
    d = draft(f"会议记录:{text},共有企业20家。")
    assert [(f.quote, f.unit) for f in d.figures] == [("20家", "家")]
    assert {x.kind for x in d.exclusions} == {kind}


def test_cheng_with_a_tenth_digit_and_with_duo():
    d = draft((ARTICLES / "vaccines_traditional.txt").read_text(encoding="utf-8"))
    by_quote = {f.quote: (f.value_text, f.unit, f.qualifier) for f in d.figures}
    assert by_quote["約五成七"] == ("57", "%", "约")
    assert by_quote["二成多"] == ("20", "%", "多")
    assert by_quote["兩劑"] == ("2", "剂", "exact")


def test_space_separated_thousands_and_full_width_digits_are_one_number():
    d = draft("全县农业生产经营人员43 815人,常住人口５３８ ３００人,2024年3月统计。")
    assert [(f.value_text, f.unit) for f in d.figures] == [("43815", "人"), ("538300", "人")]


def test_cheng_ban_is_five_tenths_more():
    (f,) = draft("约6成半的学生选择留校。").figures
    assert (f.value_text, f.unit, f.qualifier) == ("65", "%", "约")


def test_a_count_in_rounded_units_stands_for_its_rounding_interval():
    f, g = draft("全县共有农业经营户1.92万户,常住人口1.06亿人。").figures
    assert (f.base_interval.low, f.base_interval.high) == (19150, 19250)
    assert (g.base_interval.low, g.base_interval.high) == (105_500_000, 106_500_000)


def test_ages_are_not_counts_and_numbers_per_household_are_left_out():
    d = draft("年龄55岁及以上的18 643人。平均每户拥有住房1.1处,每户1处。人均2台。")
    assert [f.kind for f in d.figures] == ["age", "count"]
    assert [(x.quote, x.kind) for x in d.exclusions] == [("1.1", "per"), ("1", "per"), ("2", "per")]


def test_days_followed_by_yishang_are_a_duration_not_a_date():
    (f, _) = draft("请假3日以上者有7人。").figures
    assert (f.value_text, f.unit, f.qualifier) == ("3", "日", "以上")


@pytest.mark.parametrize("text", ["歲出預算數為新臺幣52億3,400萬元。", "预算数为52亿3400万元。"])
def test_an_amount_in_yi_and_wan_is_one_figure(text):
    (f,) = [f for f in draft(text).figures]
    assert (f.value_text, f.unit) == ("52.34", "亿元")


def test_the_reader_stops_at_every_number_the_number_pattern_finds():
    """The reader skips to a character that can start a number, then matches there: it must find the
    numbers a search with the whole pattern finds, at the same places."""
    from recount.draft.figures import NUMBER, NUMBER_START

    for path in sorted(ARTICLES.rglob("*.txt")):
        norm = normalise(path.read_text(encoding="utf-8"))
        searched, pos = [], 0
        while (m := NUMBER.search(norm, pos)) is not None:
            searched.append(m.span())
            pos = m.end()
        skipped, pos = [], 0
        while (first := NUMBER_START.search(norm, pos)) is not None:
            m = NUMBER.match(norm, first.start())
            skipped.append(m.span())
            pos = m.end()
        assert skipped == searched, path.name


def test_batches_are_counted_in_pi_whether_written_pi_or_pici():
    # 不合格8批次 is the same count as 不合格8批: the 次 belongs to the measure word, not to the text after it
    a, b = draft("抽检1 204批次,不合格8批。").figures
    assert (a.quote, a.unit, b.unit) == ("1 204批次", "批", "批")


@pytest.mark.parametrize("text, expected", [
    ("本區戶籍人口共8萬6,420人，計3萬1,215戶。", [("8萬6,420人", "86420", "人"), ("3萬1,215戶", "31215", "户")]),
    ("新增1万930人,补贴3万5000元。", [("1万930人", "10930", "人"), ("3万5000元", "35000", "元")]),
    ("共8万,其中3,000人。", [("8万", "8", "万"), ("3,000人", "3000", "人")]),
])
def test_a_count_written_in_wan_and_units_is_one_count(text, expected):
    # 8萬6,420人 is 86420 people (Taiwan writes counts so), not 8万 and 6420人; a comma after 万 ends the number
    assert [(f.quote, f.value_text, f.unit) for f in draft(text).figures] == expected


def test_a_per_mille_in_words_is_a_per_mille_figure_not_a_clock_time():
    (f,) = draft("粗出生率為千分之五點九。").figures
    assert (f.quote, f.value_text, f.unit, f.kind) == ("千分之五點九", "5.9", "‰", "permille")


def test_every_figure_of_the_genre_articles_is_carried_by_its_quote():
    """A drafted ledger of a genre article loads: the ledger's check reads 8萬6,420人 and 千分之五點九 as the draft does."""
    from recount.numerals import values_in

    texts = sorted((ARTICLES / "genre").glob("*.txt"))
    misread = [(p.name, f.quote, f.value_text) for p in texts for f in draft(p.read_text("utf-8")).figures
               if f.value not in values_in(f.quote)]
    assert misread == []


@pytest.mark.parametrize("text, years, counts", [
    ("本區112年底戶籍人口共8萬6,420人。", ["112年"], ["8萬6,420人"]),
    ("某國中（112學年度上學期）學生1,236人。", ["112"], ["1,236人"]),
    ("民國99年全年出生512人。", ["99年"], ["512人"]),
    ("113年1月至6月新增1,150人。", ["113年"], ["1,150人"]),
    ("服务满10年的员工12人,工作满10年全年无休的3人。", [], ["10年", "12人", "10年", "3人"]),
])
def test_a_year_of_the_republic_is_a_year_not_a_number_of_years(text, years, counts):
    d = draft(text)
    assert [x.quote for x in d.exclusions if x.kind == "year"] == years and [f.quote for f in d.figures] == counts


@pytest.mark.parametrize("text, quote, qualifier", [
    ("已完成接種的院舍43間，佔百分之九十以上。", "百分之九十以上", "以上"),
    ("滿意的市民超過百分之九十。", "超過百分之九十", "超过"),
    ("近百分之九十五的人滿意。", "近百分之九十五", "近"),
    ("佔總數百分之二十五。", "百分之二十五", "exact"),
])
def test_a_share_in_words_takes_the_qualifiers_a_share_in_digits_takes(text, quote, qualifier):
    # 百分之九十以上 is a floor, as 90%以上 is: a share of 95.6% meets it
    (f,) = [f for f in draft(text).figures if f.unit == "%"]
    assert (f.quote, f.qualifier) == (quote, qualifier)


@pytest.mark.parametrize("text, quote, unit, qualifier", [
    ("嬰兒死亡率為千分之3.2。", "千分之3.2", "‰", "exact"),
    ("占全市的百分之12.5。", "百分之12.5", "%", "exact"),
    ("满意度超过百分之90。", "超过百分之90", "%", "超过"),
])
def test_arabic_digits_after_the_words_of_a_share_are_a_share(text, quote, unit, qualifier):
    # 百分之12.5 is 12.5%, not a number that counts nothing
    (f,) = draft(text).figures
    assert (f.quote, f.unit, f.qualifier) == (quote, unit, qualifier)


def test_a_number_that_ends_the_text_is_a_figure_not_an_ordinal():
    """The text's last character is a number: nothing follows it, which is not 级 or 届."""
    d = draft("今年办结诉求1158件,办结率为96.5%。全年受理诉求总数为1200")
    assert ("1200", "") in [(f.value_text, f.unit) for f in d.figures]
    assert not d.exclusions


def test_a_year_of_the_republic_compared_with_is_a_year_and_years_ago_are_years():
    """較111年 (compared with the year 111, 2022) is a year; 較10年前 (ten years ago) is a number of years."""
    d = draft("本年出生人數為9870人,較111年減少512人。")
    assert [(x.quote, x.kind) for x in d.exclusions] == [("111年", "year")]
    assert ("10", "年") in [(f.value_text, f.unit) for f in draft("較10年前增加200人。").figures]
