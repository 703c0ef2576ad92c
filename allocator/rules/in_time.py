"""In time (hard rule).

Source: seed 001 ("Beboerne har 14 dage, hvor de disponerer over begge boliger") and domain rule 5: a dwelling
must be free to move into at least ``overlap_days`` (default 14) before the household's move-by date, so that every
rehousing of a phase is done before its construction start. A dwelling with no "Ledig fra" date is free now; a
household with no move-by date has no deadline.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from allocator.domain import Household, Settings
from allocator.engine.tables import HouseholdTable, VacancyTable

NAME = "in_time"
TITLE = {"en": "free in time", "da": "ledig i tide"}


def suitable(h: HouseholdTable, v: VacancyTable, settings: Settings) -> np.ndarray:
    latest_start = h.move_by.astype(np.int64) - settings.overlap_days
    return v.available_from.astype(np.int64)[None, :] <= latest_start[:, None]


def requirement(household: Household, settings: Settings, lang: str) -> str:
    assert household.move_by is not None
    latest = household.move_by - dt.timedelta(days=settings.overlap_days)
    if lang == "da":
        return f"ledig senest {latest:%d-%m-%Y}"
    return f"free by {latest.isoformat()}"
