"""Cost as the last tie-break: it only chooses among interchangeable dwellings, so it never changes the checker's
verdict, and it never makes the allocation dearer for the project."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from builders import hh, instance, senior, vac
from openpyxl import load_workbook

from allocator.budget import cost_lines, pair_cost
from allocator.check import check
from allocator.domain import BudgetSettings, Instance, Kind, Settings
from allocator.generate import generate_instance
from allocator.provenance import Provenance
from allocator.solve import solve
from allocator.write.workbook import write_workbook

ON = BudgetSettings(cost_tie_break=True)
OFF = BudgetSettings(cost_tie_break=False)


def with_budget_columns(inst: Instance, seed: int) -> Instance:
    """A generated case with every budget column filled in (some cells left empty, as in real files)."""
    rng = np.random.default_rng(seed)

    def maybe(value):
        return value if rng.random() < 0.8 else None

    households = tuple(
        dataclasses.replace(
            h,
            moving_method=maybe(str(rng.choice(["allowance", "removal_firm"]))),
            handyman_hours=maybe(float(rng.integers(0, 7)) / 2),
            stay_months=maybe(float(rng.integers(3, 25))),
            deposit=maybe(float(rng.integers(5, 40)) * 1_000),
            carpet_age_years=int(rng.integers(0, 14)) if rng.random() < 0.3 else None,
            carpet_value=float(rng.integers(2, 20)) * 1_000,
        )
        for h in inst.households
    )
    households = tuple(
        h if h.carpet_age_years is not None else dataclasses.replace(h, carpet_value=None) for h in households
    )
    vacancies = tuple(
        dataclasses.replace(v, deposit=maybe(float(rng.integers(5, 40)) * 1_000)) for v in inst.vacancies
    )
    return Instance(households, vacancies)


def total_pair_cost(inst: Instance, assignment: dict[str, str], settings: Settings) -> int:
    """What the tie-break minimises: the dwelling-dependent cost, in whole kroner per pair."""
    by_id = {v.dwelling_id: v for v in inst.vacancies}
    households = {h.household_id: h for h in inst.households}
    return sum(round(pair_cost(households[h], by_id[d], settings)) for h, d in assignment.items())


def headline(audit, priority: str) -> tuple[list[str], dict]:
    lines = [line for line in audit.verdict_lines(priority=priority) if not line.startswith(" ")]
    return lines, {key: value for key, value in audit.as_dict().items() if key != "findings"}


@pytest.mark.parametrize("priority", ["strict", "weighted"])
@pytest.mark.parametrize("seed", range(6))
def test_the_cost_tie_break_never_changes_the_verdict_and_never_costs_more(seed, priority):
    inst = with_budget_columns(generate_instance(70, 90, seed=seed), seed)
    results = {}
    for name, budget in (("on", ON), ("off", OFF)):
        settings = Settings(priority=priority, budget=budget)
        result = solve(inst, settings)
        audit = check(inst, settings, result.assignment_map)
        assert audit.passes(priority), audit.verdict_lines(priority=priority)
        results[name] = (result, audit)
    (on, on_audit), (off, off_audit) = results["on"], results["off"]
    # the same verdict, figure by figure (a finding may name another dwelling of the same type)
    assert headline(on_audit, priority) == headline(off_audit, priority)
    # the same households housed, each at the same wish rank: only the dwelling within its type may differ
    ranks = [{a.household_id: a.rank for a in result.assignments} for result in (on, off)]
    assert ranks[0] == ranks[1]
    settings = Settings(priority=priority)
    cost_on, cost_off = (total_pair_cost(inst, r.assignment_map, settings) for r in (on, off))
    assert cost_on <= cost_off


def test_the_tie_break_saves_money_on_generated_cases():
    """Not vacuous: over a few generated cases the tie-break does find cheaper hand-outs."""
    saved = 0
    for seed in range(3):
        inst = with_budget_columns(generate_instance(70, 90, seed=seed), seed)
        on = solve(inst, Settings(budget=ON)).assignment_map
        off = solve(inst, Settings(budget=OFF)).assignment_map
        saved += total_pair_cost(inst, off, Settings()) - total_pair_cost(inst, on, Settings())
    assert saved > 0


def two_equally_fair_allocations() -> Instance:
    """Two temporary households, two dwellings of one type: either hand-out is equally fair, one is cheaper.

    T1 (senior, own rent 5,000) takes the first dwelling by id without the tie-break: B1 at 8,000, 3,000 kr a month
    above its own rent for 12 months; T2 (own rent 8,000) then gets B2 at 5,000, paid back from its own rent.
    Swapped, neither temporary dwelling is dearer than the household's own rent.
    """
    households = [
        hh("T1", kind=Kind.TEMPORARY, current_rent=5_000.0, seniority_date=senior(1990), wishes=("A",)),
        hh("T2", kind=Kind.TEMPORARY, current_rent=8_000.0, seniority_date=senior(2000), wishes=("A",)),
    ]
    vacancies = [vac("B1", department="A", rent=8_000.0), vac("B2", department="A", rent=5_000.0)]
    return instance(households, vacancies)


def budget_sheet_totals(tmp_path: Path, budget: BudgetSettings) -> tuple[dict[str, str], dict[str, float]]:
    settings = Settings(lang="en", budget=budget)
    result = solve(two_equally_fair_allocations(), settings)
    audit = check(result.instance, settings, result.assignment_map)
    assert audit.passes(settings.priority)
    path = tmp_path / f"{budget.cost_tie_break}.xlsx"
    write_workbook(path, result, audit, Provenance(files=()), lang="en")
    ws = load_workbook(path)["Budget"]
    cells = list(ws[ws.tables["BudgetItems"].ref])
    header = [c.value for c in cells[0]]
    totals = {row[0].value: row[header.index("Total")].value for row in cells[1:]}
    return result.assignment_map, totals


def test_the_budget_sheet_shows_the_cheaper_of_two_equally_fair_allocations(tmp_path):
    on, on_totals = budget_sheet_totals(tmp_path, ON)
    off, off_totals = budget_sheet_totals(tmp_path, OFF)
    assert off == {"T1": "B1", "T2": "B2"}
    assert on == {"T1": "B2", "T2": "B1"}
    assert off_totals["Temporary rent difference"] == 36_000
    assert on_totals["Temporary rent difference"] == 0
    assert off_totals["Total for the project"] - on_totals["Total for the project"] == 36_000
    assert on_totals["Moving"] == off_totals["Moving"] == 24_000  # 2 households * 2 moves * 6,000
    inst = two_equally_fair_allocations()
    lines = cost_lines(inst.households, inst.vacancies, on, Settings())
    assert sum(line.project_total for line in lines) == on_totals["Total for the project"]
