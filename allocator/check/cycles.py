"""Trade cycles: housed households that could all gain by passing their dwellings round.

The graph has an arc h -> h' when h strictly prefers the dwelling of h' and is suitable for it. Dwellings of
the same department with the same suitability column look alike to every household, so the graph is built on
classes: household -> class when the household prefers and may take the class, class -> household for each
holder of a dwelling in it. A household can never prefer its own class (same department, same rank), so every
non-trivial strongly connected component holds a cycle of at least two households; one cycle is reported per
component, starting at its highest-priority household.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from allocator.check.audit import Finding
from allocator.check.coverage import column_classes
from allocator.check.fairness import Standing, chunks

_TRIM_ROUNDS = 64


def trade_cycles(s: Standing) -> tuple[Finding, ...]:
    k = len(s.housed)
    if k < 2:
        return ()
    t = s.tables
    home_departments = t.d_department[s.homes]
    labels, first, _ = column_classes(s.among, key=home_departments)
    n_classes = len(first)
    nodes = k + n_classes
    class_departments = home_departments[first]

    # household node a (0..k-1, priority order) -> class node k + c -> household nodes holding a dwelling of c
    tails, heads = [], []
    for rows in chunks(k):
        a, c = np.nonzero(s.among[rows][:, first] & s.prefers[rows][:, class_departments])
        tails.append(rows.start + a)
        heads.append(k + c)
    tails.append(k + labels)
    heads.append(np.arange(k))
    tail = np.concatenate(tails).astype(np.intp)
    head = np.concatenate(heads).astype(np.intp)

    alive = _trim(nodes, tail, head)
    keep = alive[tail] & alive[head]
    tail, head = tail[keep], head[keep]
    if len(tail) == 0:
        return ()
    order = np.argsort(tail, kind="stable")
    tail, head = tail[order], head[order]
    indptr = np.searchsorted(tail, np.arange(nodes + 1)).tolist()
    targets = head.tolist()

    hs, vs = s.instance.households, s.instance.vacancies
    found: list[tuple[int, Finding]] = []
    for component in _strong_components(nodes, indptr, targets, alive.tolist()):
        members = sorted(v for v in component if v < k)
        if len(members) < 2:
            continue
        cycle = [v for v in _shortest_cycle(members[0], set(component), indptr, targets) if v < k]
        ids = tuple(hs[s.housed[a]].household_id for a in cycle)
        steps = []
        for x, a in enumerate(cycle):
            b = cycle[(x + 1) % len(cycle)]
            h, mine, theirs = s.housed[a], s.homes[a], s.homes[b]
            steps.append(
                f"{ids[x]} would take {vs[theirs].dwelling_id} of {hs[s.housed[b]].household_id} "
                f"({s.label(h, theirs)}) over its own {vs[mine].dwelling_id} ({s.label(h, mine)})"
            )
        group = (
            f"; {len(members)} households could trade among themselves" if len(members) > len(cycle) else ""
        )
        text = f"trade cycle {' -> '.join(ids + ids[:1])}: all gain by trading: {'; '.join(steps)}{group}"
        dwellings = tuple(vs[s.homes[a]].dwelling_id for a in cycle)
        found.append((members[0], Finding("trade_cycle", ids, dwellings, text)))
    found.sort(key=lambda pair: pair[0])  # by the highest-priority household of each group
    return tuple(f for _, f in found)


def _trim(nodes: int, tail: np.ndarray, head: np.ndarray) -> np.ndarray:
    """Drop, a few rounds over, nodes without an arc in or out: they lie on no cycle."""
    alive = np.ones(nodes, bool)
    for _ in range(_TRIM_ROUNDS):
        keep = alive[tail] & alive[head]
        out_degree = np.bincount(tail[keep], minlength=nodes)
        in_degree = np.bincount(head[keep], minlength=nodes)
        still = alive & (out_degree > 0) & (in_degree > 0)
        if np.array_equal(still, alive):
            break
        alive = still
    return alive


def _strong_components(
    nodes: int, indptr: list[int], targets: list[int], alive: list[bool]
) -> list[list[int]]:
    """Tarjan's algorithm without recursion; components come out in reverse topological order."""
    index = [-1] * nodes
    low = [0] * nodes
    on_stack = [False] * nodes
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(nodes):
        if index[root] != -1 or not alive[root]:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, indptr[root])]
        while work:
            v, p = work[-1]
            end = indptr[v + 1]
            descended = False
            while p < end:
                w = targets[p]
                p += 1
                if index[w] == -1:
                    work[-1] = (v, p)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, indptr[w]))
                    descended = True
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            if descended:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                components.append(component)
    return components


def _shortest_cycle(start: int, within: set[int], indptr: list[int], targets: list[int]) -> list[int]:
    """The nodes of a shortest cycle through ``start`` inside one strongly connected component."""
    parent = {start: start}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in targets[indptr[v] : indptr[v + 1]]:
            if w == start:
                path = [v]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if w in within and w not in parent:
                parent[w] = v
                queue.append(w)
    raise AssertionError("a strongly connected component always has a cycle through each node")
