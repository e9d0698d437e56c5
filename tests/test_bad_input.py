"""Bad input: one line on stderr naming file, line and column; exit 2; nothing on stdout."""

import json
import re
from pathlib import Path

import pytest

from recount import paths


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(cli, data: Path, *, file: str, line: int | None, column: str | None, says: str):
    run = cli("check", "--data", str(data))
    assert run.code == 2, run.stderr
    assert run.stdout == "", "nothing written on bad input"
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    msg = lines[0]
    assert "Traceback" not in run.stderr
    assert file in msg
    if line is not None:
        assert f"line {line}," in msg or msg.rstrip().endswith(f"line {line}") or f"line {line}:" in msg, msg
    if column is not None:
        assert f"column '{column}'" in msg, msg
    assert re.search(says, msg), msg
    return msg


def _line_of(path: Path, needle: str) -> int:
    for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in ln:
            return i
    raise AssertionError(needle)


def test_non_numeric_count(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "已复工企业4800家,4800,", "已复工企业4800家,4800x,")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "4800x"), column="value", says="not a number")


def test_negative_count(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "共有企业5852户,5852,", "共有企业5852户,-5852,")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "-5852"), column="value",
             says="-5852 is below the minimum 0")


def test_fractional_count(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "共有企业5852户,5852,", "共有企业5852户,5852.5,")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "5852.5"), column="value", says="fractional count")


def test_duplicate_id(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "xbq_markets,", "xbq_firms,")
    msg = _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "各类市场131个"), column="id", says="duplicate id 'xbq_firms'")
    assert "first on line" in msg


def test_missing_column(cli, data_copy):
    f = paths.rates_path(data_copy)
    _edit(f, ",expected,", ",verdict_expected,")
    _refused(cli, data_copy, file="rates.csv", line=1, column="expected",
             says="the header is .*verdict_expected.*; datapackage.json has .*expected")


def test_quote_not_in_source(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "复工率82.57%,82.57", "复工率82.75%,82.75")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "82.75%"), column="quote", says="not in the source")


def test_quote_that_occurs_twice(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "企业复工率达100%,100", "复工率达100%,100")
    _refused(cli, data_copy, file="figures.csv", line=None, column="quote", says="occurs 2 times")


def test_rate_naming_an_unknown_figure(cli, data_copy):
    f = paths.rates_path(data_copy)
    _edit(f, "lsw_open,lsw_merchants", "lsw_opened,lsw_merchants")
    _refused(cli, data_copy, file="rates.csv", line=_line_of(f, "lsw_opened"), column="numerator",
             says="unknown figure id 'lsw_opened'")


def test_zero_denominator(cli, data_copy):
    f = paths.figures_path(data_copy)
    # a figure whose value is 0 (the page's bookmark counter), then a rate that divides by it
    f.write_text(f.read_text(encoding="utf-8") + 'zero_firms,3,"收藏\n0",0,家,exact,page counter used as a base\n',
                 encoding="utf-8")
    r = paths.rates_path(data_copy)
    _edit(r, "realestate_open,realestate_firms,", "realestate_open,zero_firms,")
    _refused(cli, data_copy, file="rates.csv", line=_line_of(r, "zero_firms"), column="denominator",
             says="zero denominator")


def test_share_above_100_percent(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "复工率82.57%,82.57,", "复工率82.57%,182.57,")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "182.57"), column="value", says="share above 100%")


def test_rate_whose_part_exceeds_its_whole(cli, data_copy):
    r = paths.rates_path(data_copy)
    _edit(r, "lsw_open,lsw_merchants,", "lsw_merchants,lsw_open,")
    _refused(cli, data_copy, file="rates.csv", line=_line_of(r, "lsw_merchants,lsw_open"), column="numerator",
             says="share above 100%")


def test_gbk_file_names_the_encoding_and_the_fix(cli, data_copy):
    f = paths.figures_path(data_copy)
    f.write_bytes(f.read_text(encoding="utf-8").encode("gbk"))
    msg = _refused(cli, data_copy, file="figures.csv", line=2, column="quote", says="not UTF-8")
    assert "GBK" in msg and "iconv" in msg


def test_utf8_bom_is_accepted(cli, data_copy):
    for name in ("figures.csv", "rates.csv"):
        p = data_copy / name
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    run = cli("check", "--data", str(data_copy))
    assert run.code == 0, run.stderr


def test_empty_file(cli, data_copy):
    paths.rates_path(data_copy).write_bytes(b"")
    _refused(cli, data_copy, file="rates.csv", line=1, column=None, says="empty file")


def test_ragged_row(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "各类市场131个,131,个,exact,markets of all kinds in Xiaobanqiao sub-district",
          "各类市场131个,131,个,exact")
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, "各类市场131个"), column="label_en",
             says="ragged row")


def test_source_whose_hash_no_longer_matches(cli, data_copy):
    s = paths.source_path(data_copy)
    s.write_bytes(s.read_bytes().replace("4134家".encode(), "4135家".encode()))
    _refused(cli, data_copy, file="article.zh.txt", line=60, column=None, says="sha256")


