"""The second stage of a scenario: :func:`read_inputs` reads a loaded :class:`~allocator.scenario.Scenario`'s
input files (households, vacancies and any extra vacancy files) and applies its changes (listed households and
vacancies left out, a seeded share of vacancies left out by :func:`draw_left_out`, per-household overrides) into
a :class:`ScenarioInput`, reporting every problem at once as one :class:`~allocator.problems.InputError` naming
the scenario file and the key; :func:`read_all_inputs` does it for several scenarios. Every name here is also
importable from :mod:`allocator.scenario`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import logging
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.domain import DomainError, Household, Instance, Phase, Vacancy
from allocator.problems import InputError, InputProblem
from allocator.provenance import InputFile, Provenance, describe_file
from allocator.read import read_households, read_phases, read_vacancies
from allocator.read.consistency import unknown_wish_departments
from allocator.read.phase_join import join_phases, nearest, phase_column_without_phases
from allocator.scenario import Scenario, _Problems, _quoted

log = logging.getLogger("allocator.scenario")  # the logger's name from before the split


@dataclass(frozen=True, slots=True)
class ScenarioInput:
    """A scenario's inputs read and changed as it says: ready for ``allocator.pipeline.run``.

    ``left_out_vacancies`` and ``left_out_households`` are every id taken out (listed and drawn), in input order.
    """

    scenario: Scenario
    instance: Instance
    warnings: tuple[str, ...]
    provenance: Provenance
    left_out_vacancies: tuple[str, ...]
    left_out_households: tuple[str, ...]


def draw_left_out(ids: typing.Sequence[str], share: float, seed: int) -> tuple[str, ...]:
    """The ids a share of ``share`` leaves out: the first ``round(share * len(ids))`` by SHA-256 of ``"seed:id"``.

    A hash of the id rather than a random generator over input order, so that re-sorting or extending a file
    does not change which of the same dwellings are drawn; the result is in the order of ``ids``.
    """
    count = int(share * len(ids) + 0.5)
    ranked = sorted(ids, key=lambda i: (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest(), i))
    drawn = set(ranked[:count])
    return tuple(i for i in ids if i in drawn)


class DiskReader:
    """Reads the input files from disk each time they are asked for (``genhus run``, ``genhus compare``).

    ``genhus sweep`` passes a reader of its own that reads each file once and keeps what it read, so that its
    workers never touch the files (``allocator.sweep.files``).
    """

    def households(self, path: Path, sheet: str | None) -> tuple[tuple[Household, ...], list[str]]:
        return read_households(path, sheet=sheet)

    def vacancies(self, path: Path, sheet: str | None) -> tuple[tuple[Vacancy, ...], list[str]]:
        return read_vacancies(path, sheet=sheet)

    def phases(self, path: Path, sheet: str | None) -> tuple[tuple[Phase, ...], list[str]]:
        return read_phases(path, sheet=sheet)

    def describe(self, path: Path, rows: int) -> InputFile:
        return describe_file(path, rows)

    def scenario_file(self, path: Path) -> InputFile:
        return describe_file(path, len(path.read_text(encoding="utf-8").splitlines()))


def read_inputs(scenario: Scenario, *, reader: DiskReader | None = None) -> ScenarioInput:
    """Read the scenario's input files and apply its changes.

    Order: households and all vacancy files are read; listed households and vacancies are left out; the share
    is drawn among the vacancies that remain (main and extra files together); the overrides are applied.

    Raises
    ------
    InputError
        With the problems of every input file and every change that cannot be made.
    """
    reader = reader or DiskReader()
    problems = _Problems(scenario.path)
    file_problems: list[InputProblem] = []
    warnings: list[str] = []
    households: tuple[Household, ...] = ()
    try:
        households, found = reader.households(scenario.households, scenario.household_sheet)
        warnings += found
    except InputError as exc:
        file_problems += exc.problems
    phases: tuple[Phase, ...] = ()
    if scenario.phases is not None:
        try:
            phases, found = reader.phases(scenario.phases, scenario.phases_sheet)
            warnings += found
        except InputError as exc:
            file_problems += exc.problems
    vacancy_files = [(scenario.vacancies, scenario.vacancy_sheet)] + [(p, None) for p in scenario.extra_vacancies]
    vacancies: list[Vacancy] = []
    counts: list[int] = []
    origin: dict[str, Path] = {}
    for path, sheet in vacancy_files:
        try:
            read, found = reader.vacancies(path, sheet)
        except InputError as exc:
            file_problems += exc.problems
            counts.append(0)
            continue
        warnings += found
        counts.append(len(read))
        for v in read:
            if v.dwelling_id in origin:
                file_problems.append(InputProblem(
                    str(path), f"dwelling id '{v.dwelling_id}' is also in {origin[v.dwelling_id]}; ids must be "
                    "unique across the scenario's vacancy files", row=v.row))
                continue
            origin[v.dwelling_id] = path
            vacancies.append(v)
    if file_problems:
        raise InputError(file_problems)

    by_id = {h.household_id: h for h in households}
    _unknown_ids(scenario.leave_out_households, by_id, "inputs.leave_out_households", "household", problems)
    _unknown_ids(scenario.leave_out_vacancies, origin, "inputs.leave_out_vacancies", "dwelling", problems)
    left_out_h = set(scenario.leave_out_households)
    listed_v = set(scenario.leave_out_vacancies)
    remaining = [v.dwelling_id for v in vacancies if v.dwelling_id not in listed_v]
    drawn = set(draw_left_out(remaining, scenario.leave_out_vacancy_share, scenario.leave_out_seed))
    left_out_v = listed_v | drawn

    changed: dict[str, Household] = {}
    for household_id, changes in scenario.overrides:
        key = f"households.{_quoted(household_id)}"
        if household_id not in by_id:
            _unknown_ids((household_id,), by_id, key, "household", problems)
            continue
        if household_id in left_out_h:
            problems.add(key, "this household is also in inputs.leave_out_households; drop one of the two")
            continue
        try:
            changed[household_id] = dataclasses.replace(by_id[household_id], **dict(changes))
        except DomainError as exc:
            problems.add(key, str(exc))
    phases, notes = _changed_phases(scenario, phases, problems)
    if problems.found:
        raise InputError(problems.found)

    kept_h = tuple(changed.get(h.household_id, h) for h in households if h.household_id not in left_out_h)
    kept_v = tuple(v for v in vacancies if v.dwelling_id not in left_out_v)
    # The header is read again only for a phased case or one naming phases, to name its columns as written.
    phased = scenario.phases is not None or any(h.phase is not None for h in kept_h)
    household_headers = _headers(scenario.households, scenario.household_sheet) if phased else ()
    if scenario.phases is None:
        joined = phase_column_without_phases(kept_h, household_headers, str(scenario.households))
    else:
        kept_h, joined = join_phases(kept_h, phases, headers=household_headers,
                                     files=(str(scenario.households), str(scenario.phases)), notes=notes)
    if joined:
        raise InputError(joined)
    paths = [scenario.households] + [p for p, _ in vacancy_files]
    if scenario.phases is not None:
        paths.append(scenario.phases)
    instance = Instance(households=kept_h, vacancies=kept_v, sources=tuple(str(p) for p in paths), phases=phases)
    warnings += unknown_wish_departments(kept_h, kept_v, str(scenario.households))
    provenance = Provenance(files=(
        reader.scenario_file(scenario.path),
        reader.describe(scenario.households, len(households)),
        *(reader.describe(p, n) for (p, _), n in zip(vacancy_files, counts, strict=True)),
        *((reader.describe(scenario.phases, len(phases)),) if scenario.phases is not None else ()),
    ))
    log.info("scenario %s: %d households (%d left out, %d changed), %d vacancies (%d left out)", scenario.name,
             len(kept_h), len(left_out_h), len(changed), len(kept_v), len(left_out_v))
    return ScenarioInput(
        scenario=scenario,
        instance=instance,
        warnings=tuple(dict.fromkeys(warnings)),
        provenance=provenance,
        left_out_vacancies=tuple(v.dwelling_id for v in vacancies if v.dwelling_id in left_out_v),
        left_out_households=tuple(h.household_id for h in households if h.household_id in left_out_h),
    )


def read_all_inputs(scenarios: typing.Sequence[Scenario]) -> tuple[ScenarioInput, ...]:
    """:func:`read_inputs` for each scenario, with the problems of all of them in one ``InputError``."""
    problems: list[InputProblem] = []
    found: list[ScenarioInput] = []
    for scenario in scenarios:
        try:
            found.append(read_inputs(scenario))
        except InputError as exc:
            problems += [p for p in exc.problems if p not in problems]  # two scenarios may share a bad file
    if problems:
        raise InputError(problems)
    return tuple(found)


def _headers(path: Path, sheet: str | None) -> tuple[str, ...]:
    """The households file's header texts, to name its columns as written in the join's problems."""
    from allocator.read.table import load_table

    return tuple(h for h in load_table(path, sheet=sheet).header if h.strip())


def _changed_phases(scenario: Scenario, phases: tuple[Phase, ...],
                    problems: _Problems) -> tuple[tuple[Phase, ...], dict[str, str]]:
    """The phases with the scenario's ``[phases."ID"]`` changes, and a note per changed phase for the join's
    problems (a household's own move-by date may now fall after its phase's new construction start)."""
    by_id = {p.phase_id: p for p in phases}
    notes: dict[str, str] = {}
    for phase_id, changes in scenario.phase_changes:
        key = f"phases.{_quoted(phase_id)}"
        if phase_id not in by_id:
            near = nearest(phase_id, list(by_id))
            hint = f"; did you mean '{near}'?" if near else ""
            problems.add(key, f"no phase with this id in the phases file{hint}", phase_id)
            continue
        try:
            by_id[phase_id] = dataclasses.replace(by_id[phase_id], **dict(changes))
        except DomainError as exc:
            problems.add(key, str(exc))
            continue
        said = ", ".join(f"{name} = {_toml(value)}" for name, value in changes)
        notes[phase_id] = f"scenario {scenario.path.name}, [{key}] {said}"
    return tuple(by_id.get(p.phase_id, p) for p in phases), notes


def _toml(value: Any) -> str:
    """A value as the scenario file writes it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return '""' if value is None else f'"{value}"'


def _unknown_ids(ids: typing.Iterable[str], known: Mapping[str, Any], key: str, what: str,
                 problems: _Problems) -> None:
    for i in ids:
        if i in known:
            continue
        near = difflib.get_close_matches(i, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        problems.add(key, f"no {what} with this id in the input files{hint}", i)
