"""Hand-made dwelling-type tables and stays for the phased engine's unit tests."""

import numpy as np

from allocator.engine.time_model import StayTimes
from allocator.engine.types import DwellingTypes

FOREVER = 1_000_000


def types(pairs: list[tuple[int, int, int]], capacity: list[int], households: int) -> DwellingTypes:
    """``pairs``: (household, type, rank), sorted by household then type."""
    h = np.array([p[0] for p in pairs], dtype=np.int64)
    return DwellingTypes(
        of_vacancy=np.arange(len(capacity)),
        vacancies=tuple(np.array([k]) for k in range(len(capacity))),
        capacity=np.array(capacity, dtype=np.int64),
        department=np.zeros(len(capacity), dtype=np.int64),
        pair_household=h,
        pair_type=np.array([p[1] for p in pairs], dtype=np.int64),
        pair_rank=np.array([p[2] for p in pairs], dtype=np.int64),
        household_start=np.searchsorted(h, np.arange(households + 1)),
    )


def times(stays: list[tuple[int, int]], types_count: int) -> StayTimes:
    return StayTimes(
        start=np.array([s for s, _ in stays], dtype=np.int64),
        release=np.array([r for _, r in stays], dtype=np.int64),
        type_free_from=np.zeros(types_count, dtype=np.int64),
    )
