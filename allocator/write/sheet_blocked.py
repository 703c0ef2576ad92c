"""Kræver koordinatoren / Needs the coordinator: households without an offer this round while lower-priority
households hold offers still out on dwellings that suit them (``allocator.rounds.blocked``), with the three ways
out and the exact way to take each: the rows to write on the decisions sheet, waiting, or the command that
reopens the offers still out. Written only in a round that has such households.
"""

from __future__ import annotations

from pathlib import Path

from allocator.provenance import Provenance
from allocator.rounds import Blocked, RoundReport
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_style import note_lines, print_setup, title
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES, wish_word

NOTE_WIDTH = 110
COLUMNS = (
    ("household_id", "text"),
    ("name", "text"),
    ("kind", "text"),
    ("seniority_date", "date"),
    ("dwelling_id", "text"),
    ("blocked_department", "text"),
    ("blocked_wish", "text"),
    ("blocked_holder", "text"),
    ("blocked_holder_seniority", "date"),
    ("offered_in", "int"),
)
PIN_COLUMNS = (  # as the decisions sheet has them (allocator.write.sheet_decisions)
    ("household_id", "text"),
    ("dwelling_id", "text"),
    ("action", "text"),
    ("reason", "long"),
    ("agreed", "text"),
)


def write(sheet: Sheet, ctx: Context, rounds: RoundReport, command: str) -> None:
    """``command`` runs this round again with the offers still out reopened (:func:`reopen_command`)."""
    w = ctx.w
    holders = sorted({x.holder for b in rounds.blocked for x in b.held})
    title(sheet, 1, 1, w["blocked_title"])
    row = 2
    for text in (w["blocked_intro"], w["blocked_pin"], w["blocked_wait"]):
        row += note_lines(sheet, row, text, NOTE_WIDTH)
    row += note_lines(sheet, row, w["blocked_reopen"].format(holders=", ".join(holders)), NOTE_WIDTH)
    sheet.text(row, 1, f"    {command}")
    writer = SheetWriter(sheet, ctx.lang)
    placed = writer.table(
        TABLES[ctx.lang]["blocked"],
        [ctx.h[key] for key, _ in COLUMNS],
        [fmt for _, fmt in COLUMNS],
        [line for b in rounds.blocked for line in _lines(ctx, b)],
        top=row + 2,
    )
    header = placed.first_row - 1
    row = placed.last_row + 3
    title(sheet, row, 1, w["blocked_pins_title"])
    writer.table(
        TABLES[ctx.lang]["blocked_pins"],
        [ctx.h[key] for key, _ in PIN_COLUMNS],
        [fmt for _, fmt in PIN_COLUMNS],
        [line for b in rounds.blocked for line in _pin_rows(ctx, b)],
        top=row + 1,
    )
    writer.finish()
    print_setup(sheet, title_rows=f"{header}:{header}")


def _lines(ctx: Context, b: Blocked) -> list[list]:
    h = ctx.household_by_id[b.household_id]
    rows = []
    for x in b.held:
        v = ctx.vacancy_by_id[x.dwelling_id]
        holder = ctx.household_by_id[x.holder]
        category = "no_wish" if not h.wishes else x.rank if x.rank <= len(h.wishes) else "other"
        rows.append(
            [
                h.household_id,
                h.name,
                ctx.kind(h),
                h.seniority_date,
                x.dwelling_id,
                v.department,
                wish_word(category, ctx.lang),
                x.holder,
                holder.seniority_date,
                x.round,
            ]
        )
    return rows


def _pin_rows(ctx: Context, b: Blocked) -> list[list]:
    """Withdraw the best dwelling's offer still out, then give it: in this order, as the decisions are read."""
    w, best = ctx.w, b.best
    return [
        [
            best.holder,
            best.dwelling_id,
            w["forbid"],
            w["blocked_forbid_reason"].format(household=b.household_id),
            ctx.yes_no(False),
        ],
        [
            b.household_id,
            best.dwelling_id,
            w["give"],
            w["blocked_give_reason"].format(holder=best.holder),
            ctx.yes_no(False),
        ],
    ]


def reopen_command(provenance: Provenance, rounds: RoundReport, out_name: str) -> str:
    """This round's command again, with ``--reopen-pending``: the same files and the same workbook name."""
    names = [f.name for f in provenance.files]
    households = names[0] if names else "HUSSTANDE.xlsx"
    vacancies = names[1] if len(names) > 1 else "BOLIGER.xlsx"
    history = Path(rounds.history_file).name if rounds.history_file else "RUNDE.xlsx"
    parts = ["genhus allocate", _quoted(households), _quoted(vacancies), "--history", _quoted(history)]
    if len(names) > 3:  # the decisions file comes after the history workbook (allocator.cli.allocate)
        parts += ["--decisions", _quoted(names[3])]
    return " ".join([*parts, "--reopen-pending", "--out", _quoted(out_name)])


def _quoted(name: str) -> str:
    return f'"{name}"' if any(c.isspace() for c in name) else name
