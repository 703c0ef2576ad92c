"""The coordinators' workbook, opened with openpyxl as Excel sees it: sheets, tables, safety, stability."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from builders import hh, instance, senior, vac
from openpyxl import load_workbook
from openpyxl.chart import BarChart
from openpyxl.utils import range_boundaries

from allocator.check import check
from allocator.domain import Kind, Settings
from allocator.provenance import InputFile, Provenance
from allocator.solve import solve
from allocator.write.workbook import FIXED_DATE, write_workbook

SHEETS = {
    "da": ["Tilbud", "Ikke anvist", "Boliger", "Overblik", "Budget", "Begrundelser", "Bestyrelse", "Historik",
           "Beslutninger", "Kontrol"],
    "en": ["Offers", "Unassigned", "Vacancies", "Summary", "Budget", "Explanations", "Board review", "History",
           "Decisions", "Audit"],
}
TRICKY = ['=HYPERLINK("http://x")', "+45 1234", "-5", "@foo"]


def case():
    """Four households whose names look like formulas, one of them unhoused; a dwelling left free."""
    notes = (("Bemærkning", "Har hund"), ("Telefon", "=1+1"))
    households = [
        hh(
            "H1", name=TRICKY[0], wishes=("A",), current_rent=5000.0, move_by=dt.date(2027, 3, 1), extra=notes
        ),
        hh("H2", name=TRICKY[1], kind=Kind.TEMPORARY, seniority_date=senior(1990), wishes=("A", "B")),
        hh("H3", name=TRICKY[2], seniority_date=senior(2015), wishes=("B",), extra=(("Bemærkning", None),)),
        hh("H4", name=TRICKY[3], members=6, current_rooms=6, wishes=("A",)),
    ]
    vacancies = [
        vac("IN_A", department="A", rent=5500.0, area_m2=60, available_from=dt.date(2027, 1, 15)),
        vac("IN_B", department="B", rent=4321.0, extra=(("Note", "@x"),)),
        vac("IN_B2", department="B"),
        vac("FREE_C", department="C", rooms=5),
    ]
    return instance(households, vacancies)


def result_of(inst):
    return solve(inst, Settings())


def write(tmp_path: Path, result, *, lang="da", name="out.xlsx") -> Path:
    audit = check(result.instance, result.settings, result.assignment_map)
    provenance = Provenance(
        files=(InputFile("households.csv", 4, "ab" * 32), InputFile("vacancies.csv", 4, "cd" * 32))
    )
    path = tmp_path / name
    write_workbook(path, result, audit, provenance, lang=lang)
    return path


@pytest.fixture(scope="module")
def result():
    return result_of(case())


@pytest.fixture(scope="module")
def book(result, tmp_path_factory):
    return load_workbook(write(tmp_path_factory.mktemp("wb"), result))


def rows_of(ws, table_name=None):
    """The table's rows as dicts by header."""
    table = ws.tables[table_name] if table_name else next(iter(ws.tables.values()))
    cells = list(ws[table.ref])
    header = [c.value for c in cells[0]]
    return [dict(zip(header, row, strict=True)) for row in cells[1:]]


def header(ws, table_name=None):
    table = ws.tables[table_name] if table_name else next(iter(ws.tables.values()))
    return [c.value for c in next(iter(ws[table.ref]))]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_sheet_names_in_both_languages(tmp_path, result, lang):
    book = load_workbook(write(tmp_path, result, lang=lang))
    assert book.sheetnames == [*SHEETS[lang], "genhus"]  # the case identity, hidden, last
    assert [ws.sheet_state for ws in book] == ["visible"] * len(SHEETS[lang]) + ["hidden"]


def test_invalid_language_is_refused(tmp_path, result):
    with pytest.raises(ValueError):
        write(tmp_path, result, lang="de")


def test_every_sheet_has_a_table_with_frozen_header(book):
    for ws in book:
        assert ws.tables, f"{ws.title} has no table"
        first = next(iter(ws.tables.values()))
        _, header_row, _, _ = range_boundaries(first.ref)
        assert ws.freeze_panes == f"A{header_row + 1}", ws.title
        assert first.tableStyleInfo is not None and first.tableStyleInfo.name


def test_tables_are_valid_unique_and_do_not_overlap(book):
    names = []
    for ws in book:
        boxes = []
        for table in ws.tables.values():
            names.append(table.displayName)
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table.displayName)
            heads = header(ws, table.displayName)
            assert all(isinstance(h, str) and h for h in heads), (ws.title, heads)
            assert len({h.casefold() for h in heads}) == len(heads), (ws.title, heads)
            assert [c.name for c in table.tableColumns] == heads
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            assert max_row > min_row, f"{table.displayName} has no data row"
            for other in boxes:
                a, b, c, d = other
                assert max_col < a or min_col > c or max_row < b or min_row > d, (
                    f"{table.displayName} overlaps"
                )
            boxes.append((min_col, min_row, max_col, max_row))
    assert len(names) == len({n.casefold() for n in names})


