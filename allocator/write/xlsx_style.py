"""How the workbook looks: number formats, the wish-rank colours, column widths and print setup.

Formats are XlsxWriter ``Format`` objects, each combination made once per workbook (``Styles``) and shared by
every cell that has it.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allocator.domain import Household

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook as XlsxWorkbook

    from allocator.write.xlsx_book import Sheet

DATE = "dd-mm-yyyy"
DATETIME = "dd-mm-yyyy hh:mm:ss"
AMOUNT = "#,##0"
DECIMAL = "#,##0.0"
PERCENT = "0%"
INTEGER = "0"

NUMBER_FORMATS = {"date": DATE, "amount": AMOUNT, "decimal": DECIMAL, "percent": PERCENT, "int": INTEGER}
"""Column format name -> Excel number format; ``text``, ``long`` (wrapped text) and ``auto`` have none."""

TABLE_STYLE = "Table Style Medium 2"  # TableStyleMedium2 in the file
MAX_WIDTH = 45
MAX_LONG_WIDTH = 80
MIN_WIDTH = 6
FILTER_BUTTON = 3  # characters the header's filter arrow covers

FONT_NAME = "Calibri"  # the body font; titles say it too, or LibreOffice falls back to a serif
LINE_HEIGHT = 15  # points per line of 11 pt text
HEADER_RGB = "4472C4"  # as TableStyleMedium2

# Small whole numbers and dates centred, amounts right with a space: no number touches the text beside it.
_TOP = {"valign": "top"}
ALIGNMENTS: dict[str, dict[str, Any]] = {
    "int": {"valign": "top", "align": "center"},
    "date": {"valign": "top", "align": "center"},
    "amount": {"valign": "top", "align": "right", "indent": 1},
    "decimal": {"valign": "top", "align": "right", "indent": 1},
    "percent": {"valign": "top", "align": "right", "indent": 1},
    "long": {"valign": "top", "align": "left", "text_wrap": True},
}


def alignment(fmt: str) -> dict[str, Any]:
    return ALIGNMENTS.get(fmt, _TOP)


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


@dataclass(frozen=True, slots=True)
class Formatted:
    """A cell value with a column format of its own (``NUMBER_FORMATS`` key), e.g. one decimal in an amount
    column."""

    value: Any
    fmt: str


class Styles:
    """Every format of one workbook, made once: cells by (column format, number format, fill), headers, titles."""

    def __init__(self, book: XlsxWorkbook) -> None:
        self._book = book
        self._cells: dict[tuple, Format] = {}
        self._headers: dict[str, Format] = {}
        self.title = book.add_format({"bold": True, "font_size": 12, "font_name": FONT_NAME})
        self.note = book.add_format({"italic": True, "font_name": FONT_NAME})

    def cell(self, fmt: str, number_format: str | None, rgb: str | None) -> Format:
        key = (fmt, number_format, rgb)
        found = self._cells.get(key)
        if found is None:
            props = dict(alignment(fmt))
            if number_format is not None:
                props["num_format"] = number_format
            if rgb is not None:
                props["pattern"] = 1
                props["bg_color"] = f"#{rgb}"
            found = self._cells[key] = self._book.add_format(props)
        return found

    def header(self, fmt: str) -> Format:
        """The table style draws the header in Excel; direct formatting shows it in LibreOffice too."""
        found = self._headers.get(fmt)
        if found is None:
            props = {**alignment(fmt), "bold": True, "font_color": "#FFFFFF", "pattern": 1,
                     "bg_color": f"#{HEADER_RGB}", "font_name": FONT_NAME}
            found = self._headers[fmt] = self._book.add_format(props)
        return found


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
    if isinstance(value, Filled | Formatted):
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
    if "\n" not in text:
        return len(text)
    return max((len(line) for line in text.splitlines()), default=0)


def column_width(width: int, long: bool) -> int:
    """The width a column gets for content ``width`` characters wide, capped (wrapped text a wider cap)."""
    return max(MIN_WIDTH, min(MAX_LONG_WIDTH if long else MAX_WIDTH, width + 2))


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``text`` (estimated, a little generously)."""
    per_line = max(1.0, (width - 2) * 1.2)  # body text is narrower than the digit "0" that widths count in
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def note_lines(sheet: Sheet, top: int, text: str, width: int) -> int:
    """Write ``text`` as italic lines of at most ``width`` characters from row ``top``; returns the rows used.

    A note above a table is broken into lines rather than merged or wrapped, so it neither overflows the
    printed page nor needs merged cells.
    """
    lines = textwrap.wrap(text, width=width) or [""]
    for offset, line in enumerate(lines):
        title(sheet, top + offset, 1, line, note=True)
    return len(lines)


def print_setup(
    sheet: Sheet,
    *,
    title_rows: str | None,
    pages_wide: int = 1,
    title_columns: str | None = None,
) -> None:
    """Landscape A4, repeated header row (and columns), all columns on ``pages_wide`` pages.

    ``title_rows`` as ``"3:3"`` and ``title_columns`` as ``"A:B"``, as Excel writes them.
    """
    ws = sheet.ws
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.print_across()  # the right half of a wide table follows its left half
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    if title_rows:
        first, _, last = title_rows.partition(":")
        ws.repeat_rows(int(first) - 1, int(last or first) - 1)
    if title_columns:
        ws.repeat_columns(title_columns)
    ws.fit_to_pages(pages_wide, 0)
    ws.set_footer("&C&A - &P / &N")


def title(sheet: Sheet, row: int, column: int, text: str, *, note: bool = False) -> None:
    """A title or note line above a table (outside the table, so filters are unaffected); 1-based."""
    sheet.text(row, column, text, sheet.styles.note if note else sheet.styles.title)
