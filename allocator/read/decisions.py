"""Read a coordinator's decisions (pins): "give this household this dwelling" and "it must not get that one".

A decisions file is ``.csv`` or ``.xlsx``; in a workbook the sheet named ``Beslutninger`` / ``Decisions`` is read
if there is one, else the first sheet, so a pins file, the households workbook and genhus's own output workbook
(which carries every decision forward on its ``Beslutninger`` sheet) can all be given. One row per decision:

| Danish header | English header | required | meaning |
| --- | --- | --- | --- |
| Husstand-ID | household_id | yes | the household, as in the households file |
| Bolig-ID | dwelling_id | yes | the dwelling, as in the vacancies file |
| Handling | action | yes | ``tildel`` / ``pin`` (give it this dwelling) or ``udeluk`` / ``forbid`` (must not get it) |
| Begrundelse | reason | no | why, in the coordinator's words |
| Aftalt med husstanden | agreed | no | ja/nej: the household agreed (allows a pin that breaks a rule) |

Every problem is collected and raised together, naming file, sheet, row, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocator.problems import InputError, InputProblem
from allocator.read import values as v
from allocator.read.columns import Field, map_columns, normalise
from allocator.read.rows import Sheet
from allocator.read.table import Row, load_table
from allocator.read.values import CellError

if TYPE_CHECKING:
    from allocator.rounds.timeline import Timeline

__all__ = ["Action", "Pin", "SHEET_NAMES", "read_decisions", "read_decisions_sheet", "sheet_names"]

SHEET_NAMES = ("Beslutninger", "Decisions")
"""Sheet names a decisions sheet is found by (Danish, English), case-insensitive."""


class Action(str, Enum):
    """What the coordinator decided about one household and one dwelling."""

    GIVE = "give"
    FORBID = "forbid"


_ACTIONS = {
    normalise(word): action
    for words, action in (
        (("tildel", "tildeles", "anvis", "fastlås", "fastlaas", "pin", "give", "assign"), Action.GIVE),
        (("udeluk", "udelukke", "må ikke få", "forbid", "exclude", "must not get"), Action.FORBID),
    )
    for word in words
}

DECISION_FIELDS: tuple[Field, ...] = (
    Field(
        "household_id",
        "Husstand-ID",
        ("household_id", "Husstand-ID", "husstandsid", "husstand", "household"),
        True,
    ),
    Field("dwelling_id", "Bolig-ID", ("dwelling_id", "Bolig-ID", "boligid", "bolig", "dwelling"), True),
    Field("action", "Handling", ("action", "Handling", "beslutning", "decision"), True),
    Field("reason", "Begrundelse", ("reason", "Begrundelse", "årsag")),
    Field(
        "agreed",
        "Aftalt med husstanden",
        (
            "agreed",
            "Aftalt med husstanden",
            "aftalt med husstand",
            "aftalt",
            "agreed with household",
            "agreed with the household",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Pin:
    """One decision of a coordinator.

    Attributes
    ----------
    household_id, dwelling_id
        The pair, ids exactly as written (surrounding spaces trimmed).
    action
        Give the household this dwelling, or never give it.
    reason
        The coordinator's words, if any.
    agreed
        Agreed with the household: a pin that breaks a rule (or gives back a dwelling it refused) is then kept.
    source, row
        Where the decision was read (``"pins.xlsx, sheet 'Beslutninger'"`` and the spreadsheet row), for messages.
    carried
        Read from the previous round's workbook rather than given for this run; a carried decision that no
        longer applies (its dwelling left the vacancies) is a warning, not a problem.
    """

    household_id: str
    dwelling_id: str
    action: Action
    reason: str | None = None
    agreed: bool = False
    source: str = ""
    row: int = 0
    carried: bool = False

    @property
    def pair(self) -> tuple[str, str]:
        return (self.household_id, self.dwelling_id)

    @property
    def where(self) -> str:
        return f"{self.source} row {self.row}" if self.row else self.source


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of a workbook, or ``[]`` for a CSV or a file that cannot be opened (reported later)."""
    p = Path(path)
    if p.suffix.lower() != ".xlsx" or not p.is_file():
        return []
    from allocator.read.xlsx import sheet_names as names

    return names(p)


