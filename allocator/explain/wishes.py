"""Why a household did not get its first wish, dwelling by dwelling, in words a coordinator can repeat.

For every household housed outside its first wished department (wish rank > 1), and every unhoused household
that has wishes, each dwelling of its first wished department gets one line saying why the household did not
get it:

- the dwelling was not suitable: the hard rules it fails are named (``allocator.eligibility`` and the rule
  modules' ``TITLE``), the first with what the household needs and what the dwelling has;
- it went to a household with higher priority, and why that one came first: permanent before temporary, an
  earlier seniority date (both dates), or the same kind and date decided by the seeded draw;
- it went to a household with lower priority that could not have taken this household's dwelling: it was
  needed so that another household could be housed at all;
- it was left free (not expected after an allocation the checker accepts; said plainly rather than hidden).

The answer is plain data (``WishExplanation`` with a bilingual ``Reason``); the workbook only lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from allocator.domain import (
    Decisions,
    Household,
    Instance,
    Kind,
    Settings,
    Use,
    Vacancy,
    priority_order,
    wish_rank,
)
from allocator.eligibility import Eligibility, compute
from allocator.result import Reason
from allocator.rules import HARD_RULES

NEEDED = Reason(
    code="needed_elsewhere",
    en="needed so that another household could be housed at all",
    da="nødvendigt for at en anden husstand overhovedet kunne genhuses",
)


@dataclass(frozen=True, slots=True)
class WishExplanation:
    """Why ``household_id`` did not get ``dwelling_id`` in its first wished ``department``.

    ``dwelling_id`` is ``None`` when the department has no vacancies at all; ``holder_id`` is the household
    that got the dwelling (``None`` when it was unsuitable for this household or left free). ``reason.code``
    is one of ``no_vacancies``, ``unsuitable``, ``permanent_first``, ``earlier_seniority``, ``seeded_draw``,
    ``needed_elsewhere``, ``lower_priority``, ``left_free``, and, where earlier decisions play in, ``fixed``
    (the household's own dwelling was fixed), ``fixed_elsewhere`` (this dwelling was fixed for another) or
    ``excluded`` (refused earlier or excluded by a coordinator).
    """

    household_id: str
    department: str
    dwelling_id: str | None
    holder_id: str | None
    reason: Reason


def first_wish_explanations(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions | None = None,
    eligibility: Eligibility | None = None,
) -> tuple[WishExplanation, ...]:
    """Lines for every household that did not get its first wish, in household then vacancy input order.

    ``assignment`` maps household id to dwelling id (absent = unhoused), as ``Result.assignment_map``;
    ``decisions`` are the run's fixed and forbidden pairs (``Result.decisions``). ``eligibility`` may be
    passed when already computed with the same forbidden pairs.
    """
    decisions = decisions if decisions is not None else Decisions()
    elig = eligibility if eligibility is not None else compute(instance, settings, decisions.forbidden)
    households, vacancies = instance.households, instance.vacancies
    index_of_household = {h.household_id: i for i, h in enumerate(households)}
    index_of_dwelling = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    # A dwelling fixed in an earlier round may be missing from the vacancies: it then competes with nothing.
    home = {
        index_of_household[h]: index_of_dwelling[d] for h, d in assignment.items() if d in index_of_dwelling
    }
    fixed = {h for h, _ in decisions.fixed}
    view = _View(
        elig,
        settings,
        home,
        {d: h for h, d in home.items()},
        fixed,
        {h: p for p, h in enumerate(priority_order(households, settings.tie_break_seed))},
    )

    lines: list[WishExplanation] = []
    for i, household in enumerate(households):
        if not household.wishes:
            continue
        if i in home and wish_rank(household, vacancies[home[i]].department) == 1:
            continue
        first = household.wishes[0]
        if household.household_id in fixed or (i not in home and household.household_id in assignment):
            lines.append(WishExplanation(household.household_id, first, None, None, _FIXED))
            continue
        in_first = [j for j, v in enumerate(vacancies) if v.department == first]
        if not in_first:
            lines.append(WishExplanation(household.household_id, first, None, None, _no_vacancies(first)))
        for j in in_first:
            holder, reason = view.why_not(i, j)
            holder_id = None if holder is None else households[holder].household_id
            lines.append(
                WishExplanation(household.household_id, first, vacancies[j].dwelling_id, holder_id, reason)
            )
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class _View:
    """The allocation as the explanations see it (indices into the instance)."""

    elig: Eligibility
    settings: Settings
    home: dict[int, int]  # household -> dwelling
    holder: dict[int, int]  # dwelling -> household
    fixed: set[str]  # ids of households fixed by decisions
    position: dict[int, int]  # household -> place in the priority order
    masks: dict[int, dict] = field(default_factory=dict)  # cache: the current household's rule masks

    def why_not(self, i: int, j: int) -> tuple[int | None, Reason]:
        """Why household ``i`` did not get dwelling ``j``, and who did (``None`` if nobody)."""
        households, vacancies = self.elig.instance.households, self.elig.instance.vacancies
        if not self.elig.ruled[i, j]:
            if i not in self.masks:  # one household's rule masks serve all dwellings of its first wish
                self.masks.clear()
                self.masks[i] = self.elig.rule_masks(i)
            masks = self.masks[i]
            failed = [rule for rule in HARD_RULES if not masks[rule.NAME][j]]
            return None, _unsuitable(failed, households[i], vacancies[j], self.settings)
        other = self.holder.get(j)
        if not self.elig.suitable[i, j]:
            return other, _EXCLUDED
        if other is None:
            return None, _LEFT_FREE
        if households[other].household_id in self.fixed:
            return other, _fixed_for(households[other].household_id)
        if self.position[other] < self.position[i]:
            return other, _came_first(households[other], households[i], self.settings)
        return other, _lower_priority(self.elig, other, self.home.get(i), households, vacancies)


_FIXED = Reason(
    code="fixed",
    en="its dwelling was fixed by an earlier decision (an accepted or pending offer, or a coordinator's pin)",
    da="boligen er fastlagt ved en tidligere beslutning (et accepteret eller udestående tilbud, eller "
    "koordinatorens valg)",
)
_EXCLUDED = Reason(
    code="excluded",
    en="refused earlier or excluded by a coordinator's decision",
    da="afslået tidligere eller udelukket ved en beslutning",
)


def _fixed_for(holder_id: str) -> Reason:
    return Reason(
        code="fixed_elsewhere",
        en=f"fixed for {holder_id} by an earlier decision",
        da=f"fastlagt til {holder_id} ved en tidligere beslutning",
    )


_LEFT_FREE = Reason(code="left_free", en="left free", da="står tom")


def _no_vacancies(department: str) -> Reason:
    return Reason(
        code="no_vacancies",
        en=f"no vacancies in {department}",
        da=f"ingen ledige boliger i {department}",
    )


def _unsuitable(failed: list, household: Household, vacancy: Vacancy, settings: Settings) -> Reason:
    """The first rule the dwelling fails in full (what is needed, what the dwelling has), the others by name.

    Rules are taken in ``HARD_RULES`` order (place, use, size, access, rent, time), so a dwelling in another
    municipality says that first and briefly, rather than listing every way it also falls short.
    """
    first, others = failed[0], failed[1:]
    texts = {}
    for lang, needs, lead, also in (
        ("en", "needs a dwelling", "not suitable", "also"),
        ("da", "kræver en bolig", "ikke egnet", "også"),
    ):
        has = _has(first.NAME, vacancy, lang)
        detail = f"{needs} {first.requirement(household, settings, lang)}" + (f"; {has}" if has else "")
        text = f"{lead}: {first.TITLE[lang]} ({detail})"
        if others:
            text += f"; {also}: " + ", ".join(rule.TITLE[lang] for rule in others)
        texts[lang] = text
    return Reason(code="unsuitable", en=texts["en"], da=texts["da"])


def _has(rule: str, v: Vacancy, lang: str) -> str:
    """What the dwelling has that the rule looks at, so that the reason shows both sides."""
    da = lang == "da"
    if rule == "same_municipality":
        return f"boligen ligger i {v.municipality} Kommune" if da else f"the dwelling is in {v.municipality}"
    if rule == "dwelling_use":
        if v.use is Use.ANY:
            return ""
        kind = {Use.PERMANENT: ("permanent", "permanent"), Use.TEMPORARY: ("midlertidig", "temporary")}[v.use]
        return (
            f"boligen er kun til {kind[0]} genhusning"
            if da
            else f"the dwelling is for {kind[1]} rehousing only"
        )
    if rule == "suitable_size":
        return f"boligen har {v.rooms} rum" if da else f"the dwelling has {v.rooms} rooms"
    if rule == "step_free_access":
        if v.floor is None:
            return "boligens etage er ikke oplyst, ingen elevator" if da else "floor not stated, no elevator"
        return (
            f"boligen er på {v.floor}. sal uden elevator"
            if da
            else f"the dwelling is on floor {v.floor}, no elevator"
        )
    if rule == "maximum_rent" and v.rent is not None:
        amount = f"{v.rent:,.0f}"
        return f"husleje {amount.replace(',', '.')} kr." if da else f"the rent is {amount} kr"
    if rule == "in_time" and v.available_from is not None:
        return f"ledig fra {_da(v.available_from)}" if da else f"free from {_en(v.available_from)}"
    return ""


def _came_first(winner: Household, loser: Household, settings: Settings) -> Reason:
    """Why ``winner`` comes before ``loser`` in the priority order."""
    lead_en = f"given to {winner.household_id}, which comes first"
    lead_da = f"givet til {winner.household_id}, som går forud"
    if winner.kind is not loser.kind:
        assert winner.kind is Kind.PERMANENT
        return Reason(
            code="permanent_first",
            en=f"{lead_en}: permanent rehousing before temporary",
            da=f"{lead_da}: permanent genhusning før midlertidig",
        )
    if winner.seniority_date != loser.seniority_date:
        w, o = winner.seniority_date, loser.seniority_date
        return Reason(
            code="earlier_seniority",
            en=f"{lead_en}: earlier seniority date ({_en(w)} against {_en(o)})",
            da=f"{lead_da}: tidligere anciennitetsdato ({_da(w)} mod {_da(o)})",
        )
    date = winner.seniority_date
    return Reason(
        code="seeded_draw",
        en=f"{lead_en}: same kind and seniority date ({_en(date)}), decided by the seeded draw "
        f"(seed {settings.tie_break_seed})",
        da=f"{lead_da}: samme genhusningstype og anciennitetsdato ({_da(date)}), afgjort ved lodtrækning "
        f"(seed {settings.tie_break_seed})",
    )


def _lower_priority(elig: Eligibility, other: int, own: int | None, households, vacancies) -> Reason:
    """The dwelling went to ``other``, of lower priority: fair only if ``other`` could not take ours."""
    other_id = households[other].household_id
    if own is None:
        return Reason(
            code=NEEDED.code,
            en=f"given to {other_id} (lower priority): {NEEDED.en}",
            da=f"givet til {other_id} (lavere prioritet): {NEEDED.da}",
        )
    own_id = vacancies[own].dwelling_id
    if not elig.suitable[other, own]:
        return Reason(
            code=NEEDED.code,
            en=f"given to {other_id} (lower priority), which could not have taken this household's dwelling "
            f"{own_id}: {NEEDED.en}",
            da=f"givet til {other_id} (lavere prioritet), som ikke kunne have fået husstandens bolig "
            f"{own_id}: {NEEDED.da}",
        )
    # Not expected after a verified allocation (the checker calls it a priority violation); said plainly.
    return Reason(
        code="lower_priority",
        en=f"given to {other_id}, which has lower priority",
        da=f"givet til {other_id}, som har lavere prioritet",
    )


def _en(day: dt.date) -> str:
    return day.isoformat()


def _da(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"
