"""The offers workbook (plain for now): one row per household with its offer, and the unassigned with reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from allocator.result import Result
from allocator.write.atomic import atomic_path

HEADERS = {
    "da": {
        "offers": "Tilbud",
        "unassigned": "Ikke anvist",
        "columns": ["Husstand-ID", "Navn", "Afdeling", "Kommune", "Genhusningstype", "Bolig-ID", "Ønske opfyldt"],
        "reason_columns": ["Husstand-ID", "Navn", "Begrundelse"],
    },
    "en": {
        "offers": "Offers",
        "unassigned": "Unassigned",
        "columns": ["Household ID", "Name", "Department", "Municipality", "Kind", "Dwelling ID", "Wish rank"],
        "reason_columns": ["Household ID", "Name", "Reason"],
    },
}


def write_workbook(path: str | Path, result: Result, audit: dict[str, Any], *, lang: str = "da") -> None:
    words = HEADERS[lang]
    book = Workbook()
    offers = book.active
    offers.title = words["offers"]
    offers.append(words["columns"])
    by_id = result.assignment_map
    ranks = {a.household_id: a.rank for a in result.assignments}
    for h in result.instance.households:
        _append_text_row(
            offers,
            [h.household_id, h.name, h.department, h.municipality, h.kind.value,
             by_id.get(h.household_id), ranks.get(h.household_id)],
        )
    unassigned = book.create_sheet(words["unassigned"])
    unassigned.append(words["reason_columns"])
    names = {h.household_id: h.name for h in result.instance.households}
    for u in result.unassigned:
        _append_text_row(unassigned, [u.household_id, names[u.household_id], "; ".join(r.text(lang) for r in u.reasons)])
    with atomic_path(path) as tmp:
        book.save(tmp)


def _append_text_row(sheet, values: list) -> None:
    """Append a row; strings are always written as text, so a cell from the input can never become a formula."""
    sheet.append([None] * len(values))
    row = sheet.max_row
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
