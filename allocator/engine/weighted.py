"""The ``weighted`` priority mode: seniority as a weight in one objective, for comparison with strict priority.

As many households as possible are housed (a maximum flow); among those allocations the one with the smallest
total of, over housed households,

    rank_weight * (rank - 1)  -  seniority_weight * min(years, 40)  -  permanent_bonus * permanent

is chosen, ``years`` being whole years of seniority counted back from the most junior household's date (so the
figure does not depend on the day the tool runs). This is the usual spreadsheet compromise; unlike strict priority
it can give a junior household a contested dwelling, and the checker counts those cases as priority violations:
that count is "the price" a scenario comparison shows.
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Kind, Settings
from allocator.engine.flow import max_flow_min_cost
from allocator.engine.types import DwellingTypes

YEARS_CAP = 40


def seniority_years(households: tuple[Household, ...]) -> np.ndarray:
    if not households:
        return np.zeros(0, dtype=np.int64)
    newest = max(h.seniority_date for h in households)
    years = np.array([(newest - h.seniority_date).days // 365 for h in households], dtype=np.int64)
    return np.minimum(years, YEARS_CAP)


def pair_costs(
    households: tuple[Household, ...], rank: np.ndarray, hh: np.ndarray, settings: Settings
) -> np.ndarray:
    """The objective term of each (household, type) pair: household ``hh[k]``, wish rank ``rank[k]``."""
    permanent = np.array([h.kind is Kind.PERMANENT for h in households], dtype=np.int64)
    years = seniority_years(households)
    return (
        settings.rank_weight * (rank.astype(np.int64) - 1)
        - settings.seniority_weight * years[hh]
        - settings.permanent_bonus * permanent[hh]
    )


def allocate_weighted(
    households: tuple[Household, ...], types: DwellingTypes, settings: Settings
) -> np.ndarray:
    """The type given to each household (``UNHOUSED`` = -1)."""
    cost = pair_costs(households, types.pair_rank, types.pair_household, settings)
    return max_flow_min_cost(types.n_households, types.pair_household, types.pair_type, types.capacity, cost)
