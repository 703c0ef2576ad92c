"""Suitable size (hard rule).

Source: almenlejeloven § 86 stk. 2: "Boligen har en passende størrelse, når den enten har et værelse mere end
antallet af husstandsmedlemmer eller samme værelsesantal som husstandens tidligere bolig" (domain rule 2).

With ``a = members + 1`` and ``b = current_rooms``, the setting ``size_rule`` chooses:

- ``range`` (default): ``min(a, b) <= rooms <= max(a, b)``; the lower bound is the law, the upper the practice of
  not giving away larger dwellings than needed;
- ``law-minimum``: ``rooms >= min(a, b)`` only;
- ``exact``: ``rooms`` is ``a`` or ``b``.

A household's agreed ``min_rooms`` / ``max_rooms`` (the seed's "Aftale om genhusning i mindre bolig", or a wish
for a larger one) replace the lower / upper bound; an agreed bound beyond the other, default bound moves that one
with it (``min_rooms`` 4 where the rule says 2-3 gives 4-4); under ``exact`` either override turns the rule into
the range.

Temporary households follow the same rule unless ``temporary_size_rule`` is ``half``: at least one room per two
persons (``ceil(members / 2)``) up to ``max(a, b)``, a policy some organisations use for a stay of limited length.
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Kind, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "suitable_size"
TITLE = {"en": "suitable size", "da": "passende størrelse"}

_NO_UPPER = np.iinfo(np.int32).max


def bounds(
    members: np.ndarray, current_rooms: np.ndarray, min_rooms: np.ndarray, max_rooms: np.ndarray, rule: str
) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest suitable room count per household (0 in min/max_rooms means not agreed)."""
    a = members + 1
    default_lower = np.minimum(a, current_rooms)
    default_upper = np.full_like(a, _NO_UPPER) if rule == "law-minimum" else np.maximum(a, current_rooms)
    # One agreed bound beyond the other, default one moves that one too (asking for at least 4 rooms where the
    # rule says 2-3 means 4), so an agreement never makes a household impossible to house.
    lower = np.where(
        min_rooms > 0, min_rooms, np.minimum(default_lower, np.where(max_rooms > 0, max_rooms, _NO_UPPER))
    )
    upper = np.where(max_rooms > 0, max_rooms, np.maximum(default_upper, min_rooms))
    return lower, upper


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    lower, upper = bounds(h.members, h.current_rooms, h.min_rooms, h.max_rooms, settings.size_rule)
    rooms = v.rooms[None, :]
    agreed = (h.min_rooms > 0) | (h.max_rooms > 0)
    fits = (rooms >= lower[:, None]) & (rooms <= upper[:, None])
    if settings.size_rule == "exact":
        either = (rooms == (h.members + 1)[:, None]) | (rooms == h.current_rooms[:, None])
        fits = np.where(agreed[:, None], fits, either)
    if settings.temporary_size_rule == "half":
        half = _half_rule(h)
        fits = np.where(
            (~h.permanent & ~agreed)[:, None], (rooms >= half[0][:, None]) & (rooms <= half[1][:, None]), fits
        )
    return fits


def _half_rule(h: HouseholdTable) -> tuple[np.ndarray, np.ndarray]:
    return (h.members + 1) // 2, np.maximum(h.members + 1, h.current_rooms)


def requirement(household: Household, settings: Settings, lang: str) -> str:
    word = "rum" if lang == "da" else "rooms"
    a, b = household.members + 1, household.current_rooms
    lead = "med" if lang == "da" else "with"
    agreed = household.min_rooms is not None or household.max_rooms is not None
    if settings.temporary_size_rule == "half" and household.kind is Kind.TEMPORARY and not agreed:
        return f"{lead} {(household.members + 1) // 2}-{max(a, b)} {word}"
    if settings.size_rule == "exact" and household.min_rooms is None and household.max_rooms is None:
        if a == b:
            return f"{'med' if lang == 'da' else 'with'} {a} {word}"
        low, high = sorted((a, b))
        joint = "eller" if lang == "da" else "or"
        return f"{'med' if lang == 'da' else 'with'} {low} {joint} {high} {word}"
    lower, upper = bounds(
        np.array([household.members]),
        np.array([b]),
        np.array([household.min_rooms or 0]),
        np.array([household.max_rooms or 0]),
        settings.size_rule,
    )
    lo, hi = int(lower[0]), int(upper[0])
    if hi == _NO_UPPER:
        return f"{lead} {lo} {word} {'eller flere' if lang == 'da' else 'or more'}"
    if lo == hi:
        return f"{lead} {lo} {word}"
    return f"{lead} {lo}-{hi} {word}"
