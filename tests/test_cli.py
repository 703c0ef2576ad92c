"""The command line end to end: exit codes, outputs, determinism, and the example case."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from allocator.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
HOUSEHOLDS, VACANCIES = EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv"
DATA = ROOT / "tests" / "data"


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def example_json(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("example")
    result = invoke(
        "allocate", HOUSEHOLDS, VACANCIES, "--json", out / "r.json", "--out", out / "o.xlsx", "-q"
    )
    assert result.exit_code == 0, result.output
    return json.loads((out / "r.json").read_text(encoding="utf-8"))


def test_example_is_allocated_and_passes_the_independent_check(example_json):
    audit = example_json["audit"]
    assert audit["ok"] is True
    assert audit["housed"] == audit["max_housed"] == len(example_json["assignments"])
    assert (
        audit["priority_violations"] == audit["waste"] == audit["trade_cycles"] == audit["rule_breaches"] == 0
    )
    assert example_json["status"] == "optimal"


def test_json_has_the_documented_shape(example_json):
    assert set(example_json) >= {"status", "settings", "assignments", "unassigned", "audit"}
    first = example_json["assignments"][0]
    assert set(first) == {"household_id", "dwelling_id", "rank"}
    assert isinstance(first["household_id"], str) and isinstance(first["rank"], int)
    assert all(
        u["reasons"] and all(isinstance(r, str) for r in u["reasons"]) for u in example_json["unassigned"]
    )
    housed = len(example_json["assignments"]) + len(example_json["unassigned"])
    assert housed == 250


def test_every_unhoused_household_of_the_example_has_a_reason_in_words(example_json):
    reasons = [r for u in example_json["unassigned"] for r in u["reasons"]]
    assert reasons and all(len(r) > 20 for r in reasons)


def test_same_input_gives_identical_json_whatever_the_workers(tmp_path):
    runs = []
    for workers in ("1", "2", "1"):
        path = tmp_path / f"r{len(runs)}.json"
        assert (
            invoke("allocate", HOUSEHOLDS, VACANCIES, "--json", path, "--workers", workers, "-q").exit_code
            == 0
        )
        runs.append(path.read_bytes())
    assert runs[0] == runs[1] == runs[2]


def test_inputs_are_never_modified_and_no_temporary_files_are_left(tmp_path):
    households, vacancies = tmp_path / "h.csv", tmp_path / "v.csv"
    shutil.copy(HOUSEHOLDS, households)
    shutil.copy(VACANCIES, vacancies)
    before = (sha(households), sha(vacancies))
    out = tmp_path / "out"
    assert invoke("allocate", households, vacancies, "--json", out / "r.json", "-q").exit_code == 0
    assert (sha(households), sha(vacancies)) == before
    assert sorted(p.name for p in out.iterdir()) == ["r.json"]


def test_bad_input_exits_2_with_every_problem_located_and_no_traceback(tmp_path):
    result = invoke("allocate", DATA / "households_bad_date.csv", VACANCIES, "--json", tmp_path / "r.json")
    assert result.exit_code == 2
    assert "row" in result.output and "column" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.json").exists()


def test_validate_reports_problems_of_both_files_at_once():
    result = invoke("validate", DATA / "households_bad_date.csv", DATA / "vacancies_duplicate_id.csv")
    assert result.exit_code == 2
    assert "households_bad_date.csv" in result.output and "vacancies_duplicate_id.csv" in result.output


def test_validate_accepts_the_example():
    result = invoke("validate", HOUSEHOLDS, VACANCIES)
    assert result.exit_code == 0, result.output
    assert "250 households" in result.output


def test_missing_file_is_bad_input():
    assert invoke("validate", "nope.csv", VACANCIES).exit_code == 2


def test_bad_setting_is_bad_input():
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--overlap-days", "-3")
    assert result.exit_code == 2 and "overlap_days" in result.output


def test_weighted_mode_runs_and_reports_its_priority_violations(tmp_path):
    path = tmp_path / "w.json"
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--priority", "weighted", "--json", path, "-q")
    assert result.exit_code == 0, result.output
    audit = json.loads(path.read_text(encoding="utf-8"))["audit"]
    assert audit["housed"] == audit["max_housed"]
    assert audit["rule_breaches"] == audit["waste"] == 0


def test_an_output_over_an_input_is_refused(tmp_path):
    households = tmp_path / "h.csv"
    shutil.copy(HOUSEHOLDS, households)
    before = sha(households)
    result = invoke("allocate", households, VACANCIES, "--json", households)
    assert result.exit_code == 2 and "also an input file" in result.output
    assert sha(households) == before


def test_an_unwritable_output_is_reported_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--json", blocker / "r.json", "-q")
    assert result.exit_code == 1 and "could not write" in result.output
    assert "Traceback" not in result.output


def test_the_certificate_of_a_case_without_phases_needs_no_time_limit(tmp_path):
    """The CP-SAT time limit is for phased cases; without phases the prices prove the answer, however short."""
    path = tmp_path / "r.json"
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "--json", path, "--time-limit", "0.000001", "-q")
    assert result.exit_code == 0, result.output
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["status"] == "optimal" and document["audit"]["ok"]
    assert document["solver"]["cp_sat_status"] == "OPTIMAL_DUAL"


def test_a_question_cp_sat_could_not_answer_is_a_message_and_any_other_error_is_not_hidden(monkeypatch):
    from allocator import pipeline
    from allocator.engine import phased

    def not_decided(*args, **kwargs):
        raise phased.NotDecided("question 3 reached the time limit")

    monkeypatch.setattr(pipeline, "run", not_decided)
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "-q")
    assert result.exit_code == 1 and "could not be finished: question 3" in result.output

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "run", broken)
    result = invoke("allocate", HOUSEHOLDS, VACANCIES, "-q")
    assert result.exit_code == 1 and isinstance(result.exception, RuntimeError)
    assert "could not be finished" not in result.output
