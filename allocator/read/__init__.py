"""Read the households and vacancies spreadsheets (.xlsx or .csv, English or Danish headers) into the domain.

Every problem in both files is collected and raised together as one
:class:`~allocator.problems.InputError`, so a coordinator can mend all bad cells from one report. Warnings
(legal but suspicious input) are returned.

Modules, in data-flow order: ``table`` (file formats) -> ``columns`` (header names) -> ``values`` (cells) ->
``rows`` (cells by field, problem collection) -> ``households`` / ``vacancies`` (domain objects) ->
``consistency`` (cross-file warnings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from allocator.domain import Household, Instance, Vacancy
from allocator.problems import InputError
from allocator.read.consistency import unknown_wish_departments
from allocator.read.households import households_from_table
from allocator.read.rows import Parsed
from allocator.read.table import Table, load_table
from allocator.read.vacancies import vacancies_from_table

__all__ = ["ReadResult", "read_households", "read_instance", "read_vacancies"]

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
    parsed = _parse(path, sheet, households_from_table)
    if parsed.problems:
        raise InputError(parsed.problems)
    return parsed.items, list(parsed.warnings)


def read_vacancies(path: str | Path, *, sheet: str | None = None) -> tuple[tuple[Vacancy, ...], list[str]]:
    """Read a vacancies file; parameters, result and errors as :func:`read_households`."""
    parsed = _parse(path, sheet, vacancies_from_table)
    if parsed.problems:
        raise InputError(parsed.problems)
    return parsed.items, list(parsed.warnings)


def read_instance(
    households_path: str | Path,
    vacancies_path: str | Path,
    *,
    household_sheet: str | None = None,
    vacancy_sheet: str | None = None,
) -> ReadResult:
    """Read both files into an :class:`~allocator.domain.Instance`.

    Both files are read in full before anything is raised, so that one report lists the problems of both.

    Parameters
    ----------
    households_path, vacancies_path
        ``.xlsx`` or ``.csv`` files.
    household_sheet, vacancy_sheet
        The xlsx sheets to read; default the first of each workbook.

    Returns
    -------
    ReadResult
        The instance, the warnings of both files and of the cross-file checks, and both files' header texts.

    Raises
    ------
    InputError
        With every problem in both files.
    """
    households = _parse(households_path, household_sheet, households_from_table)
    vacancies = _parse(vacancies_path, vacancy_sheet, vacancies_from_table)
    problems = households.problems + vacancies.problems
    if problems:
        raise InputError(problems)
    warnings = households.warnings + vacancies.warnings
    warnings += unknown_wish_departments(households.items, vacancies.items, str(households_path))
    instance = Instance(
        households=households.items,
        vacancies=vacancies.items,
        sources=(str(households_path), str(vacancies_path)),
    )
    return ReadResult(
        instance=instance,
        warnings=tuple(warnings),
        household_columns=households.headers,
        vacancy_columns=vacancies.headers,
    )


def _parse(path: str | Path, sheet: str | None, build: Callable[[Table], Parsed[T]]) -> Parsed[T]:
    """Load and build, turning a file that cannot be loaded into problems rather than an exception."""
    try:
        table = load_table(path, sheet=sheet)
    except InputError as exc:
        return Parsed((), (), list(exc.problems), [])
    return build(table)
