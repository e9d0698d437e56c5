"""`python -m recount check`: the table, the JSON and the exit codes."""

import json
import re

import pytest

from conftest import call_cli, run_cli
from recount import paths
from recount.tables import width


def test_the_command_runs_as_a_user_runs_it_and_prints_what_main_prints():
    """``python -m recount check`` in a new interpreter: the entry point, the exit code and
    the output are those of ``recount.cli.main``, which the other tests call in-process."""
    for args in (("check",), ("check", "--format", "csv")):
        run, direct = run_cli(*args), call_cli(*args)
        assert (run.code, run.stdout, run.stderr) == (direct.code, direct.stdout, direct.stderr)
    bad = run_cli("check", "--format", "nope")
    assert bad.code == 2 and "invalid choice" in bad.stderr and bad.stdout == ""


def test_table_lists_every_rate_and_exits_zero(cli):
    run = cli("check")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["id", "section", "quote", "cited", "recomputed", "off", "verdict"]
    ids = [ln.split()[0] for ln in lines[2:lines.index("")]]
    rates = (paths.data_dir() / paths.RATES_NAME).read_text(encoding="utf-8").splitlines()[1:]
    assert ids == [r.split(",")[0] for r in rates]
    assert "1 inconsistent" in run.stdout


def test_table_aligns_chinese_by_display_width(cli):
    run = cli("check")
    rows = [ln for ln in run.stdout.splitlines()[2:] if "%" in ln]
    starts = {width(ln[: ln.rindex(ln.split()[-1])]) for ln in rows if ln.split()[-1] in ("consistent", "inconsistent", "unverifiable", "derived")}
    assert len(starts) == 1, "the verdict column starts at the same cell on every row"


def test_json_has_figures_rates_constraints(cli, hotline_dir):
    run = cli("check", "--data", str(hotline_dir), "--format", "json")
    assert run.code == 0
    doc = json.loads(run.stdout)
    assert set(doc) == {"figures", "rates", "constraints", "superlatives"}
    for key in ("id", "section", "quote", "value", "unit", "qualifier", "low", "high"):
        assert key in doc["figures"][0]
    rates = {r["id"]: r for r in doc["rates"]}
    for key in ("id", "section", "quote", "cited", "recomputed_low", "recomputed_high", "verdict"):
        assert key in rates["west_rate"]
    assert rates["west_rate"]["cited"] == 92
    assert abs(rates["west_rate"]["recomputed_low"] - 100 * 2500 / 2800) < 1e-9
    assert rates["east_of_calls"]["cited"] is None
    assert rates["east_of_calls"]["quote"] == "东城街道受理3200件"
    assert rates["west_rate"]["verdict"] == "inconsistent"


def test_csv_format(cli):
    run = cli("check", "--format", "csv")
    assert run.code == 0
    assert run.stdout.splitlines()[0].startswith("id,section,claim,quote,cited")


def test_exit_one_lists_verdicts_that_differ_from_expected(cli, hotline_dir):
    r = hotline_dir / paths.RATES_NAME
    r.write_text(r.read_text(encoding="utf-8").replace("east_share,,consistent", "east_share,,inconsistent"),
                 encoding="utf-8")
    run = cli("check", "--data", str(hotline_dir))
    assert run.code == 1
    assert "east_rate" in run.stderr and "expected inconsistent" in run.stderr


@pytest.mark.parametrize("data", ["hotline", "book"])
def test_the_summary_counts_every_result_once(cli, request, data):
    """Every cross-check and every tested superlative is counted under its result (not contradicted and
    unverifiable included), so the counts add up to the number checked."""
    run = cli("check", *(["--data", str(request.getfixturevalue("hotline_dir"))] if data == "hotline" else []))
    pattern = re.compile(r"(?:constraints: (\d+) checked|superlatives: \d+ found, (\d+) tested): (.*)")
    summary = [m for line in run.stdout.splitlines() if (m := pattern.match(line))]
    assert len(summary) == 2, run.stdout
    for m in summary:
        assert sum(int(n) for n in re.findall(r"(\d+) [a-z ]+", m[3])) == int(m[1] or m[2]), m[0]


def test_a_recomputed_rate_whose_ends_round_alike_is_one_number(cli, tmp_path):
    article = tmp_path / "census.txt"  # 152.36万 of 905.89万: [1523550, 1523650] / [9058850, 9058950] = 16.82%
    article.write_text("全市常住人口为905.89万人，其中0—14岁人口为152.36万人，占16.82%。\n", encoding="utf-8")
    assert cli("new", str(article), str(tmp_path / "c")).code == 0
    run = cli("check", "--data", str(tmp_path / "c"))
    assert "16.82%" in run.stdout and "16.82–16.82%" not in run.stdout