def find_sheet(names: list[str], wanted: tuple[str, ...]) -> str | None:
    """The first of ``names`` that is one of ``wanted``, compared as Excel does (case-insensitive)."""
    folded = {name.strip().casefold(): name for name in names}
    for w in wanted:
        if w.casefold() in folded:
            return folded[w.casefold()]
    return None


def read_decisions(
    path: str | Path, *, carried: bool = False, timeline: Timeline | None = None
) -> tuple[Pin, ...]:
    """Read a decisions file: a CSV, or a workbook's ``Beslutninger`` / ``Decisions`` sheet (else its first).

    ``timeline`` (a phased case's stays) lets one dwelling be given to several households whose stays do not
    overlap; without it a dwelling goes to one household only.

    Raises
    ------
    InputError
        With every problem in the file.
    """
    sheet = find_sheet(sheet_names(path), SHEET_NAMES)
    return _read(path, sheet, carried=carried, timeline=timeline)


def read_decisions_sheet(
    path: str | Path, *, carried: bool = False, timeline: Timeline | None = None
) -> tuple[Pin, ...] | None:
    """The decisions on a workbook's ``Beslutninger`` / ``Decisions`` sheet, or ``None`` if it has none."""
    sheet = find_sheet(sheet_names(path), SHEET_NAMES)
    if sheet is None:
        return None
    return _read(path, sheet, carried=carried, timeline=timeline)


def _read(
    path: str | Path, sheet: str | None, *, carried: bool, timeline: Timeline | None
) -> tuple[Pin, ...]:
    table = load_table(path, sheet=sheet)
    label = f"{path}, sheet '{sheet}'" if sheet else str(path)
    table = replace(table, file=label)
    columns, problems = map_columns(table, DECISION_FIELDS, wishes=False)
    cells = Sheet(table, columns, problems)
    pins: list[Pin] = []
    for row in table.rows:
        pin = _pin(cells, row, label, carried)
        if pin is not None:
            pins.append(pin)
    _conflicts(cells, pins, timeline)
    if problems:
        raise InputError(problems)
    return tuple(pins)


def _pin(cells: Sheet, row: Row, label: str, carried: bool) -> Pin | None:
    before = len(cells.problems)
    household_id = cells.cell(row, "household_id", v.text, required=True)
    dwelling_id = cells.cell(row, "dwelling_id", v.text, required=True)
    act = cells.cell(row, "action", action, required=True)
    reason = cells.cell(row, "reason", v.text)
    agreed = cells.cell(row, "agreed", v.boolean)
    if len(cells.problems) > before or household_id is None or dwelling_id is None or act is None:
        return None
    return Pin(household_id, dwelling_id, act, reason or None, bool(agreed), label, row.number, carried)


def action(cell: Any) -> Action:
    """``tildel`` / ``pin`` (give) or ``udeluk`` / ``forbid`` (must not get), in any case."""
    found = _ACTIONS.get(normalise(str(cell)))
    if found is None:
        raise CellError(
            "not a decision; write tildel (pin: give this dwelling) or udeluk (forbid: must not get it)"
        )
    return found


