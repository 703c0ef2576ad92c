"""A coordinator's answers typed into a written workbook, for the offer-round tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def answer(src: Path, dst: Path, responses: dict[str, str]) -> Path:
    """Type the responses into the offers sheet's Svar column, as a coordinator does in Excel; returns ``dst``."""
    book = load_workbook(src)
    ws = book["Tilbud"]
    head = [c.value for c in ws[1]]
    hid, svar = head.index("Husstand-ID"), head.index("Svar")
    for row in ws.iter_rows(min_row=2):
        if row[hid].value in responses:
            row[svar].value = responses[row[hid].value]
    book.save(dst)
    return dst
