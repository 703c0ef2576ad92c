"""The same data written in English, Danish, comma, semicolon, UTF-8, BOM and Windows-1252 reads the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from allocator.domain import Kind, Use
from allocator.problems import InputError
from allocator.read import read_households, read_vacancies

HOUSEHOLD_FILES = ["households_en.csv", "households_da_cp1252.csv", "households_da_bom.csv"]
VACANCY_FILES = ["vacancies_en.csv", "vacancies_da_cp1252.csv"]


def _without_extra(item: object) -> object:
    return dataclasses.replace(item, extra=())  # type: ignore[type-var]


@pytest.mark.parametrize("name", HOUSEHOLD_FILES[1:])
def test_danish_households_read_like_english(data: Path, name: str) -> None:
    english, _ = read_households(data / HOUSEHOLD_FILES[0])
    danish, _ = read_households(data / name)
    assert [_without_extra(h) for h in danish] == [_without_extra(h) for h in english]


@pytest.mark.parametrize("name", HOUSEHOLD_FILES)
def test_household_values_in_every_dialect(data: Path, name: str) -> None:
    anna, bo, carla, dorte = read_households(data / name)[0]
    assert anna.kind is Kind.PERMANENT and bo.kind is Kind.TEMPORARY and dorte.kind is Kind.TEMPORARY
    assert anna.seniority_date == dt.date(1998, 4, 1)
    assert carla.seniority_date == dt.date(2012, 2, 29)
    assert anna.max_rent == 7500.0 and anna.current_rent == 5200.5
    assert bo.current_rent == 8100.0 and bo.min_rooms == 3 and bo.max_rooms == 5
    assert anna.needs_elevator and not anna.needs_ground_floor
    assert carla.needs_ground_floor and not carla.needs_elevator
    assert bo.accepts_other_municipality and not anna.accepts_other_municipality
    assert anna.wishes == ("Solgården", "Vestervang")
    assert carla.wishes == ("Vestervang", "Solgården", "Nordparken")
    assert carla.household_id == "007"
    assert anna.move_by == dt.date(2027, 9, 1)
    assert dorte.move_by is None and dorte.max_rent is None and not dorte.needs_step_free
    assert [h.row for h in (anna, bo, carla, dorte)] == [2, 3, 4, 5]


def test_windows_1252_text_survives(data: Path) -> None:
    anna = read_households(data / "households_da_cp1252.csv")[0][0]
    assert anna.extra == (("Bemærkning", "nøgle hos naboen"),)
    assert anna.wishes[0] == "Solgården"


def test_bom_does_not_stick_to_the_first_header(data: Path) -> None:
    households, _ = read_households(data / "households_da_bom.csv")
    assert households[0].household_id == "H001"
    assert households[0].extra == (("Bemærkning", "nøgle hos naboen"),)


@pytest.mark.parametrize("name", VACANCY_FILES)
def test_vacancy_values_in_every_dialect(data: Path, name: str) -> None:
    d101, d102, d201, d301 = read_vacancies(data / name)[0]
    assert (d101.floor, d101.area_m2, d101.rent, d101.use) == (0, 61.5, 6400.0, Use.ANY)
    assert d101.step_free and d101.available_from == dt.date(2027, 6, 1)
    assert (d102.rent, d102.elevator, d102.use) == (7900.0, True, Use.PERMANENT)
    assert (d201.elevator, d201.use, d201.available_from) == (False, Use.TEMPORARY, dt.date(2027, 5, 15))
    assert (d301.use, d301.elevator) == (Use.ANY, True)


def test_danish_vacancies_read_like_english(data: Path) -> None:
    english, _ = read_vacancies(data / VACANCY_FILES[0])
    danish, _ = read_vacancies(data / VACANCY_FILES[1])
    assert [_without_extra(v) for v in danish] == [_without_extra(v) for v in english]


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "households.csv"
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "household_id;department;municipality;members;current_rooms;kind;seniority_date"


def test_semicolon_wins_over_commas_inside_quotes(tmp_path: Path) -> None:
    path = _write(
        tmp_path, f'"Navn, fulde";{HEADER}\n"Jensen, Anna";H1;Nord;Aarhus;1;2;permanent;01-03-2001\n'
    )
    (household,), _ = read_households(path)
    assert household.extra == (("Navn, fulde", "Jensen, Anna"),)


def test_rows_are_numbered_as_the_spreadsheet_numbers_them(tmp_path: Path) -> None:
    # A quoted cell over two lines is one spreadsheet row; a blank line is a row of its own.
    text = (
        f"{HEADER};note\n"
        'H1;Nord;Aarhus;1;2;permanent;01-03-2001;"two\nlines"\n'
        "\n"
        ";;;;;;;\n"
        "H2;Nord;Aarhus;one;2;permanent;01-03-2001;\n"
    )
    with pytest.raises(InputError) as caught:
        read_households(_write(tmp_path, text))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (5, "members", "one")


def test_an_entirely_empty_row_is_skipped_but_a_partial_row_is_checked(tmp_path: Path) -> None:
    text = f"{HEADER}\n ; ;;;;;\nH1;;;;;;\n"
    with pytest.raises(InputError) as caught:
        read_households(_write(tmp_path, text))
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "department"),
        (3, "municipality"),
        (3, "members"),
        (3, "current_rooms"),
        (3, "kind"),
        (3, "seniority_date"),
    ]


def test_headers_match_whatever_their_case_spacing_and_letters(tmp_path: Path) -> None:
    text = (
        " LEJEMÅL ;AFDELING;kommune;Antal_Personer;antal-rum;GENHUSNINGSTYPE;Boanciennitet;Oenske 2;ØNSKE_1\n"
        "H1;Nord;Aarhus;1;2;Permanent;2001-03-01;Syd;Øst\n"
    )
    (household,), _ = read_households(_write(tmp_path, text))
    assert household.household_id == "H1"
    assert household.wishes == ("Øst", "Syd")
