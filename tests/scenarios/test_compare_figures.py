"""Figures per scenario and the households that differ, on a tiny hand-made pair whose figures are known.

Three households in Hvidovre, all suited by every 2-room dwelling: H1 permanent, most senior, wishes A; H2
permanent, wishes A then B; H3 temporary, no wishes. Vacancies VA1 (A, 5,500 kr), VB1 (B, 4,200 kr), VC1 (C,
3,000 kr). ``all`` houses H1 in VA1 (1st wish), H2 in VB1 (2nd wish), H3 in VC1 (no wish); ``fewer`` leaves VC1
out, so the temporary H3 is not housed.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from allocator.compare import compare, load_saved, run_scenario
from allocator.problems import InputError
from allocator.scenario import load_scenario, read_inputs
from allocator.write.comparison import headline_text, write_comparison


@pytest.fixture
def pair(tiny, scenario_file):
    a = run_scenario(scenario_file(tiny, "all", "[settings]\n"))
    b = run_scenario(scenario_file(tiny, "fewer", 'leave_out_vacancies = ["VC1"]\n'))
    return compare([a, b])


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("households", (3, 3)),
        ("housed", (3, 2)),
        ("housed_permanent", (2, 2)),
        ("housed_temporary", (1, 0)),
        ("wish_1", (1, 1)),
        ("wish_2", (1, 1)),
        ("wish_3", (0, 0)),
        ("wish_other", (0, 0)),
        ("wish_none", (1, 0)),
        ("unhoused", (0, 1)),
        ("priority_violations", (0, 0)),
        ("board_review_cases", (0, 0)),
        ("average_rent_change", (233.3, 350.0)),  # (500 + 200 + 0) / 3 and (500 + 200) / 2
        ("vacancies", (3, 2)),
        ("vacancies_used", (3, 2)),
        ("budget_moving", (24_000, 12_000)),  # 6,000 kr a move; the temporary household moves twice
        ("budget_rent_difference", (0, 0)),
        ("budget_empty_rent", (None, None)),  # no dates in the input: not counted, not zero
        ("budget_total", (24_000, 12_000)),
    ],
)
def test_figures_of_the_tiny_pair(pair, key, expected):
    assert pair.figure(key).values == expected


def test_vacancies_used_per_department(pair):
    assert pair.values("vacancies_used_department", "A") == {"all": 1, "fewer": 1}
    assert pair.values("vacancies_used_department", "C") == {"all": 1, "fewer": None}, "C has no vacancy in fewer"


def test_only_the_household_whose_outcome_changed_differs(pair):
    assert [(d.household.household_id, d.outcomes) for d in pair.differences] == [
        ("H3", (("VC1", 1), (None, None)))
    ]
    assert pair.differences[0].wish_differs
    assert pair.prices == (), "no weighted scenario, no price of seniority"


def test_a_household_left_out_differs_and_only_the_dwelling_may_differ(tiny, scenario_file):
    a = run_scenario(scenario_file(tiny, "a", "[settings]\n"))
    b = run_scenario(scenario_file(tiny, "b", 'leave_out_households = ["H1"]\n'))
    found = {d.household.household_id: d for d in compare([a, b]).differences}
    assert found["H1"].outcomes == (("VA1", 1), None)
    assert found["H2"].outcomes == (("VB1", 2), ("VA1", 1))
    # H3 wishes nothing: any dwelling is the same to it, so only which one may differ, never its wish rank
    assert "H3" not in found or not found["H3"].wish_differs


def test_the_workbook_has_the_figures_the_chart_and_the_differences(pair, tmp_path):
    path = tmp_path / "c.xlsx"
    write_comparison(path, pair, lang="en")
    book = load_workbook(path)
    assert book.sheetnames == ["Comparison", "Differences", "Scenarios"]
    figures = book["Comparison"]
    assert figures.freeze_panes == "A2"
    assert list(figures.tables) == ["Comparison"]
    header = [c.value for c in figures[1]][:4]
    assert header == ["Section", "Figure", "all", "fewer"]
    rows = {r[1].value: (r[2], r[3]) for r in figures.iter_rows(min_row=2) if r[1].value}
    assert (rows["Housed"][0].value, rows["Housed"][1].value) == (3, 2)
    assert rows["Average rent change (kr/month)"][0].number_format == "#,##0.0"
    assert rows["Project's cost in total"][0].number_format == "#,##0"
    assert rows["Empty rent"][0].value is None
    charts = figures._charts
    assert len(charts) == 1 and isinstance(charts[0], BarChart) and len(charts[0].series) == 2
    differences = book["Differences"]
    values = [[c.value for c in row] for row in differences.iter_rows(min_row=2, max_row=2)]
    assert values[0][0] == "H3" and "not housed" in values[0] and "no wish" in values[0]
    assert figures.column_dimensions["B"].width > 20


def test_the_workbook_is_danish_by_default(pair, tmp_path):
    path = tmp_path / "c.xlsx"
    write_comparison(path, pair)
    book = load_workbook(path)
    assert book.sheetnames == ["Sammenligning", "Forskelle", "Scenarier"]
    labels = [r[1].value for r in book["Sammenligning"].iter_rows(min_row=2)]
    assert "Genhuset" in labels and "ikke anvist" in labels and "Anvist i C" in labels


def test_headline_text_has_one_column_per_scenario(pair):
    text = headline_text(pair)
    lines = text.splitlines()
    assert lines[0].split()[-2:] == ["all", "fewer"]
    assert [line for line in lines if line.startswith("Housed")][0].split()[-2:] == ["3", "2"]


def test_a_saved_result_gives_the_same_figures_and_a_stale_one_is_refused(tiny, scenario_file, tmp_path):
    from click.testing import CliRunner

    from allocator.cli import main

    path = scenario_file(tiny, "all", "[settings]\n")
    out = tmp_path / "runs"
    assert CliRunner().invoke(main, ["run", str(path), "--out-dir", str(out), "-q"]).exit_code == 0
    inputs = read_inputs(load_scenario(path))
    saved = load_saved(inputs, out)
    fresh = run_scenario(path)
    assert compare([saved]).figures == compare([fresh]).figures

    result = out / "all" / "result.json"
    doc = json.loads(result.read_text())
    doc["assignments"][0]["dwelling_id"], doc["assignments"][2]["dwelling_id"] = "VC1", "VA1"
    result.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="wish ranks do not match"):
        load_saved(inputs, out)

    changed = read_inputs(load_scenario(scenario_file(tiny, "all", '[settings]\noverlap_days = 3\n')))
    with pytest.raises(InputError, match=r"other settings \(overlap_days\)"):
        load_saved(changed, out)
    with pytest.raises(InputError, match="not found; run it with: genhus run"):
        load_saved(inputs, tmp_path / "elsewhere")
