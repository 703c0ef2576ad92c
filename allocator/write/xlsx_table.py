"""Native Excel tables: header, typed cells, table object, frozen header, fitted widths.

Every table is an XlsxWriter table with a style, so filters and banded rows work in Excel (LibreOffice keeps
the filters; the header is also formatted directly, as it draws no table styles). What keeps Excel from
offering to "repair" the file: header cells are unique non-empty strings, a table always has at least one data
row, tables never overlap, and table names are unique valid identifiers.

Cells are written column by column with one format object per (column format, number format, fill), made once
per workbook. Text is always written as text (``write_string``), never as a formula, whatever it begins with.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from allocator.sheet_columns import unique_headers
from allocator.write.xlsx_book import CONTROL, EXCEL_MAX_TEXT, Sheet
from allocator.write.xlsx_style import (
    DATE,
    DATETIME,
    FILTER_BUTTON,
    LINE_HEIGHT,
    NUMBER_FORMATS,
    TABLE_STYLE,
    Filled,
    Formatted,
    column_width,
    display_width,
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
        letter = xl_col_to_name(self.first_column + offset - 1)
        return f"{letter}{self.first_row}:{letter}{self.last_row}"


@dataclass(slots=True)
class SheetWriter:
    """Writes tables on one worksheet and remembers content widths until ``finish``."""

    sheet: Sheet
    lang: str
    widths: dict[int, int] = field(default_factory=dict)
    long_columns: set[int] = field(default_factory=set)
    long_cells: list[tuple[int, int, str]] = field(default_factory=list)

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
        names = unique_headers(headers, self.lang)
        styles = self.sheet.styles
        if not rows:  # a table needs a data row: an empty one, or a short note in its first cell
            rows = [[empty_text] + [None] * (len(names) - 1)]
            for offset, fmt in enumerate(formats):  # blank cells that hold the row's look
                self.sheet.ws.write_blank(top, left - 1 + offset, None, styles.cell(fmt, None, None))
        for r, values in enumerate(rows, start=top + 1):
            assert len(values) == len(names), f"row {r} of table {name} has {len(values)} cells"
        r0, c0 = top, left - 1  # 0-based first data row and first column
        for offset, (values, fmt) in enumerate(zip(zip(*rows, strict=True), formats, strict=True)):
            width = self._column(r0, c0 + offset, values, fmt)
            self._note_width(left + offset, width)
        columns = []
        for offset, header in enumerate(names):
            columns.append({"header": header, "header_format": styles.header(formats[offset])})
            self._note_width(left + offset, len(header) + FILTER_BUTTON)
        last_row = top + len(rows)
        self.sheet.ws.add_table(
            top - 1,
            c0,
            last_row - 1,
            c0 + len(names) - 1,
            {"name": name, "style": TABLE_STYLE, "columns": columns, "autofilter": True},
        )
        if freeze:
            self.sheet.ws.freeze_panes(top, 0)
        return Placed(top, top + 1, last_row, left, left + len(names) - 1)

    def _column(self, r0: int, c: int, values: tuple, fmt: str) -> int:
        """Write one column's cells from 0-based row ``r0``; returns the width its content needs."""
        sheet, styles = self.sheet, self.sheet.styles
        ws = sheet.ws
        # XlsxWriter's undecorated writers: the public ones only add a check for "A1"-style addresses.
        write_string = getattr(ws, "_write_string", ws.write_string)
        write_number = getattr(ws, "_write_number", ws.write_number)
        write_datetime = getattr(ws, "_write_datetime", ws.write_datetime)
        search, put_string, clean = CONTROL.search, sheet.put_string, sheet.clean
        number_format = NUMBER_FORMATS.get(fmt)
        text_format = styles.cell(fmt, None, None)
        number_cell = styles.cell(fmt, number_format, None)
        long = fmt == "long"
        half = EXCEL_MAX_TEXT // 2
        width, low, high = 0, None, None
        for r, value in enumerate(values, start=r0):
            if value is None:
                continue
            cls = value.__class__
            rgb = None
            if cls is Filled or cls is Formatted:
                if cls is Filled:
                    rgb = value.rgb
                    value = value.value
                else:
                    self._formatted(r, c, value)
                    continue
                if value is None:
                    continue
                cls = value.__class__
            if cls is bool:
                value, cls = yes_no(value, self.lang), str
            if cls is str:
                if not value:
                    continue
                if search(value) or len(value) > half or value[:3] == "<r>":
                    value = clean(value, r, c)
                    put_string(r, c, value, text_format if rgb is None else styles.cell(fmt, None, rgb))
                else:
                    write_string(r, c, value, text_format if rgb is None else styles.cell(fmt, None, rgb))
                if "\n" in value:
                    n = max(map(len, value.split("\n")))
                else:
                    n = len(value)
                if n > width:
                    width = n
                if long:
                    self.long_cells.append((r, c, value))
            elif cls is int or cls is float:
                if cls is float and not math.isfinite(value):
                    continue  # not a number Excel can hold: an empty cell, as for anything unknown
                write_number(r, c, value, number_cell if rgb is None else styles.cell(fmt, number_format, rgb))
                if high is None or value > high:
                    high = value
                if low is None or value < low:
                    low = value
            elif cls is dt.datetime:
                write_datetime(r, c, value, styles.cell(fmt, DATETIME, rgb))
                width = max(width, 19)
            elif cls is dt.date:
                write_datetime(r, c, value, styles.cell(fmt, DATE, rgb))
                width = max(width, 10)
            else:
                text = clean(str(value), r, c)
                if text:
                    put_string(r, c, text, styles.cell(fmt, None, rgb))
                    width = max(width, display_width(text, fmt))
        if long:
            self.long_columns.add(c + 1)
        for extreme in (low, high):
            if extreme is not None:
                width = max(width, display_width(extreme, fmt))
        return width

    def _formatted(self, r: int, c: int, cell: Formatted) -> None:
        """A number with a format of its own in its column."""
        value, fmt = cell.value, cell.fmt
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            self.sheet.ws.write_number(r, c, value, self.sheet.styles.cell(fmt, NUMBER_FORMATS.get(fmt), None))
            self._note_width(c + 1, display_width(value, fmt))
        elif value is not None:
            self._column(r, c, (value,), fmt)

    def at_least(self, column: int, width: int) -> None:
        """Make ``column`` at least ``width`` characters wide (for what a user will type or pick there)."""
        self._note_width(column, width)

    def _note_width(self, column: int, width: int) -> None:
        if width > self.widths.get(column, 0):
            self.widths[column] = width

    def finish(self) -> dict[int, int]:
        """Fit the column widths, then give rows with wrapped text the height their lines need.

        Returns the widths set (1-based column -> characters)."""
        ws = self.sheet.ws
        fitted = {column: column_width(width, column in self.long_columns) for column, width in self.widths.items()}
        for column in sorted(fitted):
            ws.set_column(column - 1, column - 1, fitted[column])
        heights: dict[int, int] = {}
        for row, c, text in self.long_cells:
            lines = wrapped_lines(text, fitted.get(c + 1, 8.43))
            if lines > heights.get(row, 1):
                heights[row] = lines
        for row in sorted(heights):
            ws.set_row(row, LINE_HEIGHT * heights[row])
        return fitted
