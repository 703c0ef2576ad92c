"""Solve one instance: eligibility, dwelling types, strict priority, the CP-SAT certificate, explanations.

The exact strict-priority step (``allocator.strict_priority``) gives the allocation; the CP-SAT model
(``allocator.model``) is solved with it as a complete hint and must find nothing better. The answer therefore comes
from a deterministic step, so it is the same whatever the number of CP-SAT workers, and a CP-SAT solution better
than the hint would be a bug, raised loudly.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from ortools.sat.python import cp_model

from allocator import eligibility as eligibility_stage
from allocator import model as model_stage
from allocator.domain import Instance, Settings, priority_order
from allocator.explain import unhoused_reasons
from allocator.result import Assignment, Result, SolverStats, Unassigned
from allocator.rules import HARD_RULES
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


def solve(instance: Instance, settings: Settings, *, warnings: tuple[str, ...] = ()) -> Result:
    started = time.perf_counter()
    elig = eligibility_stage.compute(instance, settings)
    types = eligibility_stage.group_types(elig)
    order = priority_order(instance.households, settings.tie_break_seed)
    log.info(
        "%d households, %d vacancies, %d dwelling types, %d suitable pairs",
        len(instance.households),
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

    dwelling_of = _hand_out_dwellings(assign, types, order)
    households = instance.households
    assignments = tuple(
        Assignment(
            household_id=h.household_id,
            dwelling_id=instance.vacancies[dwelling_of[i]].dwelling_id,
            rank=int(types.rank[i, assign[i]]),
        )
        for i, h in enumerate(households)
        if i in dwelling_of
    )
    holder_of = {v: h for h, v in dwelling_of.items()}
    unassigned = tuple(
        Unassigned(household_id=h.household_id, reasons=unhoused_reasons(elig, i, holder_of, settings))
        for i, h in enumerate(households)
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
        seconds=time.perf_counter() - started,
    )
    return Result(
        instance=instance,
        settings=settings,
        assignments=assignments,
        unassigned=unassigned,
        stats=stats,
        rule_figures=_rule_figures(elig, unassigned),
        warnings=warnings,
    )


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
    assign: np.ndarray, types: eligibility_stage.DwellingTypes, order: list[int]
) -> dict[int, int]:
    """Within a type, households in priority order take the dwellings in dwelling-id order."""
    dwelling_of: dict[int, int] = {}
    taken = np.zeros(len(types), dtype=np.int64)
    for h in order:
        t = int(assign[h])
        if t != UNHOUSED:
            dwelling_of[h] = int(types.vacancies[t][taken[t]])
            taken[t] += 1
    return dwelling_of


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
