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

    def clash(self, a: Household, b: Household) -> bool:
        """Whether ``a`` and ``b`` cannot both hold one dwelling: always without phases, else when their stays
        overlap."""
        if not self.phased:
            return True
        return stay_of(a, self.settings).overlaps(stay_of(b, self.settings), self.settings)

    def stay_text(self, household: Household) -> str:
        stay = stay_of(household, self.settings)
        if stay.until is None:
            return f"stay from {stay.start.isoformat()} for good"
        freed = stay.released(self.settings)
        return f"stay {stay.start.isoformat()} to {stay.until.isoformat()}, free again {freed.isoformat()}"
