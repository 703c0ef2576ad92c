"""Read the previous round's workbook: every offer made so far and what the households answered.

genhus's workbook of round N holds the whole story, so it is the only file a coordinator needs to keep:

- the offers sheet (``Tilbud`` / ``Offers``) has one row per household with this round's offer and the response
  column (``Svar`` / ``Response``) the coordinator fills in: **accepted** (accepteret, ja, accepted, yes),
  **refused** (afslået, afslaaet, nej, refused, no) or **blank** (the offer is still out), in any case and with
  any spaces. Its ``Runde`` / ``Round`` column gives N, ``Tilbudt i runde`` / ``Offered in round`` the round each
  offer was made (an offer still out keeps its round). A workbook from before offer rounds lacks those columns and
  is round 1;
- the history sheet (``Historik`` / ``History``) has every offer of rounds 1..N-1 that was closed by the time
  round N was made: accepted, refused, or withdrawn by genhus (its dwelling left the vacancies, or pending offers
  were reopened);
- the decisions sheet (``Beslutninger`` / ``Decisions``, see ``allocator.read.decisions``) every coordinator's
  decision in force.

Headers are read in either language as genhus writes them (matched like every header, after
:func:`allocator.read.columns.normalise`). Every unreadable cell is a problem naming the workbook, the sheet, the
row, the column and the value, and all problems are raised together.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocator.domain import DomainError, Use, Vacancy
from allocator.problems import InputError, InputProblem
from allocator.read import values as v
from allocator.read.columns import Field, map_columns, normalise
from allocator.read.decisions import Pin, find_sheet, read_decisions_sheet, sheet_names
from allocator.read.rows import Sheet
from allocator.read.table import Row, load_table
from allocator.read.values import CellError

if TYPE_CHECKING:
    from allocator.rounds.timeline import Timeline

__all__ = ["DecidedBy", "History", "PastOffer", "Response", "read_history"]

OFFER_SHEETS = ("Tilbud", "Offers")
HISTORY_SHEETS = ("Historik", "History")


class Response(str, Enum):
    """What became of an offer."""

    ACCEPTED = "accepted"
    REFUSED = "refused"
    PENDING = "pending"  # still out: no response yet
    WITHDRAWN = "withdrawn"  # withdrawn by genhus: the dwelling left the vacancies, or the offer was reopened


class DecidedBy(str, Enum):
    """Who chose the dwelling of an offer."""

    OPTIMISER = "optimiser"
    PIN = "pin"


@dataclass(frozen=True, slots=True)
class PastOffer:
    """One offer made in an earlier round.

    Attributes
    ----------
    round
        The round the offer was made in (an offer still out keeps it).
    response
        ``PENDING`` while it is still out.
    final
        The offer was the landlord's decision (the household had refused all the offers it may refuse).
    where
        Workbook, sheet and row it was read from, for messages.
    """

    round: int
    household_id: str
    dwelling_id: str
    response: Response
    name: str | None = None
    final: bool = False
    decided_by: DecidedBy = DecidedBy.OPTIMISER
    note: str | None = None
    where: str = ""

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.round, self.household_id, self.dwelling_id)


@dataclass(frozen=True, slots=True)
class History:
    """Everything read from one previous workbook.

    Attributes
    ----------
    file
        The workbook as the user named it.
    round
        N, the round of that workbook; the next run is round N + 1.
    offers
        Every offer of rounds 1..N, each once, in round and then sheet order, with its response as now known.
    dwellings
        The dwelling data shown on the offers sheet, per dwelling id: a :class:`Vacancy`, or the problems that
        keep one from being built (needed only for an accepted dwelling that left the vacancies file).
    pins
        The decisions on the workbook's decisions sheet (``carried``).
    listed
        Every household on the offers sheet (one row each, with or without an offer): its name as shown there
        and where its row is; ``None`` when not read from a workbook. A household of the households file
        missing here had its row deleted.
    """

    file: str
    round: int
    offers: tuple[PastOffer, ...]
    dwellings: Mapping[str, Vacancy | tuple[InputProblem, ...]]
    pins: tuple[Pin, ...] = ()
    listed: Mapping[str, tuple[str | None, str]] | None = None


_ACCEPTED = frozenset(normalise(w) for w in ("accepteret", "accepted", "ja", "yes"))
_REFUSED = frozenset(normalise(w) for w in ("afslået", "afslaaet", "afslaet", "refused", "nej", "no"))
_WITHDRAWN = frozenset(normalise(w) for w in ("trukket tilbage", "withdrawn"))
_PIN = frozenset(
    normalise(w) for w in ("fastlåst", "fastlaast", "pin", "pinned", "koordinator", "coordinator")
)
_OPTIMISER = frozenset(normalise(w) for w in ("genhus", "optimering", "optimiser", "optimizer"))

_RESPONSE_HINT = (
    "not a response; write accepteret or afslået (also ja/nej, accepted/refused), "
    "or leave the cell empty while the offer is still out"
)


def response(cell: Any) -> Response:
    """Accepted or refused, in Danish or English, any case and spaces (a blank cell is handled by the caller)."""
    word = normalise(v.text(cell))
    if word in _ACCEPTED:
        return Response.ACCEPTED
    if word in _REFUSED:
        return Response.REFUSED
    raise CellError(_RESPONSE_HINT)


def closed_response(cell: Any) -> Response:
    """A history row's response: accepted, refused or withdrawn."""
    word = normalise(v.text(cell))
    if word in _WITHDRAWN:
        return Response.WITHDRAWN
    try:
        return response(cell)
    except CellError:
        raise CellError(
            "not a response of a closed offer; write accepteret, afslået or trukket tilbage"
        ) from None


