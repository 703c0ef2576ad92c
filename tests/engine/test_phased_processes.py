"""Components solved in processes of their own give the same allocation as solved one after the other here."""

import allocator.engine.phased as phased
from allocator.domain import Settings
from allocator.engine import eligibility
from allocator.generate import generate_instance
from allocator.solve import solve


def test_the_allocation_is_the_same_in_processes_and_here(monkeypatch):
    instance = generate_instance(90, 110, seed=4, phases=2, municipalities=3)
    settings = Settings()
    monkeypatch.setattr(phased, "_PROCESS_PAIRS", 10**9)
    here = solve(instance, settings)
    monkeypatch.setattr(phased, "_PROCESS_PAIRS", 1)
    monkeypatch.setattr(phased.os, "cpu_count", lambda: 2)
    components = phased._components(eligibility.compute(instance, settings).types)
    assert len(components) > 2  # more components than processes: some wait for a free one
    apart = solve(instance, settings)
    assert here.assignments and here.assignments == apart.assignments


def test_no_processes_inside_a_process_nor_when_they_cannot_start(monkeypatch, caplog):
    instance = generate_instance(90, 110, seed=4, phases=2, municipalities=3)
    settings = Settings()
    monkeypatch.setattr(phased, "_PROCESS_PAIRS", 10**9)
    here = solve(instance, settings)
    monkeypatch.setattr(phased, "_PROCESS_PAIRS", 1)
    monkeypatch.setattr(phased.os, "cpu_count", lambda: 2)

    def no_pool(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(phased, "ProcessPoolExecutor", no_pool)
    # A sweep's worker already uses its core: it solves its components itself, and never asks for a pool.
    monkeypatch.setattr(phased.multiprocessing, "parent_process", lambda: object())
    assert solve(instance, settings).assignments == here.assignments
    assert "no worker processes" not in caplog.text
    # Where processes cannot start, the same answer comes one component after the other, and the log says so.
    monkeypatch.setattr(phased.multiprocessing, "parent_process", lambda: None)
    assert solve(instance, settings).assignments == here.assignments
    assert "no worker processes" in caplog.text
