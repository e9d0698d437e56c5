"""No number is typed into the ledger's English text or the book's prose: it comes from the figures."""

import csv
import re

import pytest

from conftest import DISTRICTS, HOTLINE
from recount import paths
from recount.english import PLACEHOLDER, figure_en
from recount.publish.render import CHINESE_RUN

MARKETS = HOTLINE.parent / "markets"

#: names that contain digits and are no figure of the article (the prose may write them)
NAMES = re.compile(r"COVID-19|UTF-8|GB/T 15835-2011|10<sup>−d</sup>|重启2020|《重启2020[^》]*》|Restart 2020")


def _english_columns(path):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for i, row in enumerate(rows, 2):
        for col, text in row.items():
            if col.endswith("_en") or col == "reading":
                yield i, col, text


def _typed_digits(text: str) -> str:
    """What is left of the digits once placeholders and Chinese quotes are taken out."""
    return re.sub(r"[^0-9]", "", CHINESE_RUN.sub("", PLACEHOLDER.sub("", text)))


@pytest.mark.parametrize("folder", [paths.DATA_DIR, HOTLINE, DISTRICTS, MARKETS], ids=lambda p: p.name)
def test_no_digit_is_typed_into_an_english_column_of_the_ledger(folder):
    """The book's ledger and the tests' own: numbers in English text are placeholders."""
    typed = [(p.name, i, col, text) for p in sorted(folder.glob("*.csv"))
             for i, col, text in _english_columns(p) if _typed_digits(text)]
    assert not typed, typed


def test_the_typed_digit_check_catches_a_number(hotline_dir):
    path = hotline_dir / paths.EVENTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("{fig:visited}", "2,000"), encoding="utf-8")
    assert [i for i, col, text in _english_columns(path) if _typed_digits(text)] == [2]


def test_placeholders_are_written_out_from_the_figures(hotline):
    figs = hotline.figures
    assert hotline.events[0].label_en == f"Follow-up calls to {figure_en(figs['visited'])} callers finished"
    assert hotline.events[0].label_en == "Follow-up calls to 2,000 callers finished"
    west = next(r for r in hotline.rates if r.id == "west_rate")
    assert west.note_en == "West's 2,500 calls closed over the 2,800 it took, against the stated 92%."
    assert not [t for r in hotline.rates for t in (r.note_en, r.reading) if PLACEHOLDER.search(t)]
    assert not [c.note_en for c in hotline.constraints if "{" in c.note_en]


def test_an_unknown_placeholder_is_bad_input(cli, hotline_dir):
    path = hotline_dir / paths.EVENTS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("{fig:visited}", "{fig:visitors}"), encoding="utf-8")
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 2 and run.stdout == ""
    assert "events.csv, line 2, column 'label_en'" in run.stderr and "visitors" in run.stderr


def _prose(text: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)      # glue and cross-reference roles
    return re.sub(r"`[^`]*`", "", text)                  # inline code


def test_no_number_is_typed_into_the_books_prose():
    typed = []
    for page in sorted(paths.BOOK_DIR.glob("*.md")):
        for n, line in enumerate(_prose(page.read_text(encoding="utf-8")).splitlines(), 1):
            if re.search(r"\d", NAMES.sub("", line)):
                typed.append((page.name, line))
    assert not typed, typed


def test_the_prose_check_catches_a_typed_number():
    assert re.search(r"\d", NAMES.sub("", _prose("Of the 2,800 calls, {glue:text}`fig_west_closed` were closed.")))
    assert not re.search(r"\d", NAMES.sub("", _prose("Of the {glue:text}`fig_west_calls` calls.")))


def test_a_figure_is_written_back_with_its_qualifier_where_the_article_puts_it(hotline):
    from dataclasses import replace

    from recount.english import as_written

    f = next(iter(hotline.figures.values()))
    cases = {("2000", "家", "余"): "2000余家", ("98", "%", "左右"): "98%左右", ("90", "%", "以上"): "90%以上",
             ("5914", "万元", "万余"): "5914万余元", ("3", "万人", "万余"): "3万余人",
             ("360", "人次", "超过"): "超过360人次", ("4800", "家", "exact"): "4800家"}
    for (value, unit, qualifier), written in cases.items():
        assert as_written(replace(f, value_text=value, unit=unit, qualifier=qualifier)) == written
