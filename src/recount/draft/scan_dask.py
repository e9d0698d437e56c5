"""``recount scan --scheduler``: the batches on a ``dask.distributed`` cluster.

Imported only when a scheduler is given (importing distributed takes a
second). Each task is :func:`recount.draft.scan.scan_batch` on one batch of
:data:`BATCH` files: it reads and drafts them and returns their rows, with no
other effect, so the scheduler may run it again on another worker when the one
running it dies (up to ``distributed.scheduler.allowed-failures`` times, 3 by
default). The client keeps at most :data:`~recount.draft.scan.IN_FLIGHT`
batches per worker thread submitted and takes their results in order.

:data:`WORKER_CONFIG` is the dask configuration the workers should run with
(the README shows it for ``dask worker``; ``benchmarks/scan.py`` starts its
workers with it): a worker's statistical profiler samples the task's thread
every 10 ms, which costs CPU in a pure-Python task, and keeps a profile a
second for ``distributed.admin.low-level-log-length`` (1,000) seconds, so the
worker's memory grows through a long scan; the worker's transition logs keep
that many entries too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from distributed import Client, KilledWorker, WorkerPlugin

from recount.draft.scan import IN_FLIGHT, Result, SchedulerError, Source, _ordered, batches, scan_batch, warm

#: files per task: a task of about 0.2 s, far above the scheduler's and the network's cost per task
#: (a few ms), which a batch of 8 (the pool's) is not
BATCH = 32
#: dask configuration for the workers of a long scan (keys as in ``distributed.yaml``)
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,  # no statistical profiler: its samples cost CPU and memory
    "distributed.admin.low-level-log-length": 100,  # transition and stimulus logs: 100 entries, not 1,000
    "distributed.admin.log-length": 100,  # the worker's and scheduler's event logs: 100 entries, not 10,000
    "distributed.admin.system-monitor.log-length": 120,  # a minute of samples, not an hour
}


def config_env(config: dict) -> dict[str, str]:
    """``config`` as the environment variables dask reads (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED``)."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value) for key, value in config.items()}


class WarmUp(WorkerPlugin):
    """Load jieba and OpenCC once in each worker that joins (replacements too), not in its first batch."""

    name = "recount-scan-warm-up"

    def setup(self, worker) -> None:
        warm()


def run_dask(sources: Iterable[Source], address: str) -> Iterator[list[Result]]:
    """Batches of results from the cluster at ``address``, in the order of ``sources``.

    :class:`SchedulerError` when the scheduler cannot be reached (within dask's
    ``distributed.comm.timeouts.connect``) or a batch has killed every worker it was given.
    """
    try:
        client = Client(address, set_as_default=False)
    except (OSError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        client.register_plugin(WarmUp(), name=WarmUp.name)
        threads = max(sum(client.nthreads().values()), 1)
        try:
            yield from _ordered(lambda b: client.submit(scan_batch, b, pure=False), lambda f: f.result(),
                                batches(sources, BATCH), IN_FLIGHT * threads)
        except KilledWorker as exc:
            raise SchedulerError(f"a batch of files killed every Dask worker that ran it ({exc})") from None
