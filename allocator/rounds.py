"""Offer rounds: turn the previous round's workbook, the coordinator's decisions and this round's vacancies into
the :class:`~allocator.domain.Decisions` a run keeps, and say per household where it stands.

Rehousing takes several rounds: offers go out, households accept or refuse, and new offers are made.

- An **accepted** offer is fixed: the household is done and keeps the dwelling in every later round, even if the
  dwelling has left the vacancies file (it has a lease on it; its data is taken from the previous offers sheet,
  and a warning says so).
- A **refused** dwelling is never offered to that household again, and counts one refusal.
- An offer with **no response** is still out and is kept as it is (fixed), unless ``reopen_pending`` lets the
  optimiser move it; an offer still out on a dwelling that has left the vacancies file is void (a warning), and
  the household takes part again.
- A household gets up to ``Settings.max_offers`` offers (``max_offers_temporary`` for a temporary household;
  domain rule 10): the last of them, offer number ``max_offers``, is the **final offer**: where resident and
  landlord disagree, the landlord decides (almenlejeloven § 86).
- A coordinator's **decisions** (``allocator.read.decisions``) are kept in every run: *give* fixes the pair,
  *forbid* removes it for good. A *give* that breaks a rule, or gives back a dwelling the household refused, is
  refused unless it is marked as agreed with the household.

:func:`plan_round` does this before the allocation (raising :class:`~allocator.problems.InputError` with every
problem); :meth:`RoundPlan.report` says, after it, what each household's offer is, for the workbook.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from allocator.domain import Decisions, Household, Instance, Kind, Settings, Vacancy
from allocator.eligibility import compute, group_types
from allocator.problems import InputError, InputProblem
from allocator.read.decisions import Action, Pin, merge, read_decisions, read_decisions_sheet
from allocator.read.history import DecidedBy, History, PastOffer, Response, read_history
from allocator.result import Result
from allocator.rules import HARD_RULES
from allocator.write.xlsx_words import WORDS

__all__ = [
    "HouseholdRound",
    "PinStatus",
    "RoundPlan",
    "RoundReport",
    "Status",
    "first_round",
    "load_round",
    "offer_limit",
    "plan_round",
]

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
            return w["pin_idle"].format(why=self.why)
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

    def of(self, household_id: str) -> HouseholdRound:
        return self.households.get(household_id, HouseholdRound())


@dataclass(frozen=True, slots=True)
class RoundPlan:
    """What a round starts from; built by :func:`plan_round`.

    Attributes
    ----------
    round
        This round's number.
    instance
        The case as this round allocates it: the vacancies file, plus accepted dwellings that have left it, minus
        dwellings accepted by households no longer in the households file.
    decisions
        Fixed pairs (accepted, still out, pinned) and forbidden pairs (refused, forbidden by the coordinator).
    warnings
        What changed between rounds and must not pass unnoticed, one line each.
    """

    round: int
    instance: Instance
    decisions: Decisions
    settings: Settings
    warnings: tuple[str, ...] = ()
    past: tuple[PastOffer, ...] = ()
    carried: Mapping[str, PastOffer] = field(default_factory=dict)
    reopened: Mapping[str, PastOffer] = field(default_factory=dict)
    pinned: Mapping[str, str] = field(default_factory=dict)
    refusals: Mapping[str, int] = field(default_factory=dict)
    pins: tuple[PinStatus, ...] = ()
    history_file: str | None = None
    reopen_pending: bool = False

    def final_next(self, household: Household) -> bool:
        """A new offer to ``household`` is its final offer."""
        # Offer number ``limit`` is the last the household gets to refuse: it is the landlord's decision.
        return self.refusals.get(household.household_id, 0) >= offer_limit(household, self.settings) - 1

    def keep_pending(self, result: Result) -> Result:
        """With ``reopen_pending``: give back to each household its offer still out wherever the optimiser gave
        it an interchangeable dwelling instead (same dwelling type: same department, suitable for exactly the same
        households), so that reopening changes only the offers it must.

        Swapping dwellings within a type changes no rule, wish rank or priority comparison, so the checker's
        verdict is the same; only the cost tie-break's choice among equal dwellings is given up for these.
        """
        if not self.reopened:
            return result
        taken = {d for _, d in self.decisions.fixed}
        fixed = {h for h, _ in self.decisions.fixed}
        open_part = Instance(
            tuple(h for h in self.instance.households if h.household_id not in fixed),
            tuple(v for v in self.instance.vacancies if v.dwelling_id not in taken),
        )
        types = group_types(compute(open_part, self.settings, self.decisions.forbidden))
        type_of = {v.dwelling_id: int(types.of_vacancy[j]) for j, v in enumerate(open_part.vacancies)}
        given = dict(result.assignment_map)
        holder = {d: h for h, d in given.items()}
        for hid, offer in self.reopened.items():
            old, new = offer.dwelling_id, given.get(hid)
            if new is None or new == old or old not in type_of or type_of.get(new) != type_of[old]:
                continue
            other = holder.get(old)
            given[hid], holder[old] = old, hid
            if other is not None:
                given[other], holder[new] = new, other
            else:
                del holder[new]
        assignments = tuple(replace(a, dwelling_id=given[a.household_id]) for a in result.assignments)
        return replace(result, assignments=assignments)

    def report(self, result: Result) -> RoundReport:
        """Each household's standing once ``result`` (allocated under :attr:`decisions`) is known."""
        w = WORDS[self.settings.lang]
        given = result.assignment_map
        closed = [o for o in self.past if o.response is not Response.PENDING]
        current: dict[str, PastOffer] = {}
        standing: dict[str, HouseholdRound] = {}
        for h in self.instance.households:
            hid = h.household_id
            dwelling = given.get(hid)
            kept = self.carried.get(hid) or self.reopened.get(hid)
            if kept is not None and kept.dwelling_id != dwelling:
                if hid in self.reopened:
                    closed.append(
                        replace(
                            kept,
                            response=Response.WITHDRAWN,
                            note=w["note_reopened"].format(round=self.round),
                        )
                    )
                kept = None  # a fixed pair not kept is the checker's to reject (nothing is then written)
            refusals = self.refusals.get(hid, 0)
            if kept is not None:
                status = Status.ACCEPTED if kept.response is Response.ACCEPTED else Status.PENDING
                current[hid] = kept
                row = HouseholdRound(status, kept.round, kept.decided_by, kept.final, refusals)
            elif dwelling is not None:
                by_pin = self.pinned.get(hid) == dwelling
                row = HouseholdRound(
                    Status.PINNED if by_pin else Status.NEW,
                    self.round,
                    DecidedBy.PIN if by_pin else DecidedBy.OPTIMISER,
                    self.final_next(h),
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
            round=self.round,
            households=standing,
            closed=tuple(closed),
            pins=self.pins,
            history_file=self.history_file,
            reopen_pending=self.reopen_pending,
        )


