"""Read a loaded households or vacancies file column by column, collecting every problem.

A file of 50,000 rows has over a million cells, so cells are not parsed one by one through the general
parsers of :mod:`allocator.read.values`. Numbers are read with numpy for a whole column at once (a cell that is
not a plain number, or fails the column's range, goes to the exact parser for its message); other columns parse
each distinct value once. So every message is the one the per-cell parser gives, in row order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allocator.notice import Notice
from allocator.problems import InputProblem
from allocator.read import values as v
from allocator.read.columns import Columns
from allocator.read.table import Table
from allocator.read.values import CellError
from allocator.read.words import row_prefix

_MISSING = "required value is missing; the cell is empty"
_UNSEEN = object()
_BLANK = object()


def _parse_one(raw: Any, parse: Callable[[Any], Any]) -> Any:
    """The value of a cell, ``_BLANK``, or the :class:`CellError` saying what is wrong with it."""
    if raw is None or (raw.__class__ is str and not raw.strip()):
        return _BLANK
    try:
        return parse(raw)
    except CellError as exc:
        return exc


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric column: its exact parser ``parse(cell, decimal_mark)``, whether it is whole, and the range
    (``low`` excluded when ``open_low``) inside which a plain number needs no closer look."""

    parse: Callable[[Any, str | None], Any]
    whole: bool
    low: float
    high: float = float("inf")
    open_low: bool = False


