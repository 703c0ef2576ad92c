"""Why a household was not housed, in words a coordinator can repeat to the resident.

The reasons come from the same rule functions the allocation obeyed: the vacancies are narrowed down rule by rule
(municipality, use, size, access, rent, time) and the first rule that leaves none is named, with the count of
vacancies that passed the rules before it. "Ledige boliger" / vacancies are the dwellings of the vacancies file,
whether or not an offer holds one, so a household's reason does not change because others' offers did. A
household with suitable vacancies is told what became of each: refused earlier or excluded by a decision, held by
an earlier decision (an accepted offer, an offer still out, a coordinator's pin: named for what it is, with the
household and whether it comes first), or given to households with higher priority.

In a phased case (issue 12) a dwelling holds several stays over time, so the holder named is one whose stay
overlaps the household's own (``allocator.explain.held``), with its phase and until or from which day it holds
the dwelling; and dwellings that only their own window rules out ("Ledig fra" after the stay starts, "Ledig
til" before it ends) are said to be so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from allocator.domain import Settings
from allocator.engine.eligibility import Eligibility
from allocator.explain.held import (
    HeldOverTime,
    stay_span,
    time_keys,
    when_text,
    window,
    window_clauses,
)
from allocator.explain.words import count, id_list, phrase
from allocator.result import Reason
from allocator.rules import HARD_RULES, same_municipality

SHOWN_IDS = 5
_KINDS = ("accepted", "pending", "pinned", "decided")


def unhoused_reasons(
    eligibility: Eligibility,
    household_index: int,
    holder_of: Mapping[int, int],
    position: Sequence[int],
    settings: Settings,
    fixed_as: Mapping[int, str] | None = None,
    held: HeldOverTime | None = None,
) -> tuple[Reason, ...]:
    """Reasons for one unhoused household.

    ``holder_of`` maps vacancy index to household index; ``position[i]`` is household ``i``'s place in the
    priority order (0 = first); ``fixed_as`` maps the index of each household whose pair was fixed by a decision
    to how it came about (``accepted``, ``pending``, ``pinned``, or ``decided``: not known). A phased case
    passes ``held`` (its stays) instead of ``holder_of``, which it then ignores.
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
            reason = _none_left(rule, int(left.sum()), passed, household, settings)
            if held is not None and rule.NAME == "in_time":
                reason = _with_windows(reason, eligibility, household_index, left, held)
            return (reason,)
        left = narrowed
        for lang in ("en", "da"):
            passed[lang].append(rule.requirement(household, settings, lang))
    allowed = left & eligibility.suitable_row(household_index)
    if held is not None:
        return (_held_over_time(eligibility, household_index, left, allowed, held, fixed_as or {}),)
    return (_what_became(eligibility, household_index, left, allowed, holder_of, position, fixed_as or {}),)


def _none_left(rule, n: int, passed: dict[str, list[str]], household, settings: Settings) -> Reason:
    if rule is same_municipality:
        return Reason(
            code=f"no_{rule.NAME}",
            en=f"no vacancy in {household.municipality}",
            da=f"ingen ledig bolig i {household.municipality} Kommune",
        )
    if n == 0:
        en, da = "no vacancies at all", "ingen ledige boliger overhovedet"
    else:
        en = f"{count(n, 'vacancy', 'vacancies')} {' '.join(passed['en'])}".rstrip()
        da = f"{count(n, 'ledig bolig', 'ledige boliger')} {' '.join(passed['da'])}".rstrip()
        en += f", none {rule.requirement(household, settings, 'en')}"
        da += f", ingen {rule.requirement(household, settings, 'da')}"
    return Reason(code=f"no_{rule.NAME}", en=en, da=da)


def _what_became(
    eligibility: Eligibility,
    household_index: int,
    suitable: np.ndarray,
    allowed: np.ndarray,
    holder_of: Mapping[int, int],
    position: Sequence[int],
    fixed_as: Mapping[int, str],
) -> Reason:
    """What became of each suitable vacancy: excluded by a decision, held by one, or given to another."""
    households = eligibility.instance.households
    n = int(suitable.sum())
    excluded = n - int(allowed.sum())
    me = position[household_index]
    open_ahead: list[int] = []
    open_behind: list[int] = []
    fixed: dict[tuple[str, bool], list[int]] = {}
    free = 0
    for v in np.flatnonzero(allowed).tolist():
        holder = holder_of.get(v)
        if holder is None:
            free += 1
        elif holder in fixed_as:
            fixed.setdefault((fixed_as[holder], position[holder] > me), []).append(holder)
        elif position[holder] < me:
            open_ahead.append(holder)
        else:
            open_behind.append(holder)

    def ids(group: list[int], lang: str) -> str:
        ordered = sorted(set(group), key=position.__getitem__)
        return id_list([households[h].household_id for h in ordered], lang, SHOWN_IDS)

    texts: dict[str, str] = {}
    for lang in ("en", "da"):
        head = count(n, phrase("suitable_one", lang), phrase("suitable_many", lang))
        if excluded == n:
            texts[lang] = f"{head}, {phrase('all_excluded', lang, n)}"
        elif len(open_ahead) == n:
            texts[lang] = f"{head}, {phrase('all_ahead', lang, n, ids=ids(open_ahead, lang), when='')}"
        else:
            parts = []
            if open_ahead:
                parts.append(phrase("to_ahead", lang, len(open_ahead), ids=ids(open_ahead, lang), when=""))
            for kind in _KINDS:
                for later in (False, True):
                    group = fixed.get((kind, later), [])
                    if group:
                        k = len(group)
                        rel = phrase(
                            f"rel_{'behind' if later else 'ahead'}_{'one' if k == 1 else 'many'}", lang
                        )
                        parts.append(phrase(kind, lang, k, ids=ids(group, lang), rel=rel, when=""))
            if open_behind:
                parts.append(phrase("to_behind", lang, len(open_behind), ids=ids(open_behind, lang), when=""))
            if excluded:
                parts.append(phrase("n_excluded", lang, excluded))
            if free:
                parts.append(phrase("left_free", lang, free))
            texts[lang] = f"{head}: " + "; ".join(parts)
    later_fixed = any(later for _, later in fixed)
    code = _code(n, excluded, free, bool(open_behind), later_fixed)
    return Reason(code=code, en=texts["en"], da=texts["da"])


