"""The price of seniority on a strict-vs-weighted case whose numbers are known by hand.

Two permanent households in Hvidovre, one 2-room dwelling X in department D1 and one Y in D2. HA (senior, 2000)
wishes D1 then D2; HB (junior, 2010) wishes D1, D5, D6, so Y is its 4th rank. Strict priority gives HA its 1st
wish X and HB Y (rank 4). Weighted priority (rank weight 10) minimises 10 * (rank - 1) summed: HA in X, HB in Y
costs 0 + 30, the swap 10 + 0, so it swaps. Under strict, HB gets a worse wish than under weighted and HA a
better one; the weighted allocation has one priority violation (HA prefers X, held by the junior HB, who could
take Y instead).
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from allocator.compare import compare, price_of_seniority, run_scenario
from allocator.write.comparison import headline_text, write_comparison

HOUSEHOLDS = """\
HA,Old,Hvidovre,1,2,permanent,2000-01-01,D1,D2,,
HB,Old,Hvidovre,1,2,permanent,2010-01-01,D1,D5,D6,
"""
VACANCIES = "X,D1,Hvidovre,2,0,\nY,D2,Hvidovre,2,0,\n"


@pytest.fixture
def case(tmp_path, input_files, scenario_file):
    input_files(tmp_path, HOUSEHOLDS, VACANCIES)

    def run(name: str, body: str = ""):
        return run_scenario(scenario_file(tmp_path, name, body))

    return run


def test_price_of_seniority_on_the_known_case(case):
    strict, weighted = case("strict"), case("weighted", '[settings]\npriority = "weighted"\n')
    assert {a.household_id: a.dwelling_id for a in strict.assignments} == {"HA": "X", "HB": "Y"}
    assert {a.household_id: a.dwelling_id for a in weighted.assignments} == {"HA": "Y", "HB": "X"}
    price = price_of_seniority(strict, weighted)
    assert price.worse_under_strict == ("HB",)
    assert price.better_under_strict == ("HA",)
    assert price.weighted_priority_violations == 1
    assert price.strict_priority_violations == 0
    assert (price.households, price.housed_strict, price.housed_weighted) == (2, 2, 2)
    assert (price.first_wish_strict, price.first_wish_weighted) == (1, 1)


def test_the_comparison_prices_only_pairs_that_differ_in_priority_alone(case):
    strict = case("strict")
    weighted = case("weighted", '[settings]\npriority = "weighted"\nlang = "en"\n')
    other_rule = case("other_rule", '[settings]\noverlap_days = 3\n')
    other_inputs = case("other_inputs", 'leave_out_households = ["HB"]\n[settings]\npriority = "weighted"\n')
    comparison = compare([strict, weighted, other_rule, other_inputs])
    assert [(p.strict, p.weighted) for p in comparison.prices] == [("strict", "weighted")]
    assert compare([weighted, strict]).prices[0].strict == "strict", "order of the scenarios does not matter"


def test_a_household_unhoused_under_strict_counts_as_worse(tmp_path, input_files, scenario_file):
    # One dwelling X; HA is permanent and senior, HT temporary and even more senior: strict houses HA
    # (permanent first); weighted with a small permanent bonus and a large seniority weight houses HT.
    input_files(tmp_path, "HA,Old,Hvidovre,1,2,permanent,2020-01-01,D1,,,\n"
                          "HT,Old,Hvidovre,1,2,temporary,1980-01-01,D1,,,\n", "X,D1,Hvidovre,2,0,\n")
    strict = run_scenario(scenario_file(tmp_path, "s"))
    weighted = run_scenario(scenario_file(tmp_path, "w", '[settings]\npriority = "weighted"\n'
                                          "permanent_bonus = 0\nseniority_weight = 10\n"))
    price = price_of_seniority(strict, weighted)
    assert price.worse_under_strict == ("HT",) and price.better_under_strict == ("HA",)


def test_the_workbook_and_terminal_show_the_price(case, tmp_path):
    comparison = compare([case("strict"), case("weighted", '[settings]\npriority = "weighted"\n')])
    text = headline_text(comparison)
    assert ("strict vs weighted: worse wish under strict priority 1, better wish under strict priority 1, "
            "priority violations (weighted) 1") in text
    path = tmp_path / "c.xlsx"
    write_comparison(path, comparison, lang="en")
    book = load_workbook(path)
    assert book.sheetnames == ["Comparison", "Differences", "Price of seniority", "Scenarios"]
    sheet = book["Price of seniority"]
    figures = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2, max_row=10)}
    assert figures["Worse wish under strict priority"] == 1
    assert figures["Better wish under strict priority"] == 1
    assert figures["Priority violations (weighted)"] == 1
    assert set(sheet.tables) == {"PriceOfSeniority", "SeniorityHouseholds"}
    ids = [c.value for c in sheet["A"] if c.value in ("HA", "HB")]
    assert ids == ["HB", "HA"], "worse under strict first"
