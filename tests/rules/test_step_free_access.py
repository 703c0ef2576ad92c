from builders import hh, vac
from rule_harness import allows

from allocator.rules import step_free_access as rule


def test_ground_floor_is_step_free():
    assert allows(rule, hh(needs_ground_floor=True), vac(floor=0))


def test_elevator_is_step_free():
    assert allows(rule, hh(needs_elevator=True), vac(floor=4, elevator=True))


def test_upper_floor_without_elevator_is_not():
    assert not allows(rule, hh(needs_elevator=True), vac(floor=2, elevator=False))


def test_unknown_floor_without_elevator_is_not_taken_as_step_free():
    assert not allows(rule, hh(needs_ground_floor=True), vac(floor=None, elevator=False))


def test_household_without_the_need_takes_any_floor():
    assert allows(rule, hh(), vac(floor=3, elevator=False))
