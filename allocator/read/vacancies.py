"""Build :class:`Vacancy` objects from a loaded vacancies file."""

from __future__ import annotations

from allocator.domain import DomainError, Use, Vacancy
from allocator.read import values as v
from allocator.read.columns import VACANCY_FIELDS, map_columns
from allocator.read.columnwise import Columnar, Number
from allocator.read.rows import Parsed
from allocator.read.table import Table
from allocator.read.words import warning

ROOMS = Number(v.rooms, whole=True, low=v.ROOMS[0], high=v.ROOMS[1])
AREA = Number(v.positive, whole=False, low=0, open_low=True)
AMOUNT = Number(v.decimal, whole=False, low=0)
FLOOR = Number(v.floor, whole=True, low=v.FLOORS[0], high=v.FLOORS[1])


REQUIRED = ("dwelling_id", "department", "municipality", "rooms")


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
    if columns.misplaced:
        return Parsed((), columns.headers, problems, list(table.warnings))
    cols = Columnar(table, columns)
    ids = cols.texts("dwelling_id", required=True)
    department = cols.texts("department", required=True)
    municipality = cols.texts("municipality", required=True)
    rooms = cols.number("rooms", ROOMS, required=True)
    area = cols.number("area_m2", AREA)
    rent = cols.number("rent", AMOUNT)
    floor = cols.number("floor", FLOOR)
    elevator = cols.column("elevator", v.boolean)
    available_from = cols.column("available_from", v.date)
    available_until = cols.column("available_until", v.date)
    use = cols.column("use", v.use)
    address = cols.texts("address")
    deposit = cols.number("deposit", AMOUNT)
    _window(cols, available_from, available_until)
    cols.unique(ids, "dwelling_id", "dwelling id")
    extra = cols.extra()
    vacancies: list[Vacancy] = []
    # A row lacking a required value has a problem (reported), so only rows without problems are built.
    rows = range(cols.n) if cols.complete(REQUIRED) else range(0)
    for k in rows:
        if k in cols.bad:
            continue
        try:
            vacancies.append(
                Vacancy(
                    dwelling_id=ids[k],
                    department=department[k],
                    municipality=municipality[k],
                    rooms=rooms[k],
                    area_m2=area[k],
                    rent=rent[k],
                    floor=floor[k],
                    elevator=bool(elevator[k]),
                    available_from=available_from[k],
                    available_until=available_until[k],
                    use=use[k] or Use.ANY,
                    address=address[k],
                    deposit=deposit[k],
                    extra=extra[k],
                    row=table.numbers[k],
                )
            )
        except DomainError as exc:
            # The parsers should have caught everything; if not, the user still gets a located message.
            cols.report(k, columns.index["dwelling_id"], str(exc), value=ids[k])
    warnings = cols.warnings_in_order()
    if not table.numbers:
        warnings.append(warning("no_vacancies", file=table.file))
    return Parsed(tuple(vacancies), columns.headers, problems + cols.problems_in_order(), warnings)


def _window(cols: Columnar, available_from: list, available_until: list) -> None:
    """A dwelling given back before it comes free can hold nobody: a typing error, most likely the year."""
    if not (cols.has("available_from") and cols.has("available_until")):
        return
    rank = cols.next_rank()
    for k, (start, end) in enumerate(zip(available_from, available_until, strict=True)):
        if start is not None and end is not None and end < start:
            cols.report(
                k,
                cols.columns.index["available_until"],
                f"free until a day before it is free from ({start.strftime('%d-%m-%Y')}, column "
                f"'{cols.header('available_from')}'); correct one of the two dates",
                rank=rank,
            )
