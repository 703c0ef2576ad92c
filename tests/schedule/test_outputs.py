"""Calendar, workbook, JSON and budget of a schedule; the same input gives the same bytes."""

import json

import openpyxl
from cases import SETTINGS, D, phased, plain, unphased
from click.testing import CliRunner
from icalendar import Calendar

from allocator import budget
from allocator.cli import main
from allocator.schedule import make_schedule
from allocator.schedule.calendar_export import calendar_bytes
from allocator.write.schedule_workbook import write_schedule_workbook


def named(inst):
    from dataclasses import replace

    return replace(inst, households=tuple(replace(h, name=f"Navn {h.household_id}") for h in inst.households))


def test_the_calendar_parses_back_without_names_unless_asked():
    inst, a = phased()
    inst = named(inst)
    s = make_schedule(inst, SETTINGS, a, plain())
    events = Calendar.from_ical(calendar_bytes(s)).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [m.date for m in s.moves]
    assert all("Navn" not in str(e["summary"]) for e in events)
    assert "tilbageflytning" in str(events[1]["summary"])
    names = {h.household_id: h.name for h in inst.households}
    with_names = Calendar.from_ical(calendar_bytes(s, names=names)).walk("VEVENT")
    assert "Navn A" in str(with_names[0]["summary"])


def test_same_input_same_bytes(tmp_path):
    inst, a = phased()
    first = make_schedule(inst, SETTINGS, a, plain())
    second = make_schedule(inst, SETTINGS, a, plain())
    assert calendar_bytes(first) == calendar_bytes(second)
    by_id = {h.household_id: h for h in inst.households}
    dwellings = {v.dwelling_id: v for v in inst.vacancies}
    write_schedule_workbook(tmp_path / "1.xlsx", first, by_id, dwellings)
    write_schedule_workbook(tmp_path / "2.xlsx", second, by_id, dwellings)
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()


def test_the_flytteskema_sheet_has_a_row_per_move_sorted_by_date(tmp_path):
    inst, a = phased()
    s = make_schedule(inst, SETTINGS, a, plain())
    write_schedule_workbook(
        tmp_path / "s.xlsx",
        s,
        {h.household_id: h for h in inst.households},
        {v.dwelling_id: v for v in inst.vacancies},
    )
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Flytteskema"]
    rows = list(sheet.iter_rows(min_row=2, max_row=6, max_col=7, values_only=True))
    assert [r[6] for r in rows] == [
        "udflytning",
        "tilbageflytning",
        "udflytning",
        "tilbageflytning",
        "permanent",
    ]
    assert [r[0].date() for r in rows] == [m.date for m in s.moves]
    assert rows[0][1] == "tirsdag"
    assert sheet._charts  # moves per week against capacity


def test_the_budget_counts_empty_rent_from_the_scheduled_dates():
    from allocator.pipeline import add_schedule, run
    from allocator.provenance import Provenance

    inst, _ = unphased(1)
    outcome = run(inst, SETTINGS, Provenance(files=()))
    scheduled = add_schedule(outcome, plain(), booked={("H1", "permanent"): D(2027, 5, 25)})
    days = scheduled.schedule.empty_days_by_household()
    assert days == {"H1": (D(2027, 5, 25) - D(2027, 4, 1)).days}
    lines = budget.result_cost_lines(outcome.result, scheduled_empty_days=days)
    assert lines[0].empty_rent == round(6000.0 * days["H1"] / budget.DAYS_PER_MONTH, 2)
    unscheduled = budget.result_cost_lines(outcome.result)
    assert unscheduled[0].empty_rent != lines[0].empty_rent  # move-by minus 14 days, not the booked day


EXAMPLE = ("data/example/households.csv", "data/example/vacancies.csv")


def test_allocate_schedule_writes_sheet_json_and_calendar_and_unscheduled_keeps_its_bytes(tmp_path):
    runner = CliRunner()
    base = [*EXAMPLE, "--quiet"]
    plain_json = tmp_path / "plain.json"
    assert runner.invoke(main, ["allocate", *base, "--json", str(plain_json)]).exit_code == 0
    assert "schedule" not in json.loads(plain_json.read_text())
    args = [
        "allocate",
        *base,
        "--schedule",
        "--schedule-from",
        "2026-06-01",
        "--moves-per-day",
        "8",
        "--out",
        str(tmp_path / "o.xlsx"),
        "--json",
        str(tmp_path / "r.json"),
        "--calendar",
        str(tmp_path / "m.ics"),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["schedule"]["settings"]["schedule_from"] == "2026-06-01"
    assert doc["audit"]["schedule"]["ok"]
    assert all("moves" in entry for entry in doc["assignments"])
    assert "Flytteskema" in openpyxl.load_workbook(tmp_path / "o.xlsx", read_only=True).sheetnames
    events = Calendar.from_ical((tmp_path / "m.ics").read_bytes()).walk("VEVENT")
    assert len(events) == doc["schedule"]["moves"]
    strip = dict(doc)
    for entry in strip["assignments"]:
        entry.pop("moves")
    strip.pop("schedule")
    strip["audit"].pop("schedule")
    assert strip == json.loads(plain_json.read_text())


def test_allocate_schedule_that_does_not_fit_exits_2_and_writes_nothing(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "allocate",
            *EXAMPLE,
            "--quiet",
            "--schedule",
            "--schedule-from",
            "2026-06-01",
            "--out",
            str(tmp_path / "o.xlsx"),
        ],
    )
    assert result.exit_code == 2
    assert "the smallest moves_per_day that fits is 8" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.xlsx").exists()


