"""The CP-SAT model of a phased case: dwelling types shared over time (issue 12).

A household of a phased case holds its dwelling for a fixed stay (``allocator.stays``): from ``start`` until
``release`` (its return plus the turnaround; for good if permanent). The dwellings of one type are interchangeable
(same department, same households may have them, same window), so a set of stays fits a type exactly when at every
day no more stays are running than the type has dwellings: stays are intervals, and intervals whose overlap never
exceeds ``c`` can always be spread over ``c`` dwellings (interval graphs are perfect; ``allocator.engine.stay_hand_out``
does it). The count only changes where a stay starts, so one capacity constraint per type and distinct start day
is enough.

One Boolean per suitable (household, type) pair, and one per household that may be housed, equal to the sum of its
pairs: the objectives count households through these, so that the bound "at most every household" is in the
model from the start (CP-SAT's linear relaxation of the merged at-most-one constraints alone was measured far
weaker: a bound of 4,396 for 508 households). ``allocator.engine.phased_steps`` builds one for each question it
cannot settle by the relaxation, over the pairs still allowed, with the decisions so far as constraints. For the
last goals it also holds, per type, the dwellings held over time: a non-increasing step function above the number
of running stays, because a dwelling is held from the day it is free until its
last stay ends. ``held[t][0]`` is then the number of dwellings of the type used, and the area between the two
functions the empty dwelling-days beyond the turnaround.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.engine.tables import NO_DATE_LATE
from allocator.engine.types import DwellingTypes


@dataclass(frozen=True, slots=True)
class StayTimes:
    """Per household (open instance order): first day held and first day the dwelling is free again, as days
    since 1970 (``NO_DATE_LATE``: for good); per type the first day its dwellings are free."""

    start: np.ndarray
    release: np.ndarray
    type_free_from: np.ndarray


def pairs_by_type(types: DwellingTypes) -> list[np.ndarray]:
    """The pairs of each type, in pair order."""
    order = np.argsort(types.pair_type, kind="stable")
    bounds = np.searchsorted(types.pair_type[order], np.arange(len(types) + 1))
    return [order[bounds[k] : bounds[k + 1]] for k in range(len(types))]


def capacity_rows(types: DwellingTypes, times: StayTimes) -> list[tuple[np.ndarray, int]]:
    """Per type and distinct start day where more stays could run than the type has dwellings: the pairs whose
    stays run that day, and the capacity (module docstring)."""
    rows = []
    for k, pairs in enumerate(pairs_by_type(types)):
        if len(pairs) <= types.capacity[k]:
            continue  # never more stays than dwellings, whatever the days
        households = types.pair_household[pairs]
        starts, releases = times.start[households], times.release[households]
        for day in np.unique(starts).tolist():
            running = pairs[(starts <= day) & (releases > day)]
            if len(running) > types.capacity[k]:
                rows.append((running, int(types.capacity[k])))
    return rows


def type_points(types: DwellingTypes, times: StayTimes) -> Iterator[tuple[int, np.ndarray, np.ndarray, list]]:
    """Per type with pairs: the type, its pairs, its points in time (first day free, every start and end) and per
    point a mask of the pairs whose stays run then: between two points nothing starts or ends."""
    for k, pairs in enumerate(pairs_by_type(types)):
        if not len(pairs):
            continue
        households = types.pair_household[pairs]
        starts, releases = times.start[households], times.release[households]
        finite = releases[releases < NO_DATE_LATE]
        free_from = min(int(times.type_free_from[k]), int(starts.min()))
        points = np.unique(np.concatenate([[free_from], starts, finite]))
        yield k, pairs, points, [(starts <= day) & (releases > day) for day in points.tolist()]


class TimeModel:
    """The model over (household, type) pairs with per-type occupancy over time."""

    def __init__(self, types: DwellingTypes, times: StayTimes) -> None:
        self.types = types
        self.times = times
        self.model = cp_model.CpModel()
        n_pairs = len(types.pair_household)
        self.x = [self.model.new_bool_var(f"x{k}") for k in range(n_pairs)]
        self._household_sums()
        self._capacity()

    # -- structure ------------------------------------------------------------------------------------------
    def _household_sums(self) -> None:
        t = self.types
        self.pairs_of: list[range] = []
        self.y: dict[int, cp_model.IntVar] = {}
        for i in range(t.n_households):
            lo, hi = int(t.household_start[i]), int(t.household_start[i + 1])
            self.pairs_of.append(range(lo, hi))
            if hi > lo:
                self.y[i] = self.model.new_bool_var(f"y{i}")
                self.model.add(sum(self.x[lo:hi]) == self.y[i])

    def _capacity(self) -> None:
        for running, capacity in capacity_rows(self.types, self.times):
            self.model.add(sum(self.x[p] for p in running.tolist()) <= capacity)

    # -- questions ----------------------------------------------------------------------------------------
    def housed(self, i: int) -> cp_model.LinearExpr:
        return self.y[i] if i in self.y else 0

    def must_house(self, i: int) -> None:
        self.model.add(self.housed(i) == 1)

    def must_not_house(self, i: int) -> None:
        if i in self.y:
            self.model.add(self.y[i] == 0)

    def keep_rank(self, i: int, rank: int) -> None:
        """Household ``i`` gets a dwelling of wish rank ``rank`` (any of them: ties stay open)."""
        for p in self.pairs_of[i]:
            if int(self.types.pair_rank[p]) != rank:
                self.model.add(self.x[p] == 0)
        self.must_house(i)

    def rank_expr(self, i: int) -> cp_model.LinearExpr:
        return sum(int(self.types.pair_rank[p]) * self.x[p] for p in self.pairs_of[i])

    def total(
        self, households: np.ndarray | None = None, weights: np.ndarray | None = None
    ) -> cp_model.LinearExpr:
        """Sum of housed households (those in ``households`` if given), weighted per pair if ``weights``."""
        if weights is None:
            chosen = self.y if households is None else households.tolist()
            return sum(self.y[i] for i in chosen if i in self.y)
        pairs = range(len(self.x))
        if households is not None:
            pairs = [p for i in households.tolist() for p in self.pairs_of[i]]
        return sum(int(weights[p]) * self.x[p] for p in pairs)

    # -- the last goals -----------------------------------------------------------------------------------
    def held_and_empty(self) -> tuple[cp_model.LinearExpr, cp_model.LinearExpr]:
        """Dwellings held, and empty dwelling-days beyond the turnaround, as expressions (module docstring)."""
        held_total: list = []
        empty_terms: list = []
        self.levels: list[list[tuple[cp_model.IntVar, list[int]]]] = []
        for k, pairs, points, running_at in type_points(self.types, self.times):
            previous = None
            steps = []
            levels = []
            for a, (day, mask) in enumerate(zip(points.tolist(), running_at, strict=True)):
                running = pairs[mask].tolist()
                occupied = sum(self.x[p] for p in running)
                level = self.model.new_int_var(0, int(self.types.capacity[k]), f"held{k}_{a}")
                levels.append((level, running))
                self.model.add(level >= occupied)
                if previous is not None:
                    self.model.add(previous >= level)
                previous = level
                steps.append((day, level, occupied))
            self.levels.append(levels)
            held_total.append(steps[0][1])
            for (day, level, occupied), (next_day, _, _) in zip(steps, steps[1:], strict=False):
                empty_terms.append((next_day - day) * (level - occupied))
        return sum(held_total), sum(empty_terms)

    def hint_held(self, chosen: np.ndarray) -> None:
        """Hint the dwellings held over time that ``chosen`` (a type per household) needs: at each point the most
        stays running from then on. A hint without them cost CP-SAT 5 s of search on a 500-household component."""
        chosen_pair = chosen[self.types.pair_household] == self.types.pair_type
        for levels in self.levels:
            running = [int(chosen_pair[pairs].sum()) for _, pairs in levels]
            need = np.maximum.accumulate(np.array(running[::-1]))[::-1]
            for (level, _), value in zip(levels, need.tolist(), strict=True):
                self.model.add_hint(level, value)

    # -- answers --------------------------------------------------------------------------------------------
    def values(self, solver: cp_model.CpSolver, variables: list | None = None) -> np.ndarray:
        """Type of each household in the solver's solution, -1 if unhoused. ``variables``: the pair variables
        of a copy of the model (``CpModel.clone``), in pair order; the model's own by default."""
        chosen = np.full(self.types.n_households, -1, dtype=np.int64)
        for p, var in enumerate(self.x if variables is None else variables):
            if solver.boolean_value(var):
                chosen[int(self.types.pair_household[p])] = int(self.types.pair_type[p])
        return chosen

    def hint(
        self, chosen: np.ndarray, model: cp_model.CpModel | None = None, variables: list | None = None
    ) -> None:
        """Hint ``chosen`` (a type per household) to the model, or to a copy of it with its ``variables``."""
        model = self.model if model is None else model
        model.clear_hints()
        for p, var in enumerate(self.x if variables is None else variables):
            model.add_hint(var, bool(chosen[int(self.types.pair_household[p])] == self.types.pair_type[p]))
        housed = (
            self.y
            if model is self.model
            else {i: model.get_bool_var_from_proto_index(v.index) for i, v in self.y.items()}
        )
        for i, var in housed.items():
            model.add_hint(var, bool(chosen[i] >= 0))
