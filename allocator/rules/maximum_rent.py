"""Maximum rent (hard rule).

Source: almenlejeloven § 86 stk. 2, a replacement dwelling of suitable quality (domain rule 3): a household may
state the highest monthly rent it can accept ("Max husleje"); dwellings above it are not suitable for it. A
dwelling whose rent is not stated is not above anyone's maximum.
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "maximum_rent"
TITLE = {"en": "maximum rent", "da": "maksimal husleje"}


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    # Comparisons with nan are False: an unstated rent or an unstated maximum never excludes.
    return ~(v.rent[None, :] > h.max_rent[:, None])


def requirement(household: Household, settings: Settings, lang: str) -> str:
    amount = f"{household.max_rent:,.0f}".replace(",", "." if lang == "da" else ",")
    return f"med en husleje på højst {amount} kr." if lang == "da" else f"with rent at most {amount} kr"
