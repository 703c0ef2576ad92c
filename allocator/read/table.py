"""Load a CSV or xlsx file into a header and rows of raw cells, numbered as the spreadsheet numbers them.

This is the only module that knows file formats. It does not interpret cells: CSV cells stay text, xlsx cells
keep the type the workbook stores (``str``, ``int``, ``float``, ``bool``, ``datetime``, ``None``), so that a
real date in a workbook never goes through a text round trip.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from allocator.problems import InputError, InputProblem
from allocator.read.words import warning

Cell = Any
"""A raw cell: text from CSV; text, number, bool, date/datetime or ``None`` from xlsx."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SHOWN_ROWS = 10
"""Rows named in one warning; more are counted, since at organisation size a full list buries the point."""
# Characters a workbook cannot hold (XML 1.0) and nobody can see; tab and line breaks are ordinary text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its spreadsheet number (header = 1) and its cells, padded to the table's width."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """The first row of a file as the header, and every later row that holds anything, stored by column.

    Attributes
    ----------
    file
        The file name as the user gave it; every problem and warning names it.
    header
        Header cells as text, exactly as written (``""`` for an empty header cell), padded to ``width``.
    numbers
        The spreadsheet number of each data row (rows holding at least one non-blank cell), in file order.
    columns
        The cells of each column, one per data row, padded to ``width`` columns.
    decimal_mark
        The decimal mark of numbers written as text: ``","`` in a semicolon CSV (Danish convention, so ``8.500`` is
        8500); ``None`` for a comma CSV or xlsx, where a text cell like ``8.500`` stays ambiguous and is refused.
    problems
        Cells the file holds but whose value cannot be read (a formula without a saved value, an error cell,
        merged cells), each named.
    unreadable
        (row number, 0-based column) of cells that read as empty only because of one of ``problems``, so that a
        required column does not also call them empty.
    warnings
        Legal but suspicious things about the file itself (hidden rows, short rows, control characters).
    """

    file: str
    header: tuple[str, ...]
    numbers: tuple[int, ...]
    columns: tuple[tuple[Cell, ...], ...]
    decimal_mark: str | None = None
    problems: tuple[InputProblem, ...] = ()
    unreadable: frozenset[tuple[int, int]] = frozenset()
    warnings: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return len(self.header)

    @functools.cached_property
    def rows(self) -> tuple[Row, ...]:
        """The data rows, for readers of small files that go row by row."""
        return tuple(
            Row(n, cells) for n, cells in zip(self.numbers, zip(*self.columns, strict=True), strict=True)
        )

    def column_name(self, i: int) -> str:
        """The header of the 0-based column ``i``, or where it is when it has none."""
        if i < self.width and self.header[i].strip():
            return self.header[i]
        return f"(no header, column {column_letter(i)})"


def column_letter(i: int) -> str:
    """Spreadsheet letter of the 0-based column ``i``: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def row_list(numbers: Iterable[int]) -> str:
    """``row 5`` or ``rows 3, 5, ... and 12 more``, for a warning."""
    shown = list(numbers)
    more = f" and {len(shown) - SHOWN_ROWS} more" if len(shown) > SHOWN_ROWS else ""
    noun = "row" if len(shown) == 1 else "rows"
    return f"{noun} {', '.join(str(n) for n in shown[:SHOWN_ROWS])}{more}"