@pytest.mark.parametrize("lang, words", [("da", '"accepteret,afslået"'), ("en", '"accepted,refused"')])
def test_response_column_has_a_dropdown(tmp_path, result, lang, words):
    ws = load_workbook(write(tmp_path, result, lang=lang)).worksheets[0]
    heads = header(ws)
    column = heads.index("Svar" if lang == "da" else "Response") + 1
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == words
    letter = ws.cell(row=1, column=column).column_letter
    # only the rows with an offer: H1-H3; H4 (row 5) is not housed and its status says so
    assert str(validation.sqref) == f"{letter}2:{letter}4"
    status = heads.index("Tilbudsstatus" if lang == "da" else "Offer status") + 1
    assert ws.cell(row=5, column=status).value == ("intet tilbud i denne runde: ikke anvist" if lang == "da"
                                                   else "no offer this round: not housed")
    assert all(ws.cell(row=r, column=status).value for r in range(2, 6))
    assert all(ws.cell(row=r, column=column).value is None for r in range(2, ws.max_row + 1))


def test_summary_has_a_native_bar_chart_on_its_own_cells(book):
    ws = book["Overblik"]
    (chart,) = ws._charts
    assert isinstance(chart, BarChart)
    assert len(chart.series) == 2
    for series in chart.series:
        assert series.val.numRef.f.startswith("'Overblik'!$") or series.val.numRef.f.startswith("Overblik!$")


def test_text_from_the_input_never_becomes_a_formula(book):
    offers = {r["Husstand-ID"].value: r for r in rows_of(book["Tilbud"])}
    for hid, name in zip(["H1", "H2", "H3", "H4"], TRICKY, strict=True):
        cell = offers[hid]["Navn"]
        assert cell.data_type == "s" and cell.value == name
    assert offers["H1"]["Telefon"].data_type == "s" and offers["H1"]["Telefon"].value == "=1+1"
    unassigned = rows_of(book["Ikke anvist"])
    assert unassigned[0]["Navn"].data_type == "s" and unassigned[0]["Navn"].value == "@foo"
    vacancies = {r["Bolig-ID"].value: r for r in rows_of(book["Boliger"])}
    assert vacancies["IN_B"]["Note"].data_type == "s" and vacancies["IN_B"]["Note"].value == "@x"
    for ws in book:
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row), ws.title


def test_unknown_input_columns_come_last_on_the_offers_sheet(book):
    ws = book["Tilbud"]
    assert header(ws)[-3:] == ["Svar", "Bemærkning", "Telefon"]
    offers = {r["Husstand-ID"].value: r for r in rows_of(ws)}
    assert offers["H1"]["Bemærkning"].value == "Har hund"
    assert offers["H3"]["Bemærkning"].value is None and offers["H3"]["Telefon"].value is None
    assert header(book["Boliger"])[-1] == "Note"


def test_dates_are_real_dates_and_amounts_numbers(book):
    offers = {r["Husstand-ID"].value: r for r in rows_of(book["Tilbud"])}
    h1 = offers["H1"]
    for key, expected in (
        ("Anciennitetsdato", dt.datetime(2010, 1, 1)),
        ("Senest fraflytning", dt.datetime(2027, 3, 1)),
    ):
        assert h1[key].is_date and h1[key].value == expected and h1[key].number_format == "dd-mm-yyyy"
    assert h1["Bolig-ID"].value == "IN_A" and h1["Ledig fra"].value == dt.datetime(2027, 1, 15)
    assert h1["Ny husleje"].value == 5500 and h1["Ny husleje"].number_format == "#,##0"
    assert h1["Huslejeændring"].value == 500 and h1["Huslejeændring"].number_format == "#,##0"
    assert offers["H2"]["Huslejeændring"].value is None  # current rent unknown


def test_wish_met_in_words_and_colours(book, result):
    offers = {r["Husstand-ID"].value: r for r in rows_of(book["Tilbud"])}
    got = result.assignment_map
    assert got["H1"] == "IN_A" and {got["H2"], got["H3"]} == {"IN_B", "IN_B2"} and "H4" not in got
    expected = {
        "H1": ("1. ønske", "8ED18E"),
        "H2": ("2. ønske", "D5EFC8"),
        "H3": ("1. ønske", "8ED18E"),
        "H4": ("ikke anvist", "F28080"),
    }
    for hid, (word, colour) in expected.items():
        cell = offers[hid]["Ønske opfyldt"]
        assert cell.value == word
        assert cell.fill.fgColor.rgb.endswith(colour)


def test_unassigned_sheet_gives_the_reasons(book, result):
    (row,) = rows_of(book["Ikke anvist"])
    assert row["Husstand-ID"].value == "H4" and row["Genhusningstype"].value == "permanent"
    assert row["Begrundelse"].value == result.unassigned[0].reasons[0].da


def test_vacancies_sheet_shows_holder_or_free(book):
    vacancies = {r["Bolig-ID"].value: r for r in rows_of(book["Boliger"])}
    assert vacancies["IN_A"]["Anvist til"].value == "H1"
    assert vacancies["FREE_C"]["Anvist til"].value == "fri"


