"""The phased allocation (issue 12) on hand-made cases: stays that reuse a dwelling, and the goals in order."""

import datetime as dt

from builders import hh, senior, vac

from allocator.domain import Instance, Kind, Phase, Settings
from allocator.solve import solve

D = dt.date
P1 = Phase("1", construction_start=D(2027, 3, 1), ready=D(2027, 9, 1))
P2 = Phase("2", construction_start=D(2027, 10, 1), ready=D(2028, 4, 1))


def temporary(hid: str, phase: Phase, seniority: int = 2010, **kw):
    return hh(
        hid,
        kind=Kind.TEMPORARY,
        phase=phase.phase_id,
        move_by=kw.pop("move_by", phase.construction_start),
        returns_on=phase.ready,
        seniority_date=senior(seniority),
        **kw,
    )


def permanent(hid: str, phase: Phase, seniority: int = 2010, **kw):
    return hh(
        hid, phase=phase.phase_id, move_by=phase.construction_start, seniority_date=senior(seniority), **kw
    )


def allocate(households, vacancies, phases=(P1, P2), **settings):
    result = solve(Instance(tuple(households), tuple(vacancies), phases=tuple(phases)), Settings(**settings))
    return {a.household_id: a for a in result.assignments}, result


def test_a_dwelling_left_by_phase_one_houses_phase_two():
    got, _ = allocate([temporary("A", P1), temporary("B", P2)], [vac("D")])
    assert got["A"].dwelling_id == got["B"].dwelling_id == "D"
    assert (got["A"].stay_from, got["A"].stay_until) == (D(2027, 2, 15), D(2027, 9, 1))
    assert (got["B"].stay_from, got["B"].stay_until) == (D(2027, 9, 17), D(2028, 4, 1))


def test_the_turnaround_keeps_stays_apart():
    # Phase 2's stay would start 2027-09-14, the day before the dwelling is ready again (2027-09-15).
    early = Phase("2", construction_start=D(2027, 9, 28), ready=D(2028, 4, 1))
    got, result = allocate(
        [temporary("A", P1, 2001), temporary("B", early, 2005)], [vac("D")], phases=(P1, early)
    )
    assert set(got) == {"A"}
    assert [u.household_id for u in result.unassigned] == ["B"]
    got, _ = allocate(
        [temporary("A", P1, 2001), temporary("B", early, 2005)],
        [vac("D")],
        phases=(P1, early),
        turnaround_days=13,
    )
    assert set(got) == {"A", "B"}


def test_a_permanent_stay_ends_the_timeline_and_may_follow_a_temporary_one():
    got, _ = allocate([temporary("A", P1), permanent("B", P2)], [vac("D")])
    assert got["A"].dwelling_id == got["B"].dwelling_id == "D"
    assert got["B"].stay_until is None
    got, result = allocate([permanent("A", P1, 2001), temporary("B", P2, 2000)], [vac("D")])
    assert set(got) == {"A"}  # permanent first, and nothing after it


def test_coverage_before_priority_when_one_long_stay_blocks_two_short_ones():
    # The most senior household's stay spans both others'; housing it alone would leave two out.
    long = Phase("L", construction_start=D(2027, 3, 1), ready=D(2028, 4, 1))
    households = [temporary("A", long, 2001), temporary("B", P1, 2005), temporary("C", P2, 2006)]
    got, result = allocate(households, [vac("D")], phases=(long, P1, P2))
    assert set(got) == {"B", "C"}
    assert [u.household_id for u in result.unassigned] == ["A"]


def test_reuse_takes_the_dwelling_that_is_free_long_enough():
    # D2 must be given back when phase 1 ends, so phase 2 can only use D1; one dwelling is enough for both.
    got, _ = allocate(
        [temporary("A", P1, 2001), temporary("B", P2, 2005)],
        [vac("D1"), vac("D2", available_until=D(2027, 9, 1))],
    )
    assert got["B"].dwelling_id == "D1"
    assert got["A"].dwelling_id == "D1"


def test_seniority_decides_a_contested_wish_across_phases():
    # One dwelling in Søholm; both wish it; their stays overlap (phase 2 starts before phase 1 is ready).
    overlapping = Phase("2", construction_start=D(2027, 6, 1), ready=D(2028, 1, 1))
    a = temporary("A", P1, 2005, wishes=("Søholm",))
    b = temporary("B", overlapping, 2001, wishes=("Søholm",))
    got, _ = allocate([a, b], [vac("S", department="Søholm"), vac("N")], phases=(P1, overlapping))
    assert got["B"].dwelling_id == "S" and got["A"].dwelling_id == "N"


def test_fewest_dwellings_held():
    got, _ = allocate([temporary("A", P1), temporary("B", P2)], [vac("D1"), vac("D2")])
    assert got["A"].dwelling_id == got["B"].dwelling_id


def test_without_phases_nothing_is_reused():
    a = hh("A", kind=Kind.TEMPORARY, move_by=D(2027, 3, 1))
    b = hh("B", kind=Kind.TEMPORARY, move_by=D(2027, 10, 1), seniority_date=senior(2011))
    result = solve(Instance((a, b), (vac("D"),)), Settings())
    assert [x.household_id for x in result.assignments] == ["A"]
    assert result.assignments[0].stay_from is None


def test_the_same_case_gives_the_same_allocation_whatever_the_workers():
    households = [temporary(f"T{k}", (P1, P2)[k % 2], 2000 + k % 3) for k in range(8)] + [
        permanent(f"P{k}", P2, 2001 + k) for k in range(3)
    ]
    vacancies = [vac(f"D{k}", available_from=D(2027, 1, 1 + k)) for k in range(6)]
    one, _ = allocate(households, vacancies, workers=1)
    four, _ = allocate(households, vacancies, workers=4)
    assert one == four


def test_the_weighted_priority_houses_the_most_then_the_cheapest():
    long = Phase("L", construction_start=D(2027, 3, 1), ready=D(2028, 4, 1))
    households = [temporary("A", long, 2001), temporary("B", P1, 2005), temporary("C", P2, 2006)]
    got, _ = allocate(households, [vac("D")], phases=(long, P1, P2), priority="weighted")
    assert set(got) == {"B", "C"}