def _conflicts(cells: Sheet, pins: list[Pin], timeline: Timeline | None) -> None:
    """One file may not give a household two dwellings, a dwelling to two households (in a phased case: two
    whose stays overlap), or a pair both ways."""
    column = cells.columns.index.get("household_id", 0)
    given_to: dict[str, Pin] = {}
    holder_of: dict[str, list[Pin]] = {}
    by_pair: dict[tuple[str, str], Pin] = {}
    for pin in pins:
        row = Row(pin.row, tuple(None for _ in cells.table.header))
        first = by_pair.get(pin.pair)
        if first is not None and first.action is not pin.action:
            cells.report(
                row,
                column,
                f"{pin.household_id} -> {pin.dwelling_id} is both given and forbidden "
                f"(also in row {first.row}); keep one of the rows",
                value=pin.household_id,
            )
        by_pair.setdefault(pin.pair, pin)
        if pin.action is not Action.GIVE:
            continue
        other = given_to.get(pin.household_id)
        if other is not None and other.dwelling_id != pin.dwelling_id:
            cells.report(
                row,
                column,
                f"household {pin.household_id} is given two dwellings ({other.dwelling_id} "
                f"in row {other.row} and {pin.dwelling_id}); keep one",
                value=pin.household_id,
            )
        given_to.setdefault(pin.household_id, pin)
        holders = holder_of.setdefault(pin.dwelling_id, [])
        holder, why = _clashing(holders, pin, timeline)
        if holder is None:
            holders.append(pin)
        elif timeline is None or not timeline.phased:
            cells.report(
                row,
                column,
                f"dwelling {pin.dwelling_id} is given to two households "
                f"({holder.household_id} in row {holder.row} and {pin.household_id}); keep one",
                value=pin.dwelling_id,
            )
        else:  # the dwelling's column, as the planner's message of two offers on one dwelling
            cells.report(
                row,
                cells.columns.index.get("dwelling_id", column),
                f"dwelling {pin.dwelling_id} is given to {holder.household_id} (row {holder.row}) and to "
                f"{pin.household_id} ({why}); keep one",
                value=pin.dwelling_id,
            )


def _clashing(holders: list[Pin], pin: Pin, timeline: Timeline | None) -> tuple[Pin | None, str]:
    """The first of ``holders`` (pins giving ``pin``'s dwelling to another household) that ``pin`` cannot
    stand beside, and why; ``(None, "")`` when it can stand beside them all."""
    for holder in holders:
        if holder.household_id == pin.household_id:
            continue
        if timeline is None:  # without a case to judge by, a dwelling goes to one household only
            return holder, ""
        why = timeline.pins_clash(holder.household_id, pin.household_id)
        if why is not None:
            return holder, why
    return None, ""


def merge(
    *groups: tuple[Pin, ...], timeline: Timeline | None = None
) -> tuple[tuple[Pin, ...], list[InputProblem]]:
    """Decisions from several sources as one list: the same decision twice is kept once (the first), and
    decisions that contradict each other across sources are problems. With ``timeline`` (a phased case) a
    dwelling may be given to several households whose stays do not overlap."""
    kept: dict[tuple[str, str], Pin] = {}
    given_to: dict[str, Pin] = {}
    holder_of: dict[str, list[Pin]] = {}
    problems: list[InputProblem] = []

    def clash(pin: Pin, other: Pin, what: str) -> None:
        problems.append(
            InputProblem(
                file=pin.source,
                row=pin.row or None,
                column="Husstand-ID / Bolig-ID",
                value=f"{pin.household_id} -> {pin.dwelling_id}",
                message=f"{what} ({other.where}); keep one of the two decisions",
            )
        )

    for group in groups:
        for pin in group:
            first = kept.get(pin.pair)
            if first is not None:
                if first.action is not pin.action:
                    clash(pin, first, "the pair is both given and forbidden")
                elif pin.agreed and not first.agreed:
                    kept[pin.pair] = replace(first, agreed=True, reason=first.reason or pin.reason)
                continue
            if pin.action is Action.GIVE:
                other = given_to.get(pin.household_id)
                if other is not None:
                    clash(pin, other, f"household {pin.household_id} is also given {other.dwelling_id}")
                    continue
                holders = holder_of.setdefault(pin.dwelling_id, [])
                holder, why = _clashing(holders, pin, timeline)
                if holder is not None:
                    said = f"dwelling {pin.dwelling_id} is also given to {holder.household_id}"
                    clash(pin, holder, said if timeline is None or not timeline.phased else f"{said} ({why})")
                    continue
                given_to[pin.household_id] = pin
                holders.append(pin)
            kept[pin.pair] = pin
    return tuple(kept.values()), problems
