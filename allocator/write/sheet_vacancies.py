"""Boliger / Vacancies: every vacancy with its attributes and the household it went to, or marked free."""

from __future__ import annotations

from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context, extra_headers, extra_values
from allocator.write.xlsx_style import RANK_COLOURS, Filled, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, USES

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


def write(sheet: Sheet, ctx: Context) -> None:
    extras = extra_headers(ctx.vacancies)
    headers = [ctx.h[k] for k, _ in COLUMNS] + extras
    formats = [f for _, f in COLUMNS] + ["auto"] * len(extras)
    rows = []
    for v in ctx.vacancies:
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
