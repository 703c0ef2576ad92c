"""Alternating paths over dwelling types: the one search both strict-priority stages are made of.

The allocation is kept per type (its occupants, its free places). A path for household ``h`` starts at a type
``h`` may move into and runs on through types whose occupants can move on: ``h`` takes a place in the first
type, one of its occupants moves to the next, and so on, until a type with a free place. Applying a path houses
``h`` (or moves it, when it has left its own type first) and keeps everyone else housed, each in a type it may
have. What a household may move to is its class: at first every type suitable for it; once the serial
dictatorship has served it, only the types of its settled wish rank.

Two facts keep the searches fast. A search that fails has explored a set of types that are all full and whose
occupants can only move inside it. Such a set stays so for the rest of the run: classes only shrink, and a path
that entered it could never leave it nor end in it, so no path ever adds an occupant to it. Later searches skip
it ("dead" types), unless the searcher itself sits inside one, where its search stays inside. And occupants of
one class are expanded once per search.

Deterministic: types and occupants are scanned in a fixed order.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from allocator.engine.flow import UNHOUSED
from allocator.engine.types import DwellingTypes

Path = list[tuple[int, int]]
"""``[(type, mover), ...]`` from the type with the free place back to the first type, whose mover is ``h``."""


class Paths:
    """The allocation during the strict-priority stages, with what each household may still move to."""

    def __init__(self, types: DwellingTypes) -> None:
        self.types = types
        n_types = len(types)
        self.assign = np.full(types.n_households, UNHOUSED, dtype=np.int64)
        self.occupants: list[list[int]] = [[] for _ in range(n_types)]
        self.free = types.capacity.copy()
        self.dead = np.zeros(n_types, dtype=bool)
        self.moves: dict[int, np.ndarray] = {}
        self.classes: dict[bytes, int] = {}  # the types a class may move to, as bytes -> class
        self.klass = np.empty(types.n_households, dtype=np.int64)
        for h in range(types.n_households):
            self.klass[h] = self._class_of(types.of_household(h)[0])
        self.stamp = np.full(len(self.classes) + types.n_households + 1, -1, dtype=np.int64)
        self.searches = 0

    def _class_of(self, allowed: np.ndarray) -> int:
        klass = self.classes.setdefault(allowed.tobytes(), len(self.classes))
        self.moves.setdefault(klass, allowed)
        return klass

    def leave(self, h: int) -> None:
        t = int(self.assign[h])
        self.occupants[t].remove(h)
        self.free[t] += 1
        self.assign[h] = UNHOUSED

    def enter(self, h: int, t: int) -> None:
        self.occupants[t].append(h)
        self.free[t] -= 1
        self.assign[h] = t

    def restrict(self, h: int, allowed: np.ndarray) -> None:
        """From now on ``h`` may move only among ``allowed`` (a subset of its class's types)."""
        self.klass[h] = self._class_of(allowed)

    def search(self, h: int, starts: np.ndarray, own: int = UNHOUSED) -> Path | None:
        """A path for ``h`` (not housed now; ``own`` is the type it has just left, if any) from one of
        ``starts`` to a type with a free place, or ``None``; a failed search marks what it explored dead."""
        self.searches += 1
        prune = own == UNHOUSED or not self.dead[own]
        seen = self.dead.copy() if prune else np.zeros(len(self.free), dtype=bool)
        parent_type: dict[int, int] = {}
        parent_mover: dict[int, int] = {}
        queue: deque[int] = deque()
        reached = self._reach(starts, -1, h, seen, parent_type, parent_mover, queue)
        while reached is None and queue:
            t = queue.popleft()
            for g in self.occupants[t]:
                klass = int(self.klass[g])
                if self.stamp[klass] == self.searches:
                    continue
                self.stamp[klass] = self.searches
                reached = self._reach(self.moves[klass], t, g, seen, parent_type, parent_mover, queue)
                if reached is not None:
                    break
        if reached is None:
            self.dead[np.fromiter(parent_type, dtype=np.int64, count=len(parent_type))] = True
            return None
        path = []
        t = reached
        while t != -1:
            path.append((t, parent_mover[t]))
            t = parent_type[t]
        return path

    def _reach(self, targets, via, mover, seen, parent_type, parent_mover, queue) -> int | None:
        new = targets[~seen[targets]]
        if len(new) == 0:
            return None
        seen[new] = True
        for t in new.tolist():
            parent_type[t] = via
            parent_mover[t] = mover
        open_ = new[self.free[new] > 0]
        if len(open_):
            return int(open_[0])
        queue.extend(new.tolist())
        return None

    def apply(self, h: int, path: Path) -> None:
        """Each mover goes to the type it reached, last first; ``h`` (not housed while searching) to the first."""
        for t, g in path:
            if g != h:
                self.leave(g)
            self.enter(g, t)
