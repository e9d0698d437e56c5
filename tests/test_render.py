"""HTML snippets: data text is always escaped, Chinese is marked zh-CN, tables scroll, badges are legible.

On the tests' own bulletins: districts (tests/fixtures/districts: a claim with three readings) and
hotline (tests/fixtures/hotline: a tension, a superlative, hard and soft checks)."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from types import SimpleNamespace

import pandas as pd
import pytest
from IPython.display import HTML

from browser_support import contrast
from conftest import DISTRICTS, HOTLINE
from recount.publish import render
from recount.intervals import figure_interval
from recount.ledger import Figure, Ledger, load_ledger
from recount.report import Report

EVIL = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(1)">',
    "bold": "**not bold**",
    "glue": "{glue}`fig_beiyuan_firms`",
}
EVIL_TEXT = " ".join(EVIL.values())


def assert_inert(html: str) -> None:
    """No live tag or attribute from the evil strings; the text itself still visible, escaped."""
    assert "<script>" not in html and "<img src=x" not in html and "onerror=\"alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "**not bold**" in html and "<strong>not bold</strong>" not in html and "<b>" not in html
    assert "{glue}`fig_beiyuan_firms`" in html


# ---------------------------------------------------------------- ledger data with hostile text


@pytest.fixture(scope="module")
def report() -> Report:
    """The districts bulletin: an inconsistent claim read three ways, derived rates, amounts."""
    return Report(load_ledger(DISTRICTS))


@pytest.fixture(scope="module")
def hotline_report() -> Report:
    """The hotline bulletin: a soft check in tension, a superlative, hard and soft checks."""
    return Report(load_ledger(HOTLINE))


@pytest.fixture
def evil_report(districts_dir) -> Report:
    """The districts ledger with hostile English text in labels, notes and readings."""
    for name, columns in (("figures.csv", ("label_en",)), ("rates.csv", ("note_en", "reading")),
                          ("constraints.csv", ("note_en",)), ("events.csv", ("label_en",))):
        path = districts_dir / name
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            for col in columns:
                row[col] = f"{row[col]} {EVIL_TEXT}"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return Report(load_ledger(districts_dir))


def test_claim_box_escapes_ledger_text(evil_report):
    assert_inert(render.claim(evil_report, "beiyuan_share").data)
    assert_inert(render.claim(evil_report, "nanhu_rate").data)


@pytest.mark.parametrize("kind", ["figures", "rates", "constraints"])
def test_ledger_tables_escape_ledger_text(evil_report, kind):
    assert_inert(render.ledger_table(evil_report, kind).data)


def test_other_tables_escape_ledger_text(evil_report):
    assert_inert(render.events_table(evil_report).data)
    assert_inert(render.figures_table(evil_report, section=2).data)
    assert_inert(render.rates_table(evil_report, section=1).data)
    assert_inert(render.paragraph(evil_report, 2, 1).data)  # link titles carry label_en


def test_frame_table_and_zh_escape_anything():
    df = pd.DataFrame({"quote": [EVIL_TEXT], "note": [EVIL_TEXT], "code": [EVIL_TEXT]})
    assert_inert(render.frame_table(df, zh_columns=["quote"], code_columns=["code"]).data)
    assert_inert(render.zh(EVIL_TEXT))
    assert render.esc('"') == "&quot;" and render.esc("'") == "&#x27;"


# ---------------------------------------------------------------- hostile text in the source itself


def synthetic_ledger() -> Ledger:
    """A tiny article whose own words are hostile, with one figure quoting them."""
    source = (f"【标题】{EVIL['script']}\n\n"
              f"导语{EVIL['bold']}{EVIL['glue']}。\n\n"
              "一、帮扶政策\n\n"
              f"段落{EVIL['img']}共有10家企业。\n\n"
              "二、街道情况\n\n段落二。\n\n"
              "三、下一步\n\n段落三。")
    quote = f"{EVIL['img']}共有10家"
    fig = Figure(id="evil", section=1, quote=quote, value_text="10", unit="家", qualifier="exact",
                 label_en=EVIL_TEXT, line=2, start=source.index(quote), value=Decimal(10), kind="count",
                 base_unit="家", factor=1, interval=figure_interval(Decimal(10), "exact"), decimals=0)
    return Ledger(data_dir=None, source=source, figures={"evil": fig}, rates=[])




def test_paragraph_escapes_the_article():
    ledger = synthetic_ledger()
    html = render.paragraph(SimpleNamespace(ledger=ledger), 1, 1).data
    assert html.startswith('<blockquote class="recount-quote" lang="zh-CN"')
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html and "<img" not in html


# ---------------------------------------------------------------- structure


def test_chinese_is_marked_zh(report):
    assert 'lang="zh-CN"' in render.paragraph(report, 3, 1).data
    box = render.claim(report, "nanhu_rate").data
    assert '<blockquote class="recount-quote" lang="zh-CN">' in box
    table = render.figures_table(report, ["nanhu_share"]).data
    assert '<span lang="zh-CN">南湖复工率95%</span>' in table


def test_claim_box_shows_quote_note_arithmetic_and_a_worded_badge(report):
    box = render.claim(report, "individual_rate").data
    assert "恢复营业率92%" in box
    assert "Individual businesses trading again over all of them." in _text(box)
    assert "Gloss:" not in box  # a ledger without glosses.csv (the book's glosses: tests/test_golden_book.py)
    assert "9,200 / 10,000 = 92%" in box  # two decimals at most, in words
    assert "✓ consistent</span>" in box  # a word, not colour alone
    box = render.claim(report, "beiyuan_share").data
    for arithmetic in ("1,000 / 1,200 = 83.33%, which rounds to 83%", "2,400 / 3,000 = 80%, which rounds to 80%",
                       "3,400 / 4,200 = 80.95%, which rounds to 81%"):
        assert arithmetic in box
    assert "✗ inconsistent</span>" in box and "between 89.5% and 90.5%" in box


def test_ledger_rows_are_anchored(report):
    figures = render.ledger_table(report, "figures").data
    rates = render.ledger_table(report, "rates").data
    constraints = render.ledger_table(report, "constraints").data
    for fid in report.ledger.figures:
        assert f'<tr id="fig-{fid}">' in figures
    for r in report.ledger.rates:
        assert f'<tr id="rate-{r.id}">' in rates
    for c in report.ledger.constraints:
        assert f'<tr id="constraint-{c.id}">' in constraints




def test_tables_scroll_in_their_own_box(report):
    for html in (render.ledger_table(report, "rates").data, render.scorecard(report).data,
                 render.qualifiers_table().data):
        assert html.startswith('<div class="recount-scroll" style="overflow-x:auto')


def test_glue_values_cover_every_row_as_text(report):
    values = render.glue_values(report)
    assert all(isinstance(v, str) for v in values.values())
    for fid in report.ledger.figures:
        assert f"fig_{fid}" in values and f"zh_{fid}" in values
    for r in report.ledger.rates:
        assert f"verdict_{r.id}" in values and f"arithmetic_{r.id}" in values
    assert values["fig_beiyuan_shops"] == "3,000"
    assert values["range_approved"] == "300 to 400"
    assert values["fig_support_total"] == "8.5 million yuan"
    assert values["zh_satisfied_share"] == "约96%"
    assert values["recomputed_range_beiyuan_share"] == "between 80% and 83.33%"
    assert values["recomputed_beiyuan_rate_firms"] == "83.33%"  # not 83.3333%: two decimals at most in prose
    stated = {r.cited for r in report.ledger.rates if r.cited}
    assert values["n_claims"] == str(len(stated))  # the stated percentages; derived rates apart
    assert values["n_derived"] == str(sum(not r.cited for r in report.ledger.rates))


# ---------------------------------------------------------------- contrast (WCAG 2.1 AA: 4.5:1 for text)




@pytest.mark.parametrize("verdict", list(render.BADGE) + list(render.RESULT_BADGE))
def test_badge_text_meets_wcag_aa(verdict):
    _, fg, bg = render.BADGE.get(verdict) or render.RESULT_BADGE[verdict]
    assert contrast(fg, bg) >= 4.5
    assert contrast(fg, "#FFFFFF") >= 4.5  # the badge's border and the claim box's rule, on the page




def test_chinese_glue_values_paste_as_marked_html(report):
    from IPython.core.formatters import format_display_data

    value = render.glue_values(report)["zh_approved"]
    bundle, _ = format_display_data(value)
    assert bundle["text/plain"] == "'300余家'"  # {glue:text} pastes 300余家
    assert bundle["text/html"] == '<span lang="zh-CN">300余家</span>'  # {glue} pastes it marked


def test_glue_keys_reads_every_role_form():
    text = ("{glue:text}`fig_a` {glue}`zh_b` {glue:text}`rec_c:.2f` {glue:md}`dl:myst` "
            "{glue:text}`other::fig_d` {glue:any}`fig_a`")
    assert render.glue_keys(text) == ["fig_a", "zh_b", "rec_c", "dl"]


def test_every_key_a_page_pastes_has_a_value():
    """The book's chapters paste the book's own ledger."""
    from recount import paths

    from recount.publish import draft_page as draft_book
    from recount.draft.compare import compare

    from recount import explain

    report = Report(load_ledger())
    values = {**render.glue_values(report), **draft_book.glue_values(compare(report.ledger)),
              **explain.glue_values(report)}
    for page in sorted(paths.BOOK_DIR.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        keys = [k for k in render.glue_keys(text) if f'"{k}":' not in text]  # a page may glue a value it computes
        assert len(keys) <= 150, f"{page.name} glues {len(keys)} values: split the page"
        missing = [k for k in keys if k not in values]
        assert not missing, f"{page.name} pastes unknown glue keys {missing}"


def test_claim_reviews_embed_json_ld_and_link_the_file(report):
    html = render.claim_reviews(report).data
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert 'href="../claimreview.json"' in html


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _ids_shown(report, text: str) -> list[str]:
    ids = set(report.ledger.figures) | {r.id for r in report.ledger.rates} | {c.id for c in report.ledger.constraints}
    ids |= {s.id for s in report.ledger.superlatives} | {r.id for r in report.ledger.superlative_readings}
    return sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))


def test_cross_findings_show_arithmetic_and_assumption_without_ledger_ids(hotline_report):
    report = hotline_report
    html = render.cross_findings(report).data
    text = _text(html)
    assert "2,000 to 3,000 (callers called back) ≤ 1,800 (complaints)" in text
    assert "Assumption that would have to fail" in text and "tension" in text
    assert not _ids_shown(report, text)
    assert not re.search(r"\[\s*'|\(\s*'|Fraction\(|Interval\(", text), "no Python reprs"


def test_cross_findings_of_a_section_hold_only_that_section(hotline_report):
    three = _text(render.cross_findings(hotline_report, section=3).data)
    assert "回访群众2000余人" in three and "tension" in three
    assert render.cross_findings(hotline_report, section=1).data == "<p>No contradictions or tensions.</p>"


def test_how_far_off_gives_each_reading_and_the_count_needed(report):
    text = _text(render.how_far_off_html(report, "beiyuan_share"))
    assert "material miss" in text
    for needed in ("1,074 of 1,200", "2,685 of 3,000", "3,759 of 4,200"):
        assert needed in text
    assert not _ids_shown(report, text)
    assert "No reading misses" in render.how_far_off_html(report, "nanhu_share")


def test_the_claim_box_of_an_inconsistent_claim_says_how_far_off(report):
    assert "How far off" in render.claim(report, "beiyuan_share").data
    assert "How far off" not in render.claim(report, "nanhu_rate").data


def test_superlatives_table_lists_every_one_found(hotline_report):
    html = render.superlatives_table(hotline_report).data
    assert hotline_report.ledger.superlatives
    assert html.count("<tr>") == len(hotline_report.ledger.superlatives) + 1


# ---------------------------------------------------------------- verdicts in plain words


def test_plain_verdict_quotes_what_the_counts_make_against_what_is_cited(hotline):
    from recount.english import verdict_words

    report = Report(hotline)
    west = [r for r in report.results if r.rate.id == "west_rate"]
    assert verdict_words(west[0].verdict, west) == "Does not add up: the counts the article gives make 89%, not 92%."
    east = [r for r in report.results if r.rate.id == "east_rate"]
    assert verdict_words(east[0].verdict, east) == "Adds up: the counts the article gives make 95%, as it says."
    sat = [r for r in report.results if r.rate.id == "satisfied_rate"]
    assert verdict_words(sat[0].verdict, sat) == "Cannot be checked: the article gives no counts to check its 98% against."
    derived = [r for r in report.results if r.rate.id == "east_of_calls"]
    assert verdict_words(derived[0].verdict, derived).startswith("Not a claim: the article states no rate here; its counts make 26.67%")


@pytest.mark.parametrize("outcome", ["pass", "fail", "tension", "not_contradicted", "not_a_claim", "unverifiable",
                                     "possible", "impossible"])
def test_every_result_the_book_reports_has_a_plain_verdict_without_code_words(outcome):
    from recount.english import verdict_words

    words = verdict_words(outcome)
    assert words[0].isupper() and words.endswith(".") and "_" not in words and ":" in words


def test_every_claim_box_pairs_the_coded_verdict_with_one_in_plain_words(hotline):
    from recount.english import verdict_words
    from recount.report import claim_results

    report = Report(hotline)
    for rate_id in ("west_rate", "east_rate", "satisfied_rate"):
        box = render.claim(report, rate_id).data
        rs = claim_results(report, report.result(rate_id).rate.cited)
        assert f"<strong>Our verdict:</strong> {render.esc(verdict_words(rs[0].verdict, rs))}" in box
        assert f"recount-{rs[0].verdict}" in box  # the coded badge beside it


# ---------------------------------------------------------------- glosses, quotes and bands in the claim boxes


def _box_claims(report) -> list[str]:
    """Every stated percentage with counts or a box of its own: the claims the book boxes."""
    from recount.verdict import claim_key

    return list(dict.fromkeys(claim_key(r.rate) for r in report.results if r.cited is not None))


def test_no_quote_shown_starts_with_punctuation(report):
    html = "".join(render.claim(report, k).data for k in _box_claims(report)) + render.ledger_table(report, "figures").data \
        + render.ledger_table(report, "rates").data + render.rates_table(report).data
    spans = re.findall(r'<span lang="zh-CN">([^<]*)</span>', html)
    bad = [s for s in spans if s[:1] in ",，、。;；:："]
    assert spans and not bad, bad


def test_every_claim_box_gives_its_band_and_a_share_of_100_percent_stops_at_100(report):
    for key in _box_claims(report):
        box = _text(render.claim(report, key).data)
        assert "which stands for any value" in box, key
    full = _text(render.claim(Report(load_ledger(HOTLINE.parent / "markets")), "fruit_share").data)  # 复工率100%
    assert "between 99.5% and 100%" in full and "100.5" not in full


def test_a_share_band_is_clipped_at_100_but_a_change_is_not():
    from fractions import Fraction

    from recount.english import band_words
    from recount.intervals import Interval

    iv = Interval(Fraction(995, 10), Fraction(1005, 10))
    assert band_words(iv) == "between 99.5% and 100%"
    assert band_words(iv, share=False) == "between 99.5% and 100.5%"


# ---------------------------------------------------------------- plain findings and a Ledger without code residue


def _nested_brackets(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        if depth > 1:
            return True
        depth -= ch == ")" and depth > 0
    return False


def test_each_finding_on_the_landing_page_is_a_few_plain_sentences(hotline_report):
    report = hotline_report
    found = report.cross_findings()
    assert found
    html = render.findings_plain(report).data
    assert "<code" not in html and html.count("<li>") == len(found)
    assert 'href="ledger.html#contradictions-and-tensions"' in html
    for x in found:
        words = render.finding_words(x, report.ledger)
        assert words.endswith(".") and 1 <= len(re.findall(r"[.!?](?:\s|$)", words)) <= 3, words
        assert not _nested_brackets(words), words
        assert not re.search(r"\d{4,}", words.replace(",", "")) or re.search(r"\d,\d{3}", words), words
        assert "≤" not in words and "<" not in words and "_" not in words, words


def test_the_ledger_shows_no_ids_no_interval_brackets_and_no_false_precision(report):
    ids = set(report.ledger.figures) | {r.id for r in report.ledger.rates} | {c.id for c in report.ledger.constraints}
    for kind in ("figures", "rates", "constraints"):
        text = _text(render.ledger_table(report, kind).data)
        assert not [w for w in re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", text) if w in ids], kind
        assert not re.search(r"\[\d", text), (kind, "an interval in brackets")
        if kind != "figures":  # a cited 82.57% stands for 82.565% to 82.575%: those decimals carry information
            assert not re.search(r"\d\.\d{3,}%", text), kind
        assert "<code" not in render.ledger_table(report, kind).data, kind
    rates = _text(render.ledger_table(report, "rates").data)
    assert "1,000 / 1,200 = 83.33%" in rates and "83.3333" not in rates
    assert "300 to 400 / 450" in rates  # an exact count is one number


def test_check_strengths_are_said_in_words(hotline_report):
    report = hotline_report
    assert {s.strength for s in report.ledger.strengths.values()} == {"hard", "soft"}
    text = _text(render.ledger_table(report, "constraints").data + render.constraints_table(report).data)
    assert "hard" not in text.lower().split() and "soft check" not in text and "hard check" not in text
    assert "Rests on the article&#x27;s words" in text and "Rests on an assumption" in text


def test_the_lead_pairs_its_badge_with_the_verdict_in_plain_words(report):
    from recount.english import verdict_words
    from recount.report import claim_results

    rs = claim_results(report, "beiyuan_share")
    lead = render.lead(report).data
    assert f"<strong>Our verdict:</strong> {render.esc(verdict_words(rs[0].verdict, rs))}" in lead
    assert "Does not add up: the counts the article gives make 83% or 80% or 81%, not 90%." in _text(lead)
    assert lead.count("Our verdict") == 1  # said once, beside the badge


@pytest.mark.parametrize("card, headline", [
    ({"inconsistent": 1, "consistent": 4, "unverifiable": 12}, "One of the five checkable percentages in"),
    ({"inconsistent": 2, "consistent": 0, "unverifiable": 3}, "Both checkable percentages in"),
    ({"inconsistent": 3, "consistent": 0, "unverifiable": 3}, "All three checkable percentages in"),
    ({"inconsistent": 1, "consistent": 0, "unverifiable": 3}, "The one checkable percentage in"),
    ({"inconsistent": 0, "consistent": 3, "unverifiable": 3}, "All the checkable percentages in"),
    ({"inconsistent": 0, "consistent": 0, "unverifiable": 3}, "No percentage in"),
])
def test_the_headline_counts_only_the_percentages_the_counts_can_check(hotline_report, monkeypatch, card, headline):
    """An unverifiable percentage neither adds up nor fails: it is not among those the headline counts."""
    from recount.report import Report

    monkeypatch.setattr(Report, "scorecard", lambda self: {**card, "derived": 0})
    assert render.headline(hotline_report).startswith(headline), render.headline(hotline_report)


def test_the_scorecard_counts_the_claims_only_and_a_generated_landing_page_counts_the_derived_apart(report):
    """Its column adds up to the stated percentages (a derived row read as a fifth verdict, the column
    summing past the claims); a generated book's landing page says how many rates are derived."""
    from bs4 import BeautifulSoup

    from recount.publish import book

    soup = BeautifulSoup(render.scorecard(report).data, "html.parser")
    counts = [int(tr.find_all("td")[1].get_text()) for tr in soup.select("tbody tr")]
    assert sum(counts) == report.n_claims() and "derived" not in soup.get_text()
    assert report.scorecard()["derived"] > 0
    assert "The counts also imply {glue:text}`n_derived` rates" in book.index_page(report)
