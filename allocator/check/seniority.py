"""Seniority decides: serial dictatorship with ties, checked exactly by searching for improving chains.

With the housed set fixed, households are served in priority order (``allocator.domain.priority_order``),
each getting the best wish rank that still lets every housed household be housed and every household ahead of
it keep its rank (shared/domain.md, "how the result is judged", point 2). An allocation is that one exactly
when no housed household h has an *improving chain*: h moves to a dwelling it strictly prefers, its holder
moves on, and so on, until the chain ends at a free dwelling or at h's own dwelling; a household ahead of h
moves only to a dwelling of the same or a better rank for it, one behind h anywhere suitable, and nobody
becomes unhoused. Why exact: if the ranks differ from serial dictatorship's, take the first household h in
priority order whose rank differs; serial dictatorship gives it a better one (the allocation itself shows the
ranks ahead of h are feasible) and some allocation realises that while everyone ahead keeps its rank. The
difference of the two allocations is made of alternating paths and cycles; the one through h is such a chain.
Conversely, carrying out a chain keeps every household ahead of h at least as well off and h better, so
serial dictatorship could not have given h its rank. One ``seniority_chain`` finding per such household.

Households already at the best rank any suitable dwelling gives them are skipped. The search runs over
dwelling classes (``reach.py``), so it costs the number of classes a chain can reach, per household searched.

Unhoused households (the housed set): the allocation's housed set is the priority-greedy one exactly when no
unhoused household u can be housed in place of a lower-priority one, directly or through a chain in which
the holders move anywhere suitable (the exchange property of the sets of households that can be housed
together). Such a chain of two or more steps is ``priority_chain_unhoused`` (a direct take-over is
``priority_unhoused``, ``fairness.py``); a chain ending at a free dwelling means coverage is not maximal:
``free_dwelling_chain`` (a free dwelling u may take directly is ``unhoused_with_free_dwelling``).
"""

from __future__ import annotations

import numpy as np

from allocator.check.audit import Finding
from allocator.check.reach import Block, Chain, search
from allocator.check.standing import Standing


def block_of(s: Standing, blocks: list[Block], c: int) -> Block:
    return blocks[int(s.classes.c_block[c])]


def seniority_chains(s: Standing, blocks: list[Block]) -> tuple[tuple[Finding, ...], list[int]]:
    """``(one seniority_chain finding per housed household with an improving chain, their housed numbers)``."""
    a_all, classes_all = s.preferred()
    if len(a_all) == 0:
        return (), []
    free = s.free_count > 0
    cuts = np.flatnonzero(np.diff(a_all)) + 1
    found: list[Finding] = []
    who: list[int] = []
    for lo, hi in zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(a_all)].tolist(), strict=True):
        a = int(a_all[lo])
        block = block_of(s, blocks, int(classes_all[lo]))
        position = int(s.position[s.housed[a]])
        home = int(s.home_class[a]) - block.start
        chain = search(
            s,
            block,
            classes_all[lo:hi] - block.start,
            lambda local, b=block, p=position: s.earlier_count(local + b.start, p),
            lambda local, b=block, h=home: free[local + b.start] | (local == h),
        )
        if chain is not None:
            found.append(_seniority_finding(s, a, chain))
            who.append(a)
    return tuple(found), who


def _seniority_finding(s: Standing, a: int, chain: Chain) -> Finding:
    hs, vs = s.instance.households, s.instance.vacancies
    x = int(s.housed[a])
    xid, home = hs[x].household_id, int(s.homes[a])
    taken = _taken(s, chain, ending_home=home)
    first = taken[0]
    steps, movers = [], [x] + [int(s.housed[g]) for g in chain.movers]
    for k, (mover, dwelling) in enumerate(zip(movers, taken, strict=True)):
        if k + 1 < len(movers):
            source = f" from {hs[movers[k + 1]].household_id}"
        elif s.alloc.holder[dwelling] < 0:
            source = " (free)"
        else:
            source = f", {xid}'s own"
        was = "" if k == 0 else f" (priority {s.position[mover] + 1}, now {s.label(mover, int(s.alloc.home[mover]))})"
        steps.append(
            f"{hs[mover].household_id}{was} takes {vs[dwelling].dwelling_id}{source} ({s.label(mover, dwelling)})"
        )
    text = (
        f"{xid} (priority {s.position[x] + 1}) has {vs[home].dwelling_id} ({s.label(x, home)}) but could have "
        f"{vs[first].dwelling_id} ({s.label(x, first)}) without any higher-priority household getting a worse "
        f"wish: {'; '.join(steps)}"
    )
    ids = tuple(hs[h].household_id for h in movers)
    return Finding("seniority_chain", ids, tuple(vs[d].dwelling_id for d in taken), text)


