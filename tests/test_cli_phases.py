"""The command line of a phased case (issue 12): --phases, --phases-sheet and --turnaround-days."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from allocator.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
HOUSEHOLDS, VACANCIES, PHASES = (
    DATA / n for n in ("households_phases_en.csv", "vacancies_en.csv", "phases_en.csv")
)
EXAMPLE = ROOT / "data" / "example-phased"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_reads_the_phases_and_says_how_many():
    result = invoke("validate", HOUSEHOLDS, VACANCIES, "--phases", PHASES)
    assert result.exit_code == 0, result.output
    assert "4 households (2 permanent, 2 temporary) in 2 phases, 4 vacancies" in result.output


def test_validate_the_phased_example():
    result = invoke(
        "validate",
        *(EXAMPLE / n for n in ("households.csv", "vacancies.csv")),
        "--phases",
        EXAMPLE / "phases.csv",
        "-q",
    )
    assert result.exit_code == 0, result.output
    assert "300 households (171 permanent, 129 temporary) in 4 phases, 286 vacancies" in result.output


def test_a_phase_column_without_phases_exits_2_and_says_to_give_them():
    result = invoke("validate", HOUSEHOLDS, VACANCIES)
    assert result.exit_code == 2
    assert "--phases" in result.output and "Traceback" not in result.output


def test_join_problems_exit_2_with_every_problem():
    result = invoke("allocate", DATA / "households_phases_bad.csv", VACANCIES, "--phases", PHASES)
    assert result.exit_code == 2
    assert result.output.count("households_phases_bad.csv, row") == 3


def test_a_phases_sheet_is_read_by_name(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Forside"
    ws = book.create_sheet("Etaper")
    for row in (
        ["Etape", "Byggestart", "Klar til tilbageflytning"],
        ["1", "01-09-2027", "01-03-2028"],
        ["2", "01-11-2027", "01-06-2028"],
    ):
        ws.append(row)
    book.save(tmp_path / "etaper.xlsx")
    result = invoke(
        "validate", HOUSEHOLDS, VACANCIES, "--phases", tmp_path / "etaper.xlsx", "--phases-sheet", "Etaper"
    )
    assert result.exit_code == 0, result.output
    result = invoke("validate", HOUSEHOLDS, VACANCIES, "--phases", tmp_path / "etaper.xlsx")
    assert result.exit_code == 2  # the first sheet has no phases


def test_allocate_writes_the_phases_and_the_turnaround_in_the_json(tmp_path):
    out = tmp_path / "r.json"
    result = invoke(
        "allocate", HOUSEHOLDS, VACANCIES, "--phases", PHASES, "--turnaround-days", "21", "--json", out, "-q"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["phases"]["turnaround_days"] == 21
    assert [p["phase"] for p in doc["phases"]["phases"]] == ["1", "2"]
    assert all("stay" in a for a in doc["assignments"])


def test_a_bad_turnaround_is_a_bad_setting():
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--phases", PHASES, "--turnaround-days", "-1")
    assert result.exit_code == 2 and "turnaround_days" in result.output


def test_the_phases_file_is_never_overwritten(tmp_path):
    phases = tmp_path / "phases.json"
    phases.write_text(PHASES.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--phases", phases, "--json", phases)
    assert result.exit_code == 2 and "is also an input file" in result.output
