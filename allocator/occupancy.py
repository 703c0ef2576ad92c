"""Occupancy of a phased case (issue 12): when each dwelling is held, by whom, and how long it stands empty.

Computed from a :class:`~allocator.result.Result` alone, so the workbook's Etaper and Belægning sheets, the
budget's empty rent and the scenario comparison all count the same days, whichever engine made the result.

Per dwelling that holds at least one stay (its **timeline**): the stays in time order (each assignment's
``stay_from``/``stay_until``, or, where the engine left them unset, the household's stay from
:mod:`allocator.stays`); the dwelling is **held** from its ``available_from`` (or its first stay's start when it
has none) until its last stay's ``until``, and for good when a permanent stay ends it. **Empty dwelling-days**
are held days on which nobody lives there: the wait before the first stay, the gaps between stays and the
turnaround (klargøring) between them. Day arithmetic as in ``allocator.stays``: a stay occupies the days from
``start`` up to, not including, ``until``.

Peaks are counted per day and shown per week (Monday to Sunday, the week's largest day), in total and per room
count: the planner's "how many dwellings must we reserve".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from allocator.budget import DAYS_PER_MONTH
from allocator.domain import Instance, Kind, Settings
from allocator.result import Assignment, Result
from allocator.stays import stay_of

__all__ = ["HeldStay", "Occupancy", "Timeline", "occupancy", "occupancy_of"]


@dataclass(frozen=True, slots=True)
class HeldStay:
    """One household's stay in a dwelling; ``empty_before``: days the dwelling stood empty just before it."""

    household_id: str
    kind: Kind
    start: dt.date
    until: dt.date | None  # None: for good
    empty_before: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """One dwelling's stays in time order and the span it is held for (``held_until`` ``None``: for good)."""

    dwelling_id: str
    rooms: int
    rent: float | None
    held_from: dt.date
    held_until: dt.date | None
    stays: tuple[HeldStay, ...]

    @property
    def empty_days(self) -> int:
        return sum(s.empty_before for s in self.stays)

    @property
    def empty_rent(self) -> float | None:
        """The rent of the empty days (a month is 365/12 days, as in the budget); ``None``: rent unknown."""
        if self.empty_days == 0:
            return 0.0
        if self.rent is None:
            return None
        return round(self.rent * self.empty_days / DAYS_PER_MONTH, 2)

    @property
    def has_temporary(self) -> bool:
        return any(s.kind is Kind.TEMPORARY for s in self.stays)

    def holder_on(self, day: dt.date) -> str | None:
        """The household living there on ``day``, if any."""
        for s in self.stays:
            if s.start <= day and (s.until is None or day < s.until):
                return s.household_id
        return None


@dataclass(frozen=True, slots=True)
class Occupancy:
    """Every timeline, in vacancy input order, and the counts per week.

    Attributes
    ----------
    timelines
        Dwellings holding at least one stay.
    weeks
        The Monday of each week from the first held day's week to the last change's week.
    held_per_week, occupied_per_week
        Per week, the most dwellings held (occupied) on one of its days.
    peak_held, peak_day
        The most dwellings held on one day, and the first such day.
    peak_by_rooms
        Room count -> the most dwellings of that size held on one day.
    """

    timelines: tuple[Timeline, ...]
    weeks: tuple[dt.date, ...] = ()
    held_per_week: tuple[int, ...] = ()
    occupied_per_week: tuple[int, ...] = ()
    peak_held: int = 0
    peak_day: dt.date | None = None
    peak_by_rooms: dict[int, int] = field(default_factory=dict)

    @property
    def empty_days(self) -> int:
        return sum(t.empty_days for t in self.timelines)

    @property
    def empty_rent(self) -> float:
        """The rent of every empty dwelling-day whose dwelling's rent is known."""
        return round(sum(t.empty_rent or 0.0 for t in self.timelines), 2)

    @property
    def rent_unknown(self) -> int:
        """Dwellings with empty days but no rent, left out of ``empty_rent``."""
        return sum(1 for t in self.timelines if t.empty_rent is None)

    def empty_before(self) -> dict[str, int]:
        """Household id -> empty days of its dwelling just before its stay (the budget's per-household share)."""
        return {s.household_id: s.empty_before for t in self.timelines for s in t.stays}

    def timeline_of(self, dwelling_id: str) -> Timeline | None:
        for t in self.timelines:
            if t.dwelling_id == dwelling_id:
                return t
        return None


