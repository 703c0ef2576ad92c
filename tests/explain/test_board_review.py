"""Board review (domain rule 9): a small household in a large dwelling while a larger one fared worse."""

from __future__ import annotations

from builders import hh, instance, senior, vac

from allocator.domain import Decisions, Settings
from allocator.explain import board_cases, board_rule
from allocator.solve import solve

DEFAULT = Settings()


def single(**kw):
    """A senior single person living in 4 rooms: 2-4 rooms are suitable."""
    return hh("SINGLE", members=1, current_rooms=4, seniority_date=senior(2001), **kw)


def family(**kw):
    """A junior family of four in 4 rooms: 4-5 rooms are suitable."""
    base = dict(members=4, current_rooms=4, seniority_date=senior(2015))
    base.update(kw)
    return hh("FAMILY", **base)


def cases(households, vacancies, settings=DEFAULT, **kw):
    inst = instance(households, vacancies)
    result = solve(inst, settings, **kw)
    return result.assignment_map, board_cases(
        inst, settings, result.assignment_map, decisions=kw.get("decisions")
    )


def test_single_person_in_four_rooms_while_the_family_got_a_worse_wish_is_flagged():
    households = [single(wishes=("A",)), family(wishes=("A", "B"))]
    vacancies = [vac("A4", department="A", rooms=4), vac("B4", department="B", rooms=4)]
    got, found = cases(households, vacancies)
    assert got == {"SINGLE": "A4", "FAMILY": "B4"}
    (case,) = found
    assert (case.small_id, case.small_members, case.small_rank) == ("SINGLE", 1, 1)
    assert (case.dwelling_id, case.rooms, case.municipality) == ("A4", 4, "Hvidovre")
    assert (case.large_id, case.large_members, case.large_rank, case.large_rank_here) == ("FAMILY", 4, 2, 1)


def test_not_flagged_when_the_family_got_its_first_wish():
    households = [single(wishes=("A",)), family(wishes=("B",))]
    vacancies = [vac("A4", department="A", rooms=4), vac("B4", department="B", rooms=4)]
    got, found = cases(households, vacancies)
    assert got == {"SINGLE": "A4", "FAMILY": "B4"}
    assert found == ()


def test_unhoused_family_is_flagged():
    households = [single(), family()]
    got, found = cases(households, [vac("A4", department="A", rooms=4)])
    assert got == {"SINGLE": "A4"}
    (case,) = found
    assert case.large_id == "FAMILY" and case.large_rank is None


def test_family_in_another_municipality_is_not_compared():
    households = [single(), family(municipality="Brøndby")]
    vacancies = [
        vac("A4", department="A", rooms=4),
        vac("B4", department="B", rooms=4, municipality="Brøndby"),
    ]
    _, found = cases(households, vacancies)
    assert found == ()


def test_dwelling_below_the_room_threshold_is_not_flagged():
    households = [single(wishes=("A",)), family(wishes=("A", "B"))]
    vacancies = [vac("A4", department="A", rooms=4), vac("B4", department="B", rooms=4)]
    _, found = cases(households, vacancies, Settings(board_min_rooms=5))
    assert found == ()


def test_dwelling_the_family_refused_does_not_count():
    households = [single(wishes=("A",)), family(wishes=("A", "B"))]
    vacancies = [vac("A4", department="A", rooms=4), vac("B4", department="B", rooms=4)]
    _, found = cases(households, vacancies, decisions=Decisions(forbidden=(("FAMILY", "A4"),)))
    assert found == ()


def test_rule_states_both_settings():
    rule = board_rule(Settings(board_max_members=1, board_min_rooms=3))
    assert "board_max_members = 1" in rule.en and "board_min_rooms = 3" in rule.en
    assert "højst 1 person " in rule.da and "mindst 3 rum" in rule.da
