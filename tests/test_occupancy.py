"""Occupancy of a phased case: timelines, empty dwelling-days and their rent, peaks per day, week and room count."""

from __future__ import annotations

import dataclasses
import datetime as dt

from phased_case import D, phased_result

from allocator.occupancy import occupancy


def test_a_dwelling_reused_by_two_temporary_stays_then_a_permanent_one():
    occ = occupancy(phased_result())
    b1 = occ.timeline_of("B1")
    assert [(s.household_id, s.start, s.until, s.empty_before) for s in b1.stays] == [
        ("T1", D(2027, 2, 15), D(2027, 9, 1), 14),
        ("T2", D(2027, 9, 17), D(2028, 4, 1), 16),  # the gap includes the 14-day turnaround
        ("P3", D(2028, 4, 17), None, 16),
    ]
    assert (b1.held_from, b1.held_until) == (D(2027, 2, 1), None)  # held for good: a permanent stay ends it
    assert (b1.empty_days, b1.empty_rent) == (46, 5520.0)
    assert b1.holder_on(D(2027, 9, 10)) is None and b1.holder_on(D(2027, 9, 17)) == "T2"


def test_empty_days_rent_and_the_unknown_rent():
    occ = occupancy(phased_result())
    assert [t.dwelling_id for t in occ.timelines] == ["B1", "B2", "B3"]  # B4 holds nobody
    assert [t.empty_days for t in occ.timelines] == [46, 47, 16]
    assert occ.timeline_of("B2").held_until == D(2028, 4, 1)
    assert (occ.empty_days, occ.empty_rent, occ.rent_unknown) == (109, 16800.0, 1)
    assert occ.empty_before()["T4"] == 16


def test_peaks_per_day_week_and_room_count():
    occ = occupancy(phased_result())
    assert (occ.peak_held, occ.peak_day) == (3, D(2027, 9, 1))
    assert occ.peak_by_rooms == {2: 2, 3: 1}
    assert occ.weeks[0] == D(2027, 2, 1) and all(
        w.weekday() == 0 for w in occ.weeks
    )  # 2027-02-01 is a Monday
    week = {w: (h, o) for w, h, o in zip(occ.weeks, occ.held_per_week, occ.occupied_per_week, strict=True)}
    assert week[D(2027, 2, 8)] == (1, 0)  # B1 held, T1 not yet in
    assert week[D(2027, 2, 15)] == (1, 1)
    assert week[D(2027, 9, 6)] == (3, 0)  # all three held, T1 gone, T2, T3 and T4 not yet in
    assert week[D(2027, 9, 13)] == (3, 3)
    assert max(occ.held_per_week) == 3 and occ.weeks[-1] <= D(2028, 4, 17)


def test_the_stays_come_from_the_households_when_the_engine_leaves_them_unset():
    assert occupancy(phased_result(with_stays=False)) == occupancy(phased_result())


def test_an_unphased_result_has_no_timelines_without_move_by():
    result = phased_result(with_stays=False)
    households = tuple(
        dataclasses.replace(h, move_by=None, returns_on=None, phase=None) for h in result.instance.households
    )
    plain = dataclasses.replace(
        result, instance=dataclasses.replace(result.instance, households=households, phases=())
    )
    occ = occupancy(plain)
    assert occ.timelines == () and occ.peak_held == 0 and occ.weeks == ()
    assert isinstance(occ.peak_day, dt.date | None)
