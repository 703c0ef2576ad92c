"""Trade cycles: housed households that could pass their dwellings round so that one gains and none loses.

The graph is built on dwelling classes (``classes.py``): class c -> class c' when some holder of c may take a
dwelling of c' at a wish rank no worse than its own (``reach.py``'s weak rows); the arc is strict when that
holder strictly prefers c'. A holder never moves within its own class, so every cycle passes at least two
classes and two households. A trade cycle is a cycle with at least one strict arc: carrying it out leaves
everyone as well off and someone better. It lies inside one strongly connected component, so one cycle is
reported per component that has a strict arc inside it, starting at the component's highest-priority
household that strictly gains, together with how many households could trade within the component.

Every such cycle is also an improving chain of the seniority check (for its highest-priority strict gainer,
everyone ahead of it only moves weakly), so the components are only computed for a block when one of the
households with a seniority chain also has a chain of weak moves back to its own dwelling. In weighted
priority mode, where seniority chains are expected, this check is still required.
"""

from __future__ import annotations

import numpy as np

from allocator.check.audit import Finding
from allocator.check.reach import Block, search
from allocator.check.standing import Standing

_TRIM_ROUNDS = 64


def trade_cycles(s: Standing, blocks: list[Block], suspects: list[int]) -> tuple[Finding, ...]:
    """Trade cycles of the blocks in which one of the ``suspects`` (housed numbers) has a weak cycle."""
    a_all, classes_all = s.preferred()
    cyclic: set[int] = set()
    for a in suspects:
        lo, hi = np.searchsorted(a_all, [a, a + 1])
        block = blocks[int(s.classes.c_block[s.home_class[a]])]
        if block.start in cyclic:
            continue
        home = int(s.home_class[a]) - block.start
        chain = search(
            s,
            block,
            classes_all[lo:hi] - block.start,
            lambda local, b=block: s.holder_count[local + b.start],
            lambda local, h=home: local == h,
        )
        if chain is not None:
            cyclic.add(block.start)
    found: list[tuple[int, Finding]] = []
    for block in blocks:
        if block.start in cyclic:
            found.extend(_block_cycles(s, block))
    found.sort(key=lambda pair: pair[0])  # by the first household of each cycle, highest priority first
    return tuple(f for _, f in found)


def _block_cycles(s: Standing, block: Block) -> list[tuple[int, Finding]]:
    nodes = block.size
    counts = s.holder_count[block.start : block.stop]
    weak_rows = np.unpackbits(block.mixed[block.base + counts], axis=1, count=nodes).astype(bool)
    tail, head = np.nonzero(weak_rows)
    alive = _trim(nodes, tail, head)
    keep = alive[tail] & alive[head]
    tail, head = tail[keep], head[keep]
    indptr = np.searchsorted(tail, np.arange(nodes + 1)).tolist()
    targets = head.tolist()
    found = []
    offset = int(s.class_ptr[block.start])
    for component in _strong_components(nodes, indptr, targets, alive.tolist()):
        if len(component) < 2:
            continue
        inside = np.zeros(nodes, bool)
        inside[component] = True
        members = block.members[
            np.concatenate(
                [np.arange(s.class_ptr[block.start + c], s.class_ptr[block.start + c + 1]) for c in component]
            )
            - offset
        ]
        members = np.sort(members)
        rows, classes = s.classes.classes_of(s.housed[members])
        a = members[rows]
        local = classes - block.start
        ok = (classes >= block.start) & (classes < block.stop)
        ok[ok] &= inside[local[ok]] & (classes[ok] != s.home_class[a[ok]])
        ranks = s.rank(s.housed[a], classes)
        strict = ok & (ranks < s.own[a])
        if not strict.any():
            continue
        trading = np.unique(a[ok & (ranks <= s.own[a])])
        gainer = int(a[strict].min())
        start = local[strict & (a == gainer)]
        home = int(s.home_class[gainer]) - block.start
        chain = search(
            s,
            block,
            start,
            lambda cls: s.holder_count[cls + block.start],
            lambda cls, h=home: cls == h,
        )
        assert chain is not None, "a strict arc inside a strongly connected component lies on a cycle"
        found.append((int(s.position[s.housed[gainer]]), _finding(s, [gainer, *chain.movers], len(trading))))
    return found


def _finding(s: Standing, cycle: list[int], group: int) -> Finding:
    hs, vs = s.instance.households, s.instance.vacancies
    ids = tuple(hs[s.housed[a]].household_id for a in cycle)
    steps, gainers = [], []
    for x, a in enumerate(cycle):
        b = cycle[(x + 1) % len(cycle)]
        h, mine, theirs = int(s.housed[a]), int(s.homes[a]), int(s.homes[b])
        gains = s.tables.rank[h, s.tables.d_department[theirs]] < s.own[a]
        if gains:
            gainers.append(ids[x])
        how = "over" if gains else "as good as"
        steps.append(
            f"{ids[x]} would take {vs[theirs].dwelling_id} of {hs[s.housed[b]].household_id} "
            f"({s.label(h, theirs)}) {how} its own {vs[mine].dwelling_id} ({s.label(h, mine)})"
        )
    more = f"; {group} households could trade among themselves" if group > len(cycle) else ""
    if len(gainers) == len(cycle):
        who = "all gain by trading"
    else:
        who = f"{', '.join(gainers)} {'gains' if len(gainers) == 1 else 'gain'} and no one loses by trading"
    text = f"trade cycle {' -> '.join(ids + ids[:1])}: {who}: {'; '.join(steps)}{more}"
    dwellings = tuple(vs[s.homes[a]].dwelling_id for a in cycle)
    return Finding("trade_cycle", ids, dwellings, text)


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
