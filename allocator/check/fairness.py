"""Priority violations and waste: what a household could justly claim in the allocation it got.

Priority (domain rules 7-8): a household never envies a lower-priority one. Housed h envies h' when h prefers
(strictly lower wish rank) the dwelling of h', is suitable for it, and h' is suitable for h's dwelling (they
could swap); unhoused h envies h' when it is suitable for the dwelling of h'. One finding per envious pair.

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
    hs, vs, position = s.instance.households, s.instance.vacancies, s.position
    k = len(s.housed)
    home_departments = s.tables.d_department[s.homes]
    found: list[tuple[int, Finding]] = []
    for rows in chunks(k):
        envy = s.among[rows] & s.prefers[rows][:, home_departments]
        envy &= np.arange(k)[None, :] > np.arange(rows.start, rows.stop)[:, None]  # later = lower priority
        envy &= s.among[:, rows].T
        for a, b in np.argwhere(envy):
            a += rows.start
            h, other, mine, theirs = s.housed[a], s.housed[b], s.homes[a], s.homes[b]
            hh, ho = hs[h].household_id, hs[other].household_id
            text = (
                f"{hh} (priority {position[h] + 1}) prefers {vs[theirs].dwelling_id} ({s.label(h, theirs)}), "
                f"held by lower-priority {ho} (priority {position[other] + 1}), to its own "
                f"{vs[mine].dwelling_id} ({s.label(h, mine)}); {ho} could take {vs[mine].dwelling_id} instead"
            )
            finding = Finding("priority_envy", (hh, ho), (vs[theirs].dwelling_id, vs[mine].dwelling_id), text)
            found.append((int(position[h]), finding))

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
                (int(position[h]), Finding("priority_unhoused", (hh, ho), (vs[theirs].dwelling_id,), text))
            )
    found.sort(key=lambda pair: pair[0])
    return tuple(f for _, f in found)


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
