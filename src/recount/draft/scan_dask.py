"""``recount scan --scheduler``: the batches on a ``dask.distributed`` cluster.

Imported only when a scheduler is given (importing distributed takes a
second). Each task is :func:`recount.draft.scan.scan_batch` on one batch of
files: it reads and drafts them and returns their rows, with no other effect,
so the scheduler may run it again on another worker when the one running it
dies (up to ``distributed.scheduler.allowed-failures`` times, 3 by default).
The client keeps at most :data:`~recount.draft.scan.IN_FLIGHT` batches per
worker thread submitted and takes their results in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from distributed import Client, KilledWorker, WorkerPlugin

from recount.draft.scan import IN_FLIGHT, Result, SchedulerError, Source, _ordered, batches, scan_batch, warm


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
                                batches(sources), IN_FLIGHT * threads)
        except KilledWorker as exc:
            raise SchedulerError(f"a batch of files killed every Dask worker that ran it ({exc})") from None