def offer_limit(household: Household, settings: Settings) -> int:
    """How many offers ``household`` may refuse before its next one is the landlord's decision."""
    if household.kind is Kind.TEMPORARY and settings.max_offers_temporary is not None:
        return settings.max_offers_temporary
    return settings.max_offers


def plan_round(
    instance: Instance,
    settings: Settings,
    *,
    history: History | None = None,
    pins: tuple[Pin, ...] = (),
    reopen_pending: bool = False,
) -> RoundPlan:
    """Read what earlier rounds and the coordinator decided against this round's households and vacancies.

    Parameters
    ----------
    instance
        This round's households and vacancies, as read from their files.
    history
        The previous round's workbook, read by :func:`allocator.read.history.read_history`; ``None`` in round 1.
    pins
        The coordinator's decisions in force (from ``--decisions``, the households workbook and the previous
        workbook's decisions sheet), merged by :func:`allocator.read.decisions.merge`.
    reopen_pending
        Let the optimiser move offers that are still out instead of keeping them.

    Raises
    ------
    InputError
        With every problem: a decision on an unknown household or dwelling, a pin that breaks a rule without the
        household's agreement, decisions that contradict what households accepted, an accepted dwelling whose data
        is lost.
    """
    return _Planner(instance, settings, history, reopen_pending).plan(pins)


