"""Tiny hand-made phased cases: two phases whose temporary stays can share a dwelling, one that cannot."""

from __future__ import annotations

import datetime as dt

from allocator.domain import Household, Instance, Kind, Phase, Vacancy

# Phase 1's temporary stays run 2027-02-15 to 2027-09-01 (free again 2027-09-15 after the turnaround); phase
# 2's start 2027-09-17, so one dwelling can hold a stay of each; phase 3's start 2027-09-06, overlapping phase 1.
PHASES = (
    Phase("1", dt.date(2027, 3, 1), dt.date(2027, 9, 1)),
    Phase("2", dt.date(2027, 10, 1), dt.date(2028, 4, 1)),
    Phase("3", dt.date(2027, 9, 20), dt.date(2028, 3, 1)),
)
_BY_ID = {p.phase_id: p for p in PHASES}


def ph(hid: str, phase: str = "1", *, kind: Kind = Kind.TEMPORARY, year: int = 2010, **kw) -> Household:
    """A one-person household with 2 rooms now (suitable: exactly 2 rooms) in phase ``phase``; the year is
    its seniority (earlier = ahead)."""
    p = _BY_ID[phase]
    fields = dict(
        department="Old",
        municipality="Kbh",
        members=1,
        current_rooms=2,
        kind=kind,
        seniority_date=dt.date(year, 1, 1),
        phase=phase,
        move_by=p.construction_start,
        returns_on=p.ready if kind is Kind.TEMPORARY else None,
    )
    fields.update(kw)
    return Household(hid, **fields)


def dw(did: str, department: str = "A", **kw) -> Vacancy:
    fields = dict(department=department, municipality="Kbh", rooms=2, floor=0)
    fields.update(kw)
    return Vacancy(did, **fields)


def case(households, vacancies, phases=PHASES) -> Instance:
    return Instance(tuple(households), tuple(vacancies), phases=tuple(phases))
