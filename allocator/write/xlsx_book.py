"""One XlsxWriter workbook as the sheets see it: its formats, its sheets, and what its text cells had to lose.

Text is always written as text: the workbook is opened with ``strings_to_formulas``, ``strings_to_numbers`` and
``strings_to_urls`` off, and every text cell goes through ``Sheet.text`` or the table writer, which call
``write_string`` (a string from the input that begins with ``=``, ``+``, ``-`` or ``@`` stays that string).

What Excel cannot hold is taken out rather than breaking the file, and said (``CellWarning``): control
characters (``\\x00``-``\\x1f`` but tab, line feed and carriage return) are removed, and text over Excel's
32,767 characters a cell is cut. A text that looks like XlsxWriter's own rich-string markup (``<r>...</r>``) is
written as a rich string of plain runs, so that it is shown as written instead of being taken as markup.

The file is byte for byte the same for the same content: XlsxWriter builds the package in memory with one fixed
time on every zip entry, and the document properties carry a fixed date.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from allocator import __version__
from allocator.sheet_columns import CONTROL
from allocator.write.xlsx_style import Styles

FIXED_DATE = dt.datetime(2020, 1, 1)
EXCEL_MAX_TEXT = 32_767  # UTF-16 code units a cell holds
OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "in_memory": True,  # no temporary files: fixed zip times and permissions, the same bytes on every run
}


@dataclass(frozen=True, slots=True)
class CellWarning:
    """A text cell that had to be changed to fit Excel: ``problem`` is ``control`` or ``too_long``."""

    sheet: str
    cell: str
    problem: str
    removed: int  # control characters removed, or characters cut

    def text(self, lang: str) -> str:
        where = f"'{self.sheet}'!{self.cell}"
        if self.problem == "control":
            if lang == "da":
                return f"{where}: {self.removed} kontroltegn fjernet fra teksten (Excel kan ikke vise dem)"
            return f"{where}: {self.removed} control characters removed from the text (Excel cannot hold them)"
        if lang == "da":
            return (f"{where}: teksten er afkortet til {EXCEL_MAX_TEXT:,} tegn, som er det, en celle i Excel kan "
                    f"rumme ({self.removed:,} tegn skåret af)").replace(",", ".")
        return (f"{where}: text cut to {EXCEL_MAX_TEXT:,} characters, all an Excel cell holds "
                f"({self.removed:,} characters cut)")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str) -> str:
    """The longest start of ``text`` within Excel's limit, never splitting a surrogate pair."""
    encoded = text.encode("utf-16-le")[: 2 * EXCEL_MAX_TEXT]
    return encoded.decode("utf-16-le", errors="ignore")


class Book:
    """An XlsxWriter workbook with the formats made once, and the warnings of every sheet."""

    def __init__(self, target: str | Path) -> None:
        self.xlsx = xlsxwriter.Workbook(str(target), OPTIONS)
        self.styles = Styles(self.xlsx)
        self.warnings: list[CellWarning] = []
        self.xlsx.set_properties(
            {
                "title": "genhus",
                "author": f"genhus {__version__}",
                "created": FIXED_DATE,
            }
        )

    def sheet(self, name: str) -> Sheet:
        ws = self.xlsx.add_worksheet(name)
        if FAST_ROWS:
            ws._write_rows = types.MethodType(_write_rows, ws)
        return Sheet(self, ws, name)

    def close(self) -> None:
        self.xlsx.close()


class Sheet:
    """One worksheet: cells are addressed 1-based (row 1 is Excel's row 1), as the sheets think of them."""

    __slots__ = ("book", "ws", "name", "styles")

    def __init__(self, book: Book, ws, name: str) -> None:
        self.book, self.ws, self.name, self.styles = book, ws, name, book.styles

    def clean(self, text: str, row: int, column: int) -> str:
        """``text`` as Excel can hold it (0-based ``row``, ``column`` name the cell in a warning)."""
        if CONTROL.search(text):
            cleaned = CONTROL.sub("", text)
            self._warn(row, column, "control", len(text) - len(cleaned))
            text = cleaned
        if len(text) > EXCEL_MAX_TEXT // 2 and _utf16_len(text) > EXCEL_MAX_TEXT:
            cut = _cut(text)
            self._warn(row, column, "too_long", len(text) - len(cut))
            text = cut
        return text

    def _warn(self, row: int, column: int, problem: str, removed: int) -> None:
        self.book.warnings.append(CellWarning(self.name, xl_rowcol_to_cell(row, column), problem, removed))

    def put_string(self, row: int, column: int, text: str, cell_format) -> None:
        """Write checked text at 0-based ``row``, ``column`` (text that looks like markup as plain runs)."""
        if text.startswith("<r>") and text.endswith("</r>"):
            self.ws.write_rich_string(row, column, text[:1], text[1:2], text[2:], cell_format)
        else:
            self.ws.write_string(row, column, text, cell_format)

    def text(self, row: int, column: int, value: Any, cell_format=None) -> None:
        """Write ``value`` as a text cell at 1-based ``row``, ``column``."""
        text = "" if value is None else str(value)
        if text:
            self.put_string(row - 1, column - 1, self.clean(text, row - 1, column - 1), cell_format)


FAST_ROWS = True
"""Serialise the cells with ``_write_rows`` below instead of XlsxWriter's own (the same XML, but about three
times faster: XlsxWriter's writer visits every column of every row and builds each cell's attributes as a
list). Anything it does not know it hands to XlsxWriter's own code, cell by cell or for the whole sheet."""

_PLAIN = frozenset(("Number", "Datetime", "String", "Blank"))


def _write_rows(ws) -> None:
    """XlsxWriter's ``Worksheet._write_rows`` for the cells genhus writes: numbers, dates, shared strings and
    formatted blanks in rows that at most have a height; no row spans (they are optional)."""
    if ws.comments or ws.constant_memory:
        type(ws)._write_rows(ws)
        return
    table, row_info, col_info = ws.table, ws.row_info, ws.col_info
    write = ws.fh.write
    letters = [xl_col_to_name(c) for c in range(ws.dim_colmax + 1)]
    xf_of: dict[int, str] = {}
    rows = sorted(set(table) | set(row_info))
    for row_num in rows:
        if row_num < ws.dim_rowmin or row_num > ws.dim_rowmax:
            continue
        cells = table.get(row_num)
        info = row_info.get(row_num)
        if not cells:
            ws._write_empty_row(row_num, None, info)
            continue
        ws._write_row(row_num, None, info)
        r = str(row_num + 1)
        parts: list[str] = []
        for col in sorted(cells):
            cell = cells[col]
            kind = cell.__class__.__name__
            cell_format = cell.format
            if kind not in _PLAIN or (cell_format is None and (col in col_info or info is not None)):
                write("".join(parts))
                parts = []
                ws._write_cell(row_num, col, cell)
                continue
            if cell_format is None:
                style = ""
            else:
                style = xf_of.get(id(cell_format))
                if style is None:
                    xf = cell_format._get_xf_index()
                    style = xf_of[id(cell_format)] = f' s="{xf}"'
            ref = letters[col] + r
            if kind == "String":
                parts.append(f'<c r="{ref}"{style} t="s"><v>{cell.string}</v></c>')
            elif kind == "Blank":
                parts.append(f'<c r="{ref}"{style}/>')
            else:
                parts.append(f'<c r="{ref}"{style}><v>{cell.number:.16G}</v></c>')
        write("".join(parts))
        write("</row>")
