"""The Budget sheet as a coordinator prints and reads it: the total's "not counted" counts only households that
miss an item others have (not an item no household has), the per-household table's header repeats on every
printed page, and the assumptions carry their units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import hh, instance, vac
from openpyxl import load_workbook

from allocator.check import check
from allocator.domain import Kind, Settings
from allocator.provenance import Provenance
from allocator.solve import solve
from allocator.write.workbook import write_workbook


def written(tmp_path: Path, households) -> Path:
    vacancies = [
        vac(f"B{k}", rent=6_000.0, available_from=dt.date(2027, 1, 1)) for k in range(len(households))
    ]
    result = solve(instance(households, vacancies), Settings())
    path = tmp_path / "b.xlsx"
    write_workbook(
        path, result, check(result.instance, result.settings, result.assignment_map), Provenance(files=())
    )
    return path


def items(path: Path) -> dict[str, dict]:
    ws = load_workbook(path)["Budget"]
    cells = list(ws[ws.tables["BudgetPoster"].ref])
    head = [c.value for c in cells[0]]
    return {row[0].value: dict(zip(head, (c.value for c in row), strict=True)) for row in cells[1:]}


def household(hid: str, **kw):
    return hh(hid, move_by=dt.date(2027, 6, 1), current_rent=5_000.0, **kw)


def test_an_item_no_household_has_is_not_counted_again_in_the_total(tmp_path):
    # No carpet columns at all: the carpet row says both households, the total none.
    rows = items(written(tmp_path, [household("H1"), household("H2")]))
    assert rows["Tæpper"]["Ikke medregnet (husstande)"] == 2
    assert rows["I alt for byggesagen"]["Ikke medregnet (husstande)"] == 0


def test_a_household_missing_what_another_has_is_counted_in_the_total(tmp_path):
    # Two temporary households; H2's current rent is not known, H1's is: H2 misses the rent difference.
    h1 = household("H1", kind=Kind.TEMPORARY)
    h2 = hh("H2", move_by=dt.date(2027, 6, 1), kind=Kind.TEMPORARY)
    rows = items(written(tmp_path, [h1, h2]))
    assert rows["Huslejeforskel (midlertidig)"]["Ikke medregnet (husstande)"] == 1
    assert rows["I alt for byggesagen"]["Ikke medregnet (husstande)"] == 1


def test_the_per_household_header_repeats_on_every_page_and_the_assumptions_have_units(tmp_path):
    ws = load_workbook(written(tmp_path, [household("H1")]))["Budget"]
    header_row = int(ws.tables["BudgetHusstande"].ref.split(":")[0][1:])
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.fitToWidth == 2 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols == "$A:$B"
    cells = list(ws[ws.tables["BudgetForudsaetninger"].ref])
    labels = [row[1].value for row in cells[1:] if row[0].value == "Indstilling"]
    assert "Flyttegodtgørelse, 1-2 rum (kr. pr. flytning)" in labels
    assert "Timepris for håndværker (kr. pr. time)" in labels
