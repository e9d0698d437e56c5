"""``recount new``: a complete article folder that ``recount check --data`` reads at once; the
article's structure found from its own headings; one-line errors for a changed source and missing tables."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from recount import article as art
from recount import folder, paths
from recount.ledger import load_ledger

ARTICLES = Path(__file__).with_name("articles_book")
HEADED = ARTICLES / "county_projects_headed.txt"  # simplified: title, dated byline, 一、 headings, 亿元 and 万人
HOTLINE = ARTICLES / "hotline_traditional.txt"  # traditional: no title, no date, no heading
CLINIC = ARTICLES / "clinic_bracket_one_claim.txt"  # 【…】 headings, an address, one claim


def _new(cli, article: Path, dst: Path, *options: str) -> Path:
    run = cli("new", str(article), str(dst), *options)
    assert run.code == 0, run.stderr
    return dst


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_new_makes_a_complete_folder_that_checks_at_once(cli, tmp_path):
    out = _new(cli, HEADED, tmp_path / "county")
    assert (out / paths.SOURCE_NAME).read_bytes() == HEADED.read_bytes(), "the source is copied byte for byte"
    package = json.loads((out / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    assert package["sources"][0]["hash"] == "sha256:" + hashlib.sha256(HEADED.read_bytes()).hexdigest()
    assert package["created"][:10] == datetime.now(timezone.utc).date().isoformat(), "checked the day it is made"
    assert package["article"] == {"title": "青河县2023年重点项目投资情况通报", "place": "青河县", "date": "2024-01-15",
                                  "url": None, "publisher": None}
    for res in package["resources"]:  # every ledger table, with its header
        with (out / res["path"]).open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == [f["name"] for f in res["schema"]["fields"]], res["path"]
    run = cli("check", "--data", str(out))
    assert run.code == 0, run.stderr
    assert "1 inconsistent" in run.stdout


def test_drafted_rows_have_readable_ids_and_the_sections_of_their_headings(cli, tmp_path):
    out = _new(cli, HEADED, tmp_path / "county")
    figures = {r["id"]: r for r in _rows(out / paths.FIGURES_NAME)}
    assert all(re.fullmatch(r"(pct|count|amount|points|measure|duration)_[0-9_]+", fid) for fid in figures), figures
    assert figures["amount_17_68"]["section"] == "1" and figures["count_5400"]["section"] == "2"
    assert figures["count_120"]["section"] == "0", "the totals at the top are the lede"
    rates = _rows(out / paths.RATES_NAME)
    assert {r["cited"] for r in rates} <= set(figures)
    assert all(r["id"].startswith("claim_") for r in rates)


def test_every_drafted_rate_is_unconfirmed_until_a_person_confirms_it(cli, tmp_path):
    out = _new(cli, HEADED, tmp_path / "county")
    ledger = load_ledger(out)
    assert folder.unconfirmed(ledger) == [r.id for r in ledger.rates]
    rows = _rows(out / paths.RATES_NAME)
    rows[0]["note_en"] = "Checked against the text by hand."
    with (out / paths.RATES_NAME).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    assert folder.unconfirmed(load_ledger(out)) == [r.id for r in ledger.rates][1:]


def test_options_give_what_the_text_does_not_say(cli, tmp_path):
    bare = _new(cli, HOTLINE, tmp_path / "bare")
    assert json.loads((bare / paths.DATAPACKAGE_NAME).read_text("utf-8"))["article"] == dict.fromkeys(
        ("title", "place", "date", "url", "publisher"))
    given = _new(cli, HOTLINE, tmp_path / "given", "--title", "市民熱線季度通報", "--place", "某市",
                 "--date", "2024-04-02", "--url", "https://example.org/hotline")
    assert folder.metadata(given) == {"title": "市民熱線季度通報", "place": "某市", "date": "2024-04-02",
                                      "url": "https://example.org/hotline", "publisher": None}
    assert cli("check", "--data", str(given)).code == 0


def test_an_address_and_a_place_in_the_title_are_found(cli, tmp_path):
    out = _new(cli, CLINIC, tmp_path / "clinic")
    assert folder.metadata(out) == {"title": "东山镇开展夏季义诊活动", "place": "东山镇", "date": None,
                                    "url": "http://example.org/news/summer-clinic.html", "publisher": None}


def test_a_changed_source_is_one_line_naming_both_hashes_and_what_to_do(cli, tmp_path):
    out = _new(cli, HEADED, tmp_path / "county")
    pinned = hashlib.sha256(HEADED.read_bytes()).hexdigest()
    with (out / paths.SOURCE_NAME).open("ab") as fh:
        fh.write("补记一行。\n".encode())
    now = hashlib.sha256((out / paths.SOURCE_NAME).read_bytes()).hexdigest()
    run = cli("check", "--data", str(out))
    assert run.code == 2 and run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert pinned in line and now in line and "recount new" in line and "article.zh.txt" in line


def test_missing_tables_are_one_line_listing_every_one(cli, tmp_path):
    out = tmp_path / "drafted"
    assert cli("draft", str(HEADED), "--out", str(out)).code == 0  # figures.csv and rates.csv only
    run = cli("check", "--data", str(out))
    assert run.code == 2 and run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    for name in ("source/article.zh.txt", "datapackage.json", "constraints.csv", "events.csv", "exclusions.csv",
                 "strengths.csv", "superlatives.csv", "superlative_readings.csv", "places.csv", "labels.csv"):
        assert name in line, name
    assert "figures.csv" not in line and "recount new" in line


def test_new_never_overwrites_and_writes_nothing_on_bad_input(cli, tmp_path):
    out = _new(cli, HEADED, tmp_path / "county")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    run = cli("new", str(HOTLINE), str(out))
    assert run.code == 2 and "not empty" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("全县共有企业120家，已复工96家，复工率80%。".encode("gbk"))
    for args in ((str(gbk), str(tmp_path / "a")), (str(HEADED), str(tmp_path / "b"), "--date", "2024-13-40")):
        run = cli("new", *args)
        assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county", "gbk.txt"], "nothing half-written"


@pytest.mark.parametrize("text, headings", [
    ("标题\n\n导语一句。\n\n一、第一部分标题\n正文。\n\n二、第二\n正文。\n", ["一、第一部分标题", "二、第二"]),
    ("标题\n\n【概况】\n正文。\n【成效】\n正文。\n", ["【概况】", "【成效】"]),
    ("标题\n\n第一部分 总体情况\n正文。\n第二部分 下一步\n正文。\n", ["第一部分 总体情况", "第二部分 下一步"]),
    ("标题\n\n**加强调度**\n正文。\n", ["加强调度"]),
    ("标题\n\n导语，很长的一句。\n\n稳就业保民生\n正文。\n", ["稳就业保民生"]),
])
def test_sections_come_from_the_articles_own_headings(text, headings):
    a = art.split(text)
    assert a.title == "标题"
    assert [a.heading_texts[s] for s in sorted(a.heading_texts)] == headings
    assert all(p.section >= 1 for p in a.paragraphs if p.text.startswith("正文"))


def test_a_tables_rows_and_cells_are_paragraphs_not_headings():
    text = ("标题\n\n【概况】\n共抽检1 250个。\n\n【按类别】\n| 类别 | 样本 | 不合格率 |\n| 蔬菜 | 400 | 2.5% |\n"
            "| 合计 | 1250 | 3.0% |\n\n按年龄分组\n65至69岁\n118\n28.6%\n")
    a = art.split(text)
    assert list(a.heading_texts.values()) == ["【概况】", "【按类别】", "按年龄分组"]
    assert [p.section for p in a.paragraphs if "|" in p.text] == [2, 2, 2]
    assert [p.section for p in a.paragraphs if p.text in ("65至69岁", "28.6%")] == [3, 3]


def test_an_article_without_headings_or_title_is_one_section():
    a = art.split("截至3月31日，共受理來電86,000件。\n\n滿意率為92%。\n")
    assert a.title == "" and a.title_start == -1 and a.headings == {}
    assert {p.section for p in a.paragraphs} == {0} and len(a.paragraphs) == 2


def test_the_flagship_structure_comes_from_its_book_json():
    a = art.article(load_ledger())
    shape = art.layout(paths.DATA_DIR)
    assert [a.heading_texts[s] for s in sorted(a.headings)] == [shape.sections[s][0] for s in (1, 2, 3)]
    assert a.title.startswith("【")


def test_an_article_that_states_no_percentage_checks_and_says_so(cli, tmp_path):
    text = tmp_path / "plain.txt"
    text.write_text("全镇今年新建公厕12座，改造道路3条，投入资金150万元。\n\n下一步将继续推进人居环境整治。\n", encoding="utf-8")
    out = _new(cli, text, tmp_path / "plain")
    run = cli("check", "--data", str(out))
    assert run.code == 0 and "0 inconsistent" in run.stdout, run.stderr
    from recount.publish import render
    from recount.report import Report

    report = Report(load_ledger(out))
    assert render.headline(report) == "The article states no percentage to check"
    assert "《" not in render.byline(report) and "no percentage" in render.byline(report)


def test_book_of_a_bad_folder_is_one_line_and_writes_nothing(cli, tmp_path):
    run = cli("book", str(tmp_path / "nowhere"))
    assert run.code == 2 and len(run.stderr.strip().splitlines()) == 1 and "recount new" in run.stderr
    out = _new(cli, HEADED, tmp_path / "county")
    figures = out / paths.FIGURES_NAME
    figures.write_text(figures.read_text(encoding="utf-8").replace(",120,个,", ",120x,个,", 1), encoding="utf-8")
    run = cli("book", str(out))
    assert run.code == 2 and "figures.csv, line 2, column 'value'" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert not (out / "_build").exists(), "nothing written for a bad ledger"


def test_a_table_article_keeps_its_cells_as_counts_and_its_spaced_thousands(cli, tmp_path):
    # a 1 250-sample total at the top, then a table of rates whose cells have no unit written
    text = ("某区食品抽检通报\n\n本月共抽检样本1 450个，不合格43个，不合格率3.2%。\n\n"
            "| 类别 | 样本数 | 不合格 | 不合格率 |\n| 蔬菜 | 400 | 10 | 2.5% |\n| 肉类 | 850 | 28 | 3.3% |\n"
            "| 水产 | 200 | 5 | 2.5% |\n| 合计 | 1450 | 43 | 3.0% |\n")
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    out = _new(cli, article, tmp_path / "tables")
    figures = {r["id"]: r for r in _rows(out / paths.FIGURES_NAME)}
    assert figures["count_1450"]["quote"].startswith("1 450"), "the spaced total is held, not left out"
    quotes = [r["quote"] for r in figures.values()]
    assert "蔬菜 | 400 | 10 | 2.5%" in quotes, "a table cell's quote is its row up to it, from the row's label"
    assert not [q for q in quotes if q[0] in " |" or q[-1] in " |"], quotes
    rates = _rows(out / paths.RATES_NAME)
    cells = [r for r in rates if figures[r["denominator"]]["unit"] == ""] if rates else []
    assert len(cells) == 4, "each table row's rate over its own row's count, the 合计 row's too"
    run = cli("check", "--data", str(out))
    assert run.code == 0, run.stderr
    assert "1 inconsistent, 4 consistent" in run.stdout  # 43 / 1 450 = 2.97%, stated 3.2%
