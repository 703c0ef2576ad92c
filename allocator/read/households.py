"""Build :class:`Household` objects from a loaded households file."""

from __future__ import annotations

import datetime as dt

from allocator.budget import HANDYMAN_MAX_HOURS
from allocator.domain import DomainError, Household, Kind
from allocator.read import values as v
from allocator.read.columns import HOUSEHOLD_FIELDS, map_columns
from allocator.read.columnwise import Columnar, Number
from allocator.read.rows import Parsed
from allocator.read.table import Table
from allocator.read.wishes import read_wishes
from allocator.read.words import warning

REQUIRED = (
    "household_id",
    "department",
    "municipality",
    "members",
    "current_rooms",
    "kind",
    "seniority_date",
)


def households_from_table(table: Table, today: dt.date | None = None) -> Parsed[Household]:
    """Read every row of ``table`` as a household; bad rows give problems and no household.

    Parameters
    ----------
    table
        A loaded households file.
    today
        The run date, against which seniority dates in the future are warned about (default: today).

    Returns
    -------
    Parsed
        The households of the rows without problems, the header texts, every problem and warning.
    """
    columns, problems = map_columns(table, HOUSEHOLD_FIELDS, wishes=True)
    if columns.misplaced:
        return Parsed((), columns.headers, problems, list(table.warnings))
    cols = Columnar(table, columns)
    ids = cols.texts("household_id", required=True)
    department = cols.texts("department", required=True)
    municipality = cols.texts("municipality", required=True)
    members = cols.number("members", MEMBERS, required=True)
    current_rooms = cols.number("current_rooms", ROOMS, required=True)
    kind = cols.column("kind", v.kind, required=True)
    seniority = cols.column("seniority_date", v.date, required=True)
    wishes = read_wishes(cols)
    name = cols.texts("name")
    address = cols.texts("address")
    ground = cols.column("needs_ground_floor", v.boolean)
    elevator = cols.column("needs_elevator", v.boolean)
    max_rent = cols.number("max_rent", AMOUNT)
    min_rooms = cols.number("min_rooms", ROOMS)
    max_rooms = cols.number("max_rooms", ROOMS)
    move_by = cols.column("move_by", v.date)
    current_rent = cols.number("current_rent", AMOUNT)
    other = cols.column("accepts_other_municipality", v.boolean)
    moving = cols.column("moving_method", moving_method_word)
    hours = cols.number("handyman_hours", HOURS)
    stay = cols.number("stay_months", STAY)
    deposit = cols.number("deposit", AMOUNT)
    carpet_years = cols.number("carpet_age_years", CARPET_AGE)
    carpet_value = cols.number("carpet_value", AMOUNT)
    phase = cols.texts("phase")
    _room_bounds(cols, min_rooms, max_rooms)
    cols.next_rank()
    for k in range(cols.n):
        if other[k] and kind[k] is Kind.PERMANENT:
            # Not refused: the coordinator may have agreed it; but the law only allows it for temporary rehousing.
            cols.warn(k, warning("permanent_other_municipality", id=ids[k]))
    _carpets(cols, carpet_years, carpet_value)
    cols.unique(ids, "household_id", "household id")
    extra = cols.extra()
    households: list[Household] = []
    # A row lacking a required value has a problem (reported), so only rows without problems are built.
    rows = range(cols.n) if cols.complete(REQUIRED) else range(0)
    for k in rows:
        if k in cols.bad:
            continue
        try:
            households.append(
                Household(
                    household_id=ids[k],
                    department=department[k],
                    municipality=municipality[k],
                    members=members[k],
                    current_rooms=current_rooms[k],
                    kind=kind[k],
                    seniority_date=seniority[k],
                    wishes=wishes[k],
                    name=name[k],
                    address=address[k],
                    needs_ground_floor=bool(ground[k]),
                    needs_elevator=bool(elevator[k]),
                    max_rent=max_rent[k],
                    min_rooms=min_rooms[k],
                    max_rooms=max_rooms[k],
                    move_by=move_by[k],
                    current_rent=current_rent[k],
                    accepts_other_municipality=bool(other[k]),
                    moving_method=moving[k],
                    handyman_hours=hours[k],
                    stay_months=stay[k],
                    deposit=deposit[k],
                    carpet_age_years=carpet_years[k],
                    carpet_value=carpet_value[k],
                    phase=phase[k] or None,
                    extra=extra[k],
                    row=table.numbers[k],
                )
            )
        except DomainError as exc:
            # The parsers should have caught everything; if not, the user still gets a located message.
            cols.report(k, columns.index["household_id"], str(exc), value=ids[k])
    warnings = cols.warnings_in_order()
    if cols.has("seniority_date"):
        warnings += seniority_warnings(
            cols.file, cols.header("seniority_date"), households, today or dt.date.today()
        )
    _one_carpet_column(cols, warnings)
    if not table.numbers:
        warnings.append(warning("no_households", file=table.file))
    return Parsed(tuple(households), columns.headers, problems + cols.problems_in_order(), warnings)


