"""The ledger itself: what it must hold and how each row anchors to the source."""

from recount.ledger import load_ledger


def test_ledger_holds_the_seventeen_stated_percentages():
    ledger = load_ledger()
    percents = [f for f in ledger.figures.values() if f.unit == "%"]
    assert len(percents) == 17
    cited = {r.cited for r in ledger.rates if r.cited}
    assert cited == {f.id for f in percents}, "every stated percentage has a row in rates.csv"


def test_every_quote_occurs_once_and_carries_its_value():
    ledger = load_ledger()
    for f in ledger.figures.values():
        assert ledger.source.count(f.quote) == 1, f.id
        assert ledger.source[f.start:f.start + len(f.quote)] == f.quote


def test_sections_follow_the_headings_in_the_source():
    ledger = load_ledger()
    heads = [ledger.source.index(h) for h in ("推动扶持政策落地落实助企业复工复产\n",
                                              "街道分类推进、精准施策助推复工复产进程\n", "重启2020 不负春光时与行\n")]
    for f in ledger.figures.values():
        expected = sum(f.start > h for h in heads)
        assert f.section == expected, f"{f.id} is in section {expected}, ledger says {f.section}"


def test_amounts_in_wan_yuan_are_converted_by_code():
    f = load_ledger().figures["ccb_credit"]
    assert (f.value_text, f.unit) == ("245", "万元")
    assert f.base_interval.low == 2_450_000 and f.base_unit == "元"


def test_derived_rates_include_the_refund_funnel():
    ids = {r.id for r in load_ledger().rates if r.cited is None}
    assert {"ui_eligible_share", "ui_approved_share"} <= ids
