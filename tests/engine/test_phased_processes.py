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
