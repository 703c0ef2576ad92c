"""Nothing lost, nothing guessed: a history workbook of another case, a deleted offers row, and a kept offer whose
household or dwelling changed are refused (exit 2, naming the rows), unless --force-history; the outputs of a run
are written together or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from answers import answer
from click.testing import CliRunner
from openpyxl import load_workbook

from allocator import pipeline
from allocator.cli import main

ROOT = Path(__file__).resolve().parents[2]
HOUSEHOLDS = ROOT / "data" / "example" / "households.csv"
VACANCIES = ROOT / "data" / "example" / "vacancies.csv"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def round1(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("integrity") / "round-1.xlsx"
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--out", path, "-q")
    assert result.exit_code == 0, result.output
    return path


def offered(path: Path) -> list[tuple[int, str, str]]:
    """(sheet row, household, dwelling) of every offer on the Tilbud sheet."""
    ws = load_workbook(path)["Tilbud"]
    head = [c.value for c in ws[1]]
    h, d = head.index("Husstand-ID"), head.index("Bolig-ID")
    return [(i, r[h], r[d]) for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2) if r[d]]


def edited_households(dst: Path, change) -> Path:
    """A copy of the households file with ``change(fields)`` applied to every data line."""
    lines = HOUSEHOLDS.read_text(encoding="utf-8-sig").splitlines()
    out = [lines[0]] + [";".join(change(line.split(";"))) for line in lines[1:]]
    dst.write_text("\n".join(out) + "\n", encoding="utf-8-sig")
    return dst


def test_a_workbook_of_another_case_is_refused(round1, tmp_path):
    first = offered(round1)[0][1]
    book = answer(round1, tmp_path / "answered.xlsx", {first: "accepteret"})
    other = edited_households(tmp_path / "other.csv", lambda f: [f[0], f"Anden {f[1]}", *f[2:]])
    result = invoke("allocate", other, VACANCIES, "--history", book, "--out", tmp_path / "r2.xlsx", "-q")
    assert result.exit_code == 2, result.output
    assert "another case" in result.output and "Traceback" not in result.output
    assert f"Anden {first}" not in result.output  # the workbook's name is shown, and this file's
    assert "column 'Navn'" in result.output and not (tmp_path / "r2.xlsx").exists()
    forced = invoke("allocate", other, VACANCIES, "--history", book, "--out", tmp_path / "r2.xlsx", "-q",
                    "--force-history")
    assert forced.exit_code == 0, forced.output
    assert "--force-history" in forced.output
    kontrol = load_workbook(tmp_path / "r2.xlsx", read_only=True)["Kontrol"]
    text = " ".join(str(c) for row in kontrol.iter_rows(values_only=True) for c in row if c)
    assert "brugt alligevel, som ønsket" in text and "used anyway" not in text


def test_the_next_round_with_the_same_households_and_changed_vacancies_is_accepted(round1, tmp_path):
    row, hid, did = offered(round1)[0]
    book = answer(round1, tmp_path / "answered.xlsx", {hid: "accepteret"})
    lines = VACANCIES.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    vacancies = tmp_path / "vacancies-2.csv"
    vacancies.write_text("".join(lines[:-1]), encoding="utf-8-sig")
    result = invoke("allocate", HOUSEHOLDS, vacancies, "--history", book, "--out", tmp_path / "r2.xlsx", "-q")
    assert result.exit_code == 0, result.output


def test_a_workbook_without_a_case_record_is_a_warning(round1, tmp_path):
    book = load_workbook(round1)
    del book["genhus"]
    book.save(tmp_path / "old.xlsx")
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", tmp_path / "old.xlsx", "-q")
    assert result.exit_code == 0, result.output
    assert "no case record" in result.output


def test_a_deleted_offers_row_loses_nothing(round1, tmp_path):
    row, hid, did = offered(round1)[0]
    book = load_workbook(answer(round1, tmp_path / "answered.xlsx", {hid: "accepteret"}))
    book["Tilbud"].delete_rows(row)
    book.save(tmp_path / "deleted.xlsx")
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--history", tmp_path / "deleted.xlsx", "-q")
    assert result.exit_code == 2, result.output
    assert hid in result.output and "deleted" in result.output and "Traceback" not in result.output


def test_a_pending_offer_whose_household_moved_municipality_is_refused(round1, tmp_path):
    row, hid, did = offered(round1)[0]
    moved = edited_households(tmp_path / "moved.csv", lambda f: f[:4] + ["Aarhus"] + f[5:] if f[0] == hid else f)
    result = invoke("allocate", moved, VACANCIES, "--history", round1, "-q")
    assert result.exit_code == 2, result.output
    assert f"row {row}" in result.output and hid in result.output and did in result.output
    assert "municipality" in result.output and "pending" in result.output
    forced = invoke("allocate", moved, VACANCIES, "--history", round1, "-q", "--force-history")
    assert forced.exit_code == 0, forced.output
    assert f"row {row}" in forced.output and "--force-history" in forced.output


def test_a_failing_workbook_write_leaves_the_old_json_untouched(round1, tmp_path, monkeypatch):
    target = tmp_path / "result.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "_write_workbook", broken)
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--json", target, "--out", tmp_path / "offers.xlsx", "-q")
    assert result.exit_code == 1 and "could not write" in result.output
    assert json.loads(target.read_text(encoding="utf-8")) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "offers.json"], "must end in .xlsx"),
        (["--json", "result.xlsx"], "must end in .json"),
        (["--out", "folder/"], "is a folder"),
    ],
)
def test_output_names_are_checked(tmp_path, args, words):
    args = [f"{tmp_path}/{a}" if a.startswith(("offers", "result", "folder")) else a for a in args]
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, *args, "-q")
    assert result.exit_code == 2 and words in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "offers.xlsx").mkdir()
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--out", tmp_path / "offers.xlsx", "-q")
    assert result.exit_code == 2 and "directory" in result.output and "Traceback" not in result.output
