"""Read a phases file (issue 12): one row per phase (etape) of the renovation.

| Danish header | English header | required | meaning |
| --- | --- | --- | --- |
| Etape | phase | yes | phase id, text, as the households file's ``Etape`` column names it |
| Byggestart | construction_start | yes | every household of the phase must be out by then |
| Klar til tilbageflytning | ready | where the phase has temporary households | its temporary households move back |
| Navn | name | no | e.g. "Blok 1-3" |

The file is small (a handful of rows), so it is read row by row (:mod:`allocator.read.rows`), with the same
header spelling tolerance, cell parsers and problem reports as the households and vacancies files. Whether a
phase needs a ready date depends on its households, so that is checked when the files are joined
(:mod:`allocator.read.phase_join`).
"""

from __future__ import annotations

from pathlib import Path

from allocator.domain import Phase
from allocator.problems import InputError, InputProblem
from allocator.read import values as v
from allocator.read.columns import PHASE_FIELDS, map_columns
from allocator.read.rows import Parsed, Sheet
from allocator.read.table import Row, Table, load_table

__all__ = ["phases_from_table", "read_phases"]


def read_phases(path: str | Path, *, sheet: str | None = None) -> tuple[tuple[Phase, ...], list[str]]:
    """Read a phases file (``.xlsx``, first or named sheet, or ``.csv``).

    Returns
    -------
    tuple
        The phases in file order, and warnings.

    Raises
    ------
    InputError
        With every problem in the file.
    """
    parsed = phases_from_table(load_table(path, sheet=sheet))
    if parsed.problems:
        raise InputError(parsed.problems)
    return parsed.items, parsed.warnings


def phases_from_table(table: Table) -> Parsed[Phase]:
    """Every row of ``table`` as a phase; bad rows give problems and no phase."""
    columns, problems = map_columns(table, PHASE_FIELDS, wishes=False)
    cells = Sheet(table, columns, problems)
    if columns.misplaced:
        return Parsed((), columns.headers, problems, cells.warnings)
    phases: list[Phase] = []
    first: dict[str, int] = {}
    for row in table.rows:
        phase = _phase(cells, row, first)
        if phase is not None:
            phases.append(phase)
    if not table.numbers:
        problems.append(_no_rows(table))
    return Parsed(tuple(phases), columns.headers, problems, cells.warnings)


def _phase(cells: Sheet, row: Row, first: dict[str, int]) -> Phase | None:
    before = len(cells.problems)
    phase_id = cells.cell(row, "phase_id", v.text, required=True)
    start = cells.cell(row, "construction_start", v.date, required=True)
    ready = cells.cell(row, "ready", v.date)
    name = cells.cell(row, "name", v.text)
    if phase_id:
        if phase_id in first:
            cells.report(
                row,
                cells.columns.index["phase_id"],
                f"phase '{phase_id}' is also in row {first[phase_id]}; every phase must be unique",
                value=phase_id,
            )
        else:
            first[phase_id] = row.number
    if start is not None and ready is not None and ready <= start:
        cells.report(
            row,
            cells.columns.index["ready"],
            f"the phase is ready before its construction starts ({start.strftime('%d-%m-%Y')}, column "
            f"'{cells.header('construction_start')}'); the ready date must be after the construction start",
        )
    if len(cells.problems) > before or not phase_id or start is None:
        return None
    return Phase(phase_id=phase_id, construction_start=start, ready=ready, name=name or None, row=row.number)


def _no_rows(table: Table) -> InputProblem:
    return InputProblem(file=table.file, message="no phases; the file has a header but no rows")
