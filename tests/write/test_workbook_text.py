"""What Excel cannot hold is taken out and said; the case identity; the fast cell serialiser."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from builders import hh, instance, vac
from openpyxl import load_workbook

from allocator.check import check
from allocator.domain import Settings
from allocator.provenance import InputFile, Provenance
from allocator.rounds import first_round
from allocator.solve import solve
from allocator.write import xlsx_book
from allocator.write.case_identity import case_identity, input_id, read_case
from allocator.write.workbook import write_workbook

PROVENANCE = Provenance(files=(InputFile("husstande.csv", 2, "ab" * 32), InputFile("boliger.csv", 2, "cd" * 32)))
LONG = "x" * 40_000


def _result(name="Anna\x07 Hansen", note="linje 1\nlinje 2\x1b[0m"):
    households = [
        hh("H1", name=name, wishes=("A",), extra=(("Bemærkning", note),)),
        hh("H2", name="<r>ikke markup</r>", wishes=("A",), extra=(("Bemærkning", LONG),)),
    ]
    return solve(instance(households, [vac("A1", department="A"), vac("A2", department="A")]), Settings())


def _write(path: Path, result, **kw):
    audit = check(result.instance, result.settings, result.assignment_map)
    return write_workbook(path, result, audit, PROVENANCE, **kw)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("text") / "out.xlsx"
    warnings = _write(path, _result())
    return path, warnings


def test_control_characters_are_removed_and_each_cell_is_named(written):
    path, warnings = written
    ws = load_workbook(path)["Tilbud"]
    heads = [c.value for c in ws[1]]
    name, note = heads.index("Navn") + 1, heads.index("Bemærkning") + 1
    assert ws.cell(row=2, column=name).value == "Anna Hansen"
    assert ws.cell(row=2, column=note).value == "linje 1\nlinje 2[0m"  # line breaks are kept
    control = {(w.sheet, w.cell) for w in warnings if w.problem == "control"}
    letter = ws.cell(row=2, column=name).column_letter
    assert ("Tilbud", f"{letter}2") in control
    assert ("Tilbud", f"{ws.cell(row=2, column=note).column_letter}2") in control
    assert {s for s, _ in control} >= {"Tilbud", "Budget"}  # the name is on several sheets, each said


def test_text_over_excels_limit_is_cut_with_a_warning(written):
    path, warnings = written
    ws = load_workbook(path)["Tilbud"]
    note = [c.value for c in ws[1]].index("Bemærkning") + 1
    assert ws.cell(row=3, column=note).value == "x" * 32_767
    (long,) = [w for w in warnings if w.problem == "too_long"]
    assert (long.sheet, long.removed) == ("Tilbud", 40_000 - 32_767)
    assert "32.767" in long.text("da") and "32,767" in long.text("en")


def test_the_warnings_are_on_the_audit_sheet(written):
    path, warnings = written
    texts = {c.value for row in load_workbook(path)["Kontrol"].iter_rows() for c in row}
    assert all(w.text("da") in texts for w in warnings if w.sheet != "Kontrol")


def test_text_that_looks_like_markup_is_shown_as_written(written):
    path, _ = written
    ws = load_workbook(path)["Tilbud"]
    assert ws.cell(row=3, column=2).value == "<r>ikke markup</r>"


def test_case_identity_is_read_back_and_survives_saving(written, tmp_path):
    path, _ = written
    case = read_case(path)
    assert case == case_identity(PROVENANCE, round=1)
    assert case.case_id == case.input_id == input_id(PROVENANCE) and re.fullmatch(r"[0-9a-f]{16}", case.case_id)
    assert case.files == PROVENANCE.files
    book = load_workbook(path)  # as a coordinator's spreadsheet program saves it again
    assert book["genhus"].sheet_state == "hidden"
    book.save(tmp_path / "saved.xlsx")
    assert read_case(tmp_path / "saved.xlsx") == case


def test_a_later_round_keeps_the_case_of_its_history(written, tmp_path):
    path, _ = written
    result = _result()
    rounds = dataclasses.replace(first_round(result), round=2, history_file=str(path))
    other = Provenance(files=(InputFile("husstande.csv", 2, "ef" * 32),))
    audit = check(result.instance, result.settings, result.assignment_map)
    write_workbook(tmp_path / "runde-2.xlsx", result, audit, other, rounds=rounds)
    case = read_case(tmp_path / "runde-2.xlsx")
    assert case.case_id == read_case(path).case_id and case.input_id == input_id(other) and case.round == 2


def test_a_workbook_without_a_case_record_reads_as_none(tmp_path):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "plain.xlsx")
    assert read_case(tmp_path / "plain.xlsx") is None


def test_the_fast_cell_serialiser_writes_what_xlsxwriter_writes(tmp_path, monkeypatch):
    result = _result(name="Bo", note="ok")
    _write(tmp_path / "fast.xlsx", result)
    monkeypatch.setattr(xlsx_book, "FAST_ROWS", False)
    _write(tmp_path / "slow.xlsx", result)
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as fast, zipfile.ZipFile(tmp_path / "slow.xlsx") as slow:
        assert fast.namelist() == slow.namelist()
        for name in fast.namelist():
            if name.startswith("xl/worksheets/sheet") and name != "xl/worksheets/sheet10.xml":  # not the run time
                expected = re.sub(rb' spans="[0-9:]+"', b"", slow.read(name))  # optional; the fast one omits them
                assert fast.read(name) == expected, name