def decided_by(cell: Any) -> DecidedBy:
    word = normalise(v.text(cell))
    if word in _PIN:
        return DecidedBy.PIN
    if word in _OPTIMISER:
        return DecidedBy.OPTIMISER
    raise CellError("not who decided; write genhus or koordinator (also optimering, fastlåst)")


def round_number(cell: Any) -> int:
    try:
        return v.at_least_one(cell)
    except CellError:
        raise CellError("not a round number; write a whole number such as 1") from None


@functools.cache
def _fields(sheet: str) -> tuple[Field, ...]:
    """The columns of genhus's own sheet, by the headers its writer gives them in both languages.

    The columns the writers use too (``allocator.sheet_columns``), so that reading is always the inverse of
    writing; headers the writer makes unique (English "Rooms" twice becomes "Rooms" and "Rooms (2)") are
    derived the same way.
    """
    from allocator.sheet_columns import HISTORY_COLUMNS, OFFER_COLUMNS, sheet_headers

    columns = OFFER_COLUMNS if sheet == "offers" else HISTORY_COLUMNS
    required = {
        "offers": ("household_id", "response"),
        "history": ("round", "household_id", "dwelling_id", "response"),
    }[sheet]
    keys = [key for key, _ in columns]
    heads = {lang: sheet_headers(columns, lang) for lang in ("da", "en")}
    return tuple(
        Field(key, heads["da"][i], tuple(dict.fromkeys((heads["da"][i], heads["en"][i]))), key in required)
        for i, key in enumerate(keys)
    )


def read_history(path: str | Path, *, timeline: Timeline | None = None) -> History:
    """Read genhus's workbook of the previous round (``timeline``: a phased case's stays, for the decisions
    sheet, see :func:`allocator.read.decisions.read_decisions`).

    Raises
    ------
    InputError
        With every problem in the workbook (offers, history and decisions sheets).
    """
    name = str(path)
    if Path(path).suffix.lower() != ".xlsx":
        raise InputError(
            [
                InputProblem(
                    file=name,
                    message="the previous round must be the .xlsx workbook genhus "
                    "wrote (with the sheet 'Tilbud' or 'Offers')",
                )
            ]
        )
    names = sheet_names(path)
    if not names:
        load_table(path)  # a missing or unreadable file: the loader raises with its own words
    offers_sheet = find_sheet(names, OFFER_SHEETS)
    if offers_sheet is None:
        listed = ", ".join(f"'{n}'" for n in names)
        raise InputError(
            [
                InputProblem(
                    file=name,
                    message="no offers sheet ('Tilbud' or 'Offers'); give the "
                    f"workbook genhus wrote in the previous round (this one has {listed})",
                )
            ]
        )
    problems: list[InputProblem] = []
    on_sheet: dict[str, tuple[str | None, str]] = {}
    current, dwellings, workbook_round = _read_offers(path, offers_sheet, problems, on_sheet)
    history_sheet = find_sheet(names, HISTORY_SHEETS)
    closed = _read_closed(path, history_sheet, problems) if history_sheet else []
    pins: tuple[Pin, ...] = ()
    try:
        pins = read_decisions_sheet(path, carried=True, timeline=timeline) or ()
    except InputError as exc:
        problems.extend(exc.problems)
    offers = _merge(closed, current, problems)
    rounds = [o.round for o in offers]
    n = workbook_round or max(rounds, default=1)
    for o in offers:
        if o.round > n:
            problems.append(
                InputProblem(
                    file=o.where,
                    message=f"offer made in round {o.round}, but the workbook is round {n}",
                    value=o.round,
                )
            )
    if problems:
        raise InputError(problems)
    return History(
        file=name, round=n, offers=tuple(offers), dwellings=dwellings, pins=pins, listed=on_sheet
    )


