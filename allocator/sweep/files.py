"""The sweep's input files, read and validated once, then shipped to the workers once.

:class:`InputFiles` is a reader for :func:`allocator.scenario_inputs.read_inputs` that reads each (file, sheet)
the first time it is asked for and keeps the result (the records, or the file's problems). :func:`read_once`
fills it for every grid point's scenario in the main process, so that every problem of every file and every
change is reported before any run starts; a worker then only looks up what the main process read, and never
opens a file.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.domain import Household, Phase, Vacancy
from allocator.problems import InputError, InputProblem
from allocator.provenance import InputFile, describe_file
from allocator.read import read_households, read_phases, read_vacancies
from allocator.scenario import Scenario
from allocator.scenario_inputs import read_inputs
from allocator.sweep.spec import Sweep, describe_point


@dataclass(slots=True)
class InputFiles:
    """What was read from each input file, by (kind, path, sheet); see the module docstring."""

    records: dict[tuple[str, str, str | None], Any] = field(default_factory=dict)
    described: dict[tuple[str, int], InputFile] = field(default_factory=dict)
    frozen: bool = False
    """Set before shipping: a lookup that misses is then a bug, not a reason to read the file on a worker."""

    def _get(self, kind: str, path: Path, sheet: str | None, read) -> Any:
        key = (kind, str(path), sheet)
        if key not in self.records:
            if self.frozen:
                raise RuntimeError(f"{path} was not read before the sweep started")
            try:
                self.records[key] = read(path, sheet=sheet)
            except InputError as exc:
                self.records[key] = exc
        found = self.records[key]
        if isinstance(found, InputError):
            raise InputError(found.problems)
        return found[0], list(found[1])

    def households(self, path: Path, sheet: str | None) -> tuple[tuple[Household, ...], list[str]]:
        return self._get("households", path, sheet, read_households)

    def vacancies(self, path: Path, sheet: str | None) -> tuple[tuple[Vacancy, ...], list[str]]:
        return self._get("vacancies", path, sheet, read_vacancies)

    def phases(self, path: Path, sheet: str | None) -> tuple[tuple[Phase, ...], list[str]]:
        return self._get("phases", path, sheet, read_phases)

    def describe(self, path: Path, rows: int) -> InputFile:
        key = (str(path), rows)
        if key not in self.described:
            if self.frozen:
                raise RuntimeError(f"{path} was not described before the sweep started")
            self.described[key] = describe_file(path, rows)
        return self.described[key]

    def scenario_file(self, path: Path) -> InputFile:
        key = (str(path), -1)  # a scenario file is described with its line count
        if key not in self.described:
            if self.frozen:
                raise RuntimeError(f"{path} was not described before the sweep started")
            self.described[key] = describe_file(path, len(path.read_text(encoding="utf-8").splitlines()))
        return self.described[key]


def read_once(sweep: Sweep) -> tuple[InputFiles, tuple[str, ...]]:
    """Read every file the sweep's grid points need, and apply each point's changes once, as a check.

    Returns the filled reader (frozen) and the warnings of all files, each once.

    Raises
    ------
    InputError
        With the problems of every input file, and every change of a grid point that cannot be made (naming the
        grid point and its values).
    """
    files = InputFiles()
    problems: list[InputProblem] = []
    warnings: list[str] = []
    values = _values(sweep)
    scenario_log = logging.getLogger("allocator.scenario")
    level = scenario_log.level
    scenario_log.setLevel(logging.WARNING)  # not a line per grid point: the sweep says what it runs
    try:
        for n, scenario in enumerate(sweep.points, start=1):
            _check_point(sweep, n, scenario, files, values, problems, warnings)
    finally:
        scenario_log.setLevel(level)
    if problems:
        raise InputError(problems)
    files.frozen = True
    return files, tuple(dict.fromkeys(warnings))


def _check_point(
    sweep: Sweep,
    n: int,
    scenario: Scenario,
    files: InputFiles,
    values: list[tuple[Any, ...]],
    problems: list[InputProblem],
    warnings: list[str],
) -> None:
    """Apply grid point ``n``'s changes to the files (each read the first time it is needed)."""
    try:
        found = read_inputs(scenario, reader=files)
    except InputError as exc:
        for p in exc.problems:
            if p.file == str(scenario.path) and sweep.grid:  # a change the scenario makes: say which point
                where = f"grid point {n} ({describe_point(sweep.grid, values[n - 1])})"
                p = InputProblem(str(sweep.path), f"{where}: {p.message}", p.row, p.column, p.value)
            if p not in problems:
                problems.append(p)
        return
    warnings += found.warnings


def _values(sweep: Sweep) -> list[tuple[Any, ...]]:
    return list(itertools.product(*(key.values for key in sweep.grid)))


def fingerprint(sweep: Sweep, files: InputFiles) -> str:
    """SHA-256 of the base scenario file and every input file's content: ``--resume`` only goes on with results
    made from the same files (a run's own parameters and seeds are compared row by row)."""
    digests = sorted({(f.name, f.sha256) for f in files.described.values()})
    return hashlib.sha256(json.dumps(digests).encode()).hexdigest()
