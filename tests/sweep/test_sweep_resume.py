"""The results folder: rows kept when a sweep stops, ``--resume`` skips what is done, other inputs refused."""

from __future__ import annotations

import pytest
from sweep_cases import SMALL

from allocator.problems import InputError
from allocator.sweep.execute import Engine, prepare, run_sweep
from allocator.sweep.progress import Progress

pytest.importorskip("pyarrow")


class StopAfter(Progress):
    """Progress that stops the sweep (as Ctrl-C does) after ``n`` rows."""

    def __init__(self, total: int, n: int) -> None:
        super().__init__(total, quiet=True)
        self.n = n

    def add(self, row):
        super().add(row)
        if self.done == self.n:
            raise KeyboardInterrupt


def test_resume_after_a_stopped_sweep_runs_only_the_rest(write_sweep, tmp_path):
    prepared = prepare(write_sweep(SMALL))
    whole = run_sweep(prepared, tmp_path / "whole", Engine("sequential"))
    out = tmp_path / "stopped"
    with pytest.raises(KeyboardInterrupt):
        run_sweep(prepared, out, Engine("sequential"), progress=StopAfter(4, 3))
    assert not (out / "runs.parquet").exists() and list((out / "runs.parts").glob("part-*.parquet"))
    with pytest.raises(InputError, match="already holds a sweep's results; go on with --resume"):
        run_sweep(prepared, out, Engine("sequential"))
    resumed = run_sweep(prepared, out, Engine("sequential"), resume=True)
    assert (resumed.reused, resumed.ran) == (3, 1)
    assert resumed.rows == whole.rows
    assert resumed.summary_path.read_bytes() == whole.summary_path.read_bytes()
    assert not (out / "runs.parts").exists()
    again = run_sweep(prepared, out, Engine("sequential"), resume=True)
    assert (again.reused, again.ran) == (4, 0)
    fresh = run_sweep(prepared, out, Engine("sequential"), fresh=True)
    assert (fresh.reused, fresh.ran) == (0, 4)


def test_resume_runs_again_what_changed_in_the_sweep_file(write_sweep, tmp_path):
    out = tmp_path / "out"
    run_sweep(prepare(write_sweep(SMALL)), out, Engine("sequential"))
    more = prepare(write_sweep(SMALL.replace("[0.0, 0.3]", "[0.0, 0.2]")))
    report = run_sweep(more, out, Engine("sequential"), resume=True)
    assert (report.reused, report.ran) == (2, 2)  # the 0.0 runs are the same runs; 0.2 is new
    assert {r["inputs.leave_out_vacancy_share"] for r in report.rows} == {0.0, 0.2}


def test_resume_refuses_results_made_from_other_input_files(tmp_path):
    from sweep_cases import ROOT

    data = tmp_path / "data"
    data.mkdir()
    for name in ("households.csv", "vacancies.csv"):
        (data / name).write_bytes((ROOT / "data" / "example" / name).read_bytes())
    (tmp_path / "base.toml").write_text(
        '[inputs]\nhouseholds = "data/households.csv"\nvacancies = "data/vacancies.csv"\n', encoding="utf-8"
    )
    path = tmp_path / "sweep.toml"
    path.write_text('base = "base.toml"\n[grid]\nsettings.size_rule = ["range"]\n', encoding="utf-8")
    out = tmp_path / "out"
    run_sweep(prepare(path), out, Engine("sequential"))
    vacancies = data / "vacancies.csv"
    lines = vacancies.read_bytes().splitlines(keepends=True)
    vacancies.write_bytes(b"".join(lines[:-1]))  # one dwelling fewer
    with pytest.raises(InputError, match="made from other input files"):
        run_sweep(prepare(path), out, Engine("sequential"), resume=True)
