"""The independent checker passes a made schedule and catches hand-broken ones."""

import datetime as dt
from dataclasses import replace

from cases import SETTINGS, D, phased, plain, unphased

from allocator.check.schedule import check
from allocator.schedule import make_schedule


def moved(schedule, household_id, type_, days):
    """The schedule with one move shifted by ``days``."""
    moves = tuple(
        replace(m, date=m.date + dt.timedelta(days=days))
        if (m.move.household_id, m.move.type) == (household_id, type_)
        else m
        for m in schedule.moves
    )
    return replace(schedule, moves=moves)


def dated(schedule, household_id, type_, day):
    """The schedule with one move put on ``day``."""
    moves = tuple(
        replace(m, date=day) if (m.move.household_id, m.move.type) == (household_id, type_) else m
        for m in schedule.moves
    )
    return replace(schedule, moves=moves)


def test_a_made_schedule_passes_with_the_empty_days_recomputed():
    inst, a = phased()
    s = make_schedule(inst, SETTINGS, a, plain())
    audit = check(s, inst, SETTINGS, a)
    assert audit.ok, audit.problems
    assert audit.empty_days == s.empty_days == 17 + 0 + 21


def test_a_move_back_before_ready_is_caught():
    inst, a = phased()
    s = dated(make_schedule(inst, SETTINGS, a, plain()), "A", "back", D(2027, 9, 30))
    problems = check(s, inst, SETTINGS, a).problems
    assert any("before the phase is ready" in p for p in problems)
    assert any("empty dwelling-days" in p for p in problems)  # B's reported empty days no longer match


def test_two_households_in_one_dwelling_is_caught():
    inst, a = phased()
    made = make_schedule(inst, SETTINGS, a, plain())
    s = dated(
        made, "A", "back", made.dates_of("B")["out"] - dt.timedelta(days=1)
    )  # B moves in, A still there
    problems = check(s, inst, SETTINGS, a).problems
    assert any("before it is ready after A" in p for p in problems)


def test_a_holiday_and_a_day_over_capacity_are_caught():
    inst, a = unphased(3, move_by=D(2027, 5, 12))
    s = make_schedule(inst, SETTINGS, a, plain(moves_per_day=1))
    on_holiday = tuple(replace(m, date=D(2027, 5, 6)) for m in s.moves)
    problems = check(replace(s, moves=on_holiday), inst, SETTINGS, a).problems
    assert any("not a working, open day" in p for p in problems)
    assert any("3 moves, more than 1" in p for p in problems)


def test_a_missing_move_and_a_move_outside_its_window_are_caught():
    inst, a = unphased(2)
    s = make_schedule(inst, SETTINGS, a, plain())
    problems = check(replace(s, moves=s.moves[:1]), inst, SETTINGS, a).problems
    assert any("no permanent move" in p for p in problems)
    late = moved(s, "H1", "permanent", 14)
    assert any("not before the move-by date" in p for p in check(late, inst, SETTINGS, a).problems)
