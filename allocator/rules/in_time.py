"""In time (hard rule).

Source: seed 001 ("Beboerne har 14 dage, hvor de disponerer over begge boliger") and domain rule 5: a dwelling
must be free to move into at least ``overlap_days`` (default 14) before the household's move-by date, so that every
rehousing of a phase is done before its construction start. A dwelling with no "Ledig fra" date is free now; a
household with no move-by date has no deadline.

Issue 12 (phases) extends it to the whole stay: a dwelling that must be given back ("Ledig til", the last day it
may be occupied) suits only a temporary household that moves back out by then (its phase's ready date); a
permanent household, or a temporary one without a known return, needs a dwelling without "Ledig til".
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
    free_by_start = v.available_from.astype(np.int64)[None, :] <= latest_start[:, None]
    # NO_DATE_LATE on both sides: a household staying for good fits only a dwelling free for good.
    free_to_end = h.returns_on[:, None] <= v.available_until[None, :]
    return free_by_start & free_to_end


def requirement(household: Household, settings: Settings, lang: str) -> str:
    if household.move_by is None:
        return "ledig for bestandig" if lang == "da" else "free for good"
    latest = household.move_by - dt.timedelta(days=settings.overlap_days)
    if household.returns_on is not None:
        if lang == "da":
            return f"ledig senest {latest:%d-%m-%Y} og til mindst {household.returns_on:%d-%m-%Y}"
        return f"free by {latest.isoformat()} until at least {household.returns_on.isoformat()}"
    if lang == "da":
        return f"ledig senest {latest:%d-%m-%Y}"
    return f"free by {latest.isoformat()}"