def _taken(s: Standing, chain: Chain, ending_home: int | None) -> list[int]:
    """The dwelling each mover takes: the home of the next mover, and at the end a free dwelling of the last
    class, or else ``ending_home`` (the chain's own household's dwelling, which it vacated)."""
    taken = [int(s.homes[g]) for g in chain.movers]
    last = chain.classes[-1]
    if s.free_ptr[last + 1] > s.free_ptr[last]:
        taken.append(int(s.free_dwellings[s.free_ptr[last]]))
    else:
        taken.append(ending_home)
    return taken


def unhoused_chains(s: Standing, blocks: list[Block]) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """``(priority_chain_unhoused findings, free_dwelling_chain findings)``, one of each at most per unhoused
    household, for chains of two or more steps."""
    rows, classes = s.classes.classes_of(s.unhoused)
    if len(rows) == 0:
        return (), ()
    free = s.free_count > 0
    last = s.class_ptr[1:] - 1  # the lowest-priority holder of each class, if any
    has = s.holder_count > 0
    junior = np.full(s.classes.n_classes, -1, np.int64)
    junior[has] = s.position[s.housed[s.holders[last[has]]]]
    cuts = np.flatnonzero(np.diff(rows)) + 1
    priority, waste = [], []
    for lo, hi in zip(np.r_[0, cuts].tolist(), np.r_[cuts, len(rows)].tolist(), strict=True):
        u = int(s.unhoused[rows[lo]])
        start = classes[lo:hi]
        block = block_of(s, blocks, int(start[0]))
        position = int(s.position[u])
        local = start - block.start

        def nobody_weak(cls: np.ndarray) -> np.ndarray:
            return np.zeros(len(cls), np.intp)

        if not (junior[start] > position).any():
            chain = search(s, block, local, nobody_weak, lambda c, b=block, p=position: junior[c + b.start] > p)
            if chain is not None:
                priority.append(_unhoused_finding(s, u, chain, junior=True))
        if not free[start].any():
            chain = search(s, block, local, nobody_weak, lambda c, b=block: free[c + b.start])
            if chain is not None:
                waste.append(_unhoused_finding(s, u, chain, junior=False))
    return tuple(priority), tuple(waste)


def _unhoused_finding(s: Standing, u: int, chain: Chain, *, junior: bool) -> Finding:
    hs, vs = s.instance.households, s.instance.vacancies
    uid = hs[u].household_id
    movers = [u] + [int(s.housed[g]) for g in chain.movers]
    last = chain.classes[-1]
    if junior:
        out = int(s.housed[s.holders[s.class_ptr[last + 1] - 1]])
        taken = [int(s.homes[g]) for g in chain.movers] + [int(s.alloc.home[out])]
    else:
        taken = _taken(s, chain, ending_home=None)
    steps = []
    for k, (mover, dwelling) in enumerate(zip(movers, taken, strict=True)):
        holder = int(s.alloc.holder[dwelling])
        source = " (free)" if holder < 0 else f" from {hs[holder].household_id}"
        steps.append(f"{hs[mover].household_id} takes {vs[dwelling].dwelling_id}{source}")
    ids = tuple(hs[h].household_id for h in movers)
    dwellings = tuple(vs[d].dwelling_id for d in taken)
    if junior:
        oid = hs[out].household_id
        text = (
            f"{uid} (priority {s.position[u] + 1}) is unhoused but could be housed in place of lower-priority "
            f"{oid} (priority {s.position[out] + 1}) through a chain of moves: {'; '.join(steps)}; "
            f"{oid} would be unhoused instead"
        )
        return Finding("priority_chain_unhoused", (*ids, oid), dwellings, text)
    text = (
        f"{uid} is unhoused but could be housed through a chain of moves ending in free dwelling "
        f"{dwellings[-1]}: {'; '.join(steps)}"
    )
    return Finding("free_dwelling_chain", ids, dwellings, text)
