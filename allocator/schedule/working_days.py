"""Working days: the days the removal crews work.

Monday to Friday, not a Danish public holiday and not one of the organisation's ``closed_days``. The holidays
come from the ``holidays`` package (its Denmark calendar: nytårsdag, skærtorsdag, langfredag, 2. påskedag,
Kristi himmelfartsdag, 2. pinsedag, juledag, 2. juledag; store bededag until 2023), not from a hand-made list, so
that a changed law is a package update.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def danish_holidays(years: tuple[int, ...]) -> frozenset[dt.date]:
    """The Danish public holidays of ``years``."""
    return frozenset(holidays.country_holidays("DK", years=list(years)).keys())


def holiday_name(day: dt.date) -> str | None:
    """The holiday's name in Danish, if ``day`` is one."""
    found = holidays.country_holidays("DK", years=[day.year], language="da").get(day)
    return str(found) if found else None


class WorkingDays:
    """The working days between ``first`` and ``last`` (both included), as a sorted list and an index.

    ``index(day)`` is the position of a working day; the model's date variables take these positions.
    """

    def __init__(self, first: dt.date, last: dt.date, closed: Iterable[dt.date] = ()) -> None:
        if last < first:
            last = first
        years = tuple(range(first.year, last.year + 1))
        shut = danish_holidays(years) | frozenset(closed)
        span = (last - first).days + 1
        self.days: tuple[dt.date, ...] = tuple(
            day
            for day in (first + dt.timedelta(days=k) for k in range(span))
            if day.weekday() < 5 and day not in shut
        )
        self._index = {day: k for k, day in enumerate(self.days)}

    def __len__(self) -> int:
        return len(self.days)

    def index(self, day: dt.date) -> int | None:
        return self._index.get(day)

    def between(self, first: dt.date, last: dt.date) -> list[int]:
        """Indices of the working days from ``first`` to ``last``, both included."""
        return list(range(bisect.bisect_left(self.days, first), bisect.bisect_right(self.days, last)))


def is_working_day(day: dt.date, closed: Iterable[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in danish_holidays((day.year,)) and day not in set(closed)


def week_of(day: dt.date) -> tuple[int, int]:
    """ISO year and week number (Danish weeks run Monday to Sunday)."""
    year, week, _ = day.isocalendar()
    return year, week
