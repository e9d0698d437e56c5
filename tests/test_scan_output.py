"""``recount scan`` on one machine: the same bytes however it runs, Parquet, bad files, ``--resume``."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recount import cli
from recount.draft.scan import COLUMNS, MAX_BYTES, article_sources
from recount.draft.scan_output import scan
from recount.draft.scan_output import FILE_COLUMNS, FileOutput, Summary, drain, scan_to_file, side_path

from scan_support import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scan") / "corpus"
    write_corpus(folder, 40)
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> str:
    """The CSV of one process, on stdout."""
    buf = io.StringIO()
    assert scan([str(corpus)], buf) == 0
    return buf.getvalue()


def _scan(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recount", "scan", *argv], capture_output=True, text=True, timeout=300)


def test_one_process_and_a_pool_write_the_same_bytes_in_the_order_of_the_files(corpus, reference, tmp_path):
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.csv"
        proc = _scan(str(corpus), "--jobs", jobs, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert out.read_text(encoding="utf-8") == reference
    rows = list(csv.DictReader(io.StringIO(reference)))
    keys = [(r["file"], int(r["offset"])) for r in rows]
    assert keys == sorted(keys) and len({r["file"] for r in rows}) == 40


def test_header_is_a_fixed_list_with_every_key_of_a_claims_json_and_empty_cells_for_keys_it_lacks(reference):
    from recount.draft import draft

    header = reference.splitlines()[0].split(",")
    assert header == list(COLUMNS)
    assert {"strength", "reason", "reading", "miss_pp", "miss_level"} <= set(header)
    claim = draft("共有企业200家,已复工150家,复工率80%。").claims[0].as_json()
    flat = {k for k, v in claim.items() if not isinstance(v, list)} - {"start"}
    assert flat <= set(header), flat - set(header)  # every key the draft gives today is a column
    rows = list(csv.DictReader(io.StringIO(reference)))
    assert all(r["reading"] for r in rows)
    for key in ("strength", "reason", "miss_pp", "miss_level"):
        if key not in claim:
            assert all(r[key] == "" for r in rows), key


def test_parquet_holds_the_rows_of_the_csv_with_integer_offsets(corpus, reference, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "claims.parquet"
    proc = _scan(str(corpus), "--jobs", "2", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert str(table.schema.field("offset").type) == "int64"
    expected = list(csv.reader(io.StringIO(reference)))[1:]
    got = [[str(v) for v in row] for row in zip(*(table.column(c).to_pylist() for c in COLUMNS))]
    assert got == expected
    assert not (tmp_path / "claims.parquet.part").exists()
    assert (tmp_path / "claims.files.csv").read_text(encoding="utf-8").count("\n") == 41


def test_each_bad_file_is_one_line_on_stderr_and_one_row_of_the_side_file_and_the_rest_go_on(tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x00\x00")
    (folder / "d_big5.txt").write_bytes("全縣共有學校12所,復課率88%".encode("big5"))
    (folder / "e_large.txt").write_bytes("复工率88%。\n".encode() * (MAX_BYTES // 14 + 1))
    os.symlink("f_loop.txt", folder / "f_loop.txt")  # unreadable, even by root
    out = tmp_path / "claims.csv"
    proc = _scan(str(folder), "--out", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 6 and lines[-1] == "recount: 5 file(s) skipped"
    reasons = ["empty file", "binary file", "not UTF-8", "larger than 2 MiB", "unreadable"]
    for line, name, reason in zip(lines, ("b_empty", "c_binary", "d_big5", "e_large", "f_loop"), reasons):
        assert line.startswith(f"recount: skipped {folder / name}.txt") and reason in line, line
    side = list(csv.DictReader(side_path(out).open(encoding="utf-8")))
    assert list(side[0]) == list(FILE_COLUMNS)
    assert [Path(r["file"]).name for r in side] == ["00000.txt", "00001.txt", "b_empty.txt", "c_binary.txt",
                                                   "d_big5.txt", "e_large.txt", "f_loop.txt"]
    skipped = [r for r in side if r["skipped"]]
    assert [r["skipped"] for r in skipped] == [ln.removeprefix("recount: skipped ") for ln in lines[:5]]
    claims = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {Path(r["file"]).name for r in claims} == {"00000.txt", "00001.txt"}
    assert sum(int(r["claims"]) for r in side) == len(claims)


def _journal_rows(path: Path) -> int:
    return path.read_bytes().count(b"\n") - 1 if path.exists() else 0


def test_a_scan_killed_mid_way_and_resumed_writes_every_file_once(corpus, reference, tmp_path):
    out = tmp_path / "claims.csv"
    side_part = tmp_path / "claims.files.csv.part"
    proc = subprocess.Popen([sys.executable, "-m", "recount", "scan", str(corpus), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + 120
        while _journal_rows(side_part) < 8 and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, "the scan ended before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    done = _journal_rows(side_part)
    assert 8 <= done < 40 and not out.exists()
    resumed = _scan(str(corpus), "--out", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_text(encoding="utf-8") == reference
    side = list(csv.DictReader(side_path(out).open(encoding="utf-8")))
    assert [Path(r["file"]).name for r in side] == [f"{i:05d}.txt" for i in range(40)]


def test_resume_cuts_a_half_written_line_and_the_rows_of_files_not_recorded_as_done(corpus, reference, tmp_path):
    out = tmp_path / "claims.csv"

    class Interrupted(Exception):
        pass

    def three_batches(work):
        for i, batch in enumerate(work):
            if i == 3:
                raise Interrupted
            yield batch

    from recount.draft.scan_output import results

    sink = FileOutput(out)
    with pytest.raises(Interrupted):
        drain(three_batches(results(sink.pending(article_sources([str(corpus)])))), sink, io.StringIO())
    sink.close()
    part, side_part = tmp_path / "claims.csv.part", tmp_path / "claims.files.csv.part"
    with part.open("a", encoding="utf-8") as fh:  # a batch's claims written, its side rows not
        fh.write(reference.splitlines()[-1] + "\n" + reference.splitlines()[-2][:17])
    with side_part.open("a", encoding="utf-8") as fh:
        fh.write(f"{corpus}/000")  # killed mid-row
    summary = scan_to_file([str(corpus)], out, resume=True, err=io.StringIO())
    assert out.read_text(encoding="utf-8") == reference
    assert summary.texts == 40 and summary.claims == reference.count("\n") - 1


def test_resume_of_a_finished_output_scans_only_the_new_files(corpus, reference, tmp_path):
    for name in ("claims.csv", "claims.parquet"):
        folder = tmp_path / name / "in"
        write_corpus(folder, 3)
        out = tmp_path / name / name
        scan_to_file([str(folder)], out, err=io.StringIO())
        write_corpus(folder, 5)  # the same first three (same seed), two more
        summary = scan_to_file([str(folder)], out, resume=True, err=io.StringIO())
        fresh = tmp_path / name / "fresh.csv"
        scan_to_file([str(folder)], fresh, err=io.StringIO())
        side = list(csv.DictReader(side_path(out).open(encoding="utf-8")))
        assert [Path(r["file"]).name for r in side] == [f"{i:05d}.txt" for i in range(5)]
        if name.endswith(".csv"):
            assert out.read_bytes() == fresh.read_bytes()
        else:
            import pyarrow.parquet as pq

            assert pq.read_table(out).num_rows == fresh.read_text(encoding="utf-8").count("\n") - 1
        assert summary.texts == 5


def test_resume_needs_an_output_file(capsys):
    assert cli.main(["scan", "nowhere", "--resume"]) == 2
    assert capsys.readouterr().err == "recount: error: --resume needs --out (the output it goes on with)\n"


def test_fsspec_urls_are_read_like_paths(corpus, reference):
    buf = io.StringIO()
    assert scan([corpus.as_uri()], buf) == 0
    got = [row[1:] for row in csv.reader(io.StringIO(buf.getvalue()))]
    assert got == [row[1:] for row in csv.reader(io.StringIO(reference))]
    names = {row[0] for row in csv.reader(io.StringIO(buf.getvalue()))} - {"file"}
    assert names == {(corpus / f"{i:05d}.txt").as_uri() for i in range(40)}


def test_the_summary_keeps_the_strongest_inconsistent_claims_within_its_bound():
    summary = Summary()
    summary.LISTED = 2
    base = dict.fromkeys(COLUMNS, "")
    for i, (strength, miss) in enumerate([("weak", "9"), ("strong", "1"), ("", "30"), ("strong", "5")]):
        summary.add_row({**base, "file": f"{i}.txt", "verdict": "inconsistent", "strength": strength,
                         "miss_pp": miss}.values())
    assert [r["file"] for r in summary.flagged()] == ["3.txt", "1.txt"]
    assert summary.verdicts["inconsistent"] == 4 and summary.strengths == {"strong": 2, "weak": 1}
