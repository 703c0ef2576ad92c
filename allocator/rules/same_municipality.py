"""Same municipality (hard rule).

Source: almenlejeloven § 86 stk. 2 and § 86 a: the replacement dwelling lies in the household's municipality
(domain rule 1). A temporary household may agree to another municipality: per household (input column
"Anden kommune") or for all temporary households (setting ``temporary_other_municipality``).
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "same_municipality"
TITLE = {"en": "same municipality", "da": "samme kommune"}


def waived(h: HouseholdTable, settings: Settings) -> np.ndarray:
    """Households for whom any municipality will do: temporary ones that agreed, or all temporary by setting."""
    return ~h.permanent & (h.other_municipality_ok | settings.temporary_other_municipality)


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    return (h.municipality[:, None] == v.municipality[None, :]) | waived(h, settings)[:, None]


def requirement(household: Household, settings: Settings, lang: str) -> str:
    if lang == "da":
        return f"i {household.municipality} Kommune"
    return f"in {household.municipality}"
