"""What the result and household pages show of a phased case (issue 12): the dwellings held at peak, the empty
dwelling-days and their rent, the per-phase counts, and one household's stay.

Every figure comes from the same ``Context`` the workbook's Etaper and Belægning sheets use
(``allocator.occupancy`` and ``allocator.write.sheet_phases``), so the page and the workbook never disagree.
"""

from __future__ import annotations

from typing import Any

from allocator.write.sheet_phases import COLUMNS, figures, ordered
from allocator.write.xlsx_context import Context
from allocator.write.xlsx_words import HEADERS, PHASE_HEADERS

PAGE_COLUMNS = tuple(key for key, _ in COLUMNS if key != "why_not_housed")
"""The Etaper sheet's columns but its long reasons, which the page's table of households without an offer
already gives one by one."""


def phase_words(lang: str) -> dict[str, str]:
    """The headers of the Etaper sheet and the phase columns, as the workbook words them."""
    return {**HEADERS[lang], **PHASE_HEADERS[lang]}


def phased_figures(ctx: Context) -> dict[str, Any] | None:
    """The result page's phases section; ``None`` for a case without phases."""
    instance = ctx.result.instance
    if not instance.phased:
        return None
    occ = ctx.occupancy
    phases = []
    for phase in ordered(instance.phases):
        phases.append(
            {
                "phase_id": phase.phase_id,
                "name": phase.name or "",
                "construction_start": phase.construction_start.isoformat(),
                "ready": phase.ready.isoformat() if phase.ready else "",
                **figures(ctx, phase),
            }
        )
    return {
        "peak_held": occ.peak_held,
        "peak_day": occ.peak_day.isoformat() if occ.peak_day else "",
        "peak_by_rooms": list(occ.peak_by_rooms.items()),
        "empty_days": occ.empty_days,
        "empty_rent": occ.empty_rent,
        "rent_unknown": occ.rent_unknown,
        "phases": phases,
    }


def held_by_month(ctx: Context) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """The Belægning sheet's weekly counts gathered by month (a week counts in the month of its Monday): per
    month, the most dwellings held and the most occupied; the largest held is the peak."""
    occ = ctx.occupancy
    months: list[tuple[int, int]] = []
    held: list[int] = []
    occupied: list[int] = []
    for monday, h, o in zip(occ.weeks, occ.held_per_week, occ.occupied_per_week, strict=True):
        key = (monday.year, monday.month)
        if not months or months[-1] != key:
            months.append(key)
            held.append(h)
            occupied.append(o)
        else:
            held[-1], occupied[-1] = max(held[-1], h), max(occupied[-1], o)
    return months, held, occupied


def household_stay(ctx: Context, household_id: str) -> dict[str, Any] | None:
    """One household's phase, move-out deadline and stay (from, until; ``until`` ``None``: for good, a
    permanent stay); ``None`` for a case without phases."""
    if not ctx.result.instance.phased:
        return None
    h = ctx.household_by_id[household_id]
    stay = ctx.held_stay.get(household_id)
    return {
        "phase": h.phase or "",
        "move_by": h.move_by.isoformat() if h.move_by else "",
        "stay_from": stay.start.isoformat() if stay else "",
        "stay_until": stay.until.isoformat() if stay and stay.until else None,
        "housed": stay is not None,
    }
