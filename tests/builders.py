"""Tiny hand-made households and vacancies for tests: only what a test is about needs saying."""

from __future__ import annotations

import datetime as dt

from allocator.domain import Household, Instance, Kind, Use, Vacancy


def hh(household_id: str = "H1", **kw) -> Household:
    base = dict(
        department="Old",
        municipality="Hvidovre",
        members=1,
        current_rooms=2,
        kind=Kind.PERMANENT,
        seniority_date=dt.date(2010, 1, 1),
    )
    base.update(kw)
    return Household(household_id=household_id, **base)


def vac(dwelling_id: str = "B1", **kw) -> Vacancy:
    base = dict(department="Nyvang", municipality="Hvidovre", rooms=2, floor=0, use=Use.ANY)
    base.update(kw)
    return Vacancy(dwelling_id=dwelling_id, **base)


def instance(households, vacancies) -> Instance:
    return Instance(tuple(households), tuple(vacancies))


def senior(year: int) -> dt.date:
    return dt.date(year, 1, 1)
