"""Without a phases file everything is as it was before phases existed (issue 12): the example case's JSON byte
for byte (``tests/golden/example_result.json``, written by genhus before phases), and a workbook without the
phase sheets and columns."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from allocator.cli import main
from allocator.write import sheet_offers, sheet_vacancies
from allocator.write.xlsx_table import unique_headers
from allocator.write.xlsx_words import HEADERS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
GOLDEN = ROOT / "tests" / "golden" / "example_result.json"


def test_the_example_without_phases_gives_the_bytes_of_before(tmp_path):
    out, json_path = tmp_path / "offers.xlsx", tmp_path / "result.json"
    result = CliRunner().invoke(
        main,
        [
            "allocate",
            str(EXAMPLE / "households.csv"),
            str(EXAMPLE / "vacancies.csv"),
            "--out",
            str(out),
            "--json",
            str(json_path),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    # If an allocation change is intended, write the file again with `make demo` and say why in the commit.
    assert json_path.read_bytes() == GOLDEN.read_bytes(), "the example's JSON changed without phases"
    book = load_workbook(out)
    assert book.sheetnames == [
        "Tilbud",
        "Ikke anvist",
        "Boliger",
        "Overblik",
        "Budget",
        "Begrundelser",
        "Bestyrelse",
        "Historik",
        "Beslutninger",
        "Kontrol",
        "genhus",
    ]
    for sheet, columns in (("Tilbud", sheet_offers.COLUMNS), ("Boliger", sheet_vacancies.COLUMNS)):
        expected = unique_headers([HEADERS["da"][k] for k, _ in columns], "da")
        assert [c.value for c in book[sheet][1]][: len(expected)] == expected
