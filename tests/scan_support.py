"""What the ``recount scan`` tests share: a corpus made from the test articles, a local Dask cluster.

The corpus: each text is every article of ``tests/articles`` (written for the
tests, in the genre) one after the other, with each run of digits replaced by a
random number of as many digits (seeded), so that some percentages add up and
some do not. The cluster: ``dask scheduler`` and ``dask worker`` started as
separate processes on 127.0.0.1 only, as they would run on separate machines,
each stopped (killed) when the block ends, whatever happened.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ARTICLES = Path(__file__).parent / "articles"
DASK = str(Path(sys.executable).with_name("dask"))
START_TIMEOUT = 60


def varied(text: str, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        n = len(m.group())
        return str(rng.randrange(10 ** (n - 1) if n > 1 else 0, 10 ** n))
    return re.sub(r"\d+", swap, text)


def write_corpus(folder: Path, size: int, seed: int = 22) -> list[Path]:
    """``size`` texts in ``folder`` (``00000.txt`` ...), each all the test articles with numbers varied."""
    whole = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(size):
        path = folder / f"{i:05d}.txt"
        path.write_text(varied(whole, rng), encoding="utf-8")
        out.append(path)
    return out


def _wait(check, what: str, timeout: float = START_TIMEOUT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if (value := check()):
            return value
        time.sleep(0.1)
    raise TimeoutError(f"{what} not ready after {timeout} s")


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """(scheduler address, worker processes): a scheduler and ``workers`` one-thread workers on 127.0.0.1."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)  # a stale one would name a scheduler long gone
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder}
    procs: list[subprocess.Popen] = []
    try:
        procs.append(subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                       "--scheduler-file", str(scheduler_file)], **quiet))
        address = _wait(lambda: scheduler_file.exists() and json.loads(scheduler_file.read_text() or "{}")
                        .get("address"), "the scheduler")
        started = [subprocess.Popen([DASK, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                     "--no-nanny", "--no-dashboard", "--local-directory", str(folder)], **quiet)
                   for _ in range(workers)]
        procs += started
        from distributed import Client

        with Client(address, set_as_default=False, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
        yield address, started
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait(timeout=30)
