"""No English word or internal name leaks into the Danish workbook of the example case (apart from ids, names,
input text and the technical appendix at the bottom of Kontrol, which is for IT)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from allocator import pipeline
from allocator.domain import Settings
from allocator.provenance import Provenance, describe_file
from allocator.read import read_instance

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example"
ENGLISH = {
    "the", "of", "and", "housed", "coverage", "ok", "failed", "rule", "rules", "breaches", "priority", "waste",
    "trade", "cycles", "decisions", "setting", "settings", "optimiser", "objective", "bound", "seed", "allowance",
    "tie", "break", "households", "household", "dwelling", "dwellings", "none", "yes", "no", "free", "accepted",
    "refused", "pending", "offer", "offers", "wish", "first", "range", "strict", "soft", "weighted", "optimal",
    "exchanges", "status", "before", "move", "days", "room", "rooms", "removal", "firm", "handyman",
}  # fmt: skip
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a setting or field name such as board_min_rooms
INPUT_HEADERS = {"Husstand-ID", "Bolig-ID", "Navn", "Adresse", "Ny adresse", "Afdeling", "Ny afdeling", "Kommune",
                 "Ny kommune", "1. ønske (afdeling)", "Lille husstand", "Større husstand", "Fil", "SHA-256",
                 "Tidligere tilbud", "Anvist til"}  # fmt: skip


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    files = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
    data = read_instance(*files)
    provenance = Provenance(files=tuple(describe_file(f, 1) for f in files))
    outcome = pipeline.run(data.instance, Settings(), provenance, warnings=data.warnings)
    path = tmp_path_factory.mktemp("da") / "tilbud.xlsx"
    pipeline.write(outcome, out=path)
    return load_workbook(path)


def _exempt(ws) -> set[tuple[int, int]]:
    """Cells of input text (columns headed by an input field, or beyond the known columns) and the appendix."""
    cells: set[tuple[int, int]] = set()
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        heads = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
        for c, head in zip(range(min_col, max_col + 1), heads, strict=True):
            technical = table.displayName in ("KontrolTeknisk", "Inputfiler")
            extra = ws.title in ("Tilbud", "Boliger") and c > heads.index("Svar" if ws.title == "Tilbud" else
                                                                          "Ønske opfyldt") + min_col
            if technical or head in INPUT_HEADERS or extra:
                cells.update((r, c) for r in range(min_row + 1, max_row + 1))
    return cells


def test_no_english_word_in_the_danish_workbook(book):
    leaks = []
    for ws in book:
        if ws.sheet_state != "visible":
            continue
        exempt = _exempt(ws)
        bottom = ws.max_row + 1
        if ws.title == "Kontrol":  # the appendix: from its title down
            bottom = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value ==
                          "Teknisk bilag (til IT)")
        for row in ws.iter_rows(max_row=bottom - 1):
            for c in row:
                if not isinstance(c.value, str) or (c.row, c.column) in exempt or c.value.startswith("    genhus"):
                    continue
                words = {w.lower() for w in re.findall(r"[A-Za-z]+", c.value)}
                found = (words & ENGLISH) | set(IDENTIFIER.findall(c.value))
                if found:
                    leaks.append(f"{ws.title}!{c.coordinate}: {sorted(found)} in {c.value!r}")
    assert not leaks, "\n".join(leaks[:40])
