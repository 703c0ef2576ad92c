"""read_instance: both files read in full, problems raised together, cross-file warnings, inputs untouched."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from allocator.problems import InputError
from allocator.read import ReadResult, read_households, read_instance, read_vacancies


def test_good_files_give_an_instance_with_sources_and_columns(data: Path) -> None:
    households, vacancies = data / "households_da_cp1252.csv", data / "vacancies_da_cp1252.csv"
    result = read_instance(households, vacancies)
    assert isinstance(result, ReadResult)
    assert result.instance.sources == (str(households), str(vacancies))
    assert [h.household_id for h in result.instance.households] == ["H001", "H002", "007", "H004"]
    assert [v.dwelling_id for v in result.instance.vacancies] == ["D-101", "D-102", "D-201", "D-301"]
    assert result.household_columns[:3] == ("Husstand-ID", "Navn", "Afdeling")
    assert result.household_columns[-1] == "Bemærkning"
    assert result.vacancy_columns == (
        "Bolig-ID", "Afdeling", "Kommune", "Antal rum", "Areal", "Husleje", "Etage", "Elevator", "Ledig fra",
        "Anvendelse", "Adresse", "Udlejers note",
    )  # fmt: skip
    assert result.warnings == ()


def test_problems_of_both_files_are_raised_together(data: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(data / "households_three_bad_cells.csv", data / "vacancies_duplicate_id.csv")
    files = [p.file for p in caught.value.problems]
    assert files == [str(data / "households_three_bad_cells.csv")] * 3 + [
        str(data / "vacancies_duplicate_id.csv")
    ]
    assert caught.value.report().startswith("4 problems in the input:")


def test_a_missing_file_does_not_hide_the_other_files_problems(data: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_instance(tmp_path / "households.xlsx", data / "vacancies_bad_use.csv")
    assert [(p.row, p.column, p.message[:14]) for p in caught.value.problems] == [
        (None, None, "file not found"),
        (2, "use", "not a use; wri"),
    ]


def test_wish_for_a_department_in_neither_file_warns(tmp_path: Path, data: Path) -> None:
    text = (data / "households_en.csv").read_text(encoding="utf-8")
    text = text.replace("Solgården,Vestervang,,", "Strandpark,solgården ,,")
    households = tmp_path / "households.csv"
    households.write_text(text, encoding="utf-8")
    result = read_instance(households, data / "vacancies_en.csv")
    # A wish differing only in case and spaces is the department the coordinator sees: read as it, with a word.
    assert result.warnings == (
        f"department 'Solgården' is also written 'solgården' ({households} row 2); "
        "read as one department, 'Solgården'",
        f"{households} row 2: wish 'Strandpark' matches no department in either file",
    )
    assert result.instance.households[0].wishes == ("Strandpark", "Solgården")


def test_permanent_household_accepting_another_municipality_warns(tmp_path: Path, data: Path) -> None:
    text = (data / "households_en.csv").read_text(encoding="utf-8")
    households = tmp_path / "households.csv"
    households.write_text(text.replace("5200.50,no,", "5200.50,yes,"), encoding="utf-8")
    (anna, *_), warnings = read_households(households)
    assert anna.accepts_other_municipality
    assert len(warnings) == 1 and "row 2: household 'H001' is permanent but accepts another" in warnings[0]


def test_ids_are_kept_exactly_as_written(tmp_path: Path) -> None:
    path = tmp_path / "vacancies.csv"
    path.write_text(
        "Bolig-ID;Afdeling;Kommune;Rum\n 007 ;Syd ;Aarhus;2\n0042-A;syd;Aarhus;2\n", encoding="utf-8"
    )
    (first, second), warnings = read_vacancies(path)
    assert (first.dwelling_id, first.department) == ("007", "Syd")
    # A department is a name the coordinator reads: "syd" is "Syd" (the first seen of two), said in a warning.
    assert (second.dwelling_id, second.department) == ("0042-A", "Syd")
    assert warnings == [f"department 'Syd' is also written 'syd' ({path} row 3); read as one department, 'Syd'"]


def _digest(paths: list[Path]) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_input_files_are_never_modified(data: Path, tmp_path: Path, write_xlsx: Callable[..., Path]) -> None:
    workbook = write_xlsx("households.xlsx", {"Ark1": [["id", "afdeling"], ["H1", "Nord"]]})
    paths = sorted(data.iterdir()) + [workbook]
    before = _digest(paths)
    mtimes = {p: p.stat().st_mtime_ns for p in paths}
    for path in paths:
        reader = read_vacancies if path.name.startswith("vacancies") else read_households
        try:
            reader(path)
        except InputError:
            pass
    assert _digest(paths) == before
    assert {p: p.stat().st_mtime_ns for p in paths} == mtimes


def test_seven_thousand_rows_are_all_read(tmp_path: Path, data: Path) -> None:
    with (data / "households_en.csv").open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    path = tmp_path / "households.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(7000):
            writer.writerow([f"H{i:05d}", *rows[i % len(rows)][1:]])
    shutil.copy(data / "vacancies_en.csv", tmp_path / "vacancies.csv")
    # Speed is measured by `make bench`, never by a timed test.
    result = read_instance(path, tmp_path / "vacancies.csv")
    assert len(result.instance.households) == 7000


def test_an_unknown_wished_department_is_one_warning_naming_its_rows(tmp_path):
    from builders import hh, vac

    from allocator.read.consistency import unknown_wish_departments

    households = tuple(hh(f"H{i}", wishes=("Strandpark",), row=i + 2) for i in range(12))
    warnings = unknown_wish_departments(households, (vac(department="Strandparken"),), "h.csv")
    assert warnings == [
        "h.csv rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more: wish 'Strandpark' matches no department in either file"
    ]
