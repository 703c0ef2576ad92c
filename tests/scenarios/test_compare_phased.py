"""The comparison of phased scenarios: dwellings held at peak, empty dwelling-days and their rent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from phased_case import phased_result

from allocator.compare import FIGURE_KEYS, ScenarioRun, compare
from allocator.provenance import Provenance
from allocator.scenario import Scenario, ScenarioInput
from allocator.write.comparison import write_comparison
from allocator.write.sheet_compare_words import FIGURES, section_of


def _run(name: str, result) -> ScenarioRun:
    scenario = Scenario(
        name=name,
        description="",
        path=Path(f"{name}.toml"),
        households=Path("h.csv"),
        vacancies=Path("v.csv"),
    )
    inputs = ScenarioInput(scenario, result.instance, (), Provenance(files=()), (), ())
    audit = {"priority_violations": 0}
    return ScenarioRun(scenario, inputs, result.assignments, result.unassigned, audit, True)


def _plain():
    result = phased_result()
    # the same households in a case without phases, each dwelling to one household
    assignments = tuple(a for a in result.assignments if a.household_id not in ("T2", "P3"))
    return dataclasses.replace(
        result, instance=dataclasses.replace(result.instance, phases=()), assignments=assignments
    )


def test_phased_figures_for_the_phased_scenario_only():
    comparison = compare([_run("phased", phased_result()), _run("plain", _plain())])
    assert comparison.values("peak_dwellings_held") == {"phased": 3, "plain": None}
    assert comparison.values("empty_dwelling_days") == {"phased": 109, "plain": None}
    assert comparison.values("empty_dwelling_rent") == {"phased": 16800, "plain": None}
    assert comparison.values("budget_empty_rent")["phased"] == 16800  # the same days, B3 (rent unknown) apart
    assert comparison.values("vacancies_used") == {"phased": 3, "plain": 3}  # B1 counts once for three stays


def test_without_a_phased_scenario_there_are_no_phased_figures():
    comparison = compare([_run("a", _plain()), _run("b", _plain())])
    assert not {f.key for f in comparison.figures} & {"peak_dwellings_held", "empty_dwelling_days"}


def test_every_phased_figure_has_words_and_a_section(tmp_path):
    for key in ("peak_dwellings_held", "empty_dwelling_days", "empty_dwelling_rent"):
        assert key in FIGURE_KEYS and key in FIGURES["da"] and key in FIGURES["en"]
        assert section_of(key) == "phases"
    comparison = compare([_run("phased", phased_result()), _run("plain", _plain())])
    write_comparison(tmp_path / "c.xlsx", comparison, lang="da")
    assert (tmp_path / "c.xlsx").stat().st_size > 0
