"""The linear relaxation of the time model (``allocator.engine.time_model``), solved by GLOP, for the questions of
``allocator.engine.phased`` that it can settle in a fraction of CP-SAT's time.

The same rows as the CP-SAT model, with every pair between 0 and 1: a household row (at most one dwelling; at least
one where it must be housed), a capacity row per type and start day, and the goal rows added on the way. Measured on
the benchmark's 1,200-household case: the relaxation of a 508-household, 60,000-pair component has 8 fractional
values of 60,457, and GLOP answers a question from the previous basis in 0.1-0.3 s, where CP-SAT took 20-120 s.

Nothing here is trusted on GLOP's word, so a floating-point slip can cost time, never a wrong answer:

- "no" is proven by weak duality: any row prices of the right signs bound the maximum from above, whatever the
  solver's accuracy (``_bound``). The prices are GLOP's, the arithmetic is ours;
- "yes" is an integral solution, checked row by row in integers (``integral``) before it is used.

Anything else (a fractional optimum, a solver status other than optimal) is "undecided" and goes to CP-SAT.
"""

from __future__ import annotations

import math

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from allocator.engine.time_model import StayTimes, capacity_rows
from allocator.engine.types import DwellingTypes, restrict

# GLOP from the previous basis: its presolve and scaling would rebuild the problem on every question (measured:
# 0.15 s a question with them, 0.07 s without, on a 60,000-pair component).
_GLOP_PARAMETERS = "use_preprocessing: false use_scaling: false"
# Values within this distance of 0 or 1 count as integral before the integer check, which decides.
_INTEGRAL = 1e-6


