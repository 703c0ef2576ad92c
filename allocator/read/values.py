"""Parse one non-blank raw cell into a typed value, or say in plain words what is wrong with it.

Every parser takes a cell that is not blank (the caller handles empty cells, since whether empty is allowed
depends on the column) and either returns the value or raises :class:`CellError` whose message tells the
coordinator how to write the value instead. Cells come as text from CSV and as typed values from xlsx; both
are handled here so that the row builders never look at types.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from allocator.domain import Kind, Use

T = TypeVar("T")
Parser = Callable[[Any], T]


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user as is."""


# Excel writes these in place of a formula's result; they are never data.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


# --- text ---------------------------------------------------------------------------------------------------


def text(cell: Any) -> str:
    """Text kept as written, surrounding spaces trimmed; an xlsx number ``1024.0`` becomes ``"1024"``."""
    if isinstance(cell, str):
        value = cell.strip()
        if value.upper() in EXCEL_ERRORS:
            raise CellError(f"Excel error value {value}; mend the formula or type the value")
        return value
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)


# --- numbers ------------------------------------------------------------------------------------------------

_WHOLE = re.compile(r"[+-]?\d+")
_NOT_WHOLE = "not a whole number; write a whole number such as 3"

# Sensible ranges: beyond them a value is a typing error (a year, a phone number), and it would overflow the
# 32-bit integers the solver uses (2147483647 wraps) long before it could mean anything.
MEMBERS = (1, 99)
ROOMS = (1, 99)
FLOORS = (-5, 200)


def integer(cell: Any, decimal_mark: str | None = None) -> int:
    """A whole number: ``3``, ``" 3 "``, ``3.0`` (xlsx) or ``"3,0"``; not ``3.5`` or ``three``.

    Text is read with the file's thousands rule, as amounts are: in a semicolon file ``1.000`` is 1000.
    """
    if isinstance(cell, bool):
        raise CellError("a yes/no value, not a whole number; write a number such as 3")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if math.isfinite(cell) and cell.is_integer():
            return int(cell)
        raise CellError(_NOT_WHOLE)
    s = text(cell)
    if _WHOLE.fullmatch(s):
        return int(s)
    negative = s[:1] in ("-", "\u2212")
    digits = s[1:].lstrip() if negative or s[:1] == "+" else s
    try:
        value = _amount(digits, decimal_mark)
    except CellError as exc:
        if str(exc).startswith("ambiguous"):
            raise
        raise CellError(_NOT_WHOLE) from None
    if not value.is_integer():
        raise CellError(_NOT_WHOLE)
    return -int(value) if negative else int(value)


def within(value: int, bounds: tuple[int, int], what: str) -> int:
    low, high = bounds
    if value < low:
        raise CellError(f"must be at least {low}")
    if value > high:
        raise CellError(f"more than {high}; write the {what} as a whole number from {low} to {high}")
    return value


def at_least_one(cell: Any, decimal_mark: str | None = None) -> int:
    """A whole number of 1 or more (a round number)."""
    value = integer(cell, decimal_mark)
    if value < 1:
        raise CellError("must be at least 1")
    return value


def members(cell: Any, decimal_mark: str | None = None) -> int:
    return within(integer(cell, decimal_mark), MEMBERS, "number of persons")


def rooms(cell: Any, decimal_mark: str | None = None) -> int:
    return within(integer(cell, decimal_mark), ROOMS, "number of rooms")


# Danish addresses write the ground floor "st." (stuen) and the basement "kl." (kælder).
_FLOOR_WORDS = {"st": 0, "st.": 0, "stue": 0, "stuen": 0, "kl": -1, "kl.": -1, "kælder": -1, "kaelder": -1}


def floor(cell: Any, decimal_mark: str | None = None) -> int:
    """A floor: a whole number (0 ground floor, negative basement), or Danish ``st.`` (0) / ``kl.`` (-1)."""
    if isinstance(cell, str) and cell.strip().lower() in _FLOOR_WORDS:
        return _FLOOR_WORDS[cell.strip().lower()]
    try:
        value = integer(cell, decimal_mark)
    except CellError:
        raise CellError(
            "not a floor; write a whole number (0 or st. for the ground floor, -1 or kl. for the basement)"
        ) from None
    low, high = FLOORS
    if not low <= value <= high:
        raise CellError(f"not a floor of a building; write a whole number from {low} to {high}")
    return value


