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


def test_the_flag_has_its_danish_words():
    (flag,) = long_temporary_stays(case(hh("T", kind=Kind.TEMPORARY, stay_months=14)), Settings())
    assert flag.da.startswith("1 midlertidig husstand bor midlertidigt i mere end 12 måneder (T)")
    assert str(flag).startswith("1 temporary household stays more than 12 months (T)")


def test_a_phased_stay_is_measured_by_its_dates():
    import datetime as dt

    def stay(hid, ready):
        return hh(hid, kind=Kind.TEMPORARY, move_by=dt.date(2027, 3, 1), returns_on=ready, stay_months=1)

    # From 15-02-2027 (14 days before the move-by date): to 01-02-2028 is under 12 months, to 01-03-2028 over.
    flags = long_temporary_stays(
        case(stay("S", dt.date(2028, 2, 1)), stay("L", dt.date(2028, 3, 1))), Settings()
    )
    assert len(flags) == 1 and "(L)" in flags[0]
