"""Boliger / Vacancies: every vacancy with its attributes and the household it went to, or marked free.

In a phased case (issue 12) a dwelling can hold several stays: it has one row per stay, in time order, with the
stay's dates and the days the dwelling stood empty just before it (``allocator.occupancy``), and its
``Ledig til``.
"""

from __future__ import annotations

from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context, extra_headers, extra_values
from allocator.write.xlsx_style import RANK_COLOURS, Filled, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import PHASE_HEADERS, TABLES, USES

COLUMNS = (
    ("dwelling_id", "text"),
    ("address", "text"),
    ("department", "text"),
    ("municipality", "text"),
    ("rooms", "int"),
    ("area", "amount"),
    ("rent", "amount"),
    ("floor", "int"),
    ("elevator", "text"),
    ("available_from", "date"),
    ("use", "text"),
    ("given_to", "text"),
    ("name", "text"),
    ("kind", "text"),
    ("wish", "text"),
)

PHASE_COLUMNS = (
    ("available_until", "date"),
    ("stay_from", "date"),
    ("stay_until", "date"),
    ("empty_before", "int"),
)
"""A phased case's columns after the others: the dwelling's Ledig til, and each stay."""


def write(sheet: Sheet, ctx: Context) -> None:
    extras = extra_headers(ctx.vacancies)
    phased = ctx.result.instance.phased
    columns = COLUMNS + PHASE_COLUMNS if phased else COLUMNS
    words = {**ctx.h, **PHASE_HEADERS[ctx.lang]} if phased else ctx.h
    headers = [words[k] for k, _ in columns] + extras
    formats = [f for _, f in columns] + ["auto"] * len(extras)
    rows = _phased_rows(ctx, extras) if phased else []
    for v in () if phased else ctx.vacancies:
        holder = ctx.holder_of.get(v.dwelling_id)
        if holder is None:
            who = [Filled(ctx.w["free"], RANK_COLOURS["no_wish"]), None, None, None]
        else:
            who = [holder.household_id, holder.name, ctx.kind(holder), ctx.wish_cell(holder)]
        rows.append(
            [
                *ctx.dwelling_cells(v),
                USES[ctx.lang][v.use],
                *who,
            ]
            + extra_values(v, extras)
        )
    writer = SheetWriter(sheet, ctx.lang)
    writer.table(TABLES[ctx.lang]["vacancies"], headers, formats, rows, freeze=True, empty_text=ctx.w["none"])
    writer.finish()
    print_setup(sheet, title_rows="1:1")


def _phased_rows(ctx: Context, extras: list[str]) -> list[list]:
    """One row per stay, in time order; a dwelling without stays once, marked free."""
    rows = []
    free = [Filled(ctx.w["free"], RANK_COLOURS["no_wish"]), None, None, None]
    for v in ctx.vacancies:
        dwelling = [*ctx.dwelling_cells(v), USES[ctx.lang][v.use]]
        timeline = ctx.occupancy.timeline_of(v.dwelling_id)
        if timeline is None:
            rows.append([*dwelling, *free, v.available_until, None, None, None, *extra_values(v, extras)])
            continue
        for stay in timeline.stays:
            holder = ctx.household_by_id[stay.household_id]
            who = [holder.household_id, holder.name, ctx.kind(holder), ctx.wish_cell(holder)]
            rows.append(
                [*dwelling, *who, v.available_until, stay.start, stay.until, stay.empty_before]
                + extra_values(v, extras)
            )
    return rows
