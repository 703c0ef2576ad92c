"""Every allocation of a tiny phased case, enumerated: what the time-extended checks must say (for tests).

Nothing of the checker's time model is used: suitability is the per-pair rules of
``allocator.check.suitability`` plus ``allocator.stays.fits_window``, and two stays share a dwelling when
``Stay.overlaps`` says they may. On at most 6 households and 4 dwellings that is at most 5**6 assignments.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from allocator.check.suitability import build_tables, failed_rules
from allocator.domain import Instance, Kind, Settings, priority_order, wish_rank
from allocator.stays import fits_window, stay_of

Allocation = tuple[int, ...]  # per household the dwelling index, -1 unhoused


@dataclass(frozen=True)
class Enumerated:
    instance: Instance
    order: list[int]  # household indices, priority order
    rank: list[list[int]]
    feasible: list[Allocation]
    most: int
    most_permanent: int

    def housed(self, a: Allocation) -> frozenset[int]:
        return frozenset(h for h, d in enumerate(a) if d >= 0)

    def permanent(self, a: Allocation) -> int:
        return sum(1 for h in self.housed(a) if self.instance.households[h].kind is Kind.PERMANENT)

    def is_best_coverage(self, a: Allocation) -> bool:
        return len(self.housed(a)) == self.most and self.permanent(a) == self.most_permanent

    def first_set(self) -> frozenset[int]:
        """The housed set first in priority order among the allocations of maximum coverage."""
        sets = {self.housed(a) for a in self.feasible if self.is_best_coverage(a)}
        return max(sets, key=lambda s: tuple(h in s for h in self.order))

    def housed_set_violators(self, a: Allocation) -> set[int]:
        """Unhoused u with a best-coverage allocation housing u and every household of a's set ahead of u."""
        mine, out = self.housed(a), set()
        place = {h: k for k, h in enumerate(self.order)}
        for u in range(len(a)):
            if a[u] >= 0:
                continue
            need = {g for g in mine if place[g] < place[u]} | {u}
            if any(self.is_best_coverage(t) and need <= self.housed(t) for t in self.feasible):
                out.add(u)
        return out

    def seniority_violators(self, a: Allocation) -> dict[int, int]:
        """Housed h -> the best rank it can have in an allocation housing exactly a's set with everyone ahead
        at its rank or better, where that beats its own rank."""
        mine, out = self.housed(a), {}
        place = {h: k for k, h in enumerate(self.order)}
        for h in mine:
            own = self.rank[h][a[h]]
            best = None
            for t in self.feasible:
                if self.housed(t) != mine or self.rank[h][t[h]] >= own:
                    continue
                if all(self.rank[g][t[g]] <= self.rank[g][a[g]] for g in mine if place[g] < place[h]):
                    r = self.rank[h][t[h]]
                    best = r if best is None else min(best, r)
            if best is not None:
                out[h] = best
        return out

    def sd_ranks(self) -> dict[int, int]:
        """Serial dictatorship with ties on the first set: household -> rank."""
        first, settled = self.first_set(), {}
        for h in [h for h in self.order if h in first]:
            options = [
                t
                for t in self.feasible
                if self.housed(t) == first and all(self.rank[g][t[g]] == r for g, r in settled.items())
            ]
            settled[h] = min(self.rank[h][t[h]] for t in options)
        return settled

    def good(self, a: Allocation) -> bool:
        """Maximum coverage, the first housed set, serial dictatorship's ranks."""
        if not self.is_best_coverage(a) or self.housed(a) != self.first_set():
            return False
        return all(self.rank[h][a[h]] == r for h, r in self.sd_ranks().items())


def enumerate_case(instance: Instance, settings: Settings) -> Enumerated:
    hs, vs = instance.households, instance.vacancies
    tables = build_tables(instance, settings)
    stays = [stay_of(h, settings) for h in hs]
    allowed: list[list[int]] = []
    for i in range(len(hs)):
        options = []
        for j, v in enumerate(vs):
            failures = failed_rules(tables, np.array([i]), np.array([j]))
            if not any(bool(f[0]) for f in failures.values()) and fits_window(stays[i], v):
                options.append(j)
        allowed.append(options)
    feasible = []
    for a in itertools.product(*[[-1, *o] for o in allowed]):
        on: dict[int, list[int]] = {}
        for h, d in enumerate(a):
            if d >= 0:
                on.setdefault(d, []).append(h)
        if all(
            not stays[x].overlaps(stays[y], settings)
            for holders in on.values()
            for x, y in itertools.combinations(holders, 2)
        ):
            feasible.append(tuple(a))
    rank = [[wish_rank(h, v.department) for v in vs] for h in hs]
    most = max(sum(d >= 0 for d in a) for a in feasible)
    perm = max(
        sum(1 for h, d in enumerate(a) if d >= 0 and hs[h].kind is Kind.PERMANENT)
        for a in feasible
        if sum(d >= 0 for d in a) == most
    )
    return Enumerated(
        instance=instance,
        order=priority_order(hs, settings.tie_break_seed),
        rank=rank,
        feasible=feasible,
        most=most,
        most_permanent=perm,
    )


def as_map(instance: Instance, a: Allocation) -> dict[str, str]:
    hs, vs = instance.households, instance.vacancies
    return {hs[h].household_id: vs[d].dwelling_id for h, d in enumerate(a) if d >= 0}
