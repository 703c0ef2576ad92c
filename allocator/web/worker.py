"""Long runs in a thread of their own, so the server keeps answering while CP-SAT works.

A session runs at most one job at a time: a second click while one runs gets the running job back, and a click
for the very same run (same files, same settings) after it finished gets the finished one, so no run is ever
started twice. A job reports its stage (a key of ``words``) for the progress page, and ends ``done`` with its
value or ``failed`` with the exception, which the page shows as a Danish error; the thread never takes the
server down.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One run. ``key`` says what was run (files and settings); ``stage`` what it is doing now."""

    job_id: str
    kind: str
    key: str
    stage: str = "queued"
    state: str = "running"  # running, done, failed
    value: Any = None
    error: BaseException | None = None
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def set_stage(self, stage: str) -> None:
        self.stage = stage


class Worker:
    """The jobs of one session; ``start`` is the only way to run one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.jobs: dict[str, Job] = {}
        self._count = 0

    def start(self, kind: str, key: str, work: Callable[[Job], Any]) -> tuple[Job, bool]:
        """Start ``work(job)`` in a thread, unless a job runs or this very run is done.

        Returns the job and whether it was started now.
        """
        with self._lock:
            for job in self.jobs.values():
                if job.running:
                    return job, False
            for job in self.jobs.values():
                if job.kind == kind and job.key == key and job.state == "done":
                    return job, False
            self._count += 1
            job = Job(job_id=f"{kind}-{self._count}", kind=kind, key=key)
            self.jobs[job.job_id] = job
            job.thread = threading.Thread(
                target=self._run, args=(job, work), name=f"genhus-{job.job_id}", daemon=True
            )
            job.thread.start()
            return job, True

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def latest(self, kind: str) -> Job | None:
        found = [j for j in self.jobs.values() if j.kind == kind]
        return found[-1] if found else None

    def forget(self, kind: str) -> None:
        """Drop the finished jobs of ``kind`` (their inputs changed)."""
        with self._lock:
            for job_id in [j.job_id for j in self.jobs.values() if j.kind == kind and not j.running]:
                del self.jobs[job_id]

    @staticmethod
    def _run(job: Job, work: Callable[[Job], Any]) -> None:
        try:
            job.value = work(job)
            job.state = "done"
        except Exception as exc:  # shown on the page; the server keeps serving
            job.error = exc
            job.state = "failed"
            log.warning("web: a %s run failed (%s)", job.kind, type(exc).__name__)
        finally:
            job.ended = time.monotonic()
