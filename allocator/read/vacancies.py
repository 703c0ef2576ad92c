"""Build :class:`Vacancy` objects from a loaded vacancies file."""

from __future__ import annotations

from typing import TypeVar

from allocator.domain import DomainError, Use, Vacancy
from allocator.read import values as v
from allocator.read.columns import VACANCY_FIELDS, map_columns
from allocator.read.rows import Parsed, Sheet
from allocator.read.table import Row, Table

T = TypeVar("T")


def vacancies_from_table(table: Table) -> Parsed[Vacancy]:
    """Read every row of ``table`` as a vacancy; bad rows give problems and no vacancy.

    Parameters
    ----------
    table
        A loaded vacancies file.

    Returns
    -------
    Parsed
        The vacancies of the rows without problems, the header texts, every problem and warning.
    """
    columns, problems = map_columns(table, VACANCY_FIELDS, wishes=False)
    sheet = Sheet(table, columns, problems)
    vacancies: list[Vacancy] = []
    ids: list[tuple[Row, str]] = []
    for row in table.rows:
        dwelling_id, vacancy = _vacancy(sheet, row)
        if dwelling_id:
            ids.append((row, dwelling_id))
        if vacancy is not None:
            vacancies.append(vacancy)
    sheet.unique(ids, "dwelling_id", "dwelling id")
    if not table.rows:
        sheet.warnings.append(f"{table.file}: no vacancies; the file has a header but no rows")
    return Parsed(tuple(vacancies), columns.headers, problems, sheet.warnings)


def _vacancy(sheet: Sheet, row: Row) -> tuple[str | None, Vacancy | None]:
    """The id and vacancy of ``row``; the vacancy is ``None`` if a required value is missing or bad
    (already reported)."""

    def get(name: str, parse: v.Parser[T], required: bool = False) -> T | None:
        return sheet.cell(row, name, parse, required=required)

    before = len(sheet.problems)
    dwelling_id = get("dwelling_id", v.text, True)
    department = get("department", v.text, True)
    municipality = get("municipality", v.text, True)
    rooms = get("rooms", v.at_least_one, True)
    area_m2 = get("area_m2", sheet.positive)
    rent = get("rent", sheet.decimal)
    floor = get("floor", v.floor)
    elevator = get("elevator", v.boolean)
    available_from = get("available_from", v.date)
    use = get("use", v.use)
    address = get("address", v.text)
    deposit = get("deposit", sheet.decimal)
    if (
        len(sheet.problems) > before
        or dwelling_id is None
        or department is None
        or municipality is None
        or rooms is None
    ):
        return dwelling_id, None
    try:
        return dwelling_id, Vacancy(
            dwelling_id=dwelling_id,
            department=department,
            municipality=municipality,
            rooms=rooms,
            area_m2=area_m2,
            rent=rent,
            floor=floor,
            elevator=bool(elevator),
            available_from=available_from,
            use=use or Use.ANY,
            address=address,
            deposit=deposit,
            extra=sheet.extra(row),
            row=row.number,
        )
    except DomainError as exc:
        # The parsers should have caught everything; if not, the user still gets a located message.
        sheet.report(row, sheet.columns.index["dwelling_id"], str(exc), value=dwelling_id)
        return dwelling_id, None
