"""plan_round on a tiny phased case: offers that stand may share a dwelling when their stays do not overlap.

Phase 1's temporary stays run 2027-02-15 to 2027-09-01 (free again 2027-09-15 after the turnaround), phase 2's
from 2027-09-17, so one dwelling holds a stay of each; phase 3's start 2027-09-06, inside phase 1's turnaround.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from builders import hh, vac

from allocator.check import check
from allocator.domain import Instance, Kind, Phase, Settings
from allocator.problems import InputError
from allocator.read.decisions import Action, Pin, merge
from allocator.read.history import History, PastOffer, Response
from allocator.rounds import blocked_households, plan_round
from allocator.rounds.load import load_round
from allocator.rounds.timeline import Timeline
from allocator.solve import solve

D = dt.date
ACC, PEN = Response.ACCEPTED, Response.PENDING
PHASES = (
    Phase("1", D(2027, 3, 1), D(2027, 9, 1)),
    Phase("2", D(2027, 10, 1), D(2028, 4, 1)),
    Phase("3", D(2027, 9, 20), D(2028, 3, 1)),
)
BY_ID = {p.phase_id: p for p in PHASES}


def temporary(hid: str, phase: str, year: int = 2010):
    p = BY_ID[phase]
    return hh(
        hid,
        kind=Kind.TEMPORARY,
        phase=phase,
        move_by=p.construction_start,
        returns_on=p.ready,
        deadline_from_phase=True,
        seniority_date=D(year, 1, 1),
    )


def case(*households, dwellings=("B1", "B2")) -> Instance:
    return Instance(tuple(households), tuple(vac(d) for d in dwellings), phases=PHASES)


def history(*offers) -> History:
    past = tuple(
        PastOffer(1, h, d, resp, where=f"round-1.xlsx, sheet 'Tilbud' row {i + 2}")
        for i, (h, d, resp) in enumerate(offers)
    )
    return History(file="round-1.xlsx", round=1, offers=past, dwellings={})


def test_stays_one_after_another_share_a_dwelling():
    plan = plan_round(
        case(temporary("T1", "1"), temporary("T2", "2")),
        Settings(),
        history=history(("T1", "B1", ACC), ("T2", "B1", PEN)),
    )
    assert plan.decisions.fixed == (("T1", "B1"), ("T2", "B1"))
    assert plan.decisions.over_time


def test_overlapping_stays_on_one_dwelling_are_refused_with_file_row_column_and_value():
    with pytest.raises(InputError) as caught:
        plan_round(
            case(temporary("T1", "1"), temporary("T3", "3")),
            Settings(),
            history=history(("T1", "B1", ACC), ("T3", "B1", PEN)),
        )
    (problem,) = caught.value.problems
    assert (problem.file, problem.column, problem.value) == (
        "round-1.xlsx, sheet 'Tilbud' row 3",
        "Bolig-ID",
        "B1",
    )
    assert str(problem) == (
        "round-1.xlsx, sheet 'Tilbud' row 3, column 'Bolig-ID': dwelling B1 is pending for T3 (stay 2027-09-06 to "
        "2028-03-01, free again 2028-03-15) and accepted for T1 (stay 2027-02-15 to 2027-09-01, free again "
        "2027-09-15, round-1.xlsx, sheet 'Tilbud' row 2); a dwelling holds several households only one after "
        "another, and these stays overlap (the turnaround of 14 days counted as occupied) (value: 'B1')"
    )


def test_the_turnaround_decides_whether_stays_overlap():
    """With a turnaround of 5 days phase 1's dwelling is free again on 2027-09-06, the day phase 3's stay starts."""
    past = history(("T1", "B1", ACC), ("T3", "B1", PEN))
    plan = plan_round(
        case(temporary("T1", "1"), temporary("T3", "3")), Settings(turnaround_days=5), history=past
    )
    assert plan.decisions.fixed == (("T1", "B1"), ("T3", "B1"))
    with pytest.raises(InputError):
        plan_round(
            case(temporary("T1", "1"), temporary("T3", "3")), Settings(turnaround_days=6), history=past
        )


def test_without_phases_a_repeated_dwelling_is_refused_as_before():
    households = (hh("H1"), hh("H2"))
    with pytest.raises(InputError) as caught:
        plan_round(
            Instance(households, (vac("B1"), vac("B2"))),
            Settings(),
            history=history(("H1", "B1", ACC), ("H2", "B1", PEN)),
        )
    (problem,) = caught.value.problems
    assert str(problem) == (
        "round-1.xlsx, sheet 'Tilbud' row 3: dwelling B1 is pending for H2 and accepted for H1 (round-1.xlsx, "
        "sheet 'Tilbud' row 2); a dwelling can go to one household only (value: 'B1')"
    )


def test_a_pin_may_follow_an_accepted_stay_but_not_overlap_it():
    past = history(("T1", "B1", ACC))
    pin = Pin("T2", "B1", Action.GIVE, "lovet", False, "pins.csv", 2, False)
    plan = plan_round(case(temporary("T1", "1"), temporary("T2", "2")), Settings(), history=past, pins=(pin,))
    assert plan.decisions.fixed == (("T1", "B1"), ("T2", "B1"))
    overlapping = Pin("T3", "B1", Action.GIVE, "lovet", False, "pins.csv", 2, False)
    with pytest.raises(InputError, match="B1 is accepted for T1"):
        plan_round(
            case(temporary("T1", "1"), temporary("T3", "3")), Settings(), history=past, pins=(overlapping,)
        )


def test_round_two_houses_a_later_stay_on_a_fixed_dwelling():
    """T1's dwelling, still on offer, takes T2 after it; T3, whose stay overlaps T1's, does not get it."""
    households = (temporary("T1", "1", 2000), temporary("T3", "3", 2001), temporary("T2", "2", 2005))
    plan = plan_round(case(*households, dwellings=("B1",)), Settings(), history=history(("T1", "B1", PEN)))
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    assert result.assignment_map == {"T1": "B1", "T2": "B1"}


def test_only_an_overlapping_offer_still_out_blocks_a_household():
    """With a turnaround of 5 days T1's stay (phase 1) ends before T3's begins, T2's (phase 2) overlaps it: of
    the two junior offers still out on B1 only T2's keeps senior T3 out."""
    settings = Settings(turnaround_days=5)
    households = (temporary("T3", "3", 2000), temporary("T1", "1", 2010), temporary("T2", "2", 2011))
    past = history(("T1", "B1", PEN), ("T2", "B1", PEN))
    plan = plan_round(case(*households, dwellings=("B1",)), settings, history=past)
    result = solve(plan.instance, settings, decisions=plan.decisions)
    assert result.assignment_map == {"T1": "B1", "T2": "B1"}
    (blocked,) = blocked_households(plan, result)
    assert blocked.household_id == "T3" and [h.holder for h in blocked.held] == ["T2"]


