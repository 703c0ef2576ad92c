"""The assignment core shared by both priority modes: a maximum flow of least cost from households to types.

As many households as possible get a dwelling type (maximum flow); among those allocations, the one with the least
total of the pair costs is returned. OR-Tools' min-cost flow is exact, single-threaded and deterministic for
arcs given in a fixed order.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

UNHOUSED = -1


def max_flow_min_cost(
    n: int, hh: np.ndarray, tt: np.ndarray, capacity: np.ndarray, costs: np.ndarray
) -> np.ndarray:
    """The type given to each of ``n`` households (``UNHOUSED`` = -1), over the suitable pairs ``hh, tt`` with
    integer ``costs``."""
    n_types = len(capacity)
    assign = np.full(n, UNHOUSED, dtype=np.int64)
    if len(hh) == 0:
        return assign
    source, sink = n + n_types, n + n_types + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, source), hh, n + np.arange(n_types)]),
        np.concatenate([np.arange(n), n + tt, np.full(n_types, sink)]),
        np.concatenate([np.ones(n + len(hh), dtype=np.int64), capacity.astype(np.int64)]),
        np.concatenate([np.zeros(n, np.int64), costs.astype(np.int64), np.zeros(n_types, np.int64)]),
    )
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    used = flow.flows(arcs[n : n + len(hh)]) > 0
    assign[hh[used]] = tt[used]
    return assign
