"""Tilbud / Offers: one flat row per household, ready for a Word mail merge of the offer letters.

One header row, no merged cells, households in input order: who they are, what they are offered, the rent
change, the wish met in words (coloured), the move-by date, an empty response column with a dropdown, and the
input's unknown columns at the end, headed as written.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from allocator.write.xlsx_context import Context, extra_headers, extra_values
from allocator.write.xlsx_style import FILTER_BUTTON, print_setup
from allocator.write.xlsx_table import SheetWriter
from allocator.write.xlsx_words import TABLES

COLUMNS = (
    ("household_id", "text"),
    ("name", "text"),
    ("address", "text"),
    ("department", "text"),
    ("municipality", "text"),
    ("kind", "text"),
    ("members", "int"),
    ("current_rooms", "int"),
    ("seniority_date", "date"),
    ("current_rent", "amount"),
    ("dwelling_id", "text"),
    ("new_address", "text"),
    ("new_department", "text"),
    ("new_municipality", "text"),
    ("rooms", "int"),
    ("area", "amount"),
    ("new_rent", "amount"),
    ("floor", "int"),
    ("elevator", "text"),
    ("available_from", "date"),
    ("rent_change", "amount"),
    ("wish", "text"),
    ("move_by", "date"),
    ("response", "text"),
)


def write(ws: Worksheet, ctx: Context) -> None:
    extras = extra_headers(ctx.households)
    headers = [ctx.h[key] for key, _ in COLUMNS] + extras
    formats = [fmt for _, fmt in COLUMNS] + ["auto"] * len(extras)
    rows = [_row(ctx, h) + extra_values(h, extras) for h in ctx.households]
    writer = SheetWriter(ws, ctx.lang)
    placed = writer.table(TABLES[ctx.lang]["offers"], headers, formats, rows, freeze=True)
    response = [key for key, _ in COLUMNS].index("response")
    answers = (ctx.w["accepted"], ctx.w["refused"])
    writer.at_least(placed.first_column + response, max(map(len, answers)) + FILTER_BUTTON)
    writer.finish()
    _response_dropdown(ws, ctx, placed.column_range(response))
    print_setup(ws, title_rows="1:1", pages_wide=2, title_columns="A:B")


def _row(ctx: Context, h) -> list:
    v = ctx.dwelling_of.get(h.household_id)
    change = None
    if v is not None and v.rent is not None and h.current_rent is not None:
        change = round(v.rent - h.current_rent, 2)
    offer = [ctx.dwelling_id_of.get(h.household_id)] + [None] * 9
    if v is not None:
        offer = [
            v.dwelling_id,
            v.address,
            v.department,
            v.municipality,
            v.rooms,
            v.area_m2,
            v.rent,
            v.floor,
            ctx.yes_no(v.elevator),
            v.available_from,
        ]
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
        None,
    ]


def _response_dropdown(ws: Worksheet, ctx: Context, cells: str) -> None:
    accepted, refused = ctx.w["accepted"], ctx.w["refused"]
    validation = DataValidation(
        type="list",
        formula1=f'"{accepted},{refused}"',
        allow_blank=True,
        showDropDown=False,  # False shows the in-cell arrow (the file format's attribute name is inverted)
        showErrorMessage=True,
        errorTitle=ctx.w["response_title"],
        error=ctx.w["response_error"],
        promptTitle=ctx.w["response_title"],
        prompt=f"{accepted} / {refused}",
        showInputMessage=True,
    )
    validation.add(cells)
    ws.add_data_validation(validation)
