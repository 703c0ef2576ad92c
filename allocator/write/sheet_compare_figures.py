"""Sammenligning / Comparison: one row per figure, one column per scenario, and the wish profiles as a native
clustered bar chart (one series per scenario)."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from allocator.compare import WISH_CATEGORIES, Comparison
from allocator.write.sheet_compare_words import SECTIONS, TABLES, WORDS, figure_label, section_of
from allocator.write.xlsx_style import NUMBER_FORMATS, Filled, note_lines, print_setup, rank_colour
from allocator.write.xlsx_table import SheetWriter

SERIES_COLOURS = ("1F4E79", "9DC3E6", "C55A11", "F4B183", "548235", "A9D18E", "7030A0", "BF9000")
_COLOUR_OF = {"wish_1": 1, "wish_2": 2, "wish_3": 3, "wish_other": "other", "wish_none": "no_wish",
              "unhoused": "unhoused"}


def write(ws: Worksheet, comparison: Comparison, lang: str) -> None:
    w = WORDS[lang]
    rows, wish_rows = [], []
    for k, figure in enumerate(comparison.figures):
        label = figure_label(figure.key, figure.detail, lang)
        if figure.key in _COLOUR_OF:
            wish_rows.append(k)
            label = Filled(label, rank_colour(_COLOUR_OF[figure.key]))
        rows.append([SECTIONS[lang][section_of(figure.key)], label, *figure.values])
    n = len(comparison.runs)
    writer = SheetWriter(ws, lang)
    placed = writer.table(TABLES[lang]["figures"], [w["section"], w["figure"], *comparison.names],
                          ["text", "text"] + ["amount"] * n, rows, freeze=True)
    for r, figure in enumerate(comparison.figures, start=placed.first_row):
        if figure.fmt != "amount":  # a count or kroner a month: the row's own format
            for c in range(n):
                ws.cell(row=r, column=3 + c).number_format = NUMBER_FORMATS[figure.fmt]
    note_lines(ws, placed.last_row + 2, w["figures_note"], 100)
    writer.finish()
    first, last = placed.first_row + wish_rows[0], placed.first_row + wish_rows[-1]
    assert last - first + 1 == len(WISH_CATEGORIES), "the wish profile rows are one block"
    _chart(ws, comparison, lang, first, last)
    print_setup(ws, title_rows="1:1")


def _chart(ws: Worksheet, comparison: Comparison, lang: str, first: int, last: int) -> None:
    w = WORDS[lang]
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = w["chart_title"]
    chart.y_axis.title = w["chart_y"]
    chart.x_axis.delete = False  # openpyxl 3.1 otherwise hides both axes in recent Excel
    chart.y_axis.delete = False
    chart.legend.position = "b"
    labels = Reference(ws, min_col=2, min_row=first, max_row=last)
    for k, name in enumerate(comparison.names):
        values = Reference(ws, min_col=3 + k, min_row=first, max_row=last)
        series = Series(values, title=name)
        series.graphicalProperties = GraphicalProperties(solidFill=SERIES_COLOURS[k % len(SERIES_COLOURS)])
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))  # words: a string reference
        chart.series.append(series)
    chart.width, chart.height = 8 + 2.5 * len(comparison.runs), 8.5
    column = 3 + len(comparison.runs) + 1
    ws.add_chart(chart, f"{ws.cell(row=1, column=column).column_letter}1")
