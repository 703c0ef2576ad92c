"""Scenarios of a phased case (issue 12): inputs.phases, settings.turnaround_days and [phases."ID"] changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from allocator.problems import InputError
from allocator.scenario import load_scenario, read_inputs

D = dt.date
HEADER = "household_id,department,municipality,members,current_rooms,kind,seniority_date,move_by,phase"
# H1 permanent of phase 1, its move-by from the phase; H2 temporary of phase 2, its move-by from the phase;
# H3 permanent of phase 2 with its own earlier move-by date (2027-10-01).
HOUSEHOLDS = """\
H1,Old,Hvidovre,1,2,permanent,2000-01-01,,1
H2,Old,Hvidovre,1,2,temporary,2001-01-01,,2
H3,Old,Hvidovre,1,2,permanent,2002-01-01,2027-10-01,2
"""
PHASES = """\
phase,construction_start,ready,name
1,2027-09-01,2028-03-01,Blok 1
2,2027-11-01,2028-06-01,Blok 2
"""


@pytest.fixture
def phased(tmp_path: Path, input_files) -> Path:
    input_files(tmp_path)
    (tmp_path / "households.csv").write_text(HEADER + "\n" + HOUSEHOLDS, encoding="utf-8")
    (tmp_path / "phases.csv").write_text(PHASES, encoding="utf-8")
    return tmp_path


def _inputs(folder: Path, body: str = "") -> str:
    return (
        '[inputs]\nhouseholds = "households.csv"\nvacancies = "vacancies.csv"\nphases = "phases.csv"\n' + body
    )


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_inputs(load_scenario(path))
    return [str(p) for p in caught.value.problems]


def test_a_scenario_reads_its_phases_file_and_joins(phased, scenario_file):
    path = scenario_file(phased, "s", inputs=_inputs(phased, "[settings]\nturnaround_days = 21\n"))
    inputs = read_inputs(load_scenario(path))
    assert inputs.scenario.settings.turnaround_days == 21
    assert [p.phase_id for p in inputs.instance.phases] == ["1", "2"]
    assert [(h.move_by, h.deadline_from_phase, h.returns_on) for h in inputs.instance.households] == [
        (D(2027, 9, 1), True, None),
        (D(2027, 11, 1), True, D(2028, 6, 1)),
        (D(2027, 10, 1), False, None),
    ]
    assert [f.name for f in inputs.provenance.files][-1] == "phases.csv"


def test_moving_a_phase_moves_the_deadlines_taken_from_it_and_keeps_stated_ones(phased, scenario_file):
    body = '[phases."2"]\nconstruction_start = 2028-01-01\nready = 2028-09-01\n'
    inputs = read_inputs(load_scenario(scenario_file(phased, "later", inputs=_inputs(phased, body))))
    assert inputs.instance.phases[1].construction_start == D(2028, 1, 1)
    assert [(h.move_by, h.returns_on) for h in inputs.instance.households] == [
        (D(2027, 9, 1), None),  # phase 1 untouched
        (D(2028, 1, 1), D(2028, 9, 1)),  # from the moved phase
        (D(2027, 10, 1), None),  # its own earlier date, still before the new start
    ]


def test_an_earlier_start_than_a_stated_move_by_names_the_household_row(phased, scenario_file):
    body = '[phases."2"]\nconstruction_start = 2027-09-15\n'
    found = _problems(scenario_file(phased, "earlier", inputs=_inputs(phased, body)))
    assert len(found) == 1
    assert "households.csv, row 4, column 'move_by'" in found[0]
    assert (
        "household 'H3'" in found[0]
        and "earlier.toml" in found[0]
        and "construction_start = 2027-09-15" in found[0]
    )


def test_an_unknown_phase_key_and_an_unknown_phase_are_named(phased, scenario_file):
    body = '[phases."3"]\nconstruction_start = 2028-01-01\n[phases."1"]\nbyggestart = 2028-01-01\n'
    with pytest.raises(InputError) as caught:
        load_scenario(scenario_file(phased, "bad", inputs=_inputs(phased, body)))
    assert [p.message for p in caught.value.problems] == [
        "phases.1.byggestart: unknown key; known keys: construction_start, ready, name"
    ]
    found = _problems(scenario_file(phased, "bad2", inputs=_inputs(phased, body.split('[phases."1"]')[0])))
    assert found == [
        f"{phased / 'bad2.toml'}: phases.3: no phase with this id in the phases file; did you mean "
        "'2'? (value: '3')"
    ]


def test_a_phase_change_the_domain_refuses_is_a_scenario_problem(phased, scenario_file):
    body = '[phases."1"]\nready = 2027-08-01\n'
    found = _problems(scenario_file(phased, "s", inputs=_inputs(phased, body)))
    assert found == [f"{phased / 's.toml'}: phases.1: phase 1: ready must be after construction_start"]


def test_a_wrongly_typed_phase_change_is_named_by_its_key(phased, scenario_file):
    body = '[phases."1"]\nconstruction_start = "soon"\n'
    with pytest.raises(InputError) as caught:
        load_scenario(scenario_file(phased, "s", inputs=_inputs(phased, body)))
    ((problem,),) = [caught.value.problems]
    assert problem.message.startswith("phases.1.construction_start:")


def test_phase_changes_without_a_phases_file_are_refused(tiny, scenario_file):
    with pytest.raises(InputError) as caught:
        load_scenario(scenario_file(tiny, "s", '[phases."1"]\nconstruction_start = 2028-01-01\n'))
    assert [p.message for p in caught.value.problems] == [
        "phases: the scenario changes phases but names no phases file; add inputs.phases"
    ]


def test_a_phase_column_without_inputs_phases_says_to_give_one(phased, scenario_file):
    found = _problems(scenario_file(phased, "s"))
    assert len(found) == 1 and "inputs.phases" in found[0] and "row 1, column 'phase'" in found[0]


def test_a_missing_phases_file_is_a_scenario_problem(phased, scenario_file):
    inputs = _inputs(phased).replace('"phases.csv"', '"nowhere.csv"')
    with pytest.raises(InputError) as caught:
        load_scenario(scenario_file(phased, "s", inputs=inputs))
    assert [p.message.split(":")[0] for p in caught.value.problems] == ["inputs.phases"]


SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_the_bundled_phased_scenarios_read_and_phase_2_later_moves_its_deadlines():
    base = read_inputs(load_scenario(SCENARIOS / "phased_baseline.toml")).instance
    later = read_inputs(load_scenario(SCENARIOS / "phase_2_later.toml")).instance
    assert len(base.phases) == len(later.phases) == 4 and len(base.households) == 300
    assert (later.phases[1].construction_start, later.phases[1].ready) == (D(2027, 9, 1), D(2028, 2, 1))
    assert base.phases[0] == later.phases[0] and base.phases[2:] == later.phases[2:]
    moved = [(b, c) for b, c in zip(base.households, later.households, strict=True) if b.move_by != c.move_by]
    assert moved and all(b.phase == "2" and b.deadline_from_phase for b, _ in moved)
    assert all(c.move_by == D(2027, 9, 1) for _, c in moved)
    kept = [c for c in later.households if c.phase == "2" and not c.deadline_from_phase]
    assert kept and all(c.move_by < D(2027, 7, 1) for c in kept)  # their own earlier dates stay
    assert {c.returns_on for c in later.households if c.phase == "2"} - {None} == {D(2028, 2, 1)}


def test_a_saved_phased_run_is_stale_with_another_turnaround_or_phase(phased, scenario_file):
    from allocator import pipeline
    from allocator.compare import load_saved, saved_path
    from allocator.write.sheet_compare_scenarios import _phased

    path = scenario_file(phased, "s", inputs=_inputs(phased))
    inputs = read_inputs(load_scenario(path))
    outcome = pipeline.run(inputs.instance, inputs.scenario.settings, inputs.provenance)
    assert outcome.passed, outcome.verdict_lines()
    out = phased / "out"
    pipeline.write(outcome, json_path=saved_path(out, inputs.scenario))
    run = load_saved(inputs, out)
    assert [a.stay_from is None for a in run.assignments] == [
        a.stay_from is None for a in outcome.result.assignments
    ]
    assert _phased(run) == "phases = " + str(Path(phased.name) / "phases.csv")
    for body in ("[settings]\nturnaround_days = 30\n", '[phases."1"]\nready = 2028-04-01\n'):
        other = read_inputs(load_scenario(scenario_file(phased, "s", inputs=_inputs(phased, body))))
        with pytest.raises(InputError) as caught:
            load_saved(other, out)
        assert "other phases or another turnaround" in str(caught.value)
    changed = load_scenario(
        scenario_file(phased, "s", inputs=_inputs(phased, '[phases."1"]\nready = 2028-04-01\n'))
    )
    assert 'phases."1": ready = 2028-04-01' in _phased(dataclasses.replace(run, scenario=changed))
