"""Header matching: normalisation, aliases, wish columns and clashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from allocator.problems import InputError
from allocator.read import read_households
from allocator.read.columns import HOUSEHOLD_FIELDS, VACANCY_FIELDS, alias_table, column_letter, normalise


@pytest.mark.parametrize(
    "header",
    ["Antal personer", "antal_personer", "ANTAL-PERSONER", " antal.personer ", "Antal\u00a0personer"],
)
def test_normalise_ignores_case_spaces_and_punctuation(header: str) -> None:
    assert normalise(header) == "antalpersoner"


@pytest.mark.parametrize("header", ["Ønske 1", "oenske_1", "ØNSKE-1", "ønske.1"])
def test_normalise_spells_danish_letters_out(header: str) -> None:
    assert normalise(header) == "oenske1"


def test_normalise_composes_decomposed_letters() -> None:
    assert normalise("Lejema\u030al") == normalise("Lejemål") == "lejemaal"


@pytest.mark.parametrize("fields", [HOUSEHOLD_FIELDS, VACANCY_FIELDS])
def test_no_alias_belongs_to_two_fields(fields: tuple) -> None:
    table = alias_table(fields)
    assert len(table) >= len(fields)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


BASE = "id,afdeling,kommune,personer,rum,type,anciennitet"
ROW = "H1,Nord,Aarhus,1,2,permanent,2001-03-01"


def _read(tmp_path: Path, header: str, row: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "households.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return read_households(path)


def test_wish_columns_are_ordered_by_their_number_not_their_place(tmp_path: Path) -> None:
    (household,), _ = _read(tmp_path, f"wish_10,{BASE},pref_2,Ønske 1", f"Ti,{ROW},To,Et")
    assert household.wishes == ("Et", "To", "Ti")


@pytest.mark.parametrize("header", ["preferences", "Wishes", "Ønsker", "oensker"])
def test_one_wish_column_split_on_commas_and_semicolons(tmp_path: Path, header: str) -> None:
    (household,), _ = _read(tmp_path, f"{BASE},{header}", f'{ROW}," Syd ; Øst,Vest ;"')
    assert household.wishes == ("Syd", "Øst", "Vest")


def test_repeated_wish_in_one_list_cell_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, f"{BASE},Ønsker", f'{ROW},"Syd;Øst;Syd"')
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "Ønsker", "Syd;Øst;Syd")
    assert "wish 'Syd' is repeated" in problem.message


def test_empty_wish_column_before_a_filled_one_warns(tmp_path: Path) -> None:
    (household,), warnings = _read(tmp_path, f"{BASE},pref_1,pref_2,pref_3", f"{ROW},,Syd,")
    assert household.wishes == ("Syd",)
    assert warnings == [
        f"{tmp_path / 'households.csv'} row 2: a wish column before 'pref_2' is empty; "
        "the later wishes move up in order"
    ]


def test_two_numbered_wish_columns_with_one_number_clash(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, f"{BASE},pref_1,Ønske 1", f"{ROW},Syd,Øst")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (1, "Ønske 1")
    assert "'pref_1' are both read as wish 1" in problem.message


def test_unknown_columns_go_to_extra_in_file_order(tmp_path: Path) -> None:
    (household,), _ = _read(tmp_path, f"Telefon,{BASE},Bemærkning,telefon", f"12345678,{ROW}, ringer ,")
    assert household.extra == (("Telefon", "12345678"), ("Bemærkning", " ringer "), ("telefon", ""))


def test_every_missing_required_column_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, "navn,afdeling", "Anna,Nord")
    assert [p.column for p in caught.value.problems] == [
        "household_id (Husstand-ID)",
        "municipality (Kommune)",
        "members (Antal personer)",
        "current_rooms (Antal rum)",
        "kind (Genhusningstype)",
        "seniority_date (Anciennitetsdato)",
    ]
    assert all(p.row == 1 for p in caught.value.problems)
    assert "'Lejemål'" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "header, number", [("preference_2", 2), ("Ønske nr. 2", 2), ("1. ønske", 1), ("2. prioritet", 2)]
)
def test_more_ways_of_writing_a_numbered_wish(header, number):
    from allocator.read.columns import _NUMBERED_WISH, normalise

    match = _NUMBERED_WISH.fullmatch(normalise(header))
    assert match is not None and int(match["after"] or match["before"]) == number
