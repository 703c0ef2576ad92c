"""The solver's ranks equal a brute-force serial dictatorship (one assignment solve per household and rank) on
small random contested cases, and the independent checker accepts every result."""

from __future__ import annotations

from brute_force import brute_force_ranks
from builders import hh, instance, senior, vac
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator.check import check
from allocator.domain import Kind, Settings
from allocator.solve import solve

DEPARTMENTS = ("A", "B", "C", "D")


@st.composite
def contested(draw):
    n = draw(st.integers(1, 9))
    m = draw(st.integers(max(0, n - 3), n + 2))
    households = [
        hh(
            f"H{k:02d}",
            kind=draw(st.sampled_from([Kind.PERMANENT, Kind.TEMPORARY])),
            seniority_date=senior(draw(st.integers(1970, 1974))),
            municipality=draw(st.sampled_from(["Hvidovre", "Hvidovre", "Brøndby"])),
            members=draw(st.integers(1, 3)),
            current_rooms=draw(st.integers(1, 4)),
            wishes=tuple(draw(st.permutations(DEPARTMENTS))[: draw(st.integers(0, 3))]),
            needs_ground_floor=draw(st.booleans()),
        )
        for k in range(n)
    ]
    vacancies = [
        vac(
            f"V{k:02d}",
            department=draw(st.sampled_from(DEPARTMENTS)),
            municipality=draw(st.sampled_from(["Hvidovre", "Hvidovre", "Brøndby"])),
            rooms=draw(st.integers(1, 4)),
            floor=draw(st.sampled_from([0, 1, 3])),
        )
        for k in range(m)
    ]
    return instance(households, vacancies)


@settings(max_examples=200, deadline=None)
@given(contested(), st.sampled_from(["range", "law-minimum"]))
def test_ranks_equal_the_brute_force_serial_dictatorship(inst, size_rule):
    s = Settings(size_rule=size_rule)
    result = solve(inst, s)
    ranks = {a.household_id: a.rank for a in result.assignments}
    expected = brute_force_ranks(inst, s)
    assert {h: ranks.get(h) for h in expected} == expected
    assert check(inst, s, result.assignment_map).ok
