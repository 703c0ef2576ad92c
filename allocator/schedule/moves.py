"""The moves of an allocation and the window each must lie in (issue 13).

Every permanent household moves once (to its new dwelling), every temporary household moves out to its
temporary dwelling and, where its phase has a ready date, back again. The windows, in calendar days, both ends
included:

- a move **into** a dwelling (permanent, or a temporary move out): from ``move_by - earliest_move_days`` (default
  ``overlap_days``: the household holds both dwellings those days, seed 001) and not before the dwelling's
  ``available_from``, to the day before ``move_by`` (every household of a phase is out *before* construction
  starts). A household without a move-by date moves within ``earliest_move_days`` from the first day it may.
  Where the dwelling holds an earlier stay, the model adds the previous move-out plus ``turnaround_days``.
- a move **back**: from the phase's ready date, within ``return_days``, and not after the temporary dwelling's
  ``available_until``; the model keeps it early enough for the dwelling's next stay.
- nothing sooner than ``notice_days`` after ``schedule_from``; a booked or done move (``booked``) keeps its date,
  where it is still the move it was booked for (``allocator.schedule.booked``).

The model then keeps only the working days of each window (``allocator.schedule.working_days``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from allocator.domain import Household, Instance, Kind, Settings, Vacancy
from allocator.read.columns import normalise
from allocator.result import Assignment
from allocator.schedule.booked import Booking, DroppedBooking, as_booking
from allocator.schedule.settings import ScheduleSettings

PERMANENT, OUT, BACK = "permanent", "out", "back"
MOVE_TYPES = (PERMANENT, OUT, BACK)
STAIRWELL_HEADERS = frozenset({"opgang", "stairwell"})


@dataclass(frozen=True, slots=True)
class Move:
    """One move to book.

    ``dwelling_id`` is the dwelling moved into (permanent, out) or out of (back). ``earliest``/``latest`` is the
    window in calendar days before working days are kept; ``booked`` a date the coordinator fixed."""

    household_id: str
    type: str
    dwelling_id: str
    earliest: dt.date
    latest: dt.date
    booked: dt.date | None = None
    phase: str | None = None
    stairwell: str | None = None
    ready: dt.date | None = None  # a move back: the phase's ready date

    @property
    def key(self) -> tuple[str, str]:
        return (self.household_id, self.type)

    @property
    def moves_in(self) -> bool:
        return self.type != BACK


@dataclass(frozen=True, slots=True)
class Occupancy:
    """One household's stay in a dwelling, as moves: ``move_in`` its move in, ``move_out`` its move back
    (``None``: for good, or no ready date)."""

    household_id: str
    move_in: int  # index into MovePlan.moves
    move_out: int | None


@dataclass(frozen=True, slots=True)
class MovePlan:
    """Everything the model needs, fully prepared: the moves, and per dwelling its stays in time order with the
    day it is first free (``available_from``; ``None``: not stated)."""

    moves: tuple[Move, ...]
    dwellings: tuple[tuple[str, dt.date | None, tuple[Occupancy, ...]], ...]
    first_day: dt.date  # schedule_from + notice_days
    turnaround_days: int
    dropped: tuple[DroppedBooking, ...] = ()  # booked dates no move of the plan takes


def stairwell(household: Household) -> str | None:
    """The household's ``Opgang`` / ``stairwell``, an input column kept among the unknown ones."""
    for header, value in household.extra:
        if normalise(str(header)) in STAIRWELL_HEADERS and value not in (None, ""):
            return str(value).strip() or None
    return None


