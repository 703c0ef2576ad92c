"""Handing out dwellings within a type: which of the interchangeable dwellings each housed household gets.

The dwellings of a type are interchangeable for every rule and every wish, so this choice never changes the
checker's verdict. With the cost tie-break on (``BudgetSettings.cost_tie_break``) it goes to the cheapest
hand-out for the project, a min-cost assignment within each type; otherwise households in priority order take
the dwellings in dwelling-id order.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from allocator.budget import PairCosts
from allocator.domain import Instance, Settings
from allocator.engine.flow import UNHOUSED
from allocator.engine.types import DwellingTypes


def hand_out_dwellings(
    assign: np.ndarray,
    types: DwellingTypes,
    order: list[int],
    instance: Instance,
    settings: Settings,
) -> dict[int, int]:
    """Household index -> vacancy index for every housed household."""
    holders: dict[int, list[int]] = {}
    for h in order:
        if assign[h] != UNHOUSED:
            holders.setdefault(int(assign[h]), []).append(h)
    dwelling_of: dict[int, int] = {}
    costs = (
        PairCosts.of(instance.households, instance.vacancies, settings)
        if settings.budget.cost_tie_break
        else None
    )
    for t, group in holders.items():
        dwellings = types.vacancies[t].tolist()
        picks = list(range(len(group)))
        if costs is not None and len(dwellings) > 1:
            picks = _cheapest(costs.rounded(np.array(group), types.vacancies[t]))
        for h, k in zip(group, picks, strict=True):
            dwelling_of[h] = dwellings[k]
    return dwelling_of


def _cheapest(cost: np.ndarray) -> list[int]:
    """The dwelling (column) for each household (row) at the least total of ``cost`` (kroner for the project)."""
    if (cost == cost[0, 0]).all():
        return list(range(len(cost)))
    n, m = cost.shape
    flow = min_cost_flow.SimpleMinCostFlow()
    rows, cols = np.divmod(np.arange(n * m), m)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        rows, n + cols, np.ones(n * m, dtype=np.int64), cost.reshape(-1)
    )
    flow.add_arcs_with_capacity_and_unit_cost(  # dwellings left over drain to a sink
        n + np.arange(m), np.full(m, n + m), np.ones(m, dtype=np.int64), np.zeros(m, dtype=np.int64)
    )
    supplies = np.concatenate([np.ones(n, np.int64), np.zeros(m, np.int64), [-n]])
    flow.set_nodes_supplies(np.arange(n + m + 1), supplies)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("the cost tie-break's assignment did not solve")
    used = flow.flows(arcs) > 0
    picks = np.empty(n, dtype=np.int64)
    picks[rows[used]] = cols[used]
    return picks.tolist()
