"""How long each stage of a run took (read, eligibility, solve, check, explain, write): for ``make bench``.

A stage's time excludes the stages nested in it, so the figures add up to the run. Nothing here affects a result;
``GENHUS_TIMINGS=1`` makes the CLI print the figures on stderr.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_seconds: dict[str, float] = {}
_open: list[list] = []  # per open stage: [name, started, seconds spent in nested stages]


@contextmanager
def stage(name: str) -> Iterator[None]:
    started = time.perf_counter()
    _open.append([name, started, 0.0])
    try:
        yield
    finally:
        _, _, nested = _open.pop()
        spent = time.perf_counter() - started
        _seconds[name] = _seconds.get(name, 0.0) + spent - nested
        if _open:
            _open[-1][2] += spent


def seconds() -> dict[str, float]:
    """Seconds per stage so far in this process."""
    return dict(_seconds)
