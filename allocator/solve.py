"""Solve one instance: eligibility, dwelling types, the housed set, the serial dictatorship, the
certificate, the hand-out of dwellings, and the reasons for every household not housed (``allocator.engine``).

Households and dwellings fixed by earlier decisions (accepted or pending offers, pins) are given and take no
part (in a phased case the dwelling does, outside its fixed stays); forbidden pairs (refusals, a coordinator's
"must not get") are removed from the suitable ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from allocator.domain import Decisions, Household, Instance, Settings, priority_order, wish_rank
from allocator.engine import eligibility as eligibility_stage
from allocator.engine.certify import certify, weighted_value
from allocator.engine.flow import UNHOUSED
from allocator.engine.hand_out import hand_out_dwellings
from allocator.engine.housed_set import house_in_priority_order, priority_weights
from allocator.engine.paths import Paths
from allocator.engine.serial_dictatorship import serve_in_priority_order
from allocator.engine.weighted import allocate_weighted, pair_costs
from allocator.explain import unhoused_reasons
from allocator.explain.held import HeldOverTime
from allocator.result import Assignment, Result, SolverStats, Unassigned
from allocator.rules import HARD_RULES
from allocator.stays import stay_of
from allocator.timing import stage

log = logging.getLogger(__name__)
NO_DECISIONS = Decisions()


def solve(
    instance: Instance,
    settings: Settings,
    *,
    decisions: Decisions = NO_DECISIONS,
    warnings: tuple[str, ...] = (),
    fixed_as: Mapping[str, str] | None = None,
) -> Result:
    """Allocate the households not fixed by ``decisions`` to the vacancies not fixed by them.

    ``fixed_as`` says per fixed household how its pair came about (``accepted``, ``pending``, ``pinned``), so
    that the reasons of households not housed name a dwelling held for another for what it is."""
    started = time.perf_counter()
    fixed = dict(decisions.fixed)
    # In a phased case a fixed dwelling stays open for the stays before and after its fixed ones
    # (``_held_by_fixed``); without phases it is taken.
    taken = set() if instance.phased else set(fixed.values())
    open_instance = Instance(
        tuple(h for h in instance.households if h.household_id not in fixed),
        tuple(v for v in instance.vacancies if v.dwelling_id not in taken),
        phases=instance.phases,
    )
    if fixed:
        log.info("%d households fixed by decisions, %d open", len(fixed), len(open_instance.households))
    with stage("eligibility"):
        held = _held_by_fixed(instance, open_instance, settings, fixed) if instance.phased else ()
        elig = eligibility_stage.compute(open_instance, settings, decisions.forbidden + held)
    with stage("solve"):
        if instance.phased:
            found, stats = _allocate_phased(elig, settings)
        else:
            found, stats = _allocate_open(elig, settings)
    departments = {v.dwelling_id: v.department for v in instance.vacancies}
    assignments = tuple(
        _fixed_assignment(h, fixed[h.household_id], departments, settings)
        if h.household_id in fixed
        else found[h.household_id]
        for h in instance.households
        if h.household_id in fixed or h.household_id in found
    )
    with stage("explain"):
        unassigned = _unassigned(instance, settings, decisions, elig, assignments, fixed_as or {})
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


def _held_by_fixed(
    instance: Instance, open_instance: Instance, settings: Settings, fixed: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    """The (open household, dwelling) pairs a fixed stay rules out: the household's stay overlaps it.

    Given to the eligibility as forbidden pairs, so a dwelling with a fixed stay is a type of its own, or shares
    one only with dwellings that no open household can tell apart from it. Every open stay of such a type fits
    every fixed stay of it, so the time model's count of stays running at once stays exact and the hand-out may
    put any chain on any of its dwellings. Not counted: that such a dwelling is held anyway, so the fewest
    dwellings held and the empty days (the last goals, which never change a rank) may pass it over.
    """
    by_id = {h.household_id: h for h in instance.households}
    fixed_stays: dict[str, list] = {}
    for household_id, dwelling_id in fixed.items():
        if household_id in by_id:
            fixed_stays.setdefault(dwelling_id, []).append(stay_of(by_id[household_id], settings))
    pairs = []
    for h in open_instance.households:
        mine = stay_of(h, settings)
        pairs.extend(
            (h.household_id, dwelling_id)
            for dwelling_id, stays in fixed_stays.items()
            if any(mine.overlaps(other, settings) for other in stays)
        )
    return tuple(pairs)


def _fixed_assignment(
    household: Household, dwelling_id: str, departments: dict[str, str], settings: Settings
) -> Assignment:
    rank = wish_rank(household, departments.get(dwelling_id, ""))
    return Assignment(household.household_id, dwelling_id, rank, *_stay_dates(household, settings))


def _stay_dates(household: Household, settings: Settings) -> tuple[dt.date | None, dt.date | None]:
    """``(stay_from, stay_until)`` of a phased case's assignment (``allocator.stays``); none without phases."""
    if household.phase is None or household.move_by is None:
        return None, None
    stay = stay_of(household, settings)
    return stay.start, stay.until


