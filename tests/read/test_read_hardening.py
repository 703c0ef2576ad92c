"""Nothing lost, nothing guessed: input that used to be read differently than the coordinator sees it.

Their files are tests/data/hard_*: not named households_* or vacancies_*, which test_read_broken_files lists.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

import allocator.read
from allocator.problems import InputError
from allocator.read import read_households, read_instance, read_vacancies

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = ["Lejemål", "Navn", "Afdeling", "Kommune", "Antal personer", "Antal rum", "Genhusningstype",
          "Anciennitetsdato", "Max husleje", "Senest fraflytning", "Noter"]  # fmt: skip
ROW = ["H1", "Anna", "Nord", "Aarhus", 2, 3, "permanent", dt.date(2001, 3, 1), 8500, dt.date(2027, 9, 1), "x"]


def _problems(
    path: Path, reader: Callable = read_households
) -> list[tuple[int | None, str | None, object, str]]:
    with pytest.raises(InputError) as caught:
        reader(path)
    return [(p.row, p.column, p.value, p.message) for p in caught.value.problems]


def _workbook(tmp_path: Path, rows: list[list], edit: Callable | None = None, name: str = "h.xlsx") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    if edit is not None:
        edit(ws)
    path = tmp_path / name
    book.save(path)
    return path


def _patch_sheet(path: Path, change: Callable[[bytes], bytes]) -> None:
    """Rewrite the first sheet's XML, as a program other than openpyxl might have written it."""
    with zipfile.ZipFile(path) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for item, content in items:
            dst.writestr(item, change(content) if item.filename == "xl/worksheets/sheet1.xml" else content)


# --- 4: formulas without a saved value, merged cells ------------------------------------------------------


def test_formula_without_a_saved_value_is_a_problem_in_every_column(tmp_path: Path) -> None:
    bad = list(ROW)
    bad[4] = "=1+1"  # members: required
    bad[8] = "=7000+500"  # max rent: optional
    bad[10] = '=CONCAT("a";"b")'  # an unknown column, carried to the output
    path = _workbook(tmp_path, [HEADER, ROW[:], ["H2", *bad[1:]]])
    problems = _problems(path)
    assert [(row, column) for row, column, _, _ in problems] == [
        (3, "Antal personer"),
        (3, "Max husleje"),
        (3, "Noter"),
    ]
    assert all("formula without a saved value: open and save the file in Excel" in m for *_, m in problems)
    assert "(cell E3)" in problems[0][3]


def test_formula_with_a_saved_value_reads_its_value(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [HEADER, ROW])
    _patch_sheet(path, lambda xml: xml.replace(b'<c r="E2" t="n"><v>2</v>', b'<c r="E2"><f>1+1</f><v>2</v>'))
    (household,), _ = read_households(path)
    assert household.members == 2


def test_merged_cells_are_a_problem_naming_the_range(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path, [HEADER, ROW, ["H2", *ROW[1:9], None, "y"]], lambda ws: ws.merge_cells("J2:J3")
    )
    ((row, column, value, message),) = _problems(path)
    assert (row, column, value) == (2, "Senest fraflytning", dt.datetime(2027, 9, 1))
    assert "cells J2:J3 are merged" in message


def test_excel_error_cell_is_a_problem(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [HEADER, ROW])
    _patch_sheet(
        path,
        lambda xml: xml.replace(b'<c r="I2" t="n"><v>8500</v>', b'<c r="I2" t="e"><f>1/0</f><v>#DIV/0!</v>'),
    )
    assert _problems(path) == [
        (2, "Max husleje", "#DIV/0!", "Excel error value #DIV/0!; mend the formula or type the value")
    ]


# --- 5: control characters, integer ranges ----------------------------------------------------------------


def test_control_characters_are_kept_with_a_warning_naming_the_cells() -> None:
    path = DATA / "hard_households_control_characters.csv"
    (anna, bo), warnings = read_households(path)
    # Kept as written, but for the trimming of surrounding white space, which Python counts \x0b as.
    assert (anna.name, bo.name) == ("An\x01na", "Bo")
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{path} rows 2, 3, column 'Navn': invisible control character (U+0001, U+000B)"
    )


def test_control_character_in_a_workbook_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [HEADER, ["H1", "Anna_x0001_", *ROW[2:]]])
    (household,), warnings = read_households(path)
    assert household.name == "Anna\x01"
    assert "row 2, column 'Navn': invisible control character (U+0001)" in warnings[0]


def test_integers_out_of_range_are_problems_not_overflows() -> None:
    problems = _problems(DATA / "hard_households_huge_numbers.csv")
    assert [(r, c, v) for r, c, v, _ in problems] == [
        (2, "Antal personer", "3000000000"),
        (3, "Antal rum", "2147483647"),
    ]
    assert "from 1 to 99" in problems[0][3]


def test_floor_out_of_range_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "vacancies.csv"
    path.write_text(
        "Bolig-ID;Afdeling;Kommune;Antal rum;Etage\nB1;Nord;Aarhus;2;2147483647\nB2;Nord;Aarhus;2;-1\n"
    )
    ((row, column, value, message),) = _problems(path, read_vacancies)
    assert (row, column, value) == (2, "Etage", "2147483647")
    assert "from -5 to 200" in message


# --- 7: read as written ---------------------------------------------------------------------------------


