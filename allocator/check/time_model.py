"""The checker's own CP-SAT model of a phased case: households (or groups of them) x dwelling classes, with the
stays' time points and a capacity per class and time point. Written without reading the solver's model.

Classes: dwellings that every open household treats alike (the same suitable households, hence the same stay
windows for them, and the same department, hence the same wish rank) are interchangeable, so a class of k
dwellings is k identical machines. A set of stays fits k machines exactly when at no time more than k of them
are running (interval graphs are perfect: sorting by start and taking any free dwelling colours them), and the
most running at once is reached at some stay's start. So the model needs, per class, one constraint per start
of a stay that may use it: the stays assigned to the class that run at that point are at most its size, less
the fixed stays there. A dwelling holding a kept fixed stay is a class of its own, since its free time differs.

Components: households and classes joined by suitable pairs. They share nothing, so coverage is the sum over
components and every priority question is asked inside the component of its household.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.check.coverage import column_classes
from allocator.check.stay_windows import Stays
from allocator.domain import Settings


@dataclass(frozen=True, eq=False)
class OpenPart:
    """The open part in class terms. ``hc`` is the households x classes bool matrix of suitable pairs;
    ``c_size`` the dwellings per class, ``c_rank[h, c]`` household h's wish rank for class c, ``busy[c]`` the
    ``(start, end)`` of the kept fixed stays on class c; ``components`` the (households, classes) index arrays
    of each component, households in priority order."""

    d_class: np.ndarray
    c_size: np.ndarray
    c_dwellings: tuple[np.ndarray, ...]
    hc: np.ndarray
    c_rank: np.ndarray
    busy: tuple[tuple[tuple[int, int], ...], ...]
    components: tuple[tuple[np.ndarray, np.ndarray], ...]


def open_part(
    suitable: np.ndarray,
    department: np.ndarray,
    rank: np.ndarray,
    stays: Stays,
    fixed_home: np.ndarray,
    position: np.ndarray,
) -> OpenPart:
    n, m = suitable.shape
    fixed_dwellings = fixed_home[fixed_home >= 0]
    own = np.zeros(m, np.int64)
    own[fixed_dwellings] = fixed_dwellings + 1  # a dwelling with a fixed stay is a class of its own
    key = department.astype(np.int64) * (m + 1) + own
    d_class, first, c_size = column_classes(suitable, key=key)
    n_classes = len(first)
    hc = suitable[:, first] if n_classes else np.zeros((n, 0), bool)
    c_rank = rank[:, first] if n_classes else np.zeros((n, 0), np.int64)
    c_dwellings = tuple(np.flatnonzero(d_class == c) for c in range(n_classes))
    busy: list[list[tuple[int, int]]] = [[] for _ in range(n_classes)]
    for h in np.flatnonzero(fixed_home >= 0).tolist():
        busy[int(d_class[fixed_home[h]])].append((int(stays.start[h]), int(stays.end[h])))
    return OpenPart(
        d_class=d_class,
        c_size=c_size,
        c_dwellings=c_dwellings,
        hc=hc,
        c_rank=c_rank,
        busy=tuple(tuple(b) for b in busy),
        components=_components(hc, position),
    )


def _components(hc: np.ndarray, position: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    n, c = hc.shape
    parent = list(range(n + c))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for h, k in zip(*np.nonzero(hc), strict=True):
        a, b = find(int(h)), find(n + int(k))
        if a != b:
            parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for h in np.flatnonzero(hc.any(axis=1)).tolist():
        groups.setdefault(find(h), ([], []))[0].append(h)
    for k in range(c):
        root = find(n + k)
        if root in groups:
            groups[root][1].append(k)
    out = []
    for hs, cs in groups.values():
        hs_arr = np.array(sorted(hs, key=lambda h: position[h]), np.intp)
        out.append((hs_arr, np.array(cs, np.intp)))
    out.sort(key=lambda part: position[part[0][0]])
    return tuple(out)


def capacity_rows(
    arcs: Sequence[Sequence[int]],
    count: Sequence[int],
    start: Sequence[int],
    end: Sequence[int],
    part: OpenPart,
) -> list[tuple[int, tuple[int, ...], int]]:
    """The capacity constraints ``(class, groups running, room)``: at each start of a stay that may use the
    class, the groups whose stays run then hold at most ``room`` of its dwellings (its size less the fixed
    stays running). Rows that cannot be exceeded and repeats are left out: of the rows over the same running
    groups only the one with the least room counts (a fixed stay starting inside open ones lowers it)."""
    by_class: dict[int, list[int]] = {}
    for g, classes in enumerate(arcs):
        for c in classes:
            by_class.setdefault(c, []).append(g)
    rows = []
    for c, groups in by_class.items():
        busy = part.busy[c]
        points = sorted({start[g] for g in groups} | {s for s, _ in busy})
        least: dict[tuple[int, ...], int] = {}
        for t in points:
            running = tuple(g for g in groups if start[g] <= t < end[g])
            if not running:
                continue
            room = int(part.c_size[c]) - sum(1 for s, e in busy if s <= t < e)
            least[running] = min(room, least.get(running, room))
        rows.extend(
            (c, running, room)
            for running, room in least.items()
            if sum(int(count[g]) for g in running) > room
        )
    return rows


def add_occupancy(
    model: cp_model.CpModel,
    arcs: Sequence[Sequence[int]],
    count: Sequence[int],
    start: Sequence[int],
    end: Sequence[int],
    part: OpenPart,
) -> tuple[dict[tuple[int, int], cp_model.IntVar], list[cp_model.LinearExpr]]:
    """Variables ``x[g, c]``: how many of group g (``count[g]`` households with the stay ``[start, end)``) get
    a dwelling of class c, for c in ``arcs[g]``; each group houses at most its count, each class holds at most
    its size at every stay's start (``capacity_rows``). Returns the variables and each group's housed
    expression."""
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    housed = []
    for g, classes in enumerate(arcs):
        mine = []
        for c in classes:
            var = model.new_bool_var("") if count[g] == 1 else model.new_int_var(0, int(count[g]), "")
            x[g, c] = var
            mine.append(var)
        total = sum(mine) if mine else 0
        if len(mine) > 1:
            model.add(total <= int(count[g]))
        housed.append(total)
    for c, running, room in capacity_rows(arcs, count, start, end, part):
        model.add(sum(x[g, c] for g in running) <= room)
    return x, housed


@dataclass(frozen=True, slots=True)
class Answer:
    """A CP-SAT answer: ``decided`` False when the time limit hit first; ``found`` whether a solution exists
    (feasibility) and ``value`` the optimum (optimisation), with ``solver`` holding the solution."""

    decided: bool
    found: bool
    value: int | None
    solver: cp_model.CpSolver | None


def solve(model: cp_model.CpModel, settings: Settings, *, optimise: bool, presolve: bool = True) -> Answer:
    """``presolve=False`` for the many small questions of ``time_seniority.py``: there CP-SAT's presolve costs
    more than the search (measured: 80 households, 36 questions, 6.1 s with it, 3.9 s without)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = settings.time_limit_s
    solver.parameters.num_workers = settings.workers
    solver.parameters.random_seed = 0
    solver.parameters.cp_model_presolve = presolve
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return Answer(True, False, None, None)
    if status == cp_model.OPTIMAL:
        return Answer(True, True, int(round(solver.objective_value)) if optimise else None, solver)
    if status == cp_model.FEASIBLE and not optimise:
        return Answer(True, True, None, solver)
    return Answer(False, status == cp_model.FEASIBLE, None, solver if status == cp_model.FEASIBLE else None)