def test_genhus_schedule_reads_the_offers_workbook_and_keeps_a_booked_date(tmp_path):
    runner = CliRunner()
    offers = tmp_path / "tilbud.xlsx"
    assert runner.invoke(main, ["allocate", *EXAMPLE, "--quiet", "--out", str(offers)]).exit_code == 0
    first = tmp_path / "skema.xlsx"
    args = [
        "schedule",
        *EXAMPLE,
        str(offers),
        "--schedule-from",
        "2026-06-01",
        "--moves-per-day",
        "8",
        "--quiet",
    ]
    result = runner.invoke(main, [*args, "--out", str(first)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(first)
    sheet = book["Flytteskema"]
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    household, kind = row[2].value, row[6].value
    import datetime as dt

    row[10].value = dt.datetime(2027, 2, 13)  # a Saturday the coordinator agreed with the household
    book.save(tmp_path / "booket.xlsx")
    again = tmp_path / "skema2.xlsx"
    result = runner.invoke(
        main,
        [
            *args,
            "--booked",
            str(tmp_path / "booket.xlsx"),
            "--out",
            str(again),
            "--json",
            str(tmp_path / "s.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    moves = json.loads((tmp_path / "s.json").read_text())["moves"]
    types = {"udflytning": "out", "permanent": "permanent", "tilbageflytning": "back"}
    (kept,) = [m for m in moves if m["household_id"] == household and m["type"] == types[kind]]
    assert kept["date"] == "2027-02-13"


def test_unphased_pair_is_scheduled_and_checked_through_the_pipeline():
    from allocator.pipeline import add_schedule, run
    from allocator.provenance import Provenance

    inst, _ = unphased(2)
    outcome = add_schedule(run(inst, SETTINGS, Provenance(files=())), plain())
    assert outcome.passed and outcome.schedule is not None and len(outcome.schedule.moves) == 2


def test_the_offers_sheet_gains_the_move_dates_only_when_scheduled(tmp_path):
    runner = CliRunner()
    base = ["allocate", *EXAMPLE, "--quiet", "--schedule-from", "2026-06-01", "--moves-per-day", "8"]
    assert runner.invoke(main, [*base, "--out", str(tmp_path / "plain.xlsx")]).exit_code == 0
    assert (
        runner.invoke(
            main, [*base, "--schedule", "--out", str(tmp_path / "s.xlsx"), "--json", str(tmp_path / "s.json")]
        ).exit_code
        == 0
    )
    header = next(
        openpyxl.load_workbook(tmp_path / "plain.xlsx", read_only=True)["Tilbud"].iter_rows(values_only=True)
    )
    assert "Flyttedato" not in header
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx", read_only=True)["Tilbud"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    doc = json.loads((tmp_path / "s.json").read_text())
    dates = {a["household_id"]: a["moves"] for a in doc["assignments"]}
    for row in rows:
        hid, day = row[0], row[header.index("Flyttedato")]
        if hid in dates:
            moved = dates[hid].get("permanent") or dates[hid].get("out")
            assert day.date().isoformat() == moved
        else:
            assert day is None


def test_the_comparison_shows_weeks_over_capacity_and_the_peak():
    from types import SimpleNamespace

    from allocator.compare import _schedule_figures

    inst, a = unphased(12, move_by=D(2027, 5, 12))

    def run(**kw):
        return SimpleNamespace(
            scenario=SimpleNamespace(schedule=plain(**kw)),
            instance=inst,
            settings=SETTINGS,
            assignments=tuple(a),
        )

    fits = _schedule_figures(run(moves_per_day=2))
    assert fits["schedule_weeks_over"] == 0 and fits["schedule_peak_day"] == 2
    over = _schedule_figures(run(moves_per_day=1))
    assert over["schedule_moves_over"] == 3 and over["schedule_min_moves_per_day"] == 2
    assert "schedule_peak_day" not in over


def test_a_schedule_the_checker_rejects_is_never_written(tmp_path):
    from dataclasses import replace

    import pytest

    from allocator.check.schedule import ScheduleAudit
    from allocator.pipeline import add_schedule, run, write
    from allocator.provenance import Provenance

    inst, _ = unphased(2)
    outcome = add_schedule(run(inst, SETTINGS, Provenance(files=())), plain())
    rejected = replace(outcome, schedule_audit=ScheduleAudit(("broken by hand",), 2, 0, 1, 1))
    assert not rejected.passed
    with pytest.raises(ValueError, match="rejected"):
        write(rejected, out=tmp_path / "o.xlsx", calendar=tmp_path / "m.ics")
    assert not list(tmp_path.iterdir())


def test_run_schedule_uses_the_scenarios_settings(tmp_path):
    root = __import__("pathlib").Path(__file__).resolve().parents[2] / "data" / "example"
    scenario = tmp_path / "plan.toml"
    scenario.write_text(
        f'name = "plan"\n[inputs]\nhouseholds = "{root / "households.csv"}"\nvacancies = "{root / "vacancies.csv"}"\n'
        "[settings.schedule]\nschedule_from = 2026-06-01\nmoves_per_day = 8\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["run", str(scenario), "--out-dir", str(tmp_path), "--schedule", "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "plan" / "result.json").read_text())
    assert doc["schedule"]["settings"]["moves_per_day"] == 8
    assert doc["schedule"]["peak_moves_per_day"] <= 8
