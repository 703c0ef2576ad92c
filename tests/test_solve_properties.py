"""The solver's allocations pass the independent checker on generated instances of every shape."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.check import check
from allocator.domain import Household, Instance, Kind, Settings, Use, Vacancy
from allocator.generate import generate_instance
from allocator.solve import solve

DEPARTMENTS = ("A", "B", "C", "D")


@st.composite
def households(draw, i: int) -> Household:
    members = draw(st.integers(1, 5))
    return Household(
        household_id=f"H{i}",
        department="Old",
        municipality=draw(st.sampled_from(("M1", "M2"))),
        members=members,
        current_rooms=draw(st.integers(1, 6)),
        kind=draw(st.sampled_from(Kind)),
        seniority_date=dt.date(2000 + draw(st.integers(0, 3)), 1, 1),  # few dates: ties are common
        wishes=tuple(draw(st.lists(st.sampled_from(DEPARTMENTS), max_size=3, unique=True))),
        needs_elevator=draw(st.booleans()),
        max_rent=draw(st.sampled_from((None, 5000.0, 8000.0))),
        move_by=draw(st.sampled_from((None, dt.date(2027, 3, 1)))),
        accepts_other_municipality=draw(st.booleans()),
    )


@st.composite
def vacancies(draw, j: int) -> Vacancy:
    return Vacancy(
        dwelling_id=f"V{j}",
        department=draw(st.sampled_from(DEPARTMENTS)),
        municipality=draw(st.sampled_from(("M1", "M2"))),
        rooms=draw(st.integers(1, 6)),
        rent=draw(st.sampled_from((None, 4000.0, 7000.0, 9000.0))),
        floor=draw(st.sampled_from((None, 0, 1, 3))),
        elevator=draw(st.booleans()),
        available_from=draw(st.sampled_from((None, dt.date(2027, 2, 1), dt.date(2027, 2, 20)))),
        use=draw(st.sampled_from(Use)),
    )


@st.composite
def instances(draw) -> Instance:
    n = draw(st.integers(1, 14))
    m = draw(st.integers(0, 14))
    return Instance(tuple(draw(households(i)) for i in range(n)), tuple(draw(vacancies(j)) for j in range(m)))


@st.composite
def run_settings(draw) -> Settings:
    return Settings(
        size_rule=draw(st.sampled_from(("range", "law-minimum", "exact"))),
        temporary_other_municipality=draw(st.booleans()),
        tie_break_seed=draw(st.integers(0, 3)),
        overlap_days=draw(st.sampled_from((0, 14, 30))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), run_settings())
def test_strict_allocation_passes_every_check(instance, run):
    result = solve(instance, run)
    audit = check(instance, run, result.assignment_map)
    assert audit.ok, audit.verdict_lines()
    assert len(result.assignments) + len(result.unassigned) == len(instance.households)


@pytest.mark.parametrize("seed", range(4))
def test_generated_rehousing_cases_pass_every_check(seed):
    instance = generate_instance(120, 150, seed=seed)
    result = solve(instance, Settings(tie_break_seed=seed))
    audit = check(instance, Settings(tie_break_seed=seed), result.assignment_map)
    assert audit.ok, audit.verdict_lines()
