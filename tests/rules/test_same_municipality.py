from builders import hh, vac
from rule_harness import allows

from allocator.domain import Kind, Settings
from allocator.rules import same_municipality as rule


def test_same_municipality_is_suitable():
    assert allows(rule, hh(municipality="Brøndby"), vac(municipality="Brøndby"))


def test_other_municipality_is_not():
    assert not allows(rule, hh(municipality="Brøndby"), vac(municipality="Hvidovre"))


def test_names_compare_exactly():
    assert not allows(rule, hh(municipality="Brøndby"), vac(municipality="Broendby"))


def test_temporary_household_may_agree_to_another_municipality():
    household = hh(municipality="Brøndby", kind=Kind.TEMPORARY, accepts_other_municipality=True)
    assert allows(rule, household, vac(municipality="Hvidovre"))


def test_permanent_household_agreement_is_not_enough():
    household = hh(municipality="Brøndby", kind=Kind.PERMANENT, accepts_other_municipality=True)
    assert not allows(rule, household, vac(municipality="Hvidovre"))


def test_setting_opens_other_municipalities_to_temporary_households_only():
    settings = Settings(temporary_other_municipality=True)
    assert allows(rule, hh(municipality="A", kind=Kind.TEMPORARY), vac(municipality="B"), settings)
    assert not allows(rule, hh(municipality="A", kind=Kind.PERMANENT), vac(municipality="B"), settings)
