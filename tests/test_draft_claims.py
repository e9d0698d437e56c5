"""Claims and their verdicts on small articles written for these tests (tests/articles/)."""

from fractions import Fraction
from pathlib import Path

import pytest

from recount.draft import draft

ARTICLES = Path(__file__).parent / "articles"


def _claims(name):
    d = draft((ARTICLES / name).read_text(encoding="utf-8"))
    return {c.figure.quote: c for c in d.claims}


@pytest.mark.parametrize("name, quotes", [
    ("district_simplified.txt", ("96%", "90%", "80%", "约95%", "超过90%", "六成", "8.5%", "3.2个百分点", "30%")),
    ("district_traditional.txt", ("96%", "90%", "80%", "約95%", "超過90%", "六成", "8.5%", "3.2個百分點", "30%")),
])
def test_simplified_and_traditional_get_the_same_verdicts(name, quotes):
    claims = _claims(name)
    assert [claims[q].verdict for q in quotes] == [
        "consistent", "consistent", "inconsistent", "unverifiable", "unverifiable", "consistent",
        "unverifiable", "unverifiable", "unverifiable"]


def test_an_inconsistent_claim_lists_its_nearest_reading():
    c = _claims("district_simplified.txt")["80%"]
    assert c.as_json()["numerator"][0]["value"] == "9" and c.as_json()["denominator"][0]["value"] == "12"
    assert c.arithmetic() == "9 / 12 = 75.00% → 75%"


def test_a_sum_of_counts_in_the_sentence_explains_a_share():
    c = _claims("readings.txt")["64%"]
    assert c.verdict == "consistent"
    assert sorted(x["value"] for x in c.as_json()["numerator"]) == ["120", "200"]


def test_a_complement_explains_what_is_left():
    c = _claims("readings.txt")["10%"]
    assert c.verdict == "consistent" and c.readings[0].complement


def test_counts_of_another_thing_in_another_sentence_are_no_explanation():
    # 6 of 8 communities is 75%, but the claim is about 服务业 and in another sentence
    assert _claims("readings.txt")["75%"].verdict == "unverifiable"


def test_a_threshold_that_its_counts_miss_is_unverifiable_not_inconsistent():
    c = _claims("readings.txt")["超过90%"]
    assert c.verdict == "unverifiable"
    rec = c.readings[0].recomputed  # 1.2万 of 2万: 1.2 stands for [1.15, 1.25)
    assert (rec.low, rec.high) == (Fraction(115, 2), Fraction(125, 2))


def test_a_change_is_not_a_share():
    assert _claims("readings.txt")["15%"].verdict == "unverifiable"


def test_a_percentage_point_difference_is_never_inconsistent():
    d = draft("今年复工率为48%,去年为45%,提高3个百分点。今年合格率提高5个百分点,去年为45%,今年为48%。")
    verdicts = [(c.figure.quote, c.verdict) for c in d.claims if c.figure.kind == "points"]
    assert verdicts == [("3个百分点", "consistent"), ("5个百分点", "unverifiable")]


def test_a_threshold_its_counts_meet_is_consistent():
    assert _claims("exclusions.txt")["不到10%"].verdict == "consistent"


def test_an_article_written_apart_from_the_rules_gets_the_verdicts_a_person_would_give():
    claims = _claims("city_unseen.txt")
    assert {q: c.verdict for q, c in claims.items()} == {
        "6.2%": "unverifiable", "98.1%": "consistent", "30%": "unverifiable", "94.2%": "consistent",
        "5.6个百分点": "unverifiable", "95.7%": "consistent", "约94%": "consistent", "85.7%": "consistent"}
    rec = claims["约94%"].readings[0].recomputed  # 36.2万 of 38.5万, each its rounding interval
    assert (rec.low, rec.high) == (100 * Fraction(361500, 385500), 100 * Fraction(362500, 384500))