class Relaxation:
    """The relaxation of one component, kept between questions: bounds and rows only ever tighten. It may hold
    the ``allowed`` pairs only (a mask): every method still takes and gives the component's pair numbers, and a
    pair it does not hold is one that may not be chosen."""

    def __init__(
        self,
        types: DwellingTypes,
        times: StayTimes,
        households: np.ndarray,
        allowed: np.ndarray | None = None,
    ) -> None:
        self.pairs = len(types.pair_household)
        allowed = np.ones(self.pairs, dtype=bool) if allowed is None else allowed
        self.columns = np.flatnonzero(allowed)
        self.local = np.full(self.pairs, -1, dtype=np.int64)
        self.local[self.columns] = np.arange(len(self.columns))
        types = restrict(types, allowed)
        self.types = types
        self.n = len(types.pair_household)
        rows: list[tuple[np.ndarray, float, float]] = []
        self.household_row: dict[int, int] = {}
        for i in households.tolist():
            lo, hi = int(types.household_start[i]), int(types.household_start[i + 1])
            if hi > lo:
                self.household_row[i] = len(rows)
                rows.append((np.arange(lo, hi), -math.inf, 1.0))
        for pairs, capacity in capacity_rows(types, times):
            rows.append((pairs, -math.inf, float(capacity)))
        proto = linear_solver_pb2.MPModelProto()
        for _ in range(self.n):
            var = proto.variable.add()
            var.lower_bound, var.upper_bound = 0.0, 1.0
        for pairs, lower, upper in rows:
            row = proto.constraint.add()
            row.lower_bound, row.upper_bound = lower, upper
            row.var_index.extend(pairs.tolist())
            row.coefficient.extend([1.0] * len(pairs))
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.solver.LoadModelFromProto(proto)
        self.solver.SetSolverSpecificParametersAsString(_GLOP_PARAMETERS)
        self.x = self.solver.variables()
        self.rows = self.solver.constraints()
        self.row_pairs = [pairs for pairs, _, _ in rows]
        self.lower = np.array([lower for _, lower, _ in rows])
        self.upper_rows = np.array([upper for _, _, upper in rows])
        self.upper = np.ones(self.n)
        self.objective = self.solver.Objective()
        self.objective.SetMaximization()
        self._entries()
        self.solved = 0
        self.background = np.zeros(self.n)
        self.scale = 1.0

    def _entries(self) -> None:
        self.entry_row = np.repeat(np.arange(len(self.row_pairs)), [len(p) for p in self.row_pairs])
        self.entry_col = np.concatenate(self.row_pairs) if self.row_pairs else np.zeros(0, dtype=np.int64)

    # -- tightening -----------------------------------------------------------------------------------------
    def must_house(self, i: int) -> None:
        if i in self.household_row:
            self._set_row_lower(self.household_row[i], 1.0)

    def forbid(self, pairs: np.ndarray) -> None:
        for p in self._held(pairs)[0].tolist():
            if self.upper[p]:
                self.x[p].SetUb(0.0)
                self.upper[p] = 0.0

    def at_least(self, pairs: np.ndarray, bound: int) -> None:
        """A new row: at least ``bound`` of ``pairs`` chosen."""
        pairs = self._held(pairs)[0]
        row = self.solver.Constraint(float(bound), self.solver.infinity())
        for p in pairs.tolist():
            row.SetCoefficient(self.x[p], 1.0)
        self.rows = self.solver.constraints()
        self.row_pairs.append(np.asarray(pairs, dtype=np.int64))
        self.lower = np.append(self.lower, float(bound))
        self.upper_rows = np.append(self.upper_rows, math.inf)
        self._entries()

    def _set_row_lower(self, k: int, value: float) -> None:
        self.rows[k].SetLb(value)
        self.lower[k] = value

    # -- questions ------------------------------------------------------------------------------------------
    def lean(self, weights: np.ndarray) -> None:
        """Small weights (per pair of the component, >= 0) that every question's objective carries besides the
        pairs it counts, so that its optimum also leans where they say (``maximize``)."""
        self.background = np.zeros(self.n)
        self.background[self._held(np.arange(self.pairs))[0]] = weights[self.columns]
        # The lean part of any solution is below the sum of all weights, so the count's bound is within 0.001
        # (measured: the smaller scale of each household's largest weight summed asked 122 and 52 questions on the
        # benchmark's two largest components, against 95 and 65 with this one).
        self.scale = 1000.0 * (float(self.background.sum()) + 1.0)
        for p, w in enumerate(self.background.tolist()):
            self.objective.SetCoefficient(self.x[p], w)

    def maximize(
        self, pairs: np.ndarray, weights: np.ndarray | None = None
    ) -> tuple[float, np.ndarray | None]:
        """An upper bound on the sum of ``pairs`` (weighted) over every solution of the rows, proven by weak
        duality, and GLOP's optimal values (None when GLOP did not end optimal: the bound is then infinite).

        Without ``weights`` the objective is the count times a scale plus the lean weights: the count is then at
        most the bound on the whole divided by the scale, as the lean part is never below 0. With ``weights``,
        these alone."""
        counted = weights is None
        weights = np.ones(len(pairs)) if weights is None else np.asarray(weights, dtype=float)
        pairs, weights = self._held(pairs, weights)
        cost = self.background.copy() if counted else np.zeros(self.n)
        cost[pairs] += weights * (self.scale if counted else 1.0)
        changed = pairs if counted else np.arange(self.n)
        for p in changed.tolist():
            self.objective.SetCoefficient(self.x[p], float(cost[p]))
        status = self.solver.Solve()
        self.solved += 1
        response = linear_solver_pb2.MPSolutionResponse()
        self.solver.FillSolutionResponseProto(response)
        for p in changed.tolist():
            self.objective.SetCoefficient(self.x[p], float(self.background[p]))
        if status != pywraplp.Solver.OPTIMAL:
            return math.inf, None
        values = np.zeros(self.pairs)
        values[self.columns] = response.variable_value
        bound = self._bound(cost, np.array(response.dual_value))
        return (bound / self.scale if counted else bound), values

    def _held(
        self, pairs: np.ndarray, weights: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The columns of those of ``pairs`` this relaxation holds (and their weights)."""
        local = self.local[pairs]
        held = local >= 0
        return local[held], None if weights is None else weights[held]

    def _bound(self, cost: np.ndarray, prices: np.ndarray) -> float:
        entries = (self.entry_row, self.entry_col, np.ones(len(self.entry_row)))
        return proven_upper_bound(entries, self.lower, self.upper_rows, self.upper, cost, prices)

    def integral(self, values: np.ndarray | None) -> np.ndarray | None:
        """The chosen pairs when ``values`` is integral and meets every row and bound exactly, else None."""
        if values is None or np.any(np.minimum(values, np.abs(1.0 - values)) > _INTEGRAL):
            return None
        if np.any(values[self.local < 0] > 0.5):
            return None
        values = values[self.columns]
        chosen = values > 0.5
        if np.any(chosen & (self.upper == 0.0)):
            return None
        counts = np.bincount(self.entry_row, weights=chosen[self.entry_col], minlength=len(self.row_pairs))
        if np.any(counts < self.lower) or np.any(counts > self.upper_rows):
            return None
        return self.columns[np.flatnonzero(chosen)]


def proven_upper_bound(
    entries: tuple[np.ndarray, np.ndarray, np.ndarray],
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    column_upper: np.ndarray,
    cost: np.ndarray,
    prices: np.ndarray,
) -> float:
    """An upper bound on max cost.x over lower <= A x <= upper, 0 <= x <= column_upper (A given by its entries:
    row, column, value), valid for any row prices: weak duality, cost.x = prices.Ax + (cost - A'prices).x. A
    price of the wrong sign for its row (positive on a row without an upper bound, say) is set to 0 first. The
    sums are exact to the last bit (``math.fsum``); a margin covers the rounding of each product."""
    rows, columns, values = entries
    prices = np.where(np.isfinite(row_upper), prices, np.minimum(prices, 0.0))
    prices = np.where(np.isfinite(row_lower), prices, np.maximum(prices, 0.0))
    row_part = np.where(prices > 0, prices * np.where(np.isfinite(row_upper), row_upper, 0.0), 0.0)
    row_part += np.where(prices < 0, prices * np.where(np.isfinite(row_lower), row_lower, 0.0), 0.0)
    products = values * prices[rows]
    reduced = cost - np.bincount(columns, weights=products, minlength=len(cost))
    terms = np.concatenate([row_part, np.maximum(reduced, 0.0) * column_upper])
    # Every rounding above is within 1e-15 of the size of what it adds up (columns and rows of a few thousand
    # entries at most); 1e-9 of the total size is far beyond it.
    scale = float(
        np.abs(terms).sum() + np.abs(cost).sum() + np.abs(products).sum() * column_upper.max(initial=1)
    )
    return math.fsum(terms.tolist()) + 1e-9 * (1.0 + scale)
