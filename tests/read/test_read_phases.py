"""Phases (issue 12): the phases file, the households' phase column, the vacancies' Ledig til, and the join."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from allocator.domain import Kind
from allocator.problems import InputError
from allocator.read import read_instance, read_phases, read_vacancies
from allocator.read.phase_join import nearest

D = dt.date


def _problems(
    caught: pytest.ExceptionInfo[InputError],
) -> list[tuple[str, int | None, str | None, object, str]]:
    return [(Path(p.file).name, p.row, p.column, p.value, p.message) for p in caught.value.problems]


# --- the phases file ----------------------------------------------------------------------------------------


def test_english_and_danish_phases_files_read_the_same(data: Path) -> None:
    english, _ = read_phases(data / "phases_en.csv")
    danish, _ = read_phases(data / "phases_da.csv")
    assert [(p.phase_id, p.construction_start, p.ready, p.name, p.row) for p in english] == [
        ("1", D(2027, 9, 1), D(2028, 3, 1), "Blok 1-3", 2),
        ("2", D(2027, 11, 1), D(2028, 6, 1), "Blok 4", 3),
    ]
    assert english == danish


def test_a_phases_workbook_with_odd_header_spelling_is_read(write_xlsx: Callable[..., Path]) -> None:
    path = write_xlsx(
        "etaper.xlsx",
        {"Etaper": [["ETAPE", "byggestart", "Klar_til_tilbageflytning"], [1, D(2027, 9, 1), D(2028, 3, 1)]]},
    )
    (phase,), _ = read_phases(path, sheet="Etaper")
    assert (phase.phase_id, phase.construction_start, phase.ready, phase.name) == (
        "1", D(2027, 9, 1), D(2028, 3, 1), None
    )  # fmt: skip


def test_every_bad_cell_of_a_phases_file_is_reported_at_once(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_phases(data / "phases_bad_cells.csv")
    found = [(row, column, value) for _, row, column, value, _ in _problems(caught)]
    assert found == [
        (3, "phase", "1"),
        (4, "construction_start", ""),
        (5, "construction_start", "2027-13-01"),
        (6, "ready", "2027-12-01"),
    ]
    messages = [m for *_, m in _problems(caught)]
    assert "also in row 2" in messages[0]
    assert "empty" in messages[1]
    assert "ready before its construction starts" in messages[3]


def test_a_phases_file_without_construction_start_names_the_column(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_phases(data / "phases_missing_column.csv")
    ((_, row, column, _, message),) = _problems(caught)
    assert (row, column) == (1, "construction_start (Byggestart)")
    assert "required column is missing" in message


# --- Ledig til ----------------------------------------------------------------------------------------------


def test_available_until_is_read(data: Path) -> None:
    vacancies, _ = read_vacancies(data / "vacancies_until_en.csv")
    assert [v.available_until for v in vacancies] == [D(2028, 3, 1), None, D(2028, 6, 1), None]


def test_available_until_before_available_from_is_a_located_problem(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_vacancies(data / "vacancies_until_before_from.csv")
    ((_, row, column, value, message),) = _problems(caught)
    assert (row, column, value) == (4, "available_until", "2027-05-01")
    assert "before it is free from" in message


def test_a_danish_ledig_til_header_is_available_until(write_xlsx: Callable[..., Path]) -> None:
    path = write_xlsx(
        "boliger.xlsx",
        {
            "Boliger": [
                ["Bolig-ID", "Afdeling", "Kommune", "Antal rum", "Ledig til"],
                ["B1", "A", "K", 2, "01-03-2028"],
            ]
        },
    )
    (vacancy,), _ = read_vacancies(path)
    assert vacancy.available_until == D(2028, 3, 1)
    assert vacancy.extra == ()


# --- the join -----------------------------------------------------------------------------------------------


def test_join_resolves_move_by_and_returns_on(data: Path) -> None:
    result = read_instance(
        data / "households_phases_en.csv", data / "vacancies_until_en.csv", phases_path=data / "phases_en.csv"
    )
    instance = result.instance
    assert instance.phased and [p.phase_id for p in instance.phases] == ["1", "2"]
    assert instance.sources[-1] == str(data / "phases_en.csv")
    found = [
        (h.household_id, h.phase, h.move_by, h.deadline_from_phase, h.returns_on) for h in instance.households
    ]
    assert found == [
        # stated on the construction start itself: kept as stated
        ("H001", "1", D(2027, 9, 1), False, None),
        ("H002", "1", D(2027, 9, 1), False, D(2028, 3, 1)),
        # stated earlier than phase 2's start (2027-11-01): kept
        ("007", "2", D(2027, 10, 1), False, None),
        # not stated: the phase's construction start, and a temporary household returns when it is ready
        ("H004", "2", D(2027, 11, 1), True, D(2028, 6, 1)),
    ]
    assert "phase" not in result.household_columns[:-1]  # read as the phase column, not carried as extra
    assert all(h.extra[-1:] != (("phase", "1"),) for h in instance.households)


def test_join_problems_name_row_column_value_and_the_nearest_phase(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(
            data / "households_phases_bad.csv", data / "vacancies_en.csv", phases_path=data / "phases_en.csv"
        )
    found = _problems(caught)
    assert [(f, row, column, value) for f, row, column, value, _ in found] == [
        ("households_phases_bad.csv", 3, "phase", None),  # H002: empty
        ("households_phases_bad.csv", 4, "move_by", "01-10-2027"),  # 007 in phase 1 (2027-09-01)
        ("households_phases_bad.csv", 5, "phase", "7"),  # H004: no phase 7
    ]
    assert "names no phase" in found[0][4]
    assert "after the construction start of phase '1' (01-09-2027)" in found[1][4]
    assert "no phase '7'" in found[2][4] and "did you mean '2'?" in found[2][4]


def test_a_phase_with_temporary_households_needs_a_ready_date(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(
            data / "households_phases_en.csv",
            data / "vacancies_en.csv",
            phases_path=data / "phases_no_ready.csv",
        )
    ((file, row, column, value, message),) = _problems(caught)
    assert (file, row, value) == ("phases_no_ready.csv", 3, "2")
    assert column.startswith("ready")
    assert "1 temporary household" in message and "row 5" in message


def test_a_phase_with_only_permanent_households_needs_no_ready_date(data: Path, tmp_path: Path) -> None:
    households = tmp_path / "households.csv"
    text = (data / "households_phases_en.csv").read_text(encoding="utf-8")
    households.write_text(text.replace("temporary", "permanent"), encoding="utf-8")
    result = read_instance(households, data / "vacancies_en.csv", phases_path=data / "phases_no_ready.csv")
    assert all(h.kind is Kind.PERMANENT and h.returns_on is None for h in result.instance.households)


def test_a_phase_column_without_a_phases_file_says_to_give_one(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(data / "households_phases_en.csv", data / "vacancies_en.csv")
    ((_, row, column, _, message),) = _problems(caught)
    assert (row, column) == (1, "phase")
    assert "--phases" in message


def test_problems_of_the_phases_file_come_with_those_of_the_others(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(
            data / "households_three_bad_cells.csv",
            data / "vacancies_en.csv",
            phases_path=data / "phases_bad_cells.csv",
        )
    files = [f for f, *_ in _problems(caught)]
    assert files == ["households_three_bad_cells.csv"] * 3 + ["phases_bad_cells.csv"] * 4


def test_a_missing_phases_file_is_a_problem_not_a_traceback(data: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(
            data / "households_phases_en.csv", data / "vacancies_en.csv", phases_path=tmp_path / "x.csv"
        )
    assert [m[:14] for *_, m in _problems(caught)] == ["file not found"]


def test_without_phases_nothing_changes(data: Path) -> None:
    result = read_instance(data / "households_en.csv", data / "vacancies_en.csv")
    assert not result.instance.phased
    assert all(h.phase is None and not h.deadline_from_phase for h in result.instance.households)
    assert all(v.available_until is None for v in result.instance.vacancies)


def test_nearest_phase_by_number_or_spelling() -> None:
    assert nearest("7", ["1", "2", "3"]) == "3"
    assert nearest("etape 2", ["Etape 1", "Etape 2"]) == "Etape 2"
    assert nearest("zzz", ["Nord", "Syd"]) is None
    assert nearest(None, ["1"]) is None
