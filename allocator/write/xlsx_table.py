"""Native Excel tables: header, typed cells, table object, frozen header, fitted widths.

Every table is an openpyxl ``Table`` with a style, so filters and banded rows work in Excel (LibreOffice keeps
the filters; the header is also formatted directly, as it draws no table styles). What keeps Excel from
offering to "repair" the file: header cells are unique non-empty strings, a table always has at least one data
row, tables never overlap, and table names are unique valid identifiers.

Text is always written as text: a string from the input that begins with ``=``, ``+``, ``-`` or ``@`` is
stored as a string cell (``data_type = "s"``), never as a formula.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from allocator.write.xlsx_style import (
    DATE,
    DATETIME,
    FILTER_BUTTON,
    HEADER_FILL,
    HEADER_FONT,
    LINE_HEIGHT,
    NUMBER_FORMATS,
    TABLE_STYLE,
    Filled,
    alignment,
    display_width,
    fit_widths,
    wrapped_lines,
)
from allocator.write.xlsx_words import yes_no


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a table landed: header row, first and last data row, first and last column (1-based)."""

    header_row: int
    first_row: int
    last_row: int
    first_column: int
    last_column: int

    def column_range(self, offset: int) -> str:
        """The data cells of the table's column ``offset`` (0-based), e.g. ``"V2:V251"``."""
        letter = get_column_letter(self.first_column + offset)
        return f"{letter}{self.first_row}:{letter}{self.last_row}"


def unique_headers(headers: list[Any], lang: str) -> list[str]:
    """Header texts made unique and non-empty, first occurrence kept as written."""
    seen: set[str] = set()
    out: list[str] = []
    for n, header in enumerate(headers, start=1):
        text = "" if header is None else " ".join(str(header).split())  # no line breaks in a table header
        if not text:
            text = f"Kolonne {n}" if lang == "da" else f"Column {n}"
        candidate, k = text, 2
        while candidate.casefold() in seen:  # Excel compares table column names ignoring case
            candidate, k = f"{text} ({k})", k + 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


@dataclass(slots=True)
class SheetWriter:
    """Writes tables on one worksheet and remembers content widths until ``finish``."""

    ws: Worksheet
    lang: str
    widths: dict[int, int] = field(default_factory=dict)
    long_columns: set[int] = field(default_factory=set)
    long_cells: list[tuple[int, int, str]] = field(default_factory=list)
    styles: dict[tuple, Any] = field(default_factory=dict)

    def table(
        self,
        name: str,
        headers: list[Any],
        formats: list[str],
        rows: list[list[Any]],
        *,
        top: int = 1,
        left: int = 1,
        freeze: bool = False,
        empty_text: str | None = None,
    ) -> Placed:
        """Write a table with its header at ``(top, left)``; ``formats`` per column (``NUMBER_FORMATS``)."""
        assert len(headers) == len(formats), "one format per column"
        ws = self.ws
        names = unique_headers(headers, self.lang)
        for offset, header in enumerate(names):
            cell = ws.cell(row=top, column=left + offset, value=header)
            cell.data_type = "s"
            # The table style draws the header in Excel; direct formatting shows it in LibreOffice too.
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, alignment(formats[offset])
            self._note_width(left + offset, len(header) + FILTER_BUTTON)
        if not rows:  # a table needs a data row: an empty one, or a short note in its first cell
            rows = [[empty_text] + [None] * (len(names) - 1)]
        for r, values in enumerate(rows, start=top + 1):
            assert len(values) == len(names), f"row {r} of table {name} has {len(values)} cells"
            for offset, (value, fmt) in enumerate(zip(values, formats, strict=True)):
                self._write(r, left + offset, value, fmt)
        last_row = top + len(rows)
        ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(names) - 1)}{last_row}"
        table = Table(displayName=name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(
            name=TABLE_STYLE,
            showRowStripes=True,
            showColumnStripes=False,
            showFirstColumn=False,
            showLastColumn=False,
        )
        ws.add_table(table)
        if freeze:
            ws.freeze_panes = ws.cell(row=top + 1, column=1).coordinate
        return Placed(top, top + 1, last_row, left, left + len(names) - 1)

    def _write(self, row: int, column: int, value: Any, fmt: str) -> None:
        rgb = None
        if isinstance(value, Filled):
            value, rgb = value.value, value.rgb
        if isinstance(value, str) and value == "":
            value = None
        if isinstance(value, bool):
            value = yes_no(value, self.lang)  # words, as everywhere else in the workbook
        elif value is not None and not isinstance(value, str | int | float | dt.date | dt.time):
            value = str(value)
        cell = self.ws.cell(row=row, column=column)
        cell.value = value
        number_format = None
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text begins with
        elif isinstance(value, dt.datetime):
            number_format = DATETIME
        elif isinstance(value, dt.date):
            number_format = DATE
        elif isinstance(value, int | float) and fmt in NUMBER_FORMATS:
            number_format = NUMBER_FORMATS[fmt]
        self._style(cell, fmt, number_format, rgb)
        if fmt == "long":
            self.long_columns.add(column)
            if isinstance(value, str):
                self.long_cells.append((row, column, value))
        self._note_width(column, display_width(value, fmt))

    def _style(self, cell, fmt: str, number_format: str | None, rgb: str | None) -> None:
        """Format a cell; each combination is built once, then copied (openpyxl is slow at the lookup)."""
        key = (fmt, number_format, rgb)
        style = self.styles.get(key)
        if style is not None:
            cell._style = copy(style)
            return
        if number_format is not None:
            cell.number_format = number_format
        if rgb is not None:
            cell.fill = Filled(None, rgb).fill()
        cell.alignment = alignment(fmt)
        self.styles[key] = copy(cell._style)

    def at_least(self, column: int, width: int) -> None:
        """Make ``column`` at least ``width`` characters wide (for what a user will type or pick there)."""
        self._note_width(column, width)

    def _note_width(self, column: int, width: int) -> None:
        if width > self.widths.get(column, 0):
            self.widths[column] = width

    def finish(self) -> None:
        """Fit the column widths, then give rows with wrapped text the height their lines need."""
        fit_widths(self.ws, self.widths, self.long_columns)
        heights: dict[int, int] = {}
        for row, column, text in self.long_cells:
            width = self.ws.column_dimensions[get_column_letter(column)].width
            lines = wrapped_lines(text, width)
            heights[row] = max(heights.get(row, 1), lines)
        for row, lines in heights.items():
            if lines > 1:
                self.ws.row_dimensions[row].height = LINE_HEIGHT * lines
