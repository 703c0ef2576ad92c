"""Tiny hand-made input files and scenario files for the scenario and comparison tests."""

from __future__ import annotations

from pathlib import Path

import pytest

HOUSEHOLD_HEADER = ("household_id,department,municipality,members,current_rooms,kind,seniority_date,pref_1,pref_2,"
                    "pref_3,current_rent")
VACANCY_HEADER = "dwelling_id,department,municipality,rooms,floor,rent"

# Three households in Hvidovre, each of 1 person in 2 rooms (so 2-room dwellings suit all):
# H1 permanent, most senior, wishes A; H2 permanent, wishes A then B; H3 temporary, no wishes.
TINY_HOUSEHOLDS = """\
H1,Old,Hvidovre,1,2,permanent,2000-01-01,A,,,5000
H2,Old,Hvidovre,1,2,permanent,2005-01-01,A,B,,4000
H3,Old,Hvidovre,1,2,temporary,2001-01-01,,,,3000
"""
TINY_VACANCIES = """\
VA1,A,Hvidovre,2,0,5500
VB1,B,Hvidovre,2,0,4200
VC1,C,Hvidovre,2,0,3000
"""


def write_inputs(folder: Path, households: str = TINY_HOUSEHOLDS, vacancies: str = TINY_VACANCIES,
                 *, vacancy_name: str = "vacancies.csv") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    h, v = folder / "households.csv", folder / vacancy_name
    h.write_text(HOUSEHOLD_HEADER + "\n" + households, encoding="utf-8")
    v.write_text(VACANCY_HEADER + "\n" + vacancies, encoding="utf-8")
    return h, v


def write_scenario(folder: Path, name: str, body: str = "", *, inputs: str | None = None) -> Path:
    """A scenario file ``folder/name.toml`` reading ``households.csv`` and ``vacancies.csv`` beside it."""
    if inputs is None:
        inputs = '[inputs]\nhouseholds = "households.csv"\nvacancies = "vacancies.csv"\n'
    path = folder / f"{name}.toml"
    path.write_text(inputs + body, encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A folder with the tiny households and vacancies files."""
    write_inputs(tmp_path)
    return tmp_path


@pytest.fixture
def scenario_file():
    """``write_scenario`` for tests (helpers are handed out as fixtures, not imported from a conftest)."""
    return write_scenario


@pytest.fixture
def input_files():
    """``write_inputs`` for tests."""
    return write_inputs
