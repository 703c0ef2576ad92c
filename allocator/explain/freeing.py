"""Whether a household could have a dwelling of a given type with everyone else still housed: the fact behind
"a household behind you has a dwelling you wished".

Under strict priority no household can get a better wish without a household ahead of it getting a worse one
or someone losing their home (the serial dictatorship, verified by the checker). Which of the two it is, is
settled here by a search on the final allocation in which everyone may move to any dwelling suitable for them
(``allocator.engine.paths``; households and dwellings fixed by decisions stay put): if some chain of moves gives
the household a dwelling of that type with everyone still housed, giving it one would cost a household ahead its
wish; if none does, it would leave a household without a home.

The answer depends only on the household's class (the types it may have), the type it holds and the type
sought, because the search sees the other households through their classes alone: answers are cached on that.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from allocator.engine.eligibility import Eligibility
from allocator.engine.flow import UNHOUSED
from allocator.engine.paths import Paths


class Freeing:
    """Searches on one final allocation (household index -> vacancy index), all households unrestricted."""

    def __init__(self, eligibility: Eligibility, home: Mapping[int, int], fixed: set[int]) -> None:
        types = eligibility.types
        self.types = types
        self.paths = Paths(types)
        for i, j in sorted(home.items()):
            self.paths.enter(i, int(types.of_vacancy[j]))
        for i in fixed:
            self.paths.restrict(i, np.zeros(0, dtype=np.int64))
        self.cache: dict[tuple[int, int, int], bool] = {}

    def possible_type(self, household: int, t: int) -> bool:
        """Some chain of moves gives ``household`` a dwelling of type ``t`` with everyone still housed."""
        own = int(self.paths.assign[household])
        key = (int(self.paths.klass[household]), own, t)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._search(household, np.array([t], dtype=np.int64))
        return found

    def _search(self, household: int, starts: np.ndarray) -> bool:
        own = int(self.paths.assign[household])
        if own != UNHOUSED:
            self.paths.leave(household)
        path = self.paths.search(household, starts, own)
        if own != UNHOUSED:
            self.paths.enter(household, own)
        return path is not None
