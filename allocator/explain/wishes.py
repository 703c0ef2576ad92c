"""Why a household did not get its first wish, dwelling by dwelling, in words a coordinator can repeat.

For every household housed outside its first wished department (wish rank > 1), and every unhoused household
that has wishes, each dwelling of its first wished department gets one line saying why the household did not
get it:

- the dwelling was not suitable: the hard rules it fails are named (``allocator.eligibility`` and the rule
  modules' ``TITLE``), the first with what the household needs and what the dwelling has;
- it went to a household with higher priority, and why that one came first: permanent before temporary, an
  earlier seniority date (both dates), or the same kind and date decided by the seeded draw;
- it went to a household with lower priority: then no dwelling of that department could be given to this
  household without a household ahead of it getting a worse wish, or without a household losing its home; which
  of the two is established by a search on the allocation (``allocator.explain.freeing``);
- it was left free (not expected after an allocation the checker accepts; said plainly rather than hidden).

The answer is plain data (``WishExplanation`` with a bilingual ``Reason``); the workbook only lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
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
from allocator.engine.eligibility import Eligibility, compute
from allocator.explain.freeing import Freeing
from allocator.explain.words import id_list
from allocator.result import Reason
from allocator.rules import HARD_RULES

NEEDED = Reason(
    code="needed_elsewhere",
    en="no dwelling there could be given to this household without another household losing its home",
    da="ingen bolig dér kan gives husstanden, uden at en anden husstand står uden bolig",
)
AHEAD_WOULD_LOSE = Reason(
    code="ahead_would_lose_wish",
    en="no dwelling there could be given to this household without a household that comes first getting a worse wish",
    da="ingen bolig dér kan gives husstanden, uden at en husstand, der går forud, får et dårligere ønske opfyldt",
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
    rule_title: dict[str, str] | None = None  # for ``unsuitable``: the first rule the dwelling fails


@dataclass(frozen=True, slots=True)
class WishSummary:
    """All of one household's lines in one readable reason, and the counts behind it."""

    household_id: str
    department: str
    dwellings: int
    to_higher_priority: int
    not_suitable: int
    other: int
    reason: Reason


SHOWN_IDS = 8
_CAME_FIRST = {
    "permanent_first": ("permanent before temporary", "permanent før midlertidig"),
    "earlier_seniority": ("earlier seniority date", "tidligere anciennitetsdato"),
    "seeded_draw": ("same kind and date, decided by the seeded draw", "samme type og dato, afgjort ved lodtrækning"),
}


def summarise(lines: tuple[WishExplanation, ...]) -> tuple[WishSummary, ...]:
    """One summary per household, in the order of ``lines``: who got the dwellings of its first wish, and why."""
    grouped: dict[str, list[WishExplanation]] = {}
    for line in lines:
        grouped.setdefault(line.household_id, []).append(line)
    return tuple(_summary(group) for group in grouped.values())


def _summary(group: list[WishExplanation]) -> WishSummary:
    first = group[0]
    dwellings = [x for x in group if x.dwelling_id is not None]
    if not dwellings:  # its own dwelling was fixed, or the department has no vacancies: one reason says it all
        return WishSummary(first.household_id, first.department, 0, 0, 0, 0, first.reason)
    en: list[str] = []
    da: list[str] = []
    ahead = [x for x in dwellings if x.reason.code in _CAME_FIRST]
    for code, (why_en, why_da) in _CAME_FIRST.items():
        ids = [x.holder_id or "" for x in ahead if x.reason.code == code]
        if ids:
            en.append(f"{len(ids)} given to households that come first ({why_en}): {id_list(ids, 'en', SHOWN_IDS)}")
            da.append(f"{len(ids)} givet til husstande, der går forud ({why_da}): {id_list(ids, 'da', SHOWN_IDS)}")
    unsuitable = [x for x in dwellings if x.reason.code == "unsuitable"]
    if unsuitable:
        plural = len(unsuitable) > 1
        for lang, out, lead in (("en", en, "not suitable"), ("da", da, "ikke egnede" if plural else "ikke egnet")):
            counts: dict[str, int] = {}
            for x in unsuitable:
                title = (x.rule_title or {}).get(lang, "?")
                counts[title] = counts.get(title, 0) + 1
            out.append(f"{len(unsuitable)} {lead} (" + ", ".join(f"{t}: {n}" for t, n in counts.items()) + ")")
    rest = [x for x in dwellings if x.reason.code not in _CAME_FIRST and x.reason.code != "unsuitable"]
    for code in dict.fromkeys(x.reason.code for x in rest):
        same = [x for x in rest if x.reason.code == code]
        en.append(f"{len(same)}: {same[0].reason.en}" if len(same) == 1 else f"{len(same)}: {_plain(same, 'en')}")
        da.append(f"{len(same)}: {same[0].reason.da}" if len(same) == 1 else f"{len(same)}: {_plain(same, 'da')}")
    head_en = f"{first.department}, {len(dwellings)} {'dwelling' if len(dwellings) == 1 else 'dwellings'}: "
    head_da = f"{first.department}, {len(dwellings)} {'bolig' if len(dwellings) == 1 else 'boliger'}: "
    return WishSummary(
        household_id=first.household_id,
        department=first.department,
        dwellings=len(dwellings),
        to_higher_priority=len(ahead),
        not_suitable=len(unsuitable),
        other=len(rest),
        reason=Reason(code="first_wish_summary", en=head_en + "; ".join(en), da=head_da + "; ".join(da)),
    )


