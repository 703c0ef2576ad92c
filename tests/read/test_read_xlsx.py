"""Workbooks: real cell types, the first or a named sheet, and workbook-specific problems."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from allocator.domain import Kind, Use
from allocator.problems import InputError
from allocator.read import read_households, read_instance, read_vacancies

HEADER = ["Lejemål", "Navn", "Afdeling", "Kommune", "Antal personer", "Antal rum", "Genhusningstype",
          "Anciennitetsdato", "Ønske 1", "Ønske 2", "Elevator", "Max husleje", "Senest fraflytning",
          "Noter"]  # fmt: skip
ROW = [1024.0, "Anna", 7, "Aarhus", 2, 3.0, "Midlertidig", dt.datetime(2001, 3, 1, 14, 30), "Syd", 12,
       True, 8500.5, dt.date(2027, 9, 1), dt.datetime(2020, 1, 2)]  # fmt: skip

WriteXlsx = Callable[..., Path]


def test_real_cell_types_are_read_without_a_text_round_trip(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("households.xlsx", {"Husstande": [HEADER, ROW]})
    (household,), warnings = read_households(path)
    assert warnings == []
    assert household.household_id == "1024"
    assert household.department == "7"
    assert household.wishes == ("Syd", "12")
    assert (household.members, household.current_rooms) == (2, 3)
    assert household.kind is Kind.TEMPORARY
    assert household.seniority_date == dt.date(2001, 3, 1)
    assert household.needs_elevator is True
    assert household.max_rent == 8500.5
    assert household.move_by == dt.date(2027, 9, 1)
    # Unknown columns keep the workbook's own value, not a text rendering of it.
    assert household.extra == (("Noter", dt.datetime(2020, 1, 2)),)


def test_first_sheet_is_read_by_default_and_a_named_one_on_request(write_xlsx: WriteXlsx) -> None:
    other = [HEADER, ["H9", *ROW[1:]]]
    path = write_xlsx("households.xlsx", {"Husstande": [HEADER, ROW], "Fase 2": other})
    assert read_households(path)[0][0].household_id == "1024"
    assert read_households(path, sheet="Fase 2")[0][0].household_id == "H9"
    assert read_households(path, sheet="fase 2")[0][0].household_id == "H9"


def test_unknown_sheet_names_the_sheets_there_are(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("households.xlsx", {"Husstande": [HEADER, ROW], "Fase 2": [HEADER]})
    with pytest.raises(InputError) as caught:
        read_households(path, sheet="Fase 3")
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (str(path), None, None)
    assert problem.message == "no sheet named 'Fase 3'; the workbook has 'Husstande', 'Fase 2'"


def test_sheet_given_for_a_csv_is_a_problem(data: Path) -> None:
    with pytest.raises(InputError, match="a CSV file has no sheets"):
        read_households(data / "households_en.csv", sheet="Husstande")


def test_workbook_cell_problems_are_located(write_xlsx: WriteXlsx) -> None:
    bad = list(ROW)
    bad[4] = 2.5  # members
    bad[7] = 36951  # a date stored as a plain number
    bad[10] = "måske"
    path = write_xlsx("households.xlsx", {"Ark1": [HEADER, ROW, bad]})
    with pytest.raises(InputError) as caught:
        read_households(path)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (3, "Antal personer", 2.5),
        (3, "Anciennitetsdato", 36951),
        (3, "Elevator", "måske"),
        (3, "Lejemål", "1024"),
    ]
    assert "format the cell as a date" in caught.value.problems[1].message
    assert "also used in row 2" in caught.value.problems[3].message


def test_an_empty_unnamed_column_is_ignored_but_a_filled_one_is_not(write_xlsx: WriteXlsx) -> None:
    path = write_xlsx("households.xlsx", {"Ark1": [[*HEADER, None, "Mere"], [*ROW, None, "x"]]})
    (household,), _ = read_households(path)
    assert household.extra == (("Noter", dt.datetime(2020, 1, 2)), ("Mere", "x"))
    path = write_xlsx("households2.xlsx", {"Ark1": [HEADER, [*ROW, "løs"]]})
    with pytest.raises(InputError) as caught:
        read_households(path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "(no header, column O)", "løs")


def test_vacancy_workbook_and_both_workbooks_together(write_xlsx: WriteXlsx) -> None:
    vacancies = write_xlsx(
        "vacancies.xlsx",
        {
            "Boliger": [
                [
                    "Bolig-ID",
                    "Afdeling",
                    "Kommune",
                    "Værelser",
                    "Areal",
                    "Husleje",
                    "Etage",
                    "Elevator",
                    "Ledig fra",
                    "Anvendelse",
                ],  # fmt: skip
                ["0042", "Syd", "Aarhus", 3, 76, 7900, -1, False, dt.datetime(2027, 6, 1), "Begge"],
                [101.0, "7", "Aarhus", 2.0, 55.5, "6.400,00", 0, 1, "2027-06-01 00:00:00", None],
            ]
        },
    )
    (v1, v2), _ = read_vacancies(vacancies)
    assert (v1.dwelling_id, v1.floor, v1.elevator, v1.use) == ("0042", -1, False, Use.ANY)
    assert (v2.dwelling_id, v2.rooms, v2.rent, v2.elevator) == ("101", 2, 6400.0, True)
    assert v2.available_from == v1.available_from == dt.date(2027, 6, 1)
    households = write_xlsx("households.xlsx", {"Husstande": [HEADER, ROW]})
    result = read_instance(households, vacancies, household_sheet="Husstande", vacancy_sheet="Boliger")
    assert result.household_columns == tuple(HEADER)
    # "Syd" is a vacancy's department and "7" the household's own; "12" is in neither file.
    assert result.warnings == (f"{households} row 2: wish '12' matches no department in either file",)


def test_excel_error_value_in_a_workbook_is_a_problem(write_xlsx: WriteXlsx) -> None:
    bad = list(ROW)
    bad[2] = "#REF!"
    path = write_xlsx("households.xlsx", {"Ark1": [HEADER, bad]})
    with pytest.raises(InputError) as caught:
        read_households(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "Afdeling")]


def test_a_workbook_with_a_wrong_stored_size_is_read_in_full(write_xlsx: WriteXlsx, tmp_path: Path) -> None:
    # Some programs store a <dimension> smaller than the sheet; read-only openpyxl would trust it, cut cells.
    good = write_xlsx("good.xlsx", {"Ark1": [HEADER, ROW, ["H2", *ROW[1:]]]})
    shrunk = tmp_path / "households.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(shrunk, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', content)
            dst.writestr(item, content)
    households, _ = read_households(shrunk)
    assert [h.household_id for h in households] == ["1024", "H2"]
    assert households[1].extra == (("Noter", dt.datetime(2020, 1, 2)),)
