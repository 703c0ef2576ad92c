"""Seniority decides, exactly: serial dictatorship with ties over the housed set.

The housed set is fixed (``housed_set``). Households are then served in priority order, and each gets the best
wish rank that still lets every housed household be housed and every household ahead of it keep the rank it
already has (shared/domain.md, "how a result is judged", point 2). Dwellings of equal rank are equal to a
household, so a senior household that is indifferent between two types ends on the one that leaves the other
for the next in line.

How: the current allocation always houses the housed set with everyone served so far at their settled rank.
For the next household ``h``, rank by rank from its best possible, search for an alternating path over dwelling
types: ``h`` moves into a type of that rank; an occupant of that type moves on to another type it may have (a
household already served only to a type of its own settled rank; one not yet served to any type it may have);
and so on, until a type with a free place, or ``h``'s own type, which ``h`` has left. Applying the path keeps
everyone housed and everyone ahead at their rank; if no path exists at any better rank, ``h`` keeps its rank.
This is the augmenting-path form of serial dictatorship with ties (Krysta, Manlove, Rastegari, Zhang,
Algorithmica 2019; Cechlárová et al., Theory of Computing Systems 2016).

The searches are those of ``allocator.engine.paths``, shared with the housed set.
"""

from __future__ import annotations

import numpy as np

from allocator.engine.flow import UNHOUSED
from allocator.engine.paths import Paths


def serve_in_priority_order(paths: Paths, order: list[int] | np.ndarray) -> int:
    """Serial dictatorship with ties on the allocation of the housed set in ``paths``; returns the number of
    households that a path improved."""
    improvements = 0
    for h in map(int, np.asarray(order)):
        own = int(paths.assign[h])
        if own == UNHOUSED:
            continue
        mine, ranks = paths.types.of_household(h)
        own_rank = int(ranks[np.searchsorted(mine, own)])
        settled = own_rank
        better = np.unique(ranks[ranks < own_rank])
        if len(better):
            paths.leave(h)
            for level in better.tolist():
                path = paths.search(h, mine[ranks == level], own)
                if path is not None:
                    paths.apply(h, path)
                    settled = level
                    improvements += 1
                    break
            else:
                paths.enter(h, own)
        paths.restrict(h, mine[ranks == settled])
    return improvements
