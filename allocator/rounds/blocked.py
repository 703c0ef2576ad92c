"""Households left without an offer while lower-priority households hold offers still out on dwellings that
suit them: :func:`blocked_households`.

An offer still out (no response yet) is kept as it is in the next round, so the optimiser never moves it, not
even for a household ahead in priority. That is the rule (an offer made is not taken back behind the
household's back), but a senior household can then be left with nothing while a junior one holds the dwelling
it would have had. The coordinator must see that and choose: pin the dwelling (withdrawing the offer still
out), wait for the next vacancies, or reopen the offers still out (``--reopen-pending``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allocator.domain import Instance, priority_key, wish_rank
from allocator.engine.eligibility import compute
from allocator.read.history import Response
from allocator.rounds.timeline import Timeline

if TYPE_CHECKING:
    from allocator.result import Result
    from allocator.rounds.plan import RoundPlan


@dataclass(frozen=True, slots=True)
class HeldOffer:
    """An offer still out to ``holder`` (lower in priority) on ``dwelling_id``, which suits the blocked household.

    ``rank`` is the dwelling's wish rank for the blocked household; ``round`` the round the offer was made in.
    """

    holder: str
    dwelling_id: str
    round: int
    rank: int


@dataclass(frozen=True, slots=True)
class Blocked:
    """A household without an offer this round, and the offers still out that block it, best dwelling first."""

    household_id: str
    held: tuple[HeldOffer, ...]

    @property
    def best(self) -> HeldOffer:
        return self.held[0]


def blocked_households(plan: RoundPlan, result: Result) -> tuple[Blocked, ...]:
    """Every household without a dwelling in ``result`` for which a dwelling held by an offer still out to a
    lower-priority household passes every rule and is not refused or forbidden for it, in priority order.

    Priority is the strict order (permanent first, then seniority, then the seeded draw) also under weighted
    priority: it is what the household's seniority entitles it to.
    """
    given = result.assignment_map
    pending = {hid: o for hid, o in plan.carried.items() if o.response is Response.PENDING}
    households = {h.household_id: h for h in plan.instance.households}
    waiting = [h for h in plan.instance.households if h.household_id not in given]
    if not pending or not waiting:
        return ()
    seed = plan.settings.tie_break_seed
    held_ids = {o.dwelling_id for o in pending.values()}
    vacancies = tuple(v for v in plan.instance.vacancies if v.dwelling_id in held_ids)
    # Every rule is a test on one pair, so the part of the case made of these households and dwellings gives
    # the same verdicts as the whole case.
    elig = compute(Instance(tuple(waiting), vacancies), plan.settings, plan.decisions.forbidden)
    column = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    # In a phased case only an overlapping stay holds a dwelling, and withdrawing the offer frees it only if no
    # other fixed stay there overlaps too (without phases a dwelling has one fixed holder).
    timeline = Timeline(plan.instance, plan.settings)
    fixed_on: dict[str, list[str]] = {}
    for holder, dwelling_id in plan.decisions.fixed:
        fixed_on.setdefault(dwelling_id, []).append(holder)
    department = {v.dwelling_id: v.department for v in vacancies}
    found = []
    for i, h in enumerate(waiting):
        suits = elig.suitable_row(i)
        mine = priority_key(h, seed)
        held = [
            HeldOffer(holder, o.dwelling_id, o.round, wish_rank(h, department[o.dwelling_id]))
            for holder, o in pending.items()
            if o.dwelling_id in column
            and suits[column[o.dwelling_id]]
            and priority_key(households[holder], seed) > mine
            and timeline.clash(households[holder], h)
            and not any(
                timeline.clash(households[other], h) for other in fixed_on[o.dwelling_id] if other != holder
            )
        ]
        if held:
            # Best wish first; among equal wishes the lowest-priority holder first (the least owed): two stable
            # sorts.
            held.sort(key=lambda x: priority_key(households[x.holder], seed), reverse=True)
            held.sort(key=lambda x: x.rank)
            found.append((mine, Blocked(h.household_id, tuple(held))))
    found.sort(key=lambda pair: pair[0])
    return tuple(b for _, b in found)