@pytest.mark.parametrize("text", ["全市共有企业1000家。其中已复工850家,占比85%。", "全市共有企业1000家。已复工850家,复工率85%。"])
def test_a_count_that_names_nothing_is_a_part_of_the_count_just_before_its_sentence(text):
    (c,) = draft(text).claims
    assert c.verdict == "consistent" and c.arithmetic() == "850 / 1000 = 85.00% → 85%"


def test_a_count_that_names_nothing_is_paired_with_the_nearest_count_in_its_measure_word_only():
    (c,) = draft("全市共有企业1000家,学校40所。全市商户900户。已复工36所,复工率90%。").claims
    assert c.verdict == "consistent" and c.arithmetic() == "36 / 40 = 90.00% → 90%"
    (c,) = draft("全市学校40所。全市共有企业1000家。今年建成36所,占比90%。").claims
    assert c.verdict == "consistent" and c.arithmetic() == "36 / 40 = 90.00% → 90%"


def test_a_traditional_article_with_full_width_digits_gets_the_verdicts_a_person_would_give():
    claims = _claims("vaccines_traditional.txt")
    assert {q: c.verdict for q, c in claims.items()} == {
        "６７．８％": "unverifiable",  # of the eligible population, which is not given
        "約五成七": "unverifiable",  # 380 of 450 is 84%, but the rate's base is the eligible population
        "三成": "consistent", "６．１%": "unverifiable", "６．６%": "unverifiable", "78.2％": "consistent",
        "59.8%": "consistent", "二成多": "unverifiable"}
    assert claims["三成"].arithmetic() == "12 / 42 = 28.57% → 29%"
    assert claims["78.2％"].arithmetic() == "610 / 780 = 78.205% → 78.2%"


def _one(text):
    (c,) = draft(text).claims
    return c


def test_a_part_is_never_the_base_of_another_part():
    # 已复工80家 is not the base of 已开工60家: with no total, the rate has nothing to be checked against
    c = _one("全区已复工企业80家,已开工项目企业60家,开工率75%。")
    assert c.verdict == "unverifiable"
    assert _one("全区已复工企业80家,其中重点企业60家,占75%。").arithmetic() == "60 / 80 = 75.00% → 75%"


def test_a_rest_is_never_a_base_and_part_over_part_plus_rest_is_tried():
    c = _one("全区已复工企业80家,未复工企业20家,复工率80%。")
    assert c.verdict == "consistent" and c.as_json()["reading"].startswith("of the parts listed")
    assert _one("全区已复工企业30家,未复工企业20家,复工率70%。").verdict == "inconsistent"


def test_a_rest_over_its_total_and_the_remainder_of_a_total_explain_a_share():
    assert _one("全区共有企业200家,尚未复工的10家,占5%。").arithmetic() == "10 / 200 = 5.00% → 5%"
    assert _one("全区共有企业200家,未复工10家,复工率95%。").readings[0].complement


def test_visits_are_not_people():
    c = _one("共接待群众1,200人,其中来访登记900人次,占75%。")
    assert c.verdict == "unverifiable"


def test_money_is_checked_against_money_only():
    c = _one("全年完成投资12亿元,计划投资15亿元,签约项目15个,完成率80%。")
    assert c.verdict == "consistent" and c.arithmetic() == "1200000000 / 1500000000 = 80.00% → 80%"
    assert [x["value"] for x in c.as_json()["denominator"]] == ["15"] and "亿元" in c.reading_text()


def test_a_rate_with_only_its_base_is_possible_or_impossible_by_whole_counts():
    possible = _one("经摸排,全区46家重点企业复工率93.5%。")
    assert possible.verdict == "possible" and possible.arithmetic() == "43 / 46 = 93.48% → 93.5%"
    impossible = _one("在接受调查的23家外贸企业中,复工率为88.0%。")
    assert impossible.verdict == "impossible" and impossible.strength == "strong"
    # the whole counts either side of the cited share, so that a reader sees why none gives it
    assert impossible.arithmetic() == "no whole count of 23 gives 88.0%: 20 / 23 = 86.96%, 21 / 23 = 91.30%"
    # how far off: from 87.95, the lowest value 88.0 stands for, down to 20 / 23 = 86.956…, more than a slip in rounding
    assert (impossible.miss_pp, impossible.miss_level) == (Fraction(8795, 100) - Fraction(2000, 23), "material")