def _sheet(path: str | Path, sheet: str, kind: str, problems: list[InputProblem]) -> Sheet:
    table = load_table(path, sheet=sheet)
    table = replace(table, file=f"{path}, sheet '{sheet}'")
    columns, found = map_columns(table, _fields(kind), wishes=False)
    problems.extend(found)
    return Sheet(table, columns, problems)


def _read_offers(
    path: str | Path,
    sheet_name: str,
    problems: list[InputProblem],
    listed: dict[str, tuple[str | None, str]] | None = None,
) -> tuple[list[PastOffer], dict[str, Vacancy | tuple[InputProblem, ...]], int | None]:
    sheet = _sheet(path, sheet_name, "offers", problems)
    offers: list[PastOffer] = []
    dwellings: dict[str, Vacancy | tuple[InputProblem, ...]] = {}
    ids: list[tuple[Row, str]] = []
    said: dict[int, int] = {}  # workbook round -> first row that says it
    for row in sheet.table.rows:
        before = len(sheet.problems)
        household_id = sheet.cell(row, "household_id", v.text, required=True)
        dwelling_id = sheet.cell(row, "dwelling_id", v.text)
        answer = sheet.cell(row, "response", response)
        workbook_round = sheet.cell(row, "round", round_number)
        offered_in = sheet.cell(row, "offered_in", round_number)
        final = sheet.cell(row, "final_offer", v.boolean)
        by = sheet.cell(row, "decided_by", decided_by)
        name = sheet.cell(row, "name", v.text)
        if household_id:
            ids.append((row, household_id))
            if listed is not None:
                listed.setdefault(household_id, (name, f"{sheet.file} row {row.number}"))
        if workbook_round is not None:
            said.setdefault(workbook_round, row.number)
            first = min(said, key=said.__getitem__)
            if workbook_round != first:
                sheet.report(
                    row,
                    sheet.columns.index["round"],
                    f"round {workbook_round}, but row {said[first]} "
                    f"says round {first}; a workbook is one round",
                )
        if not dwelling_id:
            if answer is not None:
                sheet.report(
                    row,
                    sheet.columns.index["response"],
                    "a response, but this household has no offer "
                    "in this row (no dwelling id); empty the cell",
                )
            continue
        if len(sheet.problems) > before or household_id is None:
            continue
        offers.append(
            PastOffer(
                round=offered_in or workbook_round or 1,
                household_id=household_id,
                dwelling_id=dwelling_id,
                response=answer or Response.PENDING,
                name=name,
                final=bool(final),
                decided_by=by or DecidedBy.OPTIMISER,
                where=f"{sheet.file} row {row.number}",
            )
        )
        dwellings[dwelling_id] = _dwelling(sheet, row, dwelling_id)
    sheet.unique(ids, "household_id", "household id")
    workbook_round = min(said, key=said.__getitem__) if said else None
    return offers, dwellings, workbook_round


