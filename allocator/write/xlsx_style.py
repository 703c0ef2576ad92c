"""How the workbook looks: number formats, the wish-rank colours, column widths and print setup."""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from allocator.domain import Household

DATE = "dd-mm-yyyy"
DATETIME = "dd-mm-yyyy hh:mm:ss"
AMOUNT = "#,##0"
DECIMAL = "#,##0.0"
PERCENT = "0%"
INTEGER = "0"

NUMBER_FORMATS = {"date": DATE, "amount": AMOUNT, "decimal": DECIMAL, "percent": PERCENT, "int": INTEGER}
"""Column format name -> Excel number format; ``text`` and ``long`` (wrapped text) have none."""

TABLE_STYLE = "TableStyleMedium2"
MAX_WIDTH = 45
MAX_LONG_WIDTH = 80
MIN_WIDTH = 6
FILTER_BUTTON = 3  # characters the header's filter arrow covers

FONT_NAME = "Calibri"  # openpyxl's default body font; titles say it too, or LibreOffice falls back to a serif
LINE_HEIGHT = 15  # points per line of 11 pt text
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", horizontal="left", wrap_text=True)
# Small whole numbers and dates centred, amounts right with a space: no number touches the text beside it.
ALIGNMENTS = {
    "int": Alignment(vertical="top", horizontal="center"),
    "date": Alignment(vertical="top", horizontal="center"),
    "amount": Alignment(vertical="top", horizontal="right", indent=1),
    "decimal": Alignment(vertical="top", horizontal="right", indent=1),
    "percent": Alignment(vertical="top", horizontal="right", indent=1),
    "long": WRAP,
}


def alignment(fmt: str) -> Alignment:
    return ALIGNMENTS.get(fmt, TOP)


TITLE_FONT = Font(name=FONT_NAME, bold=True, size=12)
NOTE_FONT = Font(name=FONT_NAME, italic=True)
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill(fill_type="solid", start_color="4472C4", end_color="4472C4")  # as TableStyleMedium2

# Wish-rank colours: 1st green, 2nd light green, 3rd (and later) yellow, other orange, unhoused red.
RANK_COLOURS = {
    1: "8ED18E",
    2: "D5EFC8",
    3: "FFEB84",
    "other": "F8B16E",
    "unhoused": "F28080",
    "no_wish": "E4E4E4",
}


@dataclass(frozen=True, slots=True)
class Filled:
    """A cell value with a background fill (``rgb`` as ``RRGGBB``)."""

    value: Any
    rgb: str

    def fill(self) -> PatternFill:
        return _fill(self.rgb)


_FILLS: dict[str, PatternFill] = {}


def _fill(rgb: str) -> PatternFill:
    if rgb not in _FILLS:
        _FILLS[rgb] = PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
    return _FILLS[rgb]


def wish_category(household: Household, rank: int | None) -> int | str:
    """The wish met: 1, 2, 3 ... within the wishes, ``other`` department, ``unhoused``, or ``no_wish``."""
    if rank is None:
        return "unhoused"
    if not household.wishes:
        return "no_wish"
    return rank if rank <= len(household.wishes) else "other"


def rank_colour(category: int | str) -> str:
    if isinstance(category, int):
        return RANK_COLOURS[min(category, 3)]
    return RANK_COLOURS[category]


def display_width(value: Any, fmt: str) -> int:
    """Characters a value takes on screen in its column format (an estimate good enough for widths)."""
    if isinstance(value, Filled):
        value = value.value
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19 if fmt == "datetime" else 10
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        if fmt == "percent":
            return 5
        if fmt in ("amount", "decimal"):
            return 2 + (len(f"{value:,.1f}") if fmt == "decimal" else len(f"{value:,.0f}"))
        return len(str(value))
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def fit_widths(ws: Worksheet, widths: dict[int, int], long_columns: set[int]) -> None:
    """Set column widths from the widest content seen, capped (wrapped text columns get a wider cap)."""
    for column, width in widths.items():
        cap = MAX_LONG_WIDTH if column in long_columns else MAX_WIDTH
        ws.column_dimensions[get_column_letter(column)].width = max(MIN_WIDTH, min(cap, width + 2))


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``text`` (estimated, a little generously)."""
    per_line = max(1.0, (width - 2) * 1.2)  # body text is narrower than the digit "0" that widths count in
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def note_lines(ws: Worksheet, top: int, text: str, width: int) -> int:
    """Write ``text`` as italic lines of at most ``width`` characters from row ``top``; returns the rows used.

    A note above a table is broken into lines rather than merged or wrapped, so it neither overflows the
    printed page nor needs merged cells.
    """
    lines = textwrap.wrap(text, width=width) or [""]
    for offset, line in enumerate(lines):
        title(ws, top + offset, 1, line, note=True)
    return len(lines)


def print_setup(
    ws: Worksheet,
    *,
    title_rows: str | None,
    pages_wide: int = 1,
    title_columns: str | None = None,
) -> None:
    """Landscape A4, repeated header row (and columns), all columns on ``pages_wide`` pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.pageOrder = "overThenDown"  # the right half of a wide table follows its left half
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if title_columns:
        ws.print_title_cols = title_columns
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.oddFooter.center.text = "&A - &P / &N"


def title(ws: Worksheet, row: int, column: int, text: str, *, note: bool = False) -> None:
    """A title or note line above a table (outside the table, so filters are unaffected)."""
    cell = ws.cell(row=row, column=column, value=text)
    cell.data_type = "s"
    cell.font = NOTE_FONT if note else TITLE_FONT
