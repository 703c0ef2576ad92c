"""Components solved in processes of their own give the same allocation as solved one after the other here."""

import pytest

import allocator.engine.phased as phased
from allocator.domain import Settings
from allocator.engine import eligibility
from allocator.generate import generate_instance
from allocator.solve import solve

INSTANCE = generate_instance(90, 110, seed=4, phases=2, municipalities=3)


@pytest.fixture(scope="module")
def here():
    """The allocation with every component solved here, one after the other."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(phased, "_PROCESS_PAIRS", 10**9)
        return solve(INSTANCE, Settings())


@pytest.fixture
def processes_wanted(monkeypatch):
    """Every component large enough for a process of its own, on two cores."""
    monkeypatch.setattr(phased, "_PROCESS_PAIRS", 1)
    monkeypatch.setattr(phased.os, "cpu_count", lambda: 2)


def test_the_allocation_is_the_same_in_processes_and_here(here, processes_wanted):
    components = phased._components(eligibility.compute(INSTANCE, Settings()).types)
    assert len(components) > 2  # more components than processes: some wait for a free one
    assert here.assignments and here.assignments == solve(INSTANCE, Settings()).assignments


def test_no_processes_inside_a_process_nor_when_they_cannot_start(
    here, processes_wanted, monkeypatch, caplog
):
    def no_pool(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(phased, "ProcessPoolExecutor", no_pool)
    # A sweep's worker already uses its core: it solves its components itself, and never asks for a pool.
    monkeypatch.setattr(phased.multiprocessing, "parent_process", lambda: object())
    assert solve(INSTANCE, Settings()).assignments == here.assignments
    assert "no worker processes" not in caplog.text
    # Where processes cannot start, the same answer comes one component after the other, and the log says so.
    monkeypatch.setattr(phased.multiprocessing, "parent_process", lambda: None)
    assert solve(INSTANCE, Settings()).assignments == here.assignments
    assert "no worker processes" in caplog.text
