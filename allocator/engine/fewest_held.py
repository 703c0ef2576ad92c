"""The last goal of a phased case, the fewest dwellings held and then the fewest empty dwelling-days, first as
linear programs: the model of ``TimeModel.held_and_empty`` with every variable continuous, solved by GLOP.

When the answer is integral, the allocation it gives is the answer, and it is proven: its dwellings held and its
empty days, computed again in integers from the chosen pairs, are each below a lower bound plus one, and both are
whole numbers. The bounds come from weak duality on GLOP's row prices
(``allocator.engine.relaxation.proven_upper_bound``). Measured on the 1,200-household benchmark's largest component
(508 households, 17,000 pairs left after the ranks were fixed): integral and proven in 7.7 s, where CP-SAT took 18
s on it and stopped unproven after 146 s on the next largest (whose proven optimum here had 25 empty days fewer).
Otherwise the caller asks CP-SAT, with the answer as its hint when it is whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from allocator.engine.relaxation import proven_upper_bound
from allocator.engine.tables import NO_DATE_LATE
from allocator.engine.time_model import StayTimes, type_points
from allocator.engine.types import DwellingTypes

_INTEGRAL = 1e-6


@dataclass(frozen=True, slots=True)
class Held:
    assign: np.ndarray  # type per household, -1 unhoused
    held: int
    empty_days: int
    proven: bool


def held_weight(types: DwellingTypes, times: StayTimes) -> int:
    """The weight of one dwelling held against one empty day: above any possible total of empty days."""
    releases = times.release[times.release < NO_DATE_LATE]
    horizon = int(releases.max(initial=0)) - int(times.type_free_from.min(initial=0))
    return max(1, horizon + 1) * (int(types.capacity.sum()) + 1)


def held_and_empty(types: DwellingTypes, times: StayTimes, assign: np.ndarray) -> tuple[int, int]:
    """Dwellings held and empty dwelling-days of an allocation, by the definition of ``TimeModel.held_and_empty``
    (per type, at each of its points, the most stays running from then on)."""
    held = empty = 0
    for k, pairs, points, running_at in type_points(types, times):
        chosen = assign[types.pair_household[pairs]] == k
        running = np.array([int(chosen[mask].sum()) for mask in running_at])
        need = np.maximum.accumulate(running[::-1])[::-1]
        held += int(need[0])
        empty += int(((need[:-1] - running[:-1]) * np.diff(points)).sum())
    return held, empty


def fewest_held(types: DwellingTypes, times: StayTimes, housed: set[int]) -> Held | None:
    """The linear programs' answer if it is integral (proven when both bounds close), else None. ``types`` holds
    the allowed pairs only; ``housed`` households must be housed, the others may be.

    Two programs in turn, the fewest held and then, with no more held, the fewest empty days: one objective with
    a dwelling weighing more than every empty day put the days below GLOP's tolerances (measured: a bound 7,746
    days off the optimum on the benchmark's largest component)."""
    n = len(types.pair_household)
    program = _Program(n)
    for i in range(types.n_households):
        lo, hi = int(types.household_start[i]), int(types.household_start[i + 1])
        if hi > lo:
            program.row(list(range(lo, hi)), [1.0] * (hi - lo), 1.0 if i in housed else 0.0, 1.0)
    held_cost = [0.0] * n
    empty_cost = [0.0] * n
    firsts = []
    for k, pairs, points, running_at in type_points(types, times):
        previous = None
        levels = []
        for running in running_at:
            level = program.column(float(types.capacity[k]))
            held_cost.append(0.0)
            empty_cost.append(0.0)
            members = pairs[running].tolist()
            program.row([level, *members], [1.0] + [-1.0] * len(members), 0.0, math.inf)
            if previous is not None:
                program.row([previous, level], [1.0, -1.0], 0.0, math.inf)
            previous = level
            levels.append((level, members))
        firsts.append(levels[0][0])
        held_cost[
            levels[0][0]
        ] = -1.0  # the programs maximize: minus the dwellings held, minus the empty days
        for (level, members), days in zip(levels, np.diff(points).tolist(), strict=False):
            empty_cost[level] -= days
            for p in members:
                empty_cost[p] += days
    solver = program.solver()
    most, _ = program.solve(solver, held_cost)
    if most is None:
        return None
    fewest = math.ceil(-most - 1e-6)  # no allocation holds fewer than -most dwellings
    program.add_row(solver, firsts, [1.0] * len(firsts), -math.inf, float(fewest))
    most_empty, values = program.solve(solver, empty_cost)
    if most_empty is None:
        return None
    x = values[:n]
    if np.any(np.minimum(x, np.abs(1.0 - x)) > _INTEGRAL):
        return None
    chosen = np.flatnonzero(x > 0.5)
    assign = np.full(types.n_households, -1, dtype=np.int64)
    assign[types.pair_household[chosen]] = types.pair_type[chosen]
    if np.bincount(types.pair_household[chosen], minlength=types.n_households).max(initial=0) > 1:
        return None
    if any(assign[i] < 0 for i in housed) or not _fits(types, times, assign):
        return None
    held, empty = held_and_empty(types, times, assign)
    # Whole numbers both: each is the least possible when it is below its proven lower bound plus one (the days
    # among the allocations holding ``fewest``, which ``held`` then is).
    proven = held == fewest and empty < -most_empty + 1
    return Held(assign=assign, held=held, empty_days=empty, proven=proven)


