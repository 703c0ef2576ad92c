"""Begrundelser / Explanations: why a household did not get its first wish, one row per dwelling of that wish.

The logic is ``allocator.explain.wishes``; this sheet only lays it out.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from allocator.explain.wishes import first_wish_explanations
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES

COLUMNS = (
    ("household_id", "text"),
    ("name", "text"),
    ("kind", "text"),
    ("seniority_date", "date"),
    ("wish", "text"),
    ("first_wish", "text"),
    ("dwelling_id", "text"),
    ("rooms", "int"),
    ("holder", "text"),
    ("reasons", "long"),
)


def write(ws: Worksheet, ctx: Context) -> None:
    result = ctx.result
    lines = first_wish_explanations(
        result.instance,
        result.settings,
        result.assignment_map,
        decisions=result.decisions,
        eligibility=ctx.eligibility,
    )
    rows = []
    for line in lines:
        h = ctx.household_by_id[line.household_id]
        v = ctx.vacancy_by_id.get(line.dwelling_id) if line.dwelling_id is not None else None
        rows.append(
            [
                h.household_id,
                h.name,
                ctx.kind(h),
                h.seniority_date,
                ctx.wish_cell(h),
                line.department,
                line.dwelling_id,
                None if v is None else v.rooms,
                line.holder_id,
                line.reason.text(ctx.lang),
            ]
        )
    writer = SheetWriter(ws, ctx.lang)
    writer.table(
        TABLES[ctx.lang]["explanations"],
        [ctx.h[k] for k, _ in COLUMNS],
        [f for _, f in COLUMNS],
        rows,
        freeze=True,
        empty_text=ctx.w["no_explanations"],
    )
    writer.finish()
    print_setup(ws, title_rows="1:1")
