"""The stays of a phased case as day numbers, for the time model (``allocator.stays`` has the definition)."""

from __future__ import annotations

import numpy as np

from allocator.domain import Settings
from allocator.engine.eligibility import Eligibility
from allocator.engine.tables import NO_DATE_EARLY, NO_DATE_LATE
from allocator.engine.time_model import StayTimes


def stay_times(elig: Eligibility, settings: Settings) -> StayTimes:
    """A stay starts ``overlap_days`` before the move-by date and frees the dwelling ``turnaround_days`` after the
    return. A dwelling without "Ledig fra" counts as held from the first day any stay of the case starts."""
    households, vacancies = elig.tables.households, elig.tables.vacancies
    start = households.move_by.astype(np.int64) - settings.overlap_days
    returns = households.returns_on.astype(np.int64)
    release = np.where(returns < NO_DATE_LATE, returns + settings.turnaround_days, NO_DATE_LATE)
    first_day = int(start.min(initial=0))
    free_from = vacancies.available_from.astype(np.int64)
    free_from = np.where(free_from == NO_DATE_EARLY, first_day, free_from)
    types = elig.types
    type_free_from = np.array(
        [int(free_from[members].min()) if len(members) else first_day for members in types.vacancies],
        dtype=np.int64,
    )
    return StayTimes(start=start, release=release, type_free_from=type_free_from)
