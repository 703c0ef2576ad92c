"""The summary workbook: Danish by default, English on request, a chart per parameter, text as text, and the
same bytes for the same rows."""

from __future__ import annotations

import zipfile

import openpyxl
from sweep_cases import SMALL

from allocator.sweep.execute import prepare
from allocator.sweep.rows import FIGURES
from allocator.sweep.workbook import write_summary


def made_up_rows(prepared, housed=(250, 240, 230, 220)):
    """A row per task with hand-made figures (no allocation needed to test the workbook)."""
    rows = []
    for (_, identity), h in zip(prepared.tasks, housed, strict=False):
        figures = {c.name: 0 for c in FIGURES}
        figures.update(
            households=250, housed=h, unhoused=250 - h, all_housed=h == 250, budget_total=1000.0 * h
        )
        rows.append({**identity, "ok": True, "error": None, **figures})
    return rows


def test_danish_by_default_with_a_chart_per_parameter(write_sweep, tmp_path):
    prepared = prepare(write_sweep(SMALL + 'settings.size_rule = ["range"]\n'))
    path = tmp_path / "summary.xlsx"
    write_summary(path, prepared, made_up_rows(prepared))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Overblik", "Parametre", "Kørsler", "Om kørslen"]
    with zipfile.ZipFile(path) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
    sheet = book["Overblik"]
    header = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Punkt")
    assert header[:6] == (
        "Punkt",
        "inputs.leave_out_vacancy_share",
        "settings.size_rule",
        "Kørsler",
        "Fejlede",
        "Alle genhuset (andel af kørsler)",
    )
    assert "Genhuset, median" in header
    data = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [r[:6] for r in data] == [(1, 0, "range", 2, 0, 0.5), (2, 0.3, "range", 2, 0, 0)]
    median = header.index("Genhuset, median")
    assert [r[median] for r in data] == [245, 225]


def test_english_on_request_and_the_same_bytes_again(write_sweep, tmp_path):
    prepared = prepare(write_sweep(SMALL))
    rows = made_up_rows(prepared)
    write_summary(tmp_path / "a.xlsx", prepared, rows, lang="en")
    write_summary(tmp_path / "b.xlsx", prepared, rows, lang="en")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames == [
        "Summary",
        "Parameters",
        "Runs",
        "About the sweep",
    ]


def test_without_a_grid_there_is_no_parameter_sheet(write_sweep, tmp_path):
    prepared = prepare(write_sweep("draws = 2\n"))
    write_summary(tmp_path / "s.xlsx", prepared, made_up_rows(prepared, (250, 249)))
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames == ["Overblik", "Kørsler", "Om kørslen"]


def test_a_value_that_looks_like_a_formula_is_written_as_text(write_sweep, tmp_path):
    prepared = prepare(write_sweep('[grid]\nhouseholds."H0012".name = ["=1+1", "@SUM(A1)"]\n'))
    write_summary(tmp_path / "s.xlsx", prepared, made_up_rows(prepared, (250, 249)))
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in sheets
        assert "=1+1" in z.read("xl/sharedStrings.xml").decode()
