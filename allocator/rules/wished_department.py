"""Wished department, when wishes are hard (hard rule, a scenario setting).

Source: seed 001 ("der søges så vidt muligt at anvise boliger i ønsket afdeling") and domain "What a household
wants". By default wishes only order the suitable dwellings (``wishes = "soft"``). With ``wishes = "hard"`` a
household that has stated wishes only gets dwellings in its wished departments; one without wishes is unaffected.
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Settings
from allocator.engine.tables import NO_WISH, HouseholdTable, VacancyTable

NAME = "wished_department"
TITLE = {"en": "wished department", "da": "ønsket afdeling"}


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    if settings.wishes != "hard" or h.wishes.shape[1] == 0:
        return np.ones((len(h), len(v)), dtype=bool)
    wished = np.zeros((len(h), len(v)), dtype=bool)
    for k in range(h.wishes.shape[1]):
        wished |= h.wishes[:, k][:, None] == v.department[None, :]
    return wished | (h.wishes == NO_WISH).all(axis=1)[:, None]


def requirement(household: Household, settings: Settings, lang: str) -> str:
    joined = ", ".join(household.wishes)
    return f"i de ønskede afdelinger ({joined})" if lang == "da" else f"in the wished departments ({joined})"
