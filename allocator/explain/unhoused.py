"""Why a household was not housed, in words a coordinator can repeat to the resident.

The reasons come from the same rule functions the allocation obeyed: the vacancies are narrowed down rule by rule
(municipality, use, size, access, rent, time) and the first rule that leaves none is named, with the count of
vacancies that passed the rules before it. A household with suitable vacancies that were all given to others is told
who got them, and that they come first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from allocator.domain import Settings
from allocator.engine.eligibility import Eligibility
from allocator.explain.words import id_list
from allocator.result import Reason
from allocator.rules import HARD_RULES, same_municipality

SHOWN_IDS = 5


def unhoused_reasons(
    eligibility: Eligibility,
    household_index: int,
    holder_of: dict[int, int],
    position: Sequence[int],
    settings: Settings,
) -> tuple[Reason, ...]:
    """Reasons for one unhoused household.

    ``holder_of`` maps vacancy index to household index; ``position[i]`` is household ``i``'s place in the
    priority order (0 = first).
    """
    household = eligibility.instance.households[household_index]
    masks = eligibility.rule_masks(household_index)
    if not eligibility.instance.vacancies:
        return (Reason(code="no_vacancies", en="no vacancies at all", da="ingen ledige boliger overhovedet"),)
    left = np.ones(len(eligibility.instance.vacancies), dtype=bool)
    passed: dict[str, list[str]] = {"en": [], "da": []}
    for rule in HARD_RULES:
        mask = masks[rule.NAME]
        if mask.all():
            continue  # the rule asks nothing of this household (no max rent, municipality waived, ...)
        narrowed = left & mask
        if not narrowed.any():
            return (_none_left(rule, int(left.sum()), passed, household, settings),)
        left = narrowed
        for lang in ("en", "da"):
            passed[lang].append(rule.requirement(household, settings, lang))
    after_decisions = left & eligibility.suitable_row(household_index)
    if not after_decisions.any():
        n = int(left.sum())
        return (
            Reason(
                code="refused_or_excluded",
                en=f"{_plural(n, 'suitable vacancy', 'suitable vacancies')}, "
                f"{'all ' if n > 1 else ''}refused earlier or excluded by a coordinator's decision",
                da=f"{_plural(n, 'passende ledig bolig', 'passende ledige boliger')}, "
                f"{'alle ' if n > 1 else ''}afslået tidligere eller udelukket ved en beslutning",
            ),
        )
    suitable = np.flatnonzero(after_decisions)
    return (_taken_by_others(eligibility, household_index, suitable, holder_of, position),)


def _none_left(rule, count: int, passed: dict[str, list[str]], household, settings: Settings) -> Reason:
    if rule is same_municipality:
        return Reason(
            code=f"no_{rule.NAME}",
            en=f"no vacancy in {household.municipality}",
            da=f"ingen ledig bolig i {household.municipality} Kommune",
        )
    if count == 0:
        en, da = "no vacancies at all", "ingen ledige boliger overhovedet"
    else:
        en = f"{_plural(count, 'vacancy', 'vacancies')} {' '.join(passed['en'])}".rstrip()
        da = f"{_plural(count, 'ledig bolig', 'ledige boliger')} {' '.join(passed['da'])}".rstrip()
        en += f", none {rule.requirement(household, settings, 'en')}"
        da += f", ingen {rule.requirement(household, settings, 'da')}"
    return Reason(code=f"no_{rule.NAME}", en=en, da=da)


def _taken_by_others(
    eligibility: Eligibility,
    household_index: int,
    suitable: np.ndarray,
    holder_of: dict[int, int],
    position: Sequence[int],
) -> Reason:
    households = eligibility.instance.households
    holders = sorted({holder_of[int(v)] for v in suitable if int(v) in holder_of}, key=position.__getitem__)
    ahead = [h for h in holders if position[h] < position[household_index]]
    behind = [h for h in holders if position[h] > position[household_index]]
    n = len(suitable)
    en = f"{_plural(n, 'suitable vacancy', 'suitable vacancies')}, "
    da = f"{_plural(n, 'passende ledig bolig', 'passende ledige boliger')}, "
    if not behind and len(holders) == n:
        ids = [households[h].household_id for h in ahead]
        en += f"all given to households with higher priority ({id_list(ids, 'en', SHOWN_IDS)})"
        da += f"alle givet til husstande med højere prioritet ({id_list(ids, 'da', SHOWN_IDS)})"
        return Reason(code="taken_by_higher_priority", en=en, da=da)
    # Normal under weighted priority; under strict it would be a bug the checker reports. Said plainly.
    ids = [households[h].household_id for h in holders]
    en += f"given to {id_list(ids, 'en', SHOWN_IDS)}; {n - len(holders)} left free"
    da += f"givet til {id_list(ids, 'da', SHOWN_IDS)}; {n - len(holders)} står tomme"
    return Reason(code="taken_or_free", en=en, da=da)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