def _read_closed(path: str | Path, sheet_name: str, problems: list[InputProblem]) -> list[PastOffer]:
    sheet = _sheet(path, sheet_name, "history", problems)
    closed: list[PastOffer] = []
    for row in sheet.table.rows:
        before = len(sheet.problems)
        made_in = sheet.cell(row, "round", round_number, required=True)
        household_id = sheet.cell(row, "household_id", v.text, required=True)
        dwelling_id = sheet.cell(row, "dwelling_id", v.text, required=True)
        answer = sheet.cell(row, "response", closed_response, required=True)
        final = sheet.cell(row, "final_offer", v.boolean)
        by = sheet.cell(row, "decided_by", decided_by)
        name = sheet.cell(row, "name", v.text)
        note = sheet.cell(row, "note", v.text)
        if len(sheet.problems) > before or None in (made_in, household_id, dwelling_id, answer):
            continue
        closed.append(
            PastOffer(
                made_in,
                household_id,
                dwelling_id,
                answer,
                name,
                bool(final),
                by or DecidedBy.OPTIMISER,
                note,
                f"{sheet.file} row {row.number}",
            )
        )
    return closed


def _merge(
    closed: list[PastOffer], current: list[PastOffer], problems: list[InputProblem]
) -> list[PastOffer]:
    """Closed offers from the history sheet, then the offers sheet's: an accepted offer is on both (it stays
    the household's dwelling), anything else on both is a contradiction."""
    by_key = {o.key: o for o in closed}
    merged = list(closed)
    for o in current:
        earlier = by_key.get(o.key)
        if earlier is None:
            by_key[o.key] = o
            merged.append(o)
        elif earlier.response is not Response.ACCEPTED:
            problems.append(
                InputProblem(
                    file=o.where,
                    message=f"this offer ({o.household_id} -> {o.dwelling_id}, "
                    f"round {o.round}) is {earlier.response.value} on {earlier.where}; "
                    "a closed offer cannot be answered again",
                )
            )
        elif o.response is Response.REFUSED:
            problems.append(
                InputProblem(
                    file=o.where,
                    message=f"{o.household_id} accepted {o.dwelling_id} in "
                    f"round {o.round} ({earlier.where}); an accepted offer cannot be refused "
                    "here (to undo it, change the history sheet on purpose)",
                    value=o.response.value,
                )
            )
    accepted: dict[str, PastOffer] = {}
    for o in merged:
        if o.response is Response.ACCEPTED:
            other = accepted.setdefault(o.household_id, o)
            if other is not o:
                problems.append(
                    InputProblem(
                        file=o.where,
                        message=f"{o.household_id} has accepted two dwellings: "
                        f"{other.dwelling_id} ({other.where}) and {o.dwelling_id}",
                    )
                )
    merged.sort(key=lambda o: o.round)
    return merged


_DWELLING_CELLS = {
    "new_department": v.text,
    "new_municipality": v.text,
    "rooms": v.at_least_one,
    "area": None,
    "new_rent": None,
    "floor": v.floor,
    "elevator": v.boolean,
    "available_from": v.date,
    "new_address": v.text,
}


def _dwelling(sheet: Sheet, row: Row, dwelling_id: str) -> Vacancy | tuple[InputProblem, ...]:
    """The offered dwelling as the offers row shows it (``use`` is not shown there, so it is ``any``)."""
    local: list[InputProblem] = []
    cells = Sheet(sheet.table, sheet.columns, local)
    got: dict[str, Any] = {}
    for key, parse in _DWELLING_CELLS.items():
        parser = parse if parse is not None else (cells.positive if key == "area" else cells.decimal)
        got[key] = cells.cell(
            row, key, parser, required=key in ("new_department", "new_municipality", "rooms")
        )
    for key in ("new_department", "new_municipality", "rooms"):
        if key not in sheet.columns.index:
            local.append(
                InputProblem(
                    file=sheet.file,
                    row=row.number,
                    column=key,
                    message="the offers sheet has no such column, so the dwelling's data is lost",
                )
            )
    if local:
        return tuple(local)
    try:
        return Vacancy(
            dwelling_id=dwelling_id,
            department=got["new_department"],
            municipality=got["new_municipality"],
            rooms=got["rooms"],
            area_m2=got["area"],
            rent=got["new_rent"],
            floor=got["floor"],
            elevator=bool(got["elevator"]),
            available_from=got["available_from"],
            use=Use.ANY,
            address=got["new_address"],
            row=row.number,
        )
    except DomainError as exc:
        return (InputProblem(file=sheet.file, row=row.number, message=str(exc), value=dwelling_id),)
