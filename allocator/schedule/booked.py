"""Dates kept from a written Flytteskema sheet: a move with a date in ``Fast dato`` / ``Booked date`` (agreed
with the household, or done) stays on that date when the schedule is made again.

Headers and move types are read in either language as ``allocator.write.sheet_schedule`` writes them. Every
unreadable cell is a problem naming the workbook, the sheet, the row, the column and the value, all together.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from allocator.problems import InputError, InputProblem
from allocator.read.columns import normalise
from allocator.read.values import CellError, date
from allocator.write.xlsx_words import SCHEDULE_HEADERS, SCHEDULE_WORDS, SHEETS


def read_booked(path: str | Path) -> dict[tuple[str, str], dt.date]:
    """(household id, move type) -> booked date, from the workbook's Flytteskema sheet; ``{}`` without one."""
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
        for key in ("household_id", "type", "booked"):
            for lang in SCHEDULE_HEADERS:
                if normalise(SCHEDULE_HEADERS[lang][key]) in header:
                    columns[key] = header.index(normalise(SCHEDULE_HEADERS[lang][key]))
        if len(columns) < 3:
            return {}
        types = {
            normalise(word): key
            for lang in SCHEDULE_WORDS
            for key, word in SCHEDULE_WORDS[lang]["types"].items()
        }
        found: dict[tuple[str, str], dt.date] = {}
        problems: list[InputProblem] = []
        where = f"{name}, sheet '{sheet.title}'"
        for number, cells in enumerate(rows, start=2):

            def cell(key: str, cells: tuple = cells) -> object:
                return cells[columns[key]] if columns[key] < len(cells) else None

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
            try:
                found[(household, kind)] = date(raw)
            except CellError as exc:
                problems.append(
                    InputProblem(where, str(exc), number, str(raw_header[columns["booked"]]), raw)
                )
        if problems:
            raise InputError(problems)
        return found
    finally:
        book.close()