class _Program:
    """A linear program kept as rows and columns, for GLOP and for the bound (``proven_upper_bound``)."""

    def __init__(self, pairs: int) -> None:
        self.upper = [1.0] * pairs
        self.rows: list[tuple[list[int], list[float], float, float]] = []

    def column(self, upper: float) -> int:
        self.upper.append(upper)
        return len(self.upper) - 1

    def row(self, members: list[int], coefficients: list[float], lower: float, upper: float) -> None:
        self.rows.append((members, coefficients, lower, upper))

    def solver(self) -> pywraplp.Solver:
        proto = linear_solver_pb2.MPModelProto()
        proto.maximize = True
        for upper in self.upper:
            var = proto.variable.add()
            var.lower_bound, var.upper_bound = 0.0, upper
        for members, coefficients, lower, upper in self.rows:
            row = proto.constraint.add()
            row.lower_bound, row.upper_bound = lower, upper
            row.var_index.extend(members)
            row.coefficient.extend(coefficients)
        solver = pywraplp.Solver.CreateSolver("GLOP")
        solver.LoadModelFromProto(proto)
        # Without its presolve GLOP starts the second program from the first one's basis (measured on the
        # benchmark's second largest component: 3.7 s + 3.7 s, against 3.6 s + 6.7 s with it).
        solver.SetSolverSpecificParametersAsString("use_preprocessing: false")
        return solver

    def add_row(
        self, solver, members: list[int], coefficients: list[float], lower: float, upper: float
    ) -> None:
        self.row(members, coefficients, lower, upper)
        constraint = solver.Constraint(lower, upper)
        variables = solver.variables()
        for m, c in zip(members, coefficients, strict=True):
            constraint.SetCoefficient(variables[m], c)

    def solve(self, solver, cost: list[float]) -> tuple[float | None, np.ndarray | None]:
        """A proven upper bound on max cost.x and GLOP's optimum; (None, None) when GLOP did not end optimal."""
        objective = solver.Objective()
        for var, c in zip(solver.variables(), cost, strict=True):
            objective.SetCoefficient(var, c)
        objective.SetMaximization()
        if solver.Solve() != pywraplp.Solver.OPTIMAL:
            return None, None
        response = linear_solver_pb2.MPSolutionResponse()
        solver.FillSolutionResponseProto(response)
        entries = (
            np.repeat(np.arange(len(self.rows)), [len(r[0]) for r in self.rows]),
            np.array([m for r in self.rows for m in r[0]], dtype=np.int64),
            np.array([c for r in self.rows for c in r[1]]),
        )
        bound = proven_upper_bound(
            entries,
            np.array([r[2] for r in self.rows]),
            np.array([r[3] for r in self.rows]),
            np.array(self.upper),
            np.array(cost),
            np.array(response.dual_value),
        )
        return bound, np.array(response.variable_value)


def _fits(types: DwellingTypes, times: StayTimes, assign: np.ndarray) -> bool:
    """At no start day more stays running in a type than it has dwellings."""
    for k, pairs, _, running_at in type_points(types, times):
        chosen = assign[types.pair_household[pairs]] == k
        if any(int(chosen[mask].sum()) > types.capacity[k] for mask in running_at):
            return False
    return True
