"""Priority violations and waste: what a household could justly claim in the allocation it got.

Priority (domain rules 7-8): a household never envies a lower-priority one. Housed h envies h' when h prefers
(strictly lower wish rank) the dwelling of h', is suitable for it, and either

- h' is suitable for h's dwelling (they could swap): ``priority_envy``; or
- h' is suitable for a free dwelling, one nobody holds (a chain: h takes the dwelling of h', h' the free one):
  ``priority_chain``. Coverage stays the same, the same households are housed, and h gains.

Unhoused h envies h' when it is suitable for the dwelling of h' (``priority_unhoused``). One finding per envious
pair: a pair that could swap is ``priority_envy`` even when h' could also take a free dwelling. "Suitable" is the
open part's: fixed dwellings are never free and forbidden pairs never suitable.

Waste: a housed household prefers a dwelling no one got, or an unhoused household is suitable for one. One
finding per household, naming every such free dwelling, best first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from allocator.check.audit import Finding
from allocator.check.breaches import Allocation
from allocator.check.suitability import Tables
from allocator.domain import Household, Instance

_CHUNK = 512


def chunks(k: int) -> Iterator[slice]:
    for lo in range(0, k, _CHUNK):
        yield slice(lo, min(k, lo + _CHUNK))


def rank_label(household: Household, rank: int) -> str:
    return f"wish {rank}" if rank <= len(household.wishes) else "not a wished department"


@dataclass(frozen=True, eq=False)
class Standing:
    """Where everyone stands in the lawful allocation, shared by the fairness and trade-cycle checks.

    Housed households are numbered 0..k-1 in priority order: ``housed[a]`` is the household, ``homes[a]``
    its dwelling, ``own[a]`` its wish rank for it; ``among[a, b]`` says whether ``housed[a]`` may take
    ``homes[b]``; ``prefers[a, dept]`` whether ``housed[a]`` strictly prefers department ``dept`` to its own.
    """

    instance: Instance
    tables: Tables
    suitable: np.ndarray
    alloc: Allocation
    position: np.ndarray
    housed: np.ndarray
    unhoused: np.ndarray
    homes: np.ndarray
    own: np.ndarray
    among: np.ndarray
    prefers: np.ndarray

    @classmethod
    def of(
        cls, instance: Instance, t: Tables, suitable: np.ndarray, alloc: Allocation, position: np.ndarray
    ) -> Standing:
        housed = np.flatnonzero(alloc.home >= 0)
        housed = housed[np.argsort(position[housed], kind="stable")]
        unhoused = np.flatnonzero(alloc.home < 0)
        unhoused = unhoused[np.argsort(position[unhoused], kind="stable")]
        homes = alloc.home[housed]
        own = t.rank[housed, t.d_department[homes]]
        return cls(
            instance=instance,
            tables=t,
            suitable=suitable,
            alloc=alloc,
            position=position,
            housed=housed,
            unhoused=unhoused,
            homes=homes,
            own=own,
            among=suitable[np.ix_(housed, homes)],
            prefers=t.rank[housed] < own[:, None],
        )

    def label(self, h: int, d: int) -> str:
        """Wish label of dwelling index ``d`` for household index ``h``."""
        return rank_label(self.instance.households[h], int(self.tables.rank[h, self.tables.d_department[d]]))


def priority_violations(s: Standing) -> tuple[Finding, ...]:
    hs, vs, t, position = s.instance.households, s.instance.vacancies, s.tables, s.position
    k = len(s.housed)
    home_departments = t.d_department[s.homes]
    # per housed household a (priority order), as plain Python values for the texts
    ids = [hs[h].household_id for h in s.housed.tolist()]
    priority = (position[s.housed] + 1).tolist()
    home_ids = [vs[d].dwelling_id for d in s.homes.tolist()]
    wish_counts = t.h_wish_count[s.housed]
    own_labels = _labels(s.own, wish_counts)
    spare_ids, spare_labels, spare_counts = _spare_dwellings(s)
    found: list[tuple[int, Finding]] = []
    for rows in chunks(k):
        wants = s.among[rows] & s.prefers[rows][:, home_departments]
        wants &= np.arange(k)[None, :] > np.arange(rows.start, rows.stop)[:, None]  # later = lower priority
        swap = s.among[:, rows].T
        for kind, pairs in (
            ("priority_envy", wants & swap),
            ("priority_chain", wants & ~swap & (spare_counts > 0)[None, :]),
        ):
            a, b = np.nonzero(pairs)
            a += rows.start
            theirs = _labels(t.rank[s.housed[a], home_departments[b]], wish_counts[a])
            for x, y, label in zip(a.tolist(), b.tolist(), theirs, strict=True):
                h, o, mine, their = ids[x], ids[y], home_ids[x], home_ids[y]
                text = (
                    f"{h} (priority {priority[x]}) prefers {their} ({label}), held by lower-priority {o} "
                    f"(priority {priority[y]}), to its own {mine} ({own_labels[x]}); "
                )
                if kind == "priority_envy":
                    text += f"{o} could take {mine} instead"
                    dwellings: tuple[str, ...] = (their, mine)
                else:
                    more = spare_counts[y] - 1
                    text += f"{o} could move to free dwelling {spare_ids[y]} ({spare_labels[y]})" + (
                        f"; {more} more such free dwellings" if more else ""
                    )
                    dwellings = (their, mine, spare_ids[y])
                found.append((priority[x], Finding(kind, (h, o), dwellings, text)))

    housed_position = position[s.housed]
    for rows in chunks(len(s.unhoused)):
        group = s.unhoused[rows]
        envy = s.suitable[np.ix_(group, s.homes)] & (housed_position[None, :] > position[group][:, None])
        for a, b in np.argwhere(envy):
            h, other, theirs = group[a], s.housed[b], s.homes[b]
            hh, ho = hs[h].household_id, hs[other].household_id
            text = (
                f"{hh} (priority {position[h] + 1}) is unhoused but could take {vs[theirs].dwelling_id}, "
                f"held by lower-priority {ho} (priority {position[other] + 1})"
            )
            found.append(
                (
                    int(position[h]) + 1,
                    Finding("priority_unhoused", (hh, ho), (vs[theirs].dwelling_id,), text),
                )
            )
    found.sort(key=lambda pair: pair[0])
    return tuple(f for _, f in found)


def _spare_dwellings(s: Standing) -> tuple[list[str], list[str], np.ndarray]:
    """Per housed household (priority order): the id and wish label of its best free dwelling (first in input
    order among equal ranks; "" when none) and how many free dwellings it may take."""
    t, vs = s.tables, s.instance.vacancies
    k = len(s.housed)
    free = np.flatnonzero(s.alloc.holder < 0)
    counts = np.zeros(k, np.int64)
    best = np.full(k, -1, np.intp)
    if len(free):
        free_departments = t.d_department[free]
        for rows in chunks(k):
            group = s.housed[rows]
            may = s.suitable[np.ix_(group, free)]
            ranks = np.where(may, t.rank[group][:, free_departments], np.iinfo(np.int32).max)
            counts[rows] = may.sum(axis=1)
            best[rows] = free[np.argmin(ranks, axis=1)]
    ids, labels = [""] * k, [""] * k
    for a in np.flatnonzero(counts > 0).tolist():
        h, d = int(s.housed[a]), int(best[a])
        ids[a], labels[a] = vs[d].dwelling_id, s.label(h, d)
    return ids, labels, counts


def _labels(ranks: np.ndarray, wish_counts: np.ndarray) -> list[str]:
    """``rank_label`` of paired rank and wish-count vectors."""
    return [
        f"wish {r}" if r <= w else "not a wished department"
        for r, w in zip(ranks.tolist(), wish_counts.tolist(), strict=True)
    ]


def waste(s: Standing) -> tuple[Finding, ...]:
    hs, vs, t = s.instance.households, s.instance.vacancies, s.tables
    free = np.flatnonzero(s.alloc.holder < 0)
    if len(free) == 0:
        return ()
    free_departments = t.d_department[free]
    found: list[tuple[int, Finding]] = []
    for rows in chunks(len(s.housed)):
        wasted = s.suitable[np.ix_(s.housed[rows], free)] & s.prefers[rows][:, free_departments]
        for a in np.flatnonzero(wasted.any(axis=1)):
            a += rows.start
            h, home = s.housed[a], s.homes[a]
            ids = _best_first(t, h, free[wasted[a - rows.start]], vs)
            text = (
                f"{hs[h].household_id} prefers free dwelling {ids[0][0]} ({s.label(h, ids[0][1])}) "
                f"to its own {vs[home].dwelling_id} ({s.label(h, home)}){_more(ids)}"
            )
            found.append(
                (
                    int(s.position[h]),
                    Finding("free_dwelling_preferred", (hs[h].household_id,), _names(ids), text),
                )
            )
    for rows in chunks(len(s.unhoused)):
        group = s.unhoused[rows]
        wasted = s.suitable[np.ix_(group, free)]
        for a in np.flatnonzero(wasted.any(axis=1)):
            h = group[a]
            ids = _best_first(t, h, free[wasted[a]], vs)
            text = (
                f"{hs[h].household_id} is unhoused while {ids[0][0]} ({s.label(h, ids[0][1])}), "
                f"suitable for it, is left free{_more(ids)}"
            )
            found.append(
                (
                    int(s.position[h]),
                    Finding("unhoused_with_free_dwelling", (hs[h].household_id,), _names(ids), text),
                )
            )
    found.sort(key=lambda pair: pair[0])
    return tuple(f for _, f in found)


def _best_first(t: Tables, h: int, dwellings: np.ndarray, vs: tuple) -> list[tuple[str, int]]:
    """``(dwelling id, dwelling index)`` of the given dwellings, best wish rank for ``h`` first."""
    ranks = t.rank[h, t.d_department[dwellings]]
    ordered = dwellings[np.argsort(ranks, kind="stable")]
    return [(vs[d].dwelling_id, int(d)) for d in ordered]


def _names(ids: list[tuple[str, int]]) -> tuple[str, ...]:
    return tuple(name for name, _ in ids)


def _more(ids: list[tuple[str, int]]) -> str:
    return f"; {len(ids) - 1} more such free dwellings" if len(ids) > 1 else ""
