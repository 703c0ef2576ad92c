"""The allocation semantics on tiny hand-made cases (issue 2, point 5)."""

from builders import hh, instance, senior, vac

from allocator.domain import Kind, Settings
from allocator.solve import solve


def run(households, vacancies, **settings):
    return solve(instance(households, vacancies), Settings(**settings)).assignment_map


def test_contested_dwelling_goes_to_the_senior():
    households = [
        hh("JUNIOR", seniority_date=senior(2015), wishes=("A",)),
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
    ]
    got = run(households, [vac("IN_A", department="A"), vac("IN_B", department="B")])
    assert got == {"SENIOR": "IN_A", "JUNIOR": "IN_B"}


def test_permanent_before_temporary_whatever_the_seniority():
    households = [
        hh("TEMP", kind=Kind.TEMPORARY, seniority_date=senior(1990), wishes=("A",)),
        hh("PERM", kind=Kind.PERMANENT, seniority_date=senior(2020), wishes=("A",)),
    ]
    got = run(households, [vac("IN_A", department="A"), vac("IN_B", department="B")])
    assert got == {"PERM": "IN_A", "TEMP": "IN_B"}


def test_coverage_beats_the_seniors_wish():
    # Only the A dwelling is step-free; the senior wants it but could live in B, the junior could not.
    households = [
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
        hh("JUNIOR", seniority_date=senior(2015), needs_elevator=True),
    ]
    vacancies = [vac("IN_A", department="A", floor=0), vac("IN_B", department="B", floor=3, elevator=False)]
    assert run(households, vacancies) == {"SENIOR": "IN_B", "JUNIOR": "IN_A"}


def test_when_not_all_can_be_housed_the_senior_is():
    households = [hh("JUNIOR", seniority_date=senior(2015)), hh("SENIOR", seniority_date=senior(2001))]
    result = solve(instance(households, [vac("ONLY")]), Settings())
    assert result.assignment_map == {"SENIOR": "ONLY"}
    assert [u.household_id for u in result.unassigned] == ["JUNIOR"]
    assert "higher priority (SENIOR)" in result.unassigned[0].reasons[0].en


def test_a_senior_takes_its_second_wish_so_that_the_next_in_line_is_housed():
    # FIRST could take A or B; SECOND only A; THIRD only B. Two can be housed: FIRST and SECOND, not THIRD.
    households = [
        hh("FIRST", seniority_date=senior(2000), wishes=("A", "B"), min_rooms=1, max_rooms=2),
        hh("SECOND", seniority_date=senior(2005), min_rooms=2, max_rooms=2),
        hh("THIRD", seniority_date=senior(2010), min_rooms=1, max_rooms=1),
    ]
    vacancies = [vac("IN_A", department="A", rooms=2), vac("IN_B", department="B", rooms=1)]
    assert run(households, vacancies) == {"FIRST": "IN_B", "SECOND": "IN_A"}


def test_equal_seniority_is_decided_by_the_seeded_draw_not_by_row_order():
    a, b = hh("A1", wishes=("A",)), hh("B2", wishes=("A",))
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    forward = run([a, b], vacancies)
    backward = run([b, a], vacancies)
    assert forward == backward
    winners = {run([a, b], vacancies, tie_break_seed=s)["A1"] for s in range(20)}
    assert winners == {"IN_A", "IN_B"}, "the draw must depend on the seed"


def test_same_result_whatever_the_number_of_workers():
    households = [
        hh(f"H{i}", seniority_date=senior(2000 + i % 7), wishes=("A", "B")[: i % 3]) for i in range(30)
    ]
    vacancies = [vac(f"V{j}", department="AB"[j % 2], rooms=1 + j % 3) for j in range(25)]
    assert run(households, vacancies, workers=1) == run(households, vacancies, workers=2)


def test_weighted_mode_can_give_the_contested_dwelling_to_the_junior():
    # Senior in A, junior in B (its rank 3): 10*0 - 2 + 10*2 - 0 = 18.
    # Junior in A, senior in B (its rank 2): 10*0 - 0 + 10*1 - 2 = 8, so weighted gives A to the junior.
    households = [
        hh("SENIOR", seniority_date=senior(2013), wishes=("A", "B")),
        hh("JUNIOR", seniority_date=senior(2015), wishes=("A", "C")),
    ]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    strict = run(households, vacancies)
    weighted = run(households, vacancies, priority="weighted")
    assert strict == {"SENIOR": "IN_A", "JUNIOR": "IN_B"}
    assert weighted == {"SENIOR": "IN_B", "JUNIOR": "IN_A"}


def test_weighted_mode_still_houses_as_many_as_possible():
    households = [
        hh("SENIOR", seniority_date=senior(1990), wishes=("A",)),
        hh("JUNIOR", seniority_date=senior(2020), needs_elevator=True),
    ]
    vacancies = [vac("IN_A", department="A", floor=0), vac("IN_B", department="B", floor=3)]
    assert len(run(households, vacancies, priority="weighted")) == 2


def test_fixed_households_keep_their_dwelling_and_take_no_part():
    from allocator.domain import Decisions

    households = [
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
        hh("JUNIOR", seniority_date=senior(2015), wishes=("A",)),
    ]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    result = solve(
        instance(households, vacancies), Settings(), decisions=Decisions(fixed=(("JUNIOR", "IN_A"),))
    )
    assert result.assignment_map == {"JUNIOR": "IN_A", "SENIOR": "IN_B"}
    assert [a.rank for a in result.assignments] == [2, 1]


def test_a_refused_dwelling_never_comes_back():
    from allocator.domain import Decisions

    households = [hh("SENIOR", seniority_date=senior(2001), wishes=("A",))]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    refused = Decisions(forbidden=(("SENIOR", "IN_A"),))
    assert solve(instance(households, vacancies), Settings(), decisions=refused).assignment_map == {
        "SENIOR": "IN_B"
    }


def test_household_whose_only_dwelling_was_refused_is_told_so():
    from allocator.domain import Decisions

    result = solve(
        instance([hh("H")], [vac("ONLY")]), Settings(), decisions=Decisions(forbidden=(("H", "ONLY"),))
    )
    assert result.unassigned[0].reasons[0].code == "refused_or_excluded"


def test_cost_tie_break_picks_the_cheaper_of_two_equally_fair_dwellings():
    import datetime as dt

    temporary = hh("T", kind=Kind.TEMPORARY, current_rent=5000.0, move_by=dt.date(2027, 6, 1))
    # Same department, same suitability: interchangeable for every rule; B9 costs 1,000 kr a month more.
    vacancies = [vac("B1", rent=6000.0), vac("B9", rent=5000.0)]
    assert run([temporary], vacancies) == {"T": "B9"}
    from allocator.domain import BudgetSettings

    assert run([temporary], vacancies, budget=BudgetSettings(cost_tie_break=False)) == {"T": "B1"}


def test_no_vacancies_at_all_is_said_so():
    result = solve(instance([hh("H")], []), Settings())
    assert [r.en for r in result.unassigned[0].reasons] == ["no vacancies at all"]


def test_rule_figures_count_the_pairs_each_rule_excludes_and_whom_it_left_unhoused():
    households = [hh("H1", municipality="A"), hh("H2", municipality="B")]
    result = solve(instance(households, [vac("V1", municipality="A")]), Settings())
    assert result.rule_figures["same_municipality"] == {"pairs_excluded": 1, "unhoused_by_it": 1}
    assert result.rule_figures["suitable_size"] == {"pairs_excluded": 0, "unhoused_by_it": 0}
