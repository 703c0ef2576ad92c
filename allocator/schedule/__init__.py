"""The moving schedule (flytteskema, issue 13): a date for every move of an allocation, within the windows and
the removal crews' capacity.

Stages, one module each: ``settings`` (``ScheduleSettings``), ``moves`` (the moves and their windows),
``working_days`` (Danish public holidays and closed days), ``parts`` (the moves in independent parts),
``model`` (CP-SAT, one part), ``solve`` (the parts put together), ``diagnose`` (when it does not fit),
``outcome`` (the schedule), ``booked`` (dates kept from the workbook), ``calendar_export`` (iCalendar).
The independent checker is ``allocator.check.schedule``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping

from allocator.domain import Instance, Settings, Vacancy
from allocator.result import Assignment
from allocator.schedule.booked import Booking
from allocator.schedule.outcome import (
    Diagnosis,
    DoesNotFit,
    EmptyWindow,
    Schedule,
    ScheduledMove,
    StairwellSplit,
)
from allocator.schedule.settings import ScheduleSettings

__all__ = [
    "Diagnosis",
    "DoesNotFit",
    "EmptyWindow",
    "Schedule",
    "ScheduleSettings",
    "ScheduledMove",
    "StairwellSplit",
    "make_schedule",
]


def make_schedule(
    instance: Instance,
    settings: Settings,
    assignments: Iterable[Assignment],
    schedule: ScheduleSettings,
    *,
    booked: Mapping[tuple[str, str], dt.date | Booking] | None = None,
    extra_dwellings: Mapping[str, Vacancy] | None = None,
) -> Schedule:
    """A date for every move of ``assignments``. Raises :class:`DoesNotFit` with the diagnosis.

    ``schedule`` is resolved here (``schedule_from`` today when not set); the schedule carries the resolved one.
    ``booked``: dates to keep (``allocator.schedule.booked``); one whose move is gone or now goes to another
    dwelling is not kept but listed in ``Schedule.dropped``.
    """
    from allocator.schedule.diagnose import diagnose
    from allocator.schedule.model import calendar
    from allocator.schedule.moves import plan_moves
    from allocator.schedule.solve import solve

    started = time.perf_counter()
    schedule = schedule.resolved()
    plan = plan_moves(
        instance, settings, assignments, schedule, booked=booked, extra_dwellings=extra_dwellings
    )
    cal = calendar(plan, schedule.closed())
    limits = {"moves_per_day": schedule.moves_per_day, "moves_per_week": schedule.moves_per_week}
    solved = None
    if all(cal.domains):
        solved = solve(plan, cal, **limits)
    if solved is None:
        raise DoesNotFit(diagnose(plan, cal, **limits))
    status, offsets = solved
    dates = [cal.date(v) for v in offsets]
    empty = _empty_days(plan, dates)
    moves = tuple(
        sorted(
            (ScheduledMove(m, dates[k], empty.get(k)) for k, m in enumerate(plan.moves)),
            key=lambda s: (s.date, s.move.household_id, MOVE_ORDER[s.move.type]),
        )
    )
    return Schedule(
        settings=schedule,
        moves=moves,
        status=status,
        turnaround_days=settings.turnaround_days,
        stairwell_splits=_splits(moves),
        seconds=time.perf_counter() - started,
        dropped=plan.dropped,
    )


MOVE_ORDER = {"permanent": 0, "out": 1, "back": 2}


def _empty_days(plan, dates: list[dt.date]) -> dict[int, int]:
    """Move in -> days its dwelling stood free before it: from ``available_from`` for the first stay, from the
    previous move out plus the turnaround for a later one."""
    out: dict[int, int] = {}
    for _dwelling, free, stays in plan.dwellings:
        previous = None
        for stay in stays:
            if previous is not None and previous.move_out is not None:
                released = dates[previous.move_out] + dt.timedelta(days=plan.turnaround_days)
                out[stay.move_in] = (dates[stay.move_in] - released).days
            elif previous is None and free is not None:
                out[stay.move_in] = max(0, (dates[stay.move_in] - free).days)
            previous = stay
    return out


def _splits(moves: tuple[ScheduledMove, ...]) -> tuple[StairwellSplit, ...]:
    from allocator.schedule.working_days import week_of

    groups: dict[tuple[str, str | None], list[ScheduledMove]] = {}
    for m in moves:
        if m.move.moves_in and m.move.stairwell is not None:
            groups.setdefault((m.move.stairwell, m.move.phase), []).append(m)
    out = []
    for (name, phase), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or "")):
        weeks = tuple(sorted({week_of(m.date) for m in members}))
        if len(weeks) > 1:
            out.append(StairwellSplit(name, phase, weeks, len(members)))
    return tuple(out)
