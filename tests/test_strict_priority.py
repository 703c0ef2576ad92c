"""The exchange step on its own: each kind of exchange is made when it applies and not otherwise."""

import numpy as np

from allocator.strict_priority import UNHOUSED, house_priority_greedy, improve_by_exchanges

ORDER = [0, 1, 2]


def exchange(assign, suitable, rank, capacity, order=ORDER):
    return improve_by_exchanges(
        np.array(assign), np.array(suitable), np.array(rank, dtype=np.int16), np.array(capacity), order
    )


def test_moves_to_a_better_free_type():
    got, n = exchange([1], [[True, True]], [[1, 2]], [1, 1], order=[0])
    assert got.tolist() == [0] and n == 1


def test_takes_the_better_type_from_a_lower_priority_holder_who_can_take_its_own():
    got, _ = exchange([1, 0], [[True, True], [True, True]], [[1, 2], [1, 2]], [1, 1], order=[0, 1])
    assert got.tolist() == [0, 1]


def test_does_not_displace_a_holder_who_could_not_take_its_dwelling():
    got, n = exchange([1, 0], [[True, True], [True, False]], [[1, 2], [1, 2]], [1, 1], order=[0, 1])
    assert got.tolist() == [1, 0] and n == 0


def test_does_not_take_from_a_higher_priority_holder():
    got, n = exchange([1, 0], [[True, True], [True, True]], [[1, 2], [1, 2]], [1, 1], order=[1, 0])
    assert got.tolist() == [1, 0] and n == 0


def test_trade_cycle_of_three_is_traded():
    # Each wants the next one's type most, and no holder could take the type of the one who wants its own,
    # so no pairwise exchange applies: only the three-way trade helps, and it helps them all.
    suitable = [[True, True, False], [False, True, True], [True, False, True]]
    rank = [[2, 1, 3], [3, 2, 1], [1, 3, 2]]
    got, n = exchange([0, 1, 2], suitable, rank, [1, 1, 1])
    assert got.tolist() == [1, 2, 0] and n >= 1


def test_greedy_flow_houses_the_priority_greedy_set():
    # 0 can take either type; 1 only type 0; 2 only type 1: houses 0 and 1.
    suitable = np.array([[True, True], [True, False], [False, True]])
    rank = np.ones((3, 2), dtype=np.int16)
    got = house_priority_greedy(suitable, rank, np.array([1, 1]), [0, 1, 2])
    assert got.tolist() == [1, 0, UNHOUSED]


def test_takes_the_better_type_from_a_junior_who_can_move_to_a_free_type():
    # Senior 0 holds type 1 (rank 2), wants type 0 (rank 1) held by junior 1; the junior cannot take type 1
    # but can take the free type 2, so the senior gets its wish and nobody is left out.
    suitable = [[True, True, False], [True, False, True]]
    rank = [[1, 2, 3], [1, 1, 2]]
    got, n = exchange([1, 0], suitable, rank, [1, 1, 1], order=[0, 1])
    assert got.tolist() == [0, 2] and n >= 1


def test_does_not_displace_a_junior_with_nowhere_to_go():
    suitable = [[True, True, False], [True, False, True]]
    rank = [[1, 2, 3], [1, 1, 2]]
    got, n = exchange([1, 0], suitable, rank, [1, 1, 0], order=[0, 1])
    assert got.tolist() == [1, 0] and n == 0
