"""The schedule's independent checker (issue 13): every rule of the moving schedule, read afresh.

It shares no code with ``allocator.schedule`` but the settings object: the windows are recomputed here from the
households, dwellings and settings, the holidays read from the ``holidays`` package directly, the occupancy of
each dwelling rebuilt from the dates alone (in date order, not the allocation's), and the empty dwelling-days
counted again and compared with what the schedule (and so the budget) reports. A schedule it rejects is never
written.

Checks: every housed household has its moves (one, or out and back where its phase has a ready date) and no
other; each move inside its window (not before the notice period, the dwelling's ``Ledig fra`` or the window's
first day, before the move-by date, a move back from the ready date within ``return_days`` and by the
dwelling's ``Ledig til``), on a working, open day, unless the coordinator booked it; no day and no week over
the crews' capacity; no dwelling holding two households at once, turnaround included; empty dwelling-days equal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import holidays

from allocator.domain import Instance, Kind, Settings, Vacancy
from allocator.result import Assignment


@dataclass(frozen=True, slots=True)
class CheckedMove:
    """A move as the checker sees it: who, which, where (the dwelling moved into, or out of for a move back)."""

    household_id: str
    type: str  # permanent, out, back
    dwelling_id: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class ScheduleAudit:
    problems: tuple[str, ...]
    moves: int
    empty_days: int
    peak_day: int
    peak_week: int
    schedule_from: dt.date | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if self.ok:
            return [
                f"schedule (from {self.schedule_from}): OK: {self.moves} moves inside their windows, "
                f"on working days, within capacity (peak {self.peak_day} a day, {self.peak_week} a week), "
                f"no dwelling held twice; {self.empty_days} empty dwelling-days"
            ]
        return [f"schedule: FAILED: {p}" for p in self.problems]

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "moves": self.moves,
            "empty_dwelling_days": self.empty_days,
            "peak_moves_per_day": self.peak_day,
            "peak_moves_per_week": self.peak_week,
            "schedule_from": self.schedule_from.isoformat() if self.schedule_from else None,
        }


def check_schedule(
    instance: Instance,
    settings: Settings,
    assignments: Iterable[Assignment],
    moves: Iterable[CheckedMove],
    *,
    schedule_from: dt.date,
    notice_days: int,
    moves_per_day: int,
    moves_per_week: int | None,
    earliest_move_days: int | None,
    return_days: int,
    closed: frozenset[dt.date],
    reported_empty_days: Mapping[str, int | None],
    booked: Mapping[tuple[str, str], object] | None = None,
    extra_dwellings: Mapping[str, Vacancy] | None = None,
) -> ScheduleAudit:
    """Judge a schedule. ``reported_empty_days``: per household, the empty days before its move in as the
    schedule reports them (what the budget counts). ``booked``: per (household, move type) a date, or a booking
    with ``date`` and ``dwelling_id``; a booking holds only for a move to (or from) its dwelling."""
    booked_for: dict[tuple[str, str], tuple[dt.date, str | None]] = {
        key: (value, None) if isinstance(value, dt.date) else (value.date, value.dwelling_id)
        for key, value in (booked or {}).items()
    }
    moves = tuple(moves)
    households = {h.household_id: h for h in instance.households}
    dwellings = {**(extra_dwellings or {}), **{v.dwelling_id: v for v in instance.vacancies}}
    problems: list[str] = []
    by_key: dict[tuple[str, str], CheckedMove] = {}
    for m in moves:
        if (m.household_id, m.type) in by_key:
            problems.append(f"household {m.household_id}: two {m.type} moves")
        by_key[(m.household_id, m.type)] = m
    assignments = tuple(assignments)
    expected: set[tuple[str, str]] = set()
    for a in assignments:
        h = households.get(a.household_id)
        if h is None:
            problems.append(f"household {a.household_id}: not in the households")
            continue
        if h.kind is Kind.PERMANENT:
            expected.add((h.household_id, "permanent"))
        else:
            expected.add((h.household_id, "out"))
            if h.returns_on is not None:
                expected.add((h.household_id, "back"))
        for key in sorted(k for k in expected if k[0] == h.household_id):
            m = by_key.get(key)
            if m is None:
                problems.append(f"household {h.household_id}: no {key[1]} move")
            elif m.dwelling_id != a.dwelling_id:
                problems.append(
                    f"household {h.household_id}: {key[1]} move names {m.dwelling_id}, not {a.dwelling_id}"
                )
    for key in sorted(set(by_key) - expected):
        problems.append(f"household {key[0]}: a {key[1]} move it should not have")

    notice_end = schedule_from + dt.timedelta(days=notice_days)
    lead = earliest_move_days or settings.overlap_days
    years = sorted({m.date.year for m in moves})
    danish = holidays.country_holidays("DK", years=years) if years else {}
    for key in sorted(expected & set(by_key)):
        m = by_key[key]
        h = households[m.household_id]
        v = dwellings.get(m.dwelling_id)
        where = f"household {h.household_id}, {m.type} on {m.date.isoformat()}"
        day, dwelling = booked_for.get(key, (None, None))
        if day is not None and dwelling in (None, m.dwelling_id):
            if day != m.date:
                problems.append(f"{where}: booked for {day.isoformat()}")
            continue
        if m.date < notice_end:
            problems.append(f"{where}: before the notice period ends ({notice_end.isoformat()})")
        if m.date.weekday() >= 5 or m.date in danish or m.date in closed:
            problems.append(f"{where}: not a working, open day")
        if m.type == "back":
            if m.date < h.returns_on:
                problems.append(f"{where}: before the phase is ready ({h.returns_on.isoformat()})")
            if (m.date - h.returns_on).days >= return_days:
                problems.append(f"{where}: more than {return_days} days after the phase is ready")
            if v is not None and v.available_until is not None and m.date > v.available_until:
                problems.append(
                    f"{where}: after the dwelling must be given back ({v.available_until.isoformat()})"
                )
            continue
        if v is not None and v.available_from is not None and m.date < v.available_from:
            problems.append(f"{where}: before the dwelling is free ({v.available_from.isoformat()})")
        if h.move_by is not None:
            if m.date >= h.move_by:
                problems.append(f"{where}: not before the move-by date ({h.move_by.isoformat()})")
            if (h.move_by - m.date).days > lead:
                problems.append(f"{where}: more than {lead} days before the move-by date")

    per_day = Counter(m.date for m in moves)
    for day, n in sorted(per_day.items()):
        if n > moves_per_day:
            problems.append(f"{day.isoformat()}: {n} moves, more than {moves_per_day}")
    per_week = Counter(m.date.isocalendar()[:2] for m in moves)
    if moves_per_week is not None:
        for (year, week), n in sorted(per_week.items()):
            if n > moves_per_week:
                problems.append(f"week {year}-W{week:02d}: {n} moves, more than {moves_per_week}")

    empty_total = 0
    occupancy: dict[str, list[tuple[dt.date, dt.date | None, str]]] = {}
    for a in assignments:
        arrive = by_key.get((a.household_id, "permanent")) or by_key.get((a.household_id, "out"))
        if arrive is None:
            continue
        leave = by_key.get((a.household_id, "back"))
        occupancy.setdefault(a.dwelling_id, []).append(
            (arrive.date, leave.date if leave else None, a.household_id)
        )
    for dwelling_id, stays in sorted(occupancy.items()):
        stays.sort(key=lambda s: (s[0], s[2]))
        v = dwellings.get(dwelling_id)
        for n, (arrive, leave, hid) in enumerate(stays):
            if n == 0:
                counted = (arrive - v.available_from).days if v is not None and v.available_from else None
                counted = None if counted is None else max(0, counted)
            else:
                _, before_leaves, before = stays[n - 1]
                if before_leaves is None:
                    problems.append(
                        f"dwelling {dwelling_id}: {hid} moves in while {before} lives there for good"
                    )
                    counted = None
                else:
                    released = before_leaves + dt.timedelta(days=settings.turnaround_days)
                    if arrive < released:
                        problems.append(
                            f"dwelling {dwelling_id}: {hid} moves in on {arrive.isoformat()}, before it is ready "
                            f"after {before} ({released.isoformat()}, turnaround included)"
                        )
                    counted = (arrive - released).days
            if leave is not None and leave < arrive:
                problems.append(f"dwelling {dwelling_id}: {hid} moves out before it moves in")
            empty_total += max(counted or 0, 0)
            if reported_empty_days.get(hid) != counted:
                problems.append(
                    f"household {hid}: the schedule reports {reported_empty_days.get(hid)} empty dwelling-days "
                    f"before it moves in, the dates give {counted}"
                )
    return ScheduleAudit(
        problems=tuple(problems),
        moves=len(moves),
        empty_days=empty_total,
        peak_day=max(per_day.values(), default=0),
        peak_week=max(per_week.values(), default=0),
        schedule_from=schedule_from,
    )


def check(
    schedule,
    instance: Instance,
    settings: Settings,
    assignments: Iterable[Assignment],
    *,
    booked=None,
    extra_dwellings=None,
) -> ScheduleAudit:
    """``check_schedule`` on an ``allocator.schedule.Schedule``, taking only its dates and reported figures."""
    s = schedule.settings
    return check_schedule(
        instance,
        settings,
        assignments,
        (CheckedMove(m.move.household_id, m.move.type, m.move.dwelling_id, m.date) for m in schedule.moves),
        schedule_from=s.schedule_from,
        notice_days=s.notice_days,
        moves_per_day=s.moves_per_day,
        moves_per_week=s.moves_per_week,
        earliest_move_days=s.earliest_move_days,
        return_days=s.return_days,
        closed=s.closed(),
        reported_empty_days=schedule.empty_days_by_household(),
        booked=booked,
        extra_dwellings=extra_dwellings,
    )
