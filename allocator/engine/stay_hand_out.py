"""Which dwelling of its type each household of a phased case gets: stays spread over the type's dwellings.

The model only guarantees that no more stays run at once than the type has dwellings. Spreading them is interval
colouring, done from the latest stay back: stays in order of their release (for good first), each into an
already used dwelling that is free for it, the one whose next stay comes soonest after it (the tightest fit),
and only if none is free into the next unused dwelling by id. A new dwelling is taken only when every used one is
busy the day before the stay's release, so the dwellings in use at any day are at most the stays running then or
later, which is also the fewest dwellings held over time that the model counted.
"""

from __future__ import annotations

import numpy as np

from allocator.engine.time_model import StayTimes
from allocator.engine.types import DwellingTypes


def hand_out_stays(assign: np.ndarray, types: DwellingTypes, times: StayTimes, order: list[int]) -> dict[int, int]:
    """Household index -> vacancy index."""
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    dwelling_of: dict[int, int] = {}
    for t in range(len(types)):
        stays = np.flatnonzero(assign == t)
        if not len(stays):
            continue
        # Latest release first; among equal ones the later start first, then priority order.
        stays = stays[np.lexsort((position[stays], -times.start[stays], -times.release[stays]))]
        dwellings = types.vacancies[t].tolist()
        earliest_start: list[int] = []  # per used dwelling: start of its earliest stay so far
        for i in stays.tolist():
            release = int(times.release[i])
            free = [d for d, s in enumerate(earliest_start) if s >= release]
            if free:
                d = min(free, key=lambda d: (earliest_start[d], d))
            else:
                if len(earliest_start) == len(dwellings):
                    raise AssertionError(f"type {t}: more stays at once than dwellings")
                d = len(earliest_start)
                earliest_start.append(int(times.start[i]))
            earliest_start[d] = min(earliest_start[d], int(times.start[i]))
            dwelling_of[i] = dwellings[d]
    return dwelling_of

