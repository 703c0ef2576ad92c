"""The moving schedule's diagnosis in the page's words, on hand-made diagnoses."""

from __future__ import annotations

import datetime as dt

from allocator.schedule import Diagnosis, EmptyWindow
from allocator.web.schedule_views import diagnosis_lines

LATE = EmptyWindow("H7", "out", dt.date(2027, 3, 1), dt.date(2027, 2, 28), "notice")


def test_weeks_over_capacity_and_the_smallest_moves_per_day():
    d = Diagnosis(((((2027, 7), 17), ((2028, 9), 2))), 7, (), moves_per_day=4, moves_per_week=None)
    assert diagnosis_lines(d, "da") == [
        "Uge 7 2027: 17 flytninger for mange.",
        "Uge 9 2028: 2 flytninger for mange.",
        "Det mindste antal flytninger pr. arbejdsdag, der passer, er 7 (nu 4).",
    ]
    assert diagnosis_lines(d, "en")[0] == "Week 7 2027: 17 moves too many."


def test_a_move_with_an_empty_window_is_named_by_id_with_its_reason():
    d = Diagnosis((), None, (LATE,), moves_per_day=4, moves_per_week=None)
    assert diagnosis_lines(d, "da") == [
        "1 flytning kan slet ikke nås i sit tidsrum:",
        "Husstand H7, udflytning: tidsrum 2027-03-01 til 2027-02-28: varslet slutter efter tidsrummet (den "
        "første dag efter varslet er vist).",
    ]


def test_no_moves_per_day_fits_with_a_week_limit():
    d = Diagnosis((((2027, 7), 3),), None, (), moves_per_day=4, moves_per_week=10)
    assert diagnosis_lines(d, "da")[-1] == (
        "Intet antal flytninger pr. arbejdsdag passer med de andre grænser (højst 10 pr. uge)."
    )


def test_no_smallest_moves_per_day_is_offered_when_it_is_the_one_set():
    d = Diagnosis((((2027, 7), 3),), 4, (), moves_per_day=4, moves_per_week=10)
    assert diagnosis_lines(d, "da") == ["Uge 7 2027: 3 flytninger for mange."]
