"""The sweep file: a base scenario, a grid over scenario keys, and seeded draws; expanded into one run per
(grid point, draw).

A sweep file is TOML, paths relative to it::

    name = "vacancies_come_free"
    description = "How many are housed if 0-40 % of the vacancies do not come free?"
    base = "../baseline.toml"        # any scenario file
    draws = 20                       # random draws per grid point (optional)
    seed = 1                         # the sweep's seed, from which every draw's seeds derive

    [grid]                           # any scenario key, each with the list of values to try
    settings.size_rule = ["range", "law-minimum"]
    inputs.leave_out_vacancy_share = [0.0, 0.1, 0.2, 0.3, 0.4]

Expansion (:func:`expand`): the grid points are the product of the grid's value lists, the keys in the order of
the file and the last key varying fastest, numbered from 1. With ``draws = N`` every grid point is run N times,
draws numbered 1 to N; draw ``k`` sets ``inputs.leave_out_seed`` (which vacancies do not come free, when a share
is left out) and ``settings.tie_break_seed`` (the draw between households of the same kind and seniority) to
:func:`draw_seed` of the sweep's seed and ``k``: the same seeds at every grid point, so that two grid points are
compared on the same draws. Without ``draws`` each grid point is run once (draw 0) with the base scenario's seeds.

Problems are reported like a scenario's, all at once, each naming the file and the key: ``grid.settings.size_rul:
unknown key; did you mean 'size_rule'?``, a value the scenario refuses (``grid.settings.size_rule[2]: size_rule
must be one of ...``), a grid point whose values do not go together, an id no input file has.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import hashlib
import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.domain import BudgetSettings, Settings
from allocator.problems import InputError, InputProblem
from allocator.scenario import (
    INPUT_KEYS,
    OVERRIDABLE,
    Scenario,
    _quoted,
    _type_name,
    load_scenario,
    scenario_from_dict,
)

SWEEP_KEYS = ("name", "description", "base", "draws", "seed", "grid")
DRAWN_KEYS = (("inputs", "leave_out_seed"), ("settings", "tie_break_seed"))
"""The keys a draw sets; a sweep with ``draws`` cannot also vary them in its grid."""
MAX_RUNS = 1_000_000

_SETTINGS = tuple(f.name for f in dataclasses.fields(Settings) if f.name != "budget")
_BUDGET = tuple(f.name for f in dataclasses.fields(BudgetSettings))


@dataclass(frozen=True, slots=True)
class GridKey:
    """One varied scenario key: its path in the scenario's TOML and the values to try."""

    path: tuple[str, ...]
    values: tuple[Any, ...]

    @property
    def name(self) -> str:
        """The key as the scenario's problems name it, e.g. ``settings.size_rule``; also the column name."""
        return ".".join(_quoted(p) for p in self.path)


@dataclass(frozen=True, slots=True)
class RunSpec:
    """One run: a grid point's values, a draw, and the scenario they make.

    ``point`` counts grid points from 1; ``draw`` counts draws from 1 (0: the sweep has no draws). ``values``
    pairs each grid key's name with its value at this point.
    """

    point: int
    draw: int
    values: tuple[tuple[str, Any], ...]
    scenario: Scenario

    @property
    def key(self) -> str:
        """The run's key: rows are sorted by it, and ``--resume`` skips the keys already done."""
        return f"{self.point:05d}-{self.draw:05d}"


@dataclass(frozen=True, slots=True)
class Sweep:
    """A sweep file, checked: its base scenario, grid and draws."""

    name: str
    description: str
    path: Path
    base: Scenario
    grid: tuple[GridKey, ...]
    draws: int | None
    seed: int
    points: tuple[Scenario, ...]
    """One scenario per grid point, in grid order (the draws' seeds not yet set)."""

    @property
    def runs(self) -> int:
        return len(self.points) * (self.draws or 1)


def draw_seed(seed: int, draw: int) -> int:
    """The seed of draw ``draw`` of a sweep with seed ``seed``: 31 bits of SHA-256 of ``"seed:draw"``."""
    return int(hashlib.sha256(f"{seed}:{draw}".encode()).hexdigest()[:8], 16) >> 1


