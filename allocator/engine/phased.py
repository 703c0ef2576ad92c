"""The allocation of a phased case, goal by goal, as shared/domain.md and issue 12 order them.

Dwellings shared over time are no longer a matroid, so each goal is settled by questions to the CP-SAT model of
``allocator.engine.time_model``, and every answer becomes a constraint for the next question:

1. the most households housed, then the most permanent ones among them (two optimum values);
2. the housed set first in priority order: for each household in priority order, is there still an allocation
   of that coverage housing it together with every household already kept? If yes it is kept, if no it is left
   out for good;
3. serial dictatorship with ties: for each kept household in priority order, the best wish rank it can have with
   every household ahead keeping its rank and the kept set housed; it then keeps that rank, not the dwelling;
4. with every rank fixed: the fewest dwellings held, then the fewest empty dwelling-days.

Steps 2 and 3 are asked for a batch of households at a time (``_allocate_component`` says how), which gives
the same answers as one question per household. The first hint is ``allocator.engine.first_fit``. The
components of the household-type graph are independent (a household only reaches its own types), so each is
solved alone, on as many threads as there are cores: each component's answer is the same on any thread.

Reproducible: every CP-SAT call here runs one worker with its limit in CP-SAT's deterministic time, so the same
case gives the same questions, answers, hints and final solution on every run, whatever ``Settings.workers``
says (it is not used here). One worker is also the fastest measured: with the LP's cuts on, a "no" takes a
fraction of a second.
"""

from __future__ import annotations

import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.domain import Settings
from allocator.engine.first_fit import first_fit
from allocator.engine.flow import UNHOUSED
from allocator.engine.time_model import StayTimes, TimeModel
from allocator.engine.types import DwellingTypes

log = logging.getLogger(__name__)
# Workers of every CP-SAT call (module docstring).
_WORKERS = 1
# Households per batched question (see ``_allocate_component``), and the objective's budget of bits.
_BATCH = 25
_WEIGHT_BITS = 40
_ANY_RANK = 1_000_000
# Suitable pairs of a component above which CP-SAT's presolve is switched off (``_solver``).
_PRESOLVE_PAIRS = 20_000
# Deterministic seconds of the searches for a good solution: the first one, and the one before a batch's questions.
_FIRST_DETERMINISTIC_TIME = 10.0
_IMPROVE_DETERMINISTIC_TIME = 1.0


class NotDecided(RuntimeError):
    """CP-SAT reached its time limit before answering a question the allocation depends on."""


@dataclass(frozen=True, slots=True)
class PhasedAnswer:
    assign: np.ndarray  # type per household (open instance order), UNHOUSED = -1
    questions: int
    held: int
    empty_days: int


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
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    components = _components(types)

    def solve(members: set[int]) -> tuple[np.ndarray, int, int, int]:
        sub_order = [i for i in order if i in members]
        members_array = np.array(sorted(members), dtype=np.int64)
        return _allocate_component(
            types, times, members_array, sub_order, permanent, position, settings, costs
        )

    # Components share nothing, and CP-SAT releases the interpreter while it solves: one thread per core.
    with ThreadPoolExecutor(max_workers=max(1, min(len(components), os.cpu_count() or 1))) as pool:
        parts = list(pool.map(solve, components))
    for members, (part, asked, part_held, part_empty) in zip(components, parts, strict=True):
        for i in members:
            assign[i] = part[i]
        questions += asked
        held += part_held
        empty += part_empty
    return PhasedAnswer(assign=assign, questions=questions, held=held, empty_days=empty)