def test_summary_figures(book):
    figures = {r["Nøgletal"].value: r for r in rows_of(book["Overblik"], "Overblik")}
    assert figures["Husstande"]["I alt"].value == 4
    assert figures["Genhuset"]["I alt"].value == 3
    assert (figures["1. ønske"]["Permanent"].value, figures["2. ønske"]["Midlertidig"].value) == (2, 1)
    assert figures["ikke anvist"]["I alt"].value == 1
    assert figures["ikke anvist"]["Andel"].value == pytest.approx(0.25)
    departments = rows_of(book["Overblik"], "PrAfdeling")
    assert [r["Afdeling"].value for r in departments] == ["Old"]
    assert departments[0]["Husstande"].value == 4


def test_explanations_and_board_sheets(book):
    lines = rows_of(book["Begrundelser"])
    h2 = [r for r in lines if r["Husstand-ID"].value == "H2"]
    assert len(h2) == 1 and h2[0]["Givet til husstande, der går forud"].value == 1
    assert "permanent før midlertidig" in h2[0]["Begrundelse"].value
    ws = book["Bestyrelse"]
    note = " ".join(ws.cell(row=r, column=1).value or "" for r in range(1, 4))
    assert "højst 2 personer" in note and "mindst 4 rum" in note and "board_" not in note


def test_audit_sheet_carries_verdict_settings_files_and_version(book, result):
    values = [c.value for row in book["Kontrol"].iter_rows() for c in row if c.value is not None]
    text = " | ".join(str(v) for v in values)
    assert "coverage" in text and "godkendt" in text
    assert "tie_break_seed" in text and "board_min_rooms" in text
    assert "households.csv" in text and "ab" * 32 in text
    assert result.stats.cp_sat_status in text


def test_no_time_of_day_outside_the_audit_sheet(book):
    for ws in book:
        if ws.title == "Kontrol":
            continue
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, dt.datetime):
                    assert c.value.time() == dt.time(0), (ws.title, c.coordinate)


def test_same_result_gives_the_same_workbook_but_the_audit(tmp_path, result):
    # the same file name: Overblik's next steps name the workbook in the next round's command
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = write(tmp_path / "a", result), write(tmp_path / "b", result)
    a, b = load_workbook(first), load_workbook(second)
    for name in SHEETS["da"][:-1]:
        assert [[c.value for c in r] for r in a[name].iter_rows()] == [
            [c.value for c in r] for r in b[name].iter_rows()
        ]
    with zipfile.ZipFile(first) as za, zipfile.ZipFile(second) as zb:
        assert za.namelist() == zb.namelist()
        differing = {n for n in za.namelist() if za.read(n) != zb.read(n)}
    assert differing <= {f"xl/worksheets/sheet{len(SHEETS['da'])}.xml"}  # the audit sheet, last
    assert a.properties.created == a.properties.modified == FIXED_DATE


def test_everyone_housed_still_gives_valid_tables(tmp_path):
    inst = instance([hh("H1", wishes=("A",))], [vac("IN_A", department="A")])
    book = load_workbook(write(tmp_path, result_of(inst)))
    for name in ("Ikke anvist", "Begrundelser", "Bestyrelse"):
        (row,) = rows_of(book[name])
        assert list(row.values())[0].value  # a short note, not an empty table


def test_extra_column_named_like_ours_is_kept_apart(tmp_path):
    inst = instance([hh("H1", name="Anna", extra=(("Navn", "Anna B."),))], [vac("IN_A")])
    ws = load_workbook(write(tmp_path, result_of(inst))).worksheets[0]
    heads = header(ws)
    assert heads[1] == "Navn" and heads[-1] == "Navn (2)"
    assert ws.cell(row=2, column=len(heads)).value == "Anna B."


def test_board_sheet_lays_out_a_case(tmp_path):
    households = [
        hh("SINGLE", members=1, current_rooms=4, seniority_date=senior(2001), wishes=("A",)),
        hh("FAMILY", members=4, current_rooms=4, seniority_date=senior(2015), wishes=("A", "B")),
    ]
    inst = instance(households, [vac("A4", department="A", rooms=4), vac("B4", department="B", rooms=4)])
    ws = load_workbook(write(tmp_path, result_of(inst)))["Bestyrelse"]
    (row,) = rows_of(ws)
    assert (row["Lille husstand"].value, row["Bolig-ID"].value, row["Større husstand"].value) == (
        "SINGLE",
        "A4",
        "FAMILY",
    )
    assert row["Ønske opfyldt (større)"].value == "2. ønske"
    assert row["Denne bolig ville have været (større)"].value == "1. ønske"
    assert row["Denne bolig ville have været (større)"].fill.fgColor.rgb.endswith("8ED18E")
    assert ws.freeze_panes == f"A{range_boundaries(next(iter(ws.tables.values())).ref)[1] + 1}"


def test_next_steps_give_the_command_of_the_next_round(tmp_path, result):
    ws = load_workbook(write(tmp_path, result, name="runde-1.xlsx"))["Overblik"]
    lines = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    assert "Næste skridt" in lines
    assert ("    genhus allocate households.csv vacancies.csv --history runde-1.xlsx --out runde-2.xlsx"
            in lines)
    assert "    - 1 husstand er ikke anvist (arket Ikke anvist)" in lines  # number agreement
