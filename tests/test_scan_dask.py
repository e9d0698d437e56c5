"""``recount scan --scheduler``: a real scheduler and two workers on 127.0.0.1, one of them killed mid-scan.

The cluster is separate processes (``dask scheduler``, ``dask worker``), as on
separate machines; every process is killed when the module's tests end.
"""

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

from recount.draft.scan_output import scan

from scan_support import dask_cluster, write_corpus

TEXTS = 240
TIMEOUT = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    write_corpus(folder, TEXTS)
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> str:
    buf = io.StringIO()
    assert scan([str(corpus)], buf) == 0
    return buf.getvalue()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """One cluster for the module; the test that kills a worker comes last."""
    with dask_cluster(tmp_path_factory.mktemp("cluster"), workers=2) as (address, workers):
        yield address, workers


def _side_rows(path: Path) -> int:
    return path.read_bytes().count(b"\n") - 1 if path.exists() else 0


def test_the_scheduler_is_found_through_dasks_own_configuration(cluster, corpus, reference, tmp_path):
    address, _ = cluster
    env = {**os.environ, "DASK_SCHEDULER_ADDRESS": address}
    proc = subprocess.run([sys.executable, "-m", "recount", "scan", str(corpus), "--out", str(tmp_path / "c.parquet")],
                          capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert proc.returncode == 0, proc.stderr
    import pyarrow.parquet as pq

    rows = [[str(v) for v in r] for r in zip(*pq.read_table(tmp_path / "c.parquet").to_pydict().values())]
    assert rows == list(csv.reader(io.StringIO(reference)))[1:]


def test_a_worker_killed_mid_scan_loses_nothing_and_the_output_is_the_one_process_bytes(cluster, corpus, reference,
                                                                                        tmp_path):
    address, workers = cluster
    out = tmp_path / "claims.csv"
    side_part = tmp_path / "claims.files.csv.part"
    proc = subprocess.Popen([sys.executable, "-m", "recount", "scan", str(corpus), "--scheduler", address,
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + TIMEOUT
        while _side_rows(side_part) < 16 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.01)
        assert proc.poll() is None, "the scan ended before a worker could be killed"
        workers[0].send_signal(signal.SIGKILL)
        killed_at = _side_rows(side_part)
        _, err = proc.communicate(timeout=TIMEOUT)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert killed_at < TEXTS
    assert workers[0].wait(timeout=30) == -signal.SIGKILL
    assert proc.returncode == 0, err
    assert out.read_text(encoding="utf-8") == reference
    side = list(csv.DictReader((tmp_path / "claims.files.csv").open(encoding="utf-8")))
    assert [Path(r["file"]).name for r in side] == [f"{i:05d}.txt" for i in range(TEXTS)]  # each once, in order


def test_without_a_scheduler_distributed_is_not_imported(corpus, tmp_path, monkeypatch):
    for key in [k for k in os.environ if k.startswith("DASK_")]:
        monkeypatch.delenv(key)
    code = ("import sys; from recount import cli; cli.main(['scan', sys.argv[1], '--out', sys.argv[2]]); "
            "print('distributed' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(corpus / "00000.txt"), str(tmp_path / "one.csv")],
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.stdout.strip() == "False", proc.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus, tmp_path):
    import socket

    with socket.socket() as s:  # a port on 127.0.0.1 nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run([sys.executable, "-m", "recount", "scan", str(corpus / "00000.txt"), "--scheduler",
                           f"tcp://127.0.0.1:{port}", "--out", str(tmp_path / "c.csv")],
                          capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"recount: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: ")
    assert proc.stderr.count("\n") == 1 and not (tmp_path / "c.csv").exists()
