import datetime as dt

from allocator.schedule.settings import ScheduleSettings
from allocator.schedule.working_days import WorkingDays, is_working_day

D = dt.date


def test_kristi_himmelfartsdag_2027_is_not_a_working_day():
    assert not is_working_day(D(2027, 5, 6))  # Thursday, Ascension Day 2027
    assert is_working_day(D(2027, 5, 13))  # the Thursday after: an ordinary day


def test_weekends_easter_and_christmas_are_not_working_days():
    for day in (
        D(2027, 5, 8),
        D(2027, 5, 9),
        D(2027, 3, 26),
        D(2027, 3, 29),
        D(2026, 12, 25),
    ):  # Good Friday, Easter Monday, Christmas Day
        assert not is_working_day(day), day
    assert is_working_day(D(2026, 12, 28))  # no substitute day in Denmark


def test_closed_days_dates_and_ranges():
    settings = ScheduleSettings(closed_days=("2027-07-05..2027-07-09", "2027-08-02"))
    days = WorkingDays(D(2027, 7, 1), D(2027, 8, 6), settings.closed())
    assert D(2027, 7, 7) not in days.days and D(2027, 8, 2) not in days.days
    assert D(2027, 7, 12) in days.days and D(2027, 8, 3) in days.days
    assert days.between(D(2027, 7, 5), D(2027, 7, 11)) == []


def test_a_bad_closed_day_is_refused():
    import pytest

    from allocator.domain import DomainError

    with pytest.raises(DomainError, match="2027-13-01"):
        ScheduleSettings(closed_days=("2027-13-01",))
    with pytest.raises(DomainError, match="ends before"):
        ScheduleSettings(closed_days=("2027-07-09..2027-07-05",))
