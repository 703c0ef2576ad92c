"""Sammenligning / Comparison: one row per figure, one column per scenario, and the wish profiles as a native
clustered bar chart (one series per scenario)."""

from __future__ import annotations

from allocator.compare import WISH_CATEGORIES, Comparison
from allocator.write.sheet_compare_words import SECTIONS, TABLES, WORDS, figure_label, section_of
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_style import Filled, Formatted, note_lines, print_setup, rank_colour
from allocator.write.xlsx_table import SheetWriter

SERIES_COLOURS = ("1F4E79", "9DC3E6", "C55A11", "F4B183", "548235", "A9D18E", "7030A0", "BF9000")
_COLOUR_OF = {"wish_1": 1, "wish_2": 2, "wish_3": 3, "wish_other": "other", "wish_none": "no_wish",
              "unhoused": "unhoused"}


def write(sheet: Sheet, comparison: Comparison, lang: str) -> None:
    w = WORDS[lang]
    rows, wish_rows = [], []
    for k, figure in enumerate(comparison.figures):
        label = figure_label(figure.key, figure.detail, lang)
        if figure.key in _COLOUR_OF:
            wish_rows.append(k)
            label = Filled(label, rank_colour(_COLOUR_OF[figure.key]))
        # a count or kroner a month: the row's own format
        values = figure.values if figure.fmt == "amount" else [Formatted(v, figure.fmt) for v in figure.values]
        rows.append([SECTIONS[lang][section_of(figure.key)], label, *values])
    n = len(comparison.runs)
    writer = SheetWriter(sheet, lang)
    placed = writer.table(TABLES[lang]["figures"], [w["section"], w["figure"], *comparison.names],
                          ["text", "text"] + ["amount"] * n, rows, freeze=True)
    note_lines(sheet, placed.last_row + 2, w["figures_note"], 100)
    writer.finish()
    first, last = placed.first_row + wish_rows[0], placed.first_row + wish_rows[-1]
    assert last - first + 1 == len(WISH_CATEGORIES), "the wish profile rows are one block"
    _chart(sheet, comparison, lang, first, last)
    print_setup(sheet, title_rows="1:1")


def _chart(sheet: Sheet, comparison: Comparison, lang: str, first: int, last: int) -> None:
    w = WORDS[lang]
    first, last = first - 1, last - 1  # 0-based
    chart = sheet.book.xlsx.add_chart({"type": "column"})
    for k, name in enumerate(comparison.names):
        chart.add_series(
            {
                "name": name,
                "categories": [sheet.name, first, 1, last, 1],  # the categories are words
                "values": [sheet.name, first, 2 + k, last, 2 + k],
                "fill": {"color": f"#{SERIES_COLOURS[k % len(SERIES_COLOURS)]}"},
                "border": {"none": True},
            }
        )
    chart.set_title({"name": w["chart_title"], "name_font": {"size": 12}})
    chart.set_y_axis({"name": w["chart_y"], "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    cm = 96 / 2.54  # pixels per cm
    chart.set_size({"width": round((8 + 2.5 * len(comparison.runs)) * cm), "height": round(8.5 * cm)})
    sheet.ws.insert_chart(0, 2 + len(comparison.runs) + 1, chart)
