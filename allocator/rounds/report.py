"""Where each household stands in an offer round, for the workbook: :class:`Status` (where an offer of this
round comes from), :class:`HouseholdRound` (one household's standing), :class:`PinStatus` (what became of one
coordinator's decision), :class:`RoundReport` (everything the workbook says about rounds), and
:func:`build_report`, which reads a :class:`~allocator.rounds.plan.RoundPlan` against the allocation to make
the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from allocator.notice import notice_text
from allocator.read.decisions import Pin
from allocator.read.history import DecidedBy, PastOffer, Response
from allocator.rounds.blocked import Blocked, blocked_households
from allocator.rules import HARD_RULES
from allocator.write.xlsx_words import WORDS

if TYPE_CHECKING:
    from allocator.result import Result
    from allocator.rounds.plan import RoundPlan

_RULES = {rule.NAME: rule for rule in HARD_RULES}


class Status(str, Enum):
    """Where a household's offer of this round comes from."""

    NEW = "new"  # made this round by the optimiser
    PINNED = "pinned"  # made this round by a coordinator's decision
    PENDING = "pending"  # made in an earlier round, still out
    ACCEPTED = "accepted"  # accepted in an earlier round: the household is done


@dataclass(frozen=True, slots=True)
class HouseholdRound:
    """One household's standing in this round.

    Attributes
    ----------
    status
        ``None`` when the household has no offer in this round.
    offered_in
        The round its offer was made in.
    refusals
        Offers it has refused so far.
    final
        Its offer is the final offer (the landlord's decision, almenlejeloven § 86).
    earlier
        Its earlier offers (not the one of this round), oldest first.
    """

    status: Status | None = None
    offered_in: int | None = None
    decided_by: DecidedBy | None = None
    final: bool = False
    refusals: int = 0
    earlier: tuple[PastOffer, ...] = ()

    @property
    def offer_no(self) -> int | None:
        """Which offer this is for the household: refused ones count, withdrawn ones do not."""
        return None if self.status is None else self.refusals + 1


@dataclass(frozen=True, slots=True)
class PinStatus:
    """What became of one coordinator's decision in this round.

    ``state``: ``applied`` (kept), ``agreed`` (kept though it breaks ``rules``, agreed with the household),
    ``back`` (gives back a refused dwelling, agreed), ``accepted`` (its offer was accepted in ``round``),
    ``spent`` (its offer was refused in ``round``), ``idle`` (no effect this round, ``why``).
    """

    pin: Pin
    state: str = "applied"
    round: int | None = None
    rules: tuple[str, ...] = ()
    why: str | None = None

    def text(self, lang: str) -> str:
        w = WORDS[lang]
        if self.state == "agreed":
            return w["pin_agreed"].format(rules=", ".join(_RULES[r].TITLE[lang] for r in self.rules))
        if self.state == "idle":
            return w["pin_idle"].format(why=notice_text(self.why or "", lang))
        return w[f"pin_{self.state}"].format(round=self.round)


@dataclass(frozen=True, slots=True)
class RoundReport:
    """Everything the workbook says about offer rounds.

    Attributes
    ----------
    round
        This round's number (the previous workbook's + 1; 1 without one).
    households
        Per household id, its standing.
    closed
        Every closed offer of earlier rounds (accepted, refused, withdrawn), oldest round first: the history sheet.
    pins
        Every coordinator's decision in force, with what became of it.
    """

    round: int = 1
    households: Mapping[str, HouseholdRound] = field(default_factory=dict)
    closed: tuple[PastOffer, ...] = ()
    pins: tuple[PinStatus, ...] = ()
    history_file: str | None = None
    reopen_pending: bool = False
    blocked: tuple[Blocked, ...] = ()
    """Households without an offer while lower-priority households hold offers still out on dwellings that suit
    them (:func:`allocator.rounds.blocked.blocked_households`), in priority order."""

    def of(self, household_id: str) -> HouseholdRound:
        return self.households.get(household_id, HouseholdRound())


def build_report(plan: RoundPlan, result: Result) -> RoundReport:
    """Each household's standing once ``result`` (allocated under ``plan.decisions``) is known; what
    :meth:`RoundPlan.report <allocator.rounds.plan.RoundPlan.report>` returns."""
    w = WORDS[plan.settings.lang]
    given = result.assignment_map
    closed = [o for o in plan.past if o.response is not Response.PENDING]
    current: dict[str, PastOffer] = {}
    standing: dict[str, HouseholdRound] = {}
    for h in plan.instance.households:
        hid = h.household_id
        dwelling = given.get(hid)
        kept = plan.carried.get(hid) or plan.reopened.get(hid)
        if kept is not None and kept.dwelling_id != dwelling:
            if hid in plan.reopened:
                closed.append(
                    replace(
                        kept,
                        response=Response.WITHDRAWN,
                        note=w["note_reopened"].format(round=plan.round),
                    )
                )
            kept = None  # a fixed pair not kept is the checker's to reject (nothing is then written)
        refusals = plan.refusals.get(hid, 0)
        if kept is not None:
            status = Status.ACCEPTED if kept.response is Response.ACCEPTED else Status.PENDING
            current[hid] = kept
            row = HouseholdRound(status, kept.round, kept.decided_by, kept.final, refusals)
        elif dwelling is not None:
            by_pin = plan.pinned.get(hid) == dwelling
            row = HouseholdRound(
                Status.PINNED if by_pin else Status.NEW,
                plan.round,
                DecidedBy.PIN if by_pin else DecidedBy.OPTIMISER,
                plan.final_next(h),
                refusals,
            )
        else:
            row = HouseholdRound(refusals=refusals)
        standing[hid] = row
    closed.sort(key=lambda o: o.round)
    by_household: dict[str, list[PastOffer]] = {}
    for o in closed:
        by_household.setdefault(o.household_id, []).append(o)
    for hid, row in standing.items():
        now = current.get(hid)
        earlier = tuple(o for o in by_household.get(hid, ()) if now is None or o.key != now.key)
        standing[hid] = replace(row, earlier=earlier)
    return RoundReport(
        round=plan.round,
        households=standing,
        closed=tuple(closed),
        pins=plan.pins,
        history_file=plan.history_file,
        reopen_pending=plan.reopen_pending,
        blocked=blocked_households(plan, result),
    )

