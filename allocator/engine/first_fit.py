"""A first solution of a phased case for CP-SAT to start from: each household in priority order takes its best
wish rank among the types that still have a dwelling free for its whole stay.

It proves nothing (a household taking a dwelling may block two later ones, which the questions of
``allocator.engine.phased`` then undo), but it is found in milliseconds where CP-SAT's own first search on a
component of 500 households and 60,000 pairs took minutes, and it is usually close: on the benchmark's
1,200-household case it housed 505 of the 508 households of the largest component, which CP-SAT then completes.
"""

from __future__ import annotations

import numpy as np

from allocator.engine.flow import UNHOUSED
from allocator.engine.time_model import StayTimes
from allocator.engine.types import DwellingTypes


def first_fit(types: DwellingTypes, times: StayTimes, order: list[int]) -> np.ndarray:
    """Type per household (``UNHOUSED`` if none fits), for the households of ``order`` in that order."""
    chosen = np.full(types.n_households, UNHOUSED, dtype=np.int64)
    stays: dict[int, list[tuple[int, int]]] = {}
    for i in order:
        mine, ranks = types.of_household(i)
        start, release = int(times.start[i]), int(times.release[i])
        for t in mine[np.argsort(ranks, kind="stable")].tolist():
            if _fits(stays.get(t, []), start, release, int(types.capacity[t])):
                chosen[i] = t
                stays.setdefault(t, []).append((start, release))
                break
    return chosen


def _fits(held: list[tuple[int, int]], start: int, release: int, capacity: int) -> bool:
    """One more stay ``[start, release)`` keeps every day's running stays within ``capacity``: the count only
    rises where a stay starts, so the new stay's start and the starts inside it are the days to look at."""
    if len(held) < capacity:
        return True
    days = [start] + [a for a, _ in held if start < a < release]
    return all(1 + sum(1 for a, b in held if a <= day < b) <= capacity for day in days)
