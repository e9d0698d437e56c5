"""The kept libraries the draft relies on, tried on the cases the draft gives them."""

import cn2an
import pytest

from recount.draft.claims import nouns
from recount.draft.text import normalise


@pytest.mark.parametrize("run, value", [
    ("十二", 12), ("二十", 20), ("两", 2), ("三十六", 36), ("一千二百", 1200), ("一百零五", 105),
    ("两千", 2000), ("三千二百", 3200), ("三亿五千万", 350_000_000), ("二十五点五", 25.5),
])
def test_cn2an_reads_the_numerals_of_news_text(run, value):
    assert cn2an.cn2an(run, "smart") == value


@pytest.mark.parametrize("traditional, simplified", [
    ("復工復產率達88%", "复工复产率达88%"), ("個體經營戶１５７７８戶", "个体经营户15778户"),
    ("二十餘家", "二十余家"), ("超過360人次", "超过360人次"), ("兩場座談會", "两场座谈会"), ("5914萬餘元", "5914万余元"),
    ("「引號」裡的話", "「引号」里的话"),
])
def test_opencc_simplifies_one_character_for_one(traditional, simplified):
    assert normalise(traditional) == simplified


@pytest.mark.parametrize("clause, noun", [
    ("小板桥街道已复工企业", "企业"), ("个体经营门店开门营业", "个体经营"), ("共有企业", "企业"),
    ("持证餐饮单位数", "餐饮"), ("全区实有个体工商户", "工商户"), ("商贸服务业复工复产率达到", "服务业"),
])
def test_jieba_finds_the_noun_a_count_counts(clause, noun):
    assert noun in nouns(clause)


@pytest.mark.parametrize("clause", ["已复工", "当日复工经营", "复工复产率达", "占比"])
def test_jieba_finds_no_noun_where_a_count_names_nothing(clause):
    assert nouns(clause) == frozenset()
