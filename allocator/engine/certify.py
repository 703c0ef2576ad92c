"""The certificate: prices that prove the allocation optimal, found and checked without a solver.

The exact step maximises a value per housed (household, dwelling type) pair (``allocator.engine.model``: for
strict priority the household's priority weight, for weighted priority a coverage bonus minus the weighted
cost) under one dwelling per household and at most a type's capacity per type. The LP of that problem has a
dual: a price ``u[h] >= 0`` per household and ``p[t] >= 0`` per type with ``u[h] + p[t] >= value(h, t)`` on
every suitable pair. By weak duality any such prices bound the total of every allocation by ``sum(u) +
sum(capacity * p)``; prices whose bound equals the total of a feasible allocation prove that no allocation does
better. That is what ``certify`` checks, in exact integers, pair by pair: the allocation uses only suitable
pairs within capacity, the prices are feasible, and the bound equals the total. The proof is as strong as
CP-SAT's (which re-solved the model from the allocation as a hint) and needs neither CP-SAT nor a time limit,
so the same input always gets the same proof.

The prices are found from shortest paths in the allocation's residual graph (Bellman-Ford): when the
allocation is optimal that graph has no cycle of negative cost and the distances give the prices; when it has
one, a better allocation exists, a bug raised as ``SolverDisagreement``, never hidden. Above
``Settings.certify_max_pairs`` suitable pairs the certificate is skipped as before and the exact step's optimum
stands alone; the independent checker still verifies the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

from allocator.domain import Instance, Settings
from allocator.engine.flow import UNHOUSED
from allocator.engine.types import DwellingTypes
from allocator.engine.weighted import pair_costs

log = logging.getLogger(__name__)

PairValue = Callable[[np.ndarray, np.ndarray], np.ndarray]
# The status of a certificate the prices settled: the allocation is proven optimal (not by CP-SAT).
PROVEN = "OPTIMAL_DUAL"


class SolverDisagreement(RuntimeError):
    """The certificate found a better allocation than the exact step, or none could be checked: a bug."""


def certify(
    types: DwellingTypes, pair_value: PairValue, assign: np.ndarray, settings: Settings
) -> tuple[str, int, float | None]:
    """``(status, total, bound)`` of ``assign`` (the type of each household, ``UNHOUSED`` = -1)."""
    housed = np.flatnonzero(assign != UNHOUSED)
    ours = int(pair_value(housed, assign[housed]).sum())
    if len(types.pair_household) > settings.certify_max_pairs:
        log.info("certificate skipped: more than %d suitable pairs", settings.certify_max_pairs)
        return "SKIPPED", ours, float(ours)
    hh, tt = types.pair_household, types.pair_type
    value = pair_value(hh, tt).astype(np.int64)
    chosen = assign[hh] == tt
    _require_feasible(types, assign, housed, chosen)
    household_price, type_price = _prices(types, value, chosen)
    bound = _checked_bound(types, value, household_price, type_price)
    if bound != ours:
        raise SolverDisagreement(f"the prices bound the total at {bound}, the allocation has {ours}")
    return PROVEN, ours, float(bound)


def _require_feasible(
    types: DwellingTypes, assign: np.ndarray, housed: np.ndarray, chosen: np.ndarray
) -> None:
    if int(chosen.sum()) != len(housed):
        raise SolverDisagreement(
            "the allocation gives a household a dwelling type that is not suitable for it"
        )
    used = np.bincount(assign[housed], minlength=len(types))
    if (used > types.capacity).any():
        raise SolverDisagreement("the allocation gives a dwelling type more households than it has dwellings")


def _prices(types: DwellingTypes, value: np.ndarray, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Prices from shortest-path distances ``d`` in the residual graph, whose nodes are the households, the
    types and one node ``o`` outside (where every household not housed and every free place is):
    ``o -> h`` for a household not housed and ``h -> o`` for a housed one (cost 0), ``h -> t`` for a pair not
    chosen (cost ``-value``) and ``t -> h`` for a chosen one (cost ``value``), ``t -> o`` for a type with a free
    place and ``o -> t`` for a type in use (cost 0). Then ``p[t] = max(0, d[o] - d[t])`` and, for a housed
    household, ``u[h] = value(h, t) - p[t]`` (0 for one not housed): complementary slackness holds by
    construction, and the distances' triangle inequalities make the prices feasible."""
    n, n_types = types.n_households, len(types)
    hh, tt = types.pair_household, types.pair_type
    outside = n + n_types
    housed = np.zeros(n, dtype=bool)
    housed[hh[chosen]] = True
    used = np.bincount(tt[chosen], minlength=n_types)
    free, in_use = used < types.capacity, used > 0
    households, type_node = np.arange(n), n + np.arange(n_types)
    parts = (  # (from, to, cost) per kind of arc
        (np.where(housed, households, outside), np.where(housed, outside, households), np.zeros(n, np.int64)),
        (np.where(chosen, n + tt, hh), np.where(chosen, hh, n + tt), np.where(chosen, value, -value)),
        (type_node[free], np.full(int(free.sum()), outside), np.zeros(int(free.sum()), np.int64)),
        (np.full(int(in_use.sum()), outside), type_node[in_use], np.zeros(int(in_use.sum()), np.int64)),
    )
    src, dst, cost = (np.concatenate(column) for column in zip(*parts, strict=True))
    distance = _shortest_distances(outside + 1, src, dst, cost)
    type_price = np.maximum(0, distance[outside] - distance[n:outside])
    household_price = np.zeros(n, np.int64)
    household_price[hh[chosen]] = value[chosen] - type_price[tt[chosen]]
    return household_price, type_price


def _shortest_distances(n_nodes: int, src: np.ndarray, dst: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Bellman-Ford from a root joined to every node at cost 0, relaxing every arc at once per round; more
    rounds than nodes means a cycle of negative cost: a better allocation exists."""
    order = np.argsort(dst, kind="stable")
    src, dst, cost = src[order], dst[order], cost[order]
    heads, starts = np.unique(dst, return_index=True)
    distance = np.zeros(n_nodes, np.int64)
    for _ in range(n_nodes + 1):
        best = np.minimum.reduceat(distance[src] + cost, starts) if len(src) else np.empty(0, np.int64)
        better = best < distance[heads]
        if not better.any():
            return distance
        distance[heads[better]] = best[better]
    raise SolverDisagreement(
        "the allocation can be improved: its residual graph has a cycle of negative cost"
    )


def _checked_bound(
    types: DwellingTypes, value: np.ndarray, household_price: np.ndarray, type_price: np.ndarray
) -> int:
    """The prices' bound on every allocation, once they are checked feasible on every suitable pair."""
    if (household_price < 0).any() or (type_price < 0).any():
        raise SolverDisagreement("a price of the certificate is negative")
    short = household_price[types.pair_household] + type_price[types.pair_type] < value
    if short.any():
        raise SolverDisagreement(f"the certificate's prices fall short on {int(short.sum())} suitable pairs")
    return int(household_price.sum()) + int((types.capacity.astype(np.int64) * type_price).sum())


def weighted_value(instance: Instance, types: DwellingTypes, settings: Settings) -> PairValue:
    """Coverage first: a bonus per housed household larger than any spread of the weighted costs."""
    all_costs = pair_costs(instance.households, types.pair_rank, types.pair_household, settings)
    spread = int(all_costs.max(initial=0)) - int(all_costs.min(initial=0)) + 1
    bonus = spread * (len(instance.households) + 1)

    def value(hh: np.ndarray, tt: np.ndarray) -> np.ndarray:
        return bonus - pair_costs(instance.households, types.rank_of(hh, tt), hh, settings)

    return value