def test_missing_file(cli, data_copy):
    (data_copy / "events.csv").unlink()
    _refused(cli, data_copy, file="events.csv", line=None, column=None, says="file not found")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_bad_input_writes_nothing_in_any_format(cli, data_copy, fmt):
    _edit(paths.figures_path(data_copy), "共有企业5852户,5852,", "共有企业5852户,abc,")
    run = cli("check", "--data", str(data_copy), "--format", fmt)
    assert (run.code, run.stdout) == (2, "")


def test_constraint_without_a_strength(cli, data_copy):
    path = data_copy / "strengths.csv"
    _edit(path, "xbq_rate_within_sectors,soft,", "xbq_rate_within_sectorz,soft,")
    _refused(cli, data_copy, file="strengths.csv", line=_line_of(path, "xbq_rate_within_sectorz"),
             column="constraint", says=r"unknown id 'xbq_rate_within_sectorz' \(not in constraints.csv\)")


def test_constraint_left_out_of_strengths(cli, data_copy):
    path = data_copy / "strengths.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith("gd_shops_in_district")),
                    encoding="utf-8")
    _refused(cli, data_copy, file="strengths.csv", line=None, column="constraint",
             says="constraint 'gd_shops_in_district' .* has no row: classify it hard or soft")


def test_superlative_quote_not_in_source(cli, data_copy):
    path = data_copy / "superlatives.csv"
    _edit(path, "市场企业最多的街道", "市场企业最多的社区")
    _refused(cli, data_copy, file="superlatives.csv", line=_line_of(path, "市场企业最多的社区"), column="quote",
             says="not in the source article")


def test_superlative_reading_naming_an_unknown_figure(cli, data_copy):
    path = data_copy / "superlative_readings.csv"
    _edit(path, "xbq_most,most,xbq_firms,gd_firms|", "xbq_most,most,xbq_firms,gd_firmz|")
    _refused(cli, data_copy, file="superlative_readings.csv", line=_line_of(path, "gd_firmz"), column="others",
             says="unknown figure id 'gd_firmz'")


def _schema_edit(data: Path, resource: str, column: str, edit) -> None:
    """Change one column's descriptor in the copy's datapackage.json, and nothing else."""
    path = paths.datapackage_path(data)
    package = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == resource)
    edit(next(f for f in res["schema"]["fields"] if f["name"] == column))
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_unit_taken_out_of_the_schemas_enum_is_refused_by_the_loader(cli, data_copy):
    assert cli("check", "--data", str(data_copy)).code == 0
    _schema_edit(data_copy, "figures", "unit", lambda f: f["constraints"]["enum"].remove("类"))
    f = paths.figures_path(data_copy)
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, ",类,"), column="unit", says="'类' is not one of %")


def test_a_unit_added_to_the_schemas_enum_is_accepted_by_the_loader(cli, data_copy):
    f = paths.figures_path(data_copy)
    _edit(f, "各类市场131个,131,个,", "各类市场131个,131,所,")  # 所: a measure word the code converts
    _refused(cli, data_copy, file="figures.csv", line=_line_of(f, ",所,"), column="unit", says="'所' is not one of")
    _schema_edit(data_copy, "figures", "unit", lambda f: f["constraints"]["enum"].append("所"))
    assert cli("check", "--data", str(data_copy)).code == 0


def test_a_tighter_pattern_in_the_schema_is_enforced_by_the_loader(cli, data_copy):
    _schema_edit(data_copy, "events", "id", lambda f: f["constraints"].update(pattern="^[a-z]+$"))
    path = paths.events_path(data_copy)
    first = next(ln.split(",")[0] for ln in path.read_text(encoding="utf-8").splitlines()[1:] if "_" in ln.split(",")[0])
    _refused(cli, data_copy, file="events.csv", line=_line_of(path, first + ","), column="id",
             says=f"'{first}' does not match the pattern")


def test_a_schema_frictionless_cannot_read_is_one_line_naming_datapackage_json(cli, data_copy):
    _schema_edit(data_copy, "rates", "section", lambda f: f.update(constraints={"enum": 3}))
    _refused(cli, data_copy, file="datapackage.json", line=None, column=None, says="not a valid table schema")


def test_a_schema_giving_a_column_another_type_than_the_code_reads_is_one_line(cli, data_copy):
    _schema_edit(data_copy, "figures", "section", lambda f: f.update(type="string"))
    _refused(cli, data_copy, file="datapackage.json", line=None, column=None,
             says="figures column 'section' is string: the code reads it as integer")


def test_part_check_naming_a_count(cli, data_copy):
    path = paths.constraints_path(data_copy)
    _edit(path, "part,xbq_catering_rate,", "part,xbq_firms,")
    _refused(cli, data_copy, file="constraints.csv", line=_line_of(path, "part,xbq_firms,"), column="left",
             says="neither a percentage")
