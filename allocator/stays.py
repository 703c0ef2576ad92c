"""Stays: when a household holds its new dwelling, in a phased case (issue 12).

A stay is a property of the household and the settings alone, never a solver decision: a permanent household
holds its dwelling from ``move_by - overlap_days`` for good; a temporary household from the same day until its
phase is ready (``returns_on``), and the dwelling can take its next household ``turnaround_days`` after that.
The checker, the schedule, the occupancy sheets and the solver's assignments take stays from here; the solver's
time model computes the same days as arrays (``allocator.engine.stay_times``).

Day arithmetic: ``start`` is the first day the household holds the dwelling, ``until`` the day it moves back out
(``None``: for good); a later stay on the same dwelling may start on ``until + turnaround_days`` at the earliest.
A dwelling with ``available_until`` may hold only stays whose ``until`` is on or before that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allocator.domain import Household, Settings, Vacancy


@dataclass(frozen=True, slots=True)
class Stay:
    start: dt.date
    until: dt.date | None  # None: a permanent stay, for good

    def released(self, settings: Settings) -> dt.date | None:
        """The first day another household may move into the dwelling after this stay."""
        if self.until is None:
            return None
        return self.until + dt.timedelta(days=settings.turnaround_days)

    def overlaps(self, other: Stay, settings: Settings) -> bool:
        """Whether the two stays cannot share one dwelling (the turnaround counts as occupied)."""
        first, second = sorted((self, other), key=lambda s: s.start)
        released = first.released(settings)
        return released is None or second.start < released


def stay_of(household: Household, settings: Settings) -> Stay:
    """The stay of a household of a phased case (``move_by`` is always set there)."""
    if household.move_by is None:
        raise ValueError(f"household {household.household_id} has no move-by date, so no stay")
    start = household.move_by - dt.timedelta(days=settings.overlap_days)
    return Stay(start=start, until=household.returns_on)


def fits_window(stay: Stay, vacancy: Vacancy) -> bool:
    """The dwelling is free for the whole stay: free by its start, and, where it must be given back, given
    back no earlier than the stay ends (a permanent stay needs a dwelling without ``available_until``)."""
    if vacancy.available_from is not None and vacancy.available_from > stay.start:
        return False
    if vacancy.available_until is None:
        return True
    return stay.until is not None and stay.until <= vacancy.available_until
