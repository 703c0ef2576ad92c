"""The Dask engine: the same runs on a Dask distributed cluster, an existing one (``--scheduler tcp://HOST:PORT``)
or a local one started for the sweep (``--cluster local:N``).

The input files are scattered to every worker once (``broadcast``); each run is one task given the scattered
files and its scenario. A worker that dies is Dask's to handle: the scheduler runs its tasks again elsewhere
(and the nanny starts the worker again); a task that kills workers again and again (``KilledWorker``) comes back
as a failed row. Needs the ``cluster`` extra (``pip install "genhus[cluster]"``), imported only here, and genhus
installed on the cluster's workers.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from allocator.sweep import rows
from allocator.sweep.files import InputFiles
from allocator.sweep.local import OnRow, Task
from allocator.sweep.run import error_text, run_one
from allocator.sweep.spec import RunSpec


def _task(files: InputFiles, spec: RunSpec, identity: dict[str, Any]) -> dict[str, Any]:
    logging.getLogger("allocator").setLevel(logging.ERROR)
    return run_one(files, spec, identity)


def parse_cluster(text: str) -> int:
    """``local:N`` -> N (at least 1)."""
    kind, _, count = text.partition(":")
    if kind != "local" or not count.isdigit() or int(count) < 1:
        raise ValueError(f"--cluster {text}: give local:N, N the number of workers (e.g. local:4)")
    return int(count)


def run_dask(
    files: InputFiles,
    tasks: Sequence[Task],
    on_row: OnRow,
    *,
    scheduler: str | None = None,
    local_workers: int | None = None,
    processes: bool = True,
    on_client: Callable[[Any], None] | None = None,
) -> int:
    """Every run on a Dask cluster; each row passed to ``on_row`` as it comes. Returns 0 (Dask restarts its
    workers itself). ``on_client`` is called with the Dask client once the inputs are scattered (a test uses it
    to find a worker to kill)."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=local_workers or 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        shipped = client.scatter(files, broadcast=True, hash=False)
        if on_client is not None:
            on_client(client)
        token = uuid.uuid4().hex[:8]  # task keys of this sweep, apart from any other on a shared scheduler
        futures = [
            client.submit(_task, shipped, spec, identity, key=f"genhus-sweep-{token}-{spec.key}", pure=False)
            for spec, identity in tasks
        ]
        identity_of = {f.key: identity for f, (_, identity) in zip(futures, tasks, strict=True)}
        for future in as_completed(futures):
            if future.status == "finished":
                on_row(future.result())
            else:
                exc = future.exception()
                on_row({**identity_of[future.key], "ok": False, "error": error_text(exc), **rows.failed()})
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0
