"""Use of the dwelling (hard rule).

Source: domain rule 4, the organisation's choice of which vacancies serve permanent and which temporary
rehousing ("Anvendelse": permanent / midlertidig / begge; default both).
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Kind, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "dwelling_use"
TITLE = {"en": "use of the dwelling", "da": "boligens anvendelse"}


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    perm = h.permanent[:, None]
    return (perm & v.for_permanent[None, :]) | (~perm & v.for_temporary[None, :])


def requirement(household: Household, settings: Settings, lang: str) -> str:
    if household.kind is Kind.PERMANENT:
        return "til permanent genhusning" if lang == "da" else "for permanent rehousing"
    return "til midlertidig genhusning" if lang == "da" else "for temporary rehousing"