def test_an_offer_still_out_does_not_block_where_an_accepted_stay_overlaps_too():
    """Withdrawing T2's offer would not free B1 for T3: T1's accepted stay overlaps T3's as well."""
    households = (temporary("T3", "3", 2000), temporary("T1", "1", 2010), temporary("T2", "2", 2011))
    past = history(("T1", "B1", ACC), ("T2", "B1", PEN))
    plan = plan_round(case(*households, dwellings=("B1",)), Settings(), history=past)
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    assert result.assignment_map == {"T1": "B1", "T2": "B1"}
    assert blocked_households(plan, result) == ()


def test_reopened_offers_come_back_by_trading_whole_timelines():
    """T1's offer still out was B2; the optimiser put T1 and T2 on B1 and T3 on B2 (the dwellings are alike).
    Giving T1 its B2 back trades the two dwellings' timelines, so T3 does not land beside T2 on B1."""
    households = (temporary("T1", "1", 2000), temporary("T2", "2", 2001), temporary("T3", "2", 2002))
    plan = plan_round(case(*households), Settings(), history=history(("T1", "B2", PEN)), reopen_pending=True)
    assert plan.decisions.fixed == ()
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    layout = {"T1": "B1", "T2": "B1", "T3": "B2"}
    moved = dataclasses.replace(
        result,
        assignments=tuple(
            dataclasses.replace(a, dwelling_id=layout[a.household_id]) for a in result.assignments
        ),
    )
    kept = plan.keep_pending(moved)
    assert kept.assignment_map == {"T1": "B2", "T2": "B2", "T3": "B1"}
    assert check(plan.instance, Settings(), kept.assignment_map, decisions=plan.decisions).ok


