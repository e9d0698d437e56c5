"""Benchmark of ``recount scan``: article-sized texts made from our article, numbers varied.

For each corpus size it writes that many texts into a temporary folder (every
run of digits in the article replaced by a random number of the same length,
seeded) and, side by side (alternating run by run, so both see the same load),
runs ``python -m recount scan FOLDER --jobs N --out FILE`` (the process pool)
and ``python -m recount scan FOLDER --scheduler ADDRESS --out FILE`` against a
Dask cluster of N one-thread workers started once, as separate processes
(``dask scheduler``, ``dask worker``, TCP on 127.0.0.1, as on separate
machines). Each scan runs in a fresh process; measured: wall time, CPU time
(the scan's process tree; for Dask, plus the workers' CPU during the scan),
the peak resident memory of the scan's process tree (the client, for Dask:
the sum of the RSS of the process and its children, sampled every 20 ms) and
of each Dask worker, and whether both wrote the same bytes. One warm-up scan of
20 texts each first. Medians over ``--runs`` runs; prints one table and writes
``_build/bench_scan.json``.

    .venv/bin/python benchmarks/scan.py                 # 1,000 and 10,000 texts, 3 runs each
    .venv/bin/python benchmarks/scan.py --sizes 1000,10000,100000 --runs 1

Targets (issues 13 and 22): 10,000 texts in at most 15 s on 2 cores; Dask
within 15% of the pool; memory flat on the client and on each worker whatever
the corpus size. On a shared machine the wall time depends on what else runs;
CPU time divided by the jobs is what the scan would take on that many idle cores.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
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


def run_scan(folder: Path, out: Path, jobs: int, scheduler: str | None = None,
             workers: list[psutil.Process] = ()) -> dict:
    """One scan: wall seconds, CPU seconds of the scan's process tree (and of the Dask workers, counted
    from the scan's start), peak summed RSS in MiB of the tree, peak RSS of each worker, exit code."""
    where = ["--scheduler", scheduler] if scheduler else ["--jobs", str(jobs)]
    cpu0 = {w.pid: sum(w.cpu_times()[:2]) for w in workers}
    start = time.perf_counter()
    popen = subprocess.Popen([sys.executable, "-m", "recount", "scan", str(folder), *where, "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = psutil.Process(popen.pid)
    peak, cpu, worker_peak = 0, {}, {w.pid: 0 for w in workers}
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
        for w in workers:
            worker_peak[w.pid] = max(worker_peak[w.pid], w.memory_info().rss)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = popen.stderr.read().decode()
    worker_cpu = sum(sum(w.cpu_times()[:2]) - cpu0[w.pid] for w in workers)
    return {"wall_s": wall, "cpu_s": sum(cpu.values()) + worker_cpu, "peak_rss_mib": peak / 2**20,
            "worker_peak_rss_mib": [v / 2**20 for v in worker_peak.values()],
            "exit": popen.returncode, "stderr": err.strip()}


@contextlib.contextmanager
def dask_cluster(workers: int, folder: Path):
    """(address, worker processes): ``dask scheduler`` and ``workers`` ``dask worker`` processes (one thread
    each, no nanny, :data:`recount.draft.scan_dask.WORKER_CONFIG`) over TCP on 127.0.0.1, as on separate
    machines; killed at the end."""
    from recount.draft.scan_dask import WORKER_CONFIG, config_env

    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder,
             "env": os.environ | config_env(WORKER_CONFIG)}  # the configuration the README gives `dask worker`
    sched_file = folder / "scheduler.json"
    sched_file.unlink(missing_ok=True)  # a stale one would name a scheduler long gone
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(sched_file)], **quiet)]
    try:
        end = time.monotonic() + 60
        while not (sched_file.exists() and sched_file.read_text().strip()) and time.monotonic() < end:
            time.sleep(0.1)
        address = json.loads(sched_file.read_text())["address"]
        procs += [subprocess.Popen([dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                                    "--no-dashboard", "--local-directory", str(folder)], **quiet)
                  for _ in range(workers)]
        from distributed import Client

        with Client(address, set_as_default=False, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, [psutil.Process(p.pid) for p in procs[1:]]
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=30)


