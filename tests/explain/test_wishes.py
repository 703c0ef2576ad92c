"""Why a household did not get its first wish: one hand-made case per kind of reason."""

from __future__ import annotations

from builders import hh, instance, senior, vac

from allocator.domain import Decisions, Kind, Settings, priority_order
from allocator.explain import first_wish_explanations
from allocator.rules import suitable_size
from allocator.solve import solve

DEFAULT = Settings()


def explain(households, vacancies, assignment, **kw):
    return first_wish_explanations(instance(households, vacancies), DEFAULT, assignment, **kw)


def of(lines, household_id):
    return [line for line in lines if line.household_id == household_id]


def test_junior_temporary_loses_its_first_wish_to_a_permanent_household():
    households = [
        hh("TEMP", kind=Kind.TEMPORARY, seniority_date=senior(1990), wishes=("A",)),
        hh("PERM", kind=Kind.PERMANENT, seniority_date=senior(2020), wishes=("A",)),
    ]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    result = solve(instance(households, vacancies), DEFAULT)
    assert result.assignment_map == {"PERM": "IN_A", "TEMP": "IN_B"}

    lines = explain(households, vacancies, result.assignment_map)
    assert of(lines, "PERM") == []  # got its first wish: nothing to explain
    (line,) = of(lines, "TEMP")
    assert (line.department, line.dwelling_id, line.holder_id) == ("A", "IN_A", "PERM")
    assert line.reason.code == "permanent_first"
    assert "permanent rehousing before temporary" in line.reason.en
    assert "permanent genhusning før midlertidig" in line.reason.da


def test_earlier_seniority_date_names_both_dates():
    households = [
        hh("JUNIOR", seniority_date=senior(2015), wishes=("A",)),
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
    ]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    (line,) = explain(households, vacancies, {"SENIOR": "IN_A", "JUNIOR": "IN_B"})
    assert line.household_id == "JUNIOR" and line.holder_id == "SENIOR"
    assert line.reason.code == "earlier_seniority"
    assert "2001-01-01 against 2015-01-01" in line.reason.en
    assert "01-01-2001 mod 01-01-2015" in line.reason.da


def test_same_kind_and_date_is_decided_by_the_seeded_draw():
    households = [hh("X", wishes=("A",)), hh("Y", wishes=("A",))]
    first, second = (households[i].household_id for i in priority_order(tuple(households), 0))
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    (line,) = explain(households, vacancies, {first: "IN_A", second: "IN_B"})
    assert (line.household_id, line.holder_id) == (second, first)
    assert line.reason.code == "seeded_draw"
    assert "seeded draw (seed 0)" in line.reason.en
    assert "lodtrækning (seed 0)" in line.reason.da


def test_unsuitable_dwelling_names_the_rule_and_both_sides():
    # One person with 2 rooms now: 2 rooms are suitable, the 4-room dwelling in A is not.
    households = [hh("H1", members=1, current_rooms=2, wishes=("A",))]
    vacancies = [vac("BIG_A", department="A", rooms=4), vac("IN_B", department="B", rooms=2)]
    (line,) = explain(households, vacancies, {"H1": "IN_B"})
    assert (line.dwelling_id, line.holder_id) == ("BIG_A", None)
    assert line.reason.code == "unsuitable"
    assert suitable_size.TITLE["en"] in line.reason.en and suitable_size.TITLE["da"] in line.reason.da
    assert "with 2 rooms" in line.reason.en and "has 4 rooms" in line.reason.en
    assert "boligen har 4 rum" in line.reason.da


def test_lower_priority_household_needed_the_dwelling_to_be_housed_at_all():
    # Only the A dwelling is step-free; the senior wants it but could live in B, the junior could not.
    households = [
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
        hh("JUNIOR", seniority_date=senior(2015), needs_elevator=True),
    ]
    vacancies = [vac("IN_A", department="A", floor=0), vac("IN_B", department="B", floor=3, elevator=False)]
    result = solve(instance(households, vacancies), DEFAULT)
    assert result.assignment_map == {"SENIOR": "IN_B", "JUNIOR": "IN_A"}

    (line,) = explain(households, vacancies, result.assignment_map)
    assert (line.household_id, line.dwelling_id, line.holder_id) == ("SENIOR", "IN_A", "JUNIOR")
    assert line.reason.code == "needed_elsewhere"
    assert "had this household got it, another household would be left without a home" in line.reason.en
    assert "hvis husstanden fik den, ville en anden husstand stå uden bolig" in line.reason.da


