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
from allocator.check.reach import Block, Chain, search_many
from allocator.check.standing import Standing


def seniority_chains(s: Standing, blocks: list[Block]) -> tuple[tuple[Finding, ...], list[int]]:
    """``(one seniority_chain finding per housed household with an improving chain, their housed numbers)``."""
    a_all, classes_all = s.preferred()
    if len(a_all) == 0:
        return (), []
    free = s.free_count > 0
    found: dict[int, Finding] = {}
    block_of_pair = s.classes.c_block[classes_all]
    for block in blocks:
        mine = block_of_pair == block.index
        if not mine.any():
            continue
        searched, owner = np.unique(a_all[mine], return_inverse=True)
        positions = s.position[s.housed[searched]]
        homes = s.home_class[searched] - block.start
        chains = search_many(
            s,
            block,
            owner.ravel(),
            classes_all[mine] - block.start,
            lambda k, c, b=block, p=positions: s.earlier_counts(c + b.start, p[k]),
            lambda k, c, b=block, h=homes: free[c + b.start] | (c == h[k]),
        )
        for k, chain in chains.items():
            found[int(searched[k])] = _seniority_finding(s, int(searched[k]), chain)
    who = sorted(found)
    return tuple(found[a] for a in who), who


def _seniority_finding(s: Standing, a: int, chain: Chain) -> Finding:
    hs, vs = s.instance.households, s.instance.vacancies
    x = int(s.housed[a])
    xid, home = hs[x].household_id, int(s.homes[a])
    taken = _taken(s, chain, ending_home=home)
    first = taken[0]
    steps, movers = [], [x] + [int(s.housed[g]) for g in chain.movers]
    for k, (mover, dwelling) in enumerate(zip(movers, taken, strict=True)):
        if k + 1 < len(movers):
            what = f"{vs[dwelling].dwelling_id} from {hs[movers[k + 1]].household_id}"
        elif s.alloc.holder[dwelling] < 0:
            what = f"free dwelling {vs[dwelling].dwelling_id}"
        else:
            what = f"{xid}'s {vs[dwelling].dwelling_id}"
        was = (
            ""
            if k == 0
            else f" (priority {s.position[mover] + 1}, now {s.label(mover, int(s.alloc.home[mover]))})"
        )
        steps.append(f"{hs[mover].household_id}{was} takes {what} ({s.label(mover, dwelling)})")
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
    household, for chains of two or more steps (the direct cases are ``fairness.py``'s)."""
    rows, classes = s.classes.classes_of(s.unhoused)
    if len(rows) == 0:
        return (), ()
    free = s.free_count > 0
    has = s.holder_count > 0
    # the priority position of the lowest-priority holder of each class (-1: nobody holds one)
    junior = np.full(s.classes.n_classes, -1, np.int64)
    junior[has] = s.position[s.housed[s.holders[s.class_ptr[1:][has] - 1]]]
    positions = s.position[s.unhoused]
    direct_junior = np.zeros(len(s.unhoused), bool)
    direct_junior[rows[junior[classes] > positions[rows]]] = True
    direct_free = np.zeros(len(s.unhoused), bool)
    direct_free[rows[free[classes]]] = True

    def nobody_weak(k: np.ndarray, c: np.ndarray) -> np.ndarray:
        return np.zeros(len(c), np.intp)

    priority: dict[int, Finding] = {}
    waste: dict[int, Finding] = {}
    block_of_pair = s.classes.c_block[classes]
    for block in blocks:
        mine = block_of_pair == block.index
        for skip, out, is_target, as_junior in (
            (direct_junior, priority, lambda k, c, b=block: junior[c + b.start] > positions[k], True),
            (direct_free, waste, lambda k, c, b=block: free[c + b.start], False),
        ):
            pick = mine & ~skip[rows]
            chains = search_many(s, block, rows[pick], classes[pick] - block.start, nobody_weak, is_target)
            for k, chain in chains.items():
                out[k] = _unhoused_finding(s, int(s.unhoused[k]), chain, junior=as_junior)
    return tuple(priority[k] for k in sorted(priority)), tuple(waste[k] for k in sorted(waste))


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
    for mover, dwelling in zip(movers, taken, strict=True):
        holder = int(s.alloc.holder[dwelling])
        what = (
            f"free dwelling {vs[dwelling].dwelling_id}"
            if holder < 0
            else f"{vs[dwelling].dwelling_id} from {hs[holder].household_id}"
        )
        steps.append(f"{hs[mover].household_id} takes {what}")
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
