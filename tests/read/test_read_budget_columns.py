"""The optional budget columns: Danish and English headers, their words and numbers, and bad values located."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from allocator.problems import InputError
from allocator.read import read_households, read_instance, read_vacancies

WriteXlsx = Callable[..., Path]

BASE_DA = [
    "Husstand-ID",
    "Afdeling",
    "Kommune",
    "Antal personer",
    "Antal rum",
    "Genhusningstype",
    "Anciennitetsdato",
]
BASE_EN = ["household_id", "department", "municipality", "members", "current_rooms", "kind", "seniority_date"]
BASE_ROW = ["H1", "Gl", "Hvidovre", 1, 2, "midlertidig", "01-01-2010"]
BUDGET_DA = ["Flytning", "Handymantimer", "Varighed (måneder)", "Indskud", "Tæppe alder", "Tæppe værdi"]
BUDGET_EN = ["moving_method", "handyman_hours", "stay_months", "deposit", "carpet_age_years", "carpet_value"]
VACANCY_DA = ["Bolig-ID", "Afdeling", "Kommune", "Antal rum", "Indskud"]
VACANCY_EN = ["dwelling_id", "department", "municipality", "rooms", "deposit"]


def write_csv(path: Path, rows: list[list[object]], sep: str = ";") -> Path:
    path.write_text("\n".join(sep.join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("base", "budget"), [(BASE_DA, BUDGET_DA), (BASE_EN, BUDGET_EN)])
def test_budget_columns_are_read_with_danish_or_english_headers(tmp_path, base, budget):
    rows = [
        base + budget,
        BASE_ROW + ["Selv", "2,5", "18", "12.500", "7", "9.000"],
        ["H2", *BASE_ROW[1:]] + ["FLYTTEFIRMA", "", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "households.csv", rows)
    (h1, h2), warnings = read_households(path)
    assert warnings == []
    assert (h1.moving_method, h1.handyman_hours, h1.stay_months) == ("allowance", 2.5, 18)
    assert (h1.deposit, h1.carpet_age_years, h1.carpet_value) == (12_500, 7, 9_000)
    assert h2.moving_method == "removal_firm"
    assert h2.handyman_hours is h2.stay_months is h2.deposit is h2.carpet_age_years is h2.carpet_value is None


@pytest.mark.parametrize(
    "header", ["Genhusningsperiode måneder", "genhusningsperiode_maaneder", "STAY-MONTHS"]
)
def test_stay_length_has_other_danish_headers(tmp_path, header):
    path = write_csv(tmp_path / "households.csv", [BASE_DA + [header], BASE_ROW + ["9"]])
    assert read_households(path)[0][0].stay_months == 9


@pytest.mark.parametrize(
    ("word", "method"),
    [
        ("allowance", "allowance"),
        ("selv", "allowance"),
        (" Godtgørelse ", "allowance"),
        ("godtgoerelse", "allowance"),
        ("removal_firm", "removal_firm"),
        ("removal firm", "removal_firm"),
        ("Flyttefirma", "removal_firm"),
        ("firma", "removal_firm"),
    ],
)
def test_moving_method_words(tmp_path, word, method):
    path = write_csv(tmp_path / "households.csv", [BASE_DA + ["Flytning"], BASE_ROW + [word]])
    assert read_households(path)[0][0].moving_method == method


def test_budget_columns_in_an_xlsx_with_real_numbers(write_xlsx: WriteXlsx):
    path = write_xlsx(
        "households.xlsx",
        {"Husstande": [BASE_DA + BUDGET_DA, BASE_ROW + ["firma", 3, 6.0, 8000.0, 4.0, 1500]]},
    )
    (h,), _ = read_households(path)
    assert (h.moving_method, h.handyman_hours, h.stay_months, h.deposit) == ("removal_firm", 3, 6, 8000)
    assert (h.carpet_age_years, h.carpet_value) == (4, 1500)


@pytest.mark.parametrize("header", VACANCY_DA[-1:] + VACANCY_EN[-1:])
def test_vacancy_deposit(tmp_path, header):
    path = write_csv(
        tmp_path / "vacancies.csv", [VACANCY_DA[:-1] + [header], ["B1", "Ny", "Hvidovre", 2, "14.250,50"]]
    )
    (v,), _ = read_vacancies(path)
    assert v.deposit == 14_250.5


def test_missing_budget_columns_are_fine_and_read_as_none(tmp_path):
    path = write_csv(tmp_path / "households.csv", [BASE_DA, BASE_ROW])
    (h,), warnings = read_households(path)
    assert warnings == []
    assert (h.moving_method, h.handyman_hours, h.stay_months, h.deposit, h.carpet_age_years) == (None,) * 5


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("Flytning", "bil", "write selv"),
        ("Handymantimer", "4", "at most 3 hours per move"),
        ("Handymantimer", "tre", "not a number"),
        ("Varighed (måneder)", "200", "more than 120 months"),
        ("Indskud", "-500", "must not be negative"),
        ("Tæppe alder", "2015", "not the year it was bought"),
        ("Tæppe alder", "3,5", "not a whole number"),
        ("Tæppe værdi", "ny", "not a number"),
    ],
)
def test_a_bad_budget_value_names_file_row_column_and_value(tmp_path, column, value, says):
    good = BASE_ROW + ["selv", "1", "12", "5000", "2", "3000"]
    bad = ["H2", *BASE_ROW[1:]] + [
        value if c == column else good[len(BASE_ROW) + i] for i, c in enumerate(BUDGET_DA)
    ]
    path = write_csv(tmp_path / "households.csv", [BASE_DA + BUDGET_DA, good, bad])
    with pytest.raises(InputError) as caught:
        read_households(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (str(path), 3, column, value)
    assert says in problem.message


def test_seed_001_is_cited_for_too_many_handyman_hours(tmp_path):
    path = write_csv(tmp_path / "households.csv", [BASE_EN + ["handyman_hours"], BASE_ROW + ["3,5"]])
    with pytest.raises(InputError) as caught:
        read_households(path)
    assert "seed 001" in caught.value.problems[0].message


def test_bad_vacancy_deposit_is_located_and_reported_with_the_households_problems(tmp_path):
    households = write_csv(tmp_path / "households.csv", [BASE_DA + ["Flytning"], BASE_ROW + ["cykel"]])
    vacancies = write_csv(tmp_path / "vacancies.csv", [VACANCY_DA, ["B1", "Ny", "Hvidovre", 2, "mange"]])
    with pytest.raises(InputError) as caught:
        read_instance(households, vacancies)
    where = {(p.file, p.row, p.column, p.value) for p in caught.value.problems}
    assert where == {(str(households), 2, "Flytning", "cykel"), (str(vacancies), 2, "Indskud", "mange")}


def test_half_a_carpet_is_a_warning_not_a_problem(tmp_path):
    path = write_csv(
        tmp_path / "households.csv", [BASE_DA + ["Tæppe alder", "Tæppe værdi"], BASE_ROW + ["4", ""]]
    )
    (h,), warnings = read_households(path)
    assert h.carpet_age_years == 4 and h.carpet_value is None
    assert len(warnings) == 1 and "row 2" in warnings[0] and "Tæppe værdi" in warnings[0]


def test_one_carpet_column_without_the_other_is_one_warning(tmp_path):
    path = write_csv(
        tmp_path / "households.csv",
        [BASE_DA + ["Tæppe værdi"], BASE_ROW + ["4000"], ["H2", *BASE_ROW[1:], ""]],
    )
    _, warnings = read_households(path)
    assert len(warnings) == 1 and "carpet_age_years (Tæppe alder)" in warnings[0]
