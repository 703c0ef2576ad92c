"""Load a CSV or xlsx file into a header and rows of raw cells, numbered as the spreadsheet numbers them.

This is the only module that knows file formats. It does not interpret cells: CSV cells stay text, xlsx cells
keep the type the workbook stores (``str``, ``int``, ``float``, ``bool``, ``datetime``, ``None``), so that a
real date in a workbook never goes through a text round trip.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from allocator.problems import InputError, InputProblem

Cell = Any
"""A raw cell: text from CSV; text, number, bool, date/datetime or ``None`` from xlsx."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its spreadsheet number (header = 1) and its cells, padded to the table's width."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """The first row of a file as the header, and every later row that holds anything.

    Attributes
    ----------
    file
        The file name as the user gave it; every problem and warning names it.
    header
        Header cells as text, exactly as written (``""`` for an empty header cell), padded to ``width``.
    rows
        Data rows that hold at least one non-blank cell, in file order.
    decimal_mark
        The decimal mark of numbers written as text: ``","`` in a semicolon CSV (Danish convention, so ``8.500`` is
        8500); ``None`` for a comma CSV or xlsx, where a text cell like ``8.500`` stays ambiguous and is refused.
    """

    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    decimal_mark: str | None = None

    @property
    def width(self) -> int:
        return len(self.header)


def is_blank(cell: Cell) -> bool:
    """An empty cell: ``None`` or text of nothing but whitespace."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def load_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read ``path`` (``.csv`` or ``.xlsx``) into a :class:`Table`.

    Parameters
    ----------
    path
        The file; its name as given is the ``file`` of every problem.
    sheet
        For xlsx, the sheet to read (default: the first). Must be ``None`` for CSV.

    Raises
    ------
    InputError
        With one problem carrying only the file and a message, when the file is missing, unreadable, of an
        unsupported format, empty, or lacks the named sheet.
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
        delimiter = _delimiter(name, text)
        raw_rows: Iterable[tuple[int, list[Cell]]] = _csv_rows(name, text, delimiter)
        # Danish Excel writes ";" because "," is its decimal mark, so a semicolon file settles "8.500" (8500).
        # A comma file does not: a quoted Danish "8.500" can stand in it as well as an English 8.5.
        decimal_mark: str | None = "," if delimiter == ";" else None
    else:
        raw_rows = _xlsx_rows(name, p, sheet)
        decimal_mark = None
    return _tabulate(name, raw_rows, decimal_mark)


def _unsupported_message(suffix: str) -> str:
    if suffix == ".xls":
        return "old Excel format (.xls) cannot be read; save the file as .xlsx or .csv"
    shown = suffix or "no extension"
    return f"unsupported file type ({shown}); give an .xlsx or .csv file"


def _fail(name: str, message: str) -> NoReturn:
    raise InputError([InputProblem(file=name, message=message)])


def _tabulate(name: str, raw_rows: Iterable[tuple[int, list[Cell]]], decimal_mark: str | None) -> Table:
    it = iter(raw_rows)
    first = next(it, None)
    if first is None:
        _fail(name, "the file is empty; the first row must hold the column headers")
    _, header_cells = first
    if all(is_blank(c) for c in header_cells):
        _fail(name, "row 1 is empty; the first row must hold the column headers")
    rows = [Row(n, tuple(cells)) for n, cells in it if not all(is_blank(c) for c in cells)]
    width = max([len(header_cells), *(len(r.cells) for r in rows)])
    header = tuple(header_text(c) for c in header_cells) + ("",) * (width - len(header_cells))
    padded = tuple(r if len(r.cells) == width else Row(r.number, _pad(r.cells, width)) for r in rows)
    return Table(file=name, header=header, rows=padded, decimal_mark=decimal_mark)


def _pad(cells: tuple[Cell, ...], width: int) -> tuple[Cell, ...]:
    return cells + (None,) * (width - len(cells))


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
            [InputProblem(file=name, row=where, message=f"this row is not valid CSV ({exc}); check its quotes")]
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


# --- xlsx ---------------------------------------------------------------------------------------------------


def _xlsx_rows(name: str, path: Path, sheet: str | None) -> Iterator[tuple[int, list[Cell]]]:
    # Imported here so that reading CSV never pays for openpyxl's import.
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        # openpyxl raises many kinds of error on damaged or foreign files; all mean the same to the user.
        _fail(name, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
    try:
        ws = _pick_sheet(name, book, sheet)
        # Some writers store a wrong sheet size; without this, read-only mode would cut rows or columns off.
        ws.reset_dimensions()
        try:
            for number, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
                yield number, list(values)
        except Exception as exc:  # noqa: BLE001
            _fail(name, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")
    finally:
        # Read-only workbooks keep the file open until closed.
        book.close()


def _pick_sheet(name: str, book: Any, sheet: str | None) -> Any:
    sheets = list(book.worksheets)
    if not sheets:
        _fail(name, "the workbook has no worksheet")
    if sheet is None:
        return sheets[0]
    by_title = {ws.title: ws for ws in sheets}
    if sheet in by_title:
        return by_title[sheet]
    # Excel itself treats sheet names case-insensitively, so "Husstande" finds "husstande".
    folded = {ws.title.strip().casefold(): ws for ws in sheets}
    if sheet.strip().casefold() in folded:
        return folded[sheet.strip().casefold()]
    listed = ", ".join(f"'{ws.title}'" for ws in sheets)
    _fail(name, f"no sheet named '{sheet}'; the workbook has {listed}")
