"""Loading a scenario file: keys, types, values, paths; every problem named by file and key, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from allocator.cli import main
from allocator.domain import BudgetSettings, Settings
from allocator.problems import InputError
from allocator.scenario import load_scenario, load_scenarios


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def only(path: Path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    assert found[0].startswith(str(path)), "the problem names the scenario file"
    return found[0]


# --- what a good file gives ---------------------------------------------------------------------------------


def test_empty_settings_run_the_documented_defaults(tiny, scenario_file):
    with_table = load_scenario(scenario_file(tiny, "a", "[settings]\n"))
    without = load_scenario(scenario_file(tiny, "b"))
    assert with_table.settings == without.settings == Settings()
    assert with_table.settings.budget == BudgetSettings()
    assert with_table.leave_out_vacancy_share == 0 and with_table.overrides == ()


def test_name_defaults_to_the_file_name_and_description_to_empty(tiny, scenario_file):
    scenario = load_scenario(scenario_file(tiny, "my_question"))
    assert (scenario.name, scenario.description) == ("my_question", "")
    named = load_scenario(scenario_file(tiny, "x", inputs='name = "other"\n'
                                        'description = "why"\n[inputs]\nhouseholds = "households.csv"\n'
                                        'vacancies = "vacancies.csv"\n'))
    assert (named.name, named.description) == ("other", "why")


def test_paths_are_relative_to_the_scenario_file(tmp_path, input_files, scenario_file):
    input_files(tmp_path / "data")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = scenario_file(folder, "s", inputs='[inputs]\nhouseholds = "../data/households.csv"\n'
                         'vacancies = "../data/vacancies.csv"\nextra_vacancies = ["../data/vacancies.csv"]\n')
    scenario = load_scenario(path)
    assert scenario.households.resolve() == (tmp_path / "data" / "households.csv").resolve()
    assert scenario.extra_vacancies[0].resolve() == (tmp_path / "data" / "vacancies.csv").resolve()


def test_settings_and_budget_are_read_by_name(tiny, scenario_file):
    body = """
[settings]
size_rule = "law-minimum"
temporary_size_rule = "half"
wishes = "hard"
temporary_other_municipality = true
overlap_days = 7
lang = "en"
priority = "weighted"
tie_break_seed = 3
rank_weight = 20
time_limit_s = 5
max_offers_temporary = 1

[settings.budget]
stay_months = 18
moving_method = "removal_firm"
"""
    settings = load_scenario(scenario_file(tiny, "s", body)).settings
    assert settings == Settings(
        size_rule="law-minimum", temporary_size_rule="half", wishes="hard", temporary_other_municipality=True,
        overlap_days=7, lang="en", priority="weighted", tie_break_seed=3, rank_weight=20, time_limit_s=5.0,
        max_offers_temporary=1, budget=BudgetSettings(stay_months=18.0, moving_method="removal_firm"),
    )


def test_overrides_are_typed_when_loaded(tiny, scenario_file):
    body = """
[households.H1]
min_rooms = 1
wishes = ["B", "A"]
kind = "Midlertidig"
move_by = 2027-05-01
needs_elevator = true
max_rent = 6000

