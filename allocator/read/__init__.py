"""Read the households and vacancies spreadsheets (.xlsx or .csv, English or Danish headers) into the domain.

Every problem in both files is collected and raised together as one
:class:`~allocator.problems.InputError`, so a coordinator can mend all bad cells from one report. Warnings
(legal but suspicious input) are returned.

Modules, in data-flow order: ``size`` (refusing a case too big) -> ``table`` (CSV), ``xlsx`` / ``xlsx_scan`` /
``xlsx_marks`` (workbooks) -> ``columns`` (header names) -> ``values`` (cells) -> ``columnwise`` / ``numeric`` /
``wishes`` (whole columns, problem collection; ``rows`` does it row by row for the small decisions and history
files) -> ``households`` / ``vacancies`` (domain objects) -> ``spelling`` and ``consistency`` (across files).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from allocator.domain import Household, Instance, Vacancy
from allocator.problems import InputError, InputProblem
from allocator.read.columns import HOUSEHOLD_FIELDS, required_found
from allocator.read.consistency import unknown_wish_departments
from allocator.read.households import households_from_table
from allocator.read.phase_join import join_phases, phase_column_without_phases
from allocator.read.phases import phases_from_table, read_phases
from allocator.read.rows import Parsed
from allocator.read.size import MAX_ROWS, too_many_pairs
from allocator.read.spelling import one_spelling
from allocator.read.table import Table, load_table
from allocator.read.vacancies import vacancies_from_table

__all__ = ["ReadResult", "read_households", "read_instance", "read_phases", "read_vacancies"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Everything read from the two files.

    Attributes
    ----------
    instance
        The households and vacancies; ``sources`` holds the two file names as given.
    warnings
        Legal but suspicious input, one line each, naming file and row.
    household_columns, vacancy_columns
        The header texts of each file as written, in file order (known and unknown columns), so that writers
        can echo the user's own columns.
    """

    instance: Instance
    warnings: tuple[str, ...]
    household_columns: tuple[str, ...]
    vacancy_columns: tuple[str, ...]


def read_households(path: str | Path, *, sheet: str | None = None) -> tuple[tuple[Household, ...], list[str]]:
    """Read a households file.

    Parameters
    ----------
    path
        A ``.xlsx`` or ``.csv`` file.
    sheet
        The xlsx sheet to read; default the first.

    Returns
    -------
    tuple
        The households in file order, and warnings.

    Raises
    ------
    InputError
        With every problem in the file.
    """
    with _paused_gc():
        parsed = _build(_load(path, sheet), households_from_table)
    if parsed.problems:
        raise InputError(parsed.problems)
    households, _, spelled = one_spelling(parsed.items, (), (str(path), ""))
    return households, list(parsed.warnings) + spelled


def read_vacancies(path: str | Path, *, sheet: str | None = None) -> tuple[tuple[Vacancy, ...], list[str]]:
    """Read a vacancies file; parameters, result and errors as :func:`read_households`."""
    with _paused_gc():
        parsed = _build(_load(path, sheet), vacancies_from_table)
    if parsed.problems:
        raise InputError(parsed.problems)
    _, vacancies, spelled = one_spelling((), parsed.items, ("", str(path)))
    return vacancies, list(parsed.warnings) + spelled