def test_a_reading_says_in_words_where_its_counts_were_found():
    c = _one("全区在建项目131个,已开工109个,开工率83.2%。")
    assert c.reading_text() == "of the stated total: 109个 / 131个, in one sentence"


def test_a_sub_groups_rate_beside_the_whole_groups_base_is_not_tested_against_it():
    c = _one("全市共有商户500户,其中一期市场复工率92.5%。")
    assert c.verdict == "unverifiable"


def test_a_total_in_another_paragraph_is_used_when_the_part_names_what_it_names():
    c = draft("全区纳入监测的规模以上工业企业共238家。\n\n规模以上工业企业已复工221家,复工率92.9%。").claims[0]
    assert c.verdict == "consistent" and c.arithmetic() == "221 / 238 = 92.857% → 92.9%"


def test_another_sectors_total_elsewhere_never_makes_an_inconsistency():
    c = draft("全区共有餐饮企业238家。\n\n建筑业方面,已开工企业109家,开工率85.2%。").claims[0]
    assert c.verdict == "unverifiable" and c.strength == "weak"


def test_a_target_or_threshold_that_its_counts_miss_is_never_inconsistent():
    assert _one("全区共有企业200家,已复工120家,复工率达85%以上。").verdict == "unverifiable"
    assert _one("全区共有企业200家,已复工120家,力争复工率达到85%。").verdict == "unverifiable"


def test_a_weak_pairing_that_misses_is_unverifiable_with_its_nearest_reading():
    # no total word, no part word, nothing named: 240 of 300 is the nearest reading, not a finding
    c = _one("本次活动发放问卷300份,回收240份,回收率85%。")
    assert c.verdict == "unverifiable" and c.strength == "weak" and c.arithmetic() == "240 / 300 = 80.00% → 80%"


def test_a_table_copied_one_cell_a_line_is_a_list_with_its_total_row():
    text = "會員按年齡分佈如下：\n\n年齡組別\n人數\n百分比\n65至79歲\n294\n71.4%\n80歲及以上\n118\n28.7%\n合計\n412\n100%\n"
    claims = {c.figure.quote: c for c in draft(text).claims}
    assert claims["71.4%"].verdict == "consistent" and claims["71.4%"].arithmetic() == "294 / 412 = 71.359% → 71.4%"
    assert claims["28.7%"].verdict == "inconsistent" and claims["28.7%"].as_json()["miss_level"] == "rounding"
    assert claims["100%"].verdict == "consistent"


def test_each_snippet_is_tagged_once_per_text_and_again_for_the_next_text(monkeypatch):
    """Part-of-speech tagging is the costly part of the search: within a text no snippet is tagged twice,
    and nothing is kept from one text to the next (a corpus of near-duplicates would otherwise look fast)."""
    from recount.draft.claims import _posseg

    tagger = _posseg()
    tagged = []
    real = tagger.cut
    monkeypatch.setattr(tagger, "cut", lambda snippet: tagged.append(snippet) or real(snippet))
    text = (ARTICLES / "readings.txt").read_text(encoding="utf-8")
    draft(text)
    first = list(tagged)
    assert first and len(first) == len(set(first))
    draft(text)
    assert tagged[len(first):] == first


def _base(claim):
    j = claim.as_json()
    return [x["value"] for x in j["numerator"]], [x["value"] for x in j["denominator"]]


