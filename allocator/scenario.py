"""Scenarios: one planner's question as a TOML file, loaded into a frozen ``Scenario`` and applied to the inputs.

A scenario names its input files (paths relative to the scenario file), the changes it makes to them (more
vacancy files, vacancies or households left out, a seeded share of vacancies left out, per-household overrides)
and its settings (any ``Settings`` field by name; ``[settings.budget]`` for ``BudgetSettings``). Keys and
defaults are listed in the README's "Scenarios" section and in ``scenarios/all_keys.toml``.

Two stages, each reporting every problem at once as one :class:`~allocator.problems.InputError` naming the
scenario file and the key:

- :func:`load_scenario` reads the file: unknown keys (with the nearest known one), wrong types, values the
  domain refuses, input files that do not exist;
- :func:`read_inputs` reads the input files and applies the changes: duplicate dwelling ids across vacancy
  files, ids in a leave-out list or an override that are in no file, overrides the domain refuses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import logging
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.domain import BudgetSettings, DomainError, Household, Instance, Kind, Settings, Vacancy
from allocator.problems import InputError, InputProblem
from allocator.provenance import Provenance, describe_file
from allocator.read import read_households, read_vacancies
from allocator.read.consistency import unknown_wish_departments
from allocator.read.values import CellError, date, kind

log = logging.getLogger(__name__)

TOP_KEYS = ("name", "description", "inputs", "households", "settings")
INPUT_KEYS = (
    "households",
    "vacancies",
    "household_sheet",
    "vacancy_sheet",
    "extra_vacancies",
    "leave_out_vacancies",
    "leave_out_vacancy_share",
    "leave_out_seed",
    "leave_out_households",
)
NOT_OVERRIDABLE = ("household_id", "extra", "row")
"""Household fields a scenario cannot change: the id it is found by, and what ties it to its input row."""

_NAME = re.compile(r"\w[\w.-]*")


@dataclass(frozen=True, slots=True)
class Scenario:
    """One scenario file, checked: paths resolved, settings built, overrides typed.

    Attributes
    ----------
    name
        The scenario's name (default: the file name without ``.toml``); its outputs go to a folder of that name.
    description
        Free text for the planner, shown in the comparison.
    path
        The scenario file.
    households, vacancies
        The input files, resolved against the scenario file's folder.
    household_sheet, vacancy_sheet
        Sheets of ``.xlsx`` inputs (``None``: the first).
    extra_vacancies
        More vacancy files (first sheet), e.g. a neighbouring organisation's.
    leave_out_vacancies, leave_out_households
        Ids taken out before allocating.
    leave_out_vacancy_share, leave_out_seed
        A further share of the remaining vacancies left out by a seeded draw (:func:`draw_left_out`).
    overrides
        ``(household_id, ((field, value), ...))`` pairs applied with ``dataclasses.replace``.
    settings
        The run's settings; fields the file does not set keep their documented defaults.
    """

    name: str
    description: str
    path: Path
    households: Path
    vacancies: Path
    household_sheet: str | None = None
    vacancy_sheet: str | None = None
    extra_vacancies: tuple[Path, ...] = ()
    leave_out_vacancies: tuple[str, ...] = ()
    leave_out_vacancy_share: float = 0.0
    leave_out_seed: int = 0
    leave_out_households: tuple[str, ...] = ()
    overrides: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    settings: Settings = dataclasses.field(default_factory=Settings)


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


# --- loading ----------------------------------------------------------------------------------------------


class _Problems:
    """Problems of one scenario file, each naming the file and the key."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.found: list[InputProblem] = []

    def add(self, key: str, message: str, value: Any = None) -> None:
        self.found.append(InputProblem(file=self.file, message=f"{key}: {message}", value=value))

    def unknown(self, key: str, name: str, known: typing.Iterable[str]) -> None:
        near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else f"; known keys: {', '.join(known)}"
        self.add(key, f"unknown key{hint}")


