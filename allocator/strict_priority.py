"""Strict priority met exactly: who is housed, then who gets which dwelling type.

Step 1, who is housed. The sets of households that can be housed together form a transversal matroid; for distinct
positive weights that fall with priority the maximum-weight basis is unique and equals the greedy one (permanent
first, then seniority, then the seeded draw). A min-cost max-flow with household weight ``(n - position) * C``
therefore houses as many households as possible, as many permanent ones as possible within that, and never leaves
a household out while a lower-priority one is housed in a dwelling it could have had. ``C`` exceeds any total of
wish ranks, so the rank term only orders allocations of that one housed set (fewest total rank).

Step 2, exchanges with the housed set fixed, repeated until none applies: a household moves to a better free
dwelling type; a household takes a better type from a lower-priority holder who may have its own type instead,
or else a free type (the holder's best); a cycle of households who all prefer the next one's type trades. Each
exchange improves the wish ranks read in priority order (lexicographically), so the process ends, and when it
ends the three fairness conditions of the issue hold (shared/engine-notes.md, "Fairness").

Everything here is deterministic: the flow is single-threaded on arcs in a fixed order, and the exchanges scan
households in priority order and types in index order.
"""

from __future__ import annotations

import numpy as np

from allocator.assignment_flow import UNHOUSED, max_flow_min_cost


def priority_weights(order: list[int] | np.ndarray) -> np.ndarray:
    """Weight ``n - position``: distinct, positive, falling with priority."""
    n = len(order)
    weights = np.empty(n, dtype=np.int64)
    weights[np.asarray(order, dtype=np.intp)] = n - np.arange(n)
    return weights


def house_priority_greedy(
    suitable: np.ndarray, rank: np.ndarray, capacity: np.ndarray, order: list[int] | np.ndarray
) -> np.ndarray:
    """Step 1: the type given to each household (``UNHOUSED`` = -1) by one min-cost max-flow."""
    weights = priority_weights(order)
    scale = int(rank.max(initial=1)) * len(weights) + 1
    return max_flow_min_cost(
        suitable, capacity, lambda hh, tt: rank[hh, tt].astype(np.int64) - weights[hh] * scale
    )


def improve_by_exchanges(
    assign: np.ndarray,
    suitable: np.ndarray,
    rank: np.ndarray,
    capacity: np.ndarray,
    order: list[int] | np.ndarray,
) -> tuple[np.ndarray, int]:
    """Step 2: apply exchanges until none applies; returns the new assignment and the number made."""
    assign = assign.copy()
    position = np.empty(len(assign), dtype=np.int64)
    position[np.asarray(order, dtype=np.intp)] = np.arange(len(assign))
    holders: list[list[int]] = [[] for _ in range(len(capacity))]
    for h in map(int, np.asarray(order)):
        if assign[h] != UNHOUSED:
            holders[assign[h]].append(h)
    free = capacity - np.array([len(x) for x in holders], dtype=np.int64)
    worst = np.iinfo(np.int32).max
    exchanges = 0

    def current_rank(h: int) -> int:
        return int(rank[h, assign[h]]) if assign[h] != UNHOUSED else worst

    def move(h: int, to: int) -> None:
        if assign[h] != UNHOUSED:
            holders[assign[h]].remove(h)
            free[assign[h]] += 1
        if to != UNHOUSED:
            holders[to].append(h)
            free[to] -= 1
        assign[h] = to

    none = np.iinfo(rank.dtype).max
    best_possible = np.where(suitable, rank, none).min(axis=1, initial=none)

    def _pairwise_pass() -> bool:
        nonlocal exchanges
        changed = False
        for h in map(int, np.asarray(order)):
            mine = int(assign[h])
            if mine != UNHOUSED and rank[h, mine] == best_possible[h]:
                continue
            better = np.flatnonzero(suitable[h] & (rank[h] < current_rank(h)))
            ranks_of_better = rank[h, better]
            for level in sorted(set(ranks_of_better.tolist())):
                at_level = better[ranks_of_better == level]
                open_types = at_level[free[at_level] > 0]
                if len(open_types):
                    move(h, int(open_types[0]))
                    break
                rival = _lowest_displaceable(at_level, holders, position, position[h], suitable, mine, free)
                if rival is not None:
                    taken = int(assign[rival])
                    move(rival, UNHOUSED)
                    move(h, taken)
                    move(rival, _new_place(rival, mine, suitable, rank, free))
                    break
            else:
                continue
            changed = True
            exchanges += 1
        return changed

    changed = True
    while changed:
        changed = _pairwise_pass()
        if changed:
            continue
        # Trade cycles are rare (the flow leaves none); look for one only once the pairwise exchanges are done.
        cycle = _trade_cycle(assign, suitable, rank, holders)
        if cycle:
            targets = [int(assign[cycle[(i + 1) % len(cycle)]]) for i in range(len(cycle))]
            for h in cycle:
                move(h, UNHOUSED)
            for h, to in zip(cycle, targets, strict=True):
                move(h, to)
            changed = True
            exchanges += 1
    return assign, exchanges


