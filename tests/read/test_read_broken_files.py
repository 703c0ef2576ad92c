"""Every deliberately broken file in tests/data is refused with problems naming the row, column and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from allocator.problems import InputError, InputProblem
from allocator.read import read_households, read_vacancies

# file -> every problem expected, as (row, column, value, words the message must contain)
BROKEN: dict[str, list[tuple[int | None, str | None, object, str]]] = {
    "households_missing_column.csv": [(1, "members (Antal personer)", None, "'Antal personer'")],
    "households_bad_date.csv": [(3, "seniority_date", "15th of November 2005", "not a date")],
    "households_impossible_date.csv": [(4, "seniority_date", "31-02-2012", "February 2012 has no day 31")],
    "households_bad_integer.csv": [(2, "members", "one", "not a whole number")],
    "households_fractional_rooms.csv": [(3, "current_rooms", "3.5", "not a whole number")],
    "households_zero_members.csv": [(5, "members", "0", "at least 1")],
    "households_bad_kind.csv": [(3, "kind", "perm", "permanent or midlertidig")],
    "households_bad_boolean.csv": [(4, "needs_elevator", "maybe", "ja or nej")],
    "households_bad_decimal.csv": [(2, "max_rent", "lots", "not a number")],
    "households_negative_rent.csv": [(3, "current_rent", "-100", "negative")],
    "households_ambiguous_rent.csv": [(4, "max_rent", "9.000", "ambiguous")],
    "households_empty_required.csv": [(3, "department", "  ", "missing")],
    "households_duplicate_id.csv": [(5, "household_id", "H002", "also used in row 3")],
    "households_duplicate_column.csv": [(1, "rum", "rum", "'Antal rum' are both read as current_rooms")],
    "households_repeated_wish.csv": [(4, "pref_3", "Vestervang", "repeated")],
    "households_min_above_max.csv": [(3, "min_rooms", "5", "max rooms (3")],
    "households_unnamed_column.csv": [(4, "(no header, column U)", "stray", "no header")],
    "households_wishes_twice.csv": [(1, "preferences", "preferences", "both as numbered columns")],
    "households_excel_error.csv": [(5, "department", "#N/A", "Excel error")],
    "households_three_bad_cells.csv": [
        (2, "members", "many", "not a whole number"),
        (3, "seniority_date", "2005-13-15", "no month 13"),
        (5, "kind", "forever", "not a kind"),
    ],
    "households_unclosed_quote.csv": [(3, None, None, "never closed")],
    "households_empty.csv": [(None, None, None, "empty")],
    "households_undecodable.csv": [(None, None, None, "neither UTF-8 nor Windows-1252")],
    "households_old_format.xls": [(None, None, None, ".xls")],
    "households_corrupt.xlsx": [(None, None, None, "not a readable .xlsx")],
    "vacancies_duplicate_id.csv": [(4, "dwelling_id", "D-101", "also used in row 2")],
    "vacancies_missing_column.csv": [(1, "rooms (Antal rum)", None, "'Antal rum'")],
    "vacancies_zero_area.csv": [(3, "area_m2", "0", "larger than 0")],
    "vacancies_zero_rooms.csv": [(2, "rooms", "0", "at least 1")],
    "vacancies_bad_use.csv": [(2, "use", "sometimes", "begge")],
    "vacancies_bad_floor.csv": [(5, "floor", "top", "not a floor")],
    "vacancies_bad_available_from.csv": [(4, "available_from", "2027-06", "not a date")],
    "vacancies_until_before_from.csv": [(4, "available_until", "2027-05-01", "before it is free from")],
}


def _problems(path: Path) -> list[InputProblem]:
    reader = read_vacancies if path.name.startswith("vacancies") else read_households
    with pytest.raises(InputError) as caught:
        reader(path)
    return caught.value.problems


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_refused_with_every_problem_located(data: Path, name: str) -> None:
    problems = _problems(data / name)
    expected = BROKEN[name]
    assert len(problems) == len(expected), [str(p) for p in problems]
    for problem, (row, column, value, words) in zip(problems, expected, strict=True):
        assert problem.file == str(data / name)
        assert (problem.row, problem.column) == (row, column), str(problem)
        if value is not None:
            assert problem.value == value, str(problem)
        assert words in problem.message, str(problem)


GOOD = {
    "households_en.csv",
    "households_da_cp1252.csv",
    "households_da_bom.csv",
    "vacancies_en.csv",
    "vacancies_da_cp1252.csv",
    "vacancies_until_en.csv",
    # Good alone; joined to the phases files they are tested in test_read_phases.py.
    "households_phases_en.csv",
    "households_phases_bad.csv",
}


def test_every_input_file_in_the_data_folder_is_tested(data: Path) -> None:
    inputs = {p.name for p in data.iterdir() if p.name.startswith(("households_", "vacancies_"))}
    assert inputs == set(BROKEN) | GOOD


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_file_reads_without_problems_or_warnings(data: Path, name: str) -> None:
    reader = read_vacancies if name.startswith("vacancies") else read_households
    items, warnings = reader(data / name)
    assert len(items) == 4
    assert warnings == []


def test_problem_names_the_file_as_the_user_gave_it(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data)
    with pytest.raises(InputError) as caught:
        read_households("households_bad_kind.csv")
    assert caught.value.problems[0].file == "households_bad_kind.csv"
    assert "households_bad_kind.csv, row 3, column 'kind'" in str(caught.value)


def test_missing_file_is_one_problem_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(InputError) as caught:
        read_households(missing)
    assert caught.value.problems == [InputProblem(file=str(missing), message="file not found")]


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "households.txt"
    path.write_text("household_id\nH1\n")
    with pytest.raises(InputError, match=r"unsupported file type \(\.txt\)"):
        read_households(path)


def test_header_only_file_reads_as_no_households_with_a_warning(tmp_path: Path, data: Path) -> None:
    header = (data / "households_en.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "households.csv"
    path.write_text(header + "\n", encoding="utf-8")
    households, warnings = read_households(path)
    assert households == ()
    assert warnings == [f"{path}: no households; the file has a header but no rows"]


def test_empty_first_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "households.csv"
    path.write_text(";;;\nhousehold_id;department\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1 is empty"):
        read_households(path)


def test_tab_separated_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "households.csv"
    path.write_text("household_id\tdepartment\nH1\tNord\n", encoding="utf-8")
    with pytest.raises(InputError, match="tab-separated"):
        read_households(path)


def test_utf16_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "households.csv"
    path.write_text("household_id;department\nH1;Nord\n", encoding="utf-16")
    with pytest.raises(InputError, match="UTF-16"):
        read_households(path)
