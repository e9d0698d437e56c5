"""Bad input: one line on stderr naming file, line and column; exit 2; nothing on stdout (each case
breaks a copy of the tests' own ledger, tests/fixtures/hotline)."""

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


def test_non_numeric_count(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "咨询类7200件,7200,", "咨询类7200件,7200x,")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "7200x"), column="value", says="not a number")


def test_negative_count(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "共受理来电12000件,12000,", "共受理来电12000件,-12000,")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "-12000"), column="value",
             says="-12000 is below the minimum 0")


def test_fractional_count(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "共受理来电12000件,12000,", "共受理来电12000件,12000.5,")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "12000.5"), column="value", says="fractional count")


def test_duplicate_id(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "help_calls,", "consult_calls,")
    msg = _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "求助类3000件"), column="id",
                   says="duplicate id 'consult_calls'")
    assert "first on line" in msg


def test_missing_column(cli, hotline_dir):
    f = hotline_dir / paths.RATES_NAME
    _edit(f, ",expected,", ",verdict_expected,")
    _refused(cli, hotline_dir, file="rates.csv", line=1, column="expected",
             says="the header is .*verdict_expected.*; datapackage.json has .*expected")


def test_quote_not_in_source(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "东城办结率95%,95", "东城办结率59%,59")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "59%"), column="quote", says="not in the source")


def test_quote_that_occurs_twice(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "全区办结率为95%,95", "95%,95")
    _refused(cli, hotline_dir, file="figures.csv", line=None, column="quote", says="occurs 2 times")


def test_rate_naming_an_unknown_figure(cli, hotline_dir):
    f = hotline_dir / paths.RATES_NAME
    _edit(f, "west_closed,west_calls", "west_closd,west_calls")
    _refused(cli, hotline_dir, file="rates.csv", line=_line_of(f, "west_closd"), column="numerator",
             says="unknown figure id 'west_closd'")


def test_zero_denominator(cli, hotline_dir):
    r = hotline_dir / paths.RATES_NAME  # repeat_complaints counts 0 (重复投诉0件)
    _edit(r, "complaint_calls,calls,", "complaint_calls,repeat_complaints,")
    _refused(cli, hotline_dir, file="rates.csv", line=_line_of(r, "repeat_complaints"), column="denominator",
             says="zero denominator")


def test_share_above_100_percent(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "东城办结率95%,95,", "东城办结率95%,195,")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "195"), column="value", says="share above 100%")


def test_rate_whose_part_exceeds_its_whole(cli, hotline_dir):
    r = hotline_dir / paths.RATES_NAME
    _edit(r, "west_closed,west_calls,", "west_calls,west_closed,")
    _refused(cli, hotline_dir, file="rates.csv", line=_line_of(r, "west_calls,west_closed"), column="numerator",
             says="share above 100%")


def test_gbk_file_names_the_encoding_and_the_fix(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    f.write_bytes(f.read_text(encoding="utf-8").encode("gbk"))
    msg = _refused(cli, hotline_dir, file="figures.csv", line=2, column="quote", says="not UTF-8")
    assert "GBK" in msg and "iconv" in msg


def test_utf8_bom_is_accepted(cli, hotline_dir):
    for name in ("figures.csv", "rates.csv"):
        p = hotline_dir / name
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 0, run.stderr


def test_empty_file(cli, hotline_dir):
    (hotline_dir / paths.RATES_NAME).write_bytes(b"")
    _refused(cli, hotline_dir, file="rates.csv", line=1, column=None, says="empty file")


def test_ragged_row(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "求助类3000件,3000,件,exact,calls asking for help", "求助类3000件,3000,件,exact")
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, "求助类3000件"), column="label_en",
             says="ragged row")


def test_source_whose_hash_no_longer_matches(cli, hotline_dir):
    s = paths.source_path(hotline_dir)
    s.write_bytes(s.read_bytes().replace("受理3200件".encode(), "受理3201件".encode()))
    _refused(cli, hotline_dir, file="article.zh.txt", line=6, column=None, says="sha256")


def test_missing_file(cli, hotline_dir):
    (hotline_dir / "events.csv").unlink()
    _refused(cli, hotline_dir, file="events.csv", line=None, column=None, says="file not found")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_bad_input_writes_nothing_in_any_format(cli, hotline_dir, fmt):
    _edit(hotline_dir / paths.FIGURES_NAME, "共受理来电12000件,12000,", "共受理来电12000件,abc,")
    run = cli("check", "--data", str(hotline_dir), "--format", fmt)
    assert (run.code, run.stdout) == (2, "")