def plan_moves(
    instance: Instance,
    settings: Settings,
    assignments: Iterable[Assignment],
    schedule: ScheduleSettings,
    *,
    booked: Mapping[tuple[str, str], dt.date | Booking] | None = None,
    extra_dwellings: Mapping[str, Vacancy] | None = None,
) -> MovePlan:
    """The moves of ``assignments`` with their windows. ``schedule`` must be resolved (``schedule_from`` set).

    ``booked`` maps (household id, move type) to a date kept as it is, where the move is still to (or from) the
    booking's dwelling; the others are in ``MovePlan.dropped``. ``extra_dwellings`` are dwellings not in the
    instance (fixed in an earlier round, known from the offers workbook)."""
    if schedule.schedule_from is None:
        raise ValueError("resolve the schedule settings first (ScheduleSettings.resolved)")
    bookings = {key: as_booking(value) for key, value in (booked or {}).items()}
    households = {h.household_id: h for h in instance.households}
    vacancies = {**(extra_dwellings or {}), **{v.dwelling_id: v for v in instance.vacancies}}
    first_day = schedule.schedule_from + dt.timedelta(days=schedule.notice_days)
    lead = schedule.earliest_move_days or settings.overlap_days
    moves: list[Move] = []
    stays: dict[str, list[tuple[dt.date, str, Occupancy]]] = {}
    for a in sorted(assignments, key=lambda a: a.household_id):
        h = households[a.household_id]
        v = vacancies.get(a.dwelling_id)
        free = v.available_from if v is not None else None
        if h.move_by is not None:
            latest = h.move_by - dt.timedelta(days=1)
            earliest = h.move_by - dt.timedelta(days=lead)
            if free is not None:
                earliest = max(earliest, free)
        else:
            earliest = max(first_day, free or first_day)
            latest = earliest + dt.timedelta(days=lead - 1)
        earliest = max(earliest, first_day)
        kind = PERMANENT if h.kind is Kind.PERMANENT else OUT
        common = {"household_id": h.household_id, "dwelling_id": a.dwelling_id, "phase": h.phase}
        moves.append(
            _booked(
                Move(type=kind, earliest=earliest, latest=latest, stairwell=stairwell(h), **common), bookings
            )
        )
        move_in, move_out = len(moves) - 1, None
        if h.kind is Kind.TEMPORARY and h.returns_on is not None:
            back_latest = h.returns_on + dt.timedelta(days=schedule.return_days - 1)
            if v is not None and v.available_until is not None:
                back_latest = min(back_latest, v.available_until)
            back = Move(
                type=BACK,
                earliest=max(h.returns_on, first_day),
                latest=back_latest,
                ready=h.returns_on,
                **common,
            )
            moves.append(_booked(back, bookings))
            move_out = len(moves) - 1
        start = a.stay_from or earliest
        stays.setdefault(a.dwelling_id, []).append(
            (start, h.household_id, Occupancy(h.household_id, move_in, move_out))
        )
    dwellings = tuple(
        (
            d,
            vacancies[d].available_from if d in vacancies else None,
            tuple(o for _, _, o in sorted(stays[d], key=lambda s: (s[0], s[1]))),
        )
        for d in sorted(stays)
    )
    return MovePlan(
        moves=tuple(moves),
        dwellings=dwellings,
        first_day=first_day,
        turnaround_days=settings.turnaround_days,
        dropped=_dropped(bookings, moves),
    )


def _booked(move: Move, bookings: Mapping[tuple[str, str], Booking]) -> Move:
    booking = bookings.get(move.key)
    if booking is None or booking.dwelling_id not in (None, move.dwelling_id):
        return move
    from dataclasses import replace

    day = booking.date
    return replace(move, booked=day, earliest=day, latest=day)


def _dropped(bookings: Mapping[tuple[str, str], Booking], moves: list[Move]) -> tuple[DroppedBooking, ...]:
    """The bookings no move took, in household and move order."""
    by_key = {m.key: m for m in moves}
    out = []
    for key in sorted(bookings, key=lambda k: (k[0], MOVE_TYPES.index(k[1]) if k[1] in MOVE_TYPES else 9)):
        booking, move = bookings[key], by_key.get(key)
        if move is not None and move.booked is not None:
            continue
        reason = "no_move" if move is None else "other_dwelling"
        dwelling = move.dwelling_id if move is not None else None
        out.append(DroppedBooking(key[0], key[1], booking.date, booking.dwelling_id, dwelling, reason))
    return tuple(out)
