"""``PairCosts.rounded`` is ``round(pair_cost(h, v))`` for every pair, to the krone: the hand-out's cost
tie-break asks for blocks of pairs at once, and must hand out exactly the dwellings it did pair by pair."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from builders import hh, vac

from allocator.budget import PairCosts, _round_cents, pair_cost
from allocator.domain import BudgetSettings, Kind, Settings


def by_pair(households, vacancies, settings) -> np.ndarray:
    return np.array([[round(pair_cost(h, v, settings)) for v in vacancies] for h in households], dtype=np.int64)


def all_pairs(households, vacancies, settings) -> np.ndarray:
    table = PairCosts.of(households, vacancies, settings)
    return table.rounded(np.arange(len(households)), np.arange(len(vacancies)))


def test_a_dearer_temporary_dwelling_and_the_days_it_waits():
    # T pays 5,000 a month and gets a 5,600 dwelling for 12 months: 7,200; the dwelling is free 30 days before
    # T moves in (14 days before move-by): 5,600 * 30 / (365 / 12) = 5,523.29. P is permanent: only the wait.
    T = hh("T", kind=Kind.TEMPORARY, current_rent=5000, move_by=dt.date(2027, 3, 15))
    P = hh("P", current_rent=5000, move_by=dt.date(2027, 3, 15))
    free = vac("B1", rent=5600, available_from=dt.date(2027, 1, 30))
    unknown = vac("B2", rent=None, available_from=dt.date(2027, 1, 30))
    assert all_pairs([T, P], [free, unknown], Settings()).tolist() == [[7200 + 5523, 0], [5523, 0]]
    assert all_pairs([T, P], [free, unknown], Settings(budget=BudgetSettings(move_in="when_free"))).tolist() == [
        [7200, 0],
        [0, 0],
    ]


@pytest.mark.parametrize("x", [0.005, 0.015, 0.025, 0.065, 0.075, 1.005, 2.675, 100.5, -0.005, 1e7 + 0.125])
def test_cents_are_rounded_as_python_rounds_where_numpy_would_not(x):
    # 0.005 is stored a hair above the half, so Python gives 0.01; numpy's 0.005 * 100 is exactly 0.5, which
    # rounds to 0 (half to even).
    assert _round_cents(np.array([x])).tolist() == [round(x, 2)]


@pytest.mark.parametrize("seed", range(40))
def test_random_pairs_cost_what_they_cost_one_by_one(seed):
    rng = random.Random(seed)

    def maybe(value):
        return None if rng.random() < 0.15 else value

    def day():
        return dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(-60, 200))

    households = [
        hh(
            f"H{i}",
            kind=rng.choice([Kind.PERMANENT, Kind.TEMPORARY]),
            current_rent=maybe(rng.choice([rng.randrange(3000, 9000), round(rng.uniform(3000, 9000), 3)])),
            stay_months=maybe(rng.choice([1.0, 7.5, 12.0, round(rng.uniform(1, 24), 3)])),
            move_by=maybe(day()),
        )
        for i in range(12)
    ]
    vacancies = [
        vac(
            f"B{j}",
            rent=maybe(rng.choice([rng.randrange(3000, 9000), round(rng.uniform(3000, 9000), 3)])),
            available_from=maybe(day()),
        )
        for j in range(15)
    ]
    for settings in (Settings(), Settings(overlap_days=0, budget=BudgetSettings(stay_months=5.25))):
        assert (all_pairs(households, vacancies, settings) == by_pair(households, vacancies, settings)).all()
    picked_h, picked_v = np.array([3, 0, 7]), np.array([14, 2])
    expected = by_pair([households[i] for i in picked_h], [vacancies[j] for j in picked_v], Settings())
    assert (PairCosts.of(households, vacancies, Settings()).rounded(picked_h, picked_v) == expected).all()
