"""When the moves do not fit: which moves have no day at all, which weeks are over capacity and by how many
moves, and the smallest ``moves_per_day`` that fits, found by search (each candidate solved, not estimated).

Each question is asked of the independent parts of the moves (``allocator.schedule.parts``) one at a time:
the moves over capacity are a sum over the parts, and the moves fit when every part fits."""

from __future__ import annotations

from ortools.sat.python import cp_model

from allocator.schedule.model import Calendar, build, solver
from allocator.schedule.moves import MovePlan
from allocator.schedule.outcome import Diagnosis, EmptyWindow
from allocator.schedule.parts import independent_parts
from allocator.schedule.working_days import week_of


def diagnose(plan: MovePlan, cal: Calendar, *, moves_per_day: int, moves_per_week: int | None) -> Diagnosis:
    windows = empty_windows(plan, cal)
    skip = frozenset(
        k for k, m in enumerate(plan.moves) if m.key in {(w.household_id, w.type) for w in windows}
    )
    over = over_capacity(plan, cal, moves_per_day, moves_per_week, skip)
    smallest = smallest_moves_per_day(plan, cal, moves_per_day, moves_per_week, skip)
    return Diagnosis(
        over_capacity=over,
        min_moves_per_day=smallest,
        empty_windows=windows,
        moves_per_day=moves_per_day,
        moves_per_week=moves_per_week,
    )


def empty_windows(plan: MovePlan, cal: Calendar) -> tuple[EmptyWindow, ...]:
    """Moves without a day: none in their own window, or none left once the dwelling's previous household has
    moved out at its earliest (plus the turnaround)."""
    found: dict[int, str] = {}
    free_by_dwelling = {d: free for d, free, _ in plan.dwellings}
    for k, m in enumerate(plan.moves):
        if cal.domains[k]:
            continue
        free = free_by_dwelling.get(m.dwelling_id)
        if m.latest < plan.first_day and m.booked is None:
            found[k] = "notice"
        elif m.moves_in and free is not None and free > m.latest:
            found[k] = "dwelling_late"
        else:
            found[k] = "no_working_day"
    for _dwelling, _free, stays in plan.dwellings:
        release: int | None = None
        for stay in stays:
            if stay.move_in in found:
                break
            days = [v for v in cal.domains[stay.move_in] if release is None or v >= release]
            if not days:
                found[stay.move_in] = "previous_stay"
                break
            if stay.move_out is None or stay.move_out in found:
                break
            release = max(min(cal.domains[stay.move_out]), days[0]) + plan.turnaround_days
    return tuple(
        EmptyWindow(m.household_id, m.type, m.earliest, m.latest, found[k])
        for k, m in enumerate(plan.moves)
        if k in found
    )


def over_capacity(
    plan: MovePlan, cal: Calendar, per_day: int, per_week: int | None, skip: frozenset[int]
) -> tuple[tuple[tuple[int, int], int], ...]:
    """Per ISO week, the fewest moves over the crews' limits any schedule of the other moves must have."""
    weeks: dict[tuple[int, int], int] = {}
    for part in _parts(plan, cal, per_day, per_week, skip):
        sm = build(
            plan,
            cal,
            moves_per_day=per_day,
            moves_per_week=per_week,
            soft_capacity=True,
            goals=False,
            moves=part,
        )
        if not sm.overflow and not sm.week_overflow:
            continue
        sm.model.minimize(sum(sm.overflow.values()) + sum(sm.week_overflow.values()))
        s = solver()
        if s.solve(sm.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue  # a dwelling's stays are in the way, not the crews: the other lines say so
        for v, var in sm.overflow.items():
            weeks[week_of(cal.date(v))] = weeks.get(week_of(cal.date(v)), 0) + int(s.value(var))
        for week, var in sm.week_overflow.items():
            weeks[week] = weeks.get(week, 0) + int(s.value(var))
    return tuple((w, n) for w, n in sorted(weeks.items()) if n > 0)


def fits(plan: MovePlan, cal: Calendar, per_day: int, per_week: int | None, skip: frozenset[int]) -> bool:
    for part in _parts(plan, cal, per_day, per_week, skip):
        sm = build(plan, cal, moves_per_day=per_day, moves_per_week=per_week, goals=False, moves=part)
        if solver().solve(sm.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
    return True


def _parts(
    plan: MovePlan, cal: Calendar, per_day: int, per_week: int | None, skip: frozenset[int]
) -> tuple[tuple[int, ...], ...]:
    kept = [k for k in range(len(plan.moves)) if k not in skip]
    return independent_parts(plan, cal, crowded=per_day, moves_per_week=per_week, moves=kept)


def smallest_moves_per_day(
    plan: MovePlan, cal: Calendar, per_day: int, per_week: int | None, skip: frozenset[int]
) -> int | None:
    """The smallest daily limit with which every move (but the skipped) fits; ``None`` if even one day holding
    every move does not (the week limit or a dwelling's stays are in the way). Fitting grows with the limit, so
    a binary search finds it."""
    if fits(plan, cal, per_day, per_week, skip):
        return per_day
    high = max(len(plan.moves), per_day + 1)
    if not fits(plan, cal, high, per_week, skip):
        return None
    low = per_day  # does not fit
    while high - low > 1:
        middle = (low + high) // 2
        if fits(plan, cal, middle, per_week, skip):
            high = middle
        else:
            low = middle
    return high
