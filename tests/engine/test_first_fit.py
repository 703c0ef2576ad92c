"""The first hint of the phased questions: priority order, best rank, a dwelling free for the whole stay."""

import numpy as np

from allocator.engine.first_fit import first_fit
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


def test_stays_one_after_the_other_share_a_dwelling():
    t = types([(0, 0, 1), (1, 0, 1)], [1], 2)
    assert first_fit(t, times([(0, 10), (10, 20)], 1), [0, 1]).tolist() == [0, 0]


def test_overlapping_stays_do_not_and_priority_decides():
    t = types([(0, 0, 1), (1, 0, 1)], [1], 2)
    assert first_fit(t, times([(0, 11), (10, 20)], 1), [1, 0]).tolist() == [-1, 0]
    assert first_fit(t, times([(0, 11), (10, FOREVER)], 1), [0, 1]).tolist() == [0, -1]


def test_best_rank_first_then_the_next_type():
    t = types([(0, 0, 2), (0, 1, 1), (1, 1, 1)], [1, 1], 2)
    assert first_fit(t, times([(0, FOREVER), (5, 9)], 2), [0, 1]).tolist() == [1, -1]
    t = types([(0, 0, 2), (0, 1, 1), (1, 1, 1)], [1, 2], 2)
    assert first_fit(t, times([(0, FOREVER), (5, 9)], 2), [0, 1]).tolist() == [1, 1]
