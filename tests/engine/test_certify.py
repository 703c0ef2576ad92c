"""The certificate: prices of the LP dual prove an optimal allocation optimal, and nothing else.

Hand-made cases first (worked out in the comments); then random cases against CP-SAT solving the same model
(``allocator.engine.model``), the proof the certificate replaced.
"""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from allocator.domain import Settings
from allocator.engine import model
from allocator.engine.certify import PROVEN, SolverDisagreement, certify
from allocator.engine.flow import UNHOUSED
from allocator.engine.types import DwellingTypes

U = UNHOUSED


def dwelling_types(n_households: int, pairs: list[tuple[int, int]], capacity: list[int]) -> DwellingTypes:
    """Types from (household, type) pairs; only what the certificate reads is filled in."""
    pairs = sorted(pairs)
    hh = np.array([h for h, _ in pairs], dtype=np.int64)
    tt = np.array([t for _, t in pairs], dtype=np.int64)
    return DwellingTypes(
        of_vacancy=np.repeat(np.arange(len(capacity)), capacity),
        vacancies=tuple(np.arange(c) for c in capacity),
        capacity=np.array(capacity, dtype=np.int64),
        department=np.zeros(len(capacity), dtype=np.int64),
        pair_household=hh,
        pair_type=tt,
        pair_rank=np.ones(len(pairs), dtype=np.int64),
        household_start=np.searchsorted(hh, np.arange(n_households + 1)),
    )


def by_household(weights: list[int]):
    w = np.array(weights, dtype=np.int64)
    return lambda hh, tt: w[hh]


# A (weight 2) and B (weight 1) may both have type 0 (one dwelling); only B may have type 1 (one dwelling).
TWO = dwelling_types(2, [(0, 0), (1, 0), (1, 1)], [1, 1])
TWO_VALUE = by_household([2, 1])


def test_the_best_allocation_gets_prices_whose_bound_is_its_total():
    # A in type 0, B in type 1: total 3, the most there is (prices u = (2, 1), p = (0, 0) bound it at 3).
    assert certify(TWO, TWO_VALUE, np.array([0, 1]), Settings()) == (PROVEN, 3, 3.0)


@pytest.mark.parametrize(
    "assign",
    [
        [U, 0],  # B took A's only dwelling: B could move to type 1 and A be housed
        [0, U],  # B left out though type 1 is free for it
        [U, 1],  # A left out though type 0 is free for it
        [U, U],
    ],
)
def test_an_allocation_that_can_be_bettered_gets_no_certificate(assign):
    with pytest.raises(SolverDisagreement, match="improved"):
        certify(TWO, TWO_VALUE, np.array(assign), Settings())


def test_a_pair_that_is_not_suitable_or_a_type_given_beyond_its_capacity_is_refused():
    with pytest.raises(SolverDisagreement, match="not suitable"):
        certify(TWO, TWO_VALUE, np.array([1, 0]), Settings())  # A may not have type 1
    with pytest.raises(SolverDisagreement, match="more households"):
        certify(TWO, TWO_VALUE, np.array([0, 0]), Settings())  # type 0 has one dwelling


def test_a_chain_of_moves_is_priced():
    # Three households, three types of one dwelling: C (weight 3) may only have type 0; B (2) types 0 and 1;
    # A (1) types 1 and 2. The best houses everyone, C in 0, B in 1, A in 2 (total 6); giving B type 0 leaves
    # C out (total 3), and is bettered only by a chain of two moves (B to 1, A to 2).
    types = dwelling_types(3, [(2, 0), (1, 0), (1, 1), (0, 1), (0, 2)], [1, 1, 1])
    value = by_household([1, 2, 3])
    assert certify(types, value, np.array([2, 1, 0]), Settings()) == (PROVEN, 6, 6.0)
    with pytest.raises(SolverDisagreement):
        certify(types, value, np.array([1, 0, U]), Settings())


def test_above_the_pair_limit_the_certificate_is_skipped():
    assert certify(TWO, TWO_VALUE, np.array([0, 1]), Settings(certify_max_pairs=2)) == ("SKIPPED", 3, 3.0)


def test_nobody_and_nothing():
    empty = dwelling_types(2, [], [])
    assert certify(empty, by_household([1, 2]), np.array([U, U]), Settings()) == (PROVEN, 0, 0.0)


def random_case(rng: np.random.Generator) -> tuple[DwellingTypes, np.ndarray]:
    n, n_types = int(rng.integers(1, 9)), int(rng.integers(1, 6))
    suitable = rng.random((n, n_types)) < rng.uniform(0.2, 0.8)
    pairs = [(h, t) for h, t in zip(*np.nonzero(suitable), strict=True)]
    types = dwelling_types(n, [(int(h), int(t)) for h, t in pairs], rng.integers(1, 3, n_types).tolist())
    return types, rng.integers(1, 40, len(pairs)).astype(np.int64)


def cp_sat_optimum(types: DwellingTypes, value) -> np.ndarray:
    built, variables = model.build(types, value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(built) == cp_model.OPTIMAL
    return variables.extract(solver, types.n_households)


@pytest.mark.parametrize("seed", range(150))
def test_random_cases_agree_with_cp_sat(seed):
    """Values per pair (as under weighted priority): CP-SAT's optimum is certified with CP-SAT's objective as
    the bound, and the same allocation with one housed household taken out is refused."""
    rng = np.random.default_rng(seed)
    types, pair_values = random_case(rng)
    keys = types.pair_household * len(types) + types.pair_type

    def value(hh, tt):
        return pair_values[np.searchsorted(keys, hh * len(types) + tt)]

    best = cp_sat_optimum(types, value)
    housed = np.flatnonzero(best != U)
    total = int(value(housed, best[housed]).sum())
    assert certify(types, value, best, Settings()) == (PROVEN, total, float(total))
    if len(housed):
        worse = best.copy()
        worse[rng.choice(housed)] = U
        with pytest.raises(SolverDisagreement):
            certify(types, value, worse, Settings())
