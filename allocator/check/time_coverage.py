"""Coverage in a phased case: the most households any allocation houses over the whole plan, and the most
permanent ones among those allocations, proved on the checker's own model (``time_model.py``).

The question per component: maximise ``W * housed + permanent housed`` with ``W`` above the number of
permanent households, so that one more household always outweighs every permanent one. Households with the
same suitable classes, the same stay and the same kind are interchangeable here and form one group.

Two ways to the answer, the cheap one first:

- A certificate. The allocation under check, if it fits the model, is a solution. The LP relaxation (GLOP)
  gives dual prices; clipped at zero and raised where a pair's prices fall short of its objective weight, they
  are a feasible dual solution whatever GLOP's accuracy, so their value is a true upper bound. When that bound
  is below the allocation's value plus one, the allocation's value is the optimum. On generated cases of 300 to
  1,200 households the LP has been integral, so this settles coverage in about a second.
- Otherwise CP-SAT solves the integer model, hinted with the allocation, within the time limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from allocator.check.stay_windows import Stays
from allocator.check.time_model import OpenPart, add_occupancy, capacity_rows, solve
from allocator.domain import Settings

_MARGIN = 1e-6  # far above the rounding of a sum of some thousand doubles of this size


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per component (``OpenPart.components`` order) the most housed and the most permanent housed among
    allocations housing that many; ``decided`` False where the time limit hit (the figures are then the best
    allocation found, a lower bound); ``certified`` how many components the LP certificate settled."""

    housed: tuple[int, ...]
    permanent: tuple[int, ...]
    decided: tuple[bool, ...]
    certified: int = 0


def best_coverage(
    part: OpenPart, stays: Stays, temporary: np.ndarray, home: np.ndarray, settings: Settings
) -> Coverage:
    housed, permanent, decided, certified = [], [], [], 0
    for households, _ in part.components:
        h, p, ok, by_certificate = _component(part, households, stays, temporary, home, settings)
        housed.append(h)
        permanent.append(p)
        decided.append(ok)
        certified += by_certificate
    return Coverage(tuple(housed), tuple(permanent), tuple(decided), certified)


def _component(
    part: OpenPart,
    households: np.ndarray,
    stays: Stays,
    temporary: np.ndarray,
    home: np.ndarray,
    settings: Settings,
) -> tuple[int, int, bool, bool]:
    groups: dict[tuple, int] = {}
    members: list[list[int]] = []
    for h in households.tolist():
        key = (
            tuple(np.flatnonzero(part.hc[h]).tolist()),
            int(stays.start[h]),
            int(stays.end[h]),
            bool(temporary[h]),
        )
        if key not in groups:
            groups[key] = len(members)
            members.append([])
        members[groups[key]].append(h)
    keys = list(groups)
    arcs = [k[0] for k in keys]
    count = [len(m) for m in members]
    start, end = [k[1] for k in keys], [k[2] for k in keys]
    weight = sum(c for k, c in zip(keys, count, strict=True) if not k[3]) + 1
    value = [weight + (0 if k[3] else 1) for k in keys]  # per household of the group
    rows = capacity_rows(arcs, count, start, end, part)

    given: dict[tuple[int, int], int] = {}
    for g, group in enumerate(members):
        for h in group:
            if home[h] >= 0:
                given[g, int(part.d_class[home[h]])] = given.get((g, int(part.d_class[home[h]])), 0) + 1
    if _fits(given, arcs, rows):
        own = sum(value[g] * n for (g, _), n in given.items())
        bound = _lp_bound(arcs, count, value, rows)
        if bound is not None and bound < own + 1 - _MARGIN:
            return own // weight, own % weight, True, True

    model = cp_model.CpModel()
    x, housed = add_occupancy(model, arcs, count, start, end, part)
    for key, var in x.items():
        model.add_hint(var, given.get(key, 0))
    model.maximize(sum(v * e for v, e in zip(value, housed, strict=True)))
    answer = solve(model, settings, optimise=True)
    if answer.solver is None:  # pragma: no cover - the empty allocation is a solution CP-SAT finds at once
        return 0, 0, False, False
    best = int(round(answer.solver.objective_value))
    return best // weight, best % weight, answer.decided, False


def _fits(
    given: dict[tuple[int, int], int],
    arcs: Sequence[Sequence[int]],
    rows: list[tuple[int, tuple[int, ...], int]],
) -> bool:
    """Whether the allocation's counts per (group, class) are a solution of the model."""
    if any(c not in arcs[g] for g, c in given):
        return False
    return all(sum(given.get((g, c), 0) for g in running) <= room for c, running, room in rows)


def _row(lp: pywraplp.Solver, variables: list, upper: int) -> pywraplp.Constraint:
    """The row ``sum(variables) <= upper``."""
    row = lp.Constraint(-lp.infinity(), float(upper))
    for var in variables:
        row.SetCoefficient(var, 1.0)
    return row


def _lp_bound(
    arcs: Sequence[Sequence[int]],
    count: Sequence[int],
    value: Sequence[int],
    rows: list[tuple[int, tuple[int, ...], int]],
) -> float | None:
    """An upper bound on ``max sum value[g] * x[g, c]`` over the model's LP relaxation, from a dual solution
    made feasible by hand (None: GLOP not available or not optimal)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
        return None
    x = {(g, c): lp.NumVar(0, lp.infinity(), "") for g, classes in enumerate(arcs) for c in classes}
    # Rows coefficient by coefficient: the expression syntax (sum of variables) took 6 of the 9.5 s of this
    # check on the 1,200-household benchmark.
    group_rows = [_row(lp, [x[g, c] for c in classes], int(count[g])) for g, classes in enumerate(arcs)]
    cap_rows = [_row(lp, [x[g, c] for g in running], room) for c, running, room in rows]
    objective = lp.Objective()
    for (g, _), var in x.items():
        objective.SetCoefficient(var, float(value[g]))
    objective.SetMaximization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    z = [max(0.0, r.dual_value()) for r in cap_rows]
    covered: dict[tuple[int, int], float] = {}
    for (c, running, _), price in zip(rows, z, strict=True):
        if price > 0:
            for g in running:
                covered[g, c] = covered.get((g, c), 0.0) + price
    bound = sum(room * price for (_, _, room), price in zip(rows, z, strict=True))
    for g, classes in enumerate(arcs):
        y = max(0.0, group_rows[g].dual_value())
        for c in classes:
            y = max(y, value[g] - covered.get((g, c), 0.0))  # dual feasibility of x[g, c]
        bound += int(count[g]) * y
    return bound
