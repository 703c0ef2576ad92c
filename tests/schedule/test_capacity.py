"""Each capacity rule: a hand case that fits and one that does not, with the computed diagnosis."""

import pytest
from cases import SETTINGS, D, plain, unphased

from allocator.schedule import DoesNotFit, make_schedule

# Window 2027-04-28..2027-05-11 (move-by 2027-05-12): 9 working days, Kristi himmelfartsdag 2027-05-06 excluded.


def test_moves_per_day_is_kept():
    inst, a = unphased(12, move_by=D(2027, 5, 12))
    s = make_schedule(inst, SETTINGS, a, plain(moves_per_day=2))
    assert s.peak_day == 2
    assert D(2027, 5, 6) not in s.per_day()


def test_too_many_moves_for_the_crews_names_the_weeks_and_the_smallest_limit():
    inst, a = unphased(12, move_by=D(2027, 5, 12))
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain(moves_per_day=1))
    d = exc.value.diagnosis
    assert sum(n for _, n in d.over_capacity) == 3  # 12 moves, 9 days
    assert d.min_moves_per_day == 2
    assert d.empty_windows == ()
    assert "the smallest moves_per_day that fits is 2" in str(exc.value)


def test_the_smallest_limit_is_searched_not_estimated():
    inst, a = unphased(28, move_by=D(2027, 5, 12))  # 28 moves over 9 days: 4 a day is the least
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain(moves_per_day=2))
    assert exc.value.diagnosis.min_moves_per_day == 4


def test_moves_per_week_is_kept_and_its_excess_reported():
    inst, a = unphased(8, move_by=D(2027, 5, 12))  # weeks 17 (3 days), 18 (4 days), 19 (2 days)
    s = make_schedule(inst, SETTINGS, a, plain(moves_per_week=3))
    assert max(s.per_week().values()) == 3
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain(moves_per_week=2))
    d = exc.value.diagnosis
    assert sum(n for _, n in d.over_capacity) == 2  # 8 moves, 3 weeks of 2
    assert d.min_moves_per_day is None  # no daily limit helps against the weekly one
