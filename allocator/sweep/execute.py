"""A whole sweep: read the sweep file and the input files once, run what is not done yet on the chosen
engine, stream the rows, and write the sorted results and the summary workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.problems import InputError, InputProblem
from allocator.sweep import rows as row_columns
from allocator.sweep.files import InputFiles, fingerprint, read_once
from allocator.sweep.local import Task, default_workers, run_pool, run_sequential
from allocator.sweep.progress import Progress
from allocator.sweep.spec import Sweep, expand, load_sweep

SUMMARY = "summary.xlsx"


@dataclass(frozen=True, slots=True)
class Engine:
    """Where the runs go: ``sequential`` (this process), ``pool`` (``workers`` local processes), or ``dask``
    (``scheduler``'s cluster, or a local cluster of ``workers``; ``processes=False`` runs its workers as
    threads of this process, for tests)."""

    kind: str = "pool"
    workers: int | None = None
    scheduler: str | None = None
    processes: bool = True

    def describe(self) -> str:
        if self.kind == "sequential":
            return "in this process"
        if self.kind == "pool":
            return f"on a local pool of {self.workers or default_workers()} worker processes"
        if self.scheduler:
            return f"on the Dask cluster at {self.scheduler}"
        return f"on a local Dask cluster of {self.workers} workers"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A sweep read and checked, with its input files read once: ready to run."""

    sweep: Sweep
    files: InputFiles
    warnings: tuple[str, ...]
    tasks: tuple[Task, ...]
    columns: tuple[row_columns.Column, ...]
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Report:
    rows: tuple[dict[str, Any], ...]
    """Every run's row, sorted by run key."""
    ran: int
    reused: int
    failed: int
    restarts: int
    runs_path: Path
    summary_path: Path


def prepare(path: str | Path) -> Prepared:
    """Load the sweep file and read its input files.

    Raises
    ------
    InputError
        With every problem of the sweep file, its base scenario, the input files and the grid points' changes.
    """
    sweep = load_sweep(path)
    files, warnings = read_once(sweep)
    specs = expand(sweep)
    tasks = tuple((spec, row_columns.identity(sweep, spec)) for spec in specs)
    return Prepared(sweep, files, warnings, tasks, row_columns.columns(sweep), fingerprint(sweep, files))


def run_tasks(
    files: InputFiles,
    tasks: tuple[Task, ...],
    on_row: Callable[[dict[str, Any]], None],
    engine: Engine,
    **options: Any,
) -> int:
    """Run ``tasks`` on ``engine``; returns how often a local pool was started again."""
    if not tasks:
        return 0
    if engine.kind == "sequential":
        return run_sequential(files, tasks, on_row)
    if engine.kind == "pool":
        return run_pool(files, tasks, on_row, workers=engine.workers or default_workers(), **options)
    if engine.kind == "dask":
        from allocator.sweep.cluster import run_dask

        return run_dask(
            files,
            tasks,
            on_row,
            scheduler=engine.scheduler,
            local_workers=engine.workers,
            processes=engine.processes,
            **options,
        )
    raise ValueError(f"unknown engine {engine.kind}")


def run_sweep(
    prepared: Prepared,
    out_dir: str | Path,
    engine: Engine,
    *,
    resume: bool = False,
    fresh: bool = False,
    lang: str = "da",
    progress: Progress | None = None,
    **options: Any,
) -> Report:
    """Run the sweep into ``out_dir``: ``runs.parquet`` (every row, sorted) and ``summary.xlsx``.

    ``resume`` keeps the rows already in ``out_dir`` that match a run of the sweep and did not fail; ``fresh``
    discards them. ``options`` go to the engine (``on_pool`` for the local pool, ``on_client`` for Dask).

    Raises
    ------
    InputError
        When ``out_dir`` already holds results and neither ``resume`` nor ``fresh`` is given, or holds results
        made from other input files.
    """
    from allocator.sweep import stream
    from allocator.sweep.workbook import write_summary

    folder = Path(out_dir)
    if stream.has_results(folder):
        if fresh:
            stream.discard(folder)
        elif not resume:
            raise InputError(
                [
                    InputProblem(
                        str(folder),
                        "already holds a sweep's results; go on with --resume, "
                        "start again with --fresh, or choose another --out",
                    )
                ]
            )
    done: dict[str, dict[str, Any]] = {}
    if resume and stream.has_results(folder):
        wanted = {identity["run"]: identity for _, identity in prepared.tasks}
        for row in stream.read_rows(folder, prepared.fingerprint):
            identity = wanted.get(row["run"])
            if identity is not None and row["ok"] and all(row.get(k) == v for k, v in identity.items()):
                done[row["run"]] = row_columns.normalised(row, prepared.columns)
    todo = tuple(task for task in prepared.tasks if task[1]["run"] not in done)
    progress = progress or Progress(len(prepared.tasks), skipped=len(done), quiet=True)
    results = stream.Stream(folder, prepared.columns, prepared.fingerprint)
    new: list[dict[str, Any]] = []

    def on_row(row: dict[str, Any]) -> None:
        row = row_columns.normalised(row, prepared.columns)
        new.append(row)
        results.add(row)
        progress.add(row)

    try:
        restarts = run_tasks(prepared.files, todo, on_row, engine, **options)
    finally:
        results.flush()  # a stopped sweep keeps every row it finished
    all_rows = sorted([*done.values(), *new], key=lambda r: r["run"])
    runs_path = results.finish(all_rows)
    progress.finish()
    summary_path = folder / SUMMARY
    write_summary(summary_path, prepared, all_rows, lang=lang)
    return Report(
        tuple(all_rows),
        ran=len(new),
        reused=len(done),
        failed=sum(1 for r in all_rows if not r["ok"]),
        restarts=restarts,
        runs_path=runs_path,
        summary_path=summary_path,
    )