def _allocate_component(
    types: DwellingTypes,
    times: StayTimes,
    members: np.ndarray,
    order: list[int],
    permanent: np.ndarray,
    position: np.ndarray,
    settings: Settings,
    costs: np.ndarray | None,
) -> tuple[np.ndarray, int, int, int]:
    keep = np.isin(types.pair_household, members)
    sub = _restrict(types, keep)
    tm = TimeModel(sub, times)
    asker = _Asker(tm, settings)
    everyone = np.flatnonzero(np.diff(sub.household_start) > 0)
    asker.solution = first_fit(sub, times, order)
    coverage = asker.best(tm.total(), maximize=True)
    tm.model.add(tm.total() >= coverage)
    if costs is not None:
        cost = tm.total(weights=costs[keep])
        tm.model.add(cost <= asker.best(cost, maximize=False))
        held_expr, empty_expr = tm.held_and_empty()
        final = _final_solve(tm, held_expr, empty_expr, settings, asker.solution)
        return final.assign, asker.asked + 1, final.held, final.empty_days
    perm = everyone[permanent[everyone]]
    perm_coverage = asker.best(tm.total(perm), maximize=True) if len(perm) else 0
    if len(perm):
        tm.model.add(tm.total(perm) >= perm_coverage)
    # A good first solution saves questions: priority first, then wish rank, as one weighted sum (a search,
    # nothing proven).
    max_rank = int(sub.pair_rank.max(initial=1)) + 1
    span = len(order) + 1
    weights = (span - position[sub.pair_household]) * max_rank - sub.pair_rank.astype(np.int64)
    asker.improve(tm.total(weights=weights), maximize=True, limit=_FIRST_DETERMINISTIC_TIME)
    # Steps 2 and 3 in batches of households in priority order. With every earlier batch settled, a question
    # asks whether any member could do better (housed where it is not, or a better rank) with every member
    # before it keeping what it has. "No" settles the whole batch exactly as one question per household would;
    # "yes" gives a lexicographically better solution and the batch is asked again. A short search for the
    # batch's lexicographic optimum comes first (powers of a base as weights): when it proves its optimum, that
    # settles the batch with no question; otherwise it makes "yes" rare.
    reachable = set(everyone.tolist())
    candidates = [i for i in order if i in reachable]
    for batch in _batches(candidates, base=2):
        settled = True
        if any(asker.solution[j] < 0 for j in batch):
            weights = _lexicographic_weights(len(batch), base=2)
            housed_sum = sum(w * tm.housed(j) for w, j in zip(weights, batch, strict=True))
            settled = asker.improve(housed_sum, maximize=True, limit=_IMPROVE_DETERMINISTIC_TIME)
        while not settled:
            options, before = [], []
            for j in batch:
                if asker.solution[j] < 0:
                    options.append([*before, (j, _ANY_RANK)])
                else:
                    before.append((j, _ANY_RANK))
            if not options or not asker.feasible_if_any(options):
                break
        for j in batch:
            tm.must_house(j) if asker.solution[j] >= 0 else tm.must_not_house(j)
    kept = [i for i in candidates if asker.solution[i] >= 0]
    best_possible = {i: int(sub.of_household(i)[1].min()) for i in kept}
    worst = int(sub.pair_rank.max(initial=1))
    for batch in _batches(kept, base=worst):
        settled = True
        if any(_rank_in(sub, j, int(asker.solution[j])) > best_possible[j] for j in batch):
            weights = _lexicographic_weights(len(batch), base=worst)
            rank_sum = sum(w * tm.rank_expr(j) for w, j in zip(weights, batch, strict=True))
            settled = asker.improve(rank_sum, maximize=False, limit=_IMPROVE_DETERMINISTIC_TIME)
        while not settled:
            ranks = {j: _rank_in(sub, j, int(asker.solution[j])) for j in batch}
            options, before = [], []
            for j in batch:
                if ranks[j] > best_possible[j]:
                    options.append([*before, (j, ranks[j] - 1)])
                before.append((j, ranks[j]))
            if not options or not asker.feasible_if_any(options):
                break
        ranks = {j: _rank_in(sub, j, int(asker.solution[j])) for j in batch}
        for j in batch:
            tm.keep_rank(j, ranks[j])
    held_expr, empty_expr = tm.held_and_empty()
    final = _final_solve(tm, held_expr, empty_expr, settings, asker.solution)
    return final.assign, asker.asked + 1, final.held, final.empty_days


