"""The settings form makes the settings the CLI would; the scenario form writes scenario files genhus run reads."""

from __future__ import annotations

from allocator.domain import BudgetSettings, Settings
from allocator.scenario import load_scenario
from allocator.web import forms, jobs
from allocator.web.sessions import SessionStore
from allocator.web.uploads import store


def test_the_default_form_gives_the_default_settings():
    settings, values, problems = forms.settings_from(forms.defaults(), lang="da")
    assert problems == [] and settings == Settings()


def test_a_filled_form_gives_its_settings():
    form = {
        **forms.defaults(),
        "size_rule": "law-minimum",
        "overlap_days": "21",
        "temporary_other_municipality": "on",
        "max_offers_temporary": "1",
        "budget_stay_months": "18,5",
        "budget_moving_method": "removal_firm",
    }
    settings, _, problems = forms.settings_from(form, lang="en")
    assert problems == []
    assert settings == Settings(
        size_rule="law-minimum",
        overlap_days=21,
        temporary_other_municipality=True,
        max_offers_temporary=1,
        lang="en",
        budget=BudgetSettings(stay_months=18.5, moving_method="removal_firm"),
    )


def test_bad_values_are_refused_with_the_domains_words():
    _, values, problems = forms.settings_from({"overlap_days": "fjorten"}, lang="da")
    assert problems == ["overlap_days: fjorten"] and values["overlap_days"] == "fjorten"
    _, _, problems = forms.settings_from({"budget_handyman_hours": "5"}, lang="da")
    assert problems == ["budget handyman_hours must be between 0 and 3 (seed 001)"]
    _, _, problems = forms.settings_from({"size_rule": "huge"}, lang="da")
    assert problems and "size_rule must be one of" in problems[0]


def test_variants_on_top_of_the_settings():
    base = Settings(overlap_days=21, budget=BudgetSettings(stay_months=18.0))
    form = {
        "use_1": "on",
        "use_2": "on",
        "priority_2": "weighted",
        "leave_out_2": "15",
        "temporary_other_municipality_3": "true",
        "label_2": "Vægtet",
    }
    variants, problems = forms.variants_from(form, base)
    assert problems == [] and [v.name for v in variants] == ["scenarie-1", "scenarie-2"]
    assert variants[0].settings == {"overlap_days": 21, "budget": {"stay_months": 18.0}}
    assert variants[1].settings["priority"] == "weighted" and variants[1].leave_out_share == 0.15
    _, problems = forms.variants_from({"use_1": "on", "leave_out_1": "100"}, base)
    assert problems == ["1: 100"]


def test_a_variant_is_a_scenario_file_genhus_run_reads(tmp_path):
    sessions = SessionStore(root=tmp_path)
    session = sessions.create()
    session.files["households"] = store(session.uploads, "households", b"a;b\n", "mine.csv")
    session.files["vacancies"] = store(session.uploads, "vacancies", b"a;b\n", "boliger.csv")
    variant = jobs.Variant(
        name="scenarie-2",
        label='Halv "plads"',
        leave_out_share=0.15,
        settings={
            "priority": "weighted",
            "temporary_other_municipality": True,
            "budget": {"stay_months": 18.0},
        },
    )
    path = session.outputs("scenarier") / "scenarie-2.toml"
    path.write_text(jobs._scenario_toml(session, variant), encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.name == "scenarie-2" and scenario.description == 'Halv "plads"'
    assert scenario.households == session.uploads / "households.csv"
    assert scenario.leave_out_vacancy_share == 0.15
    assert scenario.settings.priority == "weighted" and scenario.settings.temporary_other_municipality
    assert scenario.settings.budget.stay_months == 18.0
    sessions.close()


def test_the_default_form_asks_for_no_schedule():
    assert forms.schedule_from(forms.defaults()) is None
    settings, values, problems = forms.settings_from(forms.defaults(), lang="da")
    assert problems == [] and settings.turnaround_days == 14 and values["schedule"] is False


def test_a_filled_schedule_form_gives_its_schedule_settings():
    import datetime as dt

    from allocator.schedule import ScheduleSettings

    form = {
        "schedule": "on",
        "schedule_from": "01-10-2026",
        "schedule_moves_per_day": "7",
        "schedule_moves_per_week": "30",
        "schedule_notice_days": "60",
        "schedule_earliest_move_days": "",
        "closed_days": "2027-07-05..2027-07-30; 2027-12-23",
        "turnaround_days": "21",
    }
    settings, values, problems = forms.settings_from(form, lang="da")
    assert problems == [] and settings.turnaround_days == 21
    assert forms.schedule_from(values) == ScheduleSettings(
        schedule_from=dt.date(2026, 10, 1),
        moves_per_day=7,
        moves_per_week=30,
        notice_days=60,
        closed_days=("2027-07-05..2027-07-30", "2027-12-23"),
    )


def test_an_empty_schedule_date_is_the_day_of_the_run():
    import datetime as dt

    _, values, _ = forms.settings_from({"schedule": "on"}, lang="da")
    assert forms.schedule_from(values).schedule_from == dt.date.today()


def test_bad_schedule_values_are_refused():
    _, _, problems = forms.settings_from({"schedule": "on", "schedule_moves_per_day": "0"}, lang="da")
    assert problems == ["schedule moves_per_day must be between 1 and 1000"]
    _, _, problems = forms.settings_from({"schedule_from": "i morgen"}, lang="da")
    assert problems == ["schedule_from: i morgen"]
    _, _, problems = forms.settings_from({"closed_days": "2027-07-30..2027-07-05"}, lang="da")
    assert problems == ["schedule closed_days: '2027-07-30..2027-07-05' ends before it begins"]
    _, _, problems = forms.settings_from({"turnaround_days": "400"}, lang="da")
    assert problems == ["turnaround_days must be between 0 and 365"]


def test_a_variant_of_a_phased_case_names_the_phases_file(tmp_path):
    sessions = SessionStore(root=tmp_path)
    session = sessions.create()
    for slot in ("households", "vacancies"):
        session.files[slot] = store(session.uploads, slot, b"a;b\n", f"{slot}.csv")
    variant = jobs.Variant(name="scenarie-1", label="Som nu", settings={"turnaround_days": 21})
    path = session.outputs("scenarier") / "scenarie-1.toml"
    path.write_text(jobs._scenario_toml(session, variant), encoding="utf-8")
    assert load_scenario(path).phases is None
    session.files["phases"] = store(session.uploads, "phases", b"Etape;Byggestart\n", "etaper.csv")
    path.write_text(jobs._scenario_toml(session, variant), encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.phases == session.uploads / "phases.csv" and scenario.settings.turnaround_days == 21
    sessions.close()
