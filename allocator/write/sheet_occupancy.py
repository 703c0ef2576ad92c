"""Belægning / Occupancy (a phased case only, issue 12): the planning chart coordinators draw by hand.

From the top: how many dwellings must be reserved at once, per room count and in all (the most held on one
day, ``allocator.occupancy``); a native line chart of the dwellings held and occupied per week, over a two-row
table of those counts whose week columns line up with the grid below; the grid: one row per dwelling that holds
a temporary stay, one column per week (Monday to Sunday), each cell the id of the household living there that
week (two ids when one moves out and the next in), "–" on a grey fill where the dwelling is held but empty (the
wait, the gaps and the turnaround). The first three columns stay in view when scrolling sideways.
"""

from __future__ import annotations

import datetime as dt

from allocator.occupancy import Occupancy, Timeline
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import RANK_COLOURS, Filled, print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import PHASE_HEADERS, PHASE_TABLES, PHASE_WORDS

LEAD = ("dwelling_id", "address", "rooms")
"""The grid's columns before the weeks; the weekly counts' label sits in the last of them."""
CHART_ROWS = 16
CHART_WIDTH, CHART_HEIGHT = 720, 300
SERIES_COLOURS = {"held": "1F4E79", "occupied": "9DC3E6"}
EMPTY = RANK_COLOURS["no_wish"]


def write(sheet: Sheet, ctx: Context) -> None:
    occ = ctx.occupancy
    h, w = {**ctx.h, **PHASE_HEADERS[ctx.lang]}, PHASE_WORDS[ctx.lang]
    tables = PHASE_TABLES[ctx.lang]
    writer = SheetWriter(sheet, ctx.lang)
    title(sheet, 1, 1, w["reserve_title"])
    reserve = [[rooms, peak] for rooms, peak in occ.peak_by_rooms.items()] + [[w["all_rooms"], occ.peak_held]]
    placed = writer.table(tables["reserve"], [h["rooms"], h["peak_held"]], ["auto", "int"], reserve, top=2)
    weeks = [week_label(day, ctx.lang) for day in occ.weeks]
    counts_top = max(placed.last_row, CHART_ROWS) + 3
    counts = [
        [w["held"], *occ.held_per_week],
        [w["occupied"], *occ.occupied_per_week],
    ]
    left = len(LEAD)
    placed_counts = writer.table(
        tables["weekly"],
        [h["figure"], *weeks],
        ["text"] + ["int"] * len(weeks),
        counts,
        top=counts_top,
        left=left,
    )
    if weeks:
        _chart(sheet, ctx, placed_counts.first_row, left, len(weeks))
    grid_top = placed_counts.last_row + 3
    title(sheet, grid_top - 1, 1, w["grid_title"])
    rows = [_grid_row(ctx, t, occ) for t in occ.timelines if t.has_temporary]
    writer.table(
        tables["occupancy"],
        [h[k] for k in LEAD] + weeks,
        ["text", "text", "int"] + ["text"] * len(weeks),
        rows,
        top=grid_top,
        empty_text=ctx.w["none"],
    )
    writer.finish()
    sheet.ws.freeze_panes(0, len(LEAD))
    print_setup(sheet, title_rows=None, pages_wide=4, title_columns="A:C")


def week_label(monday: dt.date, lang: str) -> str:
    """``uge 37 2027``: the ISO week of ``monday`` and its year."""
    year, week, _ = monday.isocalendar()
    return PHASE_WORDS[lang]["week"].format(week=week, year=year)


def _grid_row(ctx: Context, timeline: Timeline, occ: Occupancy) -> list:
    v = ctx.vacancy_by_id[timeline.dwelling_id]
    cells: list = []
    for monday in occ.weeks:
        days = [monday + dt.timedelta(days=k) for k in range(7)]
        living = list(dict.fromkeys(x for x in (timeline.holder_on(d) for d in days) if x is not None))
        if living:
            cells.append("/".join(living))
        elif any(_held(timeline, d) for d in days):
            cells.append(Filled(PHASE_WORDS[ctx.lang]["empty_week"], EMPTY))
        else:
            cells.append(None)
    return [v.dwelling_id, v.address, v.rooms, *cells]


def _held(timeline: Timeline, day: dt.date) -> bool:
    return timeline.held_from <= day and (timeline.held_until is None or day < timeline.held_until)


def _chart(sheet: Sheet, ctx: Context, first_row: int, left: int, n_weeks: int) -> None:
    """Lines of the dwellings held and occupied per week, from the two-row counts table (``first_row``: its
    first data row, 1-based; ``left``: its label column, 1-based)."""
    w = PHASE_WORDS[ctx.lang]
    header, r0, c0 = (
        first_row - 2,
        first_row - 1,
        left,
    )  # 0-based header row, first data row, first week column
    chart = sheet.book.xlsx.add_chart({"type": "line"})
    for offset, (key, colour) in enumerate(SERIES_COLOURS.items()):
        chart.add_series(
            {
                "name": w[key],
                "categories": [sheet.name, header, c0, header, c0 + n_weeks - 1],
                "values": [sheet.name, r0 + offset, c0, r0 + offset, c0 + n_weeks - 1],
                "line": {"color": f"#{colour}", "width": 2.25},
            }
        )
    chart.set_title({"name": w["chart_title"], "name_font": {"size": 12}})
    chart.set_y_axis({"name": w["chart_y"], "major_gridlines": {"visible": True}, "min": 0})
    chart.set_x_axis({"num_font": {"rotation": -45}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    sheet.ws.insert_chart("D1", chart)
