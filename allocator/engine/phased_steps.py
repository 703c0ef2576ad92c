"""The goals of a phased case on one component, each question settled by the linear relaxation where it can be,
by CP-SAT where it cannot (``allocator.engine.phased`` has the goals, ``allocator.engine.relaxation`` the proofs).

Every decision (a household kept or left out, a rank fixed, a goal's optimum) tightens both the relaxation and the
list CP-SAT models are built from, so the two always answer the same question. A question is asked of a window
of households in priority order first: if the relaxation proves that none of them can do better even with all of
them free to move, the whole window is settled at once (a relaxation of each member's own question, so its "no"
is each member's "no"); otherwise the window is halved, down to one household, whose question is asked on its own.
Households at the head of a window that already have the best they could are settled with no question, and a
window whose head is the only one that could do better asks the head's own question.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model

from allocator.domain import Settings
from allocator.engine.first_fit import first_fit
from allocator.engine.flow import UNHOUSED
from allocator.engine.relaxation import Relaxation
from allocator.engine.time_model import StayTimes, TimeModel
from allocator.engine.types import DwellingTypes, restrict

log = logging.getLogger(__name__)
# Households per window (module docstring). Measured on the serial dictatorship of the 1,200-household benchmark's
# second largest component (459 households): 16 asked 103 questions of the relaxation, 8 asked 112, 32 asked 107.
_WINDOW = 16
# The weights leaning to priority fall by this factor per place in the priority order, so that solutions lean
# towards serial dictatorship (measured on the same component: 0.95 asked 126 questions and CP-SAT 12 times, 0.97
# 103 and none; a prototype on the largest found 5 better ranks from such a start, 406 from CP-SAT's own search).
_PRIORITY_DECAY = 0.97
# Suitable pairs of a model above which CP-SAT's presolve is switched off (``solver``).
_PRESOLVE_PAIRS = 20_000
# Deterministic seconds of a search near the relaxation's optimum (``ComponentSteps._round``).
_ROUND_DETERMINISTIC_TIME = 5.0
_INTEGRAL = 1e-6
# The relaxation is built again over the allowed pairs when they fall below this share of the pairs it holds
# (measured on the same component: 13.6 s with 0.7, 14.1 s with 0.5, 16.6 s with 0.85).
_NARROW = 0.7
_WORKERS = 1


class NotDecided(RuntimeError):
    """CP-SAT reached its time limit before answering a question the allocation depends on."""


class ComponentSteps:
    """One component's decisions, goal by goal; ``solution`` (a type per household) always meets them all."""

    def __init__(
        self,
        types: DwellingTypes,
        times: StayTimes,
        order: list[int],
        permanent: np.ndarray,
        settings: Settings,
    ) -> None:
        self.types, self.times, self.settings = types, times, settings
        self.order = order
        self.everyone = np.flatnonzero(np.diff(types.household_start) > 0)
        self.relaxation = Relaxation(types, times, self.everyone)
        self.permanent_pairs = np.flatnonzero(permanent[types.pair_household])
        self.allowed = np.ones(len(types.pair_household), dtype=bool)
        self.housed: set[int] = set()
        # At least ``bound`` of the weighted sum of ``pairs`` (weights None: each counts 1).
        self.goal_rows: list[tuple[np.ndarray, np.ndarray | None, int]] = []
        self.solution = first_fit(types, times, order)
        self.cp_sat_calls = 0
        self.leaning: np.ndarray | None = None

    # -- the goals ------------------------------------------------------------------------------------------
    def most_housed(self, *, then_permanent: bool = True) -> None:
        """The most households housed, then (``then_permanent``) the most permanent ones; each optimum becomes a
        row."""
        asked = self.cp_sat_calls
        goals = [np.arange(len(self.allowed))] + ([self.permanent_pairs] if then_permanent else [])
        for pairs in goals:
            if not len(pairs):
                continue
            bound, values = self.relaxation.maximize(pairs)
            # An unknown bound (GLOP not optimal) leaves the optimum to CP-SAT.
            target = math.floor(bound) if math.isfinite(bound) else len(self.order) + 1
            if self._count(pairs) < target:
                self._lean_to_priority()
            if self._count(pairs) < target:
                self._round(values, pairs)
            best = self._count(pairs)
            if best < target:
                best = self._cp_best(pairs)
            self._add_row(pairs, best)
        if self.cp_sat_calls > asked:
            self._lean_to_priority()
        # From here on every question's optimum also leans to priority and wish rank: a "yes" then tends to
        # leave the households after it well placed too, which saves questions.
        self.leaning = self._priority_weights(np.arange(len(self.allowed)))
        self.relaxation.lean(self.leaning)

    def least_cost(self, costs: np.ndarray) -> None:
        """For the weighted priority, after the most housed: the smallest total cost (``costs`` per pair)."""
        pairs = np.arange(len(self.allowed))
        best = self._cp_best(pairs, -costs)
        self.goal_rows.append((pairs, -costs, best))

    def housed_set(self) -> None:
        """Each household in priority order is kept if it can be housed with every household kept before it."""

        def better(j: int) -> np.ndarray:
            return self._pairs_of(j) if self.solution[j] < 0 else np.zeros(0, dtype=np.int64)

        def settle(j: int) -> None:
            if self.solution[j] >= 0:
                self.housed.add(j)
                self.relaxation.must_house(j)
            else:
                self._forbid(self._pairs_of(j))

        self._windows([int(i) for i in self.order if self._has_pairs(int(i))], better, settle)

    def serial_dictatorship(self) -> None:
        """Each kept household in priority order gets the best wish rank it can with every household before it
        keeping its rank (any dwelling of that rank: ties stay open)."""
        ranks = self.types.pair_rank

        def better(j: int) -> np.ndarray:
            pairs = self._pairs_of(j)
            return pairs[ranks[pairs] < self.rank(j)]

        def settle(j: int) -> None:
            pairs = self._pairs_of(j)
            self._forbid(pairs[ranks[pairs] != self.rank(j)])

        self._windows([int(i) for i in self.order if int(i) in self.housed], better, settle)

    # -- windows --------------------------------------------------------------------------------------------
    def _windows(self, households: list[int], better: Callable, settle: Callable) -> None:
        for start in range(0, len(households), _WINDOW):
            self._settle(households[start : start + _WINDOW], better, settle)

    def _settle(self, window: list[int], better: Callable, settle: Callable) -> None:
        wanted = [better(j) for j in window]
        first = next((k for k, pairs in enumerate(wanted) if len(pairs)), len(window))
        # Households ahead of the first that could do better already have the best they could: settled as they
        # are, with no question.
        for j in window[:first]:
            settle(j)
        window, wanted = window[first:], wanted[first:]
        if not window:
            return
        # With the first of the window the only one that could do better, the window's question is its own.
        if len(window) > 1 and sum(1 for pairs in wanted if len(pairs)) > 1:
            bound, _ = self.relaxation.maximize(np.concatenate(wanted))
            if bound < 1:
                for j in window:
                    settle(j)
                return
            half = len(window) // 2
            self._settle(window[:half], better, settle)
            self._settle(window[half:], better, settle)
            return
        j = window[0]
        while len(pairs := better(j)) and self._any_of(pairs):
            pass
        settle(j)
        self._settle(window[1:], better, settle)

    def _any_of(self, pairs: np.ndarray) -> bool:
        """Is there a solution meeting every decision with one of ``pairs`` chosen? A "yes" becomes the solution."""
        bound, values = self.relaxation.maximize(pairs)
        if bound < 1:
            return False
        chosen = self.relaxation.integral(values)
        if chosen is not None and np.isin(pairs, chosen).any():
            self._adopt(chosen)
            return True
        if self._round(values, pairs, at_least=1):
            return True
        return self._cp_any_of(pairs)

    def _round(self, values: np.ndarray | None, pairs: np.ndarray, at_least: int | None = None) -> bool:
        """A search near the relaxation's optimum: the households it houses integrally keep those types, CP-SAT
        places the others, maximizing the sum of ``pairs`` (or reaching ``at_least`` of it). Adopted if it does
        better than the solution (or reaches ``at_least``); proves nothing, so a failure only means "ask CP-SAT"."""
        if values is None:
            return False
        whole = values >= 1 - _INTEGRAL
        settled = np.zeros(self.types.n_households, dtype=bool)
        settled[self.types.pair_household[whole]] = True
        allowed = self.allowed & (whole | ~settled[self.types.pair_household])
        tm, kept = self.model(allowed)
        live = np.flatnonzero(np.isin(kept, pairs))
        total = sum(tm.x[int(k)] for k in live)
        if at_least is not None:
            tm.model.add(total >= at_least)
        else:
            tm.model.maximize(total)
        solver = cp_solver(self.settings, len(tm.x))
        solver.parameters.max_deterministic_time = min(_ROUND_DETERMINISTIC_TIME, self.settings.time_limit_s)
        self.cp_sat_calls += 1
        status = solver.solve(tm.model)
        log.debug("rounding: %s in %.2f s", solver.status_name(status), solver.wall_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        found = tm.values(solver)
        if at_least is None and _count(self.types, found, pairs) <= self._count(pairs):
            return False
        self.solution = found
        return True

    # -- the first solution ---------------------------------------------------------------------------------
    def _lean_to_priority(self) -> None:
        """The relaxation's optimum of a weighted sum of the goals in their order (the most housed, the most
        permanent, then leaning to priority and wish rank), adopted if integral and meeting every decision (a
        search: it proves nothing)."""
        worst = int(self.types.pair_rank.max(initial=1))
        pairs = np.flatnonzero(self.allowed)
        weights = self._priority_weights(pairs)
        # Each goal's weight above everything after it: the priority part sums to less than (worst + 2) / (1 - decay).
        permanent_weight = (worst + 2) / (1 - _PRIORITY_DECAY) + 1
        housed_weight = permanent_weight * (len(self.order) + 1)
        weights += housed_weight + permanent_weight * np.isin(pairs, self.permanent_pairs)
        _, values = self.relaxation.maximize(pairs, weights)
        chosen = self.relaxation.integral(values)
        if chosen is not None:
            self._adopt(chosen)

    def _priority_weights(self, pairs: np.ndarray) -> np.ndarray:
        """Per pair, more for a household earlier in priority order and for a better wish rank (all above 0)."""
        position = np.empty(self.types.n_households, dtype=np.int64)
        position[np.asarray(self.order, dtype=np.int64)] = np.arange(len(self.order))
        worst = int(self.types.pair_rank.max(initial=1))
        households = self.types.pair_household[pairs]
        return _PRIORITY_DECAY ** position[households] * (worst + 2 - self.types.pair_rank[pairs])

    # -- bookkeeping ----------------------------------------------------------------------------------------
    def rank(self, j: int) -> int:
        pairs = self._pairs_of(j)
        return int(self.types.pair_rank[pairs[self.types.pair_type[pairs] == self.solution[j]][0]])

    def _pairs_of(self, j: int) -> np.ndarray:
        lo, hi = int(self.types.household_start[j]), int(self.types.household_start[j + 1])
        pairs = np.arange(lo, hi)
        return pairs[self.allowed[pairs]]

    def _has_pairs(self, j: int) -> bool:
        return bool(self.types.household_start[j + 1] > self.types.household_start[j])

    def _count(self, pairs: np.ndarray) -> int:
        return _count(self.types, self.solution, pairs)

    def _forbid(self, pairs: np.ndarray) -> None:
        self.allowed[pairs] = False
        self.relaxation.forbid(pairs)
        if self.allowed.sum() < _NARROW * len(self.relaxation.columns):
            self._narrow()

    def _narrow(self) -> None:
        """A new relaxation of the allowed pairs only: GLOP's time per question grows with the pairs it holds,
        forbidden or not (measured: 0.09 s to solve again a 60,000-pair relaxation without any change)."""
        solved = self.relaxation.solved
        self.relaxation = Relaxation(self.types, self.times, self.everyone, self.allowed)
        self.relaxation.solved = solved
        if self.leaning is not None:
            self.relaxation.lean(self.leaning)
        for i in self.housed:
            self.relaxation.must_house(i)
        for pairs, weights, bound in self.goal_rows:
            if weights is None:
                self.relaxation.at_least(pairs, bound)

    def _add_row(self, pairs: np.ndarray, bound: int) -> None:
        self.goal_rows.append((pairs, None, bound))
        self.relaxation.at_least(pairs, bound)

    def _adopt(self, chosen: np.ndarray) -> None:
        solution = np.full(self.types.n_households, UNHOUSED, dtype=np.int64)
        solution[self.types.pair_household[chosen]] = self.types.pair_type[chosen]
        self.solution = solution

    # -- CP-SAT ---------------------------------------------------------------------------------------------
    def model(self, allowed: np.ndarray | None = None) -> tuple[TimeModel, np.ndarray]:
        """A CP-SAT model of every decision so far, over the allowed pairs only (fewer if ``allowed`` says so),
        with the solution as hint; and the index of each of its pairs among this component's."""
        allowed = self.allowed if allowed is None else allowed
        kept = np.flatnonzero(allowed)
        new_index = np.cumsum(allowed) - 1
        types = restrict(self.types, allowed)
        tm = TimeModel(types, self.times)
        for i in self.housed:
            tm.must_house(i)
        for pairs, weights, bound in self.goal_rows:
            live = allowed[pairs]
            w = np.ones(len(pairs), dtype=np.int64) if weights is None else weights
            terms = zip(new_index[pairs[live]].tolist(), w[live].tolist(), strict=True)
            tm.model.add(sum(c * tm.x[p] for p, c in terms) >= bound)
        tm.hint(self.solution)
        return tm, kept

    def _cp_best(self, pairs: np.ndarray, weights: np.ndarray | None = None) -> int:
        """The most of the (weighted) sum of ``pairs``, by CP-SAT; its solution is adopted."""
        tm, kept = self.model()
        weight_of = np.zeros(len(self.allowed), dtype=np.int64)
        weight_of[pairs] = 1 if weights is None else weights
        objective = sum(int(weight_of[p]) * tm.x[k] for k, p in enumerate(kept.tolist()) if weight_of[p])
        tm.model.maximize(objective)
        status, solver = self._cp_solve(tm)
        if status != cp_model.OPTIMAL:
            raise NotDecided(f"CP-SAT ended with {solver.status_name(status)} where an optimum was expected")
        self.solution = tm.values(solver)
        return round(solver.objective_value)

    def _cp_any_of(self, pairs: np.ndarray) -> bool:
        tm, kept = self.model()
        live = np.flatnonzero(np.isin(kept, pairs))
        tm.model.add(sum(tm.x[int(p)] for p in live) >= 1)
        status, solver = self._cp_solve(tm)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.solution = tm.values(solver)
            return True
        return False

    def _cp_solve(self, tm: TimeModel) -> tuple[int, cp_model.CpSolver]:
        solver = cp_solver(self.settings, len(tm.x))
        self.cp_sat_calls += 1
        status = solver.solve(tm.model)
        log.debug("CP-SAT %d: %s in %.2f s", self.cp_sat_calls, solver.status_name(status), solver.wall_time)
        if status == cp_model.UNKNOWN:
            raise NotDecided(
                f"CP-SAT could not answer within its limit ({self.settings.time_limit_s:.0f} deterministic "
                "seconds); raise the time limit"
            )
        return status, solver


def _count(types: DwellingTypes, solution: np.ndarray, pairs: np.ndarray) -> int:
    """How many of ``pairs`` the solution (a type per household) chooses."""
    return int((solution[types.pair_household[pairs]] == types.pair_type[pairs]).sum())


def cp_solver(settings: Settings, pairs: int) -> cp_model.CpSolver:
    """One worker and a deterministic limit: the same question gets the same answer on every run."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = _WORKERS
    solver.parameters.max_deterministic_time = settings.time_limit_s
    solver.parameters.random_seed = settings.tie_break_seed
    # The LP with cuts proves "no" in a fraction of a second where the default search needed a minute.
    solver.parameters.linearization_level = 2
    # Probing costs more than it saves on these questions (measured: a third of the time without).
    solver.parameters.cp_model_probing_level = 0
    # Symmetry detection took 1-4 s of every call on a 60,000-pair component.
    solver.parameters.symmetry_level = 0
    # Presolve pays on small models, but on a 60,000-pair one it took 19 s per call.
    solver.parameters.cp_model_presolve = pairs <= _PRESOLVE_PAIRS
    return solver
