"""The bundled scenarios on the example case, through the command line: ``genhus run`` and ``genhus compare``."""

from __future__ import annotations

import dataclasses
import json
import re
import runpy
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from allocator import pipeline
from allocator.check import Audit
from allocator.cli import main
from allocator.domain import BudgetSettings, Settings
from allocator.scenario import INPUT_KEYS, OVERRIDABLE, TOP_KEYS, load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
BUNDLED = ("baseline", "fewer_vacancies", "neighbour_vacancies", "temporary_other_municipality",
           "weighted_priority")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, dict]:
    """Every bundled scenario run once through ``genhus run``; the folder and each run's CLI result."""
    out = tmp_path_factory.mktemp("runs")
    return out, {name: invoke("run", SCENARIOS / f"{name}.toml", "--out-dir", out) for name in BUNDLED}


@pytest.mark.parametrize("name", BUNDLED)
def test_each_bundled_scenario_writes_its_outputs_with_a_passing_audit(runs, name):
    out, results = runs
    result = results[name]
    assert result.exit_code == 0, result.output
    assert (out / name / "offers.xlsx").stat().st_size > 0
    doc = json.loads((out / name / "result.json").read_text(encoding="utf-8"))
    audit = doc["audit"]
    assert audit["housed"] == audit["max_housed"] and len(doc["assignments"]) == audit["housed"]
    assert audit["rule_breaches"] == audit["waste"] == audit["trade_cycles"] == 0
    if doc["settings"]["priority"] == "strict":
        assert audit["ok"] and audit["priority_violations"] == 0
    assert f"scenario {name}" in result.output, "the progress names the scenario"
    assert re.search(r"housed \d+ of 250 households", result.output)


def test_the_bundled_scenarios_change_what_they_say(runs):
    out, _ = runs
    doc = {name: json.loads((out / name / "result.json").read_text(encoding="utf-8")) for name in BUNDLED}
    housed = {name: len(d["assignments"]) for name, d in doc.items()}
    assert housed["fewer_vacancies"] < housed["baseline"] < housed["neighbour_vacancies"]
    assert housed["temporary_other_municipality"] > housed["baseline"]
    assert housed["weighted_priority"] == housed["baseline"], "weighted houses as many as possible too"
    assert doc["weighted_priority"]["audit"]["priority_violations"] > 0
    assert doc["temporary_other_municipality"]["settings"]["temporary_other_municipality"] is True
    assert any(a["dwelling_id"].startswith("N") for a in doc["neighbour_vacancies"]["assignments"])


def test_compare_all_five_from_the_saved_results(runs, tmp_path):
    out, _ = runs
    target = tmp_path / "comparison.xlsx"
    result = invoke("compare", *(SCENARIOS / f"{n}.toml" for n in BUNDLED), "--use-saved", out, "--out", target)
    assert result.exit_code == 0, result.output
    header = [line for line in result.output.splitlines() if line.startswith("Scenario ")][0]
    assert header.split()[1:] == list(BUNDLED)
    assert "baseline vs weighted_priority: worse wish under strict priority" in result.output
    book = load_workbook(target)
    assert book.sheetnames == ["Sammenligning", "Forskelle", "Anciennitetens pris", "Scenarier"]
    figures = book["Sammenligning"]
    assert [c.value for c in figures[1]] == ["Afsnit", "Nøgletal", *BUNDLED]
    rows = {r[1].value: [c.value for c in r[2:]] for r in figures.iter_rows(min_row=2) if r[1].value}
    assert rows["Ledige boliger"] == [320, 272, 360, 320, 320]
    assert rows["Brud på prioritet (anciennitet)"][:4] == [0, 0, 0, 0]
    assert rows["Anvist i Vibeholm"][:2] == [None, None], "a neighbour's department only in its scenario"
    assert len(figures._charts) == 1 and len(figures._charts[0].series) == 5
    assert book["Scenarier"].max_row == 6


def test_compare_runs_the_scenarios_and_says_which_it_is_on(tmp_path):
    target = tmp_path / "c.xlsx"
    result = invoke("compare", SCENARIOS / "baseline.toml", SCENARIOS / "weighted_priority.toml", "--out", target,
                    "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "scenario 1 of 2, baseline: allocating" in result.output
    assert "scenario 2 of 2, weighted_priority: allocating" in result.output
    assert load_workbook(target).sheetnames == ["Comparison", "Differences", "Price of seniority", "Scenarios"]


def test_compare_needs_two_scenarios_and_valid_files(tmp_path):
    result = invoke("compare", SCENARIOS / "baseline.toml", "--out", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "at least two" in result.output
    result = invoke("compare", SCENARIOS / "baseline.toml", tmp_path / "missing.toml", "--out", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "missing.toml: scenario file not found" in result.output
    result = invoke("compare", SCENARIOS / "baseline.toml", SCENARIOS / "fewer_vacancies.toml",
                    "--use-saved", tmp_path / "nothing", "--out", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and result.output.count("not found; run it with: genhus run") == 2
    assert not (tmp_path / "c.xlsx").exists()


def test_a_rejected_allocation_writes_nothing(monkeypatch, tmp_path):
    real = pipeline.check

    def rejecting(*args, **kwargs) -> Audit:
        return dataclasses.replace(real(*args, **kwargs), housed=0)

    monkeypatch.setattr(pipeline, "check", rejecting)
    result = invoke("run", SCENARIOS / "baseline.toml", "--out-dir", tmp_path, "-q")
    assert result.exit_code == 1
    assert "rejected" in result.output
    assert not (tmp_path / "baseline").exists()


def test_the_neighbour_file_is_what_its_script_writes(tmp_path):
    script = runpy.run_path(str(SCENARIOS / "data" / "make_neighbour_vacancies.py"))
    written = script["main"](tmp_path / "again.csv")
    assert written.read_bytes() == (SCENARIOS / "data" / "neighbour_vacancies.csv").read_bytes()
    text = written.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Bolig-ID;Afdeling;Kommune;Antal rum")
    assert len(text.splitlines()) == 41


def test_all_keys_has_every_key_at_its_default():
    scenario = load_scenario(SCENARIOS / "all_keys.toml")
    assert scenario.settings == Settings()
    text = (SCENARIOS / "all_keys.toml").read_text(encoding="utf-8")
    for name in [f.name for f in dataclasses.fields(Settings) if f.name != "budget"]:
        assert re.search(rf"^{name} = ", text, re.M), f"settings.{name} missing from all_keys.toml"
    for name in [f.name for f in dataclasses.fields(BudgetSettings)]:
        assert re.search(rf"^{name} = ", text, re.M), f"settings.budget.{name} missing from all_keys.toml"
    for name in INPUT_KEYS:
        assert re.search(rf"^(# )?{name} = ", text, re.M), f"inputs.{name} missing from all_keys.toml"


def test_the_readme_documents_every_scenario_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Scenarios"):]
    section = section[: section.index("\n## ", 3)]
    keys = [*TOP_KEYS, *(f"inputs.{k}" for k in INPUT_KEYS),
            *(f"settings.{f.name}" for f in dataclasses.fields(Settings) if f.name != "budget"),
            *(f"settings.budget.{f.name}" for f in dataclasses.fields(BudgetSettings))]
    missing = [k for k in keys if f"`{k}`" not in section]
    assert not missing, f"README's Scenarios section does not document {missing}"
    missing = [name for name in OVERRIDABLE if f"`{name}`" not in section]
    assert not missing, f"README's Scenarios section does not name the household fields {missing}"
