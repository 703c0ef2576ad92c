"""Planning an offer round before the allocation: :func:`plan_round` and its bookkeeping ``_Planner`` read
what households answered in earlier rounds (refusals counted and forbidden, accepted offers and offers still out
kept, reopened or voided) and the coordinator's decisions (through :mod:`allocator.rounds.pins`) into a
:class:`RoundPlan`: the instance and :class:`~allocator.domain.Decisions` this round allocates, with what it
takes to report afterwards; :func:`offer_limit` is how many offers a household may refuse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from allocator.domain import Decisions, Household, Instance, Kind, Settings, Vacancy
from allocator.engine.eligibility import compute
from allocator.notice import Notice
from allocator.problems import InputError, InputProblem
from allocator.read.decisions import Action, Pin
from allocator.read.history import History, PastOffer, Response
from allocator.result import Result
from allocator.rounds.pins import _Pins
from allocator.rounds.report import _RULES, PinStatus, RoundReport, build_report
from allocator.rounds.timeline import Timeline
from allocator.rounds.words import warning
from allocator.write.xlsx_words import WORDS


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
        households), so that reopening changes only the offers it must. In a phased case the two dwellings
        trade every stay they hold.

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
        types = compute(open_part, self.settings, self.decisions.forbidden).types
        type_of = {v.dwelling_id: int(types.of_vacancy[j]) for j, v in enumerate(open_part.vacancies)}
        given = dict(result.assignment_map)
        holder = {d: h for h, d in given.items()}
        for hid, offer in self.reopened.items():
            old, new = offer.dwelling_id, given.get(hid)
            if new is None or new == old or old not in type_of or type_of.get(new) != type_of[old]:
                continue
            if self.instance.phased:
                # A dwelling holds several stays: the two dwellings trade their whole timelines, so no stay
                # meets a new neighbour (neither holds a fixed stay: those are not in ``type_of``).
                for h, d in list(given.items()):
                    if d in (old, new):
                        given[h] = new if d == old else old
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
        return build_report(self, result)


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
    force_history: bool = False,
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
    force_history
        Keep an accepted or pending offer whose household's name differs from the households file or that breaks
        a hard rule on this round's data, with a warning, instead of refusing it.

    Raises
    ------
    InputError
        With every problem: a decision on an unknown household or dwelling, a pin that breaks a rule without the
        household's agreement, decisions that contradict what households accepted, an accepted dwelling whose data
        is lost, an accepted or pending offer whose household's name differs or that breaks a hard rule on this
        round's data (unless ``force_history``), a household of the households file whose offers-sheet row was
        deleted although earlier rounds recorded offers for it.
    """
    return _Planner(instance, settings, history, reopen_pending, force_history).plan(pins)


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Planner(_Pins):
    """The bookkeeping of :func:`plan_round`, one step per method (the coordinator's decisions' steps in
    :class:`~allocator.rounds.pins._Pins`)."""

    def __init__(
        self, instance: Instance, settings: Settings, history: History | None, reopen: bool, force: bool = False
    ) -> None:
        self.instance, self.settings, self.history, self.reopen = instance, settings, history, reopen
        self.force = force
        self.agreed: set[tuple[str, str]] = set()
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
        self.timeline = Timeline(instance, settings)

    def plan(self, pins: tuple[Pin, ...]) -> RoundPlan:
        self.agreed = {p.pair for p in pins if p.action is Action.GIVE and p.agreed}
        self._deleted_rows()
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
            over_time=instance.phased,
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
                    warning("refused_final", where=o.where, hid=o.household_id, did=o.dwelling_id, round=o.round)
                )

    def _live_offers(self) -> None:
        """Accepted offers stay; offers still out stay too (or are reopened), unless they can no longer stand."""
        holders: dict[str, list[PastOffer]] = {}  # several only in a phased case, one after another
        for i, o in enumerate(self.past):
            if o.response not in (Response.ACCEPTED, Response.PENDING):
                continue
            hid, did = o.household_id, o.dwelling_id
            accepted = o.response is Response.ACCEPTED
            if hid not in self.households:
                if accepted:
                    self.let_out.add(did)
                    self.warnings.append(warning("accepted_absent", where=o.where, hid=hid, did=did, round=o.round))
                else:
                    self._void(i, "note_absent")
                    self.warnings.append(warning("void_absent", where=o.where, hid=hid, did=did, round=o.round))
                continue
            if did not in self.vacancies:
                if not accepted:
                    self._void(i, "note_vanished")
                    self.warnings.append(
                        warning("void_vanished", where=o.where, hid=hid, did=did, round=o.round, this=self.round)
                    )
                    continue
                if not self._keep_vanished(o):
                    continue
            other = self._clashing(holders.get(did, ()), hid)
            if other is not None:
                self.problems.append(self._shared_dwelling(o, other))
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
            if not self._still_valid(o):
                continue
            holders.setdefault(did, []).append(o)
            if accepted or not self.reopen:
                self.carried[hid] = o
            else:
                self.reopened[hid] = o

    def _clashing(self, others: Iterable[PastOffer], hid: str) -> PastOffer | None:
        """The first of ``others`` (offers that stand on one dwelling) that ``hid``'s offer cannot stand beside."""
        mine = self.households[hid]
        return next((x for x in others if self.timeline.clash(self.households[x.household_id], mine)), None)

    def _shared_dwelling(self, o: PastOffer, other: PastOffer) -> InputProblem:
        hid, did = o.household_id, o.dwelling_id
        if not self.timeline.phased:
            return InputProblem(
                file=o.where,
                value=did,
                message=f"dwelling {did} is {o.response.value} for {hid} and {other.response.value} for "
                f"{other.household_id} ({other.where}); a dwelling can go to one household only",
            )
        mine, theirs = self.households[hid], self.households[other.household_id]
        return InputProblem(
            file=o.where,
            column="Bolig-ID",
            value=did,
            message=f"dwelling {did} is {o.response.value} for {hid} ({self.timeline.stay_text(mine)}) and "
            f"{other.response.value} for {other.household_id} ({self.timeline.stay_text(theirs)}, {other.where}); "
            "a dwelling holds several households only one after another, and these stays overlap (the "
            f"turnaround of {self.settings.turnaround_days} days counted as occupied)",
        )

    def _deleted_rows(self) -> None:
        """The offers sheet has one row per household: a household of this households file that earlier rounds
        made offers to (on the history sheet) but that has no row on the offers sheet had its row deleted, and with
        it what the household answered. That is an error, never a fresh start."""
        listed = self.history.listed if self.history is not None else None
        if listed is None:
            return
        seen: dict[str, PastOffer] = {}
        for o in self.past:
            if o.household_id in self.households and o.household_id not in listed:
                seen.setdefault(o.household_id, o)
        for hid, o in seen.items():
            self.problems.append(
                InputProblem(
                    file=self.history.file,
                    column="Husstand-ID",
                    value=hid,
                    message=f"{hid} has no row on the offers sheet, but earlier rounds made it offers ({o.dwelling_id}"
                    f", round {o.round}, {o.where}): its row was deleted, and with it its latest offer and answer; "
                    "put the row back (or use the workbook as genhus wrote it)",
                )
            )

    def _still_valid(self, o: PastOffer) -> bool:
        """An accepted or pending offer is kept only if it still fits this round's data: the household's name is
        the households file's, and every hard rule holds (as for a pin). ``force`` keeps it with a warning."""
        household = self.households[o.household_id]
        vacancy = self.vacancies.get(o.dwelling_id) or self.added.get(o.dwelling_id)
        found: list[tuple[str, Notice, object]] = []  # (column, why, value)
        if o.name is not None and household.name is not None and _same_name(o.name) != _same_name(household.name):
            found.append(
                (
                    "Navn",
                    Notice(
                        f"the offer's household is named {o.name!r} here, but {o.household_id} in the households "
                        f"file is {household.name!r}: this workbook may belong to another case",
                        f"husstanden hedder {o.name!r} her, men {o.household_id} hedder {household.name!r} i "
                        "husstandsfilen: arbejdsbogen kan høre til en anden sag",
                    ),
                    o.name,
                )
            )
        if vacancy is not None and (o.household_id, o.dwelling_id) not in self.agreed:  # agreed: may break rules
            for rule in self._broken_rules(household, vacancy):
                found.append(
                    (
                        "Bolig-ID",
                        Notice(
                            f"{o.dwelling_id} breaks the rule '{_RULES[rule].TITLE['en']}' for {o.household_id} on "
                            f"this round's data (the household needs a dwelling "
                            f"{_RULES[rule].requirement(household, self.settings, 'en')}); the household or dwelling "
                            "changed since the offer was made",
                            f"{o.dwelling_id} bryder reglen '{_RULES[rule].TITLE['da']}' for {o.household_id} med "
                            f"denne rundes oplysninger (husstanden skal have en bolig "
                            f"{_RULES[rule].requirement(household, self.settings, 'da')}); husstanden eller boligen "
                            "er ændret, siden tilbuddet blev givet",
                        ),
                        o.dwelling_id,
                    )
                )
        if not found:
            return True
        state = o.response.value
        for column, why, value in found:
            if self.force:
                self.warnings.append(
                    warning(
                        f"forced_kept_{state}",
                        where=o.where,
                        hid=o.household_id,
                        did=o.dwelling_id,
                        why=why,
                    )
                )
            else:
                self.problems.append(
                    InputProblem(
                        file=o.where,
                        column=column,
                        value=value,
                        message=f"the {state} offer {o.household_id} -> {o.dwelling_id} (round {o.round}) cannot be "
                        f"kept: {why}; correct the files, or run with --force-history to keep it anyway",
                    )
                )
        return self.force

    def _keep_vanished(self, o: PastOffer) -> bool:
        """An accepted dwelling that left the vacancies file: keep it, with its data from the offers sheet."""
        known = self.history.dwellings.get(o.dwelling_id) if self.history is not None else None
        if isinstance(known, Vacancy):
            self.added[o.dwelling_id] = known
            self.warnings.append(
                warning("kept_vanished", where=o.where, hid=o.household_id, did=o.dwelling_id, round=o.round)
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
