from builders import hh

from allocator.domain import BudgetSettings, Instance, Kind, Settings
from allocator.explain.long_stays import long_temporary_stays


def case(*households):
    return Instance(tuple(households), ())


def test_a_temporary_stay_over_twelve_months_is_flagged():
    flags = long_temporary_stays(case(hh("T", kind=Kind.TEMPORARY, stay_months=14)), Settings())
    assert len(flags) == 1 and "T" in flags[0] and "§ 86 a" in flags[0]


def test_twelve_months_or_a_permanent_household_is_not():
    households = (hh("T", kind=Kind.TEMPORARY, stay_months=12), hh("P", stay_months=30))
    assert long_temporary_stays(case(*households), Settings()) == ()


def test_the_budget_setting_counts_for_households_without_the_column():
    settings = Settings(budget=BudgetSettings(stay_months=18))
    assert long_temporary_stays(case(hh("T", kind=Kind.TEMPORARY)), settings)
