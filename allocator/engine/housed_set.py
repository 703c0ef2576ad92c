"""Who is housed under strict priority: the priority-greedy housed set.

The sets of households that can be housed together form a transversal matroid, so the greedy choice in priority
order (permanent first, then seniority, then the seeded draw) is the maximum-weight basis for any weights that
fall with priority: it houses as many households as possible, as many permanent ones as possible within that,
and never leaves a household out where it could take the place of a lower-priority one through any chain of
moves (shared/engine-notes.md, "Fairness").

Greedy here is exact and direct: each household in priority order is housed if an alternating path
(``allocator.engine.paths``) from a type it may have reaches a free place, moving households already housed to
other types they may have; otherwise it is not housed, and nothing later can change that. The path is sought
from its best wish rank first, so the serial dictatorship that follows starts close to its answer.

``priority_weights`` are the weights of that basis for the certificate (``allocator.engine.certify``).
"""

from __future__ import annotations

import numpy as np

from allocator.engine.paths import Paths


def priority_weights(order: list[int] | np.ndarray) -> np.ndarray:
    """Weight ``n - position``: distinct, positive, falling with priority."""
    n = len(order)
    weights = np.empty(n, dtype=np.int64)
    weights[np.asarray(order, dtype=np.intp)] = n - np.arange(n)
    return weights


def house_in_priority_order(paths: Paths, order: list[int] | np.ndarray) -> None:
    """House the priority-greedy set in ``paths`` (which starts with nobody housed)."""
    for h in map(int, np.asarray(order)):
        mine, ranks = paths.types.of_household(h)
        for level in np.unique(ranks).tolist():
            path = paths.search(h, mine[ranks == level])
            if path is not None:
                paths.apply(h, path)
                break
