"""Solve one instance: eligibility, dwelling types, strict priority, the CP-SAT certificate, explanations.

The exact strict-priority step (``allocator.strict_priority``) gives the allocation; the CP-SAT model
(``allocator.model``) is solved with it as a complete hint and must find nothing better. The answer therefore comes
from a deterministic step, so it is the same whatever the number of CP-SAT workers, and a CP-SAT solution better
than the hint would be a bug, raised loudly.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from allocator import eligibility as eligibility_stage
from allocator import model as model_stage
from allocator.domain import Decisions, Instance, Settings, priority_order, wish_rank
from allocator.explain import unhoused_reasons
from allocator.result import Assignment, Result, SolverStats, Unassigned
from allocator.rules import HARD_RULES
from allocator.budget import pair_cost
from allocator.model import PairValue
from allocator.weighted_priority import allocate_weighted, pair_costs
from allocator.strict_priority import (
    UNHOUSED,
    house_priority_greedy,
    improve_by_exchanges,
    priority_weights,
)

log = logging.getLogger(__name__)


class SolverDisagreement(RuntimeError):
    """CP-SAT found an allocation the exact step missed: a bug, never to be hidden."""


def solve(
    instance: Instance,
    settings: Settings,
    *,
    decisions: Decisions = Decisions(),
    warnings: tuple[str, ...] = (),
) -> Result:
    """Allocate the households not fixed by ``decisions`` to the vacancies not fixed by them."""
    started = time.perf_counter()
    fixed = dict(decisions.fixed)
    taken = set(fixed.values())
    open_instance = Instance(
        tuple(h for h in instance.households if h.household_id not in fixed),
        tuple(v for v in instance.vacancies if v.dwelling_id not in taken),
    )
    if fixed:
        log.info("%d households fixed by earlier decisions, %d open", len(fixed), len(open_instance.households))
    elig = eligibility_stage.compute(open_instance, settings, decisions.forbidden)
    found, unassigned, stats = _allocate_open(elig, settings)
    departments = {v.dwelling_id: v.department for v in instance.vacancies}
    assignments = tuple(
        Assignment(h.household_id, fixed[h.household_id], wish_rank(h, departments.get(fixed[h.household_id], "")))
        if h.household_id in fixed
        else found[h.household_id]
        for h in instance.households
        if h.household_id in fixed or h.household_id in found
    )
    return Result(
        instance=instance,
        settings=settings,
        assignments=assignments,
        unassigned=unassigned,
        stats=replace(stats, seconds=time.perf_counter() - started),
        rule_figures=_rule_figures(elig, unassigned),
        warnings=warnings,
        decisions=decisions,
    )


def _allocate_open(
    elig: eligibility_stage.Eligibility, settings: Settings
) -> tuple[dict[str, Assignment], tuple[Unassigned, ...], SolverStats]:
    instance = elig.instance
    types = eligibility_stage.group_types(elig)
    order = priority_order(instance.households, settings.tie_break_seed)
    log.info(
        "%d vacancies open, %d dwelling types, %d suitable pairs",
        len(instance.vacancies),
        len(types),
        int(types.suitable.sum()),
    )
    if settings.priority == "weighted":
        assign, exchanges = allocate_weighted(
            instance.households, types.suitable, types.rank, types.capacity, settings
        ), 0
        pair_value = _weighted_value(instance, types, settings)
    else:
        greedy = house_priority_greedy(types.suitable, types.rank, types.capacity, order)
        assign, exchanges = improve_by_exchanges(greedy, types.suitable, types.rank, types.capacity, order)
        weights = priority_weights(order)
        pair_value = lambda hh, tt: weights[hh]  # noqa: E731
    log.info("%s priority: %d housed, %d exchanges", settings.priority, int((assign != UNHOUSED).sum()), exchanges)
    cp_status, objective, bound = certify(types, pair_value, assign, settings)

    dwelling_of = _hand_out_dwellings(assign, types, order, instance, settings)
    found = {
        h.household_id: Assignment(
            household_id=h.household_id,
            dwelling_id=instance.vacancies[dwelling_of[i]].dwelling_id,
            rank=int(types.rank[i, assign[i]]),
        )
        for i, h in enumerate(instance.households)
        if i in dwelling_of
    }
    holder_of = {v: h for h, v in dwelling_of.items()}
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    places = position.tolist()
    unassigned = tuple(
        Unassigned(household_id=h.household_id, reasons=unhoused_reasons(elig, i, holder_of, places, settings))
        for i, h in enumerate(instance.households)
        if i not in dwelling_of
    )
    stats = SolverStats(
        status="optimal" if cp_status in ("OPTIMAL", "SKIPPED") else "feasible",
        objective=objective,
        bound=bound,
        cp_sat_status=cp_status,
        exchanges=exchanges,
        dwelling_types=len(types),
        suitable_pairs=int(types.suitable.sum()),
        seconds=0.0,
    )
    return found, unassigned, stats


def certify(
    types: eligibility_stage.DwellingTypes, pair_value: PairValue, assign: np.ndarray, settings: Settings
) -> tuple[str, int, float]:
    """Solve the CP-SAT model from the allocation as a complete hint; it must find nothing better."""
    housed = np.flatnonzero(assign != UNHOUSED)
    ours = int(pair_value(housed, assign[housed]).sum())
    if int(types.suitable.sum()) > settings.certify_max_pairs:
        log.info("CP-SAT certificate skipped: more than %d suitable pairs", settings.certify_max_pairs)
        return "SKIPPED", ours, float(ours)
    model, variables = model_stage.build(types, pair_value)
    variables.hint(model, assign)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = settings.workers
    solver.parameters.max_time_in_seconds = settings.time_limit_s
    solver.parameters.random_seed = settings.tie_break_seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise SolverDisagreement(f"CP-SAT ended with {solver.status_name(status)} on a feasible allocation")
    if round(solver.objective_value) > ours:
        raise SolverDisagreement(f"CP-SAT found objective {solver.objective_value:.0f}, the allocation has {ours}")
    return solver.status_name(status), ours, float(solver.best_objective_bound)


def _weighted_value(instance: Instance, types: eligibility_stage.DwellingTypes, settings: Settings) -> PairValue:
    """Coverage first: a bonus per housed household larger than any spread of the weighted costs."""
    all_costs = pair_costs(instance.households, types.rank, *np.nonzero(types.suitable), settings)
    spread = int(all_costs.max(initial=0)) - int(all_costs.min(initial=0)) + 1
    bonus = spread * (len(instance.households) + 1)

    def value(hh: np.ndarray, tt: np.ndarray) -> np.ndarray:
        return bonus - pair_costs(instance.households, types.rank, hh, tt, settings)

    return value


def _hand_out_dwellings(
    assign: np.ndarray,
    types: eligibility_stage.DwellingTypes,
    order: list[int],
    instance: Instance,
    settings: Settings,
) -> dict[int, int]:
    """Give each housed household one dwelling of its type.

    The dwellings of a type are interchangeable for every rule and every wish, so this choice never changes the
    checker's verdict; with the cost tie-break on it goes to the cheapest hand-out for the project (a min-cost
    assignment within the type), otherwise households in priority order take the dwellings in dwelling-id order.
    """
    holders: dict[int, list[int]] = {}
    for h in order:
        if assign[h] != UNHOUSED:
            holders.setdefault(int(assign[h]), []).append(h)
    dwelling_of: dict[int, int] = {}
    for t, group in holders.items():
        dwellings = types.vacancies[t].tolist()
        picks = list(range(len(group)))
        if settings.budget.cost_tie_break and len(dwellings) > 1:
            picks = _cheapest(group, dwellings, instance, settings)
        for h, k in zip(group, picks, strict=True):
            dwelling_of[h] = dwellings[k]
    return dwelling_of


def _cheapest(group: list[int], dwellings: list[int], instance: Instance, settings: Settings) -> list[int]:
    """Index into ``dwellings`` for each household of ``group`` minimising the project's cost (whole kroner)."""
    cost = np.array(
        [[round(pair_cost(instance.households[h], instance.vacancies[d], settings)) for d in dwellings] for h in group],
        dtype=np.int64,
    )
    if (cost == cost[0, 0]).all():
        return list(range(len(group)))
    n, m = cost.shape
    flow = min_cost_flow.SimpleMinCostFlow()
    rows, cols = np.divmod(np.arange(n * m), m)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        rows, n + cols, np.ones(n * m, dtype=np.int64), cost.reshape(-1)
    )
    flow.add_arcs_with_capacity_and_unit_cost(  # dwellings left over drain to a sink
        n + np.arange(m), np.full(m, n + m), np.ones(m, dtype=np.int64), np.zeros(m, dtype=np.int64)
    )
    flow.set_nodes_supplies(np.arange(n + m + 1), np.concatenate([np.ones(n, np.int64), np.zeros(m, np.int64), [-n]]))
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("the cost tie-break's assignment did not solve")
    used = flow.flows(arcs) > 0
    picks = np.empty(n, dtype=np.int64)
    picks[rows[used]] = cols[used]
    return picks.tolist()


def _rule_figures(elig: eligibility_stage.Eligibility, unassigned: tuple[Unassigned, ...]) -> dict[str, dict]:
    """Per rule: pairs it excludes, and unhoused households for whom it was the rule that left nothing."""
    figures = {}
    for rule in HARD_RULES:
        allowed = rule.suitable(elig.tables.households, elig.tables.vacancies, elig.settings)
        figures[rule.NAME] = {
            "pairs_excluded": int(allowed.size - allowed.sum()),
            "unhoused_by_it": sum(1 for u in unassigned for r in u.reasons if r.code == f"no_{rule.NAME}"),
        }
    return figures
