"""Dates kept from a written Flytteskema sheet: a move with a date in ``Fast dato`` / ``Booked date`` (agreed
with the household, or done) stays on that date when the schedule is made again, as long as the move is still
the same: the household still has that move, to (or from) the dwelling in the row's ``Bolig-ID``. A booking
for a move that is gone or changed dwelling is not kept, and the schedule says so (``Schedule.dropped``).

Headers and move types are read in either language as ``allocator.write.sheet_schedule`` writes them. Every
unreadable cell is a problem naming the workbook, the sheet, the row, the column and the value, all together.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from allocator.problems import InputError, InputProblem
from allocator.read.columns import normalise
from allocator.read.values import CellError, date
from allocator.write.xlsx_words import SCHEDULE_HEADERS, SCHEDULE_WORDS, SHEETS


@dataclass(frozen=True, slots=True)
class Booking:
    """A booked date, and the dwelling of the move it was booked for (``None``: the row names none)."""

    date: dt.date
    dwelling_id: str | None = None


@dataclass(frozen=True, slots=True)
class DroppedBooking:
    """A booked date not kept: ``reason`` ``"no_move"`` (the household has no such move now: its offer is gone,
    or it no longer moves that way) or ``"other_dwelling"`` (booked for ``booked_dwelling``; the move now goes
    to ``dwelling_id``, and is planned again)."""

    household_id: str
    type: str
    date: dt.date
    booked_dwelling: str | None
    dwelling_id: str | None
    reason: str


def as_booking(value: dt.date | Booking) -> Booking:
    """A booking from a date alone (the dwelling not known) or a booking."""
    return value if isinstance(value, Booking) else Booking(value)


def read_booked(path: str | Path) -> dict[tuple[str, str], Booking]:
    """(household id, move type) -> booking, from the workbook's Flytteskema sheet; ``{}`` without one."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            [InputProblem(name, f"not an Excel workbook (.xlsx) written by genhus ({exc})")]
        ) from None
    try:
        wanted = {normalise(SHEETS[lang]["schedule"]) for lang in SHEETS}
        titles = [t for t in book.sheetnames if normalise(t) in wanted]
        if not titles:
            return {}
        sheet = book[titles[0]]
        rows = sheet.iter_rows(values_only=True)
        raw_header = list(next(rows, ()) or ())
        header = [normalise(str(h)) if h is not None else "" for h in raw_header]
        columns = {}
        for key in ("household_id", "type", "booked", "dwelling_id"):
            for lang in SCHEDULE_HEADERS:
                if normalise(SCHEDULE_HEADERS[lang][key]) in header:
                    columns[key] = header.index(normalise(SCHEDULE_HEADERS[lang][key]))
        if not {"household_id", "type", "booked"} <= set(columns):
            return {}
        types = {
            normalise(word): key
            for lang in SCHEDULE_WORDS
            for key, word in SCHEDULE_WORDS[lang]["types"].items()
        }
        found: dict[tuple[str, str], Booking] = {}
        problems: list[InputProblem] = []
        where = f"{name}, sheet '{sheet.title}'"
        for number, cells in enumerate(rows, start=2):

            def cell(key: str, cells: tuple = cells) -> object:
                if key not in columns or columns[key] >= len(cells):
                    return None
                return cells[columns[key]]

            raw = cell("booked")
            if raw in (None, ""):
                continue
            household = str(cell("household_id") or "").strip()
            kind = types.get(normalise(str(cell("type") or "")))
            if not household or kind is None:
                problems.append(
                    InputProblem(
                        where,
                        "a booked date needs the household and the move type",
                        number,
                        str(raw_header[columns["type"]]),
                        cell("type"),
                    )
                )
                continue
            dwelling = str(cell("dwelling_id") or "").strip() or None
            try:
                found[(household, kind)] = Booking(date(raw), dwelling)
            except CellError as exc:
                problems.append(
                    InputProblem(where, str(exc), number, str(raw_header[columns["booked"]]), raw)
                )
        if problems:
            raise InputError(problems)
        return found
    finally:
        book.close()