def _unassigned(
    instance: Instance,
    settings: Settings,
    decisions: Decisions,
    elig: eligibility_stage.Eligibility,
    assignments: tuple[Assignment, ...],
    fixed_as: Mapping[str, str],
) -> tuple[Unassigned, ...]:
    """The reasons of every household not housed, judged against every vacancy of the case: with pairs fixed
    by decisions, the open part's eligibility is not enough, as a dwelling held for another is still a vacancy
    (its holder is named instead). In a phased case the holder named is one whose stay overlaps the
    household's (``allocator.explain.held``)."""
    if decisions.fixed:
        elig = eligibility_stage.compute(instance, settings, decisions.forbidden)
    households, vacancies = instance.households, instance.vacancies
    index_of_household = {h.household_id: i for i, h in enumerate(households)}
    index_of_dwelling = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    holder_of = {
        index_of_dwelling[a.dwelling_id]: index_of_household[a.household_id]
        for a in assignments
        if a.dwelling_id in index_of_dwelling
    }
    kinds = {
        index_of_household[h]: fixed_as.get(h, "decided")
        for h, _ in decisions.fixed
        if h in index_of_household
    }
    order = priority_order(households, settings.tie_break_seed)
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    places = position.tolist()
    housed = {a.household_id for a in assignments}
    held = None
    if instance.phased:
        home = {
            index_of_household[a.household_id]: index_of_dwelling[a.dwelling_id]
            for a in assignments
            if a.dwelling_id in index_of_dwelling
        }
        held = HeldOverTime.build(instance, settings, home, kinds, position)
    return tuple(
        Unassigned(h.household_id, unhoused_reasons(elig, i, holder_of, places, settings, kinds, held))
        for i, h in enumerate(households)
        if h.household_id not in housed
    )


