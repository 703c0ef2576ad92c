"""One run: a pure function of the files, the scenario and its seeds; a failing run is a row, not a crash."""

from __future__ import annotations

import pytest

from allocator.sweep import run as running
from allocator.sweep.execute import Engine, prepare, run_sweep
from allocator.sweep.rows import FIGURES


def test_a_run_is_the_same_as_genhus_run_of_its_scenario(write_sweep):
    from allocator.compare import compare, run_scenario

    prepared = prepare(write_sweep('[grid]\nsettings.size_rule = ["law-minimum"]\n'))
    ((spec, identity),) = prepared.tasks
    row = running.run_one(prepared.files, spec, identity)
    alone = compare([run_scenario(spec.scenario)])
    assert row["ok"] and row["error"] is None
    assert row["housed"] == alone.figure("housed").values[0]
    assert row["budget_total"] == alone.figure("budget_total").values[0]
    assert row["all_housed"] is (alone.figure("unhoused").values[0] == 0)
    assert running.run_one(prepared.files, spec, identity) == row  # pure: the same again


def test_a_failing_run_is_a_row_with_its_parameters_and_error(write_sweep, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    prepared = prepare(write_sweep('[grid]\nsettings.size_rule = ["range", "exact"]\n'))
    real = running.pipeline.run

    def failing(instance, settings, *args, **kwargs):
        if settings.size_rule == "exact":
            raise RuntimeError("the solver fell over\nsecond line")
        return real(instance, settings, *args, **kwargs)

    monkeypatch.setattr(running.pipeline, "run", failing)
    report = run_sweep(prepared, tmp_path, Engine("sequential"))
    good, bad = report.rows
    assert good["ok"] and good["settings.size_rule"] == "range"
    assert not bad["ok"] and bad["settings.size_rule"] == "exact" and bad["point"] == 2
    assert bad["error"] == "RuntimeError: the solver fell over / second line"
    assert all(bad[c.name] is None for c in FIGURES)
    assert report.failed == 1 and report.summary_path.exists()


def test_a_rejected_allocation_is_a_failed_row(write_sweep, monkeypatch):
    prepared = prepare(write_sweep('[grid]\nsettings.size_rule = ["range"]\n'))
    monkeypatch.setattr(running.pipeline.Outcome, "passed", property(lambda self: False))
    ((spec, identity),) = prepared.tasks
    row = running.run_one(prepared.files, spec, identity)
    assert not row["ok"] and row["error"].startswith("CheckerRejected: the independent checker rejected")


def test_workers_never_open_a_file(write_sweep, monkeypatch):
    prepared = prepare(write_sweep('[grid]\nsettings.size_rule = ["range"]\n'))
    import allocator.sweep.files as files

    def no(*args, **kwargs):
        raise AssertionError("a file was read again")

    monkeypatch.setattr(files, "read_households", no)
    monkeypatch.setattr(files, "read_vacancies", no)
    monkeypatch.setattr(files, "describe_file", no)
    ((spec, identity),) = prepared.tasks
    assert running.run_one(prepared.files, spec, identity)["ok"]


def test_a_phased_run_has_the_dwellings_held_at_peak_and_the_empty_days(write_sweep):
    from allocator.compare import compare, run_scenario

    prepared = prepare(write_sweep('[grid]\nsettings.turnaround_days = [14]\n', base="phased_baseline.toml"))
    ((spec, identity),) = prepared.tasks
    row = running.run_one(prepared.files, spec, identity)
    alone = compare([run_scenario(spec.scenario)])
    assert row["ok"], row["error"]
    assert row["peak_dwellings_held"] == alone.figure("peak_dwellings_held").values[0] > 0
    assert row["empty_dwelling_days"] == alone.figure("empty_dwelling_days").values[0]


def test_a_run_without_phases_leaves_the_phase_figures_empty(write_sweep):
    prepared = prepare(write_sweep('[grid]\nsettings.size_rule = ["range"]\n'))
    ((spec, identity),) = prepared.tasks
    row = running.run_one(prepared.files, spec, identity)
    assert row["peak_dwellings_held"] is None and row["empty_dwelling_days"] is None
