"""``[settings.schedule]`` in a scenario: every key documented, read, and a bad value named by its key."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from allocator.problems import InputError
from allocator.scenario import load_scenario
from allocator.schedule import ScheduleSettings

ROOT = Path(__file__).resolve().parents[2]


def test_all_keys_and_the_readme_name_every_schedule_setting():
    text = (ROOT / "scenarios" / "all_keys.toml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for f in dataclasses.fields(ScheduleSettings):
        assert f"\n{f.name} = " in text, f.name
        assert f"`settings.schedule.{f.name}`" in readme, f.name
    assert load_scenario(ROOT / "scenarios" / "all_keys.toml").schedule == ScheduleSettings()


def _scenario(tmp_path, body: str) -> Path:
    path = tmp_path / "s.toml"
    example = ROOT / "data" / "example"
    path.write_text(
        f'[inputs]\nhouseholds = "{example / "households.csv"}"\nvacancies = "{example / "vacancies.csv"}"\n'
        + body,
        encoding="utf-8",
    )
    return path


def test_a_scenario_sets_the_schedule(tmp_path):
    body = (
        "[settings.schedule]\nschedule_from = 2027-01-04\nmoves_per_day = 6\n"
        'closed_days = ["2027-07-05..2027-07-30"]\n'
    )
    got = load_scenario(_scenario(tmp_path, body)).schedule
    assert got == ScheduleSettings(
        schedule_from=dt.date(2027, 1, 4), moves_per_day=6, closed_days=("2027-07-05..2027-07-30",)
    )
    assert load_scenario(_scenario(tmp_path, "")).schedule is None


def test_a_bad_schedule_setting_is_named_by_its_key(tmp_path):
    body = '[settings.schedule]\nmoves_per_day = 0\nclosed_days = ["2027-07-40"]\nmoves_per_dag = 3\n'
    with pytest.raises(InputError) as exc:
        load_scenario(_scenario(tmp_path, body))
    text = exc.value.report()
    assert "settings.schedule.moves_per_day" in text and "settings.schedule.closed_days" in text
    assert "moves_per_dag" in text and "moves_per_day" in text


def test_genhus_schedule_takes_the_earliest_move_and_return_days(tmp_path):
    import json

    from click.testing import CliRunner

    from allocator.cli import main

    example = ROOT / "data" / "example"
    inputs = [str(example / "households.csv"), str(example / "vacancies.csv")]
    runner = CliRunner()
    offers = tmp_path / "tilbud.xlsx"
    assert runner.invoke(main, ["allocate", *inputs, "-q", "--out", str(offers)]).exit_code == 0
    args = ["schedule", *inputs, str(offers), "--schedule-from", "2026-06-01", "--moves-per-day", "8", "-q"]
    out = tmp_path / "s.json"
    result = runner.invoke(
        main, [*args, "--earliest-move-days", "40", "--return-days", "20", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    settings = json.loads(out.read_text())["settings"]
    assert (settings["earliest_move_days"], settings["return_days"]) == (40, 20)
    bad = runner.invoke(main, [*args, "--earliest-move-days", "0", "--json", str(tmp_path / "t.json")])
    assert bad.exit_code == 2 and "earliest_move_days must be between 1 and 365" in bad.output
    assert "Traceback" not in bad.output