def is_blank(cell: Cell) -> bool:
    """An empty cell: ``None`` or text of nothing but whitespace."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def load_table(path: str | Path, *, sheet: str | None = None, max_rows: int | None = None) -> Table:
    """Read ``path`` (``.csv`` or ``.xlsx``) into a :class:`Table`.

    Parameters
    ----------
    path
        The file; its name as given is the ``file`` of every problem.
    sheet
        For xlsx, the sheet to read (default: the first). Must be ``None`` for CSV.
    max_rows
        Refuse a file with more data rows than this before parsing its cells (see :mod:`allocator.read.size`).

    Raises
    ------
    InputError
        With one problem carrying only the file and a message, when the file is missing, unreadable, of an
        unsupported format, empty, too big, or lacks the named sheet.
    """
    name = str(path)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        _fail(name, _unsupported_message(suffix))
    if not p.is_file():
        _fail(name, "file not found" if not p.exists() else "not a file")
    if suffix == ".csv":
        if sheet is not None:
            _fail(name, f"a sheet ('{sheet}') was named, but a CSV file has no sheets")
        text = _decode(name, _read_bytes(name, p))
        if max_rows is not None and text.count("\n") - 1 > max_rows:
            from allocator.read.size import too_many_rows

            _fail(name, too_many_rows(text.count("\n") - 1, max_rows))
        delimiter = _delimiter(name, text)
        # Danish Excel writes ";" because "," is its decimal mark, so a semicolon file settles "8.500" (8500).
        # A comma file does not: a quoted Danish "8.500" can stand in it as well as an English 8.5.
        decimal_mark: str | None = "," if delimiter == ";" else None
        rows = _csv_rows(name, text, delimiter)
        # One search of the whole text settles, for nearly every file, that no cell has a control character.
        return _tabulate(name, rows, decimal_mark, csv_file=True, controls=_CONTROL.search(text) is not None)
    from allocator.read.xlsx import xlsx_rows
    from allocator.read.xlsx_marks import marks

    values, scan = xlsx_rows(name, p, sheet, max_rows)
    table = _tabulate(name, enumerate(values, start=1), None, csv_file=False)
    return marks(table, values, scan)


def _unsupported_message(suffix: str) -> str:
    if suffix == ".xls":
        return "old Excel format (.xls) cannot be read; save the file as .xlsx or .csv"
    shown = suffix or "no extension"
    return f"unsupported file type ({shown}); give an .xlsx or .csv file"


def _fail(name: str, message: str) -> NoReturn:
    raise InputError([InputProblem(file=name, message=message)])


def _tabulate(
    name: str,
    raw_rows: Iterable[tuple[int, list[Cell]]],
    decimal_mark: str | None,
    *,
    csv_file: bool,
    controls: bool = True,
) -> Table:
    it = iter(raw_rows)
    first = next(it, None)
    if first is None:
        _fail(name, "the file is empty; the first row must hold the column headers")
    _, header_cells = first
    if all(is_blank(c) for c in header_cells):
        _fail(name, "row 1 is empty; the first row must hold the column headers")
    numbers: list[int] = []
    rows: list[list[Cell]] = []
    short: list[int] = []
    for n, cells in it:
        # Checked cell by cell only until the first non-blank one, which is nearly always the first cell.
        first = cells[0] if cells else None
        if (
            (first.__class__ is str and first.strip())
            or (first is not None and first.__class__ is not str)
            or any(c is not None and (c.__class__ is not str or c.strip()) for c in cells)
        ):
            numbers.append(n)
            rows.append(cells)
            if csv_file and len(cells) < len(header_cells):
                short.append(n)
    width = max([len(header_cells), *(len(r) for r in rows)])
    header = tuple(header_text(c) for c in header_cells) + ("",) * (width - len(header_cells))
    padded = [r if len(r) == width else list(r) + [None] * (width - len(r)) for r in rows]
    columns = tuple(zip(*padded, strict=True)) if padded else tuple(() for _ in range(width))
    warnings = []
    if short:
        warnings.append(warning("short_rows", file=name, rows=short, n=len(header_cells)))
    if controls:
        warnings += _control_characters(name, header, numbers, columns)
    return Table(name, header, tuple(numbers), columns, decimal_mark, warnings=tuple(warnings))


def _control_characters(
    name: str, header: tuple[str, ...], numbers: list[int], columns: tuple[tuple[Cell, ...], ...]
) -> list[str]:
    """Warn once per column whose text holds characters nobody can see and no workbook can hold."""
    warnings = []
    for i, column in enumerate(columns):
        # One search over the whole column first: almost every column has none.
        texts = [header[i], *(c for c in column if c.__class__ is str)]
        if not _CONTROL.search("\n".join(texts)):
            continue
        found = [1] if _CONTROL.search(header[i]) else []
        found += [
            n for n, c in zip(numbers, column, strict=True) if c.__class__ is str and _CONTROL.search(c)
        ]
        shown = _CONTROL.sub("?", header[i])
        codes = sorted({f"U+{ord(ch):04X}" for t in texts for ch in _CONTROL.findall(t)})
        warnings.append(warning("control", file=name, rows=found, column=shown, codes=", ".join(codes)))
    return warnings


def header_text(cell: Cell) -> str:
    """A header cell as text; an xlsx header may be a number (``2027``) and is written without ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


# --- CSV ----------------------------------------------------------------------------------------------------


def _csv_rows(name: str, text: str, delimiter: str) -> Iterator[tuple[int, list[Cell]]]:
    # Spreadsheet row numbers count records, not lines: a quoted cell may span lines, and Excel shows it as
    # one row. csv.reader yields [] for a blank line, so blank lines still count as rows, as in Excel.
    # strict: a quote opened and never closed would otherwise swallow every later row into one cell, silently.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            yield row, cells
    except csv.Error as exc:
        where = row + 1
        if "unexpected end of data" in str(exc):
            raise InputError(
                [
                    InputProblem(
                        file=name,
                        row=where,
                        message='a quote (") opened in this row is never closed, so every later row would be '
                        "read into one cell; close the quote or remove it",
                    )
                ]
            ) from None
        raise InputError(
            [
                InputProblem(
                    file=name, row=where, message=f"this row is not valid CSV ({exc}); check its quotes"
                )
            ]
        ) from None


def _read_bytes(name: str, path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        _fail(name, f"cannot open the file ({exc.strerror or exc})")


def _decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the two encodings Danish Excel writes CSV in."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            _fail(name, "the file says it is UTF-8 but is not; save it again as 'CSV UTF-8'")
    if data.startswith(_UTF16_BOMS):
        _fail(name, "the file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' or as .xlsx")
    if b"\x00" in data:
        _fail(name, "not a text file; give an .xlsx file or a CSV file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        _fail(name, "the text is neither UTF-8 nor Windows-1252; save it again as 'CSV UTF-8'")


def _delimiter(name: str, text: str) -> str:
    """``;`` or ``,``, whichever is more frequent outside quotes in the header line.

    Danish Excel writes ``;`` because ``,`` is its decimal separator.
    """
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch in "\r\n":
                break
            if ch in counts:
                counts[ch] += 1
    if counts["\t"] and not counts[";"] and not counts[","]:
        # Read as one column, a tab-separated file would only yield "column missing" for every column.
        _fail(name, "the file is tab-separated; save it as CSV (comma or semicolon separated) or as .xlsx")
    return ";" if counts[";"] > counts[","] else ","