def _summary(runs: list[dict]) -> dict:
    walls = [r["wall_s"] for r in runs]
    return {"runs": runs, "wall_s": statistics.median(walls), "wall_range": [min(walls), max(walls)],
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in runs),
            "worker_peak_rss_mib": max((max(r["worker_peak_rss_mib"], default=0) for r in runs), default=0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2, help="pool processes, and Dask workers")
    parser.add_argument("--no-dask", action="store_true", help="the process pool only")
    parser.add_argument("--no-pool", action="store_true",
                        help="Dask only (e.g. 100,000 texts for the memory of the client and the workers)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"JSON to write (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if args.no_dask and args.no_pool:
        parser.error("--no-dask and --no-pool leave nothing to run")
    rows = []
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="recount-scan-")))
        address, workers = None, []
        if not args.no_dask:
            (tmp / "cluster").mkdir()
            address, workers = stack.enter_context(dask_cluster(args.jobs, tmp / "cluster"))
        warm = tmp / "warm"
        warm.mkdir()
        write_corpus(warm, 20)  # warm-up: jieba's and the OS's caches, the workers' dictionaries
        if not args.no_pool:
            run_scan(warm, tmp / "claims.csv", args.jobs)
        if address:
            run_scan(warm, tmp / "claims.csv", args.jobs, address, workers)
        for size in (int(s) for s in args.sizes.split(",")):
            folder = tmp / f"corpus{size}"
            folder.mkdir()
            chars = write_corpus(folder, size)
            pool, dask = [], []
            for _ in range(args.runs):  # alternate, so that both see the same load on a shared machine
                if not args.no_pool:
                    pool.append(run_scan(folder, tmp / "pool.csv", args.jobs))
                if address:
                    dask.append(run_scan(folder, tmp / "dask.csv", args.jobs, address, workers))
            bad = [r for r in pool + dask if r["exit"] != 0]
            if bad:
                print(f"scan failed on {size} texts: {bad[0]['stderr']}", file=sys.stderr)
                return 1
            same = None if not (pool and dask) else (tmp / "pool.csv").read_bytes() == (tmp / "dask.csv").read_bytes()
            lines = sum(1 for _ in (tmp / ("pool.csv" if pool else "dask.csv")).open(encoding="utf-8")) - 1
            rows.append({"texts": size, "mean_chars": chars / size, "claims": lines,
                         "pool": _summary(pool) if pool else None, "dask": _summary(dask) if dask else None,
                         "same_bytes": same})
            (tmp / "pool.csv").unlink(missing_ok=True)
            (tmp / "dask.csv").unlink(missing_ok=True)
            shutil.rmtree(folder)
    print(f"recount scan: --jobs {args.jobs} against a Dask cluster of {args.jobs} one-thread workers "
          f"(scheduler and workers separate processes, TCP on 127.0.0.1); medians of {args.runs} runs")
    print(f"{'texts':>7}  {'engine':>6}  {'wall s':>7}  {'range':>13}  {'ms/text':>7}  {'CPU ms/text':>11}"
          f"  {'dask/pool':>9}  {'client MiB':>10}  {'worker MiB':>10}  same bytes")
    for r in rows:
        for name in ("pool", "dask"):
            m = r[name]
            if m is None:
                continue
            ratio = f"{m['wall_s'] / r['pool']['wall_s']:>8.2f}×" if name == "dask" and r["pool"] else ""
            worker = f"{m['worker_peak_rss_mib']:>10.0f}" if name == "dask" else f"{'':>10}"
            print(f"{r['texts']:>7}  {name:>6}  {m['wall_s']:>7.1f}  {m['wall_range'][0]:>6.1f}–{m['wall_range'][1]:<6.1f}"
                  f"  {1000 * m['wall_s'] / r['texts']:>7.2f}  {1000 * m['cpu_s'] / r['texts']:>11.2f}  {ratio:>9}"
                  f"  {m['peak_rss_mib']:>10.0f}  {worker}  {_same(r['same_bytes'])}")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps({"jobs": args.jobs, "sizes": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if all(r["same_bytes"] is not False for r in rows) else 1


def _same(same: bool | None) -> str:
    return "-" if same is None else "yes" if same else "NO"


if __name__ == "__main__":
    raise SystemExit(main())
