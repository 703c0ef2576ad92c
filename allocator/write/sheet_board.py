"""Bestyrelse / Board review (domain rule 9): small households in large dwellings while a larger household
fared worse. The rule, with its two setting values, is stated in the line above the table; the logic is
``allocator.explain.board_review``.
"""

from __future__ import annotations

from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import note_lines, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, board_rule_text

COLUMNS = (
    ("small_id", "text"),
    ("small_members", "int"),
    ("small_seniority", "date"),
    ("small_wish", "text"),
    ("dwelling_id", "text"),
    ("rooms", "int"),
    ("municipality", "text"),
    ("large_id", "text"),
    ("large_members", "int"),
    ("large_seniority", "date"),
    ("large_wish", "text"),
    ("large_wish_here", "text"),
)
NOTE_WIDTH = 110  # characters per line of the rule above the table


def write(sheet: Sheet, ctx: Context) -> None:
    result = ctx.result
    cases = ctx.board_cases
    top = note_lines(sheet, 1, board_rule_text(result.settings, ctx.lang), NOTE_WIDTH) + 2
    rows = []
    for case in cases:
        small, large = ctx.household_by_id[case.small_id], ctx.household_by_id[case.large_id]
        rows.append(
            [
                small.household_id,
                small.members,
                small.seniority_date,
                ctx.wish_cell(small),
                case.dwelling_id,
                case.rooms,
                case.municipality,
                large.household_id,
                large.members,
                large.seniority_date,
                ctx.wish_cell(large),
                ctx.rank_cell(large, case.large_rank_here),
            ]
        )
    writer = SheetWriter(sheet, ctx.lang)
    writer.table(
        TABLES[ctx.lang]["board"],
        [ctx.h[k] for k, _ in COLUMNS],
        [f for _, f in COLUMNS],
        rows,
        top=top,
        freeze=True,
        empty_text=ctx.w["none"],
    )
    writer.finish()
    print_setup(sheet, title_rows=f"{top}:{top}")