class _Planner:
    """The bookkeeping of :func:`plan_round`, one step per method."""

    def __init__(self, instance: Instance, settings: Settings, history: History | None, reopen: bool) -> None:
        self.instance, self.settings, self.history, self.reopen = instance, settings, history, reopen
        self.round = history.round + 1 if history is not None else 1
        self.w = WORDS[settings.lang]
        self.households = {h.household_id: h for h in instance.households}
        self.vacancies = {v.dwelling_id: v for v in instance.vacancies}
        self.past: list[PastOffer] = list(history.offers) if history is not None else []
        self.problems: list[InputProblem] = []
        self.warnings: list[str] = []
        self.added: dict[str, Vacancy] = {}
        self.let_out: set[str] = set()
        self.refusals: Counter[str] = Counter()
        self.forbidden: set[tuple[str, str]] = set()
        self.carried: dict[str, PastOffer] = {}
        self.reopened: dict[str, PastOffer] = {}
        self.pinned: dict[str, str] = {}

    def plan(self, pins: tuple[Pin, ...]) -> RoundPlan:
        self._responses()
        self._live_offers()
        statuses = tuple(self._pin(pin) for pin in pins)
        if self.problems:
            raise InputError(self.problems)
        vacancies = tuple(v for v in self.instance.vacancies if v.dwelling_id not in self.let_out)
        instance = replace(self.instance, vacancies=vacancies + tuple(self.added.values()))
        order = {h.household_id: i for i, h in enumerate(instance.households)}
        fixed = {hid: o.dwelling_id for hid, o in self.carried.items()} | self.pinned
        dwellings = {v.dwelling_id for v in instance.vacancies}
        forbidden = {pair for pair in self.forbidden if pair[0] in order and pair[1] in dwellings} - set(
            fixed.items()
        )
        decisions = Decisions(
            fixed=tuple(sorted(fixed.items(), key=lambda pair: order[pair[0]])),
            forbidden=tuple(sorted(forbidden)),
        )
        return RoundPlan(
            round=self.round,
            instance=instance,
            decisions=decisions,
            settings=self.settings,
            warnings=tuple(self.warnings),
            past=tuple(self.past),
            carried=self.carried,
            reopened=self.reopened,
            pinned=self.pinned,
            refusals=dict(self.refusals),
            pins=statuses,
            history_file=self.history.file if self.history is not None else None,
            reopen_pending=self.reopen,
        )

    # --- what households answered -------------------------------------------------------------------------

    def _responses(self) -> None:
        """Refusals: counted, and the dwelling never offered to that household again."""
        for o in self.past:
            if o.response is not Response.REFUSED:
                continue
            self.refusals[o.household_id] += 1
            self.forbidden.add((o.household_id, o.dwelling_id))
            if o.final and o.household_id in self.households:
                self.warnings.append(
                    f"{o.where}: {o.household_id} refused a final offer ({o.dwelling_id}, round {o.round}); where "
                    "resident and landlord disagree the landlord decides (almenlejeloven § 86). genhus makes "
                    "another final offer; pin a dwelling in the decisions to keep the landlord's decision"
                )

    def _live_offers(self) -> None:
        """Accepted offers stay; offers still out stay too (or are reopened), unless they can no longer stand."""
        holder: dict[str, PastOffer] = {}
        for i, o in enumerate(self.past):
            if o.response not in (Response.ACCEPTED, Response.PENDING):
                continue
            hid, did = o.household_id, o.dwelling_id
            accepted = o.response is Response.ACCEPTED
            if hid not in self.households:
                if accepted:
                    self.let_out.add(did)
                    self.warnings.append(
                        f"{o.where}: {hid} accepted {did} in round {o.round} but is no longer in the households "
                        f"file; {did} stays let to it and is not offered to anyone else"
                    )
                else:
                    self._void(i, "note_absent")
                    self.warnings.append(
                        f"{o.where}: the offer {hid} -> {did} (round {o.round}) is void: {hid} is no longer in "
                        f"the households file; {did} is free again"
                    )
                continue
            if did not in self.vacancies:
                if not accepted:
                    self._void(i, "note_vanished")
                    self.warnings.append(
                        f"{o.where}: the offer {hid} -> {did} (round {o.round}) is void: {did} is no longer in "
                        f"the vacancies file; {hid} takes part in round {self.round} again"
                    )
                    continue
                if not self._keep_vanished(o):
                    continue
            other = holder.get(did)
            if other is not None:
                self.problems.append(
                    InputProblem(
                        file=o.where,
                        value=did,
                        message=f"dwelling {did} is {o.response.value} for {hid} and {other.response.value} for "
                        f"{other.household_id} ({other.where}); a dwelling can go to one household only",
                    )
                )
                continue
            mine = self.carried.get(hid) or self.reopened.get(hid)
            if mine is not None:
                self.problems.append(
                    InputProblem(
                        file=o.where,
                        value=hid,
                        message=f"{hid} has two offers that stand: {mine.dwelling_id} ({mine.response.value}, "
                        f"{mine.where}) and {did} ({o.response.value}); a household keeps one dwelling",
                    )
                )
                continue
            holder[did] = o
            if accepted or not self.reopen:
                self.carried[hid] = o
            else:
                self.reopened[hid] = o

    def _keep_vanished(self, o: PastOffer) -> bool:
        """An accepted dwelling that left the vacancies file: keep it, with its data from the offers sheet."""
        known = self.history.dwellings.get(o.dwelling_id) if self.history is not None else None
        if isinstance(known, Vacancy):
            self.added[o.dwelling_id] = known
            self.warnings.append(
                f"{o.where}: {o.household_id} accepted {o.dwelling_id} in round {o.round}, but {o.dwelling_id} is "
                f"no longer in the vacancies file; {o.household_id} keeps it (it has a lease on it), with the "
                "dwelling's data from the previous offers sheet"
            )
            return True
        self.problems.append(
            InputProblem(
                file=o.where,
                value=o.dwelling_id,
                message=f"{o.household_id} accepted {o.dwelling_id} in round {o.round}, but {o.dwelling_id} is no "
                "longer in the vacancies file and its data on the offers sheet is incomplete; put the dwelling back "
                "in the vacancies file",
            )
        )
        self.problems.extend(known or ())
        return False

    def _void(self, i: int, note: str) -> None:
        self.past[i] = replace(
            self.past[i], response=Response.WITHDRAWN, note=self.w[note].format(round=self.round)
        )

    # --- the coordinator's decisions ----------------------------------------------------------------------

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
            return self._unknown(pin, f"household {hid} is not in the households file")
        if did not in self.vacancies and did not in self.added:
            return self._unknown(pin, f"dwelling {did} is not in the vacancies file")
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
                f"{pin.where}: the offer {hid} -> {did} (round {out.round}) is withdrawn: the coordinator forbids "
                f"it; {hid} takes part in round {self.round} again (not counted as a refusal)"
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
            if other.dwelling_id == did:
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
                f"{pin.where}: decision {pin.household_id} -> {pin.dwelling_id} has no effect "
                f"in round {self.round}: {why}"
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


