"""One dwelling, several offers: in a phased case a dwelling holds several households one after another.

Offers that stand (accepted, still out, pinned) may share a dwelling there when their stays do not overlap, the
turnaround between them counted as occupied; without phases a dwelling goes to one household only. The stays are
this round's (``allocator.stays``, from the households file and the phases), not the ones shown in the earlier
workbook: they are what this round's allocation and its checker hold the dwelling for.
"""

from __future__ import annotations

from allocator.domain import Household, Instance, Settings
from allocator.stays import stay_of


class Timeline:
    """Whether two households' offers can stand on one dwelling, and their stays in words for messages."""

    def __init__(self, instance: Instance, settings: Settings) -> None:
        self.phased = instance.phased
        self.settings = settings
        self.households = {h.household_id: h for h in instance.households}

    def clash(self, a: Household, b: Household) -> bool:
        """Whether ``a`` and ``b`` cannot both hold one dwelling: always without phases, else when their stays
        overlap."""
        if not self.phased:
            return True
        return stay_of(a, self.settings).overlaps(stay_of(b, self.settings), self.settings)

    def pins_clash(self, a: str, b: str) -> str | None:
        """Why pins giving one dwelling to households ``a`` and ``b`` cannot both stand, or ``None`` when their
        stays do not overlap (a phased case). A household not in the households file has no stay: as without
        phases, the reason is then the plain one (the planner reports the unknown household itself)."""
        ha, hb = self.households.get(a), self.households.get(b)
        if not self.phased or ha is None or hb is None:
            return "a dwelling can go to one household only"
        if not self.clash(ha, hb):
            return None
        return (
            f"{a}: {self.stay_text(ha)}; {b}: {self.stay_text(hb)}; a dwelling holds several households only "
            "one after another, and these stays overlap (the turnaround of "
            f"{self.settings.turnaround_days} days counted as occupied)"
        )

    def stay_text(self, household: Household) -> str:
        stay = stay_of(household, self.settings)
        if stay.until is None:
            return f"stay from {stay.start.isoformat()} for good"
        freed = stay.released(self.settings)
        return f"stay {stay.start.isoformat()} to {stay.until.isoformat()}, free again {freed.isoformat()}"
