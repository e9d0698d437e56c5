"""`make bench` (benchmarks/bench.py): its checker part at tiny n, and the JSON it writes.

Nothing here is timed: the targets are checked by `make bench` on a quiet
machine, not by the test suite.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import bench
from recount import paths


def test_a_run_of_no_part_writes_every_required_key_as_null(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert bench.main(["--only", "clean", "--skip", "clean", "--json", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert {key: data[key] for key in bench.REQUIRED_KEYS} == dict.fromkeys(bench.REQUIRED_KEYS)
    for key in ("date", "machine_nproc", "python_version", "loadavg_start", "runs"):
        assert data[key] is not None, key
    assert str(out) in capsys.readouterr().out


def test_unknown_part_is_refused() -> None:
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "nope"])


def test_the_bench_builds_with_the_flags_and_environment_make_book_uses(tmp_path: Path) -> None:
    """What make itself says: the flags of `make -n book`'s build line, and the variables make exports."""
    exports, flags = bench.makefile_settings()
    env = {k: v for k, v in os.environ.items() if k not in exports and k != "JB_FLAGS"}
    dry = subprocess.run(["make", "-n", "-B", "book"], cwd=paths.ROOT, env=env, capture_output=True, text=True)
    line = next(x for x in dry.stdout.splitlines() if "-m recount.sphinx.build" in x)
    assert line.split("recount.sphinx.build", 1)[1].split()[1:] == flags
    (probe := tmp_path / "probe.mk").write_text("probe:\n\t@env\n", encoding="utf-8")
    shown = subprocess.run(["make", "-s", "-f", "Makefile", "-f", str(probe), "probe"], cwd=paths.ROOT, env=env,
                           capture_output=True, text=True).stdout
    made = dict(x.split("=", 1) for x in shown.splitlines() if "=" in x)
    assert exports and {k: made.get(k) for k in exports} == exports


def test_notebook_imports_are_the_import_statements(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# T\n\n```{code-cell} ipython3\nimport os\nfrom pathlib import Path\nx = 1\n```\n\n"
        "```{code-cell} ipython3\nimport os\nprint(x)\n```\n", encoding="utf-8")
    assert bench.notebook_imports(page) == "import os\nfrom pathlib import Path"
    assert bench.notebook_path(tmp_path, "page") == page


def test_tiers_follow_the_markers() -> None:
    assert bench._tier({"slow": 1, "test_x": 1}) == "slow"
    assert bench._tier({"browser": 1, "slow": 1}) == "browser"
    assert bench._tier({"notebook": 1}) == "unit"  # no such tier: pages are checked from the build (slow)
    assert bench._tier({"test_x": 1}) == "unit"


def test_a_cold_make_test_starts_from_an_empty_build_folder_but_keeps_the_bench_json(tmp_path: Path) -> None:
    build = tmp_path / "_build"
    (build / "html" / "book").mkdir(parents=True)
    (build / "html" / "book" / "index.html").write_text("x")
    (build / ".doctrees").mkdir()
    (build / "stray.txt").write_text("x")
    (build / "bench.json").write_text("{}")
    bench.clear_build_outputs(tmp_path)
    assert sorted(p.name for p in build.iterdir()) == ["bench.json"]
    bench.clear_build_outputs(tmp_path / "nowhere")  # no _build: nothing to do


def test_scan_benchmark_at_tiny_n_runs_the_pool_and_a_local_dask_cluster_side_by_side(tmp_path, monkeypatch, capsys):
    import scan

    monkeypatch.setattr(scan, "OUT", scan.ROOT / "_build" / "bench_scan_test.json")
    try:
        assert scan.main(["--sizes", "8", "--runs", "1", "--jobs", "2"]) == 0  # one size: each is the same loop
        data = json.loads(scan.OUT.read_text("utf-8"))
    finally:
        scan.OUT.unlink(missing_ok=True)
    assert [r["texts"] for r in data["sizes"]] == [8]
    for row in data["sizes"]:
        assert row["same_bytes"] is True and row["claims"] > 0
        for engine in ("pool", "dask"):
            assert row[engine]["wall_s"] > 0 and row[engine]["peak_rss_mib"] > 0, engine
        assert row["dask"]["worker_peak_rss_mib"] > 0
    table = capsys.readouterr().out
    assert "dask/pool" in table and "worker MiB" in table
