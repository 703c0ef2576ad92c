"""The moving schedule's settings (issue 13): ``[settings.schedule]`` in a scenario, options on the command line.

Every field has the issue's default; ``schedule_from`` defaults to the day of the run and is printed in the
audit, so that a rerun with the same date gives the same schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from allocator.domain import DomainError


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """How moves are booked.

    Attributes
    ----------
    schedule_from
        The day the schedule is made; ``None``: today (resolved once, by :meth:`resolved`).
    notice_days
        No move is booked sooner than this many days after ``schedule_from`` (reported practice: three months).
    moves_per_day
        Moves the removal crews can do on one working day.
    moves_per_week
        Moves in one week (Monday to Sunday), where the crews have a weekly limit too; ``None``: no limit.
    earliest_move_days
        How many days before its move-by date a household may move at the earliest; ``None``: the case's
        ``overlap_days`` (the 14 days in which the household holds both dwellings, seed 001). A larger value
        lets a move come earlier, where the dwelling is free earlier.
    return_days
        A temporary household moves back within this many days from its phase's ready date (that day included).
    closed_days
        The organisation's own closed days: each a date (``"2027-07-05"``) or a range (``"2027-07-05..2027-07-30"``),
        both ends included.
    """

    schedule_from: dt.date | None = None
    notice_days: int = 90
    moves_per_day: int = 4
    moves_per_week: int | None = None
    earliest_move_days: int | None = None
    return_days: int = 14
    closed_days: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require(0 <= self.notice_days <= 730, "schedule notice_days must be between 0 and 730")
        _require(1 <= self.moves_per_day <= 1000, "schedule moves_per_day must be between 1 and 1000")
        _require(
            self.moves_per_week is None or 1 <= self.moves_per_week <= 5000,
            "schedule moves_per_week must be between 1 and 5000",
        )
        _require(
            self.earliest_move_days is None or 1 <= self.earliest_move_days <= 365,
            "schedule earliest_move_days must be between 1 and 365",
        )
        _require(1 <= self.return_days <= 365, "schedule return_days must be between 1 and 365")
        for text in self.closed_days:
            closed_range(text)  # raises DomainError with the value

    def resolved(self, today: dt.date | None = None) -> ScheduleSettings:
        """The same settings with ``schedule_from`` set (to ``today``, else the system's date)."""
        if self.schedule_from is not None:
            return self
        from dataclasses import replace

        return replace(self, schedule_from=today or dt.date.today())

    def closed(self) -> frozenset[dt.date]:
        """Every date ``closed_days`` names."""
        days: set[dt.date] = set()
        for text in self.closed_days:
            first, last = closed_range(text)
            days.update(first + dt.timedelta(days=k) for k in range((last - first).days + 1))
        return frozenset(days)

    def as_dict(self) -> dict[str, Any]:
        return {
            "schedule_from": self.schedule_from.isoformat() if self.schedule_from else None,
            "notice_days": self.notice_days,
            "moves_per_day": self.moves_per_day,
            "moves_per_week": self.moves_per_week,
            "earliest_move_days": self.earliest_move_days,
            "return_days": self.return_days,
            "closed_days": list(self.closed_days),
        }


def closed_range(text: str) -> tuple[dt.date, dt.date]:
    """``"2027-07-05"`` or ``"2027-07-05..2027-07-30"`` as (first, last), both included."""
    first_text, _, last_text = (part.strip() for part in str(text).partition(".."))
    try:
        first = dt.date.fromisoformat(first_text)
        last = dt.date.fromisoformat(last_text) if last_text else first
    except ValueError:
        raise DomainError(
            f"schedule closed_days: {text!r} is not a date (2027-07-05) or a range (2027-07-05..2027-07-30)"
        ) from None
    if last < first:
        raise DomainError(f"schedule closed_days: {text!r} ends before it begins")
    if (last - first).days > 366:
        raise DomainError(f"schedule closed_days: {text!r} is longer than a year")
    return first, last


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)
