"""Ikke anvist / Unassigned: each household without a dwelling, with the reasons in plain words."""

from __future__ import annotations

from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES

COLUMNS = (
    ("household_id", "text"),
    ("name", "text"),
    ("department", "text"),
    ("municipality", "text"),
    ("kind", "text"),
    ("members", "int"),
    ("current_rooms", "int"),
    ("seniority_date", "date"),
    ("move_by", "date"),
    ("reasons", "long"),
)


def write(sheet: Sheet, ctx: Context) -> None:
    rows = []
    for u in ctx.result.unassigned:
        h = ctx.household_by_id[u.household_id]
        reasons = "; ".join(r.text(ctx.lang) for r in u.reasons)
        rows.append(
            [
                h.household_id,
                h.name,
                h.department,
                h.municipality,
                ctx.kind(h),
                h.members,
                h.current_rooms,
                h.seniority_date,
                h.move_by,
                reasons,
            ]
        )
    writer = SheetWriter(sheet, ctx.lang)
    writer.table(
        TABLES[ctx.lang]["unassigned"],
        [ctx.h[k] for k, _ in COLUMNS],
        [f for _, f in COLUMNS],
        rows,
        freeze=True,
        empty_text=ctx.w["none"],
    )
    writer.finish()
    print_setup(sheet, title_rows="1:1")
