"""Build :class:`Household` objects from a loaded households file."""

from __future__ import annotations

from typing import TypeVar

from allocator.budget import HANDYMAN_MAX_HOURS
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
    _one_carpet_column(sheet)
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
    moving_method = get("moving_method", moving_method_word)
    handyman_hours = get("handyman_hours", lambda cell: _at_most(sheet.decimal(cell), HANDYMAN_MAX_HOURS, _HOURS))
    stay_months = get("stay_months", lambda cell: _at_most(sheet.decimal(cell), MAX_STAY_MONTHS, _MONTHS))
    deposit = get("deposit", sheet.decimal)
    carpet_age_years = get("carpet_age_years", carpet_age)
    carpet_value = get("carpet_value", sheet.decimal)

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
    if (carpet_age_years is None) != (carpet_value is None) and sheet.has("carpet_age_years") and sheet.has(
        "carpet_value"
    ):
        given, lacking = (
            ("carpet_age_years", "carpet_value") if carpet_value is None else ("carpet_value", "carpet_age_years")
        )
        sheet.warn(
            row,
            f"'{sheet.header(given)}' is given but '{sheet.header(lacking)}' is empty; "
            "the carpet is not counted in the budget until both are given",
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
            moving_method=moving_method,
            handyman_hours=handyman_hours,
            stay_months=stay_months,
            deposit=deposit,
            carpet_age_years=carpet_age_years,
            carpet_value=carpet_value,
            extra=sheet.extra(row),
            row=row.number,
        )
    except DomainError as exc:
        # The parsers should have caught everything; if not, the user still gets a located message.
        sheet.report(row, sheet.columns.index["household_id"], str(exc), value=household_id)
        return household_id, None


# --- budget columns (optional; see allocator/budget.py) -----------------------------------------------------

MAX_STAY_MONTHS = 120
MAX_CARPET_AGE = 50
_HOURS = (
    f"more than {HANDYMAN_MAX_HOURS:g} handyman hours per move; seed 001 (KAB's terms) pays at most 3 hours per move"
)
_MONTHS = f"more than {MAX_STAY_MONTHS} months; write the length of the temporary stay in months, e.g. 18"
_MOVING_METHODS = {
    "allowance": "allowance",
    "selv": "allowance",
    "godtgørelse": "allowance",
    "godtgoerelse": "allowance",
    "removal_firm": "removal_firm",
    "flyttefirma": "removal_firm",
    "firma": "removal_firm",
}


def moving_method_word(cell: object) -> str:
    """How the household moves: ``selv`` / ``godtgørelse`` / ``allowance`` (it moves itself for the cash
    allowance) or ``flyttefirma`` / ``firma`` / ``removal_firm``, in any case."""
    key = "_".join(str(cell).strip().lower().replace("-", " ").split())
    found = _MOVING_METHODS.get(key)
    if found is None:
        raise v.CellError(
            "not a way of moving; write selv (the household moves itself for the moving allowance) or "
            "flyttefirma (a removal firm moves it)"
        )
    return found


def carpet_age(cell: object) -> int:
    """A carpet's age in whole years, 0 or more."""
    age = v.integer(cell)
    if age < 0:
        raise v.CellError("must not be negative")
    if age > MAX_CARPET_AGE:
        raise v.CellError(
            f"more than {MAX_CARPET_AGE} years; write the carpet's age in whole years (e.g. 7), not the year it "
            "was bought"
        )
    return age


def _one_carpet_column(sheet: Sheet) -> None:
    """A carpet needs its age and its value: with one of the two columns, no carpet can be counted."""
    for given, lacking in (("carpet_age_years", "carpet_value"), ("carpet_value", "carpet_age_years")):
        if sheet.has(given) and not sheet.has(lacking):
            field = next(f for f in HOUSEHOLD_FIELDS if f.name == lacking)
            sheet.warnings.append(
                f"{sheet.file}: column '{sheet.header(given)}' is there but {field.display} is not; "
                "carpets are not counted in the budget without both"
            )


def _at_most(value: float, most: float, message: str) -> float:
    if value > most:
        raise v.CellError(message)
    return value
