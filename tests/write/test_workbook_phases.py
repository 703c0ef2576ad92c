"""The workbook of a phased case (issue 12), from a result built by hand (tests/phased_case.py): a dwelling
reused by two temporary stays and then a permanent one, a renovated dwelling, one household not housed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import LineChart
from phased_case import phased_result

from allocator.check import check
from allocator.provenance import InputFile, Provenance
from allocator.write.workbook import write_workbook

D = dt.datetime


def _write(tmp_path: Path, result, lang: str = "da") -> Path:
    audit = check(result.instance, result.settings, result.assignment_map)
    provenance = Provenance(files=(InputFile("households.csv", 6, "ab" * 32),))
    path = tmp_path / f"phased-{lang}.xlsx"
    write_workbook(path, result, audit, provenance, lang=lang)
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return load_workbook(_write(tmp_path_factory.mktemp("phased"), phased_result()))


def _rows(ws, header_text: str | None = None) -> list[tuple]:
    """The rows of ``ws`` from the row whose first non-empty cell is ``header_text`` (default: row 1)."""
    rows = [r for r in ws.iter_rows(values_only=True)]
    start = 0 if header_text is None else next(k for k, r in enumerate(rows) if header_text in r)
    out = []
    for r in rows[start:]:
        if not any(c is not None for c in r):
            break
        out.append(r)
    return out


def _records(ws, header_text: str | None = None) -> list[dict]:
    header, *rows = _rows(ws, header_text)
    return [dict(zip(header, r, strict=False)) for r in rows]


def test_the_phase_sheets_come_after_boliger_in_a_phased_case_only(book, tmp_path):
    assert book.sheetnames[:6] == ["Tilbud", "Ikke anvist", "Boliger", "Etaper", "Belægning", "Overblik"]
    english = load_workbook(_write(tmp_path, phased_result(), "en"))
    assert english.sheetnames[3:5] == ["Phases", "Occupancy"]
    result = phased_result()
    plain = dataclasses.replace(result, instance=dataclasses.replace(result.instance, phases=()))
    unphased = load_workbook(_write(tmp_path, plain))
    assert "Etaper" not in unphased.sheetnames and "Belægning" not in unphased.sheetnames
    assert "Etape" not in [c.value for c in unphased["Tilbud"][1]]
    assert "Bor der fra" not in [c.value for c in unphased["Boliger"][1]]


def test_tilbud_has_each_households_phase_deadline_and_stay(book):
    records = {r["Husstand-ID"]: r for r in _records(book["Tilbud"])}
    got = {
        k: (r["Etape"], r["Senest fraflytning"], r["Bor der fra"], r["Bor der til"])
        for k, r in records.items()
    }
    assert got["T1"] == ("1", D(2027, 3, 1), D(2027, 2, 15), D(2027, 9, 1))
    assert got["P3"] == ("3", D(2028, 5, 1), D(2028, 4, 17), None)  # for good
    assert got["U1"] == ("1", D(2027, 2, 1), None, None)  # not housed
    header = [c.value for c in book["Tilbud"][1]]
    assert header.index("Etape") == header.index("Senest fraflytning") + 1
    assert header[-1] == "Svar"


def test_boliger_lists_every_stay_of_a_dwelling_in_time_order(book):
    records = _records(book["Boliger"])
    b1 = [
        (r["Anvist til"], r["Bor der fra"], r["Bor der til"], r["Tom før (dage)"])
        for r in records
        if r["Bolig-ID"] == "B1"
    ]
    assert b1 == [
        ("T1", D(2027, 2, 15), D(2027, 9, 1), 14),
        ("T2", D(2027, 9, 17), D(2028, 4, 1), 16),
        ("P3", D(2028, 4, 17), None, 16),
    ]
    b2 = next(r for r in records if r["Bolig-ID"] == "B2")
    assert b2["Ledig til"] == D(2028, 6, 1)
    assert [r["Anvist til"] for r in records if r["Bolig-ID"] == "B4"] == ["fri"]
    assert len(records) == 6


def test_etaper_counts_households_dwellings_reuse_and_renovated_dwellings(book):
    records = {r["Etape"]: r for r in _records(book["Etaper"])}
    keys = (
        "Husstande",
        "Husstande permanent",
        "Husstande midlertidig",
        "Genhuset",
        "Boliger brugt",
        "Genbrugt fra tidligere etape",
        "Renoverede boliger brugt",
        "Ikke anvist",
    )
    assert [tuple(records[p][k] for k in keys) for p in ("1", "2", "3")] == [
        (2, 1, 1, 1, 1, 0, 0, 1),
        # T2 follows phase 1's T1 in B1 (reused); T4 has B3, free from phase 1's ready date (renovated)
        (3, 0, 3, 3, 3, 1, 1, 0),
        (1, 1, 0, 1, 1, 1, 0, 0),  # P3 follows T1 and T2 in B1
    ]
    # counted by kind of reason, not by each household's own wording
    assert records["1"]["Hvorfor ikke anvist"] == "ingen bolig af passende størrelse (1)"
    assert records["2"]["Hvorfor ikke anvist"] is None
    assert (records["3"]["Byggestart"], records["3"]["Klar til tilbageflytning"]) == (D(2028, 5, 1), None)


def test_belaegning_reserve_peak_per_room_count(book):
    ws = book["Belægning"]
    reserve = {r["Antal rum"]: r["Boliger holdt på én gang (højst)"] for r in _records(ws, "Antal rum")}
    assert reserve == {2: 2, 3: 1, "Alle": 3}


def test_belaegning_grid_marks_households_and_held_empty_weeks(book):
    ws = book["Belægning"]
    grid = _records(ws, "Bolig-ID")
    assert [r["Bolig-ID"] for r in grid] == ["B1", "B2", "B3"]  # dwellings holding a temporary stay
    b1 = grid[0]
    assert b1["uge 5 2027"] == "–"  # held from 2027-02-01, T1 not in yet
    assert b1["uge 7 2027"] == "T1"
    assert b1["uge 36 2027"] == "–"  # T1 left on 09-01; the turnaround
    assert b1["uge 37 2027"] == "T2"
    assert b1["uge 16 2028"] == "P3"
    assert grid[1]["uge 29 2027"] is None  # B2 is held from Sunday 2027-08-01, the last day of week 30
    assert grid[1]["uge 30 2027"] == "–"
    header, held, occupied = _rows(ws, "Uge")  # the weekly counts, their columns over the grid's weeks
    assert (held[2], occupied[2]) == ("Boliger holdt", "Boliger beboet")
    column = header.index("uge 37 2027")
    assert (held[column], occupied[column]) == (3, 3)
    assert _rows(ws, "Bolig-ID")[0].index("uge 37 2027") == column
    assert held[header.index("uge 36 2027")] == 3 and occupied[header.index("uge 36 2027")] == 0


def test_belaegning_has_a_line_chart_of_held_and_occupied(book):
    (chart,) = book["Belægning"]._charts
    assert isinstance(chart, LineChart)
    assert len(chart.series) == 2


def test_the_workbook_is_the_same_when_the_engine_leaves_the_stays_unset(tmp_path):
    def cells(path: Path) -> dict:
        wb = load_workbook(path)
        return {
            n: list(wb[n].iter_rows(values_only=True)) for n in ("Tilbud", "Boliger", "Etaper", "Belægning")
        }

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert cells(_write(tmp_path / "a", phased_result())) == cells(
        _write(tmp_path / "b", phased_result(with_stays=False))
    )


def test_budget_sheet_counts_the_empty_rent_over_the_timelines(book):
    ws = book["Budget"]
    lines = {r["Husstand-ID"]: r for r in _records(ws, "Husstand-ID")}
    assert lines["T2"]["Tomgangsleje"] == 1920


def test_budget_sheet_says_how_a_phased_case_counts_the_empty_rent(book, tmp_path):
    texts = [c for r in book["Budget"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert any(t.startswith("Etaper: huslejen for de dage") for t in texts)
    result = phased_result()
    plain = dataclasses.replace(result, instance=dataclasses.replace(result.instance, phases=()))
    unphased = load_workbook(_write(tmp_path, plain))
    texts = [c for r in unphased["Budget"].iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert not any(t.startswith("Etaper:") for t in texts)


def test_the_next_rounds_command_gives_the_phases_file_again():
    from allocator.write.workbook import next_round_command

    files = tuple(InputFile(n, 1, "ab" * 32) for n in ("husstande.csv", "boliger.csv", "etaper 1.csv"))
    assert next_round_command(Provenance(files=files), "tilbud.xlsx", 1, phased=True) == (
        'genhus allocate husstande.csv boliger.csv --phases "etaper 1.csv" --history tilbud.xlsx '
        "--out tilbud-runde-2.xlsx"
    )
    assert next_round_command(Provenance(files=files[:2]), "tilbud.xlsx", 1) == (
        "genhus allocate husstande.csv boliger.csv --history tilbud.xlsx --out tilbud-runde-2.xlsx"
    )