def test_lower_priority_holder_that_only_a_household_ahead_could_make_room_for():
    # A (first) has its wish Y1; G (last) may only have X1 or Y1 (step-free); H may have any. H wishes X: X1
    # could be H's only if G took Y1 and A moved to Z1, a worse wish for A.
    households = [
        hh("A", seniority_date=senior(1990), members=1, current_rooms=2, wishes=("Y",)),
        hh("H", seniority_date=senior(2000), members=1, current_rooms=1, wishes=("X",)),
        hh("G", seniority_date=senior(2010), members=1, current_rooms=1, needs_ground_floor=True),
    ]
    vacancies = [
        vac("X1", department="X", rooms=1, floor=0),
        vac("Y1", department="Y", rooms=2, floor=0),
        vac("Z1", department="Z", rooms=2, floor=3),
    ]
    result = solve(instance(households, vacancies), DEFAULT)
    assert result.assignment_map == {"A": "Y1", "H": "Z1", "G": "X1"}
    (line,) = explain(households, vacancies, result.assignment_map)
    assert (line.household_id, line.holder_id, line.reason.code) == ("H", "G", "ahead_would_lose_wish")
    assert "kunne alle andre stadig få en bolig, men så ville en husstand, der går forud, få et dårligere" in (
        line.reason.da
    )


def test_every_dwelling_of_the_first_wish_gets_a_line_and_unhoused_households_are_explained():
    households = [
        hh("SENIOR", seniority_date=senior(2001), wishes=("A",)),
        hh("JUNIOR", seniority_date=senior(2015), wishes=("A", "B")),
        hh("NO_WISH", seniority_date=senior(2016)),
    ]
    vacancies = [vac("A1", department="A"), vac("A2", department="A", rooms=5)]
    lines = explain(households, vacancies, {"SENIOR": "A1"})
    assert [(x.household_id, x.dwelling_id, x.reason.code) for x in lines] == [
        ("JUNIOR", "A1", "earlier_seniority"),
        ("JUNIOR", "A2", "unsuitable"),
    ]  # NO_WISH is unhoused too, but has no first wish to explain


def test_first_wish_without_vacancies_says_so():
    households = [hh("H1", wishes=("Nowhere",))]
    (line,) = explain(households, [vac("IN_B", department="B")], {"H1": "IN_B"})
    assert (line.dwelling_id, line.reason.code) == (None, "no_vacancies")
    assert "Nowhere" in line.reason.da


def test_refused_dwelling_is_told_as_a_decision_not_a_rule():
    households = [hh("H1", wishes=("A",))]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    decisions = Decisions(forbidden=(("H1", "IN_A"),))
    (line,) = explain(households, vacancies, {"H1": "IN_B"}, decisions=decisions)
    assert line.reason.code == "excluded"
    assert "afslået" in line.reason.da


def test_fixed_household_gets_one_line():
    households = [hh("H1", wishes=("A",))]
    vacancies = [vac("IN_A", department="A"), vac("IN_B", department="B")]
    decisions = Decisions(fixed=(("H1", "IN_B"),))
    (line,) = explain(households, vacancies, {"H1": "IN_B"}, decisions=decisions)
    assert (line.dwelling_id, line.reason.code) == (None, "fixed")


def test_dwelling_failing_several_rules_gives_the_first_in_full_and_names_the_others():
    households = [hh("H1", members=1, current_rooms=2, wishes=("A",))]
    vacancies = [vac("FAR_A", department="A", municipality="Brøndby", rooms=5), vac("IN_B", department="B")]
    (line,) = explain(households, vacancies, {"H1": "IN_B"})
    assert line.reason.en == (
        "not suitable: same municipality (needs a dwelling in Hvidovre; the dwelling is in Brøndby); "
        "also: suitable size"
    )
    assert line.reason.da.startswith("ikke egnet: samme kommune (kræver en bolig i Hvidovre Kommune; ")
    assert line.reason.da.endswith("også: passende størrelse")
