"""Stay windows and overlapping stays of a phased case, each tripped and passed."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from phased_cases import PHASES, case, dw, ph

from allocator.check import check
from allocator.check.stay_windows import stays_of
from allocator.domain import Decisions, Kind, Settings
from allocator.stays import fits_window, stay_of

SETTINGS = Settings()


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def test_two_stays_after_each_other_share_a_dwelling():
    """Phase 1 is out (turnaround included) on 2027-09-15, phase 2 moves in on 2027-09-17."""
    audit = check(case([ph("T1", "1"), ph("T2", "2")], [dw("B1")]), SETTINGS, {"T1": "B1", "T2": "B1"})
    assert audit.ok, audit.verdict_lines()
    assert audit.housed == audit.max_housed == 2
    assert not audit.rule_breaches  # no "dwelling_assigned_twice" in a phased case


def test_overlapping_stays_fail_and_neither_counts():
    audit = check(
        case([ph("T1", "1"), ph("T3", "3")], [dw("B1"), dw("B2")]), SETTINGS, {"T1": "B1", "T3": "B1"}
    )
    assert kinds(audit.time.stay_overlaps) == ["stay_overlap"]
    assert audit.time.stay_overlaps[0].household_ids == ("T1", "T3")
    assert audit.housed == 0 and audit.max_housed == 2
    assert not audit.ok
    assert "stay overlaps: 1 - FAILED" in audit.verdict_lines()


def test_the_turnaround_counts_as_occupied():
    """With 20 days' turnaround phase 1 is out only on 2027-09-21, after phase 2 moves in."""
    settings = Settings(turnaround_days=20)
    audit = check(case([ph("T1", "1"), ph("T2", "2")], [dw("B1")]), settings, {"T1": "B1", "T2": "B1"})
    assert kinds(audit.time.stay_overlaps) == ["stay_overlap"]
    assert audit.max_housed == 1


def test_a_permanent_stay_ends_the_timeline():
    households = [ph("P1", "1", kind=Kind.PERMANENT), ph("T2", "2")]
    audit = check(case(households, [dw("B1"), dw("B2")]), SETTINGS, {"P1": "B1", "T2": "B1"})
    assert kinds(audit.time.stay_overlaps) == ["stay_overlap"]
    assert check(case(households, [dw("B1"), dw("B2")]), SETTINGS, {"P1": "B1", "T2": "B2"}).ok


def test_a_temporary_household_before_a_permanent_one():
    households = [ph("T1", "1"), ph("P2", "2", kind=Kind.PERMANENT)]
    audit = check(case(households, [dw("B1")]), SETTINGS, {"T1": "B1", "P2": "B1"})
    assert audit.ok, audit.verdict_lines()


def test_a_dwelling_not_yet_free_at_the_start_of_the_stay():
    late = dw("B1", available_from=dt.date(2027, 2, 16))  # the phase 1 stay starts 2027-02-15
    audit = check(case([ph("T1", "1")], [late]), SETTINGS, {"T1": "B1"})
    assert kinds(audit.time.stay_windows) == ["stay_outside_window"]
    assert "free only from 2027-02-16" in audit.time.stay_windows[0].text
    assert not audit.rule_breaches  # the same condition as in_time, reported once
    assert not audit.ok and audit.max_housed == 0
    on_time = dw("B1", available_from=dt.date(2027, 2, 15))
    assert check(case([ph("T1", "1")], [on_time]), SETTINGS, {"T1": "B1"}).ok


def test_a_temporary_stay_ends_on_or_before_the_last_free_day():
    """Phase 1 is ready 2027-09-01: the household must be out by then."""
    short = dw("B1", available_until=dt.date(2027, 8, 31))
    audit = check(case([ph("T1", "1")], [short]), SETTINGS, {"T1": "B1"})
    assert kinds(audit.time.stay_windows) == ["stay_outside_window"]
    assert "free only until 2027-08-31" in audit.time.stay_windows[0].text
    exact = dw("B1", available_until=dt.date(2027, 9, 1))
    assert check(case([ph("T1", "1")], [exact]), SETTINGS, {"T1": "B1"}).ok


def test_a_permanent_stay_needs_a_dwelling_for_good():
    lent = dw("B1", available_until=dt.date(2040, 1, 1))
    audit = check(case([ph("P1", "1", kind=Kind.PERMANENT)], [lent]), SETTINGS, {"P1": "B1"})
    assert kinds(audit.time.stay_windows) == ["stay_outside_window"]
    assert "permanent stay" in audit.time.stay_windows[0].text


def test_other_rules_still_hold_for_every_stay():
    audit = check(
        case([ph("T1", "1"), ph("T2", "2")], [dw("B1", rooms=4)]), SETTINGS, {"T1": "B1", "T2": "B1"}
    )
    assert kinds(audit.rule_breaches) == ["suitable_size", "suitable_size"]
    assert audit.housed == 0


def test_unknown_ids_are_breaches():
    audit = check(case([ph("T1", "1")], [dw("B1")]), SETTINGS, {"T1": "B9", "X": "B1"})
    assert sorted(kinds(audit.rule_breaches)) == ["unknown_dwelling", "unknown_household"]


def test_day_numbers_agree_with_the_stays_module():
    """The checker's [start, end) arithmetic says what allocator.stays says, on every combination."""
    days = [
        None,
        dt.date(2027, 2, 14),
        dt.date(2027, 2, 15),
        dt.date(2027, 2, 16),
        dt.date(2027, 9, 1),
        dt.date(2027, 9, 2),
        dt.date(2028, 4, 1),
    ]
    households = [ph(f"T{p.phase_id}", p.phase_id) for p in PHASES] + [
        ph(f"P{p.phase_id}", p.phase_id, kind=Kind.PERMANENT) for p in PHASES
    ]
    vacancies = [
        dw(f"B{k}", available_from=a, available_until=b)
        for k, (a, b) in enumerate(itertools.product(days, days))
        if a is None or b is None or a <= b
    ]
    for settings in (Settings(), Settings(turnaround_days=0), Settings(turnaround_days=3, overlap_days=0)):
        instance = case(households, vacancies)
        s = stays_of(instance, settings)
        real = [stay_of(h, settings) for h in households]
        for i, j in itertools.product(range(len(households)), range(len(vacancies))):
            assert bool(s.window(i, j)) == fits_window(real[i], vacancies[j])
        for a, b in itertools.product(range(len(households)), repeat=2):
            if a != b:
                assert bool(s.overlap(a, b)) == real[a].overlaps(real[b], settings)
        assert np.all(s.start < s.end)


def test_two_fixed_stays_on_one_dwelling_pass_one_after_another_and_fail_overlapping():
    """Decisions of earlier rounds may fix one dwelling for several households in a phased case; the checker
    still finds two of them overlapping."""
    after = Decisions(fixed=(("T1", "B1"), ("T2", "B1")), over_time=True)
    audit = check(
        case([ph("T1", "1"), ph("T2", "2")], [dw("B1")]), SETTINGS, {"T1": "B1", "T2": "B1"}, decisions=after
    )
    assert audit.ok and audit.fixed == 2, audit.verdict_lines()
    overlapping = Decisions(fixed=(("T1", "B1"), ("T3", "B1")), over_time=True)
    audit = check(
        case([ph("T1", "1"), ph("T3", "3")], [dw("B1")]),
        SETTINGS,
        {"T1": "B1", "T3": "B1"},
        decisions=overlapping,
    )
    assert kinds(audit.time.stay_overlaps) == ["stay_overlap"] and not audit.ok
