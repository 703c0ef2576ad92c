"""Hand-made cases for the schedule tests: an unphased pair, and a phased dwelling reused by two temporary
stays and then a permanent one (Results built by hand, as the solver of the phases issue would give them)."""

from __future__ import annotations

import datetime as dt

from builders import hh, vac

from allocator.domain import Household, Instance, Kind, Phase, Settings, Vacancy
from allocator.result import Assignment
from allocator.schedule import ScheduleSettings

D = dt.date
SETTINGS = Settings()
# Wednesday 2027-01-06; notice 90 days: nothing before 2027-04-06.
FROM = D(2027, 1, 6)


def plain(**kw) -> ScheduleSettings:
    return ScheduleSettings(schedule_from=FROM, **kw)


def unphased(n: int = 2, move_by: dt.date | None = None, free: dt.date | None = None):
    """``n`` permanent households, each to its own dwelling, all due on ``move_by`` (default 2027-06-01),
    dwellings free from ``free`` (default 2027-04-01)."""
    move_by = move_by or D(2027, 6, 1)
    free = free or D(2027, 4, 1)
    households = [hh(f"H{k}", move_by=move_by) for k in range(1, n + 1)]
    vacancies = [vac(f"B{k}", available_from=free, rent=6000.0) for k in range(1, n + 1)]
    inst = Instance(tuple(households), tuple(vacancies))
    assignments = [Assignment(f"H{k}", f"B{k}", 1) for k in range(1, n + 1)]
    return inst, assignments


PHASES = (
    Phase("1", construction_start=D(2027, 6, 1), ready=D(2027, 10, 1)),
    Phase("2", construction_start=D(2027, 11, 1), ready=D(2028, 3, 1)),
    Phase("3", construction_start=D(2028, 5, 1)),
)


def phased():
    """Dwelling T1: temporary stay of phase 1 (A), then of phase 2 (B), then a permanent household of phase 3
    (C) for good. Stays: A 2027-05-18..2027-10-01, B 2027-10-18..2028-03-01, C from 2028-04-17."""
    a = _temp("A", "1", D(2027, 6, 1), D(2027, 10, 1))
    b = _temp("B", "2", D(2027, 11, 1), D(2028, 3, 1))
    c = hh("C", move_by=D(2028, 5, 1), phase="3")
    inst = Instance((a, b, c), (vac("T1", available_from=D(2027, 5, 1), rent=5000.0),), phases=PHASES)
    days = dt.timedelta(days=SETTINGS.overlap_days)
    assignments = [
        Assignment("A", "T1", 1, stay_from=D(2027, 6, 1) - days, stay_until=D(2027, 10, 1)),
        Assignment("B", "T1", 1, stay_from=D(2027, 11, 1) - days, stay_until=D(2028, 3, 1)),
        Assignment("C", "T1", 1, stay_from=D(2028, 5, 1) - days),
    ]
    return inst, assignments


def _temp(hid: str, phase: str, move_by: dt.date, ready: dt.date) -> Household:
    return hh(hid, kind=Kind.TEMPORARY, move_by=move_by, phase=phase, returns_on=ready)


def with_extra(household: Household, **extra) -> Household:
    from dataclasses import replace

    return replace(household, extra=tuple(extra.items()))


__all__ = ["D", "FROM", "PHASES", "SETTINGS", "Vacancy", "phased", "plain", "unphased", "with_extra"]