class Columnar:
    """One loaded file and its column map; reads whole columns by field name and collects every problem.

    Problems and warnings are kept with their row and the order their column was read in, so that
    :meth:`problems_in_order` lists them as a row-by-row reading would.
    """

    def __init__(self, table: Table, columns: Columns) -> None:
        self.table = table
        self.columns = columns
        self.n = len(table.numbers)
        self.bad: set[int] = set()  # data-row positions with a problem
        self._found: list[tuple[int, int, InputProblem]] = [(p.row or 0, -1, p) for p in table.problems]
        self._warned: list[tuple[int, int, str]] = []
        self._rank = 0
        # A row with a cell that reads empty because of a problem elsewhere (merged) cannot be built either.
        flagged = {p.row for p in table.problems} | {row for row, _ in table.unreadable}
        self.bad.update(k for k, n in enumerate(table.numbers) if n in flagged)

    @property
    def file(self) -> str:
        return self.table.file

    def has(self, name: str) -> bool:
        return name in self.columns.index

    def header(self, name: str) -> str:
        return self.table.header[self.columns.index[name]]

    def report(
        self, k: int, column: int, message: str, value: Any = None, *, rank: int | None = None
    ) -> None:
        """Record a problem in data row ``k`` at the 0-based ``column``."""
        self.bad.add(k)
        raw = self.table.columns[column][k] if value is None else value
        problem = InputProblem(
            file=self.file,
            row=self.table.numbers[k],
            column=self.table.header[column],
            value=raw,
            message=message,
        )
        self._found.append((self.table.numbers[k], self._rank if rank is None else rank, problem))

    def warn(self, k: int, message: str) -> None:
        """``message``: a :class:`~allocator.notice.Notice` (from ``allocator.read.words``) keeps its Danish text."""
        row = self.table.numbers[k]
        if isinstance(message, Notice):
            text: str = message.prefixed(*row_prefix(self.file, row))
        else:
            text = f"{self.file} row {row}: {message}"
        self._warned.append((row, self._rank, text))

    def next_rank(self) -> int:
        self._rank += 1
        return self._rank

    def problems_in_order(self) -> list[InputProblem]:
        return [p for _, _, p in sorted(self._found, key=lambda t: (t[0], t[1]))]

    def warnings_in_order(self) -> list[str]:
        return list(self.table.warnings) + [w for _, _, w in sorted(self._warned, key=lambda t: (t[0], t[1]))]

    # --- columns ------------------------------------------------------------------------------------------

    def complete(self, names: tuple[str, ...]) -> bool:
        """Whether every one of the required columns ``names`` is there (else no row can become an object)."""
        return all(self.has(name) for name in names)

    def column(self, name: str, parse: Callable[[Any], Any], *, required: bool = False) -> list[Any]:
        """The parsed cells of field ``name``, ``None`` where absent, empty or bad (bad ones reported)."""
        self.next_rank()
        i = self.columns.index.get(name)
        if i is None:
            return [None] * self.n
        return self._parse_all(i, parse, required)

    def number(self, name: str, spec: Number, *, required: bool = False) -> list[Any]:
        """The parsed cells of numeric field ``name``: plain numbers in range by numpy, the rest one by one."""
        self.next_rank()
        i = self.columns.index.get(name)
        if i is None:
            return [None] * self.n
        from allocator.read.numeric import plain_numbers

        mark = self.table.decimal_mark
        values, rest = plain_numbers(self.table.columns[i], mark, spec)
        self._parse_some(i, lambda cell: spec.parse(cell, mark), required, rest, values)
        return values

    def _parse_all(self, i: int, parse: Callable[[Any], Any], required: bool) -> list[Any]:
        cells = self.table.columns[i]
        kinds = set(map(type, cells)) - {type(None)}
        if len(kinds) > 1:
            # True == 1 == 1.0: cells of several types cannot share one lookup by value.
            values: list[Any] = [None] * self.n
            self._parse_some(i, parse, required, range(self.n), values)
            return values
        parsed = {raw: _parse_one(raw, parse) for raw in set(cells)}
        values = list(map(parsed.__getitem__, cells))
        if any(x is _BLANK or x.__class__ is CellError for x in parsed.values()):
            unreadable = self.table.unreadable
            for k, x in enumerate(values):
                if x is _BLANK:
                    values[k] = None
                    if required and (self.table.numbers[k], i) not in unreadable:
                        self.report(k, i, _MISSING)
                elif x.__class__ is CellError:
                    values[k] = None
                    self.report(k, i, str(x))
        return values

    def _parse_some(
        self, i: int, parse: Callable[[Any], Any], required: bool, positions: Any, values: list[Any]
    ) -> None:
        cells = self.table.columns[i]
        # Each distinct cell is parsed once; a column of 50,000 rows rarely has more than a few hundred.
        cache: dict[Any, Any] = {}
        for k in positions:
            raw = cells[k]
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            found = cache.get(key, _UNSEEN)
            if found is _UNSEEN:
                found = cache[key] = _parse_one(raw, parse)
            if found is _BLANK:
                if required and (self.table.numbers[k], i) not in self.table.unreadable:
                    self.report(k, i, _MISSING)
            elif found.__class__ is CellError:
                self.report(k, i, str(found))
            else:
                values[k] = found

    def texts(self, name: str, *, required: bool = False) -> list[str | None]:
        """Text kept as written, trimmed: the common case (a string not starting with ``#``) without a call."""
        self.next_rank()
        i = self.columns.index.get(name)
        if i is None:
            return [None] * self.n
        return self._texts(i, required)

    def _texts(self, i: int, required: bool) -> list[str | None]:
        cells = self.table.columns[i]
        if set(map(type, cells)) == {str}:
            stripped = list(map(str.strip, cells))
            if all(stripped) and "#" not in "".join(s[:1] for s in stripped):
                return stripped
        values: list[str | None] = [None] * self.n
        rest = []
        for k, raw in enumerate(cells):
            if raw.__class__ is str:
                s = raw.strip()
                if s and s[0] != "#":
                    values[k] = s
                    continue
            rest.append(k)
        self._parse_some(i, v.text, required, rest, values)
        return values

    def wish_texts(self) -> list[tuple[int, list[str | None]]]:
        """(column, texts) of every wish column, in wish order (a list column is split by the caller)."""
        indices = (
            (self.columns.wish_list,) if self.columns.wish_list is not None else self.columns.wish_columns
        )
        self.next_rank()
        return [(i, self._texts(i, False)) for i in indices]

    def extra(self) -> list[tuple[tuple[str, Any], ...]]:
        """Unknown columns of each row as (header as written, raw cell) pairs, in file order."""
        if not self.columns.extra:
            return [()] * self.n
        heads = [self.table.header[i] for i in self.columns.extra]
        cells = [self.table.columns[i] for i in self.columns.extra]
        return [tuple(zip(heads, row, strict=True)) for row in zip(*cells, strict=True)]

    def unique(self, ids: list[str | None], name: str, noun: str) -> None:
        """Report every id seen before (and ids differing only in case), naming the row that has it first."""
        if not self.has(name):
            return
        i = self.columns.index[name]
        rank = self.next_rank()
        present = [key for key in ids if key]
        if len(set(present)) == len(present) and len(set(map(str.casefold, present))) == len(present):
            return
        first: dict[str, int] = {}
        folded: dict[str, tuple[str, int]] = {}
        for k, key in enumerate(ids):
            if not key:
                continue
            row = self.table.numbers[k]
            if key in first:
                self._late(
                    k,
                    i,
                    f"{noun} '{key}' is also used in row {first[key]}; every {noun} must be unique",
                    key,
                    rank,
                )
                continue
            first[key] = row
            fold = key.casefold()
            if fold in folded:
                other, where = folded[fold]
                self._late(
                    k,
                    i,
                    f"{noun} '{key}' differs only in case from '{other}' in row {where}; this is almost "
                    f"certainly one {noun.removesuffix(' id')} typed twice: delete one row, or make the ids "
                    "differ in more than case",
                    key,
                    rank,
                )
            else:
                folded[fold] = (key, row)

    def _late(self, k: int, i: int, message: str, value: str, rank: int) -> None:
        # After every cell problem, as a row-by-row reading reports them once all rows are read.
        self.bad.add(k)
        problem = InputProblem(
            self.file, message, row=self.table.numbers[k], column=self.table.header[i], value=value
        )
        self._found.append((10**12 + rank, self.table.numbers[k], problem))
