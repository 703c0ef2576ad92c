"""The moves split into independent parts: groups of moves that no rule and no goal ties to a move of another
group, so that each part is solved alone and the parts' answers together are the whole schedule's.

Two moves are tied when they may fall on a day that could hold more moves than ``crowded`` (the crews' day
limit, or a lower peak the load goal looks at; a day that can never be crowded constrains nothing), in a week
that could hold more than the week limit, when one dwelling's stays bind them (a stay's move in and its move
back, or one stay's move back and the next stay's move in plus the turnaround) unless their windows already keep
them apart, or when they move out of one stairwell in one phase (the stairwell goal counts their weeks
together). The empty dwelling-days are a sum of one term per move (a move back lends its day to the next
stay's empty days with a minus), so they never tie moves. Measured (benchmarks/schedule.py): at 1,200
households in 8 phases the largest part holds 210 of the 1,680 moves, and the parts together solve in a small
fraction of the time of the whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from allocator.schedule.model import Calendar
from allocator.schedule.moves import MovePlan
from allocator.schedule.working_days import week_of


def independent_parts(
    plan: MovePlan,
    cal: Calendar,
    *,
    crowded: int,
    moves_per_week: int | None,
    moves: Iterable[int] | None = None,
) -> tuple[tuple[int, ...], ...]:
    """The parts of ``moves`` (default: every move), each a sorted tuple of move indices, ordered by their first
    move. A move outside ``moves`` ties nothing (the diagnosis leaves out the moves whose window is empty)."""
    members = sorted(range(len(plan.moves)) if moves is None else set(moves))
    inside = set(members)
    parent = {k: k for k in members}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def tie(group: list[int]) -> None:
        first = root(group[0])
        for k in group[1:]:
            parent[root(k)] = first

    by_day: dict[int, list[int]] = {}
    for k in members:
        for v in cal.domains[k]:
            by_day.setdefault(v, []).append(k)
    by_week: dict[tuple[int, int], set[int]] = {}
    for v, group in by_day.items():
        if len(group) > crowded:
            tie(group)
        if moves_per_week is not None:
            by_week.setdefault(week_of(cal.date(v)), set()).update(group)
    for group in by_week.values():
        if moves_per_week is not None and len(group) > moves_per_week:
            tie(sorted(group))
    turnaround = plan.turnaround_days
    for _dwelling, _free, stays in plan.dwellings:
        for stay in stays:
            out = stay.move_out
            if out is not None and _both(inside, stay.move_in, out) and _meet(cal, stay.move_in, out, 0):
                tie([stay.move_in, out])
        for before, after in zip(stays, stays[1:], strict=False):
            last = before.move_in if before.move_out is None else before.move_out
            if not _both(inside, last, after.move_in):
                continue
            if before.move_out is None or _meet(cal, last, after.move_in, turnaround):
                tie([last, after.move_in])
    stairwells: dict[tuple[str, str | None], list[int]] = {}
    for k in members:
        m = plan.moves[k]
        if m.moves_in and m.stairwell is not None:
            stairwells.setdefault((m.stairwell, m.phase), []).append(k)
    for group in stairwells.values():
        tie(group)
    parts: dict[int, list[int]] = {}
    for k in members:
        parts.setdefault(root(k), []).append(k)
    return tuple(sorted(tuple(p) for p in parts.values()))


def _both(inside: set[int], a: int, b: int) -> bool:
    return a in inside and b in inside


def _meet(cal: Calendar, first: int, then: int, gap: int) -> bool:
    """Could ``then`` fall before ``first`` plus ``gap`` days? If not, their windows keep the rule."""
    return max(cal.domains[first], default=0) + gap > min(cal.domains[then], default=0)