def _plain(same: list[WishExplanation], lang: str) -> str:
    """Several dwellings with one kind of reason: the reason once, without the holder, then the holders."""
    ids = [x.holder_id for x in same if x.holder_id]
    text = {
        NEEDED.code: NEEDED,
        AHEAD_WOULD_LOSE.code: AHEAD_WOULD_LOSE,
        "excluded": _EXCLUDED,
        "left_free": _LEFT_FREE,
    }.get(same[0].reason.code)
    words = text.text(lang) if text else same[0].reason.text(lang)
    return words + (f" ({id_list(ids, lang, SHOWN_IDS)})" if ids else "")


def first_wish_explanations(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions | None = None,
    eligibility: Eligibility | None = None,
    detailed: bool = True,
    only: Collection[str] | None = None,
) -> tuple[WishExplanation, ...]:
    """Lines for every household that did not get its first wish, in household then vacancy input order.

    ``assignment`` maps household id to dwelling id (absent = unhoused), as ``Result.assignment_map``;
    ``decisions`` are the run's fixed and forbidden pairs (``Result.decisions``). ``eligibility`` may be
    passed when already computed with the same forbidden pairs. ``detailed=False`` names only the first rule an
    unsuitable dwelling fails, without what the household needs and the dwelling has: enough for ``summarise``,
    and much faster where many households wish departments they cannot live in. ``only`` limits the lines to
    these household ids (one household's page), against the whole allocation all the same.
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
    fixed_index = {index_of_household[h] for h in fixed if h in index_of_household}
    view = _View(
        elig,
        settings,
        home,
        {d: h for h, d in home.items()},
        fixed,
        {h: p for p, h in enumerate(priority_order(households, settings.tie_break_seed))},
        detailed,
        Freeing(elig, home, fixed_index),
    )

    by_department: dict[str, list[int]] = {}
    for j, v in enumerate(vacancies):
        by_department.setdefault(v.department, []).append(j)
    lines: list[WishExplanation] = []
    for i, household in enumerate(households):
        if not household.wishes or (only is not None and household.household_id not in only):
            continue
        if i in home and wish_rank(household, vacancies[home[i]].department) == 1:
            continue
        first = household.wishes[0]
        if household.household_id in fixed or (i not in home and household.household_id in assignment):
            lines.append(WishExplanation(household.household_id, first, None, None, _FIXED))
            continue
        in_first = by_department.get(first, [])
        if not in_first:
            lines.append(WishExplanation(household.household_id, first, None, None, _no_vacancies(first)))
        for j in in_first:
            holder, reason = view.why_not(i, j)
            holder_id = None if holder is None else households[holder].household_id
            title = view.first_failed(i, j) if reason.code == "unsuitable" else None
            lines.append(
                WishExplanation(household.household_id, first, vacancies[j].dwelling_id, holder_id, reason, title)
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
    detailed: bool = True
    freeing: Freeing | None = None
    masks: dict[int, dict] = field(default_factory=dict)  # cache: the current household's rule masks
    possible: dict[int, bool] = field(default_factory=dict)  # cache: first wish possible for a household

    def first_failed(self, i: int, j: int) -> dict[str, str]:
        """The title of the first rule dwelling ``j`` fails for household ``i`` (called after ``why_not``)."""
        masks = self.masks[i]
        return next(rule.TITLE for rule in HARD_RULES if not masks[rule.NAME][j])

    def why_not(self, i: int, j: int) -> tuple[int | None, Reason]:
        """Why household ``i`` did not get dwelling ``j``, and who did (``None`` if nobody)."""
        households, vacancies = self.elig.instance.households, self.elig.instance.vacancies
        if not self.elig.ruled_row(i)[j]:
            if i not in self.masks:  # one household's rule masks serve all dwellings of its first wish
                self.masks.clear()
                self.masks[i] = self.elig.rule_masks(i)
            masks = self.masks[i]
            failed = [rule for rule in HARD_RULES if not masks[rule.NAME][j]]
            if not self.detailed:
                title = failed[0].TITLE
                return None, Reason("unsuitable", f"not suitable: {title['en']}", f"ikke egnet: {title['da']}")
            return None, _unsuitable(failed, households[i], vacancies[j], self.settings)

        other = self.holder.get(j)
        if not self.elig.is_suitable(i, j):
            return other, _EXCLUDED
        if other is None:
            return None, _LEFT_FREE
        if households[other].household_id in self.fixed:
            return other, _fixed_for(households[other].household_id)
        if self.position[other] < self.position[i]:
            return other, _came_first(households[other], households[i], self.settings)
        if self.settings.priority == "weighted":
            return other, _weighed(households[other].household_id)
        if i not in self.possible:
            self.possible[i] = self.freeing is not None and self.freeing.possible(i, 1)
        return other, _lower_priority(households[other].household_id, self.possible[i])


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


def _weighed(other_id: str) -> Reason:
    """In weighted mode one objective weighs wishes against seniority: no claim of necessity is made."""
    return Reason(
        code="weighted_objective",
        en=f"given to {other_id} (lower priority) by the weighted objective, which weighs wishes against seniority",
        da=f"givet til {other_id} (lavere prioritet) efter den vægtede målsætning, der afvejer ønsker mod anciennitet",
    )


def _lower_priority(other_id: str, possible: bool) -> Reason:
    """The dwelling went to ``other_id``, of lower priority; why that does not help this household."""
    why = AHEAD_WOULD_LOSE if possible else NEEDED
    return Reason(
        code=why.code,
        en=f"given to {other_id} (lower priority): {why.en}",
        da=f"givet til {other_id} (lavere prioritet): {why.da}",
    )


def _en(day: dt.date) -> str:
    return day.isoformat()


def _da(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"
