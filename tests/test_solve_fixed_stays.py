"""A fixed stay in a phased case holds its dwelling only for its own time (``allocator.solve``), checked by the
independent checker.

Phase 1's temporary stays run 2027-02-15 to 2027-09-01 (free again 2027-09-15), phase 2's from 2027-09-17 to
2028-04-01, phase 3's from 2027-09-06 (inside phase 1's turnaround) to 2028-03-01, so phase 3 overlaps both.
"""

from __future__ import annotations

import datetime as dt

from builders import hh, vac

from allocator.check import check
from allocator.domain import Decisions, Instance, Kind, Phase, Settings
from allocator.solve import solve

D = dt.date
PHASES = (
    Phase("1", D(2027, 3, 1), D(2027, 9, 1)),
    Phase("2", D(2027, 10, 1), D(2028, 4, 1)),
    Phase("3", D(2027, 9, 20), D(2028, 3, 1)),
)
BY_ID = {p.phase_id: p for p in PHASES}
SETTINGS = Settings()


def member(hid: str, phase: str, year: int = 2010, kind: Kind = Kind.TEMPORARY):
    p = BY_ID[phase]
    return hh(
        hid,
        kind=kind,
        phase=phase,
        move_by=p.construction_start,
        returns_on=p.ready if kind is Kind.TEMPORARY else None,
        deadline_from_phase=True,
        seniority_date=D(year, 1, 1),
    )


def allocate(households, dwellings, fixed):
    instance = Instance(tuple(households), tuple(vac(d) for d in dwellings), phases=PHASES)
    decisions = Decisions(fixed=tuple(fixed), over_time=True)
    result = solve(instance, SETTINGS, decisions=decisions)
    audit = check(instance, SETTINGS, result.assignment_map, decisions=decisions)
    assert audit.ok, audit.verdict_lines()
    return result.assignment_map


def test_the_next_phase_follows_a_fixed_stay_and_an_overlapping_one_does_not():
    got = allocate(
        [member("T1", "1"), member("T3", "3", 2000), member("T2", "2", 2005)], ["B1"], [("T1", "B1")]
    )
    assert got == {"T1": "B1", "T2": "B1"}


def test_an_earlier_stay_goes_before_a_fixed_later_one():
    got = allocate([member("T2", "2"), member("T1", "1", 2020)], ["B1"], [("T2", "B1")])
    assert got == {"T2": "B1", "T1": "B1"}


def test_a_fixed_permanent_stay_holds_its_dwelling_for_good():
    got = allocate([member("P1", "1", kind=Kind.PERMANENT), member("T2", "2")], ["B1"], [("P1", "B1")])
    assert got == {"P1": "B1"}


def test_a_stay_that_overlaps_the_fixed_stays_of_two_dwellings_fits_neither():
    """B1 holds phase 1's T1, B2 phase 2's T2. Phase 3's T3 overlaps both; on no day do more than two stays run,
    so a count per day alone would let T3 in. Phase 2's U2 fits after T1 and phase 1's U1 before T2."""
    households = [member("T1", "1"), member("T2", "2"), member("T3", "3", 2000)]
    got = allocate(households, ["B1", "B2"], [("T1", "B1"), ("T2", "B2")])
    assert got == {"T1": "B1", "T2": "B2"}
    households += [member("U1", "1", 2001), member("U2", "2", 2002)]
    got = allocate(households, ["B1", "B2"], [("T1", "B1"), ("T2", "B2")])
    assert got == {"T1": "B1", "T2": "B2", "U1": "B2", "U2": "B1"}


def test_two_fixed_stays_on_one_dwelling_leave_the_time_between_them():
    """B1 holds T1 (phase 1) and, fixed too, P2 (phase 2, for good): nothing else fits on it."""
    households = [member("T1", "1"), member("P2", "2", kind=Kind.PERMANENT), member("T2", "2", 2000)]
    got = allocate(households, ["B1"], [("T1", "B1"), ("P2", "B1")])
    assert got == {"T1": "B1", "P2": "B1"}
