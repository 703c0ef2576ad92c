"""The local engines: every run in this process one after the other, or on a pool of worker processes.

The pool ships the input files to each worker once, in the worker's initializer, and then sends each run only
its scenario. A worker that dies (killed, out of memory) breaks a ``ProcessPoolExecutor``: every run not yet
done is then submitted again to a new pool, so no run is lost. The runs that were in the workers' hands when the
pool broke are suspects; one that was a suspect at two breaks is run alone in a pool of its own, and if it breaks
that one too it is reported as a failed run instead of taking the sweep down with it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from allocator.sweep import rows
from allocator.sweep.files import InputFiles
from allocator.sweep.run import quiet_logs, run_one
from allocator.sweep.spec import RunSpec

Task = tuple[RunSpec, dict[str, Any]]
OnRow = Callable[[dict[str, Any]], None]
SUSPECT_BREAKS = 2
"""Pool breaks a run may be in the workers' hands for before it is run alone."""
DIED = "WorkerDied: the worker process died while running it, also when run alone"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_sequential(files: InputFiles, tasks: Sequence[Task], on_row: OnRow) -> int:
    """Every run in this process, in order. Returns 0 (no pool to restart)."""
    with quiet_logs():
        for spec, identity in tasks:
            on_row(run_one(files, spec, identity))
    return 0


_FILES: InputFiles | None = None


def _start_worker(files: InputFiles) -> None:
    global _FILES
    _FILES = files
    logging.getLogger("allocator").setLevel(logging.ERROR)
    # Ctrl-C is for the sweep to handle (keep the rows, say how to resume), not for every worker to print
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_worker(spec: RunSpec, identity: dict[str, Any]) -> dict[str, Any]:
    assert _FILES is not None, "the worker was started without the input files"
    return run_one(_FILES, spec, identity)


def _context():
    """forkserver on Linux: workers fork from a clean server that has imported genhus once (fast to start, and
    safe in a process that runs threads); spawn where there is no fork."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["allocator.sweep.run"])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - not Linux


def run_pool(
    files: InputFiles,
    tasks: Sequence[Task],
    on_row: OnRow,
    *,
    workers: int,
    on_pool: Callable[[ProcessPoolExecutor], None] | None = None,
) -> int:
    """Every run on a pool of ``workers`` processes, each row passed to ``on_row`` as it comes.

    ``on_pool`` is called with each pool started (a test uses it to find a worker to terminate). Returns how
    many times the pool broke and was started again.
    """
    context = _context()
    pending: dict[int, Task] = dict(enumerate(tasks))
    suspected: Counter[int] = Counter()
    restarts = 0
    while pending:
        for i in [i for i in pending if suspected[i] >= SUSPECT_BREAKS]:
            on_row(_alone(context, files, pending.pop(i)))
        if not pending:
            break
        executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(files,)
        )
        if on_pool is not None:
            on_pool(executor)
        order = list(pending)
        futures = {executor.submit(_run_in_worker, *pending[i]): i for i in order}
        try:
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=futures.__getitem__):
                    row = future.result()  # raises BrokenProcessPool when a worker died
                    on_row(row)
                    pending.pop(futures[future])
        except BrokenProcessPool:
            restarts += 1
            # runs are handed out in order: the first not done were the ones in the workers' hands
            for i in [i for i in order if i in pending][: workers + 1]:
                suspected[i] += 1
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
    return restarts


def _alone(context, files: InputFiles, task: Task) -> dict[str, Any]:
    """A suspect run in a pool of one; a failed row if its worker dies again."""
    spec, identity = task
    with ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(files,)) as executor:
        try:
            return executor.submit(_run_in_worker, spec, identity).result()
        except BrokenProcessPool:
            return {**identity, "ok": False, "error": DIED, **rows.failed()}
