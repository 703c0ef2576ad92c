"""Build :class:`Household` objects from a loaded households file."""

from __future__ import annotations

from typing import TypeVar

from allocator.domain import DomainError, Household, Kind
from allocator.read import values as v
from allocator.read.columns import HOUSEHOLD_FIELDS, map_columns
from allocator.read.rows import Parsed, Sheet
from allocator.read.table import Row, Table

T = TypeVar("T")


def households_from_table(table: Table) -> Parsed[Household]:
    """Read every row of ``table`` as a household; bad rows give problems and no household.

    Parameters
    ----------
    table
        A loaded households file.

    Returns
    -------
    Parsed
        The households of the rows without problems, the header texts, every problem and warning.
    """
    columns, problems = map_columns(table, HOUSEHOLD_FIELDS, wishes=True)
    sheet = Sheet(table, columns, problems)
    households: list[Household] = []
    ids: list[tuple[Row, str]] = []
    for row in table.rows:
        hid, household = _household(sheet, row)
        if hid:
            ids.append((row, hid))
        if household is not None:
            households.append(household)
    sheet.unique(ids, "household_id", "household id")
    if not table.rows:
        sheet.warnings.append(f"{table.file}: no households; the file has a header but no rows")
    return Parsed(tuple(households), columns.headers, problems, sheet.warnings)


def _household(sheet: Sheet, row: Row) -> tuple[str | None, Household | None]:
    """The id and household of ``row``; the household is ``None`` if a required value is missing or bad
    (already reported)."""

    def get(name: str, parse: v.Parser[T], required: bool = False) -> T | None:
        return sheet.cell(row, name, parse, required=required)

    before = len(sheet.problems)
    household_id = get("household_id", v.text, True)
    department = get("department", v.text, True)
    municipality = get("municipality", v.text, True)
    members = get("members", v.at_least_one, True)
    current_rooms = get("current_rooms", v.at_least_one, True)
    kind = get("kind", v.kind, True)
    seniority_date = get("seniority_date", v.date, True)
    wishes = sheet.wishes(row)
    name = get("name", v.text)
    address = get("address", v.text)
    needs_ground_floor = get("needs_ground_floor", v.boolean)
    needs_elevator = get("needs_elevator", v.boolean)
    max_rent = get("max_rent", sheet.decimal)
    min_rooms = get("min_rooms", v.at_least_one)
    max_rooms = get("max_rooms", v.at_least_one)
    move_by = get("move_by", v.date)
    current_rent = get("current_rent", sheet.decimal)
    accepts_other = get("accepts_other_municipality", v.boolean)

    if min_rooms is not None and max_rooms is not None and min_rooms > max_rooms:
        sheet.report(
            row,
            sheet.columns.index["min_rooms"],
            f"min rooms ({min_rooms}) is larger than max rooms ({max_rooms}, column "
            f"'{sheet.header('max_rooms')}'); swap them or correct one",
        )
    if accepts_other and kind is Kind.PERMANENT:
        # Not refused: the coordinator may have agreed it; but the law only allows it for temporary rehousing.
        sheet.warn(
            row,
            f"household '{household_id}' is permanent but accepts another municipality; the law "
            "(almenlejeloven § 86 stk. 2) allows another municipality only for temporary rehousing",
        )
    if (
        len(sheet.problems) > before
        or household_id is None
        or department is None
        or municipality is None
        or members is None
        or current_rooms is None
        or kind is None
        or seniority_date is None
    ):
        return household_id, None
    try:
        return household_id, Household(
            household_id=household_id,
            department=department,
            municipality=municipality,
            members=members,
            current_rooms=current_rooms,
            kind=kind,
            seniority_date=seniority_date,
            wishes=wishes,
            name=name,
            address=address,
            needs_ground_floor=bool(needs_ground_floor),
            needs_elevator=bool(needs_elevator),
            max_rent=max_rent,
            min_rooms=min_rooms,
            max_rooms=max_rooms,
            move_by=move_by,
            current_rent=current_rent,
            accepts_other_municipality=bool(accepts_other),
            extra=sheet.extra(row),
            row=row.number,
        )
    except DomainError as exc:
        # The parsers should have caught everything; if not, the user still gets a located message.
        sheet.report(row, sheet.columns.index["household_id"], str(exc), value=household_id)
        return household_id, None
