"""The figures of the summary workbook: per grid point (and per value of each parameter) the distribution over
the runs of the headline figures, and the share of runs in which everyone is housed.

Quartiles are by linear interpolation between the sorted values (numpy's and pandas' default): the value at
position ``q * (n - 1)`` of the sorted list. Failed runs are counted apart and left out of the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

HEADLINE = ("housed", "unhoused", "wish_1", "board_review_cases", "budget_total")
"""The figures whose distribution the summary shows, in its order."""


@dataclass(frozen=True, slots=True)
class Spread:
    """Minimum, quartiles and maximum of a figure over runs."""

    low: float
    q1: float
    median: float
    q3: float
    high: float

    def values(self) -> tuple[float, float, float, float, float]:
        return (self.low, self.q1, self.median, self.q3, self.high)


@dataclass(frozen=True, slots=True)
class Group:
    """The runs of a grid point, or of one value of a parameter (over every other parameter's values)."""

    values: tuple[Any, ...]
    runs: int
    failed: int
    all_housed: float | None
    """Share of the runs that did not fail in which every household is housed (``None``: none ran)."""
    spreads: dict[str, Spread | None]


def quantile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def spread(values: Sequence[float]) -> Spread | None:
    if not values:
        return None
    ordered = sorted(values)
    return Spread(
        ordered[0], quantile(ordered, 0.25), quantile(ordered, 0.5), quantile(ordered, 0.75), ordered[-1]
    )


def group(values: tuple[Any, ...], rows: Sequence[dict[str, Any]]) -> Group:
    ok = [r for r in rows if r["ok"]]
    spreads = {key: spread([r[key] for r in ok if r.get(key) is not None]) for key in HEADLINE}
    all_housed = sum(1 for r in ok if r["all_housed"]) / len(ok) if ok else None
    return Group(values, len(rows), len(rows) - len(ok), all_housed, spreads)


def by_point(parameters: Sequence[str], rows: Sequence[dict[str, Any]]) -> list[Group]:
    """One group per grid point, in point order."""
    points: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        points.setdefault(row["point"], []).append(row)
    return [group(tuple(found[0][p] for p in parameters), found) for _, found in sorted(points.items())]


def by_value(parameter: str, order: Sequence[Any], rows: Sequence[dict[str, Any]]) -> list[Group]:
    """One group per value of ``parameter`` (in ``order``, the grid's), over all other parameters' values."""
    return [group((value,), [r for r in rows if r[parameter] == value]) for value in order]
