"""Historik / History: every closed offer of the earlier rounds, oldest round first, so that the latest
workbook alone tells the whole story (``allocator.read.history`` reads it back).

One row per offer: the round it was made in, the household, the dwelling, what became of it (accepted, refused,
or withdrawn by genhus, with a note saying why), whether it was a final offer, and who chose the dwelling (the
optimiser, or the coordinator's pin). Offers still out are not here: they are on the offers sheet until answered.
"""

from __future__ import annotations

from allocator.read.history import Response
from allocator.rounds import RoundReport
from allocator.sheet_columns import HISTORY_COLUMNS
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, WORDS

COLUMNS = HISTORY_COLUMNS  # shared with the reader of this sheet (allocator.sheet_columns)


def response_word(response: Response, lang: str) -> str:
    return WORDS[lang][response.value]


def write(sheet: Sheet, ctx: Context, rounds: RoundReport) -> None:
    w = ctx.w
    rows = []
    for o in rounds.closed:
        household = ctx.household_by_id.get(o.household_id)
        name = household.name if household is not None and household.name else o.name
        rows.append(
            [
                o.round,
                o.household_id,
                name,
                o.dwelling_id,
                response_word(o.response, ctx.lang),
                ctx.yes_no(o.final),
                w[o.decided_by.value],
                o.note,
            ]
        )
    writer = SheetWriter(sheet, ctx.lang)
    writer.table(
        TABLES[ctx.lang]["history"],
        [ctx.h[key] for key, _ in COLUMNS],
        [fmt for _, fmt in COLUMNS],
        rows,
        freeze=True,
    )
    writer.finish()
    print_setup(sheet, title_rows="1:1")