def expand(sweep: Sweep) -> tuple[RunSpec, ...]:
    """Every run of the sweep, sorted by run key: grid points in order, each with its draws."""
    specs = []
    for point, (scenario, values) in enumerate(
        zip(sweep.points, _point_values(sweep.grid), strict=True), start=1
    ):
        named = tuple((key.name, value) for key, value in zip(sweep.grid, values, strict=True))
        if sweep.draws is None:
            specs.append(RunSpec(point, 0, named, scenario))
            continue
        for draw in range(1, sweep.draws + 1):
            seed = draw_seed(sweep.seed, draw)
            drawn = dataclasses.replace(
                scenario,
                leave_out_seed=seed,
                settings=dataclasses.replace(scenario.settings, tie_break_seed=seed),
            )
            specs.append(RunSpec(point, draw, named, drawn))
    return tuple(specs)


def _point_values(grid: tuple[GridKey, ...]) -> list[tuple[Any, ...]]:
    return list(itertools.product(*(key.values for key in grid)))


# --- loading ------------------------------------------------------------------------------------------------


def load_sweep(path: str | Path) -> Sweep:
    """Read and check a sweep file and its base scenario (not yet the input files: see ``allocator.sweep.files``).

    Raises
    ------
    InputError
        With every problem of the sweep file and of its base scenario.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError([InputProblem(str(path), "sweep file not found")]) from None
    except OSError as exc:
        raise InputError([InputProblem(str(path), f"cannot read the sweep file: {exc.strerror}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError([InputProblem(str(path), f"not valid TOML: {exc}")]) from None
    except UnicodeDecodeError:
        raise InputError([InputProblem(str(path), "not valid TOML: the file is not UTF-8")]) from None

    problems: list[InputProblem] = []

    def add(key: str, message: str, value: Any = None) -> None:
        problems.append(InputProblem(str(path), f"{key}: {message}", value=value))

    for key in doc:
        if key not in SWEEP_KEYS:
            add(key, "unknown key" + _hint(key, SWEEP_KEYS))
    name = doc.get("name", path.stem)
    if not isinstance(name, str) or not name.strip():
        add("name", f"must be text (in quotes), not {_type_name(name)}", name)
        name = path.stem
    description = doc.get("description", "")
    if not isinstance(description, str):
        add("description", f"must be text (in quotes), not {_type_name(description)}", description)
        description = ""
    draws = doc.get("draws")
    if draws is not None and (not _is_int(draws) or draws < 1):
        add(
            "draws",
            f"must be a whole number of draws per grid point, at least 1, not {_type_name(draws)}",
            draws,
        )
        draws = None
    seed = doc.get("seed", 0)
    if not _is_int(seed):
        add("seed", f"must be a whole number, not {_type_name(seed)}", seed)
        seed = 0
    elif "seed" in doc and draws is None and "draws" not in doc:
        add("seed", "is only used with draws: add draws = N, or remove the seed")
    base_raw = doc.get("base")
    base_path: Path | None = None
    if base_raw is None:
        add("base", 'missing: the sweep needs a base scenario file (base = "scenario.toml")')
    elif not isinstance(base_raw, str) or not base_raw.strip():
        add("base", f"must be a file path (text in quotes), not {_type_name(base_raw)}", base_raw)
    else:
        base_path = path.parent / base_raw
        if not base_path.is_file():
            add("base", f"file not found: {base_path}", base_raw)
            base_path = None
    grid_table = doc.get("grid", {})
    if not isinstance(grid_table, dict):
        add("grid", f"must be a table ([grid]), not {_type_name(grid_table)}", grid_table)
        grid_table = {}
    grid = _grid(grid_table, draws is not None, add)

    base: Scenario | None = None
    if base_path is not None:
        try:
            base = load_scenario(base_path)
        except InputError as exc:
            problems += exc.problems
    if problems or base is None:
        raise InputError(problems)
    with open(base_path, "rb") as handle:
        base_doc = tomllib.load(handle)
    points = _points(path, base_doc, base, grid, add)
    if problems:
        raise InputError(problems)
    sweep = Sweep(
        name=name.strip(),
        description=description,
        path=path,
        base=base,
        grid=grid,
        draws=draws,
        seed=seed,
        points=points,
    )
    if sweep.runs > MAX_RUNS:
        raise InputError(
            [InputProblem(str(path), f"grid: {sweep.runs:,} runs; at most {MAX_RUNS:,} in one sweep")]
        )
    return sweep


def _grid(table: dict[str, Any], with_draws: bool, add) -> tuple[GridKey, ...]:
    found = []
    for path, values in _leaves(table, ()):
        key = "grid." + ".".join(_quoted(p) for p in path)
        problem = _unknown(path)
        if problem:
            add(key, problem)
            continue
        if with_draws and path in DRAWN_KEYS:
            add(
                key,
                "the draws set this key (each draw its own seed); remove it from the grid, or remove draws",
            )
            continue
        if not isinstance(values, list) or not values:
            add(key, f"must be a list of the values to try ([...]), not {_type_name(values)}", values)
            continue
        seen: list[Any] = []
        for value in values:
            if any(value == s and type(value) is type(s) for s in seen):
                add(key, "the same value is listed twice", value)
            seen.append(value)
        found.append(GridKey(path, tuple(values)))
    return tuple(found)


def _leaves(table: Mapping[str, Any], prefix: tuple[str, ...]):
    """(path, value) of every key that is not a table; tables are walked (``settings.budget``, households)."""
    for key, value in table.items():
        path = (*prefix, key)
        if isinstance(value, dict) and not _is_leaf(path):
            yield from _leaves(value, path)
        else:
            yield path, value


def _is_leaf(path: tuple[str, ...]) -> bool:
    top = path[0]
    if top == "households":
        return len(path) >= 3
    if top == "settings" and len(path) >= 2 and path[1] == "budget":
        return len(path) >= 3
    return len(path) >= 2 or top not in ("inputs", "settings", "households")


def _unknown(path: tuple[str, ...]) -> str | None:
    """Why ``path`` is not a scenario key a grid can vary, or None."""
    top = path[0]
    if top in ("name", "description"):
        return "cannot be varied (a grid point is named by its number and values)"
    if top == "inputs":
        return (
            None if len(path) == 2 and path[1] in INPUT_KEYS else "unknown key" + _hint(path[-1], INPUT_KEYS)
        )
    if top == "settings":
        if len(path) == 2 and path[1] in _SETTINGS:
            return None
        if len(path) == 3 and path[1] == "budget":
            return None if path[2] in _BUDGET else "unknown key" + _hint(path[2], _BUDGET)
        return "unknown key" + _hint(path[-1], _SETTINGS)
    if top == "households":
        if len(path) == 3 and path[2] in OVERRIDABLE:
            return None
        return "unknown key" + _hint(path[-1], OVERRIDABLE)
    return "unknown key" + _hint(top, ("inputs", "settings", "households"))


def _points(
    path: Path, base_doc: dict[str, Any], base: Scenario, grid: tuple[GridKey, ...], add
) -> tuple[Scenario, ...]:
    """One scenario per grid point. Each value is first tried alone on the base, so that a bad value is named
    by its grid key and position; then each point, for values that do not go together."""
    bad = False
    for key in grid:
        for k, value in enumerate(key.values, start=1):
            try:
                scenario_from_dict(_with(base_doc, ((key.path, value),)), base.path)
            except InputError as exc:
                bad = True
                for p in exc.problems:
                    rest = p.message.removeprefix(key.name + ":").strip()
                    add(f"grid.{key.name}[{k}]", rest, value)
    if bad:
        return ()
    points = []
    for n, values in enumerate(_point_values(grid), start=1):
        try:
            points.append(
                scenario_from_dict(
                    _with(base_doc, tuple(zip((g.path for g in grid), values, strict=True))), base.path
                )
            )
        except InputError as exc:
            for p in exc.problems:
                add(f"grid point {n} ({describe_point(grid, values)})", p.message)
    return tuple(points)


def describe_point(grid: tuple[GridKey, ...], values: tuple[Any, ...]) -> str:
    """``settings.size_rule = 'range', inputs.leave_out_vacancy_share = 0.1``."""
    return ", ".join(f"{g.name} = {v!r}" for g, v in zip(grid, values, strict=True))


def _with(doc: dict[str, Any], changes: tuple[tuple[tuple[str, ...], Any], ...]) -> dict[str, Any]:
    """A copy of the scenario document with each path set to its value (missing tables made)."""
    out = copy.deepcopy(doc)
    for path, value in changes:
        table = out
        for part in path[:-1]:
            table = table.setdefault(part, {})
            # the base has a value where the grid needs a table: the scenario check reports it
            if not isinstance(table, dict):
                break
        else:
            table[path[-1]] = copy.deepcopy(value)
    return out


def _hint(name: str, known) -> str:
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else f"; known keys: {', '.join(known)}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
