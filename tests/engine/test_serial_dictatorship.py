"""Seniority decides, exactly: the serial dictatorship with ties on hand-made cases.

Each case is small enough to work out by hand; the comments say why the answer is what it is. The random
comparison with a brute force is in ``test_serial_dictatorship_properties.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from builders import hh, instance, senior, vac

from allocator.check import check
from allocator.domain import Kind, Settings
from allocator.solve import solve


def allocation(inst, settings=None):
    settings = settings or Settings()
    result = solve(inst, settings)
    return result, result.assignment_map


def day(text: str) -> dt.date:
    d, m, y = map(int, text.split("-"))
    return dt.date(y, m, d)


def test_six_households_found_in_a_random_case_the_indifferent_senior_leaves_the_second_wish_free():
    """Issue 9: H014 wishes neither Afd 2 nor Afd 3, so D019 and D023 are the same to it; serial dictatorship
    gives H016 (which wishes Afd 3 before Afd 2) D019."""
    T = Kind.TEMPORARY
    households = [
        hh("H022", seniority_date=day("13-08-1976"), members=1, current_rooms=1, wishes=("Afd 0",)),
        hh("H027", seniority_date=day("28-09-2001"), members=1, current_rooms=2, wishes=("Afd 0", "Afd 2", "Afd 3")),
        hh("H014", kind=T, seniority_date=day("16-07-1982"), members=1, current_rooms=1, wishes=("Afd 0", "Afd 1")),
        hh("H010", kind=T, seniority_date=day("06-08-1989"), members=2, current_rooms=1, wishes=("Afd 0", "Afd 2")),
        hh("H016", kind=T, seniority_date=day("22-06-1992"), members=2, current_rooms=2,
           wishes=("Afd 0", "Afd 3", "Afd 2")),
        hh("H003", kind=T, seniority_date=day("14-11-2015"), members=2, current_rooms=3, wishes=("Afd 1", "Afd 2")),
    ]
    vacancies = [
        vac("D000", department="Afd 0", rooms=2, floor=1),
        vac("D027", department="Afd 0", rooms=3, floor=2),
        vac("D014", department="Afd 2", rooms=2, floor=1),
        vac("D023", department="Afd 2", rooms=2, floor=2),
        vac("D019", department="Afd 3", rooms=2, floor=1),
        vac("D024", department="Afd 1", rooms=4, floor=0),
    ]
    inst = instance(households, vacancies)
    result, given = allocation(inst)
    assert given["H016"] == "D019"
    ranks = {a.household_id: a.rank for a in result.assignments}
    # H022 (1-2 rooms) takes D000; H027 (2 rooms) then has Afd 2 at best; H014 (1-2 rooms) has neither Afd 0 nor
    # the 4-room D024 of Afd 1, so any 2-room will do, and it must leave D019 for H016; H010 (1-3 rooms) takes
    # D027; H003 (3 rooms only) could only have D027 and is the one left out (D024 suits nobody).
    assert ranks == {"H022": 1, "H027": 2, "H014": 3, "H010": 1, "H016": 2}
    assert check(inst, Settings(), given).ok


def test_a_chain_the_senior_takes_the_dwelling_only_it_can_use_so_the_next_gets_the_other():
    """Issue 9, hand-made: A suits 1-2 rooms, B only 2, C 1-2. Seniority says A takes D1 so that B can have
    D2, and C gets E2. A->D2, B->E2, C->D1 passes every pairwise check and is wrong."""
    wishes = ("Afd 0", "Afd 2")
    households = [
        hh("A", seniority_date=senior(1980), members=1, current_rooms=1, wishes=wishes),
        hh("B", seniority_date=senior(1990), members=1, current_rooms=2, wishes=wishes),
        hh("C", seniority_date=senior(2000), members=1, current_rooms=1, wishes=wishes),
    ]
    vacancies = [
        vac("D1", department="Afd 0", rooms=1),
        vac("D2", department="Afd 0", rooms=2),
        vac("E2", department="Afd 2", rooms=2),
    ]
    _, given = allocation(instance(households, vacancies))
    assert given == {"A": "D1", "B": "D2", "C": "E2"}


def _chain(length: int):
    """A ladder of ``length + 1`` households: household k (in priority order) may have Xk, its first wish, or
    X(k+1), its second; one dwelling more than households. Any household that took its second wish would push
    the next one along, so serial dictatorship gives every household its first wish.
    """
    households, vacancies = [], []
    for k in range(length + 1):
        households.append(
            hh(f"H{k}", seniority_date=senior(1970 + k), members=1, current_rooms=1,
               wishes=(f"P{k}", f"P{k + 1}"), min_rooms=k + 1, max_rooms=k + 2)
        )
        vacancies.append(vac(f"X{k}", department=f"P{k}", rooms=k + 1))
    vacancies.append(vac(f"X{length + 1}", department=f"P{length + 1}", rooms=length + 2))
    return instance(households, vacancies)


@pytest.mark.parametrize("length", [1, 2, 3])
def test_a_ladder_of_overlapping_wishes_gives_every_household_its_first_wish(length):
    inst = _chain(length)
    result, given = allocation(inst)
    assert {a.household_id: a.rank for a in result.assignments} == {f"H{k}": 1 for k in range(length + 1)}
    assert check(inst, Settings(), given).ok


def test_a_senior_indifferent_between_two_dwellings_keeps_the_one_the_junior_cannot_use():
    """The senior wishes nothing, so every dwelling is the same to it; the junior may only have B1."""
    households = [
        hh("S", seniority_date=senior(1970), members=1, current_rooms=2),
        hh("J", seniority_date=senior(2000), members=1, current_rooms=2, wishes=("A",), needs_ground_floor=True),
    ]
    vacancies = [vac("A1", department="A", floor=0), vac("A2", department="A", floor=3)]
    _, given = allocation(instance(households, vacancies))
    assert given == {"S": "A2", "J": "A1"}


def test_the_housed_set_is_the_priority_greedy_one_through_a_chain():
    """U (senior, unhoused otherwise) may only have D1, held in a first try by L, which may also have D2, held
    by M, which may also have F. Everyone can be housed only if all move: the greedy set houses U."""
    households = [
        hh("U", seniority_date=senior(1970), min_rooms=1, max_rooms=1),
        hh("L", seniority_date=senior(1980), min_rooms=1, max_rooms=2),
        hh("M", seniority_date=senior(1990), min_rooms=2, max_rooms=3),
    ]
    vacancies = [vac("D1", rooms=1), vac("D2", rooms=2), vac("F", rooms=3)]
    _, given = allocation(instance(households, vacancies))
    assert given == {"U": "D1", "L": "D2", "M": "F"}


def test_weighted_mode_is_untouched_by_the_serial_dictatorship():
    inst = _chain(2)
    result, _ = allocation(inst, Settings(priority="weighted"))
    assert len(result.assignments) == 3
