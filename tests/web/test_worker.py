"""One run at a time per session; the same run is never started twice; a failing run is reported, not raised."""

from __future__ import annotations

import threading

from allocator.web.worker import Worker


def test_a_second_start_while_running_returns_the_running_job():
    release = threading.Event()
    worker = Worker()
    first, started = worker.start("allocate", "k1", lambda job: release.wait(10) and 1)
    second, started_again = worker.start("allocate", "k2", lambda job: 2)
    assert started and not started_again and second is first
    release.set()
    first.thread.join(10)
    assert first.state == "done" and first.value == 1


def test_the_same_finished_run_is_not_started_again_but_another_is():
    worker = Worker()
    calls = []
    job, _ = worker.start("allocate", "k", lambda job: calls.append(1) or "x")
    job.thread.join(10)
    again, started = worker.start("allocate", "k", lambda job: calls.append(1) or "y")
    assert again is job and not started and calls == [1]
    other, started = worker.start("allocate", "k2", lambda job: calls.append(2) or "z")
    other.thread.join(10)
    assert started and other.value == "z" and worker.latest("allocate") is other


def test_a_failing_job_is_marked_failed_with_its_error():
    worker = Worker()
    job, _ = worker.start("allocate", "k", lambda job: 1 / 0)
    job.thread.join(10)
    assert job.state == "failed" and isinstance(job.error, ZeroDivisionError) and job.ended is not None
    worker.forget("allocate")
    assert worker.latest("allocate") is None
