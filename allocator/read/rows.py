"""Read the cells of one small loaded file row by row, collecting every problem instead of stopping at the first.

The decisions and history readers ask :class:`Sheet` for a field of a row with a parser from
:mod:`allocator.read.values`; the sheet finds the column, handles empty cells, and turns a :class:`CellError`
into an :class:`InputProblem` naming file, row, column and value. (The households and vacancies files, which
can be large, are read column by column: :mod:`allocator.read.columnwise`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from allocator.problems import InputProblem
from allocator.read import values as v
from allocator.read.columns import Columns
from allocator.read.table import Row, Table, is_blank
from allocator.read.values import CellError, Parser

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """What one file yielded: the objects built from its good rows, its columns, problems and warnings."""

    items: tuple[T, ...]
    headers: tuple[str, ...]
    problems: list[InputProblem]
    warnings: list[str]


class Sheet:
    """One loaded file and its column map; reads cells by field name and collects every problem.

    Parameters
    ----------
    table
        The loaded file.
    columns
        Where each field sits, from :func:`allocator.read.columns.map_columns`.
    problems
        The list problems are appended to (already holding the header's problems).
    """

    def __init__(self, table: Table, columns: Columns, problems: list[InputProblem]) -> None:
        self.table = table
        self.columns = columns
        self.problems = problems
        # Formulas without a value, error and merged cells: reported once here, not as empty below.
        problems.extend(table.problems)
        self.warnings: list[str] = list(table.warnings)

    @property
    def file(self) -> str:
        return self.table.file

    def has(self, name: str) -> bool:
        return name in self.columns.index

    def header(self, name: str) -> str:
        return self.table.header[self.columns.index[name]]

    def report(self, row: Row, column: int, message: str, value: Any = None) -> None:
        """Record a problem in ``row`` at the 0-based ``column``."""
        self.problems.append(
            InputProblem(
                file=self.file,
                row=row.number,
                column=self.table.header[column],
                value=row.cells[column] if value is None else value,
                message=message,
            )
        )

    def warn(self, row: Row, message: str) -> None:
        self.warnings.append(f"{self.file} row {row.number}: {message}")

    def cell(self, row: Row, name: str, parse: Parser[T], *, required: bool = False) -> T | None:
        """The parsed value of field ``name`` in ``row``; ``None`` if the column is absent, the cell is empty
        (a problem when ``required``) or the cell is bad (a problem)."""
        i = self.columns.index.get(name)
        if i is None:
            # A missing required column is reported once, at the header, not once per row.
            return None
        raw = row.cells[i]
        if is_blank(raw):
            if required and (row.number, i) not in self.table.unreadable:
                self.report(row, i, "required value is missing; the cell is empty")
            return None
        try:
            return parse(raw)
        except CellError as exc:
            self.report(row, i, str(exc))
            return None

    def decimal(self, cell: Any) -> float:
        """An amount read in this file's number convention."""
        return v.decimal(cell, self.table.decimal_mark)

    def positive(self, cell: Any) -> float:
        return v.positive(cell, self.table.decimal_mark)

    def unique(self, keyed: Iterable[tuple[Row, str]], name: str, noun: str) -> None:
        """Report every id in ``keyed`` seen before, naming the row that has it first."""
        if not self.has(name):
            return
        first: dict[str, int] = {}
        for row, key in keyed:
            if key in first:
                self.report(
                    row,
                    self.columns.index[name],
                    f"{noun} '{key}' is also used in row {first[key]}; every {noun} must be unique",
                    value=key,
                )
            else:
                first[key] = row.number
