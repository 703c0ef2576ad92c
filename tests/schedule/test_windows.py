"""Each window rule: a hand case that passes and one that fails."""

import datetime as dt
from dataclasses import replace

import pytest
from cases import SETTINGS, D, phased, plain, unphased

from allocator.domain import Instance
from allocator.schedule import DoesNotFit, make_schedule


def reasons(exc) -> dict[tuple[str, str], str]:
    return {(w.household_id, w.type): w.reason for w in exc.value.diagnosis.empty_windows}


def test_a_move_lies_in_the_overlap_days_before_move_by():
    inst, a = unphased(1)
    (move,) = make_schedule(inst, SETTINGS, a, plain()).moves
    assert D(2027, 5, 18) <= move.date <= D(2027, 5, 31)
    assert move.date == D(2027, 5, 18)  # the fewest empty days: as soon as the window opens


def test_earliest_move_days_lets_a_move_come_sooner():
    inst, a = unphased(1)
    (move,) = make_schedule(inst, SETTINGS, a, plain(earliest_move_days=60)).moves
    assert move.date == D(2027, 4, 6)  # free 2027-04-01, but the notice period ends 2027-04-06


def test_a_dwelling_free_too_late_has_an_empty_window():
    inst, a = unphased(1, free=D(2027, 6, 1))
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain())
    assert reasons(exc) == {("H1", "permanent"): "dwelling_late"}


def test_no_move_within_the_notice_period():
    inst, a = unphased(1, move_by=D(2027, 3, 1), free=D(2027, 1, 1))
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain())
    assert reasons(exc) == {("H1", "permanent"): "notice"}
    (move,) = make_schedule(inst, SETTINGS, a, plain(notice_days=30)).moves
    assert move.date == D(2027, 2, 15)


def test_a_window_of_closed_days_has_no_working_day():
    inst, a = unphased(1)
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, SETTINGS, a, plain(closed_days=("2027-05-18..2027-05-31",)))
    assert reasons(exc) == {("H1", "permanent"): "no_working_day"}


def test_moves_back_after_ready_within_return_days_and_reuse_keeps_the_turnaround():
    inst, a = phased()
    s = make_schedule(inst, SETTINGS, a, plain())
    dates = {(m.move.household_id, m.move.type): m.date for m in s.moves}
    assert D(2027, 10, 1) <= dates[("A", "back")] <= D(2027, 10, 14)
    assert D(2028, 3, 1) <= dates[("B", "back")] <= D(2028, 3, 14)
    assert dates[("B", "out")] >= dates[("A", "back")] + dt.timedelta(days=14)
    assert dates[("C", "permanent")] >= dates[("B", "back")] + dt.timedelta(days=14)


def test_a_next_stay_too_soon_for_the_turnaround_does_not_fit():
    inst, a = phased()
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(inst, replace(SETTINGS, turnaround_days=40), a, plain())
    assert reasons(exc) == {("B", "out"): "previous_stay"}


def test_a_move_back_must_be_by_the_dwellings_available_until():
    inst, a = phased()
    (lent,) = inst.vacancies
    short = Instance(
        inst.households[:1], (replace(lent, available_until=D(2027, 9, 30)),), phases=inst.phases
    )
    with pytest.raises(DoesNotFit) as exc:
        make_schedule(short, SETTINGS, a[:1], plain())
    assert ("A", "back") in reasons(exc)
    fine = Instance(inst.households[:1], (replace(lent, available_until=D(2027, 10, 5)),), phases=inst.phases)
    dates = make_schedule(fine, SETTINGS, a[:1], plain()).dates_of("A")
    assert D(2027, 10, 1) <= dates["back"] <= D(2027, 10, 5)


def test_a_booked_date_is_kept_even_on_a_saturday():
    inst, a = unphased(1)
    (move,) = make_schedule(inst, SETTINGS, a, plain(), booked={("H1", "permanent"): D(2027, 5, 22)}).moves
    assert move.date == D(2027, 5, 22) and move.move.booked == D(2027, 5, 22)