def read_instance(
    households_path: str | Path,
    vacancies_path: str | Path,
    *,
    household_sheet: str | None = None,
    vacancy_sheet: str | None = None,
    phases_path: str | Path | None = None,
    phase_sheet: str | None = None,
) -> ReadResult:
    """Read both files (and a phases file) into an :class:`~allocator.domain.Instance`.

    Every file is read in full before anything is raised, so that one report lists the problems of all.

    Parameters
    ----------
    households_path, vacancies_path
        ``.xlsx`` or ``.csv`` files.
    household_sheet, vacancy_sheet
        The xlsx sheets to read; default the first of each workbook.
    phases_path, phase_sheet
        A phases file (issue 12, :mod:`allocator.read.phases`) and its sheet; the households are then joined
        to their phases (:mod:`allocator.read.phase_join`). Without it, a households file naming phases is
        a problem.

    Returns
    -------
    ReadResult
        The instance, the warnings of both files and of the cross-file checks, and both files' header texts.

    Raises
    ------
    InputError
        With every problem in both files.
    """
    with _paused_gc():
        household_table = _load(households_path, household_sheet)
        vacancy_table = _load(vacancies_path, vacancy_sheet)
        if isinstance(household_table, Table) and isinstance(vacancy_table, Table):
            refusal = too_many_pairs(len(household_table.numbers), len(vacancy_table.numbers))
            if refusal is not None:
                raise InputError([InputProblem(file=str(households_path), message=refusal)])
        swapped = _swapped(household_table, vacancy_table, str(households_path), str(vacancies_path))
        if swapped is not None:
            raise InputError([swapped])
        households = _build(household_table, households_from_table)
        vacancies = _build(vacancy_table, vacancies_from_table)
        phases = (
            _build(_load(phases_path, phase_sheet), phases_from_table) if phases_path is not None else None
        )
    problems = households.problems + vacancies.problems
    household_items = households.items
    if phases is None:
        problems += phase_column_without_phases(household_items, households.headers, str(households_path))
    elif phases.problems:
        # Phases missing from a bad phases file would make their households' phases look unknown.
        problems += phases.problems
    else:
        household_items, joined = join_phases(
            household_items,
            phases.items,
            headers=households.headers,
            files=(str(households_path), str(phases_path)),
        )
        problems += joined
    if problems:
        raise InputError(problems)
    files = (str(households_path), str(vacancies_path))
    spelled_households, spelled_vacancies, spelled = one_spelling(household_items, vacancies.items, files)
    warnings = households.warnings + vacancies.warnings + spelled + (phases.warnings if phases else [])
    warnings += unknown_wish_departments(spelled_households, spelled_vacancies, str(households_path))
    instance = Instance(
        households=spelled_households,
        vacancies=spelled_vacancies,
        sources=files + ((str(phases_path),) if phases is not None else ()),
        phases=phases.items if phases is not None else (),
    )
    return ReadResult(
        instance=instance,
        warnings=tuple(warnings),
        household_columns=households.headers,
        vacancy_columns=vacancies.headers,
    )


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    # Reading makes hundreds of thousands of objects and no reference cycles; the collector would only walk
    # them over and over (a quarter of the time at 50,000 rows).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(path: str | Path, sheet: str | None) -> Table | list[InputProblem]:
    """The loaded file, or the problems of a file that cannot be loaded (rather than an exception)."""
    try:
        return load_table(path, sheet=sheet, max_rows=MAX_ROWS)
    except InputError as exc:
        return list(exc.problems)


def _build(table: Table | list[InputProblem], build: Callable[[Table], Parsed[T]]) -> Parsed[T]:
    if not isinstance(table, Table):
        return Parsed((), (), table, [])
    return build(table)


def _swapped(
    households: Table | list[InputProblem], vacancies: Table | list[InputProblem], hfile: str, vfile: str
) -> InputProblem | None:
    """One hint, instead of a column list, when the households file was given as the vacancies and back."""
    if not (isinstance(households, Table) and isinstance(vacancies, Table)):
        return None
    needed = {f.name for f in HOUSEHOLD_FIELDS if f.required}
    # Every vacancy column has a household column of the same name (Lejemål, Afdeling, Antal rum), so only
    # the households side can tell.
    if required_found(households.header, HOUSEHOLD_FIELDS) == needed:
        return None
    if required_found(vacancies.header, HOUSEHOLD_FIELDS) != needed:
        return None
    return InputProblem(
        file=hfile,
        message=f"the files seem to be swapped: {hfile} looks like a vacancies file and {vfile} like a households "
        "file; give the households file first, then the vacancies file",
    )
