"""The command line says what to do next: allocate without an output says that nothing was written and how."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from allocator.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example"


def test_allocate_without_out_or_json_says_nothing_was_written_and_how_to_write(tmp_path):
    households, vacancies = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["allocate", str(households), str(vacancies), "-q"])
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == []
    assert "nothing was written: give --out FILE.xlsx" in result.output
    assert f"genhus allocate {households} {vacancies} -q --out tilbud.xlsx" in result.output


def test_allocate_with_an_output_does_not_say_it(tmp_path):
    households, vacancies = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
    result = CliRunner().invoke(
        main, ["allocate", str(households), str(vacancies), "--json", str(tmp_path / "r.json"), "-q"]
    )
    assert result.exit_code == 0 and (tmp_path / "r.json").is_file()
    assert "nothing was written" not in result.output
