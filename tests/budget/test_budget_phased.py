"""The budget of a phased case: the empty rent over each dwelling's timeline, gaps and turnaround included."""

from __future__ import annotations

import dataclasses

from phased_case import phased_result

from allocator.budget import cost_lines, result_cost_lines, totals


def test_each_stay_carries_the_empty_days_of_its_dwelling_just_before_it():
    lines = {line.household_id: line for line in result_cost_lines(phased_result())}
    # B1, 120 kr a day: 14 days before T1, 16 before T2 (turnaround and gap), 16 before P3
    assert [lines[h].empty_rent for h in ("T1", "T2", "P3")] == [1680.0, 1920.0, 1920.0]
    assert lines["T3"].empty_rent == 11280.0  # B2, 240 kr a day, 47 days
    assert lines["T4"].empty_rent is None and "empty_rent" in lines["T4"].missing  # B3: rent unknown
    assert lines["U1"].empty_rent == 0.0 and not lines["U1"].housed
    assert totals(lines.values())["empty_rent"].total == 16800.0  # = occupancy's empty rent of known rents


def test_without_phases_the_budget_is_the_one_of_today():
    result = phased_result()
    plain = dataclasses.replace(result, instance=dataclasses.replace(result.instance, phases=()))
    instance = plain.instance
    assert result_cost_lines(plain) == cost_lines(
        instance.households, instance.vacancies, plain.assignment_map, plain.settings
    )
    # the old rule counts only the wait before each household's move-in, as if every dwelling held one stay
    assert {line.household_id: line.empty_rent for line in result_cost_lines(plain)}["T2"] != 1920.0