def _code(n: int, excluded: int, free: int, behind: bool, later_fixed: bool) -> str:
    if excluded == n:
        return "refused_or_excluded"
    if not excluded and not free and not behind and not later_fixed:
        return "taken_by_higher_priority"
    if later_fixed:
        return "held_by_earlier_decisions"
    return "taken_or_free"  # normal under weighted priority; under strict a bug the checker reports


def _held_over_time(
    eligibility: Eligibility,
    household_index: int,
    suitable: np.ndarray,
    allowed: np.ndarray,
    held: HeldOverTime,
    fixed_as: Mapping[int, str],
) -> Reason:
    """``_what_became`` for a phased case: the holder during the household's stay, and when it holds it."""
    households = eligibility.instance.households
    i = household_index
    n = int(suitable.sum())
    excluded = n - int(allowed.sum())
    cols = np.flatnonzero(allowed)
    holders = held.holders(np.array([i]), cols)[0]
    has = holders >= 0
    h = np.maximum(holders, 0)
    fixed = has & held.fixed[h]
    ahead = has & ~fixed & (held.position[h] < held.position[i])
    behind = has & ~fixed & ~ahead
    free = int((~has).sum())
    keys = time_keys(held, i, holders)
    kinds = np.array([fixed_as.get(int(x), "decided") for x in holders[fixed].tolist()], dtype=object)

    def named(mask: np.ndarray) -> list[str]:
        group = np.unique(holders[mask])
        ordered = group[np.argsort(held.position[group], kind="stable")]
        return [households[x].household_id for x in ordered.tolist()]

    def by_time(mask: np.ndarray) -> list[tuple[int, list[str], int]]:
        """The dwellings of ``mask`` held alike: (how many, their holders, the time key), by date."""
        chosen = np.flatnonzero(mask)
        unique, group = np.unique(keys[chosen], return_inverse=True)
        out = []
        for g, key in enumerate(unique.tolist()):
            sub = np.zeros_like(mask)
            sub[chosen[group == g]] = True
            out.append((int(sub.sum()), named(sub), key))
        return out

    me = held.position[i]
    ahead_groups, behind_groups = by_time(ahead), by_time(behind)
    fixed_groups = []
    fixed_cols = np.flatnonzero(fixed)
    for kind in _KINDS:
        for later in (False, True):
            mask = np.zeros_like(fixed)
            mask[fixed_cols] = (kinds == kind) & ((held.position[holders[fixed_cols]] > me) == later)
            for k, who, key in by_time(mask):  # a fixed holder too holds it for its own stay only
                fixed_groups.append((kind, later, k, who, key))
    texts: dict[str, str] = {}
    for lang in ("en", "da"):
        head = count(n, phrase("suitable_one", lang), phrase("suitable_many", lang))
        head += f" ({stay_span(held, i, lang)})"
        if excluded == n:
            texts[lang] = f"{head}, {phrase('all_excluded', lang, n)}"
        elif int(ahead.sum()) == n and len(ahead_groups) == 1:
            _, who, key = ahead_groups[0]
            when = ", " + when_text(key, held, lang)
            said = phrase("all_ahead", lang, n, ids=id_list(who, lang, SHOWN_IDS), when=when)
            texts[lang] = f"{head}, {said}"
        else:
            parts = []
            for k, who, key in ahead_groups:
                when = ", " + when_text(key, held, lang)
                parts.append(phrase("to_ahead", lang, k, ids=id_list(who, lang, SHOWN_IDS), when=when))
            for kind, later, k, who, key in fixed_groups:
                rel = phrase(f"rel_{'behind' if later else 'ahead'}_{'one' if k == 1 else 'many'}", lang)
                when = ", " + when_text(key, held, lang)
                parts.append(phrase(kind, lang, k, ids=id_list(who, lang, SHOWN_IDS), rel=rel, when=when))
            for k, who, key in behind_groups:
                when = ", " + when_text(key, held, lang)
                parts.append(phrase("to_behind", lang, k, ids=id_list(who, lang, SHOWN_IDS), when=when))
            if excluded:
                parts.append(phrase("n_excluded", lang, excluded))
            if free:
                parts.append(phrase("left_free_during", lang, free))
            texts[lang] = f"{head}: " + "; ".join(parts)
    later_fixed = bool((fixed & (held.position[h] > me)).any())
    code = _code(n, excluded, free, bool(behind.any()), later_fixed)
    return Reason(code=code, en=texts["en"], da=texts["da"])


def _with_windows(
    reason: Reason, eligibility: Eligibility, household_index: int, left: np.ndarray, held: HeldOverTime
) -> Reason:
    """The time rule left none: which of the dwellings left their own window rules out, and how."""
    cols = np.flatnonzero(left)
    free_from, free_until = held.free_from[cols], held.free_until[cols]
    i = household_index
    side = window(int(held.start[i]), int(held.until[i]), free_from, free_until)
    clauses = window_clauses(side, free_from, free_until)
    return Reason(reason.code, f"{reason.en} ({clauses['en']})", f"{reason.da} ({clauses['da']})")
