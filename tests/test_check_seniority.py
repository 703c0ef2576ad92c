"""The seniority check: serial dictatorship with ties, through chains of any length, against hand-made cases and
the brute force of ``tests/brute_force.py``."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from brute_force import brute_force, brute_force_ranks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.check import check
from allocator.check.suitability import build_tables, failed_rules
from allocator.domain import Decisions, Household, Instance, Kind, Settings, Use, Vacancy, wish_rank

DEFAULT = Settings()


def household(hid: str, members: int, rooms: int, kind: Kind, senior: str, wishes=(), **kw) -> Household:
    day, month, year = (int(x) for x in senior.split("-"))
    return Household(
        hid, "Old", "K", members, rooms, kind, dt.date(year, month, day), wishes=tuple(wishes), **kw
    )


def dwelling(did: str, department: str, rooms: int, floor: int = 1, **kw) -> Vacancy:
    return Vacancy(did, department, "K", rooms, floor=floor, **kw)


def kinds(audit) -> list[str]:
    return [f.kind for f in audit.findings()]


def ranks_of(instance: Instance, assignment: dict[str, str]) -> dict[str, int | None]:
    vs = {v.dwelling_id: v for v in instance.vacancies}
    return {
        h.household_id: wish_rank(h, vs[assignment[h.household_id]].department)
        if h.household_id in assignment
        else None
        for h in instance.households
    }


# --- case 1: six households from a random case; H014 is indifferent between D019 and D023 -------------------

P, T = Kind.PERMANENT, Kind.TEMPORARY


def six_households() -> Instance:
    hs = (
        household("H022", 1, 1, P, "13-08-1976", ["Afd 0"]),
        household("H027", 1, 2, P, "28-09-2001", ["Afd 0", "Afd 2", "Afd 3"]),
        household("H014", 1, 1, T, "16-07-1982", ["Afd 0", "Afd 1"]),
        household("H010", 2, 1, T, "06-08-1989", ["Afd 0", "Afd 2"]),
        household("H016", 2, 2, T, "22-06-1992", ["Afd 0", "Afd 3", "Afd 2"]),
        household("H003", 2, 3, T, "14-11-2015", ["Afd 1", "Afd 2"]),
    )
    vs = (
        dwelling("D000", "Afd 0", 2),
        dwelling("D027", "Afd 0", 3, floor=2),
        dwelling("D014", "Afd 2", 2),
        dwelling("D023", "Afd 2", 2, floor=2),
        dwelling("D019", "Afd 3", 2),
        dwelling("D024", "Afd 1", 4, floor=0),
    )
    return Instance(hs, vs)


def test_six_households_an_indifferent_senior_must_leave_the_juniors_wish():
    instance = six_households()
    bad = {"H022": "D000", "H027": "D014", "H014": "D019", "H010": "D027", "H016": "D023"}
    audit = check(instance, DEFAULT, bad)
    assert audit.coverage_ok and audit.permanent_ok and not audit.rule_breaches
    assert audit.priority_violations == () and audit.waste == ()  # no pairwise check sees it
    # not even in weighted mode: the swap is a trade cycle in which one gains and no one loses
    assert not audit.ok and not audit.passes("strict") and not audit.passes("weighted")
    (finding,) = audit.seniority
    assert finding.kind == "seniority_chain"
    assert finding.household_ids == ("H016", "H014") and finding.dwelling_ids == ("D019", "D023")
    assert finding.text == (
        "H016 (priority 5) has D023 (wish 3) but could have D019 (wish 2) without any higher-priority household "
        "getting a worse wish: H016 takes D019 from H014 (wish 2); H014 (priority 3, now not a wished "
        "department) takes H016's D023 (not a wished department)"
    )
    # H016 gains, H014 loses nothing: a trade cycle now, though not every household in it gains
    (cycle,) = audit.trade_cycles
    assert cycle.household_ids == ("H016", "H014")
    assert "H016 gains and no one loses by trading" in cycle.text
    lines = audit.verdict_lines()
    assert (
        "seniority: 1 household could have a better wish without any higher-priority household getting a "
        "worse one - FAILED"
    ) in lines
    assert (
        lines[lines.index(next(x for x in lines if x.startswith("seniority:"))) + 1] == f"  - {finding.text}"
    )
    weighted = audit.verdict_lines("weighted")
    assert any(
        x.startswith("seniority: 1 household") and x.endswith("not required in weighted mode")
        for x in weighted
    )
    assert audit.as_dict()["seniority"] == 1


def test_six_households_serial_dictatorship_is_accepted():
    instance = six_households()
    good = {"H022": "D000", "H027": "D014", "H014": "D023", "H010": "D027", "H016": "D019"}
    ranks, allocation = brute_force(instance, DEFAULT)
    assert ranks == {"H022": 1, "H027": 2, "H014": 3, "H010": 1, "H016": 2, "H003": None}
    assert ranks_of(instance, good) == ranks
    for assignment in (good, allocation, good | {"H027": "D023", "H014": "D014"}):
        audit = check(instance, DEFAULT, assignment)
        assert audit.ok, audit.verdict_lines()
        assert (
            "seniority: every household has the best wish its seniority allows - ok" in audit.verdict_lines()
        )


# --- case 2: a cycle of three through a senior who must move sideways -------------------------------------


def abc() -> Instance:
    wishes = ("Afd 0", "Afd 2")
    hs = (
        household("A", 1, 1, P, "01-01-2000", wishes),
        household("B", 1, 2, P, "01-01-2001", wishes),
        household("C", 1, 1, P, "01-01-2002", wishes),
    )
    vs = (dwelling("D1", "Afd 0", 1), dwelling("D2", "Afd 0", 2), dwelling("E2", "Afd 2", 2))
    return Instance(hs, vs)


def test_a_chain_of_three_that_no_pairwise_check_sees_is_rejected():
    instance = abc()
    audit = check(instance, DEFAULT, {"A": "D2", "B": "E2", "C": "D1"})
    assert kinds(audit) == ["seniority_chain"]
    (finding,) = audit.seniority
    assert finding.household_ids == ("B", "A", "C") and finding.dwelling_ids == ("D2", "D1", "E2")
    assert finding.text.endswith(
        "B takes D2 from A (wish 1); A (priority 1, now wish 1) takes D1 from C (wish 1); C (priority 3, now "
        "wish 1) takes B's E2 (wish 2)"
    )
    good = {"A": "D1", "B": "D2", "C": "E2"}
    assert check(instance, DEFAULT, good).ok
    assert brute_force(instance, DEFAULT) == ({"A": 1, "B": 1, "C": 2}, good)


# --- hand-made chains ending at a free dwelling -------------------------------------------------------------


def chain_to_free() -> Instance:
    """A wishes P (held by B in the bad allocation); B cannot pay A's DA but may take C's DC; C, temporary, may
    take the free DF, marked for temporary use: A's move frees B's dwelling, B's move frees C's."""
    hs = (
        household("A", 1, 2, P, "01-01-2000", ["P"]),
        household("B", 1, 2, P, "01-01-2001", max_rent=5000.0),
        household("C", 1, 2, T, "01-01-1990", max_rent=4500.0),
    )
    vs = (
        dwelling("DA", "Q", 2, rent=6000.0),
        dwelling("DB", "P", 2, rent=5000.0),
        dwelling("DC", "R", 2, rent=4500.0),
        dwelling("DF", "S", 2, rent=4000.0, use=Use.TEMPORARY),
    )
    return Instance(hs, vs)


def test_a_chain_of_three_to_a_free_dwelling():
    instance = chain_to_free()
    audit = check(instance, DEFAULT, {"A": "DA", "B": "DB", "C": "DC"})
    assert kinds(audit) == ["seniority_chain"]
    (finding,) = audit.seniority
    assert finding.household_ids == ("A", "B", "C") and finding.dwelling_ids == ("DB", "DC", "DF")
    assert finding.text == (
        "A (priority 1) has DA (not a wished department) but could have DB (wish 1) without any higher-priority "
        "household getting a worse wish: A takes DB from B (wish 1); B (priority 2, now not a wished department) "
        "takes DC from C (not a wished department); C (priority 3, now not a wished department) takes free "
        "dwelling DF (not a wished department)"
    )
    assert check(instance, DEFAULT, {"A": "DB", "B": "DC", "C": "DF"}).ok
    assert brute_force_ranks(instance, DEFAULT) == {"A": 1, "B": 1, "C": 1}


def test_a_chain_of_two_to_a_free_dwelling_is_also_a_pairwise_chain():
    instance = chain_to_free()
    audit = check(instance, DEFAULT, {"A": "DA", "B": "DB", "C": "DF"})
    # B could also move to DC: the pairwise check sees this one, and so does the seniority check
    assert kinds(audit) == ["priority_chain", "seniority_chain"]
    assert audit.seniority[0].household_ids == ("A", "B")
    assert audit.seniority[0].dwelling_ids == ("DB", "DC")
    assert check(instance, DEFAULT, {"A": "DB", "B": "DC", "C": "DF"}).ok


def test_a_chain_through_a_senior_who_would_lose_is_no_chain():
    # as case 2, but A would have to take E2, worse for it than D2: B may not push A down
    instance = abc()
    vs = (dwelling("D2", "Afd 0", 2), dwelling("E2", "Afd 2", 2), dwelling("E1", "Afd 2", 1))
    instance = Instance(instance.households, vs)
    audit = check(instance, DEFAULT, {"A": "D2", "B": "E2", "C": "E1"})
    assert audit.ok, audit.verdict_lines()
    assert brute_force_ranks(instance, DEFAULT) == {"A": 1, "B": 2, "C": 2}


# --- an unhoused household taking a junior's place through a chain -------------------------------------------


def test_an_unhoused_household_can_take_a_juniors_place_through_a_chain_of_two():
    hs = (
        household("G", 1, 2, P, "01-01-2000"),
        household("U", 1, 2, P, "01-01-2001", max_rent=5000.0),
        household("J", 1, 2, P, "01-01-2002"),
    )
    vs = (dwelling("D1", "A", 2, rent=5000.0), dwelling("D2", "A", 2, rent=6000.0))
    instance = Instance(hs, vs)
    audit = check(instance, DEFAULT, {"G": "D1", "J": "D2"})
    assert audit.coverage_ok and audit.permanent_ok
    assert kinds(audit) == ["priority_chain_unhoused"]
    (finding,) = audit.priority_violations
    assert finding.household_ids == ("U", "G", "J") and finding.dwelling_ids == ("D1", "D2")
    assert finding.text == (
        "U (priority 2) is unhoused but could be housed in place of lower-priority J (priority 3) through a "
        "chain of moves: U takes D1 from G; G takes D2 from J; J would be unhoused instead"
    )
    assert audit.passes("weighted") and not audit.ok
    good = {"G": "D2", "U": "D1"}
    assert check(instance, DEFAULT, good).ok
    assert brute_force(instance, DEFAULT) == ({"G": 1, "U": 1, "J": None}, good)


def test_decisions_take_no_part_in_chains():
    instance = abc()
    # C is pinned in D1: B can no longer reach D2 through A, and the allocation is serial dictatorship's
    decisions = Decisions(fixed=(("C", "D1"),))
    audit = check(instance, DEFAULT, {"A": "D2", "B": "E2", "C": "D1"}, decisions=decisions)
    assert audit.ok, audit.verdict_lines()
    assert brute_force_ranks(instance, DEFAULT, decisions) == {"A": 1, "B": 2, "C": 1}
    forbidden = Decisions(forbidden=(("A", "D1"),))  # A may not take D1: B cannot have D2 either
    audit = check(instance, DEFAULT, {"A": "D2", "B": "E2", "C": "D1"}, decisions=forbidden)
    assert audit.ok, audit.verdict_lines()


# --- properties against the brute force ---------------------------------------------------------------------

DAYS = [dt.date(2000, 1, 1), dt.date(2001, 1, 1), dt.date(2002, 1, 1)]
PROFILE = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def small_cases(draw, max_households: int = 8, max_dwellings: int = 8):
    municipalities = ["K1", "K2"][: draw(st.integers(1, 2))]
    n = draw(st.integers(1, max_households))
    m = draw(st.integers(1, max_dwellings))
    hs = tuple(
        Household(
            f"H{i}",
            "Old",
            draw(st.sampled_from(municipalities)),
            draw(st.integers(1, 2)),
            draw(st.integers(1, 3)),
            draw(st.sampled_from(Kind)),
            draw(st.sampled_from(DAYS)),  # ties in seniority are common: the seeded draw decides them
            wishes=tuple(draw(st.permutations(["A", "B", "C"]))[: draw(st.integers(0, 3))]),
            max_rent=draw(st.sampled_from([None, None, 5000.0])),
            accepts_other_municipality=draw(st.booleans()),
        )
        for i in range(n)
    )
    vs = tuple(
        Vacancy(
            f"D{j}",
            draw(st.sampled_from(["A", "A", "B", "C"])),  # several dwellings of a department: ties in rank
            draw(st.sampled_from(municipalities)),
            draw(st.integers(1, 3)),
            rent=draw(st.sampled_from([None, 4000.0, 6000.0])),
            use=draw(st.sampled_from([Use.ANY, Use.ANY, Use.ANY, Use.PERMANENT, Use.TEMPORARY])),
        )
        for j in range(m)
    )
    s = Settings(
        tie_break_seed=draw(st.integers(0, 3)),
        temporary_other_municipality=draw(st.booleans()),
        size_rule=draw(st.sampled_from(["range", "law-minimum"])),
    )
    return Instance(hs, vs), s


@st.composite
def small_decisions(draw, instance: Instance) -> Decisions:
    h_ids = [h.household_id for h in instance.households]
    d_ids = [v.dwelling_id for v in instance.vacancies]
    if not draw(st.booleans()):
        return Decisions()
    hs, ds = draw(st.permutations(h_ids)), draw(st.permutations(d_ids))
    k = draw(st.integers(0, min(1, len(hs), len(ds))))
    fixed = tuple(zip(hs[:k], ds[:k], strict=True))
    pairs = [(h, d) for h in h_ids for d in d_ids if (h, d) not in fixed]
    forbidden = tuple(draw(st.lists(st.sampled_from(pairs), max_size=3))) if pairs else ()
    return Decisions(fixed=fixed, forbidden=forbidden)


@PROFILE
@given(st.data())
def test_the_brute_force_allocation_is_accepted(data):
    instance, s = data.draw(small_cases())
    decisions = data.draw(small_decisions(instance))
    ranks, allocation = brute_force(instance, s, decisions)
    assert ranks_of(instance, allocation) == ranks
    audit = check(instance, s, allocation, decisions=decisions)
    assert audit.ok, audit.verdict_lines()


def matchings(instance: Instance, s: Settings, decisions: Decisions):
    """Every assignment of distinct dwellings to households (fixed pairs kept) that breaks no rule or decision."""
    t = build_tables(instance, s)
    fixed = dict(decisions.fixed)
    taken = set(fixed.values())
    banned = set(decisions.forbidden)
    options = []
    for i, h in enumerate(instance.households):
        if h.household_id in fixed:
            options.append([fixed[h.household_id]])
            continue
        fits = [None]
        for j, v in enumerate(instance.vacancies):
            if v.dwelling_id in taken or (h.household_id, v.dwelling_id) in banned:
                continue
            if not any(f[0] for f in failed_rules(t, np.array([i]), np.array([j])).values()):
                fits.append(v.dwelling_id)
        options.append(fits)
    ids = [h.household_id for h in instance.households]
    for choice in itertools.product(*options):
        given_ = [d for d in choice if d is not None]
        if len(given_) == len(set(given_)):
            yield {h: d for h, d in zip(ids, choice, strict=True) if d is not None}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_checker_accepts_exactly_the_allocations_with_serial_dictatorships_ranks(data):
    """On tiny cases, every lawful allocation: accepted exactly when its ranks are the brute force's."""
    instance, s = data.draw(small_cases(max_households=5, max_dwellings=5))
    decisions = data.draw(small_decisions(instance))
    expected = brute_force_ranks(instance, s, decisions)
    best = max(len(a) for a in matchings(instance, s, decisions))
    for assignment in matchings(instance, s, decisions):
        if len(assignment) < best:
            continue  # coverage alone rejects these
        audit = check(instance, s, assignment, decisions=decisions)
        assert audit.ok == (ranks_of(instance, assignment) == expected), (assignment, audit.verdict_lines())
