"""Benchmark of ``recount scan``: article-sized texts made from our article, numbers varied.

For each corpus size it writes that many texts into a temporary folder (every
run of digits in the article replaced by a random number of the same length,
seeded), runs ``python -m recount scan FOLDER --jobs N --out FILE`` in a fresh
process, and measures the wall time, the CPU time of the process tree and its
peak resident memory (the sum of the RSS of the scan process and its workers,
sampled every 20 ms; pages the workers share are counted in each), after one warm-up scan of 20 texts. Medians over ``--runs`` runs; prints one table and writes
``_build/bench_scan.json``.

    .venv/bin/python benchmarks/scan.py                 # 2,500, 5,000 and 10,000 texts, 3 runs each
    .venv/bin/python benchmarks/scan.py --sizes 1000 --runs 1

Targets (issue 13): 10,000 texts in at most 60 s on 2 cores, time linear in the
corpus, peak memory independent of it. On a shared machine the wall time
depends on what else runs; CPU time divided by the jobs is what the scan would
take on that many idle cores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "article.zh.txt"
OUT = ROOT / "_build" / "bench_scan.json"


def varied(text: str, rng: random.Random) -> str:
    """The article with each run of digits replaced by a random number of as many digits."""
    def swap(m: re.Match) -> str:
        n = len(m.group())
        return str(rng.randrange(10 ** (n - 1) if n > 1 else 0, 10 ** n))
    return re.sub(r"\d+", swap, text)


def write_corpus(folder: Path, size: int, seed: int = 13) -> int:
    text = SOURCE.read_text(encoding="utf-8")
    rng = random.Random(seed)
    total = 0
    for i in range(size):
        body = varied(text, rng)
        (folder / f"{i:05d}.txt").write_text(body, encoding="utf-8")
        total += len(body)
    return total


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def run_scan(folder: Path, out: Path, jobs: int) -> dict:
    """One scan: wall seconds, CPU seconds of the tree, peak summed RSS in MiB, exit code."""
    start = time.perf_counter()
    popen = subprocess.Popen([sys.executable, "-m", "recount", "scan", str(folder), "--jobs", str(jobs),
                              "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = psutil.Process(popen.pid)
    peak, cpu = 0, {}
    while popen.poll() is None:
        rss = 0
        for p in _tree(proc):
            try:
                rss += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system  # own time only: a reaped worker's time is already counted
            except psutil.NoSuchProcess:
                pass
        peak = max(peak, rss)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = popen.stderr.read().decode()
    return {"wall_s": wall, "cpu_s": sum(cpu.values()), "peak_rss_mib": peak / 2**20,
            "exit": popen.returncode, "stderr": err.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2500,5000,10000", help="corpus sizes, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="recount-scan-") as tmp:  # warm-up: jieba's and the OS's caches
        write_corpus(Path(tmp), 20)
        run_scan(Path(tmp), Path(tmp) / "claims.csv", args.jobs)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="recount-scan-") as tmp:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            chars = write_corpus(folder, size)
            runs = [run_scan(folder, Path(tmp) / "claims.csv", args.jobs) for _ in range(args.runs)]
            lines = sum(1 for _ in (Path(tmp) / "claims.csv").open(encoding="utf-8")) - 1
        bad = [r for r in runs if r["exit"] != 0]
        if bad:
            print(f"scan failed on {size} texts: {bad[0]['stderr']}", file=sys.stderr)
            return 1
        walls = [r["wall_s"] for r in runs]
        rows.append({"texts": size, "mean_chars": chars / size, "claims": lines, "runs": runs,
                     "wall_s": statistics.median(walls), "wall_range": [min(walls), max(walls)],
                     "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                     "peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs)})
    base = rows[0]
    print(f"recount scan --jobs {args.jobs}, medians of {args.runs} runs")
    print(f"{'texts':>7}  {'wall s':>7}  {'range':>13}  {'CPU s':>7}  {'CPU/jobs':>8}  {'ms/text':>7}  {'× time':>7}"
          f"  {'peak RSS MiB':>12}")
    for r in rows:
        growth = r["wall_s"] / base["wall_s"]
        print(f"{r['texts']:>7}  {r['wall_s']:>7.1f}  {r['wall_range'][0]:>6.1f}–{r['wall_range'][1]:<6.1f}"
              f"  {r['cpu_s']:>7.1f}  {r['cpu_s'] / args.jobs:>8.1f}  {1000 * r['wall_s'] / r['texts']:>7.2f}  {growth:>6.2f}×"
              f"  {r['peak_rss_mib']:>12.0f}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"jobs": args.jobs, "sizes": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
