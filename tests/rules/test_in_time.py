import datetime as dt

from builders import hh, vac
from rule_harness import allows

from allocator.domain import Settings
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
