"""The relaxation's proofs: its bound holds whatever the prices, and only an integral answer meeting every row
exactly counts as a solution."""

import itertools

import numpy as np
from type_tables import times, types

from allocator.engine.relaxation import Relaxation

# Four households, three types of one dwelling each: the relaxation houses 3.5 of them, whole dwellings only 3.
ODD = types([(0, 1, 1), (0, 2, 1), (1, 1, 1), (2, 0, 1), (2, 2, 1), (3, 0, 1), (3, 1, 1)], [1, 1, 1], 4)
ODD_STAYS = times([(0, 6), (5, 11), (0, 11), (10, 21)], 3)


def relaxation() -> Relaxation:
    return Relaxation(ODD, ODD_STAYS, np.arange(4))


def most_housed_by_hand() -> int:
    best = 0
    for chosen in itertools.product([False, True], repeat=len(ODD.pair_household)):
        x = np.array(chosen)
        r = relaxation()
        if r.integral(x.astype(float)) is not None:
            best = max(best, int(x.sum()))
    return best


def test_the_bound_is_the_relaxation_optimum_and_above_every_whole_solution():
    bound, values = relaxation().maximize(np.arange(7))
    assert abs(bound - 3.5) < 1e-6
    assert most_housed_by_hand() == 3
    assert relaxation().integral(values) is None  # all halves: no solution


def test_the_bound_holds_for_any_prices():
    r = relaxation()
    rng = np.random.default_rng(7)
    cost = np.ones(r.n)
    for _ in range(200):
        prices = rng.normal(0, 2, size=len(r.row_pairs))
        assert r._bound(cost, prices) >= 3.5 - 1e-9


def test_a_household_that_cannot_be_housed_is_proven_so():
    r = relaxation()
    bound, _ = r.maximize(np.array([2]))  # household 1's only pair: type 1
    assert bound >= 1
    # Household 0 kept, and only in type 1 (its pair 1, type 2, forbidden): its stay 0-6 overlaps household 1's
    # 5-11 there.
    r.forbid(np.array([1]))
    r.must_house(0)
    bound, _ = r.maximize(np.array([2]))
    assert bound < 1


def test_only_an_exact_integral_answer_is_a_solution():
    r = relaxation()
    overlapping = np.zeros(7)
    overlapping[[0, 2]] = 1  # households 0 and 1 both in type 1, stays 0-6 and 5-11 overlap
    assert r.integral(overlapping) is None
    fine = np.zeros(7)
    fine[[0, 3, 6]] = 1  # 0 in type 1 (0-6), 2 in type 0 (0-11), 3 in type 1 (10-21)
    assert r.integral(fine).tolist() == [0, 3, 6]
    r.forbid(np.array([6]))
    assert r.integral(fine) is None  # a forbidden pair
    half = fine.copy()
    half[3] = 0.5
    assert r.integral(half) is None


def test_leaning_weights_change_the_optimum_found_not_the_count_proven():
    r = relaxation()
    r.lean(np.array([0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0]))  # household 0 rather in type 2
    bound, _ = r.maximize(np.arange(7))
    assert 3.5 - 1e-9 <= bound < 3.51
    bound, values = r.maximize(np.array([0, 1]))  # household 0 housed: either type, the lean says which
    assert 1 - 1e-9 <= bound < 1.01
    assert values[1] > 0.5 and values[0] < 0.5
    # A relaxation holding only some pairs answers for the others: never chosen.
    allowed = np.array([True, False, True, True, True, True, True])
    narrow = Relaxation(ODD, ODD_STAYS, np.arange(4), allowed)
    bound, values = narrow.maximize(np.array([1]))
    assert bound < 1 and values[1] == 0
