"""The moves in independent parts: what ties two moves, and that the parts solved alone give the goals of the
whole model solved at once."""

import datetime as dt

from builders import hh, vac
from cases import SETTINGS, D, phased, plain, unphased, with_extra

from allocator.domain import Instance, Kind, Phase
from allocator.result import Assignment
from allocator.schedule.model import build, calendar, solve_part
from allocator.schedule.moves import plan_moves
from allocator.schedule.parts import independent_parts
from allocator.schedule.solve import solve


def _plan(inst, assignments, options):
    options = options.resolved()
    plan = plan_moves(inst, SETTINGS, assignments, options)
    return plan, calendar(plan, options.closed())


def _parts(inst, assignments, options, crowded=None):
    plan, cal = _plan(inst, assignments, options)
    parts = independent_parts(
        plan, cal, crowded=crowded or options.moves_per_day, moves_per_week=options.moves_per_week
    )
    return [[plan.moves[k].household_id for k in part] for part in parts]


def _two_far_apart():
    one, _ = unphased(1, move_by=D(2027, 5, 12))
    two = hh("H2", move_by=D(2027, 9, 1))
    inst = Instance((one.households[0], two), (*one.vacancies, vac("B2", available_from=D(2027, 4, 1))))
    return inst, [Assignment("H1", "B1", 1), Assignment("H2", "B2", 1)]


def test_moves_far_apart_are_two_parts():
    inst, a = _two_far_apart()
    assert _parts(inst, a, plain()) == [["H1"], ["H2"]]


def test_moves_that_may_crowd_a_day_are_one_part_and_those_that_cannot_are_not():
    inst, a = unphased(3, move_by=D(2027, 5, 12))  # the same window: 3 moves may fall on each day
    assert _parts(inst, a, plain(moves_per_day=2)) == [["H1", "H2", "H3"]]
    assert _parts(inst, a, plain(moves_per_day=3)) == [["H1"], ["H2"], ["H3"]]


def test_a_week_limit_ties_the_moves_of_a_week():
    inst, a = unphased(3, move_by=D(2027, 5, 12))
    assert _parts(inst, a, plain(moves_per_day=3, moves_per_week=2)) == [["H1", "H2", "H3"]]


def test_one_stairwell_is_one_part():
    inst, a = _two_far_apart()
    together = Instance(tuple(with_extra(h, Opgang="Kirkevej 1") for h in inst.households), inst.vacancies)
    assert _parts(together, a, plain()) == [["H1", "H2"]]


def test_a_dwelling_ties_its_stays_only_where_their_windows_meet():
    # T1: A out (May) and back (from 2027-10-01, within 14 days), B out (from 2027-10-18) and back (March),
    # C for good (from 2028-04-17). A's move back plus the turnaround may reach into B's window: tied. B's move
    # back, even on its last day plus the turnaround, is before C's window opens: not tied; nor are a stay's
    # own moves out and back, months apart.
    inst, a = phased()
    assert _parts(inst, a, plain()) == [["A"], ["A", "B"], ["B"], ["C"]]


def test_parts_put_together_keep_the_peak_of_the_whole():
    # No free dates and room for all on one day: each move alone is its own part and would take any day;
    # the peak goal ties them again and spreads them, one a day.
    inst, a = unphased(4, move_by=D(2027, 5, 12))
    no_free = Instance(inst.households, tuple(vac(v.dwelling_id) for v in inst.vacancies))
    plan, cal = _plan(no_free, a, plain())
    assert len(independent_parts(plan, cal, crowded=4, moves_per_week=None)) == 4
    status, days = solve(plan, cal, moves_per_day=4, moves_per_week=None)
    assert status == "optimal" and len(set(days)) == 4


def _goals(plan, cal, days, options):
    """Empty dwelling-days, stairwell weeks and the peak of a schedule, counted from its days."""
    from collections import Counter

    from allocator.schedule.working_days import week_of

    empty = 0
    for _dwelling, free, stays in plan.dwellings:
        for n, stay in enumerate(stays):
            before = stays[n - 1] if n else None
            if before is not None and before.move_out is not None:
                empty += days[stay.move_in] - days[before.move_out] - plan.turnaround_days
            elif before is None and free is not None:
                empty += days[stay.move_in] - cal.offset(free)
    weeks = {
        (m.stairwell, m.phase, week_of(cal.date(days[k])))
        for k, m in enumerate(plan.moves)
        if m.moves_in and m.stairwell is not None
    }
    return empty, len(weeks), max(Counter(days).values())


def _two_phases():
    """Two phases of 12 households, three stairwells each; temporary dwellings reused by the second phase."""
    phases = (
        Phase("1", construction_start=D(2027, 6, 1), ready=D(2027, 9, 1)),
        Phase("2", construction_start=D(2027, 11, 15), ready=D(2028, 2, 15)),
    )
    households, vacancies, assignments = [], [], []
    for k in range(24):
        phase = phases[k // 12]
        move_by = phase.construction_start - dt.timedelta(days=7 * (k % 4))
        temporary = k % 3 == 0
        hid = f"H{k:02d}"
        households.append(
            with_extra(
                hh(
                    hid,
                    kind=Kind.TEMPORARY if temporary else Kind.PERMANENT,
                    move_by=move_by,
                    phase=phase.phase_id,
                    returns_on=phase.ready if temporary else None,
                ),
                Opgang=f"O{k // 4}",
            )
        )
        start = move_by - dt.timedelta(days=14)
        if temporary:
            dwelling = f"T{k % 12:02d}"
            if k < 12:
                vacancies.append(vac(dwelling, available_from=start - dt.timedelta(days=5)))
            assignments.append(Assignment(hid, dwelling, 1, stay_from=start, stay_until=phase.ready))
        else:
            vacancies.append(vac(f"P{k:02d}", available_from=move_by - dt.timedelta(days=20 + k % 5)))
            assignments.append(Assignment(hid, f"P{k:02d}", 1, stay_from=start))
    return Instance(tuple(households), tuple(vacancies), phases=phases), assignments


def test_the_parts_solved_alone_reach_the_goals_of_the_whole_model():
    inst, a = _two_phases()
    for per_day in (1, 2, 4):
        options = plain(moves_per_day=per_day, return_days=30)
        plan, cal = _plan(inst, a, options)
        assert len(independent_parts(plan, cal, crowded=per_day, moves_per_week=None)) > 1
        status, days = solve(plan, cal, moves_per_day=per_day, moves_per_week=None)
        whole = solve_part(build(plan, cal, moves_per_day=per_day, moves_per_week=None))
        assert status == "optimal" and whole.optimal
        together = [whole.days[k] for k in range(len(plan.moves))]
        assert _goals(plan, cal, days, options) == _goals(plan, cal, together, options), per_day


def test_no_schedule_within_the_limit_is_an_error_not_half_a_schedule(monkeypatch):
    import pytest

    import allocator.schedule.model as model
    from allocator.schedule import make_schedule

    limited = model.solver
    monkeypatch.setattr(model, "solver", lambda limit=0.0: limited(1e-7))
    inst, a = unphased(12, move_by=D(2027, 5, 12))
    with pytest.raises(TimeoutError, match="no schedule found within the time limit"):
        make_schedule(inst, SETTINGS, a, plain(moves_per_day=2))
