"""`make bench` (benchmarks/bench.py): its checker part at tiny n, and the JSON it writes.

Nothing here is timed: the targets are checked by `make bench` on a quiet
machine, not by the test suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench


def test_checker_part_at_tiny_n_writes_every_required_key(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert bench.main(["--only", "checker", "--checker-sizes", "100,1000", "--runs", "2",
                       "--json", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text("utf-8"))
    for key in bench.REQUIRED_KEYS:
        assert key in data, key
    for key in ("checker_1e2_s", "checker_1e3_s", "checker_1e3_min_s", "checker_1e3_max_s", "checker_1e3_gen_s",
                "checker_1e3_peak_mib", "checker_1e3_engine_peak_mib", "checker_growth"):
        assert isinstance(data[key], float) and data[key] >= 0, key
    # a millisecond timing takes at least CHECKER_MIN_RUNS samples, whatever --runs says
    assert data["checker_runs"] == bench.CHECKER_MIN_RUNS == len(data["checker_1e3_runs_s"])
    assert data["checker_growth_sizes"] == [100, 1000]
    assert data["checker_growth_1e3_1e2"] == data["checker_growth"]
    # parts not run are present, empty
    assert data["clean_build_s"] is None and data["setup_s"] is None
    for key in ("date", "machine_nproc", "python_version", "loadavg_start", "runs"):
        assert data[key] is not None, key
    table = capsys.readouterr().out
    assert "checker n=1e3" in table and str(out) in table


def test_size_labels() -> None:
    assert [bench.label(n) for n in (10**3, 10**6, 2000)] == ["1e3", "1e6", "2000"]


def test_unknown_part_is_refused() -> None:
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "nope"])


def test_makefile_settings_are_those_of_make_book() -> None:
    exports, flags = bench.makefile_settings()
    assert flags == ["-W", "-n", "--keep-going"]
    assert "SOURCE_DATE_EPOCH" in exports and "RECOUNT_BUILD_JOBS" in exports


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
        assert scan.main(["--sizes", "8,16", "--runs", "1", "--jobs", "2"]) == 0
        data = json.loads(scan.OUT.read_text("utf-8"))
    finally:
        scan.OUT.unlink(missing_ok=True)
    assert [r["texts"] for r in data["sizes"]] == [8, 16]
    for row in data["sizes"]:
        assert row["same_bytes"] is True and row["claims"] > 0
        for engine in ("pool", "dask"):
            assert row[engine]["wall_s"] > 0 and row[engine]["peak_rss_mib"] > 0, engine
        assert row["dask"]["worker_peak_rss_mib"] > 0
    table = capsys.readouterr().out
    assert "dask/pool" in table and "worker MiB" in table
