"""Flytteskema / Moving schedule: one row per move, sorted by date, printable; beside it the moves per week
against the crews' capacity, as a table and a chart.

The column ``Fast dato`` / ``Booked date`` is left empty for the coordinator: a date written there keeps the move
on that day when ``genhus schedule`` is run again (``allocator.schedule.booked``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from allocator.domain import Household, Vacancy
from allocator.notice import notice_text
from allocator.schedule import Schedule
from allocator.schedule.working_days import WorkingDays, week_of
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_style import print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import SCHEDULE_HEADERS, SCHEDULE_WORDS, TABLES

COLUMNS = (
    ("date", "date"),
    ("weekday", "text"),
    ("household_id", "text"),
    ("name", "text"),
    ("from_address", "text"),
    ("to_address", "text"),
    ("type", "text"),
    ("phase", "text"),
    ("stairwell", "text"),
    ("dwelling_id", "text"),
    ("booked", "date"),
)
CHART_WIDTH, CHART_HEIGHT = 643, 283


def write(
    sheet: Sheet,
    schedule: Schedule,
    households: Mapping[str, Household],
    dwellings: Mapping[str, Vacancy],
    lang: str,
) -> None:
    h, w = SCHEDULE_HEADERS[lang], SCHEDULE_WORDS[lang]
    rows = []
    for m in schedule.moves:
        move = m.move
        household = households.get(move.household_id)
        home = household.address if household else None
        dwelling = dwellings.get(move.dwelling_id)
        there = dwelling.address if dwelling and dwelling.address else move.dwelling_id
        start, end = (there, home) if move.type == "back" else (home, there)
        rows.append(
            [
                m.date,
                w["weekdays"][m.date.weekday()],
                move.household_id,
                household.name if household else None,
                start,
                end,
                w["types"][move.type],
                move.phase,
                move.stairwell,
                move.dwelling_id,
                move.booked,
            ]
        )
    writer = SheetWriter(sheet, lang)
    placed = writer.table(
        TABLES[lang]["schedule"],
        [h[k] for k, _ in COLUMNS],
        [f for _, f in COLUMNS],
        rows,
        freeze=True,
        empty_text=w["none"],
    )
    left = len(COLUMNS) + 2
    weeks = week_rows(schedule)
    week_table = writer.table(
        TABLES[lang]["schedule_weeks"],
        [h["week"], h["moves"], h["capacity"]],
        ["text", "int", "int"],
        [[f"{y}-W{n:02d}", moves, capacity] for (y, n), moves, capacity in weeks],
        left=left,
        empty_text=w["none"],
    )
    title(sheet, placed.last_row + 2, 1, w["note"], note=True)
    made = schedule.settings
    first = made.schedule_from + dt.timedelta(days=made.notice_days)
    per_week = w["per_week"].format(n=made.moves_per_week) if made.moves_per_week else ""
    line = w["made"].format(
        date=_day(made.schedule_from), first=_day(first), per_day=made.moves_per_day, per_week=per_week
    )
    title(sheet, placed.last_row + 3, 1, line, note=True)
    notes = [notice_text(notice, lang) for notice in schedule.notices()]  # booked dates not kept
    for split in schedule.stairwell_splits:
        phase = w["split_phase"].format(phase=split.phase) if split.phase else ""
        weeks = ", ".join(f"{y}-W{n:02d}" for y, n in split.weeks)
        notes.append(
            w["split"].format(
                stairwell=split.stairwell,
                phase=phase,
                households=split.households,
                n=len(split.weeks),
                weeks=weeks,
            )
        )
    for n, note in enumerate(notes, start=4):
        title(sheet, placed.last_row + n, 1, note, note=True)
    if weeks:
        _chart(sheet, w, week_table, left)
    writer.finish()
    print_setup(sheet, title_rows="1:1")
    sheet.ws.print_area(0, 0, placed.last_row - 1, len(COLUMNS) - 1)


def _day(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def week_rows(schedule: Schedule) -> list[tuple[tuple[int, int], int, int]]:
    """Every ISO week from the first move to the last: (week, moves, capacity). Capacity is ``moves_per_week``
    where set, else ``moves_per_day`` times the week's working days, whichever is smaller."""
    if not schedule.moves:
        return []
    first, last = schedule.moves[0].date, schedule.moves[-1].date
    first -= dt.timedelta(days=first.weekday())
    last += dt.timedelta(days=6 - last.weekday())
    days = WorkingDays(first, last, schedule.settings.closed())
    per_week = schedule.per_week()
    working: dict[tuple[int, int], int] = {}
    for day in days.days:
        working[week_of(day)] = working.get(week_of(day), 0) + 1
    out = []
    day = first
    while day <= last:
        week = week_of(day)
        capacity = schedule.settings.moves_per_day * working.get(week, 0)
        if schedule.settings.moves_per_week is not None:
            capacity = min(capacity, schedule.settings.moves_per_week)
        out.append((week, per_week.get(week, 0), capacity))
        day += dt.timedelta(days=7)
    return out


def _chart(sheet: Sheet, w: dict, table, left: int) -> None:
    """Columns: moves per week; a line: the capacity (table columns 2 and 3)."""
    first, last = table.first_row - 1, table.last_row - 1  # 0-based data rows
    c0 = left - 1
    book = sheet.book.xlsx
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": [sheet.name, table.first_row - 2, c0 + 1],
            "categories": [sheet.name, first, c0, last, c0],
            "values": [sheet.name, first, c0 + 1, last, c0 + 1],
            "fill": {"color": "#1F4E79"},
            "border": {"none": True},
        }
    )
    line = book.add_chart({"type": "line"})
    line.add_series(
        {
            "name": [sheet.name, table.first_row - 2, c0 + 2],
            "categories": [sheet.name, first, c0, last, c0],
            "values": [sheet.name, first, c0 + 2, last, c0 + 2],
            "line": {"color": "#C00000", "width": 2},
        }
    )
    chart.combine(line)
    chart.set_title({"name": w["chart_title"], "name_font": {"size": 12}})
    chart.set_y_axis({"name": w["chart_y"], "major_gridlines": {"visible": True}, "min": 0})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    sheet.ws.insert_chart(0, left + 3, chart)
