"""No English word or internal name leaks into the Danish workbook of the example case (apart from ids, names,
input text and the technical appendix at the bottom of Kontrol, which is for IT), in the first round and in a
second round with warnings, decisions and a household that offers still out keep from a dwelling."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from allocator import pipeline
from allocator.cli import main
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
    "is", "are", "was", "not", "in", "with", "on", "or", "an", "than", "more", "one", "again", "takes", "round",
    "sheet", "row", "rows", "column", "file", "void", "withdrawn", "kept", "refusal", "final", "landlord",
    "resident", "vacancy", "vacancies", "municipality", "department", "seniority", "stay", "months", "check",
    "warning", "missing", "empty", "decision", "coordinator", "reason", "longer", "given", "read", "hidden",
}  # fmt: skip
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a setting or field name such as board_min_rooms
INPUT_HEADERS = {"Husstand-ID", "Bolig-ID", "Navn", "Adresse", "Ny adresse", "Afdeling", "Ny afdeling", "Kommune",
                 "Ny kommune", "1. ønske (afdeling)", "Lille husstand", "Større husstand", "Fil", "SHA-256",
                 "Tidligere tilbud", "Anvist til", "Boligens afdeling"}  # fmt: skip


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    files = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
    data = read_instance(*files)
    provenance = Provenance(files=tuple(describe_file(f, 1) for f in files))
    outcome = pipeline.run(data.instance, Settings(), provenance, warnings=data.warnings)
    path = tmp_path_factory.mktemp("da") / "tilbud.xlsx"
    pipeline.write(outcome, out=path)
    return load_workbook(path)


def _invoke(folder: Path, *args) -> None:
    """``genhus allocate`` in ``folder`` with file names relative to it, as a coordinator runs it (the sheets
    then name the files as the coordinator does, not by a temporary folder's path)."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["allocate", *map(str, args), "-q"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def round_2(tmp_path_factory):
    """A second round of the example with everything a round can say: refusals, a final offer, offers still
    out, one of them void (its dwelling left the vacancies), one withdrawn by a decision, and a senior household
    that offers still out keep from a dwelling (the sheet Kræver koordinatoren)."""
    out = tmp_path_factory.mktemp("runde")
    households, vacancies = out / "husstande.csv", out / "boliger.csv"
    shutil.copy(EXAMPLE / "households.csv", households)
    shutil.copy(EXAMPLE / "vacancies.csv", vacancies)
    _invoke(out, households.name, vacancies.name, "--out", "runde-1.xlsx")
    wb = load_workbook(out / "runde-1.xlsx")
    ws = wb["Tilbud"]
    head = [c.value for c in ws[1]]
    hid, svar, bolig = head.index("Husstand-ID"), head.index("Svar"), head.index("Bolig-ID")
    pending = []
    for k, row in enumerate((r for r in ws.iter_rows(min_row=2) if r[bolig].value), start=1):
        if row[hid].value in ("H0125", "H0003"):
            row[svar].value = "afslået"
        elif k % 2 == 0:
            row[svar].value = "accepteret"
        else:
            pending.append((row[hid].value, row[bolig].value))
    wb.save(out / "runde-1-svar.xlsx")
    (_, gone), (forbid_h, forbid) = pending[0], pending[1]
    lines = vacancies.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    (out / "boliger-2.csv").write_text(
        "".join(x for x in lines if x.split(";", 1)[0] != gone), encoding="utf-8"
    )
    (out / "beslutninger.csv").write_text(
        f"Husstand-ID;Bolig-ID;Handling;Begrundelse\n{forbid_h};{forbid};udeluk;for langt fra skolen\n",
        encoding="utf-8",
    )
    _invoke(
        out, households.name, "boliger-2.csv", "--history", "runde-1-svar.xlsx", "--decisions", "beslutninger.csv",
        "--out", "runde-2.xlsx",
    )  # fmt: skip
    return load_workbook(out / "runde-2.xlsx")


def _exempt(ws) -> set[tuple[int, int]]:
    """Cells of input text (columns headed by an input field, or beyond the known columns) and the appendix."""
    cells: set[tuple[int, int]] = set()
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        heads = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
        for c, head in zip(range(min_col, max_col + 1), heads, strict=True):
            technical = table.displayName in ("KontrolTeknisk", "Inputfiler")
            extra = (
                ws.title in ("Tilbud", "Boliger")
                and c > heads.index("Svar" if ws.title == "Tilbud" else "Ønske opfyldt") + min_col
            )
            if technical or head in INPUT_HEADERS or extra:
                cells.update((r, c) for r in range(min_row + 1, max_row + 1))
    return cells


def _leaks(book) -> list[str]:
    leaks = []
    for ws in book:
        if ws.sheet_state != "visible":
            continue
        exempt = _exempt(ws)
        bottom = ws.max_row + 1
        if ws.title == "Kontrol":  # the appendix: from its title down
            bottom = next(
                r
                for r in range(1, ws.max_row + 1)
                if ws.cell(row=r, column=1).value == "Teknisk bilag (til IT)"
            )
        for row in ws.iter_rows(max_row=bottom - 1):
            for c in row:
                if (
                    not isinstance(c.value, str)
                    or (c.row, c.column) in exempt
                    or c.value.startswith("    genhus")
                ):
                    continue
                words = {w.lower() for w in re.findall(r"[A-Za-z]+", c.value)}
                found = (words & ENGLISH) | set(IDENTIFIER.findall(c.value))
                if found:
                    leaks.append(f"{ws.title}!{c.coordinate}: {sorted(found)} in {c.value!r}")
    return leaks


def test_no_english_word_in_the_danish_workbook(book):
    leaks = _leaks(book)
    assert not leaks, "\n".join(leaks[:40])


def test_no_english_word_in_a_danish_round_2_workbook(round_2):
    assert "Kræver koordinatoren" in round_2.sheetnames
    warnings = [r[2] for r in round_2["Kontrol"].iter_rows(values_only=True) if r[0] == "Advarsler"]
    assert any("bortfalder" in w for w in warnings) and any("trukket tilbage" in w for w in warnings)
    leaks = _leaks(round_2)
    assert not leaks, "\n".join(leaks[:40])


def test_the_check_finds_an_english_word():
    # The checker itself must be able to fail: an English warning on the Danish Kontrol sheet is found.
    class Cell:
        def __init__(self, value, row, column):
            self.value, self.row, self.column, self.coordinate = value, row, column, f"C{row}"

    class Sheet:
        title, sheet_state, tables, max_row = "Kontrol", "visible", {}, 2

        def cell(self, row, column):
            return Cell("Teknisk bilag (til IT)" if row == 2 else None, row, column)

        def iter_rows(self, max_row):
            return [[Cell("x.csv row 3: the offer is void", 1, 3)]]

    found = ["Kontrol!C1: ['is', 'offer', 'row', 'the', 'void'] in 'x.csv row 3: the offer is void'"]
    assert _leaks([Sheet()]) == found