def _allocate_open(
    elig: eligibility_stage.Eligibility, settings: Settings
) -> tuple[dict[str, Assignment], SolverStats]:
    instance = elig.instance
    types = elig.types
    order = priority_order(instance.households, settings.tie_break_seed)
    log.info(
        "%d vacancies open, %d dwelling types, %d suitable pairs",
        len(instance.vacancies),
        len(types),
        len(types.pair_household),
    )
    if settings.priority == "weighted":
        assign, exchanges = allocate_weighted(instance.households, types, settings), 0
        pair_value = weighted_value(instance, types, settings)
    else:
        paths = Paths(types)
        house_in_priority_order(paths, order)
        exchanges = serve_in_priority_order(paths, order)
        assign = paths.assign
        weights = priority_weights(order)
        pair_value = lambda hh, tt: weights[hh]  # noqa: E731
    housed = int((assign != UNHOUSED).sum())
    log.info("%s priority: %d housed, %d improved by seniority", settings.priority, housed, exchanges)
    cp_status, objective, bound = certify(types, pair_value, assign, settings)

    dwelling_of = hand_out_dwellings(assign, types, order, instance, settings)
    housed_index = np.flatnonzero(assign != UNHOUSED)
    rank_of = dict(
        zip(housed_index.tolist(), types.rank_of(housed_index, assign[housed_index]).tolist(), strict=True)
    )
    found = {
        h.household_id: Assignment(
            household_id=h.household_id,
            dwelling_id=instance.vacancies[dwelling_of[i]].dwelling_id,
            rank=rank_of[i],
        )
        for i, h in enumerate(instance.households)
        if i in dwelling_of
    }
    stats = SolverStats(
        # The exact step gives the optimum; the certificate proves it (its status is reported beside).
        status="optimal",
        objective=objective,
        bound=bound,
        cp_sat_status=cp_status,
        exchanges=exchanges,
        dwelling_types=len(types),
        suitable_pairs=len(types.pair_household),
        seconds=0.0,
    )
    return found, stats


def _allocate_phased(
    elig: eligibility_stage.Eligibility, settings: Settings
) -> tuple[dict[str, Assignment], SolverStats]:
    """Dwellings shared over time (issue 12): the goals settled by CP-SAT questions (``engine.phased``)."""
    # Imported here: CP-SAT (and the pandas it loads) costs half a second a case without phases never needs.
    from allocator.engine.phased import allocate_phased
    from allocator.engine.stay_hand_out import hand_out_stays
    from allocator.engine.stay_times import stay_times

    instance = elig.instance
    types = elig.types
    order = priority_order(instance.households, settings.tie_break_seed)
    times = stay_times(elig, settings)
    log.info(
        "phased case: %d phases, %d vacancies open, %d dwelling types, %d suitable pairs",
        len(instance.phases),
        len(instance.vacancies),
        len(types),
        len(types.pair_household),
    )
    costs = (
        pair_costs(instance.households, types.pair_rank, types.pair_household, settings)
        if settings.priority == "weighted"
        else None
    )
    answer = allocate_phased(types, times, order, elig.tables.households.permanent, settings, costs)
    assign = answer.assign
    free_from = elig.tables.vacancies.available_from.astype(np.int64)
    dwelling_of = hand_out_stays(assign, types, times, free_from, order)
    found = {}
    for i, h in enumerate(instance.households):
        if i in dwelling_of:
            rank = int(types.rank_of(np.array([i]), np.array([assign[i]]))[0])
            found[h.household_id] = Assignment(
                h.household_id,
                instance.vacancies[dwelling_of[i]].dwelling_id,
                rank,
                *_stay_dates(h, settings),
            )
    log.info(
        "phased case: %d housed, %d dwellings held, %d empty dwelling-days, %d questions",
        len(found),
        answer.held,
        answer.empty_days,
        answer.questions,
    )
    stats = SolverStats(
        status="optimal",
        objective=answer.held,
        bound=float(answer.held),
        # The priority goals are proven whatever happens; the dwellings held only if the last solve finished.
        cp_sat_status="OPTIMAL" if answer.held_proven else "FEASIBLE",
        exchanges=answer.questions,
        dwelling_types=len(types),
        suitable_pairs=len(types.pair_household),
        seconds=0.0,
    )
    return found, stats


def _rule_figures(elig: eligibility_stage.Eligibility, unassigned: tuple[Unassigned, ...]) -> dict[str, dict]:
    """Per rule: pairs it excludes, and unhoused households for whom it was the rule that left nothing."""
    return {
        rule.NAME: {
            "pairs_excluded": elig.excluded[rule.NAME],
            "unhoused_by_it": sum(1 for u in unassigned for r in u.reasons if r.code == f"no_{rule.NAME}"),
        }
        for rule in HARD_RULES
    }