def occupancy(result: Result) -> Occupancy:
    """The timelines of ``result``'s dwellings and the counts per day and week (see the module docstring)."""
    return occupancy_of(result.instance, result.settings, result.assignments)


def occupancy_of(instance: Instance, settings: Settings, assignments: Iterable[Assignment]) -> Occupancy:
    """:func:`occupancy` of assignments without a whole result (a saved scenario run).

    Dwellings not among the instance's vacancies (fixed in an earlier round) and households without a stay (no
    move-by date) have no timeline.
    """
    households = {h.household_id: h for h in instance.households}
    stays: dict[str, list[HeldStay]] = {}
    for a in assignments:
        h = households.get(a.household_id)
        if h is None:
            continue
        if a.stay_from is not None:
            start, until = a.stay_from, a.stay_until
        elif h.move_by is not None:
            stay = stay_of(h, settings)
            start, until = stay.start, stay.until
        else:
            continue
        stays.setdefault(a.dwelling_id, []).append(HeldStay(h.household_id, h.kind, start, until, 0))
    timelines = []
    for v in instance.vacancies:
        own = sorted(stays.get(v.dwelling_id, ()), key=lambda s: (s.start, s.household_id))
        if not own:
            continue
        held_from = min(v.available_from, own[0].start) if v.available_from is not None else own[0].start
        free_since, placed = held_from, []
        for s in own:
            placed.append(
                HeldStay(s.household_id, s.kind, s.start, s.until, max(0, (s.start - free_since).days))
            )
            free_since = s.until if s.until is not None else s.start
        ends = [s.until for s in own]
        held_until = None if None in ends else max(e for e in ends if e is not None)
        timelines.append(Timeline(v.dwelling_id, v.rooms, v.rent, held_from, held_until, tuple(placed)))
    return _counted(tuple(timelines))


def _counted(timelines: tuple[Timeline, ...]) -> Occupancy:
    if not timelines:
        return Occupancy(timelines)
    first = min(t.held_from for t in timelines)
    changes = [t.held_from for t in timelines]
    changes += [d for t in timelines for s in t.stays for d in (s.start, s.until) if d is not None]
    first_week = first - dt.timedelta(days=first.weekday())
    last = max(changes)
    days = ((last - first_week).days // 7 + 1) * 7
    held, occupied = np.zeros(days + 1, dtype=np.int64), np.zeros(days + 1, dtype=np.int64)
    by_rooms: dict[int, np.ndarray] = {}

    def span(array: np.ndarray, start: dt.date, end: dt.date | None) -> None:
        array[(start - first_week).days] += 1
        if end is not None:
            array[(end - first_week).days] -= 1

    for t in timelines:
        span(held, t.held_from, t.held_until)
        span(by_rooms.setdefault(t.rooms, np.zeros(days + 1, dtype=np.int64)), t.held_from, t.held_until)
        for s in t.stays:
            span(occupied, s.start, s.until)
    held_daily, occupied_daily = np.cumsum(held)[:days], np.cumsum(occupied)[:days]
    peak = int(held_daily.max())
    return Occupancy(
        timelines=timelines,
        weeks=tuple(first_week + dt.timedelta(days=7 * k) for k in range(days // 7)),
        held_per_week=tuple(int(x) for x in held_daily.reshape(-1, 7).max(axis=1)),
        occupied_per_week=tuple(int(x) for x in occupied_daily.reshape(-1, 7).max(axis=1)),
        peak_held=peak,
        peak_day=first_week + dt.timedelta(days=int(np.argmax(held_daily))),
        peak_by_rooms={rooms: int(np.cumsum(a)[:days].max()) for rooms, a in sorted(by_rooms.items())},
    )
