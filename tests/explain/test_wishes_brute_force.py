"""The sentences about lower-priority holders, checked against every allocation of small random cases.

For each line saying a lower-priority household holds a dwelling of a household's first wish, the brute force
enumerates every allocation that houses the same households and confirms the sentence: no allocation gives the
household its first wish while every household ahead keeps its wish rank (so seniority stands), and
"a household ahead would get a worse wish" is said exactly when some allocation gives it its first wish at all.
"""

from __future__ import annotations

import itertools

from builders import hh, instance, senior, vac
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator.domain import Kind, Settings, priority_order, wish_rank
from allocator.engine.eligibility import compute
from allocator.explain import first_wish_explanations
from allocator.solve import solve

DEPARTMENTS = ("A", "B", "C")


@st.composite
def cases(draw):
    n = draw(st.integers(2, 5))
    m = draw(st.integers(n - 1, 5))
    households = [
        hh(
            f"H{k}",
            kind=draw(st.sampled_from([Kind.PERMANENT, Kind.TEMPORARY])),
            seniority_date=senior(draw(st.integers(1970, 1975))),
            members=draw(st.integers(1, 2)),
            current_rooms=draw(st.integers(1, 3)),
            wishes=tuple(draw(st.permutations(DEPARTMENTS))[: draw(st.integers(1, 2))]),
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


def allocations(inst, housed):
    """Every allocation (household index -> vacancy index) of exactly the households ``housed``."""
    elig = compute(inst, Settings())
    options = [[j for j in range(len(inst.vacancies)) if elig.is_suitable(i, j)] for i in housed]
    for choice in itertools.product(*options):
        if len(set(choice)) == len(choice):
            yield dict(zip(housed, choice, strict=True))


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_lower_priority_sentence_is_confirmed_by_the_brute_force(inst):
    result = solve(inst, Settings())
    given_map = result.assignment_map
    index = {h.household_id: i for i, h in enumerate(inst.households)}
    column = {v.dwelling_id: j for j, v in enumerate(inst.vacancies)}
    housed = sorted(index[h] for h in given_map)
    rank_now = {index[a.household_id]: a.rank for a in result.assignments}
    position = {h: p for p, h in enumerate(priority_order(inst.households, 0))}
    departments = [v.department for v in inst.vacancies]
    every = list(allocations(inst, housed))
    for line in first_wish_explanations(inst, Settings(), given_map):
        if line.reason.code not in ("needed_elsewhere", "ahead_would_lose_wish"):
            continue
        h = index[line.household_id]
        assert column[line.dwelling_id] == column[given_map[inst.households[index[line.holder_id]].household_id]]

        def first_wish(alloc, h=h):
            return h in alloc and wish_rank(inst.households[h], departments[alloc[h]]) == 1

        ahead = [g for g in housed if position[g] < position[h]]
        keeps = [
            a for a in every
            if first_wish(a)
            and all(wish_rank(inst.households[g], departments[a[g]]) == rank_now[g] for g in ahead)
        ]
        assert not keeps, f"{line.household_id} could have its first wish with everyone ahead keeping theirs"
        possible = any(first_wish(a) for a in every)
        assert (line.reason.code == "ahead_would_lose_wish") == possible, line.reason.en
