"""`make bench-sweep`: 200 runs of the example case (250 households, 320 vacancies) as one sweep of 200 draws of
``scenarios/fewer_vacancies.toml`` (which 15 % of the vacancies do not come free, and the tie-break), on each
engine: in one process, on the local pool with 2 workers, and on a Dask LocalCluster with 2 worker processes.

Printed: wall seconds (engine start included), runs per second, the seconds to the first row (the engine's
start and one run), speed-up over one process, and the per-run
overhead of the engines: what shipping the inputs and each run's scenario and collecting its row cost, measured
as pickling and unpickling them (the inputs once per worker, the rest once per run), against the mean time of
a run. Every engine must give the same rows as one process. Target (issue 15): overhead under 10 % of a run.

Needs the ``cluster`` extra (``make bench-sweep`` installs it). ``--runs N`` for a quicker look.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

from allocator.sweep.execute import Engine, prepare, run_tasks
from allocator.sweep.run import run_one

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2


def timed(prepared, engine: Engine) -> tuple[float, float, list[dict]]:
    """Wall seconds of the whole sweep, seconds to the first row (the engine's start and one run), the rows."""
    rows: list[dict] = []
    first: list[float] = []
    started = time.perf_counter()

    def on_row(row: dict) -> None:
        if not first:
            first.append(time.perf_counter() - started)
        rows.append(row)

    run_tasks(prepared.files, prepared.tasks, on_row, engine)
    return time.perf_counter() - started, first[0], sorted(rows, key=lambda r: r["run"])


def shipping(prepared, rows: list[dict]) -> tuple[float, float, int]:
    """Seconds to pickle and unpickle: the inputs (once), a run's task and its row (mean); the inputs' bytes."""
    started = time.perf_counter()
    payload = pickle.dumps(prepared.files, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.loads(payload)
    inputs = time.perf_counter() - started
    started = time.perf_counter()
    for task, row in zip(prepared.tasks, rows, strict=True):
        pickle.loads(pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL))
        pickle.loads(pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))
    per_run = (time.perf_counter() - started) / len(rows)
    return inputs, per_run, len(payload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        path.write_text(
            f'base = "{(ROOT / "scenarios" / "fewer_vacancies.toml").as_posix()}"\ndraws = {runs}\nseed = 1\n',
            encoding="utf-8",
        )
        started = time.perf_counter()
        prepared = prepare(path)
        read = time.perf_counter() - started
    print(
        f"sweep of {len(prepared.tasks)} runs of the example case; inputs read and checked once in {read:.2f} s"
    )

    engines = [
        ("one process", Engine("sequential")),
        (f"local pool, {WORKERS} workers", Engine("pool", workers=WORKERS)),
        (f"Dask LocalCluster, {WORKERS} workers", Engine("dask", workers=WORKERS)),
    ]
    results = []
    for label, engine in engines:
        seconds, first, rows = timed(prepared, engine)
        results.append((label, seconds, rows))
        print(
            f"  {label:<32} {seconds:7.1f} s  {len(rows) / seconds:6.2f} runs/s  (first row after {first:.1f} s)",
            flush=True,
        )
    base_seconds, base_rows = results[0][1], results[0][2]
    for label, seconds, rows in results[1:]:
        same = "same rows" if rows == base_rows else "ROWS DIFFER"
        print(f"  speed-up of the {label}: {base_seconds / seconds:.2f}x ({same})")
    failed = sum(1 for r in base_rows if not r["ok"])

    # the mean run alone, in this process, on the first few runs (no engine around it)
    sample = prepared.tasks[: min(20, len(prepared.tasks))]
    started = time.perf_counter()
    for spec, identity in sample:
        run_one(prepared.files, spec, identity)
    mean_run = (time.perf_counter() - started) / len(sample)
    inputs, per_run, size = shipping(prepared, base_rows)
    overhead = per_run + WORKERS * inputs / len(base_rows)
    print(
        f"mean run {mean_run * 1000:.0f} ms; inputs {size / 1024:.0f} KiB, shipped in {inputs * 1000:.1f} ms "
        f"per worker; task and row {per_run * 1000:.2f} ms per run"
    )
    print(
        f"per-run overhead (shipping inputs, task and row): {overhead * 1000:.2f} ms = "
        f"{100 * overhead / mean_run:.2f} % of a run (target under 10 %)"
    )
    if failed or any(rows != base_rows for _, _, rows in results[1:]):
        sys.exit(f"{failed} runs failed, or the engines' rows differ")


if __name__ == "__main__":
    main()