def _room_bounds(cols: Columnar, min_rooms: list[int | None], max_rooms: list[int | None]) -> None:
    if not (cols.has("min_rooms") and cols.has("max_rooms")):
        return
    rank = cols.next_rank()
    for k, (low, high) in enumerate(zip(min_rooms, max_rooms, strict=True)):
        if low is not None and high is not None and low > high:
            cols.report(
                k,
                cols.columns.index["min_rooms"],
                f"min rooms ({low}) is larger than max rooms ({high}, column "
                f"'{cols.header('max_rooms')}'); swap them or correct one",
                rank=rank,
            )


def _carpets(cols: Columnar, years: list[int | None], value: list[float | None]) -> None:
    if not (cols.has("carpet_age_years") and cols.has("carpet_value")):
        return
    for k, (age, worth) in enumerate(zip(years, value, strict=True)):
        if (age is None) != (worth is None):
            given, lacking = (
                ("carpet_age_years", "carpet_value")
                if worth is None
                else ("carpet_value", "carpet_age_years")
            )
            cols.warn(k, warning("carpet_cell", given=cols.header(given), lacking=cols.header(lacking)))


# --- budget columns (optional; see allocator/budget.py) -----------------------------------------------------

MAX_STAY_MONTHS = 120
MAX_CARPET_AGE = 50
_HOURS = (
    f"more than {HANDYMAN_MAX_HOURS:g} handyman hours per move; "
    "seed 001 (KAB's terms) pays at most 3 hours per move"
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


def carpet_age(cell: object, decimal_mark: str | None = None) -> int:
    """A carpet's age in whole years, 0 or more."""
    age = v.integer(cell, decimal_mark)
    if age < 0:
        raise v.CellError("must not be negative")
    if age > MAX_CARPET_AGE:
        raise v.CellError(
            f"more than {MAX_CARPET_AGE} years; write the carpet's age in whole years (e.g. 7), not the year it "
            "was bought"
        )
    return age


def _one_carpet_column(cols: Columnar, warnings: list[str]) -> None:
    """A carpet needs its age and its value: with one of the two columns, no carpet can be counted."""
    for given, lacking in (("carpet_age_years", "carpet_value"), ("carpet_value", "carpet_age_years")):
        if cols.has(given) and not cols.has(lacking):
            field = next(f for f in HOUSEHOLD_FIELDS if f.name == lacking)
            warnings.append(
                warning("carpet_column", file=cols.file, given=cols.header(given), lacking=field.display)
            )


def _at_most(value: float, most: float, message: str) -> float:
    if value > most:
        raise v.CellError(message)
    return value


EARLIEST_SENIORITY = dt.date(1900, 1, 1)


def seniority_warnings(file: str, column: str, households: list[Household], today: dt.date) -> list[str]:
    """Seniority dates after the run date or before 1900: legal, but most likely typing errors (a year
    mistyped), and seniority decides who gets a contested dwelling."""
    future = [h.row for h in households if h.seniority_date > today]
    ancient = [h.row for h in households if h.seniority_date < EARLIEST_SENIORITY]
    warnings = []
    if future:
        warnings.append(
            warning("future_seniority", file=file, rows=future, column=column, today=today.isoformat())
        )
    if ancient:
        warnings.append(warning("ancient_seniority", file=file, rows=ancient, column=column))
    return warnings


MEMBERS = Number(v.members, whole=True, low=v.MEMBERS[0], high=v.MEMBERS[1])
ROOMS = Number(v.rooms, whole=True, low=v.ROOMS[0], high=v.ROOMS[1])
AMOUNT = Number(v.decimal, whole=False, low=0)
HOURS = Number(
    lambda c, m: _at_most(v.decimal(c, m), HANDYMAN_MAX_HOURS, _HOURS),
    whole=False,
    low=0,
    high=HANDYMAN_MAX_HOURS,
)
STAY = Number(
    lambda c, m: _at_most(v.decimal(c, m), MAX_STAY_MONTHS, _MONTHS), whole=False, low=0, high=MAX_STAY_MONTHS
)
CARPET_AGE = Number(carpet_age, whole=True, low=0, high=MAX_CARPET_AGE)
