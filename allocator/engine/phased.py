"""The allocation of a phased case, goal by goal, as shared/domain.md and issue 12 order them.

Dwellings shared over time are no longer a matroid, so each goal is settled by questions, and every answer becomes
a constraint for the next question (``allocator.engine.phased_steps`` asks them):

1. the most households housed, then the most permanent ones among them (two optimum values);
2. the housed set first in priority order: for each household in priority order, is there still an allocation
   of that coverage housing it together with every household already kept? If yes it is kept, if no it is left
   out for good;
3. serial dictatorship with ties: for each kept household in priority order, the best wish rank it can have with
   every household ahead keeping its rank and the kept set housed; it then keeps that rank, not the dwelling;
4. with every rank fixed: the fewest dwellings held, then the fewest empty dwelling-days (two linear programs,
   ``allocator.engine.fewest_held``; CP-SAT where their answer is not whole).

A question is first put to the linear relaxation (``allocator.engine.relaxation``), which proves most "no"s by
duality and finds most "yes"es as integral solutions; CP-SAT answers the rest. The components of the
household-type graph are independent (a household only reaches its own types), so each is solved alone, the large
ones side by side in processes (``_run``): each component's answer is the same wherever it runs.

Reproducible: GLOP is deterministic, and every CP-SAT call runs one worker with its limit in CP-SAT's
deterministic time, so the same case gives the same questions, answers and final solution on every run, whatever
``Settings.workers`` says (it is not used here).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.domain import Settings
from allocator.engine.fewest_held import Held, fewest_held, held_weight
from allocator.engine.flow import UNHOUSED
from allocator.engine.phased_steps import ComponentSteps, NotDecided, cp_solver
from allocator.engine.time_model import StayTimes
from allocator.engine.types import DwellingTypes, restrict

log = logging.getLogger(__name__)
__all__ = ["NotDecided", "PhasedAnswer", "allocate_phased"]
# Suitable pairs of a component from which it is solved in a process of its own (``_run``).
_PROCESS_PAIRS = 5_000


@dataclass(frozen=True, slots=True)
class PhasedAnswer:
    assign: np.ndarray  # type per household (open instance order), UNHOUSED = -1
    questions: int
    held: int
    empty_days: int
    held_proven: bool  # the fewest dwellings held and empty days proven, not only the best found in the limit


def allocate_phased(
    types: DwellingTypes,
    times: StayTimes,
    order: list[int],
    permanent: np.ndarray,
    settings: Settings,
    costs: np.ndarray | None = None,
) -> PhasedAnswer:
    """``costs`` (per suitable pair) switches steps 1b-3 for the ``weighted`` priority: after the most households
    housed, the smallest total cost, as ``allocator.engine.weighted`` does without phases."""
    assign = np.full(types.n_households, UNHOUSED, dtype=np.int64)
    questions = held = empty = 0
    proven = True
    components = _components(types)

    jobs = []
    for members in components:
        members_array = np.array(sorted(members), dtype=np.int64)
        keep = np.isin(types.pair_household, members_array)
        sub_order = [i for i in order if i in members]
        jobs.append(
            (
                restrict(types, keep),
                times,
                sub_order,
                permanent,
                settings,
                None if costs is None else costs[keep],
            )
        )
    parts = _run(jobs)
    for members, (part, asked, final) in zip(components, parts, strict=True):
        for i in members:
            assign[i] = part[i]
        questions += asked
        held += final.held
        empty += final.empty_days
        proven = proven and final.proven
    return PhasedAnswer(assign=assign, questions=questions, held=held, empty_days=empty, held_proven=proven)


def _run(jobs: list[tuple]) -> list[tuple[np.ndarray, int, Held]]:
    """Each component's answer. Components share nothing, so the large ones run side by side in processes, one
    per core (measured on the 1,200-household benchmark: 44.2 s for the solve on two threads, 33.9 s in two
    processes); each process forked from a fresh interpreter (``forkserver``), because forking a web server's
    threads is unsafe. Small ones run here: starting a process costs more than they take."""
    cores = os.cpu_count() or 1
    # Largest first: the smaller ones then fill in behind them.
    large = sorted(
        (k for k, job in enumerate(jobs) if len(job[0].pair_household) >= _PROCESS_PAIRS),
        key=lambda k: -len(jobs[k][0].pair_household),
    )
    # Inside a process of a sweep (or of anything else), the cores are already in use: no processes of its own.
    if cores < 2 or len(large) < 2 or multiprocessing.parent_process() is not None:
        return [_allocate_component(*job) for job in jobs]
    try:
        return _in_processes(jobs, large, cores)
    except (OSError, BrokenProcessPool) as failed:
        # Processes are a speed-up only: the same answers come one after the other here.
        log.warning("phased allocation: no worker processes (%s); the components are solved here", failed)
        return [_allocate_component(*job) for job in jobs]


def _in_processes(jobs: list[tuple], large: list[int], cores: int) -> list[tuple[np.ndarray, int, Held]]:
    """The ``large`` jobs in processes, the others here meanwhile."""
    # Windows has no fork server: a fresh interpreter per process there.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Imported once by the server the processes fork from, not by each of them.
        context.set_forkserver_preload(["allocator.engine.phased"])
    parts: list = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=min(cores, len(large)), mp_context=context) as pool:
        futures = {k: pool.submit(_allocate_component, *jobs[k]) for k in large}
        for k, job in enumerate(jobs):
            if k not in futures:
                parts[k] = _allocate_component(*job)
        for k, future in futures.items():
            parts[k] = future.result()
    return parts


def _allocate_component(
    types: DwellingTypes,
    times: StayTimes,
    order: list[int],
    permanent: np.ndarray,
    settings: Settings,
    costs: np.ndarray | None,
) -> tuple[np.ndarray, int, Held]:
    steps = ComponentSteps(types, times, order, permanent, settings)
    if costs is None:
        steps.most_housed()
        steps.housed_set()
        steps.serial_dictatorship()
    else:
        steps.most_housed(then_permanent=False)
        steps.least_cost(costs)
    final = _final_solve(steps, settings, priority_steps=costs is None)
    asked = steps.relaxation.solved + steps.cp_sat_calls + 1
    return final.assign, asked, final


def _final_solve(steps: ComponentSteps, settings: Settings, *, priority_steps: bool) -> Held:
    """With every rank fixed: the fewest dwellings held, then the fewest empty dwelling-days. After the priority
    steps every household is decided, so the linear program may answer it (``allocator.engine.fewest_held``);
    CP-SAT answers what it leaves open, from its answer when it is whole."""
    if priority_steps:
        answer = fewest_held(restrict(steps.types, steps.allowed), steps.times, steps.housed)
        if answer is not None and answer.proven:
            return answer
        if answer is not None:
            steps.solution = answer.assign
    tm, _ = steps.model()
    held_expr, empty_expr = tm.held_and_empty()
    tm.hint_held(steps.solution)
    tm.model.minimize(held_expr * held_weight(tm.types, tm.times) + empty_expr)
    solver = cp_solver(settings, len(tm.x))
    status = solver.solve(tm.model)
    log.debug("final: %s in %.2f s", solver.status_name(status), solver.wall_time)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NotDecided(f"the last solve ended with {solver.status_name(status)}")
    if status == cp_model.FEASIBLE:
        log.warning("phased allocation: the fewest dwellings held were not proven within the limit")
    return Held(
        assign=tm.values(solver),
        held=round(solver.value(held_expr)) if not isinstance(held_expr, int) else 0,
        empty_days=round(solver.value(empty_expr)) if not isinstance(empty_expr, int) else 0,
        proven=status == cp_model.OPTIMAL,
    )


def _components(types: DwellingTypes) -> list[set[int]]:
    """Households connected through the types they may share, each component once, in household order."""
    n = types.n_households
    parent = list(range(n + len(types)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for h, t in zip(types.pair_household.tolist(), types.pair_type.tolist(), strict=True):
        ra, rb = find(h), find(n + t)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, set[int]] = {}
    for h in range(n):
        if types.household_start[h + 1] > types.household_start[h]:
            groups.setdefault(find(h), set()).add(h)
    return [groups[k] for k in sorted(groups)]