# --- one dwelling pinned to two households --------------------------------------------------------------------


def pins_file(tmp_path, *rows) -> str:
    path = tmp_path / "pins.csv"
    body = "".join(f"{h};{d};tildel\n" for h, d in rows)
    path.write_text("Husstand-ID;Bolig-ID;Handling\n" + body, encoding="utf-8")
    return str(path)


def test_one_dwelling_may_be_pinned_to_stays_one_after_another(tmp_path):
    instance = case(temporary("T1", "1"), temporary("T2", "2"), dwellings=("B1",))
    pins = pins_file(tmp_path, ("T1", "B1"), ("T2", "B1"))
    plan, _ = load_round(instance, Settings(), decisions_path=pins)
    assert plan.decisions.fixed == (("T1", "B1"), ("T2", "B1"))
    result = solve(plan.instance, Settings(), decisions=plan.decisions)
    assert result.assignment_map == {"T1": "B1", "T2": "B1"}
    assert check(plan.instance, Settings(), result.assignment_map, decisions=plan.decisions).ok


def test_one_dwelling_pinned_to_overlapping_stays_is_refused_naming_both_stays(tmp_path):
    instance = case(temporary("T1", "1"), temporary("T3", "3"), dwellings=("B1",))
    pins = pins_file(tmp_path, ("T1", "B1"), ("T3", "B1"))
    with pytest.raises(InputError) as caught:
        load_round(instance, Settings(), decisions_path=pins)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{pins}, row 3, column 'Bolig-ID': dwelling B1 is given to T1 (row 2) and to T3 (T1: stay 2027-02-15 "
        "to 2027-09-01, free again 2027-09-15; T3: stay 2027-09-06 to 2028-03-01, free again 2028-03-15; a "
        "dwelling holds several households only one after another, and these stays overlap (the turnaround of "
        "14 days counted as occupied)); keep one (value: 'B1')"
    )
    # with a turnaround of 5 days T1's dwelling is free again on 2027-09-06, the day T3's stay starts
    plan, _ = load_round(instance, Settings(turnaround_days=5), decisions_path=pins)
    assert plan.decisions.fixed == (("T1", "B1"), ("T3", "B1"))


def test_pins_from_two_sources_on_one_dwelling_follow_the_same_rule():
    instance = case(temporary("T1", "1"), temporary("T2", "2"), temporary("T3", "3"))
    timeline = Timeline(instance, Settings())
    first = (Pin("T1", "B1", Action.GIVE, source="pins.csv", row=2),)
    after = (Pin("T2", "B1", Action.GIVE, source="round-1.xlsx, sheet 'Beslutninger'", row=2, carried=True),)
    pins, problems = merge(first, after, timeline=timeline)
    assert [p.pair for p in pins] == [("T1", "B1"), ("T2", "B1")] and problems == []
    during = (Pin("T3", "B1", Action.GIVE, source="round-1.xlsx, sheet 'Beslutninger'", row=3, carried=True),)
    pins, problems = merge(first, during, timeline=timeline)
    assert [p.pair for p in pins] == [("T1", "B1")]
    (problem,) = problems
    assert problem.message.startswith("dwelling B1 is also given to T1 (T1: stay 2027-02-15 to 2027-09-01")
    assert problem.message.endswith(
        "(the turnaround of 14 days counted as occupied)) (pins.csv row 2); keep one of the two decisions"
    )


def test_without_phases_one_dwelling_pinned_twice_is_refused_as_before(tmp_path):
    instance = Instance((hh("H1"), hh("H2")), (vac("B1"),))
    pins = pins_file(tmp_path, ("H1", "B1"), ("H2", "B1"))
    with pytest.raises(InputError) as caught:
        load_round(instance, Settings(), decisions_path=pins)
    (problem,) = caught.value.problems
    assert problem.message == "dwelling B1 is given to two households (H1 in row 2 and H2); keep one"
    _, problems = merge(
        (Pin("H1", "B1", Action.GIVE, source="a.csv", row=2),),
        (Pin("H2", "B1", Action.GIVE, source="b.csv", row=2),),
        timeline=Timeline(instance, Settings()),
    )
    assert [p.message for p in problems] == [
        "dwelling B1 is also given to H1 (a.csv row 2); keep one of the two decisions"
    ]
