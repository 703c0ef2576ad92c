import datetime as dt

from builders import hh, vac
from rule_harness import allows

from allocator.domain import Kind, Settings
from allocator.rules import in_time as rule

MOVE_BY = dt.date(2027, 3, 1)


def test_free_fourteen_days_before_move_by_is_in_time():
    assert allows(rule, hh(move_by=MOVE_BY), vac(available_from=dt.date(2027, 2, 15)))


def test_free_thirteen_days_before_is_too_late():
    assert not allows(rule, hh(move_by=MOVE_BY), vac(available_from=dt.date(2027, 2, 16)))


def test_overlap_is_a_setting():
    assert allows(
        rule, hh(move_by=MOVE_BY), vac(available_from=dt.date(2027, 2, 28)), Settings(overlap_days=1)
    )


def test_no_date_means_free_now_and_no_deadline():
    assert allows(rule, hh(move_by=MOVE_BY), vac(available_from=None))
    assert allows(rule, hh(move_by=None), vac(available_from=dt.date(2030, 1, 1)))


READY = dt.date(2027, 9, 1)


def test_a_dwelling_given_back_after_the_return_suits_the_temporary_stay():
    stay = hh(kind=Kind.TEMPORARY, move_by=MOVE_BY, returns_on=READY)
    assert allows(rule, stay, vac(available_until=READY))


def test_a_dwelling_given_back_before_the_return_does_not():
    stay = hh(kind=Kind.TEMPORARY, move_by=MOVE_BY, returns_on=READY)
    assert not allows(rule, stay, vac(available_until=READY - dt.timedelta(days=1)))


def test_a_dwelling_that_must_be_given_back_never_suits_a_stay_for_good():
    assert not allows(rule, hh(move_by=MOVE_BY), vac(available_until=dt.date(2040, 1, 1)))
    assert not allows(
        rule, hh(kind=Kind.TEMPORARY, move_by=MOVE_BY), vac(available_until=dt.date(2040, 1, 1))
    )


def test_the_requirement_names_the_return():
    stay = hh(kind=Kind.TEMPORARY, move_by=MOVE_BY, returns_on=READY)
    assert rule.requirement(stay, Settings(), "da") == "ledig senest 15-02-2027 og til mindst 01-09-2027"