class _Asker:
    """Asks the model questions and keeps the last solution; refuses to guess when out of time."""

    def __init__(self, tm: TimeModel, settings: Settings) -> None:
        self.tm = tm
        self.settings = settings
        self.solution = np.full(tm.types.n_households, UNHOUSED, dtype=np.int64)
        self.asked = 0

    def _solve(self, model: cp_model.CpModel | None = None) -> tuple[int, cp_model.CpSolver]:
        """Solve the model (or a copy of it); a question left unanswered stops the run."""
        solver = _solver(self.settings, len(self.tm.x))
        self.asked += 1
        status = solver.solve(self.tm.model if model is None else model)
        log.debug("question %d: %s in %.2f s", self.asked, solver.status_name(status), solver.wall_time)
        if status == cp_model.UNKNOWN:
            raise NotDecided(
                f"CP-SAT could not answer within its limit ({self.settings.time_limit_s:.0f} deterministic "
                "seconds); raise the time limit"
            )
        return status, solver

    def best(self, expr: cp_model.LinearExpr, *, maximize: bool) -> int:
        model = self.tm.model
        model.maximize(expr) if maximize else model.minimize(expr)
        self.tm.hint(self.solution)
        status, solver = self._solve()
        if status != cp_model.OPTIMAL:
            raise NotDecided(f"CP-SAT ended with {solver.status_name(status)} where an optimum was expected")
        self.solution = self.tm.values(solver)
        return round(solver.objective_value)

    def improve(self, expr: cp_model.LinearExpr, *, maximize: bool, limit: float) -> bool:
        """A short search for a better solution; whatever it finds replaces the hint. True when it proved its
        solution optimal (then, for a lexicographic objective, the batch is settled with no question)."""
        model = self.tm.model
        model.maximize(expr) if maximize else model.minimize(expr)
        self.tm.hint(self.solution)
        solver = _solver(self.settings, len(self.tm.x))
        solver.parameters.max_deterministic_time = min(limit, self.settings.time_limit_s)
        self.asked += 1
        status = solver.solve(model)
        log.debug("improve %d: %s in %.2f s", self.asked, solver.status_name(status), solver.wall_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.solution = self.tm.values(solver)
        model.clear_objective()
        return status == cp_model.OPTIMAL

    def feasible_if_any(self, options: list[list[tuple[int, int]]]) -> bool:
        """Is there a solution meeting one of ``options``, each a list of (household, rank): housed at that rank
        or better? Asked on a copy of the model, so that a "no" leaves the model as it was."""
        tm = self.tm
        trial = tm.model.clone()
        trial.clear_objective()
        var = [trial.get_bool_var_from_proto_index(x.index) for x in tm.x]
        ranks = tm.types.pair_rank
        chosen = []
        for requirements in options:
            b = trial.new_bool_var("option")
            for i, rank in requirements:
                trial.add(sum(var[p] for p in tm.pairs_of[i] if ranks[p] <= rank) >= 1).only_enforce_if(b)
            chosen.append(b)
        trial.add_bool_or(chosen)
        tm.hint(self.solution, trial, var)
        status, solver = self._solve(trial)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.solution = tm.values(solver, var)
            return True
        return False


def _batches(households: list[int], *, base: int) -> list[list[int]]:
    """Consecutive batches small enough that ``base ** size`` stays far inside CP-SAT's 64-bit objective."""
    size = max(1, min(_BATCH, int(_WEIGHT_BITS / math.log2(max(2, base)))))
    return [households[k : k + size] for k in range(0, len(households), size)]


def _lexicographic_weights(n: int, *, base: int) -> list[int]:
    """``base ** (n - 1), ..., base, 1``: with values between 1 and ``base`` (or 0 and 1 for base 2), one step of a
    member outweighs any change of all the members after it."""
    return [base ** (n - 1 - k) for k in range(n)]


@dataclass(frozen=True, slots=True)
class _Final:
    assign: np.ndarray
    held: int
    empty_days: int


def _final_solve(tm: TimeModel, held_expr, empty_expr, settings: Settings, hint: np.ndarray) -> _Final:
    """With every rank fixed: the fewest dwellings held, then the fewest empty dwelling-days."""
    tm.hint(hint)
    # Held dwellings first, then empty days: a weight above any possible total of empty days.
    horizon = int(tm.times.release[tm.times.release < np.iinfo(np.int32).max // 2].max(initial=0))
    horizon -= int(tm.times.type_free_from.min(initial=0))
    big = max(1, horizon + 1) * (int(tm.types.capacity.sum()) + 1)
    tm.model.minimize(held_expr * big + empty_expr)
    solver = _solver(settings, len(tm.x))
    status = solver.solve(tm.model)
    log.debug("final: %s in %.2f s", solver.status_name(status), solver.wall_time)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NotDecided(f"the last solve ended with {solver.status_name(status)}")
    if status == cp_model.FEASIBLE:
        log.warning("phased allocation: the fewest dwellings held were not proven within the limit")
    return _Final(
        assign=tm.values(solver),
        held=round(solver.value(held_expr)) if not isinstance(held_expr, int) else 0,
        empty_days=round(solver.value(empty_expr)) if not isinstance(empty_expr, int) else 0,
    )


def _solver(settings: Settings, pairs: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = _WORKERS
    solver.parameters.max_deterministic_time = settings.time_limit_s
    solver.parameters.random_seed = settings.tie_break_seed
    # The LP with cuts proves "no" in a fraction of a second where the default search needed a minute.
    solver.parameters.linearization_level = 2
    # Probing costs more than it saves on these many small questions (measured: a third of the time without).
    solver.parameters.cp_model_probing_level = 0
    # Symmetry detection took 1-4 s of every call on a 60,000-pair component; without it the 300-household
    # benchmark case took 22 s instead of 42 s (both under the same load).
    solver.parameters.symmetry_level = 0
    # Presolve pays on small components, but on a 60,000-pair one it took 19 s per call and left a relaxation
    # with a bound of 4,396 for 508 households; without it the same question was answered in 7 s.
    solver.parameters.cp_model_presolve = pairs <= _PRESOLVE_PAIRS
    return solver


def _rank_in(types: DwellingTypes, i: int, t: int) -> int:
    mine, ranks = types.of_household(i)
    return int(ranks[int(np.searchsorted(mine, t))])


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


def _restrict(types: DwellingTypes, keep: np.ndarray) -> DwellingTypes:
    """The same types, with the pairs ``keep`` only (other households keep empty pair ranges)."""
    pair_h = types.pair_household[keep]
    return DwellingTypes(
        of_vacancy=types.of_vacancy,
        vacancies=types.vacancies,
        capacity=types.capacity,
        department=types.department,
        pair_household=pair_h,
        pair_type=types.pair_type[keep],
        pair_rank=types.pair_rank[keep],
        household_start=np.searchsorted(pair_h, np.arange(types.n_households + 1)),
    )
