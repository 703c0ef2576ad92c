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
from ortools.graph.python import min_cost_flow

from allocator.domain import Household, Kind, Settings

UNHOUSED = -1
YEARS_CAP = 40


def seniority_years(households: tuple[Household, ...]) -> np.ndarray:
    if not households:
        return np.zeros(0, dtype=np.int64)
    newest = max(h.seniority_date for h in households)
    years = np.array([(newest - h.seniority_date).days // 365 for h in households], dtype=np.int64)
    return np.minimum(years, YEARS_CAP)


def pair_costs(
    households: tuple[Household, ...], rank: np.ndarray, hh: np.ndarray, tt: np.ndarray, settings: Settings
) -> np.ndarray:
    """The objective term of each (household, type) pair ``hh[k], tt[k]``."""
    permanent = np.array([h.kind is Kind.PERMANENT for h in households], dtype=np.int64)
    years = seniority_years(households)
    return (
        settings.rank_weight * (rank[hh, tt].astype(np.int64) - 1)
        - settings.seniority_weight * years[hh]
        - settings.permanent_bonus * permanent[hh]
    )


def allocate_weighted(
    households: tuple[Household, ...],
    suitable: np.ndarray,
    rank: np.ndarray,
    capacity: np.ndarray,
    settings: Settings,
) -> np.ndarray:
    n, n_types = suitable.shape
    assign = np.full(n, UNHOUSED, dtype=np.int64)
    hh, tt = np.nonzero(suitable)
    if len(hh) == 0:
        return assign
    source, sink = n + n_types, n + n_types + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, source), hh, n + np.arange(n_types)]),
        np.concatenate([np.arange(n), n + tt, np.full(n_types, sink)]),
        np.concatenate([np.ones(n + len(hh), dtype=np.int64), capacity]),
        np.concatenate(
            [
                np.zeros(n, np.int64),
                pair_costs(households, rank, hh, tt, settings),
                np.zeros(n_types, np.int64),
            ]
        ),
    )
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    used = flow.flows(arcs[n : n + len(hh)]) > 0
    assign[hh[used]] = tt[used]
    return assign
