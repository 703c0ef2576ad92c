"""Read the offers back from a genhus workbook's ``Tilbud`` / ``Offers`` sheet, for the offer letters.

Columns are found by their headers, in Danish or English, exactly as :mod:`allocator.write.sheet_offers` writes
them (the words of :mod:`allocator.write.xlsx_words`, made unique by :func:`~allocator.sheet_columns.unique_headers`,
compared after :func:`allocator.read.columns.normalise`), so a coordinator may reorder, hide or add columns. A row
without a dwelling id has no offer and gets no letter.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.problems import InputError, InputProblem
from allocator.read.columns import normalise
from allocator.sheet_columns import CONTROL, OFFER_COLUMNS, unique_headers
from allocator.write.xlsx_words import HEADERS, SCHEDULE_HEADERS, SHEETS, WORDS

__all__ = ["Offer", "read_offers"]

_KEYS = tuple(key for key, _ in OFFER_COLUMNS)
_MOVE_KEYS = ("move_date", "move_back_date")  # written after the offer columns where a schedule was made
_REQUIRED = ("household_id", "dwelling_id")
_YES = frozenset(normalise(WORDS[lang]["yes"]) for lang in WORDS) | {"true", "1", "x"}


@dataclass(frozen=True, slots=True)
class Offer:
    """One row of the offers sheet that has an offer. Text is one line without control characters."""

    household_id: str
    dwelling_id: str
    row: int
    name: str | None = None
    address: str | None = None
    kind: str | None = None
    new_address: str | None = None
    new_department: str | None = None
    new_municipality: str | None = None
    rooms: float | None = None
    area: float | None = None
    new_rent: float | None = None
    current_rent: float | None = None
    rent_change: float | None = None
    available_from: dt.date | None = None
    move_by: dt.date | None = None
    offer_no: int | None = None
    final: bool = False
    move_date: dt.date | None = None  # the moving schedule's date of the move (issue 13), where one was made
    move_back_date: dt.date | None = None  # a temporary household's move back


def read_offers(path: str | Path) -> tuple[Offer, ...]:
    """Every offer on the workbook's offers sheet, in sheet order. Raises :class:`InputError` for a file that is
    not a genhus workbook (not ``.xlsx``, no offers sheet, no household and dwelling id columns)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError([InputProblem(name, "no such file")])
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        problem = InputProblem(name, f"not an Excel workbook (.xlsx) written by genhus allocate ({exc})")
        raise InputError([problem]) from None
    try:
        sheet = _offers_sheet(book, name)
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = _columns(header, name, sheet.title)
        offers = []
        for number, cells in enumerate(rows, start=2):
            record = {key: cells[k] if k < len(cells) else None for key, k in columns.items()}
            offer = _offer(record, number)
            if offer is not None:
                offers.append(offer)
        return tuple(offers)
    finally:
        book.close()


def _offers_sheet(book, name: str):
    wanted = {normalise(SHEETS[lang]["offers"]) for lang in SHEETS}
    for title in book.sheetnames:
        if normalise(title) in wanted:
            return book[title]
    names = " / ".join(SHEETS[lang]["offers"] for lang in SHEETS)
    raise InputError([InputProblem(
        name, f"no sheet {names}: not a workbook written by genhus allocate "
              f"(its sheets: {', '.join(book.sheetnames) or 'none'})")])


def _columns(header: tuple, name: str, title: str) -> dict[str, int]:
    """Field key -> 0-based column, in whichever language the headers are."""
    found = {normalise(str(h)): k for k, h in enumerate(header) if h is not None}
    best: dict[str, int] = {}
    for lang in HEADERS:
        expected = unique_headers([HEADERS[lang][key] for key in _KEYS], lang)
        columns = {key: found[normalise(h)] for key, h in zip(_KEYS, expected, strict=True) if normalise(h) in found}
        if len(columns) > len(best):
            best = columns
    for key in _MOVE_KEYS:
        for lang in SCHEDULE_HEADERS:
            if key not in best and normalise(SCHEDULE_HEADERS[lang][key]) in found:
                best[key] = found[normalise(SCHEDULE_HEADERS[lang][key])]
    missing = [key for key in _REQUIRED if key not in best]
    if missing:
        words = ", ".join(" / ".join(HEADERS[lang][key] for lang in HEADERS) for key in missing)
        raise InputError([InputProblem(
            name, f"sheet '{title}' has no column {words} in its first row: not a workbook written by "
                  "genhus allocate")])
    return best


def _offer(record: dict[str, Any], row: int) -> Offer | None:
    dwelling = text(record.get("dwelling_id"))
    household = text(record.get("household_id"))
    if not dwelling or not household:
        return None
    return Offer(
        household_id=household,
        dwelling_id=dwelling,
        row=row,
        name=text(record.get("name")),
        address=text(record.get("address")),
        kind=text(record.get("kind")),
        new_address=text(record.get("new_address")),
        new_department=text(record.get("new_department")),
        new_municipality=text(record.get("new_municipality")),
        rooms=_number(record.get("rooms")),
        area=_number(record.get("area")),
        new_rent=_number(record.get("new_rent")),
        current_rent=_number(record.get("current_rent")),
        rent_change=_number(record.get("rent_change")),
        available_from=_date(record.get("available_from")),
        move_by=_date(record.get("move_by")),
        offer_no=_int(record.get("offer_no")),
        final=normalise(text(record.get("final_offer")) or "") in _YES,
        move_date=_date(record.get("move_date")),
        move_back_date=_date(record.get("move_back_date")),
    )


def text(value: Any) -> str | None:
    """A cell as one line of plain text: control characters removed, runs of white space made one space."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    cleaned = " ".join(CONTROL.sub("", str(value).replace("\x7f", "")).split())
    return cleaned or None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(".", "").replace(",", ".")) if "," in value else float(value)
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None