def test_zero_padded_number_format_keeps_the_id_as_shown(tmp_path: Path) -> None:
    def pad(ws: object) -> None:
        ws["A2"].number_format = "0000"
        ws["C2"].number_format = '"AFD"000'

    path = _workbook(tmp_path, [HEADER, [12, "Anna", 7, *ROW[3:]]], pad)
    (household,), _ = read_households(path)
    assert (household.household_id, household.department) == ("0012", "AFD007")


def test_thousands_rule_is_the_same_in_every_numeric_column() -> None:
    problems = _problems(DATA / "hard_households_thousands_members.csv")
    assert [(r, c, v) for r, c, v, _ in problems] == [(2, "Antal personer", "1.000")]
    assert "more than 99" in problems[0][3]


def test_names_differing_in_case_and_spaces_are_one_across_both_files() -> None:
    households, vacancies = DATA / "hard_households_spellings.csv", DATA / "hard_vacancies_spellings.csv"
    result = read_instance(households, vacancies)
    assert {h.municipality for h in result.instance.households} == {"Hvidovre"}
    assert {h.department for h in result.instance.households} | {
        v.department for v in result.instance.vacancies
    } == {"Nord"}
    assert result.warnings == (
        f"municipality 'Hvidovre' is also written 'hvidovre' ({households} row 2); "
        "read as one municipality, 'Hvidovre'",
        f"department 'Nord' is also written 'nord', 'NORD' ({households} row 3; {vacancies} row 3); "
        "read as one department, 'Nord'",
    )


def test_ids_differing_only_in_case_are_a_problem() -> None:
    ((row, column, value, message),) = _problems(DATA / "hard_households_ids_differ_in_case.csv")
    assert (row, column, value) == (3, "Lejemål", "h001")
    assert "differs only in case from 'H001' in row 2" in message


# --- 8: warnings and hints ------------------------------------------------------------------------------


def test_seniority_in_the_future_or_before_1900_warns() -> None:
    path = DATA / "hard_households_odd_seniority.csv"
    households, warnings = read_households(path)
    assert len(households) == 3
    assert warnings[0].startswith(f"{path} row 2, column 'Anciennitetsdato': seniority date after today")
    assert warnings[1].startswith(f"{path} row 3, column 'Anciennitetsdato': seniority date before 1900")


def test_hidden_rows_are_read_with_a_warning(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path, [HEADER, ROW, ["H2", *ROW[1:]]], lambda ws: setattr(ws.row_dimensions[3], "hidden", True)
    )
    households, warnings = read_households(path)
    assert [h.household_id for h in households] == ["H1", "H2"]
    assert warnings == [f"{path} row 3: hidden or filtered away in Excel; they are read like every other row "
                        "(delete them from the file if they should not be part of the case)"]  # fmt: skip


def test_short_rows_are_padded_with_a_warning() -> None:
    path = DATA / "hard_households_short_rows.csv"
    households, warnings = read_households(path)
    assert [h.max_rent for h in households] == [7500.0, None, None]
    assert warnings == [f"{path} rows 3, 4: fewer cells than the header has columns (9); "
                        "the missing cells at the end are read as empty"]  # fmt: skip


def test_title_rows_above_the_header_are_one_problem() -> None:
    assert _problems(DATA / "hard_households_title_rows.csv") == [
        (3, None, None, "the header seems to be in row 3, not row 1: delete the rows above it, so that the column "
         "headers are in row 1")
    ]  # fmt: skip


def test_swapped_files_are_one_hint(data: Path) -> None:
    households, vacancies = data / "vacancies_en.csv", data / "households_en.csv"
    with pytest.raises(InputError) as caught:
        read_instance(households, vacancies)
    (problem,) = caught.value.problems
    assert problem.message.startswith(
        f"the files seem to be swapped: {households} looks like a vacancies file"
    )


# --- 9: too big -----------------------------------------------------------------------------------------


def test_a_case_too_big_is_refused_before_reading(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator.read, "MAX_ROWS", 3)
    with pytest.raises(InputError) as caught:
        read_instance(data / "households_en.csv", data / "vacancies_en.csv")
    assert [p.file for p in caught.value.problems] == [
        str(data / "households_en.csv"),
        str(data / "vacancies_en.csv"),
    ]
    assert all("split the case by municipality" in p.message for p in caught.value.problems)


def test_too_many_pairs_is_refused(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator.read.size, "MAX_PAIRS", 15)
    with pytest.raises(InputError, match=r"4 households x 4 vacancies is too big for one run"):
        read_instance(data / "households_en.csv", data / "vacancies_en.csv")


def test_a_workbook_too_big_is_refused_before_its_values_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(allocator.read, "MAX_ROWS", 1)
    path = _workbook(tmp_path, [HEADER, ROW, ["H2", *ROW[1:]]])
    with pytest.raises(InputError, match="about 2 rows; genhus reads at most 1 in one run"):
        allocator.read.read_instance(path, path)


def test_sheet_xml_is_found_when_elements_carry_a_namespace_prefix(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [HEADER, ROW])

    def prefix(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)(?=[a-zA-Z])", rb"<\1x:", xml)
        xml = xml.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=")
        return xml.replace(
            b'<x:c r="E2" t="n"><x:v>2</x:v>',
            b'<x:c r="E2"><x:f>1+1</x:f></x:c><x:c r="Z9" t="n"><x:v>2</x:v>',
        )

    _patch_sheet(path, prefix)
    problems = _problems(path)
    assert (2, "Antal personer") in [(r, c) for r, c, _, _ in problems]
