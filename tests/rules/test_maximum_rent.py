from builders import hh, vac
from rule_harness import allows

from allocator.rules import maximum_rent as rule


def test_rent_at_the_maximum_is_suitable():
    assert allows(rule, hh(max_rent=6000.0), vac(rent=6000.0))


def test_rent_above_the_maximum_is_not():
    assert not allows(rule, hh(max_rent=6000.0), vac(rent=6000.5))


def test_unknown_rent_is_not_above_the_maximum():
    assert allows(rule, hh(max_rent=6000.0), vac(rent=None))


def test_no_maximum_takes_any_rent():
    assert allows(rule, hh(), vac(rent=25000.0))
