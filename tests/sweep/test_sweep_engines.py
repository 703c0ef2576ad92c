"""The engines give the same rows, and the same summary byte for byte: this process, a local pool, a Dask
LocalCluster; a worker process terminated mid-sweep loses no run."""

from __future__ import annotations

import os
import signal

import pytest
from sweep_cases import SMALL

from allocator.sweep.execute import Engine, prepare, run_sweep, run_tasks
from allocator.sweep.local import run_pool
from allocator.sweep.progress import Progress

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def sequential(tmp_path_factory):
    """The four runs of ``SMALL`` in this process: the rows every engine must give."""
    folder = tmp_path_factory.mktemp("sequential")
    path = folder / "sweep.toml"
    from sweep_cases import SCENARIOS

    path.write_text(f'base = "{(SCENARIOS / "baseline.toml").as_posix()}"\n' + SMALL, encoding="utf-8")
    prepared = prepare(path)
    report = run_sweep(prepared, folder / "out", Engine("sequential"))
    return prepared, report


def test_the_sequential_rows_are_the_runs(sequential):
    prepared, report = sequential
    assert [r["run"] for r in report.rows] == ["00001-00001", "00001-00002", "00002-00001", "00002-00002"]
    assert all(r["ok"] for r in report.rows) and report.failed == 0
    by_share = {r["inputs.leave_out_vacancy_share"]: r for r in report.rows}
    assert by_share[0.0]["vacancies"] == 320 and by_share[0.3]["vacancies"] == 320 - 96
    assert by_share[0.0]["housed"] > by_share[0.3]["housed"]
    assert all(r["households"] == 250 == r["housed"] + r["unhoused"] for r in report.rows)


def test_local_pool_gives_the_same_rows_and_summary(sequential, tmp_path):
    prepared, expected = sequential
    report = run_sweep(prepared, tmp_path, Engine("pool", workers=2))
    assert report.rows == expected.rows
    assert report.summary_path.read_bytes() == expected.summary_path.read_bytes()
    assert report.runs_path.read_bytes() == expected.runs_path.read_bytes()


def test_a_dask_scheduler_gives_the_same_rows_and_summary(sequential, tmp_path):
    """``--scheduler tcp://...``: a cluster started here, reached by its address like any other."""
    distributed = pytest.importorskip("distributed")
    prepared, expected = sequential
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        report = run_sweep(prepared, tmp_path, Engine("dask", scheduler=cluster.scheduler_address))
    assert report.rows == expected.rows
    assert report.summary_path.read_bytes() == expected.summary_path.read_bytes()


def test_a_killed_dask_worker_loses_no_run(sequential, tmp_path):
    """``--cluster local:2``: worker processes with nannies; one is killed when the first run is done."""
    pytest.importorskip("distributed")
    prepared, expected = sequential
    clients, killed = [], []

    class KillAfterFirst(Progress):
        def add(self, row):
            super().add(row)
            if not killed:
                pids = clients[0].run(os.getpid)  # worker address -> process id
                killed.append(pids[sorted(pids)[0]])
                os.kill(killed[0], signal.SIGKILL)

    progress = KillAfterFirst(len(prepared.tasks), quiet=True)
    report = run_sweep(
        prepared, tmp_path, Engine("dask", workers=2), progress=progress, on_client=clients.append
    )
    assert killed
    assert report.rows == expected.rows


def test_a_terminated_worker_loses_no_run(sequential):
    prepared, expected = sequential
    tasks = prepared.tasks + tuple(  # the same four runs twice over: work left when the worker goes
        (spec, {**identity, "run": identity["run"] + "b"}) for spec, identity in prepared.tasks
    )
    pools, rows, killed = [], [], []

    def on_row(row):
        rows.append(row)
        if not killed:
            pid = next(iter(pools[-1]._processes))  # a worker of the pool now running
            os.kill(pid, signal.SIGTERM)
            killed.append(pid)

    restarts = run_pool(prepared.files, tasks, on_row, workers=2, on_pool=pools.append)
    assert killed and restarts >= 1 and len(pools) >= 2
    got = {r["run"]: r for r in rows}
    assert sorted(got) == sorted(identity["run"] for _, identity in tasks)
    for row in expected.rows:
        assert got[row["run"]] == row
        assert {**got[row["run"] + "b"], "run": row["run"]} == row


def test_no_task_runs_nothing(sequential):
    prepared, _ = sequential
    assert run_tasks(prepared.files, (), lambda row: None, Engine("pool", workers=2)) == 0
