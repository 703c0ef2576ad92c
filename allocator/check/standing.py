"""Where everyone stands in the lawful, open part of the allocation, in terms of types and classes.

Shared by the fairness, seniority and trade-cycle checks. Only open households (not fixed) and open dwellings
(not fixed) appear here; a breaching pair was already left out, so its household is unhoused and its dwelling
free.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allocator.check.breaches import Allocation
from allocator.check.classes import Classes
from allocator.check.suitability import Tables
from allocator.domain import Household, Instance

NO_RANK = np.iinfo(np.int32).max
_EXPAND = 4096  # households expanded to their suitable classes at a time, to bound memory


def rank_label(household: Household, rank: int) -> str:
    return f"wish {rank}" if rank <= len(household.wishes) else "not a wished department"


@dataclass(frozen=True, eq=False)
class Standing:
    """The open allocation.

    Housed households are numbered 0..k-1 in priority order: ``housed[a]`` is the household index,
    ``homes[a]`` its dwelling, ``home_class[a]`` that dwelling's class, ``own[a]`` its wish rank for it.
    ``holders[class_ptr[c]:class_ptr[c + 1]]`` are the numbers ``a`` of the holders of class c, highest
    priority first. ``free_dwellings[free_ptr[c]:free_ptr[c + 1]]`` are the free dwellings of class c in input
    order. ``unhoused`` are the open unhoused households in priority order.
    """

    instance: Instance
    tables: Tables
    classes: Classes
    alloc: Allocation
    position: np.ndarray
    housed: np.ndarray
    unhoused: np.ndarray
    homes: np.ndarray
    home_class: np.ndarray
    own: np.ndarray
    holders: np.ndarray
    class_ptr: np.ndarray
    free_dwellings: np.ndarray
    free_ptr: np.ndarray

    @classmethod
    def of(
        cls, instance: Instance, t: Tables, c: Classes, alloc: Allocation, position: np.ndarray
    ) -> Standing:
        open_h = c.h_type >= 0
        housed = np.flatnonzero((alloc.home >= 0) & open_h)
        housed = housed[np.argsort(position[housed], kind="stable")]
        unhoused = np.flatnonzero((alloc.home < 0) & open_h)
        unhoused = unhoused[np.argsort(position[unhoused], kind="stable")]
        homes = alloc.home[housed]
        home_class = c.d_class[homes]
        own = t.rank[housed, t.d_department[homes]] if len(housed) else np.zeros(0, np.int32)
        holders = np.argsort(home_class, kind="stable")  # stable: priority order within a class
        class_ptr = np.searchsorted(home_class[holders], np.arange(c.n_classes + 1))
        free = np.flatnonzero((alloc.holder < 0) & (c.d_class >= 0))
        free = free[np.argsort(c.d_class[free], kind="stable")]
        free_ptr = np.searchsorted(c.d_class[free], np.arange(c.n_classes + 1))
        return cls(
            instance=instance,
            tables=t,
            classes=c,
            alloc=alloc,
            position=position,
            housed=housed,
            unhoused=unhoused,
            homes=homes,
            home_class=home_class,
            own=own,
            holders=holders,
            class_ptr=class_ptr,
            free_dwellings=free,
            free_ptr=free_ptr,
        )

    @property
    def free_count(self) -> np.ndarray:
        return np.diff(self.free_ptr)

    @property
    def holder_count(self) -> np.ndarray:
        return np.diff(self.class_ptr)

    def rank(self, households: np.ndarray, classes: np.ndarray) -> np.ndarray:
        """Wish rank of each household for the paired class."""
        return self.tables.rank[households, self.classes.c_department[classes]]

    def label(self, h: int, d: int) -> str:
        """Wish label of dwelling index ``d`` for household index ``h``."""
        return rank_label(self.instance.households[h], int(self.tables.rank[h, self.tables.d_department[d]]))

    def class_label(self, h: int, c: int) -> str:
        return rank_label(self.instance.households[h], int(self.tables.rank[h, self.classes.c_department[c]]))

    def best_possible(self, households: np.ndarray) -> np.ndarray:
        """The best wish rank each household could have in the open part (NO_RANK when nothing suits it).

        Per type, the departments it has a suitable class in; a household's best is its best rank over those."""
        c = self.classes
        n_types, n_departments = len(c.type_count), self.tables.rank.shape[1]
        if n_types == 0 or n_departments == 0 or len(households) == 0:
            return np.full(len(households), NO_RANK, np.int64)
        present = np.zeros((n_types, max(n_departments, 1)), bool)
        types = np.repeat(np.arange(n_types), np.diff(c.type_ptr))
        present[types, c.c_department[c.type_classes]] = True
        own_types = c.h_type[households]
        ranks = self.tables.rank[households].astype(np.int64)
        mask = present[np.where(own_types >= 0, own_types, 0)] & (own_types >= 0)[:, None]
        return np.where(mask, ranks, NO_RANK).min(axis=1)

    def later_holders(self, classes: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For paired (class, priority position): the range ``[lo, hi)`` in ``holders`` of the holders of that
        class with lower priority (a later position)."""
        n = len(self.position) + 1
        keyed = self._keyed()
        lo = np.searchsorted(keyed, classes.astype(np.int64) * n + positions, side="right")
        return lo, self.class_ptr[classes + 1]

    def earlier_counts(self, classes: np.ndarray, position: np.ndarray | int) -> np.ndarray:
        """How many holders of each class have higher priority than the paired ``position``."""
        n = len(self.position) + 1
        keyed = self._keyed()
        at = np.searchsorted(
            keyed, classes.astype(np.int64) * n + np.asarray(position, np.int64), side="left"
        )
        return at - self.class_ptr[classes]

    def _keyed(self) -> np.ndarray:
        cached = self.__dict__.get("_keyed_cache")
        if cached is None:
            n = len(self.position) + 1
            pos = self.position[self.housed[self.holders]].astype(np.int64)
            cached = self.home_class[self.holders].astype(np.int64) * n + pos
            object.__setattr__(self, "_keyed_cache", cached)
        return cached

    def preferred(self) -> tuple[np.ndarray, np.ndarray]:
        """``(a, class)`` of every suitable class housed household ``a`` strictly prefers to its own, by ``a``.

        Only households below their best possible rank can prefer anything, so only they are expanded."""
        cached = self.__dict__.get("_preferred_cache")
        if cached is not None:
            return cached
        candidates = np.flatnonzero(self.own > self.best_possible(self.housed))
        parts_a, parts_c = [np.zeros(0, np.intp)], [np.zeros(0, np.intp)]
        for lo in range(0, len(candidates), _EXPAND):
            group = candidates[lo : lo + _EXPAND]
            rows, classes = self.classes.classes_of(self.housed[group])
            a = group[rows]
            keep = self.rank(self.housed[a], classes) < self.own[a]
            parts_a.append(a[keep])
            parts_c.append(classes[keep])
        cached = (np.concatenate(parts_a), np.concatenate(parts_c))
        object.__setattr__(self, "_preferred_cache", cached)
        return cached

    def spare(self) -> np.ndarray:
        """Per type, how many free dwellings it may take."""
        c = self.classes
        types = np.repeat(np.arange(len(c.type_count)), np.diff(c.type_ptr))
        return np.bincount(
            types, weights=self.free_count[c.type_classes], minlength=len(c.type_count)
        ).astype(np.int64)
