"""Why a household was not housed: hand-made cases for the words of Ikke anvist."""

from __future__ import annotations

from builders import hh, instance, senior, vac

from allocator.domain import Decisions, Settings
from allocator.solve import solve


def reason(households, vacancies, who, **kw):
    result = solve(instance(households, vacancies), Settings(), **kw)
    (u,) = [u for u in result.unassigned if u.household_id == who]
    return u.reasons[0]


def test_one_suitable_dwelling_taken_is_not_all_of_them():
    households = [hh("SENIOR", seniority_date=senior(2001)), hh("JUNIOR", seniority_date=senior(2015))]
    r = reason(households, [vac("ONLY")], "JUNIOR")
    assert r.code == "taken_by_higher_priority"
    assert r.da == "1 egnet ledig bolig, givet til en husstand med højere prioritet (SENIOR)"
    two = reason(households + [hh("THIRD", seniority_date=senior(2020))], [vac("B1"), vac("B2")], "THIRD")
    assert two.da == "2 egnede ledige boliger, alle givet til husstande med højere prioritet (SENIOR, JUNIOR)"


def test_a_maximum_rent_is_said_as_a_coordinator_says_it():
    r = reason([hh("H", max_rent=4000.0)], [vac("DEAR", rent=5000.0)], "H")
    assert r.da.endswith("ingen med en husleje på højst 4.000 kr.")


def test_a_dwelling_held_by_a_pending_offer_to_a_junior_household_is_named_so():
    """The issue's H0125: the senior household gets no offer because an offer still out to a junior one holds the
    dwelling; the reason says so, rather than "refused earlier"."""
    households = [hh("SENIOR", seniority_date=senior(2001)), hh("JUNIOR", seniority_date=senior(2015))]
    decisions = Decisions(fixed=(("JUNIOR", "ONLY"),))
    r = reason(households, [vac("ONLY")], "SENIOR", decisions=decisions, fixed_as={"JUNIOR": "pending"})
    assert r.code == "held_by_earlier_decisions"
    assert r.da == "1 egnet ledig bolig: 1 med et udestående tilbud til JUNIOR, der har lavere prioritet"
    accepted = reason(
        households, [vac("ONLY")], "SENIOR", decisions=decisions, fixed_as={"JUNIOR": "accepted"}
    )
    assert (
        accepted.da
        == "1 egnet ledig bolig: 1 accepteret i en tidligere runde af JUNIOR, der har lavere prioritet"
    )


def test_ledige_keeps_its_meaning_when_other_offers_hold_dwellings():
    """A dwelling held for another household is still one of the vacancies: the rule that leaves this household
    nothing is the same whether or not others' offers are out."""
    households = [hh("H", max_rent=3000.0, needs_elevator=True), hh("OTHER", seniority_date=senior(2001))]
    vacancies = [vac("CHEAP", rent=2500.0, floor=3), vac("DEAR", rent=5000.0, floor=0)]
    free = reason(households, vacancies, "H")
    held = reason(households, vacancies, "H", decisions=Decisions(fixed=(("OTHER", "DEAR"),)))
    assert free == held  # judged among the open dwellings only, it would read "ingen i stueetagen ..."
    assert free.da == "1 ledig bolig i stueetagen eller med elevator, ingen med en husleje på højst 3.000 kr."
