"""The coordinator's decisions in an offer round: :class:`_Pins`, the part of the planner
(:class:`~allocator.rounds.plan._Planner`) that applies each *give* or *forbid* pin against the households'
answers and the offers that stand, names the hard rules a *give* breaks, and refuses (as an
:class:`~allocator.problems.InputProblem`) a decision that cannot be kept.
"""

from __future__ import annotations

from allocator.domain import Household, Instance, Settings, Vacancy
from allocator.engine.eligibility import compute
from allocator.problems import InputProblem
from allocator.read.decisions import Action, Pin
from allocator.read.history import DecidedBy, PastOffer, Response
from allocator.rounds.report import _RULES, PinStatus
from allocator.rounds.timeline import Timeline
from allocator.rounds.words import warning


class _Pins:
    """The coordinator's decisions, one step per method: mixed into ``_Planner``, which holds the state
    annotated here and supplies ``_void``."""

    settings: Settings
    round: int
    households: dict[str, Household]
    vacancies: dict[str, Vacancy]
    past: list[PastOffer]
    problems: list[InputProblem]
    warnings: list[str]
    added: dict[str, Vacancy]
    forbidden: set[tuple[str, str]]
    carried: dict[str, PastOffer]
    pinned: dict[str, str]
    timeline: Timeline

    def _pin(self, pin: Pin) -> PinStatus:
        hid, did = pin.pair
        for o in self.past:
            if (o.household_id, o.dwelling_id) == pin.pair and o.response is Response.ACCEPTED:
                if pin.action is Action.GIVE:
                    return PinStatus(pin, "accepted", o.round)
                return self._refuse(
                    pin,
                    f"{hid} accepted {did} in round {o.round} ({o.where}); a forbid cannot "
                    "undo an accepted offer",
                )
        if hid not in self.households:
            return self._unknown(pin, warning("no_household", hid=hid))
        if did not in self.vacancies and did not in self.added:
            return self._unknown(pin, warning("no_dwelling", did=did))
        if pin.action is Action.FORBID:
            return self._forbid(pin)
        return self._give(pin)

    def _forbid(self, pin: Pin) -> PinStatus:
        hid, did = pin.pair
        self.forbidden.add(pin.pair)
        out = self.carried.get(hid)
        if out is not None and out.dwelling_id == did:  # still out (an accepted one was refused above)
            del self.carried[hid]
            i = self.past.index(out)
            self._void(i, "note_forbidden")
            self.warnings.append(
                warning(
                    "forbid_withdraws", where=pin.where, hid=hid, did=did, round=out.round, this=self.round
                )
            )
        return PinStatus(pin, "applied")

    def _give(self, pin: Pin) -> PinStatus:
        hid, did = pin.pair
        state = "applied"
        refused = [
            o
            for o in self.past
            if (o.household_id, o.dwelling_id) == pin.pair and o.response is Response.REFUSED
        ]
        if refused:
            if any(o.decided_by is DecidedBy.PIN for o in refused):
                return PinStatus(pin, "spent", refused[-1].round)
            if not pin.agreed:
                return self._refuse(
                    pin,
                    f"{hid} refused {did} in round {refused[-1].round} ({refused[-1].where}); "
                    "a refused dwelling is never offered again, unless the household agrees: "
                    "mark the decision as agreed with the household (ja)",
                )
            self.forbidden.discard(pin.pair)
            state = "back"
        own = self.carried.get(hid)
        if own is not None:
            if own.dwelling_id == did:
                return PinStatus(pin, state)
            if own.response is Response.ACCEPTED:
                return self._refuse(
                    pin, f"{hid} has accepted {own.dwelling_id} (round {own.round}, {own.where})"
                )
            return self._refuse(
                pin,
                f"{hid} has an offer still out ({own.dwelling_id}, round {own.round}, "
                f"{own.where}); write its response first, or run with --reopen-pending",
            )
        for other in self.carried.values():
            # in a phased case the dwelling may hold both, one after another
            if other.dwelling_id == did and self.timeline.clash(
                self.households[other.household_id], self.households[hid]
            ):
                return self._refuse(
                    pin,
                    f"{did} is {other.response.value} for {other.household_id} (round "
                    f"{other.round}, {other.where})",
                )
        broken = self._broken_rules(self.households[hid], self.vacancies.get(did) or self.added[did])
        if broken:
            if not pin.agreed:
                words = "; ".join(
                    f"'{_RULES[r].TITLE['en']}' (the household needs a dwelling "
                    f"{_RULES[r].requirement(self.households[hid], self.settings, 'en')})"
                    for r in broken
                )
                return self._refuse(
                    pin,
                    f"giving {did} to {hid} breaks the rule {words}; a pin may break a rule "
                    "only when agreed with the household: mark it agreed (ja) to keep it",
                )
            state = "agreed"
        self.pinned[hid] = did
        return PinStatus(pin, state, rules=broken)

    def _broken_rules(self, household: Household, vacancy: Vacancy) -> tuple[str, ...]:
        masks = compute(Instance((household,), (vacancy,)), self.settings).rule_masks(0)
        return tuple(name for name, allowed in masks.items() if not bool(allowed[0]))

    def _unknown(self, pin: Pin, why: str) -> PinStatus:
        """A decision naming a household or dwelling not in this round's files: a problem, unless it was
        carried from an earlier round (then it simply has no effect now, and is kept for the record)."""
        if pin.carried:
            self.warnings.append(
                warning(
                    "pin_idle",
                    where=pin.where,
                    hid=pin.household_id,
                    did=pin.dwelling_id,
                    this=self.round,
                    why=why,
                )
            )
            return PinStatus(pin, "idle", why=why)
        return self._refuse(pin, why)

    def _refuse(self, pin: Pin, why: str) -> PinStatus:
        self.problems.append(
            InputProblem(
                file=pin.source,
                row=pin.row or None,
                column="Husstand-ID / Bolig-ID",
                value=f"{pin.household_id} -> {pin.dwelling_id}",
                message=f"decision refused: {why}",
            )
        )
        return PinStatus(pin, "idle", why=why)
