"""``recount draft`` and ``recount scan`` from the command line: contract, ledger files, bad files."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from recount import cli, paths
from recount.errors import InputError
from recount.ledger import Ledger, enum, load_figures, load_rates
from recount.verdict import claim_key, evaluate

ARTICLES = Path(__file__).parent / "articles"


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_one_object_with_the_contracts_keys_and_code_point_offsets(capsys):
    path = ARTICLES / "district_traditional.txt"
    code, out, err = _run(capsys, "draft", str(path), "--format", "json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert set(doc) == {"figures", "claims"}
    text = path.read_text(encoding="utf-8")
    for f in doc["figures"]:
        assert set(f) == {"start", "end", "quote", "value", "unit", "qualifier"}
        assert text[f["start"]:f["end"]] == f["quote"]
    for c in doc["claims"]:
        keys = {"start", "end", "cited", "verdict", "strength", "reason", "numerator", "denominator", "arithmetic",
                "reading"}
        assert set(c) == keys | ({"miss_pp", "miss_level"} if c["verdict"] == "inconsistent" else set())
        assert c["strength"] in ("strong", "weak") and c["reason"]
        assert text[c["start"]:c["end"]] == c["cited"]
        assert all(set(x) == {"value", "start"} for x in c["numerator"] + c["denominator"])


def test_out_writes_a_ledger_the_loader_reads_with_the_drafts_verdicts(capsys, tmp_path):
    code, out, _ = _run(capsys, "draft", str(paths.source_path()), "--format", "json", "--out", str(tmp_path))
    assert code == 0
    text = paths.source_path().read_text(encoding="utf-8")
    figures = load_figures(tmp_path, source=text)
    rates = load_rates(tmp_path, figures)
    results = evaluate(Ledger(tmp_path, text, figures, rates))
    by_claim = {claim_key(r.rate): r.verdict for r in results}
    drafted = [c["verdict"] for c in json.loads(out)["claims"]]
    assert list(by_claim.values()) == drafted
    assert all(r.verdict == r.rate.expected for r in results)
    assert len(figures) == len(json.loads(out)["figures"])


def test_a_remainder_the_ledger_cannot_write_loads_as_unverifiable_with_the_draft_in_the_note(capsys, tmp_path):
    path = ARTICLES / "readings.txt"
    assert _run(capsys, "draft", str(path), "--out", str(tmp_path))[0] == 0
    text = path.read_text(encoding="utf-8")
    figures = load_figures(tmp_path, source=text)
    results = evaluate(Ledger(tmp_path, text, figures, load_rates(tmp_path, figures)))
    assert all(r.verdict == r.rate.expected for r in results)
    remainder = next(r for r in results if r.cited.value_text == "10")
    assert remainder.verdict == "unverifiable" and remainder.rate.note_en.startswith("draft: consistent as a remainder")


def test_a_drafted_ledger_loads_with_units_and_qualifiers_the_hand_ledgers_schema_does_not_list(capsys, tmp_path):
    path = ARTICLES / "city_unseen.txt"  # 亿元, 所, 个百分点; the district articles: 成
    assert _run(capsys, "draft", str(path), "--out", str(tmp_path))[0] == 0
    assert not paths.datapackage_path(tmp_path).exists()
    figures = load_figures(tmp_path, source=path.read_text(encoding="utf-8"))
    assert {"亿元", "所", "个百分点"} <= {f.unit for f in figures.values()}
    assert "亿元" not in enum("figures", "unit", paths.DATA_DIR)


def test_a_drafted_ledger_is_held_to_the_projects_schema(capsys, tmp_path):
    path = ARTICLES / "readings.txt"
    assert _run(capsys, "draft", str(path), "--out", str(tmp_path))[0] == 0
    figures = tmp_path / "figures.csv"
    header, first, rest = figures.read_text(encoding="utf-8").split("\n", 2)
    figures.write_text("\n".join([header, first.replace(",0,", ",7,", 1), rest]), encoding="utf-8")
    with pytest.raises(InputError, match="'7' is not one of 0 1 2 3") as refused:
        load_figures(tmp_path, source=path.read_text(encoding="utf-8"))
    assert (refused.value.line, refused.value.column) == (2, "section")


def test_csv_and_table_list_every_claim(capsys):
    _, out, _ = _run(capsys, "draft", str(ARTICLES / "readings.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["verdict"] for r in rows] == ["consistent", "consistent", "unverifiable", "unverifiable", "unverifiable"]
    _, table, _ = _run(capsys, "draft", str(ARTICLES / "readings.txt"))
    assert "claims: 5 (2 consistent, 0 inconsistent, 3 unverifiable)" in table


def test_a_file_that_is_not_utf8_is_one_line_naming_file_line_and_column(capsys, tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("第一行\n复工率".encode("utf-8") + "达88%".encode("gbk"))
    code, out, err = _run(capsys, "draft", str(bad), "--out", str(tmp_path / "out"))
    assert code == 2 and out == "" and not (tmp_path / "out").exists()
    assert err.count("\n") == 1 and "gbk.txt, line 2: column 4: not UTF-8" in err


def test_scan_skips_bad_files_with_one_line_each_and_says_so_in_its_exit_code(tmp_path):
    good = tmp_path / "in"
    good.mkdir()
    (good / "a.txt").write_text((ARTICLES / "readings.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (good / "b.txt").write_bytes(b"")
    (good / "c.bin").write_bytes(b"\x89PNG\x00\x00")
    (good / "d.txt").write_bytes("复工率88%".encode("big5", errors="replace"))
    (good / "e.txt").write_text((ARTICLES / "district_simplified.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "claims.csv"
    proc = subprocess.run([sys.executable, "-m", "recount", "scan", str(good), "--jobs", "2", "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert [ln.split(" ")[2].rstrip(":,") for ln in lines[:3]] == [str(good / n) for n in ("b.txt", "c.bin", "d.txt")]
    assert lines[3] == "recount: 3 file(s) skipped"
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[:5] == ["file", "offset", "cited", "verdict", "arithmetic"]
    assert [Path(r["file"]).name for r in rows] == ["a.txt"] * 5 + ["e.txt"] * 9
    assert "\x1b" not in proc.stderr and "file/s" not in proc.stderr  # no progress bar off a terminal


def test_scan_of_good_files_exits_zero(capsys):
    code, out, err = _run(capsys, "scan", str(ARTICLES / "readings.txt"))
    assert code == 0 and err == "" and out.count("\n") == 6


def test_progress_bar_is_drawn_only_when_asked_for(tmp_path):
    from recount.draft.scan_output import scan

    for progress in (True, False):
        err = io.StringIO()
        assert scan([str(ARTICLES / "readings.txt")], io.StringIO(), progress=progress, err=err) == 0
        assert ("1file" in err.getvalue().replace(" ", "")) is progress
