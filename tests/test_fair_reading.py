"""The words of the book say no more than the article: its own terms, no date it does not give, one
number formatter for chart and prose, derived amounts from its ranges. Each rule on a changed copy."""

from __future__ import annotations

import csv
import re

from recount import paths
from recount.english import per_each, recomputed_words
from recount.ledger import load_ledger
from recount.report import Report


def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def resumed_without_saying_so(data) -> list[str]:
    """Figures whose quote says 复产 (resuming production) and whose English label does not."""
    ledger = load_ledger(data)
    return [f.id for f in ledger.figures.values() if "复产" in f.quote and "resum" not in f.label_en]


def test_every_figure_the_article_says_resumed_production_says_so_in_english(data_copy):
    assert resumed_without_saying_so(data_copy) == []
    path = data_copy / paths.FIGURES_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "88,%,exact,Xiaobanqiao's rate of reopening and resuming production\n", "88,%,exact,Xiaobanqiao's reopening rate\n"),
        encoding="utf-8")
    assert resumed_without_saying_so(data_copy) == ["xbq_reopen_rate"]


def chinese_terms_not_in_the_quote(data) -> list[str]:
    """Labels of business counts whose Chinese term is not the article's word in the figure's quote."""
    ledger = load_ledger(data)
    rows = _rows(data / "labels.csv")
    return [r["id"] for r in rows if r["measure"] in ("firms", "individual")
            and r["label_zh"] not in ledger.figures[r["id"]].quote]


def test_the_chinese_term_of_a_business_count_is_the_articles_word(data_copy):
    """个体经营户 in Xiaobanqiao, 个体户 in Guandu sub-district, 个体工商户 in Taihe and Wujing."""
    assert chinese_terms_not_in_the_quote(data_copy) == []
    path = data_copy / "labels.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "gd_individual,gd,individual,individual businesses,个体户", "gd_individual,gd,individual,individual businesses,个体工商户"),
        encoding="utf-8")
    assert chinese_terms_not_in_the_quote(data_copy) == ["gd_individual"]


def test_an_event_the_article_gives_no_date_for_is_not_drawn(data_copy):
    from recount.publish import plots

    def drawn(data):
        fig = plots.timeline(Report(load_ledger(data)))
        rows = plots.chart_data_frame(fig)
        return set(rows["event"])

    ledger = load_ledger(data_copy)
    undated = {e.id for e in ledger.events if e.precision == "undated"}
    assert undated == {"pension_refund"} and not drawn(data_copy) & undated
    path = data_copy / paths.EVENTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("huayang_open,3,2020-03-05,day,", "huayang_open,3,2020-03-05,undated,"),
                    encoding="utf-8")
    assert "huayang_open" not in drawn(data_copy)


def test_the_charts_print_a_recomputed_rate_as_the_prose_does():
    from recount.publish import plots

    report = Report(load_ledger())
    for r in report.results:
        assert plots._rec(r) == recomputed_words(r)
    ranged = next(r for r in report.results if r.rate.id == "gd_firms_open_share")
    assert plots._rec(ranged) == "between 53.75% and 62.86%"


def test_an_amount_over_a_count_is_bounded_by_their_ranges(data_copy):
    """600多万元 over 700多 merchants: 6,000,000 / 800 to 7,000,000 / 700 yuan each."""
    assert per_each(load_ledger(data_copy), "kangle_rent_total", "kangle_merchants") == "7,500 to 10,000 yuan"
    path = data_copy / paths.FIGURES_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("700多个商户,700,个,多,", "700多个商户,700,个,exact,"),
                    encoding="utf-8")
    assert per_each(load_ledger(data_copy), "kangle_rent_total", "kangle_merchants") == "8,571 to 10,000 yuan"


def test_no_label_claims_a_base_the_article_does_not_give():
    """The 88% is a 复工复产率 with no base named: its label names none (no "firms and shops")."""
    label = load_ledger().figures["xbq_reopen_rate"].label_en
    assert not re.search(r"firms|shops|businesses", label), label


def test_the_events_table_gives_no_date_for_an_undated_event():
    from recount.publish import render

    html = render.events_table(Report(load_ledger())).data
    row = next(r for r in html.split("<tr") if 'id="event-pension_refund"' in r)  # the row's anchor, not shown
    assert 'data-label="Date">not given<' in row and "2020-02" not in row


def test_a_part_or_within_check_that_holds_is_not_contradicted_never_a_pass(data_copy, cli):
    """A part fitting in its whole (13,000 of 15,778 within 94,181 of 123,542; 40% catering within the
    district's 83%) only leaves room: the result is not contradicted, derived from the check's kind, and
    a ledger that expects a pass for it is refused. A part-to-total ``le`` check that holds still passes."""
    from recount.constraints import check_all

    results = {r.constraint.id: r for r in check_all(load_ledger(data_copy))}
    parts = {k: r.result for k, r in results.items() if r.constraint.kind == "part"}
    assert parts == dict.fromkeys(["xbq_catering_in_district", "xbq_shops_in_district", "gd_shops_in_district"],
                                  "not_contradicted")
    assert results["xbq_shops_open_le_individual"].result == "pass"
    report = Report(load_ledger(data_copy))
    # an overall rate within its parts' range (88% within 40–90%) could be their mean, and shows no more
    within = {k: r.result for k, r in results.items() if r.constraint.kind == "within"}
    assert within and set(within.values()) == {"not_contradicted"}
    assert report.constraint_counts()["not_contradicted"] == len(parts) + len(within)
    assert not [x for x in report.cross_findings() if getattr(x, "constraint", None) and x.constraint.kind == "part"]
    path = data_copy / paths.CONSTRAINTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "part,xbq_rate_shops,district_rate,,not_contradicted,", "part,xbq_rate_shops,district_rate,,pass,"), encoding="utf-8")
    run = cli("check", "--data", str(data_copy))
    assert run.code == 1 and "constraint xbq_shops_in_district: not_contradicted, expected pass" in run.stderr


def relief_said_as_waived(data) -> list[str]:
    """Figures and superlatives whose quote says 减免 (reduced or waived) and whose English says only one."""
    ledger = load_ledger(data)
    texts = [(f.id, f.quote, f.label_en) for f in ledger.figures.values()]
    texts += [(s.id, s.quote, s.claim_en) for s in ledger.superlatives]
    return [i for i, quote, en in texts if "减免" in quote and not re.search(r"reduced or waived|relief", en)]


def test_every_reduction_or_waiver_the_article_names_keeps_both_in_english(data_copy):
    """减免一个月租金 may be a cut or a waiver: "reduced or waived", or "relief", never "waived" alone."""
    assert relief_said_as_waived(data_copy) == []
    path = data_copy / paths.FIGURES_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "1,月,exact,months of rent reduced or waived\n", "1,月,exact,months of rent waived\n"), encoding="utf-8")
    assert relief_said_as_waived(data_copy) == ["kangle_rent_months"]
