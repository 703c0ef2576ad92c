"""A hand-made phased result (issue 12) for the occupancy, budget and workbook tests.

Three phases; overlap and turnaround 14 days. Dwelling B1 holds two temporary stays and then a permanent one:

- B1 (2 rooms, 3,650 kr: 120 kr a day) free from 2027-02-01: T1 (phase 1) 2027-02-15 to 2027-09-01, T2
  (phase 2) 2027-09-17 to 2028-04-01, then P3 (phase 3, permanent) from 2028-04-17 for good. Empty: 14 + 16 + 16
  = 46 days, 5,520 kr.
- B2 (3 rooms, 7,300 kr: 240 kr a day) free from 2027-08-01 until 2028-06-01: T3 (phase 2) 2027-09-17 to
  2028-04-01. Empty 47 days, 11,280 kr.
- B3 (2 rooms, rent unknown), a renovated dwelling of phase 1, free from its ready date 2027-09-01: T4
  (phase 2) 2027-09-17 to 2028-04-01. Empty 16 days.
- B4 is not used; U1 (phase 1, permanent) is not housed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from builders import hh, vac

from allocator.domain import Instance, Kind, Phase, Settings
from allocator.result import Assignment, Reason, Result, SolverStats, Unassigned

D = dt.date
PHASES = (
    Phase("1", D(2027, 3, 1), D(2027, 9, 1), "Blok 1", row=2),
    Phase("2", D(2027, 10, 1), D(2028, 4, 1), "Blok 2", row=3),
    Phase("3", D(2028, 5, 1), None, "Blok 3", row=4),
)


def _temporary(hid: str, phase: Phase, **kw):
    return hh(
        hid,
        kind=Kind.TEMPORARY,
        phase=phase.phase_id,
        move_by=phase.construction_start,
        returns_on=phase.ready,
        deadline_from_phase=True,
        **kw,
    )


def phased_instance() -> Instance:
    households = (
        _temporary("T1", PHASES[0], name="Tove Eksempelsen"),
        _temporary("T2", PHASES[1]),
        hh("P3", phase="3", move_by=PHASES[2].construction_start, deadline_from_phase=True),
        _temporary("T3", PHASES[1]),
        _temporary("T4", PHASES[1]),
        hh("U1", phase="1", move_by=D(2027, 2, 1)),
    )
    vacancies = (
        vac("B1", rooms=2, rent=3650.0, available_from=D(2027, 2, 1)),
        vac("B2", rooms=3, rent=7300.0, available_from=D(2027, 8, 1), available_until=D(2028, 6, 1)),
        vac("B3", rooms=2, available_from=D(2027, 9, 1)),
        vac("B4", rooms=1, rent=3000.0, available_from=D(2027, 1, 1)),
    )
    return Instance(households, vacancies, phases=PHASES)


ASSIGNMENTS = (
    Assignment("T1", "B1", 2, D(2027, 2, 15), D(2027, 9, 1)),
    Assignment("T2", "B1", 2, D(2027, 9, 17), D(2028, 4, 1)),
    Assignment("P3", "B1", 1, D(2028, 4, 17), None),
    Assignment("T3", "B2", 1, D(2027, 9, 17), D(2028, 4, 1)),
    Assignment("T4", "B3", 1, D(2027, 9, 17), D(2028, 4, 1)),
)


def phased_result(*, with_stays: bool = True) -> Result:
    """The result above; ``with_stays=False`` leaves the assignments' stays unset, as the one-dwelling-one-
    household engine does."""
    assignments = (
        ASSIGNMENTS
        if with_stays
        else tuple(dataclasses.replace(a, stay_from=None, stay_until=None) for a in ASSIGNMENTS)
    )
    reason = Reason(
        "no_suitable_size",
        "2 vacancies in Hvidovre, none with 2 rooms",
        "2 ledige boliger i Hvidovre, ingen med 2 rum",
    )
    return Result(
        instance=phased_instance(),
        settings=Settings(),
        assignments=assignments,
        unassigned=(Unassigned("U1", (reason,)),),
        stats=SolverStats("OPTIMAL", 0, 0.0, "OPTIMAL", 0, 3, 12, 0.1),
    )