def load_round(
    instance: Instance,
    settings: Settings,
    *,
    history_path: str | Path | None = None,
    decisions_path: str | Path | None = None,
    households_path: str | Path | None = None,
    reopen_pending: bool = False,
) -> tuple[RoundPlan, History | None]:
    """Read the previous workbook and the decisions, then :func:`plan_round`.

    The decisions in force are those of ``decisions_path`` (a pins file, or any workbook with a
    ``Beslutninger`` / ``Decisions`` sheet), those on such a sheet in the households workbook, and those the
    previous workbook carries on its own decisions sheet; the same decision given twice counts once.

    Raises
    ------
    InputError
        With every problem of the history workbook and the decision files together, or else of the plan.
    """
    problems: list[InputProblem] = []
    history: History | None = None
    fresh: tuple[Pin, ...] = ()
    in_book: tuple[Pin, ...] = ()
    if history_path is not None:
        try:
            history = read_history(history_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if decisions_path is not None:
        try:
            fresh = read_decisions(decisions_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if households_path is not None and Path(households_path).suffix.lower() == ".xlsx":
        try:
            in_book = read_decisions_sheet(households_path) or ()
        except InputError as exc:
            problems.extend(exc.problems)
    pins, clashes = merge(fresh, in_book, history.pins if history is not None else ())
    problems.extend(clashes)
    if problems:
        raise InputError(problems)
    plan = plan_round(instance, settings, history=history, pins=pins, reopen_pending=reopen_pending)
    return plan, history


def first_round(result: Result) -> RoundReport:
    """The standing of a run without history or decisions: round 1, every offer new and made by the optimiser."""
    return plan_round(result.instance, result.settings).report(result)
