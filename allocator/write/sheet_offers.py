"""Tilbud / Offers: one flat row per household, ready for a Word mail merge of the offer letters.

One header row, no merged cells, households in input order: who they are, what they are offered, the rent
change, the wish met in words (coloured), the move-by date, an empty response column with a dropdown, and the
input's unknown columns at the end, headed as written.

Before the response, the offer rounds (``allocator.rounds``): this workbook's round, the round the offer was made
in, which offer it is for the household, its status (new, pinned, still out since round k, accepted in round k,
and for a final offer the rule that makes it final), who chose the dwelling, whether it is the final offer, the
refusals so far and the earlier offers in one cell. An offer accepted earlier has its response filled in.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from allocator.rounds import RoundReport, Status, first_round
from allocator.sheet_columns import OFFER_COLUMNS
from allocator.write.xlsx_book import Sheet
from allocator.write.xlsx_context import Context, extra_headers, extra_values
from allocator.write.xlsx_style import FILTER_BUTTON, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import PHASE_HEADERS, SCHEDULE_HEADERS, TABLES, counted

COLUMNS = OFFER_COLUMNS  # shared with the readers of this sheet (allocator.sheet_columns)

PHASE_COLUMNS = (("phase", "text"), ("stay_from", "date"), ("stay_until", "date"))
"""A phased case's columns after the move-by date (issue 12): the household's phase and its stay."""


def write(sheet: Sheet, ctx: Context, rounds: RoundReport | None = None) -> None:
    rounds = rounds if rounds is not None else first_round(ctx.result)
    extras = extra_headers(ctx.households)
    columns = _columns(ctx)
    words = {**ctx.h, **PHASE_HEADERS[ctx.lang]} if ctx.result.instance.phased else ctx.h
    moves = _move_headers(ctx)
    headers = [words[key] for key, _ in columns] + moves + extras
    formats = [fmt for _, fmt in columns] + ["date"] * len(moves) + ["auto"] * len(extras)
    rows = [_row(ctx, h, rounds) + _move_cells(ctx, h) + extra_values(h, extras) for h in ctx.households]
    writer = SheetWriter(sheet, ctx.lang)
    placed = writer.table(TABLES[ctx.lang]["offers"], headers, formats, rows, freeze=True)
    response = [key for key, _ in columns].index("response")
    answers = (ctx.w["accepted"], ctx.w["refused"])
    writer.at_least(placed.first_column + response, max(map(len, answers)) + FILTER_BUTTON)
    writer.finish()
    offered = [k for k, h in enumerate(ctx.households) if h.household_id in ctx.dwelling_id_of]
    _response_dropdown(sheet, ctx, placed, response, offered)
    print_setup(sheet, title_rows="1:1", pages_wide=2, title_columns="A:B")


def _columns(ctx: Context) -> tuple[tuple[str, str], ...]:
    if not ctx.result.instance.phased:
        return COLUMNS
    after = [key for key, _ in COLUMNS].index("move_by") + 1
    return COLUMNS[:after] + PHASE_COLUMNS + COLUMNS[after:]


def _phase_cells(ctx: Context, h) -> list:
    """Phase, stay from and stay until (empty: not housed, or for good)."""
    if not ctx.result.instance.phased:
        return []
    stay = ctx.held_stay.get(h.household_id)
    return [h.phase, stay.start if stay else None, stay.until if stay else None]


def _row(ctx: Context, h, rounds: RoundReport) -> list:
    v = ctx.dwelling_of.get(h.household_id)
    change = None
    if v is not None and v.rent is not None and h.current_rent is not None:
        change = round(v.rent - h.current_rent, 2)
    offer = [ctx.dwelling_id_of.get(h.household_id)] + [None] * 9
    if v is not None:
        offer = ctx.dwelling_cells(v)
    return [
        h.household_id,
        h.name,
        h.address,
        h.department,
        h.municipality,
        ctx.kind(h),
        h.members,
        h.current_rooms,
        h.seniority_date,
        h.current_rent,
        *offer,
        change,
        ctx.wish_cell(h),
        h.move_by,
        *_phase_cells(ctx, h),
        *_round_cells(ctx, h, rounds),
    ]


def _move_headers(ctx: Context) -> list[str]:
    """The moving schedule's dates, where one was made (issue 13): the move, and a temporary household's
    move back."""
    if ctx.schedule is None:
        return []
    return [SCHEDULE_HEADERS[ctx.lang]["move_date"], SCHEDULE_HEADERS[ctx.lang]["move_back_date"]]


def _move_cells(ctx: Context, h) -> list:
    if ctx.schedule is None:
        return []
    dates = ctx.schedule.dates_of(h.household_id)
    return [dates.get("permanent") or dates.get("out"), dates.get("back")]


def _round_cells(ctx: Context, h, rounds: RoundReport) -> list:
    """Round, offered in, offer no., status, decided by, final offer, refusals, earlier offers, response."""
    w = ctx.w
    standing = rounds.of(h.household_id)
    earlier = "; ".join(
        f"{w['round_word']} {o.round}: {o.dwelling_id} {w[o.response.value]}" for o in standing.earlier
    )
    if standing.status is None:
        status = w["status_none"] if h.household_id not in ctx.dwelling_id_of else None
        if any(b.household_id == h.household_id for b in rounds.blocked):
            status = w["status_blocked"]
        return [rounds.round, None, None, status, None, None, standing.refusals, earlier or None, None]
    status = {
        Status.NEW: w["status_new"],
        Status.PINNED: w["status_pinned"],
        Status.PENDING: w["status_pending"].format(round=standing.offered_in),
        Status.ACCEPTED: w["status_accepted"].format(round=standing.offered_in),
    }[standing.status]
    if standing.final:
        status += "; " + counted(w, "final_rule", standing.refusals, refusals=standing.refusals)
    return [
        rounds.round,
        standing.offered_in,
        standing.offer_no,
        status,
        w[standing.decided_by.value] if standing.decided_by is not None else None,
        ctx.yes_no(standing.final),
        standing.refusals,
        earlier or None,
        w["accepted"] if standing.status is Status.ACCEPTED else None,
    ]


def _response_dropdown(sheet: Sheet, ctx: Context, placed, offset: int, offered: list[int]) -> None:
    """The accepted / refused list on the response cells of the rows with an offer (``offered``: 0-based rows
    of the table), as one validation over runs of consecutive rows."""
    if not offered:
        return
    accepted, refused = ctx.w["accepted"], ctx.w["refused"]
    letter = xl_col_to_name(placed.first_column + offset - 1)
    runs: list[list[int]] = []
    for k in offered:
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    first_row = placed.first_row
    ranges = [
        f"{letter}{first_row + a}" if a == b else f"{letter}{first_row + a}:{letter}{first_row + b}" for a, b in runs
    ]
    column = placed.first_column + offset - 1
    sheet.ws.data_validation(
        first_row - 1 + runs[0][0],
        column,
        first_row - 1 + runs[0][1],
        column,
        {
            "validate": "list",
            "source": [accepted, refused],
            "ignore_blank": True,
            "show_error": True,
            "error_title": ctx.w["response_title"],
            "error_message": ctx.w["response_error"],
            "input_title": ctx.w["response_title"],
            "input_message": f"{accepted} / {refused}",
            "show_input": True,
            "multi_range": " ".join(ranges),
        },
    )