@pytest.mark.parametrize("text, second", [
    ("交通意外共造成1,250人次受伤,其中电单车乘客700人次,占受伤总人次的百分之五十六;行人300人次,占百分之二十四。", "consistent"),
    ("交通意外共造成1,250人次受傷，其中電單車乘客700人次，佔受傷總人次的百分之五十六；行人300人次，佔百分之二十六。", "inconsistent"),
])
def test_a_share_that_names_its_base_between_zhan_and_de_is_an_item_of_its_list(text, second):
    # 占受伤总人次的百分之五十六: the words between 占 and 的 name the base; 300 / 1250 = 24%, not 26%
    a, b = draft(text).claims
    assert (a.verdict, _base(a)) == ("consistent", (["700"], ["1250"]))
    assert (b.verdict, _base(b)) == (second, (["300"], ["1250"]))


def test_a_list_whose_counts_add_up_to_a_count_stated_before_it_is_a_list_of_its_parts():
    # 不合格20批次 … 微生物超标9批次(45.0%): the shares are of the 20 failed, not of the 500 sampled
    a, b, c = draft("共抽检样品500批次,不合格20批次。不合格样品中,微生物超标9批次,占45.0%;"
                    "农药残留超标7批次,占40.0%;其他4批次,占20.0%。").claims
    assert [x.verdict for x in (a, b, c)] == ["consistent", "inconsistent", "consistent"]
    assert [_base(x)[1] for x in (a, b, c)] == [["20"]] * 3


def test_a_total_stated_between_two_shares_starts_a_new_list():
    # 1260户 (6.6% of 1.92万户) and 217个 (56.2% of 386个) are not one list over one total
    a, b = draft("全县共有农业经营户1.92万户,其中规模农业经营户1 260户,占农业经营户的6.6%。"
                 "全县共有农业经营单位386个,其中农民合作社217个,占56.2%。").claims
    assert (a.verdict, _base(a)[1], b.verdict, _base(b)[1]) == ("consistent", ["1.92"], "consistent", ["386"])


@pytest.mark.parametrize("text, verdicts, base", [
    ("全市共受理信访事项2,000件。城建、社保和教育类事项分别为800件、700件和500件,分别占受理总数的40.0%、30.0%和25.0%。",
     ["consistent", "inconsistent", "consistent"], ["2000"]),
    ("城建、社保和教育類事項分別為800件、700件和500件，分別佔40.0%、35.0%和25.0%。",
     ["consistent", "consistent", "consistent"], ["800", "700", "500"]),
])
def test_counts_after_fenbie_and_shares_after_fenbie_zhan_are_paired_in_their_order(text, verdicts, base):
    # the second share is 700's (35.0% of 2000), not the nearest count's; without a total, of their sum
    claims = draft(text).claims
    assert [c.verdict for c in claims] == verdicts
    assert [_base(c) for c in claims] == [([n], base) for n in ("800", "700", "500")]


def test_one_share_after_fenbie_counts_is_the_share_of_their_sum():
    # 分别为300家和180家,合计占40%: (300 + 180) / 1200, the total stated in the paragraph before
    (c,) = draft("全区共有企业1,200家。\n从行业看,工业、建筑业企业分别为300家和180家,合计占40%。").claims
    assert (c.verdict, sorted(_base(c)[0]), _base(c)[1]) == ("consistent", ["180", "300"], ["1200"])


def test_a_rate_per_mille_is_checked_against_its_counts_per_mille():
    # 412 / 52300 = 7.88‰; 338 / 52300 = 6.46‰, not 6.8‰ (0.03 percentage points short)
    a, b = draft("全县年末户籍人口共52,300人。全年出生人口412人,出生率为7.9‰;死亡人口338人,死亡率为6.8‰。").claims
    assert (a.verdict, _base(a), a.arithmetic()) == ("consistent", (["412"], ["52300"]), "412 / 52300 = 7.878‰ → 7.9‰")
    j = b.as_json()
    assert (j["verdict"], _base(b), j["miss_pp"]) == ("inconsistent", (["338"], ["52300"]), 0.03)


