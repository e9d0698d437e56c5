"""A ledger row's value is checked against the numbers its quote carries (recount.numerals), read
the way the draft writes them, without importing the draft."""

from decimal import Decimal
from pathlib import Path

import pytest

from recount.numerals import parse_chinese_numeral, values_in

ARTICLES = Path(__file__).parent / "articles"


def test_chinese_numerals_parse():
    assert [parse_chinese_numeral(t) for t in ("十二", "二十", "两", "三", "一百零五", "十", "三千二百", "两万三千",
                                               "一亿二千万")] == [12, 20, 2, 3, 105, 10, 3200, 23000, 120_000_000]


@pytest.mark.parametrize("quote, value", [
    ("新增企业12,345家", "12345"), ("全角１２家", "12"), ("投入三千万元", "3000"), ("投入3千万元", "3000"),
    ("复工率达九成", "90"), ("接種率約五成七", "57"), ("百分之九十的商户", "90"), ("增长4.28%", "4.28"),
    ("兩千個攤位", "2000"), ("三四个社区", "3"), ("下降三点五个百分点", "3.5"), ("共一二三户", "123"),
    ("5914万余元", "5914"),
])
def test_a_quote_carries_its_value_however_it_is_written(quote, value):
    assert Decimal(value) in values_in(quote)


@pytest.mark.parametrize("quote, value", [("企业4800家", "480"), ("投入3千万元", "1000"), ("150余万元", "0"),
                                          ("九成", "900")])
def test_a_quote_does_not_carry_a_number_it_does_not_write(quote, value):
    assert Decimal(value) not in values_in(quote)


def test_every_figure_the_draft_reads_in_the_test_articles_is_carried_by_its_quote():
    """A drafted ledger loads: the draft and the ledger's check read numbers alike."""
    from recount.draft import draft

    texts = sorted(ARTICLES.glob("*.txt"))
    assert len(texts) >= 5
    misread = [(p.name, f.quote, f.value_text) for p in texts for f in draft(p.read_text("utf-8")).figures
               if f.value not in values_in(f.quote)]
    assert misread == []


def test_a_quote_in_yi_and_wan_carries_the_amount_in_yi():
    assert Decimal("52.34") in values_in("52億3,400萬元") and Decimal("8652") in values_in("抽检8 652批次")
