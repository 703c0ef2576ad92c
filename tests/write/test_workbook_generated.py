"""The workbook of a generated case of realistic shape: every sheet agrees with the result it lays out."""

from __future__ import annotations

from collections import Counter

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from allocator.check import check
from allocator.domain import Settings
from allocator.explain import board_cases, explain_wishes
from allocator.generate import generate_instance
from allocator.provenance import Provenance
from allocator.solve import solve
from allocator.write.workbook import write_workbook


@pytest.fixture(scope="module")
def result():
    return solve(generate_instance(80, 100, seed=1, notes=True), Settings())


@pytest.fixture(scope="module", params=["da", "en"])
def book(request, result, tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / f"out_{request.param}.xlsx"
    audit = check(result.instance, result.settings, result.assignment_map)
    write_workbook(path, result, audit, Provenance(files=()), lang=request.param)
    return load_workbook(path)


def table_rows(ws, index=0):
    table = list(ws.tables.values())[index]
    cells = list(ws[table.ref])
    return [[c.value for c in row] for row in cells[1:]]


def test_offers_one_row_per_household_in_input_order(book, result):
    rows = table_rows(book.worksheets[0])
    assert [r[0] for r in rows] == [h.household_id for h in result.instance.households]
    dwelling = {a.household_id: a.dwelling_id for a in result.assignments}
    assert [r[10] for r in rows] == [dwelling.get(h.household_id) for h in result.instance.households]


def test_unassigned_and_vacancies_match_the_result(book, result):
    assert result.unassigned  # the generated case leaves some households without a dwelling
    assert [r[0] for r in table_rows(book.worksheets[1])] == [u.household_id for u in result.unassigned]
    holders = {a.dwelling_id: a.household_id for a in result.assignments}
    vacancies = table_rows(book.worksheets[2])
    free = "fri" if book.sheetnames[0] == "Tilbud" else "free"
    assert [r[11] for r in vacancies] == [holders.get(v.dwelling_id, free) for v in result.instance.vacancies]


def test_summary_counts_add_up(book, result):
    headline = table_rows(book.worksheets[3])
    households, housed, *categories = headline
    assert households[1] == len(result.instance.households)
    assert housed[1] == len(result.assignments)
    assert sum(r[1] for r in categories) == households[1]
    assert all(r[1] == r[2] + r[3] for r in headline)
    departments = table_rows(book.worksheets[3], 1)
    assert sum(r[2] for r in departments) == households[1]
    expected = Counter(h.department for h in result.instance.households)
    assert {r[0]: r[2] for r in departments} == dict(expected)


def test_explanations_and_board_cases_are_all_laid_out(book, result):
    args = (result.instance, result.settings, result.assignment_map)
    facts = explain_wishes(*args)
    lines = facts.lines(detailed=False)
    rows = table_rows(book.worksheets[5])
    assert lines  # contested departments: many households miss their first wish
    summaries = facts.summaries()
    assert [r[0] for r in rows] == [s.household_id for s in summaries]
    assert [r[0] for r in rows] == list(dict.fromkeys(x.household_id for x in lines))
    assert [r[10] for r in rows] == [
        s.reason.text("da" if book.sheetnames[0] == "Tilbud" else "en") for s in summaries
    ]
    dwellings = Counter(x.household_id for x in lines if x.dwelling_id is not None and x.wish == 1)
    assert all(r[6] == dwellings[r[0]] == r[7] + r[8] + r[9] for r in rows)
    cases = board_cases(*args)
    board = book.worksheets[6]
    if cases:
        assert [(r[0], r[7]) for r in table_rows(board)] == [(c.small_id, c.large_id) for c in cases]


def test_tables_fit_their_sheets(book):
    for ws in book:
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            assert ws.max_column >= max_col and ws.max_row >= max_row
            widths = [column_width(ws, c) for c in range(min_col, max_col + 1)]
            # Excel stores a width with its cell padding (5 pixels, 0.71 characters at Calibri 11)
            assert all(6 <= w <= 80.72 for w in widths), (ws.title, widths)


def column_width(ws, column: int) -> float:
    """The width set for a column; adjacent columns of the same width share one span (``<col min max>``)."""
    spans = [d for d in ws.column_dimensions.values() if d.min <= column <= d.max and d.customWidth]
    assert spans, f"{ws.title}: column {column} has no width"
    return spans[0].width
