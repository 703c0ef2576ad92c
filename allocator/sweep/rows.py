"""One row per run: its key, parameters and seeds, whether it succeeded, and its figures.

The figures are those of the comparison (:mod:`allocator.compare`), computed the same way, so a sweep's row and
a ``genhus compare`` column agree. To add a figure (e.g. the phases' dwellings held at peak and empty
dwelling-days), add a :class:`Column` to :data:`FIGURES`: the Parquet schema, the runs sheet and the resume
check follow from it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allocator.compare import BUDGET_ITEMS, WISH_CATEGORIES, Comparison
from allocator.sweep.spec import GridKey, RunSpec, Sweep


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the results: ``kind`` is ``int``, ``float``, ``bool`` or ``text``; ``value`` computes a
    figure from a run's one-scenario comparison (``None`` for the columns that are not figures)."""

    name: str
    kind: str
    value: Callable[[Comparison], Any] | None = None


def _figure(key: str) -> Callable[[Comparison], Any]:
    return lambda comparison: comparison.figure(key).values[0]


def _phased_figure(key: str) -> Callable[[Comparison], Any]:
    """A phased case's figure (issue 12); empty for a case without phases, which has no such figure."""

    def value(comparison: Comparison) -> Any:
        try:
            return comparison.figure(key).values[0]
        except KeyError:
            return None

    return value


FIGURES: tuple[Column, ...] = (
    Column("households", "int", _figure("households")),
    Column("housed", "int", _figure("housed")),
    Column("housed_permanent", "int", _figure("housed_permanent")),
    Column("housed_temporary", "int", _figure("housed_temporary")),
    Column("all_housed", "bool", lambda c: c.figure("unhoused").values[0] == 0),
    *(Column(key, "int", _figure(key)) for key in WISH_CATEGORIES),
    Column("priority_violations", "int", _figure("priority_violations")),
    Column("board_review_cases", "int", _figure("board_review_cases")),
    Column("average_rent_change", "float", _figure("average_rent_change")),
    Column("vacancies", "int", _figure("vacancies")),
    Column("vacancies_used", "int", _figure("vacancies_used")),
    *(Column(f"budget_{item}", "float", _figure(f"budget_{item}")) for item in BUDGET_ITEMS),
    Column("peak_dwellings_held", "int", _phased_figure("peak_dwellings_held")),
    Column("empty_dwelling_days", "int", _phased_figure("empty_dwelling_days")),
)
"""The figures of a run, in column order."""

KEY_COLUMNS = (Column("run", "text"), Column("point", "int"), Column("draw", "int"))
SEED_COLUMNS = (Column("leave_out_seed", "int"), Column("tie_break_seed", "int"))
STATUS_COLUMNS = (Column("ok", "bool"), Column("error", "text"))


def parameter_kind(key: GridKey) -> str:
    """The column kind of a grid key's values: one type for all of them, or ``text`` (JSON) when mixed."""
    values = key.values
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "float"
    return "text"


def parameter_value(key: GridKey, value: Any) -> Any:
    """A grid value as its column holds it (numbers as numbers; anything else as text)."""
    kind = parameter_kind(key)
    if kind == "float":
        return float(value)
    if kind != "text" or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as a parameter")


def columns(sweep: Sweep) -> tuple[Column, ...]:
    """Every column of the sweep's rows, in order: key, parameters, seeds, status, figures."""
    params = tuple(Column(key.name, parameter_kind(key)) for key in sweep.grid)
    return (*KEY_COLUMNS, *params, *SEED_COLUMNS, *STATUS_COLUMNS, *FIGURES)


def identity(sweep: Sweep, spec: RunSpec) -> dict[str, Any]:
    """The columns that say which run a row is: key, parameters and seeds (what ``--resume`` compares)."""
    row: dict[str, Any] = {"run": spec.key, "point": spec.point, "draw": spec.draw}
    for key, (_, value) in zip(sweep.grid, spec.values, strict=True):
        row[key.name] = parameter_value(key, value)
    row["leave_out_seed"] = spec.scenario.leave_out_seed
    row["tie_break_seed"] = spec.scenario.settings.tie_break_seed
    return row


def figures(comparison: Comparison) -> dict[str, Any]:
    return {column.name: column.value(comparison) for column in FIGURES}


def failed() -> dict[str, Any]:
    return {column.name: None for column in FIGURES}


def normalised(row: dict[str, Any], found: tuple[Column, ...]) -> dict[str, Any]:
    """``row`` with every value as its column holds it (a whole-kroner budget as a float, as Parquet gives it
    back), so that a fresh row and a resumed one are equal and write the same summary."""
    out = {}
    for column in found:
        value = row.get(column.name)
        if value is not None and column.kind == "float":
            value = float(value)
        elif value is not None and column.kind == "int":
            value = int(value)
        out[column.name] = value
    return out
