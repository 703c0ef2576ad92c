"""Beslutninger / Decisions: every coordinator's decision in force, in the form ``allocator.read.decisions``
reads, so that the next round keeps them without the pins file, and a coordinator can add a decision here.

Columns: household id, dwelling id, action (tildel / udeluk; pin / forbid), reason, agreed with the household
(ja / nej), with dropdowns for the last two words; what became of each decision is on the audit sheet.
"""

from __future__ import annotations

from allocator.read.decisions import Action
from allocator.rounds import RoundReport
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES

COLUMNS = (
    ("household_id", "text"),
    ("dwelling_id", "text"),
    ("action", "text"),
    ("reason", "long"),
    ("agreed", "text"),
)
_ROOM = 200  # rows below the decisions that get the dropdowns, for decisions the coordinator adds


def write(sheet: Sheet, ctx: Context, rounds: RoundReport) -> None:
    w = ctx.w
    rows = [
        [
            s.pin.household_id,
            s.pin.dwelling_id,
            w["give" if s.pin.action is Action.GIVE else "forbid"],
            s.pin.reason,
            ctx.yes_no(s.pin.agreed),
        ]
        for s in rounds.pins
    ]
    writer = SheetWriter(sheet, ctx.lang)
    placed = writer.table(
        TABLES[ctx.lang]["decisions"],
        [ctx.h[key] for key, _ in COLUMNS],
        [fmt for _, fmt in COLUMNS],
        rows,
        freeze=True,
    )
    writer.at_least(placed.first_column + 3, 40)
    writer.finish()
    last = placed.last_row + _ROOM
    for offset, words in ((2, (w["give"], w["forbid"])), (4, (w["yes"], w["no"]))):
        column = placed.first_column + offset - 1
        sheet.ws.data_validation(
            placed.first_row - 1, column, last - 1, column,
            {"validate": "list", "source": list(words), "ignore_blank": True},
        )
    print_setup(sheet, title_rows="1:1")
