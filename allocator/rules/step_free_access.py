"""Step-free access (hard rule).

Source: almenlejeloven § 86 stk. 2, a replacement dwelling of suitable quality and equipment (domain rule 3): a
household that needs step-free access (input "Stueetage" or "Elevator") only gets a dwelling on the ground floor
(floor 0) or served by an elevator. A dwelling whose floor is not stated and that has no elevator is not taken to be
step-free: the tool does not guess.
"""

from __future__ import annotations

import numpy as np

from allocator.domain import Household, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "step_free_access"
TITLE = {"en": "step-free access", "da": "niveaufri adgang"}


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    return ~h.needs_step_free[:, None] | v.step_free[None, :]


def requirement(household: Household, settings: Settings, lang: str) -> str:
    return "i stueetagen eller med elevator" if lang == "da" else "on the ground floor or with an elevator"
