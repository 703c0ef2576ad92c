"""What scheduling gives back: a schedule (a date for every move), or why none fits."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from allocator.notice import Notice
from allocator.schedule.booked import DroppedBooking
from allocator.schedule.moves import Move
from allocator.schedule.settings import ScheduleSettings
from allocator.schedule.working_days import week_of


@dataclass(frozen=True, slots=True)
class ScheduledMove:
    """A move with its date; ``empty_days``: days its dwelling stood free before this move in (``None``: a move
    back, or the dwelling's free date is not known)."""

    move: Move
    date: dt.date
    empty_days: int | None


@dataclass(frozen=True, slots=True)
class StairwellSplit:
    """A stairwell of one phase whose households move out in more than one week (the soft goal broken)."""

    stairwell: str
    phase: str | None
    weeks: tuple[tuple[int, int], ...]
    households: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """A date for every move, sorted by date, then household, then move type.

    ``status`` is ``optimal`` when every goal was proven best, else ``feasible``."""

    settings: ScheduleSettings
    moves: tuple[ScheduledMove, ...]
    status: str
    turnaround_days: int
    stairwell_splits: tuple[StairwellSplit, ...] = ()
    seconds: float = 0.0
    dropped: tuple[DroppedBooking, ...] = ()  # booked dates not kept: the move is gone or changed dwelling

    def notices(self) -> list[Notice]:
        """One notice per booked date not kept, naming the household (English, with its Danish text)."""
        from allocator.schedule.words import dropped_notice

        return [dropped_notice(d) for d in self.dropped]

    @property
    def empty_days(self) -> int:
        return sum(m.empty_days or 0 for m in self.moves)

    def per_day(self) -> Counter[dt.date]:
        return Counter(m.date for m in self.moves)

    def per_week(self) -> Counter[tuple[int, int]]:
        return Counter(week_of(m.date) for m in self.moves)

    @property
    def peak_day(self) -> int:
        return max(self.per_day().values(), default=0)

    @property
    def peak_week(self) -> int:
        return max(self.per_week().values(), default=0)

    def dates_of(self, household_id: str) -> dict[str, dt.date]:
        """Move type -> date, for one household."""
        return {m.move.type: m.date for m in self.moves if m.move.household_id == household_id}

    def empty_days_by_household(self) -> dict[str, int | None]:
        """Per household, the empty days before its move in: what the budget's empty rent counts."""
        return {m.move.household_id: m.empty_days for m in self.moves if m.move.moves_in}

    def as_dict(self) -> dict[str, Any]:
        """The JSON block: settings, figures and weeks (the moves themselves go with each assignment)."""
        weeks = self.per_week()
        return {
            "settings": self.settings.as_dict(),
            "status": self.status,
            "moves": len(self.moves),
            "empty_dwelling_days": self.empty_days,
            "peak_moves_per_day": self.peak_day,
            "peak_moves_per_week": self.peak_week,
            "weeks": [{"week": f"{y}-W{w:02d}", "moves": weeks[(y, w)]} for y, w in sorted(weeks)],
            "stairwells_split": [
                {
                    "stairwell": s.stairwell,
                    "phase": s.phase,
                    "weeks": [f"{y}-W{w:02d}" for y, w in s.weeks],
                    "households": s.households,
                }
                for s in self.stairwell_splits
            ],
            "bookings_not_kept": [
                {
                    "household_id": d.household_id,
                    "type": d.type,
                    "booked_date": d.date.isoformat(),
                    "booked_dwelling_id": d.booked_dwelling,
                    "dwelling_id": d.dwelling_id,
                    "reason": d.reason,
                    "notice": str(notice),
                }
                for d, notice in zip(self.dropped, self.notices(), strict=True)
            ],
        }


@dataclass(frozen=True, slots=True)
class EmptyWindow:
    """A move that has no working day in its window at all, and why."""

    household_id: str
    type: str
    earliest: dt.date
    latest: dt.date
    reason: str  # "dwelling_late", "previous_stay", "notice", "no_working_day", "next_stay"


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Why the moves do not fit: weeks over capacity (ISO week -> moves too many), the smallest
    ``moves_per_day`` that fits (``None``: none does, with the week limit or the empty windows), the moves whose
    window is empty."""

    over_capacity: tuple[tuple[tuple[int, int], int], ...]
    min_moves_per_day: int | None
    empty_windows: tuple[EmptyWindow, ...]
    moves_per_day: int
    moves_per_week: int | None

    def lines(self) -> list[str]:
        """The diagnosis in English, ids but no names."""
        out = ["the moves do not fit the schedule; nothing was written."]
        for (year, week), excess in self.over_capacity:
            out.append(f"week {year}-W{week:02d}: {excess} move(s) over capacity")
        if self.empty_windows:
            out.append(f"{len(self.empty_windows)} move(s) cannot be made in their window at all:")
            for w in self.empty_windows:
                out.append(
                    f"  household {w.household_id}, {w.type}: window {w.earliest.isoformat()} to "
                    f"{w.latest.isoformat()}: {REASONS[w.reason]}"
                )
        if self.min_moves_per_day is not None and self.min_moves_per_day > self.moves_per_day:
            out.append(
                f"the smallest moves_per_day that fits is {self.min_moves_per_day} (now {self.moves_per_day})"
            )
        elif self.over_capacity and self.min_moves_per_day is None:
            limit = f" (moves_per_week {self.moves_per_week})" if self.moves_per_week else ""
            out.append(f"no moves_per_day fits with the other limits{limit}")
        return out


REASONS = {
    "dwelling_late": "the dwelling is free too late",
    "previous_stay": "the dwelling's previous household moves out too late (turnaround included)",
    "next_stay": "the dwelling's next household must move in too soon (turnaround included)",
    "notice": "the notice period ends after the window (the first day after it is shown)",
    "no_working_day": "no working day in the window (weekends, holidays, closed days)",
}


class DoesNotFit(Exception):
    """Raised by :func:`allocator.schedule.make_schedule` with the diagnosis."""

    def __init__(self, diagnosis: Diagnosis) -> None:
        super().__init__("\n".join(diagnosis.lines()))
        self.diagnosis = diagnosis