_SPACES = " \u00a0\u202f"
_KR = re.compile(r"\s*kr\.?\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_NUMBER_HINT = "not a number; write e.g. 8500 or 8500,50"


def _grouped(part: str, separators: str) -> bool:
    """Digits, perhaps in groups of three split by one of ``separators`` used throughout (``8.500.000``)."""
    if _DIGITS.fullmatch(part):
        return True
    seps = re.escape(separators)
    return re.fullmatch(rf"\d{{1,3}}(?:([{seps}])\d{{3}})(?:\1\d{{3}})*", part) is not None


def _amount(s: str, decimal_mark: str | None) -> float:
    """Parse ``8.500,50``, ``8,500.50``, ``8 500`` or ``8500,5``; ``s`` has no sign and no ``kr``."""
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        # When both appear, the last one is the decimal separator and the other groups thousands.
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _, fraction = s.rpartition(decimal)
        if not (_grouped(whole, thousands + _SPACES) and _DIGITS.fullmatch(fraction)):
            raise CellError(_NUMBER_HINT)
        return float(_strip_groups(whole) + "." + fraction)
    if has_dot or has_comma:
        sep = "." if has_dot else ","
        if s.count(sep) > 1:
            if not _grouped(s, sep):
                raise CellError(_NUMBER_HINT)
            return float(_strip_groups(s))
        whole, _, fraction = s.partition(sep)
        if not (_grouped(whole, _SPACES) and _DIGITS.fullmatch(fraction)):
            raise CellError(_NUMBER_HINT)
        if len(fraction) == 3 and _DIGITS.fullmatch(whole) and len(whole) <= 3 and whole != "0":
            # "8.500" is 8500 in Danish and 8.5 in English: the file's own convention decides; without one a guess
            # could silently be off by a factor of 1000.
            if decimal_mark is not None:
                return float(whole + fraction) if sep != decimal_mark else float(whole + "." + fraction)
            small = f"{whole},{fraction.rstrip('0') or '0'}"
            raise CellError(
                f"ambiguous: could mean {whole}{fraction} or {small}; "
                f"write {whole}{fraction} without a thousands separator, or {small} with a decimal comma"
            )
        return float(_strip_groups(whole) + "." + fraction)
    if not _grouped(s, _SPACES):
        raise CellError(_NUMBER_HINT)
    return float(_strip_groups(s))


def _strip_groups(part: str) -> str:
    return re.sub(r"[.,\s\u00a0\u202f]", "", part)


def decimal(cell: Any, decimal_mark: str | None = None) -> float:
    """A non-negative amount: ``8500``, ``8500,5``, ``8.500,50``, ``8,500.50``, ``8 500 kr.``, a number.

    ``decimal_mark`` is the file's convention (see ``Table.decimal_mark``); it settles ``8.500`` and ``8,500``.
    """
    if isinstance(cell, bool):
        raise CellError("a yes/no value, not a number; write e.g. 8500")
    if isinstance(cell, int | float):
        value = float(cell)
        if not math.isfinite(value):
            raise CellError(_NUMBER_HINT)
    else:
        s = _KR.sub("", text(cell))
        negative = s[:1] in ("-", "\u2212")
        if negative or s[:1] == "+":
            s = s[1:].lstrip()
        value = -_amount(s, decimal_mark) if negative else _amount(s, decimal_mark)
        if not math.isfinite(value):
            raise CellError(_NUMBER_HINT)
    if value < 0:
        raise CellError("must not be negative")
    return value


def positive(cell: Any, decimal_mark: str | None = None) -> float:
    """An amount larger than 0 (area)."""
    value = decimal(cell, decimal_mark)
    if value <= 0:
        raise CellError("must be larger than 0")
    return value


# --- dates --------------------------------------------------------------------------------------------------

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_DATE = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}")
_DANISH_DATE = re.compile(rf"(\d{{1,2}})([-./])(\d{{1,2}})\2(\d{{4}}){_TIME}")
_DATE_HINT = "not a date; write 2027-03-01 or 01-03-2027"
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def date(cell: Any) -> dt.date:
    """A date: a real spreadsheet date, ISO ``2027-03-01`` (time part allowed) or day-first ``01-03-2027``,
    ``01.03.2027``, ``01/03/2027``."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if not isinstance(cell, str):
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            raise CellError("a number, not a date; format the cell as a date or write 2027-03-01")
        raise CellError(_DATE_HINT)
    s = cell.strip()
    if m := _ISO_DATE.fullmatch(s):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DANISH_DATE.fullmatch(s):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise CellError(_DATE_HINT)
    if year < 1:
        raise CellError(_DATE_HINT)
    if not 1 <= month <= 12:
        raise CellError(f"no such date: there is no month {month}; write e.g. 2027-03-01 or 01-03-2027")
    try:
        return dt.date(year, month, day)
    except ValueError:
        # Named in English by hand: strftime("%B") would follow the machine's locale.
        raise CellError(f"no such date: {_MONTHS[month - 1]} {year} has no day {day}") from None


# --- words --------------------------------------------------------------------------------------------------

_TRUE = frozenset({"yes", "ja", "true", "sand", "1", "x"})
_FALSE = frozenset({"no", "nej", "false", "falsk", "0"})


def boolean(cell: Any) -> bool:
    """Yes or no: ``yes``/``no``, ``ja``/``nej``, ``true``/``false``, ``sand``/``falsk``, ``1``/``0``, ``x``;
    xlsx ``TRUE``/``FALSE``. An empty cell is no, handled by the caller."""
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    word = str(cell).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(
        "not yes or no; write ja or nej (also yes/no, true/false, 1/0, or x for yes and empty for no)"
    )


_KINDS = {"permanent": Kind.PERMANENT, "temporary": Kind.TEMPORARY, "midlertidig": Kind.TEMPORARY}
_USES = {
    "permanent": Use.PERMANENT,
    "temporary": Use.TEMPORARY,
    "midlertidig": Use.TEMPORARY,
    "any": Use.ANY,
    "both": Use.ANY,
    "begge": Use.ANY,
    "alle": Use.ANY,
}


def kind(cell: Any) -> Kind:
    """The kind of rehousing: ``permanent``, ``temporary`` or ``midlertidig``, in any case."""
    found = _KINDS.get(str(cell).strip().lower())
    if found is None:
        raise CellError("not a kind of rehousing; write permanent or midlertidig (temporary)")
    return found


def use(cell: Any) -> Use:
    """What a vacancy may be used for: ``permanent``, ``temporary``/``midlertidig`` or
    ``any``/``begge``/``both``/``alle``; an empty cell is any, handled by the caller."""
    found = _USES.get(str(cell).strip().lower())
    if found is None:
        raise CellError("not a use; write permanent, midlertidig (temporary) or begge (any)")
    return found