def _lowest_displaceable(
    types: np.ndarray,
    holders: list[list[int]],
    position: np.ndarray,
    my_position: int,
    suitable: np.ndarray,
    mine: int,
    free: np.ndarray,
) -> int | None:
    """The lowest-priority holder of one of ``types`` below us that can live elsewhere: in our type, or in a
    free type it may have (or none). Moving it keeps everyone housed and serves the household that comes first."""
    best: int | None = None
    for t in map(int, types):
        for g in holders[t]:
            if position[g] <= my_position or (best is not None and position[g] <= position[best]):
                continue
            if mine == UNHOUSED or suitable[g, mine] or (suitable[g] & (free > 0)).any():
                best = g
    return best


def _new_place(g: int, mine: int, suitable: np.ndarray, rank: np.ndarray, free: np.ndarray) -> int:
    """Where a displaced household goes: the type we leave, or else its best free type (``UNHOUSED`` only when
    we had none, as an unhoused household displacing a lower-priority one)."""
    if mine == UNHOUSED or suitable[g, mine]:
        return mine
    options = np.flatnonzero(suitable[g] & (free > 0))
    return int(options[np.argmin(rank[g, options])])


def _trade_cycle(
    assign: np.ndarray, suitable: np.ndarray, rank: np.ndarray, holders: list[list[int]]
) -> list[int]:
    """Households on one cycle of 'strictly prefers and may have the next one's type', or []."""
    housed = np.flatnonzero(assign != UNHOUSED)
    if len(housed) == 0:
        return []
    own = rank[housed, assign[housed]]
    wants = suitable[housed] & (rank[housed] < own[:, None])
    rows, to_types = np.nonzero(wants)
    held = np.array([len(x) > 0 for x in holders], dtype=bool)
    keep = held[to_types]
    witnesses, to_types = housed[rows[keep]], to_types[keep]
    if len(witnesses) == 0:
        return []
    # Type graph: edge (type held by g) -> (type g prefers), one witness g per edge suffices.
    pairs, first = np.unique(np.stack([assign[witnesses], to_types]), axis=1, return_index=True)
    edges: dict[int, list[tuple[int, int]]] = {}
    for (a, t), g in zip(pairs.T.tolist(), witnesses[first].tolist(), strict=True):
        edges.setdefault(a, []).append((t, g))
    state: dict[int, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(edges):
        if start in state:
            continue
        path: list[tuple[int, int]] = []  # (type, witness that leaves it)
        stack = [(start, iter(edges.get(start, [])))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            step = next(it, None)
            if step is None:
                state[node] = 2
                stack.pop()
                if path:
                    path.pop()
                continue
            nxt, witness = step
            if state.get(nxt) == 1:
                path.append((node, witness))
                begin = next(i for i, (t, _) in enumerate(path) if t == nxt)
                return [g for _, g in path[begin:]]
            if nxt not in state:
                path.append((node, witness))
                state[nxt] = 1
                stack.append((nxt, iter(edges.get(nxt, []))))
    return []
