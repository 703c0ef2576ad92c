"""The first hint of the phased questions: priority order, best rank, a dwelling free for the whole stay."""

from type_tables import FOREVER, times, types

from allocator.engine.first_fit import first_fit


def test_stays_one_after_the_other_share_a_dwelling():
    t = types([(0, 0, 1), (1, 0, 1)], [1], 2)
    assert first_fit(t, times([(0, 10), (10, 20)], 1), [0, 1]).tolist() == [0, 0]


def test_overlapping_stays_do_not_and_priority_decides():
    t = types([(0, 0, 1), (1, 0, 1)], [1], 2)
    assert first_fit(t, times([(0, 11), (10, 20)], 1), [1, 0]).tolist() == [-1, 0]
    assert first_fit(t, times([(0, 11), (10, FOREVER)], 1), [0, 1]).tolist() == [0, -1]


def test_best_rank_first_then_the_next_type():
    t = types([(0, 0, 2), (0, 1, 1), (1, 1, 1)], [1, 1], 2)
    assert first_fit(t, times([(0, FOREVER), (5, 9)], 2), [0, 1]).tolist() == [1, -1]
    t = types([(0, 0, 2), (0, 1, 1), (1, 1, 1)], [1, 2], 2)
    assert first_fit(t, times([(0, FOREVER), (5, 9)], 2), [0, 1]).tolist() == [1, 1]
