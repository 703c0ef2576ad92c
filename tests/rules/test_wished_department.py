from builders import hh, vac
from rule_harness import allows

from allocator.domain import Settings
from allocator.rules import wished_department as rule

HARD = Settings(wishes="hard")


def test_soft_wishes_exclude_nothing():
    assert allows(rule, hh(wishes=("A",)), vac(department="B"))


def test_hard_wishes_allow_a_wished_department():
    assert allows(rule, hh(wishes=("A", "B")), vac(department="B"), HARD)


def test_hard_wishes_exclude_other_departments():
    assert not allows(rule, hh(wishes=("A",)), vac(department="B"), HARD)


def test_household_without_wishes_is_unaffected_by_hard_wishes():
    assert allows(rule, hh(wishes=()), vac(department="B"), HARD)
