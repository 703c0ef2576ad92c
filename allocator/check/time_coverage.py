"""Coverage in a phased case: the most households any allocation houses over the whole plan, and the most
permanent ones among those allocations, proved with the checker's own CP-SAT model (``time_model.py``).

One optimisation per component: maximise ``W * housed + permanent housed`` with ``W`` above the number of
permanent households, so that one more household always outweighs every permanent one. Households with the
same suitable classes, the same stay and the same kind are interchangeable here and form one group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.check.stay_windows import Stays
from allocator.check.time_model import OpenPart, add_occupancy, solve
from allocator.domain import Settings


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per component (``OpenPart.components`` order) the most housed and the most permanent housed among
    allocations housing that many; ``decided`` False where the time limit hit (the figures are then the best
    allocation found, a lower bound)."""

    housed: tuple[int, ...]
    permanent: tuple[int, ...]
    decided: tuple[bool, ...]


def best_coverage(part: OpenPart, stays: Stays, temporary: np.ndarray, settings: Settings) -> Coverage:
    housed, permanent, decided = [], [], []
    for households, _ in part.components:
        h, p, ok = _component(part, households, stays, temporary, settings)
        housed.append(h)
        permanent.append(p)
        decided.append(ok)
    return Coverage(tuple(housed), tuple(permanent), tuple(decided))


def _component(
    part: OpenPart, households: np.ndarray, stays: Stays, temporary: np.ndarray, settings: Settings
) -> tuple[int, int, bool]:
    groups: dict[tuple, int] = {}
    members: list[list[int]] = []
    for h in households.tolist():
        key = (
            tuple(np.flatnonzero(part.hc[h]).tolist()),
            int(stays.start[h]),
            int(stays.end[h]),
            bool(temporary[h]),
        )
        if key not in groups:
            groups[key] = len(members)
            members.append([])
        members[groups[key]].append(h)
    keys = list(groups)
    model = cp_model.CpModel()
    _, housed = add_occupancy(
        model,
        [k[0] for k in keys],
        [len(m) for m in members],
        [k[1] for k in keys],
        [k[2] for k in keys],
        part,
    )
    weight = sum(len(m) for k, m in zip(keys, members, strict=True) if not k[3]) + 1
    total = sum(housed)
    perm = sum(e for k, e in zip(keys, housed, strict=True) if not k[3])
    model.maximize(weight * total + perm)
    answer = solve(model, settings, optimise=True)
    if answer.solver is None:  # pragma: no cover - the empty allocation is always a solution
        return 0, 0, False
    value = int(round(answer.solver.objective_value))
    return value // weight, value % weight, answer.decided