def load_scenario(path: str | Path) -> Scenario:
    """Read and check one scenario file.

    Raises
    ------
    InputError
        With every problem in the file, each naming the file and the key.
    """
    path = Path(path)
    problems = _Problems(path)
    try:
        with open(path, "rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError([InputProblem(str(path), "scenario file not found")]) from None
    except OSError as exc:
        raise InputError([InputProblem(str(path), f"cannot read the scenario file: {exc.strerror}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([InputProblem(str(path), f"not valid TOML: {exc}")]) from None
    except UnicodeDecodeError:
        raise InputError([InputProblem(str(path), "not valid TOML: the file is not UTF-8")]) from None

    for key in doc:
        if key not in TOP_KEYS:
            problems.unknown(key, key, TOP_KEYS)
    name = _text(doc, "name", problems, default=path.stem)
    if name is not None and not _NAME.fullmatch(name):
        problems.add("name", "must be letters, digits, '_', '-' or '.' (it names the output folder)", name)
    description = _text(doc, "description", problems, default="") or ""
    inputs = _table(doc, "inputs", problems)
    found = _inputs(inputs, path.parent, problems)
    overrides = _overrides(_table(doc, "households", problems), problems)
    settings = _settings(_table(doc, "settings", problems), problems)
    if problems.found:
        raise InputError(problems.found)
    return Scenario(name=name or path.stem, description=description, path=path, overrides=overrides,
                    settings=settings, **found)


def load_scenarios(paths: typing.Sequence[str | Path]) -> tuple[Scenario, ...]:
    """Load several scenario files, reporting the problems of all of them together; names must differ."""
    problems: list[InputProblem] = []
    scenarios: list[Scenario] = []
    for path in paths:
        try:
            scenarios.append(load_scenario(path))
        except InputError as exc:
            problems += exc.problems
    first: dict[str, Scenario] = {}
    for s in scenarios:
        if s.name in first:
            problems.append(InputProblem(str(s.path), f"name: '{s.name}' is also the name of {first[s.name].path}; "
                                         "each scenario needs its own name (it names the output folder)"))
        first.setdefault(s.name, s)
    if problems:
        raise InputError(problems)
    return tuple(scenarios)


def _table(doc: Mapping[str, Any], key: str, problems: _Problems, prefix: str = "") -> dict[str, Any]:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        problems.add(prefix + key, f"must be a table ([{prefix}{key}]), not {_type_name(value)}", value)
        return {}
    return value


def _text(doc: Mapping[str, Any], key: str, problems: _Problems, *, default: str | None = None,
          prefix: str = "") -> str | None:
    value = doc.get(key, default)
    if value is None or isinstance(value, str):
        return value
    problems.add(prefix + key, f"must be text (in quotes), not {_type_name(value)}", value)
    return default


def _inputs(inputs: dict[str, Any], folder: Path, problems: _Problems) -> dict[str, Any]:
    for key in inputs:
        if key not in INPUT_KEYS:
            problems.unknown(f"inputs.{key}", key, INPUT_KEYS)

    def file(key: str, raw: Any) -> Path | None:
        if not isinstance(raw, str) or not raw.strip():
            problems.add(key, f"must be a file path (text in quotes), not {_type_name(raw)}", raw)
            return None
        resolved = folder / raw
        if not resolved.is_file():
            problems.add(key, f"file not found: {resolved}", raw)
        return resolved

    found: dict[str, Any] = {}
    for key in ("households", "vacancies"):
        if key in inputs:
            found[key] = file(f"inputs.{key}", inputs[key])
        else:
            problems.add(f"inputs.{key}", "missing: the scenario must name its input files")
            found[key] = None
    for key in ("household_sheet", "vacancy_sheet"):
        found[key] = _text(inputs, key, problems, prefix="inputs.")
    extra = _list(inputs, "extra_vacancies", problems, "file paths")
    found["extra_vacancies"] = tuple(p for k, raw in enumerate(extra)
                                     if (p := file(f"inputs.extra_vacancies[{k + 1}]", raw)) is not None)
    for key in ("leave_out_vacancies", "leave_out_households"):
        ids = _list(inputs, key, problems, "ids")
        for raw in ids:
            if not isinstance(raw, str):
                problems.add(f"inputs.{key}", f"ids must be text in quotes (ids are kept exactly as written), not "
                             f"{_type_name(raw)}", raw)
        found[key] = tuple(dict.fromkeys(i.strip() for i in ids if isinstance(i, str)))
    share = inputs.get("leave_out_vacancy_share", 0.0)
    if not _is_number(share):
        problems.add("inputs.leave_out_vacancy_share", f"must be a number, not {_type_name(share)}", share)
        share = 0.0
    elif not 0 <= share < 1:
        problems.add("inputs.leave_out_vacancy_share", "must be at least 0 and below 1 (0.15 = 15 %)", share)
        share = 0.0
    found["leave_out_vacancy_share"] = float(share)
    seed = inputs.get("leave_out_seed", 0)
    if not _is_int(seed):
        problems.add("inputs.leave_out_seed", f"must be a whole number, not {_type_name(seed)}", seed)
        seed = 0
    found["leave_out_seed"] = seed
    return found


def _list(doc: Mapping[str, Any], key: str, problems: _Problems, what: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        problems.add(f"inputs.{key}", f"must be a list of {what} ([...]), not {_type_name(value)}", value)
        return []
    return value


# --- settings -----------------------------------------------------------------------------------------------


def _settings(table: dict[str, Any], problems: _Problems) -> Settings:
    """Settings from ``[settings]``: each key checked alone first, so a bad value is named by its key."""
    budget_table = _table(table, "budget", problems, prefix="settings.")
    budget = _dataclass(BudgetSettings, budget_table, "settings.budget", problems, BudgetSettings())
    plain = {k: v for k, v in table.items() if k != "budget"}
    return _dataclass(Settings, plain, "settings", problems, Settings(), budget=budget)


def _dataclass(cls: type, table: dict[str, Any], prefix: str, problems: _Problems, default: Any, **fixed: Any):
    hints = typing.get_type_hints(cls)
    known = [f.name for f in dataclasses.fields(cls)]
    good: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in hints or key in fixed:
            problems.unknown(f"{prefix}.{key}", key, [k for k in known if k not in fixed])
            continue
        try:
            value = _typed(raw, hints[key])
            dataclasses.replace(default, **{key: value})  # the domain's own check, for this key alone
        except (TypeError, CellError, DomainError) as exc:
            problems.add(f"{prefix}.{key}", str(exc), raw)
            continue
        good[key] = value
    try:
        return cls(**good, **fixed)
    except DomainError as exc:  # a rule between two keys, e.g. min_rooms above max_rooms
        problems.add(prefix, str(exc))
        return default


def _typed(raw: Any, hint: Any) -> Any:
    """``raw`` from TOML as a value of type ``hint``; ``""`` is "not stated" where ``None`` is allowed."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        if raw == "" and type(None) in args:
            return None
        (hint,) = [a for a in args if a is not type(None)]
        args = typing.get_args(hint)
    if hint is bool:
        if isinstance(raw, bool):
            return raw
        raise TypeError(f"must be true or false, not {_type_name(raw)}")
    if hint is int:
        if _is_int(raw):
            return raw
        raise TypeError(f"must be a whole number, not {_type_name(raw)}")
    if hint is float:
        if _is_number(raw):
            return float(raw)
        raise TypeError(f"must be a number, not {_type_name(raw)}")
    if hint is str:
        if isinstance(raw, str):
            return raw
        raise TypeError(f"must be text (in quotes), not {_type_name(raw)}")
    if hint is dt.date:
        if isinstance(raw, dt.datetime) or not isinstance(raw, str | dt.date):
            raise TypeError(f"must be a date (2027-03-01), not {_type_name(raw)}")
        return date(raw)
    if hint is Kind:
        if not isinstance(raw, str):
            raise TypeError(f"must be \"permanent\" or \"temporary\", not {_type_name(raw)}")
        return kind(raw)
    if typing.get_origin(hint) is tuple and args[0] is str:
        if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
            return tuple(x.strip() for x in raw)
        raise TypeError("must be a list of texts in quotes, e.g. [\"Ellemosen\", \"Granbo\"]")
    raise TypeError(f"cannot be set from a scenario file ({hint})")  # pragma: no cover - every field is covered


# --- household overrides ------------------------------------------------------------------------------------

_HOUSEHOLD_HINTS = typing.get_type_hints(Household)
OVERRIDABLE = tuple(f.name for f in dataclasses.fields(Household) if f.name not in NOT_OVERRIDABLE)


def _overrides(table: dict[str, Any], problems: _Problems) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    found = []
    for household_id, changes in table.items():
        key = f"households.{_quoted(household_id)}"
        if not isinstance(changes, dict):
            problems.add(key, f"must be a table ([{key}]) of household fields, not {_type_name(changes)}", changes)
            continue
        typed: list[tuple[str, Any]] = []
        for name, raw in changes.items():
            if name not in OVERRIDABLE:
                problems.unknown(f"{key}.{name}", name, OVERRIDABLE)
                continue
            try:
                typed.append((name, _typed(raw, _HOUSEHOLD_HINTS[name])))
            except (TypeError, CellError) as exc:
                problems.add(f"{key}.{name}", str(exc), raw)
        found.append((household_id.strip(), tuple(typed)))
    return tuple(found)


def _quoted(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


# --- reading and applying -----------------------------------------------------------------------------------


def draw_left_out(ids: typing.Sequence[str], share: float, seed: int) -> tuple[str, ...]:
    """The ids a share of ``share`` leaves out: the first ``round(share * len(ids))`` by SHA-256 of ``"seed:id"``.

    A hash of the id rather than a random generator over input order, so that re-sorting or extending a file
    does not change which of the same dwellings are drawn; the result is in the order of ``ids``.
    """
    count = int(share * len(ids) + 0.5)
    ranked = sorted(ids, key=lambda i: (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest(), i))
    drawn = set(ranked[:count])
    return tuple(i for i in ids if i in drawn)


def read_inputs(scenario: Scenario) -> ScenarioInput:
    """Read the scenario's input files and apply its changes.

    Order: households and all vacancy files are read; listed households and vacancies are left out; the share
    is drawn among the vacancies that remain (main and extra files together); the overrides are applied.

    Raises
    ------
    InputError
        With the problems of every input file and every change that cannot be made.
    """
    problems = _Problems(scenario.path)
    file_problems: list[InputProblem] = []
    warnings: list[str] = []
    households: tuple[Household, ...] = ()
    try:
        households, found = read_households(scenario.households, sheet=scenario.household_sheet)
        warnings += found
    except InputError as exc:
        file_problems += exc.problems
    vacancy_files = [(scenario.vacancies, scenario.vacancy_sheet)] + [(p, None) for p in scenario.extra_vacancies]
    vacancies: list[Vacancy] = []
    counts: list[int] = []
    origin: dict[str, Path] = {}
    for path, sheet in vacancy_files:
        try:
            read, found = read_vacancies(path, sheet=sheet)
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
    if problems.found:
        raise InputError(problems.found)

    kept_h = tuple(changed.get(h.household_id, h) for h in households if h.household_id not in left_out_h)
    kept_v = tuple(v for v in vacancies if v.dwelling_id not in left_out_v)
    paths = [scenario.households] + [p for p, _ in vacancy_files]
    instance = Instance(households=kept_h, vacancies=kept_v, sources=tuple(str(p) for p in paths))
    warnings += unknown_wish_departments(kept_h, kept_v, str(scenario.households))
    provenance = Provenance(files=(
        describe_file(scenario.path, len(scenario.path.read_text(encoding="utf-8").splitlines())),
        describe_file(scenario.households, len(households)),
        *(describe_file(p, n) for (p, _), n in zip(vacancy_files, counts, strict=True)),
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


def _unknown_ids(ids: typing.Iterable[str], known: Mapping[str, Any], key: str, what: str,
                 problems: _Problems) -> None:
    for i in ids:
        if i in known:
            continue
        near = difflib.get_close_matches(i, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        problems.add(key, f"no {what} with this id in the input files{hint}", i)


# --- helpers ------------------------------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"the date/time {value}"
    return type(value).__name__