def test_constraint_without_a_strength(cli, hotline_dir):
    path = hotline_dir / "strengths.csv"
    _edit(path, "visited_le_complaints,soft,", "visited_le_complaintz,soft,")
    _refused(cli, hotline_dir, file="strengths.csv", line=_line_of(path, "visited_le_complaintz"),
             column="constraint", says=r"unknown id 'visited_le_complaintz' \(not in constraints.csv\)")


def test_constraint_left_out_of_strengths(cli, hotline_dir):
    path = hotline_dir / "strengths.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith("closed_within_streets")),
                    encoding="utf-8")
    _refused(cli, hotline_dir, file="strengths.csv", line=None, column="constraint",
             says="constraint 'closed_within_streets' .* has no row: classify it hard or soft")


def test_superlative_quote_not_in_source(cli, hotline_dir):
    path = hotline_dir / "superlatives.csv"
    _edit(path, "东城街道办结率最高", "东城街道办结率最低")
    _refused(cli, hotline_dir, file="superlatives.csv", line=_line_of(path, "东城街道办结率最低"), column="quote",
             says="not in the source article")


def test_superlative_reading_naming_an_unknown_figure(cli, hotline_dir):
    path = hotline_dir / "superlative_readings.csv"
    _edit(path, "most,east_share,west_share,", "most,east_share,west_sharf,")
    _refused(cli, hotline_dir, file="superlative_readings.csv", line=_line_of(path, "west_sharf"), column="others",
             says="unknown figure id 'west_sharf'")


def _schema_edit(data: Path, resource: str, column: str, edit) -> None:
    """Change one column's descriptor in the copy's datapackage.json, and nothing else."""
    path = paths.datapackage_path(data)
    package = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == resource)
    edit(next(f for f in res["schema"]["fields"] if f["name"] == column))
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


def test_a_unit_taken_out_of_the_schemas_enum_is_refused_by_the_loader(cli, hotline_dir):
    assert cli("check", "--data", str(hotline_dir)).code == 0
    _schema_edit(hotline_dir, "figures", "unit", lambda f: f["constraints"]["enum"].remove("类"))
    f = hotline_dir / paths.FIGURES_NAME
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, ",类,"), column="unit", says="'类' is not one of %")


def test_a_unit_added_to_the_schemas_enum_is_accepted_by_the_loader(cli, hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    _edit(f, "咨询类7200件,7200,件,", "咨询类7200件,7200,项,")  # 项: a measure word the code converts
    _refused(cli, hotline_dir, file="figures.csv", line=_line_of(f, ",项,"), column="unit", says="'项' is not one of")
    _schema_edit(hotline_dir, "figures", "unit", lambda f: f["constraints"]["enum"].append("项"))
    assert cli("check", "--data", str(hotline_dir)).code == 0


def test_a_tighter_pattern_in_the_schema_is_enforced_by_the_loader(cli, hotline_dir):
    _schema_edit(hotline_dir, "events", "id", lambda f: f["constraints"].update(pattern="^[a-z]+$"))
    path = hotline_dir / paths.EVENTS_NAME
    first = next(ln.split(",")[0] for ln in path.read_text(encoding="utf-8").splitlines()[1:] if "_" in ln.split(",")[0])
    _refused(cli, hotline_dir, file="events.csv", line=_line_of(path, first + ","), column="id",
             says=f"'{first}' does not match the pattern")


def test_a_schema_frictionless_cannot_read_is_one_line_naming_datapackage_json(cli, hotline_dir):
    _schema_edit(hotline_dir, "rates", "section", lambda f: f.update(constraints={"enum": 3}))
    _refused(cli, hotline_dir, file="datapackage.json", line=None, column=None, says="not a valid table schema")


def test_a_schema_giving_a_column_another_type_than_the_code_reads_is_one_line(cli, hotline_dir):
    _schema_edit(hotline_dir, "figures", "section", lambda f: f.update(type="string"))
    _refused(cli, hotline_dir, file="datapackage.json", line=None, column=None,
             says="figures column 'section' is string: the code reads it as integer")


def test_part_check_naming_a_count(cli, hotline_dir):
    path = hotline_dir / paths.CONSTRAINTS_NAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "east_in_calls,2,part,east_calls,complaint_share,,pass,A count where a share belongs.\n",
                    encoding="utf-8")
    _refused(cli, hotline_dir, file="constraints.csv", line=_line_of(path, "part,east_calls,"), column="left",
             says="neither a percentage")
