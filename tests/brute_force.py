"""Serial dictatorship with ties, the slow obvious way: the ranks every good allocation must give (for tests).

shared/domain.md, "how the result is judged": first the housed set (as many housed as possible, then as many
permanent; of those, the priority-greedy set), then each housed household in priority order gets the best wish
rank that still lets every housed household be housed and everyone ahead keep its rank. Both steps are done
literally, one flow per question, on tiny instances:

- housed set: for each household in priority order, keep it if some allocation with the most housed and the
  most permanent households houses it together with those already kept (a min-cost flow that puts the kept
  households first, then coverage, then permanent households, and says whether all three are met);
- ranks: for each housed household in priority order and each of its ranks from best upwards, a max flow says
  whether all housed households can be housed with everyone ahead at its settled rank and this one at that
  rank; the first rank that can is its rank.

Suitability is the checker's (``allocator.check.suitability``), one pair at a time; nothing of the solver's is
used. Decisions: fixed households keep their fixed dwelling (and its rank), fixed dwellings are taken, forbidden
pairs are never suitable.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from allocator.check.suitability import build_tables, failed_rules
from allocator.domain import Decisions, Instance, Kind, Settings, priority_order, wish_rank


def brute_force_ranks(
    instance: Instance, settings: Settings, decisions: Decisions | None = None
) -> dict[str, int | None]:
    """Household id -> the wish rank serial dictatorship with ties gives it (None: unhoused)."""
    return brute_force(instance, settings, decisions)[0]


def brute_force_allocation(
    instance: Instance, settings: Settings, decisions: Decisions | None = None
) -> dict[str, str]:
    """One allocation (household id -> dwelling id, fixed pairs included) realising ``brute_force_ranks``."""
    return brute_force(instance, settings, decisions)[1]


def brute_force(
    instance: Instance, settings: Settings, decisions: Decisions | None = None
) -> tuple[dict[str, int | None], dict[str, str]]:
    hs, vs = instance.households, instance.vacancies
    decisions = decisions or Decisions()
    h_index = {h.household_id: i for i, h in enumerate(hs)}
    d_index = {v.dwelling_id: j for j, v in enumerate(vs)}
    fixed = {h_index[h]: d_index[d] for h, d in decisions.fixed if h in h_index and d in d_index}
    taken = set(fixed.values())
    banned = {(h_index[h], d_index[d]) for h, d in decisions.forbidden if h in h_index and d in d_index}
    allowed = _allowed(instance, settings, fixed, taken, banned)

    def rank(h: int, d: int) -> int:
        return wish_rank(hs[h], vs[d].department)

    order = [h for h in priority_order(hs, settings.tie_break_seed) if h not in fixed]
    permanent = {h for h in order if hs[h].kind is Kind.PERMANENT}
    most, most_permanent, _ = _best_with(allowed, order, permanent, set())
    kept: list[int] = []
    for h in order:
        housed, perm, required = _best_with(allowed, order, permanent, {*kept, h})
        if (housed, perm, required) == (most, most_permanent, len(kept) + 1):
            kept.append(h)

    settled: dict[int, int] = {}
    matching: dict[int, int] = {}
    for h in kept:
        for r in sorted({rank(h, d) for d in allowed[h]}):
            trial = settled | {h: r}
            options = {g: [d for d in allowed[g] if g not in trial or rank(g, d) == trial[g]] for g in kept}
            found = _perfect(options)
            if found is not None:
                settled[h], matching = r, found
                break
        else:  # pragma: no cover - a kept household is housed in some allocation, so some rank works
            raise AssertionError(f"no rank for kept household {hs[h].household_id}")
    matching |= fixed
    ranks: dict[str, int | None] = {h.household_id: None for h in hs}
    ranks.update({hs[h].household_id: rank(h, d) for h, d in matching.items()})
    return ranks, {hs[h].household_id: vs[d].dwelling_id for h, d in matching.items()}


def _allowed(
    instance: Instance,
    settings: Settings,
    fixed: dict[int, int],
    taken: set[int],
    banned: set[tuple[int, int]],
) -> dict[int, list[int]]:
    """Per open household, the open dwellings it may take (each pair judged on its own)."""
    t = build_tables(instance, settings)
    n, m = len(instance.households), len(instance.vacancies)
    allowed: dict[int, list[int]] = {}
    for h in range(n):
        if h in fixed:
            continue
        allowed[h] = []
        for d in range(m):
            if d in taken or (h, d) in banned:
                continue
            failures = failed_rules(t, np.array([h]), np.array([d]))
            if not any(bool(f[0]) for f in failures.values()):
                allowed[h].append(d)
    return allowed


def _best_with(
    allowed: dict[int, list[int]], order: list[int], permanent: set[int], required: set[int]
) -> tuple[int, int, int]:
    """Among maximum matchings, one housing the most ``required`` households, then the most permanent ones:
    ``(housed, permanent housed, required housed)`` of it."""
    households = sorted(allowed)
    dwellings = sorted({d for h in households for d in allowed[h]})
    if not dwellings:
        return 0, 0, 0
    k = len(households) + 1
    node = {h: 1 + i for i, h in enumerate(households)}
    d_node = {d: 1 + len(households) + j for j, d in enumerate(dwellings)}
    source, sink = 0, 1 + len(households) + len(dwellings)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = {}
    for h in households:
        weight = (k * k if h in required else 0) + (1 if h in permanent else 0)
        arcs[h] = flow.add_arc_with_capacity_and_unit_cost(source, node[h], 1, -weight)
        for d in allowed[h]:
            flow.add_arc_with_capacity_and_unit_cost(node[h], d_node[d], 1, 0)
    for d in dwellings:
        flow.add_arc_with_capacity_and_unit_cost(d_node[d], sink, 1, 0)
    flow.set_node_supply(source, len(households))
    flow.set_node_supply(sink, -len(households))
    status = flow.solve_max_flow_with_min_cost()
    assert status == flow.OPTIMAL
    housed = [h for h in households if flow.flow(arcs[h])]
    return len(housed), sum(h in permanent for h in housed), sum(h in required for h in housed)


def _perfect(options: dict[int, list[int]]) -> dict[int, int] | None:
    """A matching housing every household of ``options`` in one of its dwellings, or None."""
    households = sorted(options)
    dwellings = sorted({d for h in households for d in options[h]})
    node = {h: 1 + i for i, h in enumerate(households)}
    d_node = {d: 1 + len(households) + j for j, d in enumerate(dwellings)}
    source, sink = 0, 1 + len(households) + len(dwellings)
    flow = max_flow.SimpleMaxFlow()
    pairs = {}
    for h in households:
        flow.add_arc_with_capacity(source, node[h], 1)
        for d in options[h]:
            pairs[h, d] = flow.add_arc_with_capacity(node[h], d_node[d], 1)
    for d in dwellings:
        flow.add_arc_with_capacity(d_node[d], sink, 1)
    if households and flow.solve(source, sink) != flow.OPTIMAL:  # pragma: no cover
        raise RuntimeError("max flow failed")
    if households and flow.optimal_flow() < len(households):
        return None
    return {h: d for (h, d), arc in pairs.items() if flow.flow(arc)}


def every_allocation(allowed: dict[int, set[int]], housed: list[int]):
    """Every allocation (household -> dwelling, no dwelling twice) of exactly the households ``housed``, each in
    one of its ``allowed`` dwellings: the brute force behind the explanations' claims (``tests/explain_claims.py``)."""
    order = sorted(housed, key=lambda h: len(allowed[h]))
    taken: set[int] = set()
    chosen: dict[int, int] = {}

    def extend(k: int):
        if k == len(order):
            yield dict(chosen)
            return
        h = order[k]
        for d in sorted(allowed[h]):
            if d not in taken:
                taken.add(d)
                chosen[h] = d
                yield from extend(k + 1)
                taken.discard(d)
                del chosen[h]

    yield from extend(0)