def test_shares_naming_different_bases_after_zhan_are_not_one_list():
    # 占全市企业的85% and 占个体户总数的70% are each of their own total, not items of one list over one of them
    a, b = draft("全市共有企业1,412家,个体工商户4,300户。截至目前,企业复工1,200家,占全市企业的85%;"
                 "个体户复业3,000户,占个体户总数的70%。").claims
    assert (a.verdict, _base(a), b.verdict, _base(b)) == ("consistent", (["1200"], ["1412"]),
                                                          "consistent", (["3000"], ["4300"]))


def test_a_list_after_qizhong_is_of_the_count_before_it_when_most_of_its_shares_say_so():
    # 不合格20批次。其中微生物超标9批次,占45.0%: 9 / 20, not 9 / 500; 7 / 20 = 35%, not the 40.0% stated
    claims = draft("共抽检样品500批次,不合格20批次,不合格率4.0%。其中微生物超标9批次,占45.0%;"
                   "农药残留超标7批次,占40.0%。").claims
    assert [c.verdict for c in claims] == ["consistent", "consistent", "inconsistent"]
    assert [_base(c)[1] for c in claims[1:]] == [["20"], ["20"]]


def test_a_count_the_list_adds_up_to_is_not_its_base_when_the_stated_total_fits_more_shares():
    # 80 + 70 = 150 (已复工150家), but 40% and 35% are of the 200 firms
    claims = draft("全区共有企业200家,已复工150家。其中工业企业80家,占40%;商贸企业70家,占35%。").claims
    assert [(c.verdict, _base(c)[1]) for c in claims] == [("consistent", ["200"])] * 2


def test_counts_after_fenbie_and_a_verb_are_paired_with_their_shares_not_read_against_a_numeral_word():
    # 两家医院 is not the base of the 20%: the shares are of 全市接诊量, which the text does not give
    claims = draft("全市共有医院12家。两家医院分别接诊1,200人次和800人次,分别占全市接诊量的30%和20%。").claims
    assert [c.verdict for c in claims] == ["unverifiable", "unverifiable"]
    assert [_base(c)[0] for c in claims] == [["1200"], ["800"]]


def test_a_floor_written_in_words_is_not_called_inconsistent():
    # 43 / 45 = 95.6%: more than 百分之九十, which the draft once read as exactly 90%
    (c,) = draft("全澳共有安老院舍45間，已完成接種的院舍43間，佔百分之九十以上。").claims
    assert c.verdict == "consistent" and _base(c) == (["43"], ["45"])


def test_a_share_after_bilv_wei_is_an_item_of_its_list():
    # 男生832人，比率為51.2%: 832 / 1625, not a share of 832 itself (the 男生 count lists the 學生 total's parts)
    claims = draft("全校學生共1,625人，男生832人，比率為51.2%；女生793人，比率為48.8%。").claims
    assert [(c.verdict, _base(c)) for c in claims] == [("consistent", (["832"], ["1625"])),
                                                       ("consistent", (["793"], ["1625"]))]


def test_a_rate_per_mille_that_misses_by_rounding_only_is_not_called_inconsistent():
    # 412 / 52300 = 7.88‰, stated 7.8‰: a crude birth rate is of the mean population, which moves the last place
    (c,) = draft("全县年末户籍人口共52,300人。全年出生人口412人,出生率为7.8‰。").claims
    assert c.verdict == "unverifiable" and _base(c) == (["412"], ["52300"])


def test_a_share_after_about_and_its_base_is_about_not_exact():
    """约占80% (and 约占全区企业的80%) is about 80%: 786 of 1,000 (78.6%) fits it; 占80% alone does not."""
    for text in ("全区共有企业1000家,其中小微企业786家,约占80%。", "全区共有企业1000家,其中小微企业786家,约占全区企业的80%。"):
        c = _one(text)
        assert (c.figure.qualifier, c.figure.quote, c.verdict) == ("约", "80%", "consistent"), text
    assert _one("全区共有企业1000家,其中小微企业786家,占80%。").verdict == "inconsistent"
