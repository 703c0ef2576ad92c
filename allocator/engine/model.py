"""The CP-SAT model of the allocation: the place where constraints live.

Variables exist only for suitable (household, dwelling type) pairs, so every hard rule is met by construction.
``Variables`` owns them and their indexing. The constraints are the structure of an allocation (a household gets at
most one dwelling, a type hands out at most its capacity); side constraints of later work (department caps,
households that move together, phases) are added here as further ``add_*`` functions.

The objective is a value per suitable pair, maximised: for strict priority the household's priority weight (whose
optimum is the unique priority-greedy housed set, see ``allocator.engine.housed_set``); for weighted priority a
coverage bonus minus the weighted cost (``allocator.engine.weighted``).

The engine proves its answer optimal for this model without CP-SAT (``allocator.engine.certify``: prices of the
LP dual); the tests solve the model with CP-SAT to confirm that proof. A side constraint added here must be
added to the certificate too: once it breaks the bipartite structure, prices alone no longer prove optimality.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.engine.certify import PairValue
from allocator.engine.flow import UNHOUSED
from allocator.engine.types import DwellingTypes


@dataclass(frozen=True, slots=True)
class Variables:
    """The decision variables: ``x[k]`` is 1 when household ``households[k]`` gets a dwelling of ``types[k]``."""

    households: np.ndarray
    types: np.ndarray
    x: tuple[cp_model.IntVar, ...]

    def extract(self, solver: cp_model.CpSolver, n_households: int) -> np.ndarray:
        assign = np.full(n_households, UNHOUSED, dtype=np.int64)
        values = np.array([solver.boolean_value(v) for v in self.x], dtype=bool)
        assign[self.households[values]] = self.types[values]
        return assign

    def hint(self, model: cp_model.CpModel, assign: np.ndarray) -> None:
        """A complete hint: every variable gets a value."""
        for h, t, var in zip(self.households.tolist(), self.types.tolist(), self.x, strict=True):
            model.add_hint(var, bool(assign[h] == t))


def build(types: DwellingTypes, pair_value: PairValue) -> tuple[cp_model.CpModel, Variables]:
    """The model over all suitable pairs, maximising ``pair_value(households, types)`` summed over chosen pairs."""
    model = cp_model.CpModel()
    hh, tt = types.pair_household, types.pair_type
    x = tuple(model.new_bool_var(f"x_{h}_{t}") for h, t in zip(hh.tolist(), tt.tolist(), strict=True))
    variables = Variables(households=hh, types=tt, x=x)
    add_one_dwelling_per_household(model, variables)
    add_type_capacity(model, variables, types.capacity)
    model.maximize(sum_of(variables, pair_value(hh, tt)))
    return model, variables


def add_one_dwelling_per_household(model: cp_model.CpModel, variables: Variables) -> None:
    for group in _groups(variables.households):
        model.add_at_most_one(variables.x[k] for k in group)


def add_type_capacity(model: cp_model.CpModel, variables: Variables, capacity: np.ndarray) -> None:
    for t, group in zip(*_keyed_groups(variables.types), strict=True):
        if len(group) > capacity[t]:
            model.add(sum(variables.x[k] for k in group) <= int(capacity[t]))


def sum_of(variables: Variables, coefficients: np.ndarray) -> cp_model.LinearExprT:
    return cp_model.LinearExpr.weighted_sum(list(variables.x), coefficients.tolist())


def _groups(keys: np.ndarray) -> list[np.ndarray]:
    return _keyed_groups(keys)[1]


def _keyed_groups(keys: np.ndarray) -> tuple[list[int], list[np.ndarray]]:
    if len(keys) == 0:
        return [], []
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    return uniq.tolist(), np.split(order, starts[1:])
