"""The housed set and seniority in a phased case, asked exactly as CP-SAT questions on the checker's own model.

With dwellings shared over time the sets of households that can be housed together are no matroid, so the
checks are said the long way (issue 12, Semantics), one component at a time (``time_model.py``):

- The housed set S is the one first in priority order among the allocations of maximum coverage and, within
  it, maximum permanent coverage. It is not exactly when some unhoused household u has such an allocation
  that houses u and every household of S ahead of u: that allocation's set comes before S in priority order
  (at u, or earlier). One question per unhoused household: ``priority_housed_set``.
- Serial dictatorship with ties: with S housed, each household in priority order has the best wish rank it
  can have while every household of S is housed and every one ahead keeps its rank. The ranks are serial
  dictatorship's exactly when no housed h has an allocation housing S in which everyone ahead of h has its
  rank or better and h a better one (the first household whose rank differs from serial dictatorship's has
  one; conversely such an allocation shows that h's rank is not the best it can have). One question per housed
  household below the best rank its suitable dwellings offer: ``seniority_stays``, naming the best rank found.

Questions run only in components of at most ``exact_limit`` households; the others are left to the direct
checks of ``time_moves.py`` and the verdict says so. A question the time limit cuts short is "not decided".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from allocator.check.audit import Finding
from allocator.check.standing import rank_label
from allocator.check.stay_windows import Stays
from allocator.check.time_coverage import Coverage
from allocator.check.time_model import OpenPart, add_occupancy, solve
from allocator.domain import Instance, Settings

EXACT_LIMIT = 80
"""Largest component (households) on which the exact questions run. Measured on one core on generated
one-municipality cases in 4 phases (``benchmarks/phased_check.py``): on the phased solver's allocations 77
households 1.9 s, 96 2.2 s, 117 4.0 s, 156 34 s; on a greedy plan, with findings to make, 40 households 1.0 s,
58 1.7 s, 77 4.7 s, 96 7.7 s."""


@dataclass(frozen=True, slots=True)
class Exact:
    housed_set: tuple[Finding, ...]
    seniority: tuple[Finding, ...]
    exact_components: int
    exact_households: int
    large: tuple[int, ...]  # sizes of the components left to the direct checks
    undecided: int  # questions the time limit cut short


def exact_checks(
    instance: Instance,
    part: OpenPart,
    stays: Stays,
    temporary: np.ndarray,
    position: np.ndarray,
    home: np.ndarray,
    coverage: Coverage,
    settings: Settings,
    *,
    skip_unhoused: frozenset[int] = frozenset(),
    exact_limit: int = EXACT_LIMIT,
) -> Exact:
    housed_set: list[Finding] = []
    seniority: list[Finding] = []
    large: list[int] = []
    undecided = exact = exact_h = 0
    for k, (households, _) in enumerate(part.components):
        if len(households) > exact_limit:
            large.append(len(households))
            continue
        exact += 1
        exact_h += len(households)
        if not coverage.decided[k]:
            continue  # its questions need the proved maximum; the verdict says coverage was not decided
        q = _Questions(instance, part, stays, temporary, position, home, settings, households)
        for u in households.tolist():
            if home[u] >= 0 or u in skip_unhoused:
                continue
            answer = q.housed_set(u, coverage.housed[k], coverage.permanent[k])
            if answer is None:
                undecided += 1
            elif answer:
                housed_set.append(q.housed_set_finding(u))
        for h in q.housed.tolist():
            found = q.better_rank(h)
            if found is None:
                undecided += 1
            elif found:
                seniority.append(q.seniority_finding(h, found))
    return Exact(tuple(housed_set), tuple(seniority), exact, exact_h, tuple(large), undecided)


class _Questions:
    """The questions of one component: households in priority order, ``housed`` its housed ones."""

    def __init__(
        self,
        instance: Instance,
        part: OpenPart,
        stays: Stays,
        temporary: np.ndarray,
        position: np.ndarray,
        home: np.ndarray,
        settings: Settings,
        households: np.ndarray,
    ) -> None:
        self.instance, self.part, self.stays, self.settings = instance, part, stays, settings
        self.temporary, self.position, self.home = temporary, position, home
        self.households = households
        self.housed = households[home[households] >= 0]
        self.own = {int(h): int(part.c_rank[h, part.d_class[home[h]]]) for h in self.housed.tolist()}

    def _model(self, arcs: dict[int, list[int]]):
        model = cp_model.CpModel()
        members = list(arcs)
        x, housed = add_occupancy(
            model,
            [arcs[g] for g in members],
            [1] * len(members),
            [int(self.stays.start[g]) for g in members],
            [int(self.stays.end[g]) for g in members],
            self.part,
        )
        by_household = {(members[g], c): var for (g, c), var in x.items()}
        return model, members, by_household, dict(zip(members, housed, strict=True))

    def _classes(self, h: int) -> list[int]:
        return np.flatnonzero(self.part.hc[h]).tolist()

    def housed_set(self, u: int, most: int, most_permanent: int) -> bool | None:
        """Whether an allocation of maximum (and maximum permanent) coverage houses ``u`` and every housed
        household ahead of it; None: not decided."""
        model, members, _, housed = self._model({int(g): self._classes(int(g)) for g in self.households})
        ahead = [g for g in self.housed.tolist() if self.position[g] < self.position[u]]
        for g in [*ahead, u]:
            model.add(housed[g] == 1)
        model.add(sum(housed.values()) == most)
        model.add(sum(e for g, e in housed.items() if not self.temporary[g]) == most_permanent)
        answer = solve(model, self.settings, optimise=False, presolve=False)
        return answer.found if answer.decided else None

    def better_rank(self, h: int) -> int | None:
        """The best rank found for ``h`` with every housed household housed and those ahead at their rank or
        better; 0 when it cannot do better than its own; None: not decided."""
        rank, own = self.part.c_rank, self.own
        better = [c for c in self._classes(h) if rank[h, c] < own[h]]
        if not better:
            return 0
        arcs: dict[int, list[int]] = {}
        for g in self.housed.tolist():
            if g == h:
                arcs[g] = better
            elif self.position[g] < self.position[h]:
                arcs[g] = [c for c in self._classes(g) if rank[g, c] <= own[g]]
            else:
                arcs[g] = self._classes(g)
        model, members, x, housed = self._model(arcs)
        for e in housed.values():
            model.add(e == 1)
        model.minimize(sum(int(rank[h, c]) * x[h, c] for c in better))
        answer = solve(model, self.settings, optimise=True, presolve=False)
        if answer.found and answer.solver is not None:
            return int(round(answer.solver.objective_value))
        return 0 if answer.decided else None

    def housed_set_finding(self, u: int) -> Finding:
        uid = self.instance.households[u].household_id
        text = (
            f"{uid} (priority {self.position[u] + 1}) is unhoused, but an allocation housing as many "
            f"households (and as many permanent ones) houses {uid} and every household housed ahead of it: "
            "the housed set is not the first in priority order"
        )
        return Finding("priority_housed_set", (uid,), (), text)

    def seniority_finding(self, h: int, rank: int) -> Finding:
        household = self.instance.households[h]
        d = int(self.home[h])
        hid, did = household.household_id, self.instance.vacancies[d].dwelling_id
        text = (
            f"{hid} (priority {self.position[h] + 1}) has {did} ({rank_label(household, self.own[h])}) but "
            f"could have {rank_label(household, rank)} with every housed household still housed and none "
            "ahead of it getting a worse wish, over the stays of the whole plan"
        )
        return Finding("seniority_stays", (hid,), (did,), text)
