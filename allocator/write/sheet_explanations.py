"""Begrundelser / Explanations: why a household did not get its first wish, one row per household.

The logic is ``allocator.explain.wishes``; this sheet lays out its per-household summary: how many dwellings
the first wished department had, how many went to households that come first (and why they came first), how many
were not suitable (by rule), and anything else; the reason says it in words for the first wish and, one line
each, for every later wish better than the one the household got where some dwelling suits it. One row per
household keeps the sheet readable, and its size bounded, at organisation-wide sizes.
"""

from __future__ import annotations

from allocator.write.xlsx_book import Sheet
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
    ("dwellings_there", "int"),
    ("to_higher_priority", "int"),
    ("not_suitable", "int"),
    ("other_reasons", "int"),
    ("reasons", "long"),
)


def write(sheet: Sheet, ctx: Context) -> None:
    rows = []
    for summary in ctx.wishes.summaries():
        h = ctx.household_by_id[summary.household_id]
        rows.append(
            [
                h.household_id,
                h.name,
                ctx.kind(h),
                h.seniority_date,
                ctx.wish_cell(h),
                summary.department,
                summary.dwellings,
                summary.to_higher_priority,
                summary.not_suitable,
                summary.other,
                summary.reason.text(ctx.lang),
            ]
        )
    writer = SheetWriter(sheet, ctx.lang)
    writer.table(
        TABLES[ctx.lang]["explanations"],
        [ctx.h[k] for k, _ in COLUMNS],
        [f for _, f in COLUMNS],
        rows,
        freeze=True,
        empty_text=ctx.w["no_explanations"],
    )
    writer.finish()
    print_setup(sheet, title_rows="1:1")
