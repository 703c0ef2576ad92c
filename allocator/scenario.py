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

The second stage lives in :mod:`allocator.scenario_inputs`; its names are importable from here as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocator.domain import BudgetSettings, DomainError, Household, Kind, Settings
from allocator.problems import InputError, InputProblem
from allocator.read.values import CellError, date, kind

if TYPE_CHECKING:
    from allocator.schedule.settings import ScheduleSettings
if TYPE_CHECKING:  # importable from here as before; loaded on first use (scenario_inputs imports this module)
    from allocator.scenario_inputs import ScenarioInput as ScenarioInput
    from allocator.scenario_inputs import draw_left_out as draw_left_out
    from allocator.scenario_inputs import read_all_inputs as read_all_inputs
    from allocator.scenario_inputs import read_inputs as read_inputs

TOP_KEYS = ("name", "description", "inputs", "households", "phases", "settings")
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
    "phases",
    "phases_sheet",
)
NOT_OVERRIDABLE = ("household_id", "extra", "row", "returns_on", "deadline_from_phase")
"""Household fields a scenario cannot change: the id it is found by, what ties it to its input row, and what
the join with the phases file derives (change the phase instead: ``[phases."2"]``)."""
PHASE_KEYS = ("construction_start", "ready", "name")
"""What a ``[phases."ID"]`` table may change (issue 12)."""

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
    phases, phases_sheet
        The phases file (issue 12) and its sheet; ``None``: a case without phases.
    phase_changes
        ``(phase_id, ((field, value), ...))`` pairs from ``[phases."ID"]`` tables, applied to the phases file's
        phases before the households are joined to them (so move-by dates taken from a phase follow it).
    settings
        The run's settings; fields the file does not set keep their documented defaults.
    schedule
        ``[settings.schedule]``: the moving schedule's settings (``None``: the file has none; ``genhus run
        --schedule`` then uses the defaults).
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
    phases: Path | None = None
    phases_sheet: str | None = None
    phase_changes: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    schedule: ScheduleSettings | None = None


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
    return scenario_from_dict(doc, path)


def scenario_from_dict(doc: Mapping[str, Any], path: str | Path) -> Scenario:
    """Check a scenario already parsed from TOML, as if read from ``path`` (paths are relative to its folder).

    ``genhus sweep`` builds one such document per grid point from its base scenario file.

    Raises
    ------
    InputError
        With every problem in the document, each naming ``path`` and the key.
    """
    path = Path(path)
    problems = _Problems(path)
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
    phase_changes = _phase_changes(_table(doc, "phases", problems), problems)
    if phase_changes and "phases" not in inputs:
        problems.add("phases", "the scenario changes phases but names no phases file; add inputs.phases")
    settings_table = _table(doc, "settings", problems)
    settings = _settings(settings_table, problems)
    schedule = _schedule_settings(settings_table, problems)
    if problems.found:
        raise InputError(problems.found)
    return Scenario(name=name or path.stem, description=description, path=path, overrides=overrides,
                    settings=settings, phase_changes=phase_changes, schedule=schedule, **found)


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
    for key in ("household_sheet", "vacancy_sheet", "phases_sheet"):
        found[key] = _text(inputs, key, problems, prefix="inputs.")
    found["phases"] = file("inputs.phases", inputs["phases"]) if "phases" in inputs else None
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
    plain = {k: v for k, v in table.items() if k not in ("budget", "schedule")}
    return _dataclass(Settings, plain, "settings", problems, Settings(), budget=budget)


def _schedule_settings(table: dict[str, Any], problems: _Problems) -> ScheduleSettings | None:
    """``[settings.schedule]`` (the moving schedule, issue 13); ``None`` when the file has no such table."""
    if "schedule" not in table:
        return None
    from allocator.schedule.settings import ScheduleSettings

    found = _table(table, "schedule", problems, prefix="settings.")
    return _dataclass(ScheduleSettings, found, "settings.schedule", problems, ScheduleSettings())


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
    """``[households."ID"]`` tables: changed fields of a household."""
    return _changes_by_id(table, problems, "households", "household", _HOUSEHOLD_HINTS, OVERRIDABLE)


def _phase_changes(table: dict[str, Any], problems: _Problems) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """``[phases."ID"]`` tables: a new construction start, ready date (``""``: none) or name of a phase."""
    hints = {"construction_start": dt.date, "ready": dt.date | None, "name": str | None}
    return _changes_by_id(table, problems, "phases", "phase", hints, PHASE_KEYS)


def _changes_by_id(
    table: dict[str, Any],
    problems: _Problems,
    section: str,
    noun: str,
    hints: dict[str, Any],
    allowed: tuple[str, ...],
) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """One table per id of ``[section."ID"]``, each field among ``allowed`` typed by ``hints``."""
    found = []
    for item_id, changes in table.items():
        key = f"{section}.{_quoted(item_id)}"
        if not isinstance(changes, dict):
            problems.add(key, f"must be a table ([{key}]) of {noun} fields, not {_type_name(changes)}", changes)
            continue
        typed: list[tuple[str, Any]] = []
        for name, raw in changes.items():
            if name not in allowed:
                problems.unknown(f"{key}.{name}", name, allowed)
                continue
            try:
                typed.append((name, _typed(raw, hints[name])))
            except (TypeError, CellError) as exc:
                problems.add(f"{key}.{name}", str(exc), raw)
        found.append((item_id.strip(), tuple(typed)))
    return tuple(found)


def _quoted(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


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


# --- the input stage, re-exported ---------------------------------------------------------------------------

_INPUT_STAGE = ("ScenarioInput", "draw_left_out", "read_all_inputs", "read_inputs")


def __getattr__(name: str) -> Any:
    """``from allocator.scenario import read_inputs`` and the like: the names of :mod:`allocator.scenario_inputs`,
    looked up there on first use, since that module imports this one."""
    if name in _INPUT_STAGE:
        from allocator import scenario_inputs

        return getattr(scenario_inputs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
