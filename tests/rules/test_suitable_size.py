import pytest
from builders import hh, vac
from rule_harness import allows

from allocator.domain import Settings
from allocator.rules import suitable_size as rule


@pytest.mark.parametrize("rooms, expected", [(1, False), (2, True), (3, True), (4, True), (5, False)])
def test_range_is_members_plus_one_to_current_rooms(rooms, expected):
    # 1 person (members + 1 = 2) living in 4 rooms: 2, 3 or 4 rooms are suitable.
    assert allows(rule, hh(members=1, current_rooms=4), vac(rooms=rooms)) is expected


@pytest.mark.parametrize("rooms, expected", [(2, False), (3, True), (4, True), (5, True), (6, False)])
def test_range_when_current_dwelling_is_smaller_than_members_plus_one(rooms, expected):
    # 4 persons in 3 rooms: the law's lower bound is the current 3, the upper is 5.
    assert allows(rule, hh(members=4, current_rooms=3), vac(rooms=rooms)) is expected


def test_agreed_smaller_dwelling_lowers_the_bound():
    household = hh(members=2, current_rooms=3, min_rooms=1)
    assert allows(rule, household, vac(rooms=1))
    assert not allows(rule, hh(members=2, current_rooms=3), vac(rooms=1))


def test_asked_for_larger_dwelling_raises_the_bound():
    assert allows(rule, hh(members=1, current_rooms=2, max_rooms=4), vac(rooms=4))
    assert not allows(rule, hh(members=1, current_rooms=2), vac(rooms=4))


def test_law_minimum_has_no_upper_bound():
    settings = Settings(size_rule="law-minimum")
    assert allows(rule, hh(members=1, current_rooms=2), vac(rooms=6), settings)
    assert not allows(rule, hh(members=3, current_rooms=4), vac(rooms=3), settings)


@pytest.mark.parametrize("rooms, expected", [(2, True), (3, False), (4, True)])
def test_exact_is_members_plus_one_or_current_rooms(rooms, expected):
    settings = Settings(size_rule="exact")
    assert allows(rule, hh(members=1, current_rooms=4), vac(rooms=rooms), settings) is expected


def test_requirement_in_words():
    assert rule.requirement(hh(members=1, current_rooms=3), Settings(), "en") == "with 2-3 rooms"
    assert rule.requirement(hh(members=1, current_rooms=2), Settings(), "da") == "med 2 rum"


def test_half_rule_lets_a_temporary_household_take_one_room_per_two_persons():
    from allocator.domain import Kind

    half = Settings(temporary_size_rule="half")
    family = hh(members=4, current_rooms=4, kind=Kind.TEMPORARY)
    assert allows(rule, family, vac(rooms=2), half)
    assert not allows(rule, family, vac(rooms=1), half)
    assert not allows(rule, family, vac(rooms=2))


def test_half_rule_leaves_permanent_households_alone():
    half = Settings(temporary_size_rule="half")
    assert not allows(rule, hh(members=4, current_rooms=4), vac(rooms=2), half)


def test_an_agreed_minimum_above_the_rule_lifts_the_maximum():
    # 1 person in 2 rooms (rule: 2) who agreed to at least 3 rooms: 3 is suitable, 2 and 4 are not.
    household = hh(members=1, current_rooms=2, min_rooms=3)
    assert allows(rule, household, vac(rooms=3))
    assert not allows(rule, household, vac(rooms=2))
    assert not allows(rule, household, vac(rooms=4))


def test_an_agreed_maximum_below_the_rule_lowers_the_minimum():
    # 3 persons in 4 rooms (rule: 4) who agreed to at most 2 rooms: 2 is suitable, 3 is not.
    household = hh(members=3, current_rooms=4, max_rooms=2)
    assert allows(rule, household, vac(rooms=2))
    assert not allows(rule, household, vac(rooms=3))
