"""Every Begrundelser and Ikke anvist claim of small random cases, checked against every allocation.

For each case the brute force lists every allocation of the housed households (``tests/brute_force.py``), and
``tests/explain_claims.py`` checks each sentence against it: every wished department better than the wish a
household got is explained (its first wish always, a later one where a dwelling suits it), every dwelling there
once, each holder named truly, each "a household ahead would get a worse wish" and "another household would
lose its home" exactly when the allocations say so, and the counts of every row adding up.
"""

from __future__ import annotations

from builders import hh, instance, senior, vac
from explain_claims import Truth, check_unhoused_claims, check_wish_claims, enumeration_oracle, flow_oracle
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator.domain import Kind, Settings
from allocator.explain import explain_wishes
from allocator.solve import solve

DEPARTMENTS = ("A", "B", "C")


@st.composite
def cases(draw):
    n = draw(st.integers(2, 6))
    m = draw(st.integers(n - 1, 6))
    households = [
        hh(
            f"H{k}",
            kind=draw(st.sampled_from([Kind.PERMANENT, Kind.TEMPORARY])),
            seniority_date=senior(draw(st.integers(1970, 1975))),
            members=draw(st.integers(1, 2)),
            current_rooms=draw(st.integers(1, 3)),
            wishes=tuple(draw(st.permutations(DEPARTMENTS))[: draw(st.integers(1, 3))]),
            needs_ground_floor=draw(st.booleans()),
        )
        for k in range(n)
    ]
    vacancies = [
        vac(
            f"V{k}",
            department=draw(st.sampled_from(DEPARTMENTS)),
            rooms=draw(st.integers(1, 3)),
            floor=draw(st.sampled_from([0, 2])),
        )
        for k in range(m)
    ]
    return instance(households, vacancies)


@settings(max_examples=200, deadline=None)
@given(cases())
def test_every_sentence_is_confirmed_by_the_brute_force(inst):
    result = solve(inst, Settings())
    truth = Truth(inst, Settings(), result)
    facts = explain_wishes(inst, Settings(), result.assignment_map)
    check_wish_claims(truth, facts, enumeration_oracle(truth))
    for lang in ("da", "en"):
        check_unhoused_claims(truth, result, lang)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_the_flow_oracle_agrees_with_the_enumeration(inst):
    """The exact search used on the larger cases answers as the brute force does."""
    result = solve(inst, Settings())
    truth = Truth(inst, Settings(), result)
    by_enumeration, by_flow = enumeration_oracle(truth), flow_oracle(truth)
    for i in range(len(inst.households)):
        for j in range(len(inst.vacancies)):
            if truth.suits(i, j):
                assert by_enumeration({i: {j}}) == by_flow({i: {j}}), (i, j)


def test_a_lower_priority_holder_is_never_left_out_of_a_later_wish():
    """The issue's omission: a junior household holds a dwelling of a senior one's second wish. The senior's row
    names it in a sentence of its own, and says why that does not help."""
    households = [
        hh("SENIOR", seniority_date=senior(2001), members=1, current_rooms=1, wishes=("A", "B")),
        hh("JUNIOR", seniority_date=senior(2015), members=1, current_rooms=1, needs_ground_floor=True),
    ]
    vacancies = [
        vac("A1", department="A", rooms=3),
        vac("B1", department="B", rooms=1, floor=0),
        vac("C1", department="C", rooms=1, floor=3),
    ]
    inst = instance(households, vacancies)
    result = solve(inst, Settings())
    assert result.assignment_map == {"SENIOR": "C1", "JUNIOR": "B1"}
    facts = explain_wishes(inst, Settings(), result.assignment_map)
    (summary,) = facts.summaries()
    first, second = summary.reason.da.split("\n")
    assert first == "A, 1 bolig: 1 ikke egnet (passende størrelse: 1)"
    assert second == (
        "2. ønske, B, 1 bolig: 1 givet til JUNIOR, der har lavere prioritet: hvis husstanden fik den, ville en "
        "anden husstand stå uden bolig"
    )
    truth = Truth(inst, Settings(), result)
    assert check_wish_claims(truth, facts, enumeration_oracle(truth)) == 2
