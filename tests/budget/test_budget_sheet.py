"""The workbook's Budget sheet: where it is, its tables, numbers that are numbers, and what it says is missing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import hh, instance, vac
from openpyxl import load_workbook

from allocator.budget import cost_lines
from allocator.check import check
from allocator.domain import BudgetSettings, Kind, Settings
from allocator.provenance import Provenance
from allocator.solve import solve
from allocator.write.workbook import write_workbook
from allocator.write.xlsx_style import AMOUNT
from allocator.write.xlsx_words import BUDGET_LABELS

TEMP = Kind.TEMPORARY


def case():
    """A permanent household with deposit and carpet, a temporary one without a current rent, an unhoused one."""
    households = [
        hh(
            "P1",
            name="Anna",
            current_rooms=3,
            deposit=10_000.0,
            carpet_age_years=7,
            carpet_value=10_000.0,
            handyman_hours=2,
            move_by=dt.date(2027, 3, 15),
            wishes=("A",),
        ),
        hh("T1", name="Bo", kind=TEMP, moving_method="removal_firm", wishes=("A",)),
        hh("X", name="Cille", members=6, current_rooms=6),  # nothing fits
    ]
    vacancies = [
        vac("A1", department="A", rent=6_000.0, deposit=11_000.0),  # 2 rooms: only T1's size
        vac(
            "A2", department="A", rooms=3, rent=7_300.0, available_from=dt.date(2027, 1, 1), deposit=12_000.0
        ),
    ]
    return instance(households, vacancies)


def write(tmp_path: Path, result, lang: str) -> Path:
    path = tmp_path / f"{lang}.xlsx"
    audit = check(result.instance, result.settings, result.assignment_map)
    write_workbook(path, result, audit, Provenance(files=()), lang=lang)
    return path


def table_rows(ws, name):
    cells = list(ws[ws.tables[name].ref])
    header = [c.value for c in cells[0]]
    return [dict(zip(header, row, strict=True)) for row in cells[1:]]


@pytest.fixture(scope="module")
def result():
    return solve(case(), Settings())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_budget_sheet_follows_the_summary(tmp_path, result, lang):
    names = load_workbook(write(tmp_path, result, lang)).sheetnames
    summary = "Overblik" if lang == "da" else "Summary"
    assert names[names.index(summary) + 1] == "Budget"


def test_household_lines_are_numbers_that_sum_to_the_totals(tmp_path, result):
    ws = load_workbook(write(tmp_path, result, "en"))["Budget"]
    assert set(ws.tables) == {"BudgetAssumptions", "BudgetItems", "BudgetHouseholdsPay", "BudgetHouseholds"}
    lines = {row["Household ID"].value: row for row in table_rows(ws, "BudgetHouseholds")}
    assert set(lines) == {"P1", "T1", "X"}
    p1, t1, x = lines["P1"], lines["T1"], lines["X"]
    # P1: one move from 3 rooms 8,000; 2 h handyman 900; carpet 7 years 3,000; empty rent 59 days * 240 = 14,160
    assert result.assignment_map == {"P1": "A2", "T1": "A1"}
    assert (p1["Moving"].value, p1["Handyman"].value, p1["Carpets"].value) == (8_000, 900, 3_000)
    assert p1["Empty-rent loss"].value == 14_160
    assert p1["Total for the project"].value == 26_060
    assert p1["Deposit difference (paid by the household)"].value == 2_000
    for cell in (p1["Moving"], p1["Total for the project"], p1["Empty-rent loss"]):
        assert cell.data_type == "n" and cell.number_format == AMOUNT
    assert p1["Not counted"].value is None
    # T1: removal firm twice; no current rent, no dates: rent difference and empty rent not counted (empty cells)
    assert t1["Moving"].value == 30_000
    assert t1["Temporary rent difference"].value is None and t1["Empty-rent loss"].value is None
    # no household states a current rent: said once in the assumptions, the line only names the item; the dates
    # are stated for others, so the line says which of them this household lacks
    assert t1["Not counted"].value == (
        "Temporary rent difference; Empty-rent loss: 'available_from' (dwelling), 'move_by' (household) missing"
    )
    assert t1["Carpets"].value == 0  # another household states a carpet: this one has none
    # X: not housed
    assert x["Dwelling ID"].value is None and x["Total for the project"].value is None
    assert x["Not counted"].value == "not housed"

    items = {row["Item"].value: row for row in table_rows(ws, "BudgetItems")}
    total = items["Total for the project"]
    assert total["Total"].value == 26_060 + 30_000
    assert (total["Permanent"].value, total["Temporary"].value) == (26_060, 30_000)
    assert total["Total"].number_format == AMOUNT
    assert items["Temporary rent difference"]["Not counted (households)"].value == 1
    expected = cost_lines(
        result.instance.households, result.instance.vacancies, result.assignment_map, Settings()
    )
    assert total["Total"].value == sum(line.project_total for line in expected)
    paid = {row["Item"].value: row for row in table_rows(ws, "BudgetHouseholdsPay")}
    assert paid["Deposit difference (paid by the household)"]["Total"].value == 2_000


def test_assumptions_give_every_setting_and_what_was_not_counted(tmp_path, result):
    ws = load_workbook(write(tmp_path, result, "en"))["Budget"]
    rows = table_rows(ws, "BudgetAssumptions")
    settings = {r["Assumption"].value: r["Value"].value for r in rows if r["Section"].value == "Setting"}
    assert set(BUDGET_LABELS["en"][key] for key in BudgetSettings().as_dict()) <= set(settings)
    assert settings["Moving allowance, 3 rooms (kr per move)"] == 8_000
    assert settings["Days holding both dwellings (days)"] == 14
    assert settings["A held dwelling is moved into"] == "14 days before the move-by date"
    # stay_months is in no row: the default holds for everyone
    defaults = {r["Assumption"].value: r["Value"].value for r in rows if r["Section"].value == "Default used"}
    assert defaults == {"Temporary stay (months)": 12}
    not_counted = {
        r["Assumption"].value: r["Meaning"].value for r in rows if r["Section"].value == "Not counted"
    }
    assert "Not housed" in not_counted and "Some households" in not_counted
    assert "'current_rent' (household)" in not_counted["Temporary rent difference"]
    assert "Carpets" not in not_counted  # stated for one household


def test_a_missing_column_is_said_once_in_the_assumptions_in_danish(tmp_path):
    result = solve(instance([hh("H", current_rent=5_000.0)], [vac("B1", rent=5_000.0)]), Settings())
    ws = load_workbook(write(tmp_path, result, "da"))["Budget"]
    rows = table_rows(ws, "BudgetForudsaetninger")
    missing = {
        r["Forudsætning"].value: r["Betydning"].value for r in rows if r["Afsnit"].value == "Ikke medregnet"
    }
    assert "'Tæppe alder' (husstand) / 'Tæppe værdi' (husstand)" in missing["Tæpper"]
    assert "'Indskud' (husstand) / 'Indskud' (bolig)" in missing["Indskudsforskel (betales af husstanden)"]
    (line,) = table_rows(ws, "BudgetHusstande")
    assert line["Tæpper"].value is None
    # the missing columns are said above, not again on every line
    assert line["Ikke medregnet"].value.startswith("Tomgangsleje; Tæpper")
    assert line["Flytning"].value == 6_000 and line["Flytning"].data_type == "n"
