"""The columns of the two input files: their English and Danish headers, and how a file's header maps to them.

This is the only place that knows header names. A header matches an alias after :func:`normalise`, so
"Antal personer", "antal_personer" and "ANTAL-PERSONER" are one header, and so are "Ønske 1" and "oenske_1".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from allocator.problems import InputProblem
from allocator.read.table import Table, column_letter, header_text, is_blank


@dataclass(frozen=True, slots=True)
class Field:
    """One column the tool reads.

    Attributes
    ----------
    name
        The English column name, also the attribute of the domain object.
    label
        The Danish header, shown next to ``name`` when the column is missing.
    aliases
        Every accepted header as a user would write it; matched after :func:`normalise`.
    required
        Whether the column and every cell in it must be present.
    """

    name: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False

    @property
    def display(self) -> str:
        return f"{self.name} ({self.label})"


HOUSEHOLD_FIELDS: tuple[Field, ...] = (
    Field(
        "household_id", "Husstand-ID", ("household_id", "Husstand-ID", "husstandsid", "Lejemål", "id"), True
    ),
    Field("name", "Navn", ("name", "Navn")),
    Field("address", "Adresse", ("address", "Adresse")),
    Field("department", "Afdeling", ("department", "Afdeling"), True),
    Field("municipality", "Kommune", ("municipality", "Kommune"), True),
    Field("members", "Antal personer", ("members", "Antal personer", "personer", "husstandsmedlemmer"), True),
    Field(
        "current_rooms",
        "Antal rum",
        ("current_rooms", "Antal rum", "rum", "antal værelser", "værelser"),
        True,
    ),
    Field("kind", "Genhusningstype", ("kind", "Genhusningstype", "type"), True),
    Field(
        "seniority_date",
        "Anciennitetsdato",
        ("seniority_date", "Anciennitetsdato", "anciennitet", "boanciennitet"),
        True,
    ),
    Field("needs_ground_floor", "Stueetage", ("needs_ground_floor", "Stueetage")),
    Field("needs_elevator", "Elevator", ("needs_elevator", "Elevator")),
    Field("max_rent", "Max husleje", ("max_rent", "Max husleje", "maks husleje")),
    Field("min_rooms", "Min rum", ("min_rooms", "Min rum")),
    Field("max_rooms", "Max rum", ("max_rooms", "Max rum")),
    Field("move_by", "Senest fraflytning", ("move_by", "Senest fraflytning", "fraflytning")),
    Field("current_rent", "Husleje", ("current_rent", "Husleje", "nuværende husleje")),
    Field(
        "accepts_other_municipality",
        "Anden kommune",
        ("accepts_other_municipality", "Anden kommune", "accepterer anden kommune"),
    ),
    # Budget (optional; see allocator/budget.py)
    Field("moving_method", "Flytning", ("moving_method", "Flytning", "flytteform", "flyttemetode")),
    Field("handyman_hours", "Handymantimer", ("handyman_hours", "Handymantimer", "handyman timer")),
    Field(
        "stay_months",
        "Varighed (måneder)",
        (
            "stay_months",
            "Varighed (måneder)",
            "varighed måneder",
            "Genhusningsperiode måneder",
            "Genhusningsperiode (måneder)",
        ),
    ),
    Field("deposit", "Indskud", ("deposit", "Indskud")),
    Field("carpet_age_years", "Tæppe alder", ("carpet_age_years", "Tæppe alder", "tæppealder")),
    Field("carpet_value", "Tæppe værdi", ("carpet_value", "Tæppe værdi", "tæppeværdi")),
    # Phases (issue 12): read only with a phases file (allocator/read/phase_join.py)
    Field("phase", "Etape", ("phase", "Etape")),
)

VACANCY_FIELDS: tuple[Field, ...] = (
    Field("dwelling_id", "Bolig-ID", ("dwelling_id", "Bolig-ID", "boligid", "Lejemål", "id"), True),
    Field("department", "Afdeling", ("department", "Afdeling"), True),
    Field("municipality", "Kommune", ("municipality", "Kommune"), True),
    Field("rooms", "Antal rum", ("rooms", "Antal rum", "rum", "værelser", "antal værelser"), True),
    Field("area_m2", "Areal", ("area_m2", "area", "Areal", "m2", "m²", "areal m2", "areal m²")),
    Field("rent", "Husleje", ("rent", "Husleje")),
    Field("floor", "Etage", ("floor", "Etage")),
    Field("elevator", "Elevator", ("elevator",)),
    Field("available_from", "Ledig fra", ("available_from", "Ledig fra")),
    Field("available_until", "Ledig til", ("available_until", "Ledig til")),
    Field("use", "Anvendelse", ("use", "Anvendelse")),
    Field("address", "Adresse", ("address", "Adresse")),
    Field("deposit", "Indskud", ("deposit", "Indskud")),  # budget (optional)
)

PHASE_FIELDS: tuple[Field, ...] = (
    Field("phase_id", "Etape", ("phase", "phase_id", "Etape"), True),
    Field("construction_start", "Byggestart", ("construction_start", "Byggestart"), True),
    Field(
        "ready",
        "Klar til tilbageflytning",
        ("ready", "Klar til tilbageflytning", "klar", "tilbageflytning"),
    ),
    Field("name", "Navn", ("name", "Navn")),
)

# "pref_1", "preference 1", "wish 1", "Ønske 1", "Ønske nr. 1", "1. ønske", "1. prioritet" (after normalising).
_WISH_WORD = r"(?:pref(?:erence)?|wish|oenske|prioritet|afdelingsoenske)"
_NUMBERED_WISH = re.compile(rf"{_WISH_WORD}(?:nr)?(?P<after>\d+)|(?P<before>\d+){_WISH_WORD}")
_WISH_LIST = frozenset({"preferences", "wishes", "oensker", "afdelingsoensker", "oenskedeafdelinger"})

_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_DROPPED = re.compile(r"[\s_\-.\u00a0\u202f]+")


def normalise(header: str) -> str:
    """The form headers and aliases are compared in: lower case, æ/ø/å as ae/oe/aa, no spaces, ``_-.``."""
    # NFC first: a Mac may write "å" as "a" plus a combining ring, which would not match the alias.
    folded = unicodedata.normalize("NFC", header).strip().lower().translate(_LETTERS)
    return _DROPPED.sub("", folded)


@functools.cache
def alias_table(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Normalised alias -> field. Raises ``ValueError`` if two fields share an alias (a programming error)."""
    table: dict[str, Field] = {}
    for f in fields:
        for alias in f.aliases:
            key = normalise(alias)
            if key in table and table[key] is not f:
                raise ValueError(f"alias {alias!r} is used by both {table[key].name} and {f.name}")
            table[key] = f
    return table


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each field sits in one file.

    Attributes
    ----------
    headers
        Header texts of every column read (known, wish and unknown), as written, in file order.
    index
        Field name -> column index, for the known fields present.
    wish_columns
        Indices of numbered wish columns, ordered by their number.
    wish_list
        Index of the single separated wish column, if the file has one instead.
    extra
        Indices of unknown columns, in file order.
    misplaced
        The header is not in row 1 (a title above it); nothing else of the file can be read.
    """

    headers: tuple[str, ...]
    index: dict[str, int] = field(default_factory=dict)
    wish_columns: tuple[int, ...] = ()
    wish_list: int | None = None
    extra: tuple[int, ...] = ()
    misplaced: bool = False


def map_columns(
    table: Table, fields: tuple[Field, ...], *, wishes: bool
) -> tuple[Columns, list[InputProblem]]:
    """Match ``table``'s header to ``fields`` (and wish columns when ``wishes``); return the map and problems.

    A column with an empty header is skipped if the whole column is empty (spreadsheets often carry such
    columns), and is a problem otherwise: its values would be lost.
    """
    aliases = alias_table(fields)
    misplaced = _misplaced_header(table, fields)
    if misplaced is not None:
        return Columns(headers=tuple(h for h in table.header if h.strip()), misplaced=True), [misplaced]
    problems: list[InputProblem] = []
    index: dict[str, int] = {}
    numbered: dict[int, int] = {}
    wish_list: int | None = None
    extra: list[int] = []
    read: list[str] = []

    def clash(i: int, first: int, what: str) -> None:
        problems.append(
            InputProblem(
                file=table.file,
                row=1,
                column=table.header[i],
                value=table.header[i],
                message=f"this column and '{table.header[first]}' are both read as {what}; keep one of them",
            )
        )

    for i, header in enumerate(table.header):
        if not header.strip():
            problems.extend(_unnamed_column(table, i))
            continue
        read.append(header)
        key = normalise(header)
        known = aliases.get(key)
        number = _NUMBERED_WISH.fullmatch(key) if wishes else None
        if known is not None:
            if known.name in index:
                clash(i, index[known.name], known.name)
            else:
                index[known.name] = i
        elif number is not None:
            n = int(number["after"] or number["before"])
            if n in numbered:
                clash(i, numbered[n], f"wish {n}")
            else:
                numbered[n] = i
        elif wishes and key in _WISH_LIST:
            if wish_list is not None:
                clash(i, wish_list, "the list of wishes")
            else:
                wish_list = i
        else:
            extra.append(i)

    if numbered and wish_list is not None:
        problems.append(
            InputProblem(
                file=table.file,
                row=1,
                column=table.header[wish_list],
                value=table.header[wish_list],
                message="wishes are given both as numbered columns (e.g. "
                f"'{table.header[numbered[min(numbered)]]}') and as one list column; keep one form",
            )
        )
    for f in fields:
        if f.required and f.name not in index:
            accepted = ", ".join(f"'{a}'" for a in f.aliases)
            problems.append(
                InputProblem(
                    file=table.file,
                    row=1,
                    column=f.display,
                    message=f"required column is missing; name it one of {accepted} "
                    "(case, spaces, '_', '-' and æ/ae, ø/oe, å/aa do not matter)",
                )
            )
    columns = Columns(
        headers=tuple(read),
        index=index,
        wish_columns=tuple(numbered[n] for n in sorted(numbered)),
        wish_list=wish_list,
        extra=tuple(extra),
    )
    return columns, problems


def _unnamed_column(table: Table, i: int) -> list[InputProblem]:
    for n, cell in zip(table.numbers, table.columns[i], strict=True):
        if not is_blank(cell):
            return [
                InputProblem(
                    file=table.file,
                    row=n,
                    column=f"(no header, column {column_letter(i)})",
                    value=cell,
                    message=f"column {column_letter(i)} holds values but has no header in row 1; "
                    "give it a header or delete its values",
                )
            ]
    return []


HEADER_SEARCH_ROWS = 10
"""A header further down than this is not looked for: the file is then not a table of this kind."""


def required_found(cells: Iterable[object], fields: tuple[Field, ...]) -> set[str]:
    """The required fields that some of ``cells``, read as headers, name."""
    aliases = alias_table(fields)
    found = {aliases.get(normalise(header_text(c))) for c in cells if not is_blank(c)}
    return {f.name for f in found if f is not None and f.required}


def _misplaced_header(table: Table, fields: tuple[Field, ...]) -> InputProblem | None:
    """One problem for a file whose header is below row 1 (a title above it), instead of every column missing."""
    in_row_1 = len(required_found(table.header, fields))
    if in_row_1 == sum(f.required for f in fields):
        return None
    best, where = in_row_1, None
    for k, number in enumerate(table.numbers):
        if number > HEADER_SEARCH_ROWS:
            break
        found = len(required_found((column[k] for column in table.columns), fields))
        if found > best:
            best, where = found, number
    if where is None or best < 2:
        return None
    return InputProblem(
        file=table.file,
        row=where,
        message=f"the header seems to be in row {where}, not row 1: delete the rows above it, so that the "
        "column headers are in row 1",
    )
