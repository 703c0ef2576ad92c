"""The whole schedule from its parts: each independent part (``allocator.schedule.parts``) solved alone, with
the three goals in their order (``allocator.schedule.model.solve_part``), and the answers put together.

The empty dwelling-days and the stairwell weeks are sums over the parts, so the parts' optima together are the
whole's. The peak is a maximum, and two parts may share a day that neither crowds alone. So the peak goal keeps
a floor: the highest peak some part has proven it needs (or the span bound, ``peak_lower_bound``), below which
no part's peak gains anything. If the parts put together crowd a shared day above the floor, the parts are made
again, tying every move of a day that could hold more moves than the floor, and the new parts solved (the
unchanged ones kept). Then every day that could exceed the floor lies inside one part, whose peak is at most the
floor, and no schedule has a lower peak than the floor: the peak is proven, in at most two rounds.
"""

from __future__ import annotations

import logging
from collections import Counter

from allocator.schedule.model import Calendar, PartAnswer, build, peak_lower_bound, solve_part
from allocator.schedule.moves import MovePlan
from allocator.schedule.parts import independent_parts

log = logging.getLogger(__name__)


def solve(
    plan: MovePlan, cal: Calendar, *, moves_per_day: int, moves_per_week: int | None
) -> tuple[str, list[int]] | None:
    """(status, the day offset of each move), ``None`` if the moves do not fit. ``status`` is ``optimal`` when
    every part proved its goals, else ``feasible``."""
    floor = peak_lower_bound(list(cal.domains))
    crowded = moves_per_day
    answers: dict[tuple[int, ...], PartAnswer] = {}
    for _round in range(2):
        parts = independent_parts(plan, cal, crowded=crowded, moves_per_week=moves_per_week)
        log.debug(
            "schedule: %d moves in %d parts (the largest %d)",
            len(plan.moves),
            len(parts),
            max(map(len, parts), default=0),
        )
        for part in parts:
            if part in answers:
                continue
            sm = build(
                plan,
                cal,
                moves_per_day=moves_per_day,
                moves_per_week=moves_per_week,
                moves=part,
                peak_floor=floor,
            )
            answer = solve_part(sm)
            if answer is None:
                return None
            answers[part] = answer
            if answer.optimal:
                floor = max(floor, answer.peak)
        days = [0] * len(plan.moves)
        for part in parts:
            for k, v in answers[part].days.items():
                days[k] = v
        peak = max(Counter(days).values(), default=0)
        if peak <= floor or crowded <= floor:
            break
        crowded = floor
    optimal = all(answers[p].optimal for p in parts) and peak <= floor
    return ("optimal" if optimal else "feasible"), days