[households."H 2"]
max_rent = ""
"""
    scenario = load_scenario(scenario_file(tiny, "s", body))
    changes = dict(scenario.overrides)
    assert dict(changes["H1"])["wishes"] == ("B", "A")
    assert dict(changes["H1"])["kind"].value == "temporary"
    assert str(dict(changes["H1"])["move_by"]) == "2027-05-01"
    assert dict(changes["H1"])["max_rent"] == 6000.0
    assert dict(changes["H 2"]) == {"max_rent": None}


# --- what a bad file gives ----------------------------------------------------------------------------------


def test_unknown_setting_suggests_the_nearest_known_one(tiny, scenario_file):
    path = scenario_file(tiny, "s", '[settings]\nsize_rul = "exact"\n')
    assert "settings.size_rul: unknown key; did you mean 'size_rule'?" in only(path)


@pytest.mark.parametrize(
    ("body", "key", "hint"),
    [
        ('setings = {}\n', "setings", "did you mean 'settings'?"),
        ('[settings.budget]\nallowance_smal = 1\n', "settings.budget.allowance_smal", "'allowance_small'"),
        ('[households.H1]\nmin_room = 1\n', "households.H1.min_room", "'min_rooms'"),
        ('[settings]\nbudget = 3\n', "settings.budget", "must be a table"),
    ],
)
def test_unknown_keys_elsewhere_are_named_with_a_suggestion(tiny, scenario_file, body, key, hint):
    # a top-level key must come before the first table: put the body first for that case
    if body.startswith("setings"):
        path = tiny / "s.toml"
        path.write_text(body + '[inputs]\nhouseholds = "households.csv"\nvacancies = "vacancies.csv"\n')
    else:
        path = scenario_file(tiny, "s", body)
    message = only(path)
    assert f"{key}:" in message and hint in message


def test_unknown_input_key_is_named(tiny, scenario_file):
    path = scenario_file(tiny, "s", 'leave_out_vacancy = ["VA1"]\n')
    assert "inputs.leave_out_vacancy: unknown key; did you mean 'leave_out_vacancies'?" in only(path)


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ('overlap_days = "14"', "settings.overlap_days", "must be a whole number, not the text '14'"),
        ("overlap_days = 14.5", "settings.overlap_days", "must be a whole number"),
        ('temporary_other_municipality = "yes"', "settings.temporary_other_municipality", "must be true or false"),
        ("size_rule = 1", "settings.size_rule", "must be text"),
        ("lang = true", "settings.lang", "must be text"),
    ],
)
def test_wrong_type_is_named(tiny, scenario_file, line, key, expected):
    message = only(scenario_file(tiny, "s", f"[settings]\n{line}\n"))
    assert f"{key}: {expected}" in message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('size_rule = "big"', "settings.size_rule: size_rule must be one of range, law-minimum, exact"),
        ('priority = "seniority"', "settings.priority: priority must be one of strict, weighted"),
        ("overlap_days = 400", "settings.overlap_days: overlap_days must be between 0 and 365"),
        ("max_offers = 0", "settings.max_offers: max_offers must be at least 1"),
    ],
)
def test_bad_value_gives_the_domain_text(tiny, scenario_file, line, expected):
    assert expected in only(scenario_file(tiny, "s", f"[settings]\n{line}\n"))


def test_bad_budget_value_gives_the_domain_text(tiny, scenario_file):
    message = only(scenario_file(tiny, "s", "[settings.budget]\nhandyman_hours = 5\n"))
    assert "settings.budget.handyman_hours: budget handyman_hours must be between 0 and 3" in message


def test_bad_override_types_are_named(tiny, scenario_file):
    body = '[households.H1]\nmin_rooms = "two"\nkind = "forever"\nmove_by = "soon"\nwishes = "A"\n'
    found = problems(scenario_file(tiny, "s", body))
    assert len(found) == 4
    assert any("households.H1.min_rooms: must be a whole number" in p for p in found)
    assert any("households.H1.kind: not a kind of rehousing" in p for p in found)
    assert any("households.H1.move_by:" in p and "2027-03-01" in p for p in found)
    assert any("households.H1.wishes: must be a list of texts" in p for p in found)


def test_missing_input_file_is_named_with_its_key(tiny, scenario_file):
    path = scenario_file(tiny, "s", inputs='[inputs]\nhouseholds = "nope.csv"\nvacancies = "vacancies.csv"\n')
    message = only(path)
    assert "inputs.households: file not found:" in message and "nope.csv" in message


def test_missing_extra_vacancy_file_is_named_with_its_position(tiny, scenario_file):
    path = scenario_file(tiny, "s", 'extra_vacancies = ["vacancies.csv", "neighbour.csv"]\n')
    assert "inputs.extra_vacancies[2]: file not found" in only(path)


def test_input_files_are_required(tiny, scenario_file):
    found = problems(scenario_file(tiny, "s", inputs="[inputs]\n"))
    assert len(found) == 2
    assert any("inputs.households: missing" in p for p in found)
    assert any("inputs.vacancies: missing" in p for p in found)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("leave_out_vacancy_share = 1.5", "inputs.leave_out_vacancy_share: must be at least 0 and below 1"),
        ('leave_out_vacancy_share = "15 %"', "inputs.leave_out_vacancy_share: must be a number"),
        ("leave_out_seed = 1.5", "inputs.leave_out_seed: must be a whole number"),
        ("leave_out_vacancies = [12]", "inputs.leave_out_vacancies: ids must be text in quotes"),
        ('leave_out_households = "H1"', "inputs.leave_out_households: must be a list of ids"),
    ],
)
def test_bad_leave_out_keys_are_named(tiny, scenario_file, line, expected):
    assert expected in only(scenario_file(tiny, "s", line + "\n"))


def test_a_bad_name_is_refused(tiny, scenario_file):
    path = scenario_file(tiny, "s", inputs='name = "../x"\n[inputs]\nhouseholds = "households.csv"\n'
                         'vacancies = "vacancies.csv"\n')
    assert "name: must be letters, digits" in only(path)


def test_every_problem_is_reported_at_once(tiny, scenario_file):
    body = '[settings]\nsize_rul = "exact"\noverlap_days = "x"\npriority = "no"\n[households.H1]\nmin_room = 1\n'
    path = scenario_file(tiny, "s", body, inputs='[inputs]\nhouseholds = "nope.csv"\nvacancies = "vacancies.csv"\n')
    found = problems(path)
    assert len(found) == 5
    assert all(p.startswith(str(path)) for p in found)


def test_invalid_toml_and_missing_scenario_file_are_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[inputs\nhouseholds = 1\n")
    assert "not valid TOML" in only(bad)
    assert "scenario file not found" in only(tmp_path / "missing.toml")


def test_two_scenarios_with_one_name_are_refused_together_with_other_problems(tiny, scenario_file):
    a = scenario_file(tiny, "a", inputs='name = "same"\n[inputs]\nhouseholds = "households.csv"\n'
                      'vacancies = "vacancies.csv"\n')
    b = scenario_file(tiny, "b", inputs='name = "same"\n[inputs]\nhouseholds = "households.csv"\n'
                      'vacancies = "vacancies.csv"\n')
    c = scenario_file(tiny, "c", "[settings]\nwishes = 3\n")
    with pytest.raises(InputError) as caught:
        load_scenarios([a, b, c])
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 2
    assert any("'same' is also the name of" in p for p in found)
    assert any("settings.wishes: must be text" in p for p in found)


def test_the_cli_refuses_a_bad_file_with_exit_2_and_every_problem(tiny, scenario_file):
    path = scenario_file(tiny, "s", '[settings]\nsize_rul = "exact"\nlang = "fr"\n')
    result = CliRunner().invoke(main, ["run", str(path), "--out-dir", str(tiny / "out")])
    assert result.exit_code == 2
    assert "2 problems" in result.output
    assert "settings.size_rul: unknown key; did you mean 'size_rule'?" in result.output
    assert "settings.lang: lang must be one of da, en" in result.output
    assert "Traceback" not in result.output
    assert not (tiny / "out").exists()
