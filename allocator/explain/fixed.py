"""How each pair fixed by a decision came about, so that explanations name it for what it is: an offer the
household accepted, an offer still out (pending), or a coordinator's pin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allocator.read.history import Response

if TYPE_CHECKING:
    from allocator.domain import Decisions
    from allocator.rounds import RoundPlan, RoundReport


def fixed_kinds(plan: RoundPlan) -> dict[str, str]:
    """Household id -> ``accepted``, ``pending`` or ``pinned``, for every fixed pair of the round's plan."""
    kinds = {
        hid: "accepted" if offer.response is Response.ACCEPTED else "pending"
        for hid, offer in plan.carried.items()
    }
    kinds.update({hid: "pinned" for hid in plan.pinned})  # as the plan's fixed pairs: a pin comes last
    return kinds


def fixed_kinds_reported(decisions: Decisions, report: RoundReport) -> dict[str, str]:
    """The same from a round's report (where the plan is not at hand): the standing of each fixed household."""
    kinds = {}
    for hid, _ in decisions.fixed:
        status = report.of(hid).status
        value = status.value if status is not None else ""
        kinds[hid] = value if value in ("accepted", "pending", "pinned") else "decided"
    return kinds
