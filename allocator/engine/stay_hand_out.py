"""Which dwelling of its type each household of a phased case gets: stays spread over the type's dwellings.

The model only guarantees that no more stays run at once than the type has dwellings. Spreading them is interval
colouring, done from the latest stay back: stays in order of their release (for good first), each into an
already used dwelling that is free for it, the one whose next stay comes soonest after it (the tightest fit),
and only if none is free into a new chain. A new chain is started only when every chain is busy the day before the
stay's release, so the chains in use at any day are at most the stays running then or later, which is also the
fewest dwellings held over time that the model counted.

The dwellings of a type may differ in the day they are free ("Ledig fra") but not in who may have them, so any
chain fits any of them. A dwelling is held from the day it is free (one without the date from its first stay,
``allocator.occupancy``), so the chains go first to dwellings without the date, then to those free latest (by id
among equals): the fewest days waiting empty for the chains found.
"""

from __future__ import annotations

import numpy as np

from allocator.engine.tables import NO_DATE_EARLY
from allocator.engine.time_model import StayTimes
from allocator.engine.types import DwellingTypes


def hand_out_stays(
    assign: np.ndarray, types: DwellingTypes, times: StayTimes, free_from: np.ndarray, order: list[int]
) -> dict[int, int]:
    """Household index -> vacancy index. ``free_from[j]``: day vacancy ``j`` is free (days since 1970)."""
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    dwelling_of: dict[int, int] = {}
    for t in range(len(types)):
        stays = np.flatnonzero(assign == t)
        if not len(stays):
            continue
        # Latest release first; among equal ones the later start first, then priority order.
        stays = stays[np.lexsort((position[stays], -times.start[stays], -times.release[stays]))]
        earliest_start: list[int] = []  # per chain: start of its earliest stay so far
        chain_of: dict[int, int] = {}
        for i in stays.tolist():
            release = int(times.release[i])
            free = [c for c, s in enumerate(earliest_start) if s >= release]
            if free:
                c = min(free, key=lambda c: (earliest_start[c], c))
            else:
                c = len(earliest_start)
                earliest_start.append(int(times.start[i]))
            earliest_start[c] = min(earliest_start[c], int(times.start[i]))
            chain_of[i] = c
        members = types.vacancies[t]
        if len(earliest_start) > len(members):
            raise AssertionError(f"type {t}: more stays at once than dwellings")
        # Stable sort keeps the id order among dwellings free the same day.
        wait = np.where(free_from[members] == NO_DATE_EARLY, np.iinfo(np.int64).max, free_from[members])
        latest_free = members[np.argsort(-wait, kind="stable")][: len(earliest_start)]
        chosen = members[np.isin(members, latest_free)]  # in id order
        for i, c in chain_of.items():
            dwelling_of[i] = int(chosen[c])
    return dwelling_of
