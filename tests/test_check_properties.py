"""Hypothesis-generated small cases: the checker against brute force and a plain reading of the rules."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

import numpy as np
from brute_force import brute_force_ranks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.check import check
from allocator.check.suitability import RULES, build_tables, failed_rules, suitability
from allocator.domain import (
    Decisions,
    Household,
    Instance,
    Kind,
    Settings,
    Use,
    Vacancy,
    priority_order,
    wish_rank,
)

DEPARTMENTS = ("A", "B", "C")
DAYS = [dt.date(2027, 1, 1) + dt.timedelta(days=d) for d in (0, 10, 14, 20, 30)]
UNHOUSED = 10**6

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the rules as the brief states them, one pair at a time -------------------------------------------------


def size_fits(h: Household, rooms: int, s: Settings) -> bool:
    """The size rule, case by case: who set which agreed bound, under which rule."""
    a, b = h.members + 1, h.current_rooms
    low, high = min(a, b), max(a, b)  # the range rule's own bounds
    agreed_min, agreed_max = h.min_rooms, h.max_rooms
    if agreed_min is None and agreed_max is None:
        if s.temporary_size_rule == "half" and h.kind is Kind.TEMPORARY:
            return math.ceil(h.members / 2) <= rooms <= high
        if s.size_rule == "range":
            return low <= rooms <= high
        if s.size_rule == "law-minimum":
            return rooms >= low
        return rooms == a or rooms == b  # exact
    if agreed_min is not None and agreed_max is not None:
        return agreed_min <= rooms <= agreed_max  # both agreed: the agreement alone, under every rule
    if agreed_max is not None:  # only a maximum: it is the upper bound and may pull the lower one down
        return min(low, agreed_max) <= rooms <= agreed_max
    # only a minimum: it is the lower bound; above the rule's upper bound it lifts it (no upper bound at all
    # under law-minimum)
    if s.size_rule == "law-minimum":
        return rooms >= agreed_min
    return agreed_min <= rooms <= max(high, agreed_min)


def rules_passed(h: Household, d: Vacancy, s: Settings) -> dict[str, bool]:
    waived = h.kind is Kind.TEMPORARY and (h.accepts_other_municipality or s.temporary_other_municipality)
    return {
        "same_municipality": d.municipality == h.municipality or waived,
        "suitable_size": size_fits(h, d.rooms, s),
        "step_free_access": not h.needs_step_free or d.step_free,
        "max_rent": h.max_rent is None or d.rent is None or d.rent <= h.max_rent,
        "use_of_dwelling": d.use.allows(h.kind),
        "in_time": d.available_from is None
        or h.move_by is None
        or d.available_from + dt.timedelta(days=s.overlap_days) <= h.move_by,
        "wished_department": s.wishes == "soft" or not h.wishes or d.department in h.wishes,
    }


def suitable(h: Household, d: Vacancy, s: Settings) -> bool:
    return all(rules_passed(h, d, s).values())


# --- instances ----------------------------------------------------------------------------------------------


@st.composite
def households(draw, i: int, loose: bool = False) -> Household:
    """A household; ``loose`` makes every restriction but the rent rare (one person in two rooms, mostly no
    agreed bounds), so that who may take what turns mostly on rent and envy, chains and trades are common."""
    min_rooms = draw(st.sampled_from([None, None, 1, 2, 3]))  # often both unset: the size rules differ there
    max_rooms = draw(st.sampled_from([None, None, 2, 3, 4]))
    if loose:
        min_rooms, max_rooms = (min_rooms, None) if draw(st.integers(0, 4)) == 0 else (None, None)
    if min_rooms is not None and max_rooms is not None and min_rooms > max_rooms:
        min_rooms, max_rooms = max_rooms, min_rooms
    rare = [False] * 4 + [True] if loose else [False, True]
    return Household(
        household_id=f"H{i}",
        department="Old",
        municipality=draw(st.sampled_from(["K1"] if loose else ["K1", "K2"])),
        members=draw(st.just(1) if loose else st.integers(1, 3)),
        current_rooms=draw(st.just(2) if loose else st.integers(1, 4)),
        kind=draw(st.sampled_from(Kind)),
        seniority_date=draw(st.sampled_from(DAYS[:3])),  # ties are common
        wishes=tuple(draw(st.permutations(DEPARTMENTS))[: draw(st.integers(1 if loose else 0, 3))]),
        needs_ground_floor=draw(st.sampled_from(rare)),
        needs_elevator=draw(st.sampled_from([False, False, True])) and not loose,
        max_rent=draw(st.sampled_from([None, 5000.0, 7000.0])),
        min_rooms=min_rooms,
        max_rooms=max_rooms,
        move_by=draw(st.sampled_from([None] * 6 + [DAYS[1]] if loose else [None, *DAYS])),
        accepts_other_municipality=draw(st.booleans()),
    )


@st.composite
def vacancies(draw, j: int, loose: bool = False) -> Vacancy:
    return Vacancy(
        dwelling_id=f"B{j}",
        department=draw(st.sampled_from(DEPARTMENTS)),
        municipality=draw(st.sampled_from(["K1"] if loose else ["K1", "K2"])),
        rooms=draw(st.sampled_from([2, 2, 2, 3]) if loose else st.integers(1, 5)),
        rent=draw(st.sampled_from([None, 4000.0, 5000.0, 6000.0, 8000.0])),
        floor=draw(st.sampled_from([None, 0, 1, 3])),
        elevator=draw(st.booleans()),
        available_from=draw(st.sampled_from([None] * 6 + [DAYS[0]] if loose else [None, *DAYS])),
        use=draw(st.sampled_from([Use.ANY] * 4 + list(Use) if loose else list(Use))),
    )


PLANTED = {"HS": "BS", "HJ": "BJ"}
"""The pairs of a planted chain, placed first by ``lawful_matchings`` when they fit the open part."""


@st.composite
def planted_chain(draw) -> tuple[tuple[Household, ...], tuple[Vacancy, ...]]:
    """A senior HS and a junior HJ (fit for every rule but rent under loose settings) and three dwellings: HS
    holding BS will wish BJ, which HJ holds and which HS may take; HJ cannot pay BS; BF is left free and often
    HJ may take it (a chain), sometimes not (too dear)."""
    senior = Household("HS", "Old", "K1", 1, 2, Kind.PERMANENT, DAYS[0], wishes=("A",))
    junior = Household(
        "HJ",
        "Old",
        "K1",
        1,
        2,
        draw(st.sampled_from(Kind)),
        draw(st.sampled_from(DAYS[1:3])),
        wishes=tuple(draw(st.permutations(DEPARTMENTS))[: draw(st.integers(0, 3))]),
        max_rent=5000.0,
    )
    dwellings = (
        Vacancy("BS", "B", "K1", 2, rent=6000.0),
        Vacancy("BJ", "A", "K1", 2, rent=draw(st.sampled_from([None, 4000.0, 5000.0]))),
        Vacancy(
            "BF",
            draw(st.sampled_from(DEPARTMENTS)),
            "K1",
            2,
            rent=draw(st.sampled_from([None, 4000.0, 5000.0, 8000.0])),
        ),
    )
    return (senior, junior), dwellings


@st.composite
def cases(draw, loose: bool | None = False) -> tuple[Instance, Settings]:
    """An instance and settings; ``loose=None`` draws loose or not. A loose case often has a planted chain."""
    loose = draw(st.booleans()) if loose is None else loose
    n = draw(st.integers(2, 7))  # loose: soft wishes, no exact size rule
    m = draw(st.integers(2, 7))
    hs = tuple(draw(households(i, loose)) for i in range(n))
    vs = tuple(draw(vacancies(j, loose)) for j in range(m))
    if loose and draw(st.integers(0, 3)):  # three loose cases in four have a planted chain
        planted_hs, planted_vs = draw(planted_chain())
        hs, vs = hs + planted_hs, vs + planted_vs
    s = Settings(
        overlap_days=draw(st.sampled_from([0, 14])),
        size_rule=draw(st.sampled_from(["law-minimum", "range", "exact"][: 2 if loose else 3])),
        temporary_size_rule=draw(st.sampled_from(["same", "half"])),
        wishes=draw(st.sampled_from(["soft"] if loose else ["soft", "hard"])),
        temporary_other_municipality=draw(st.booleans()),
        tie_break_seed=draw(st.integers(0, 3)),
    )
    return Instance(hs, vs), s


# --- decisions ----------------------------------------------------------------------------------------------

NONE = Decisions()


@st.composite
def decisions_for(draw, instance: Instance, s: Settings, unknown: bool = False) -> Decisions:
    """A few fixed pairs drawn from the instance (any pair, lawful or not) and a few forbidden pairs, often
    suitable ones (so that forbidding them matters); with ``unknown``, ids not in the instance may appear in
    both."""
    h_ids = [h.household_id for h in instance.households] + (["X1"] if unknown else [])
    d_ids = [v.dwelling_id for v in instance.vacancies] + (["Y1"] if unknown else [])
    hs, ds = draw(st.permutations(h_ids)), draw(st.permutations(d_ids))
    k = draw(st.integers(0, min(3, len(hs), len(ds))))
    fixed = tuple(zip(hs[:k], ds[:k], strict=True))
    pairs = [(h, d) for h in h_ids for d in d_ids if (h, d) not in fixed]
    lawful = [
        (h.household_id, v.dwelling_id)
        for h in instance.households
        for v in instance.vacancies
        if suitable(h, v, s) and (h.household_id, v.dwelling_id) not in fixed
    ]
    pools = [st.sampled_from(pool) for pool in (pairs, lawful) if pool]
    forbidden = tuple(draw(st.lists(st.one_of(pools), max_size=5))) if pools else ()
    return Decisions(fixed=fixed, forbidden=forbidden)


@st.composite
def cases_with_decisions(draw, unknown: bool = False) -> tuple[Instance, Settings, Decisions]:
    instance, s = draw(cases(loose=None))
    return instance, s, draw(decisions_for(instance, s, unknown))


def fixed_map(instance: Instance, decisions: Decisions) -> dict[str, str]:
    """The fixed pairs whose ids are both in the instance."""
    hs = {h.household_id for h in instance.households}
    vs = {v.dwelling_id for v in instance.vacancies}
    return {h: d for h, d in decisions.fixed if h in hs and d in vs}


def housed_by_hand(
    instance: Instance, s: Settings, decisions: Decisions, assignment: dict
) -> tuple[set[str], list[str]]:
    """(fixed households kept, open households lawfully housed) of any assignment: a kept fixed pair counts
    whatever the rules say; an open pair counts when its dwelling is known, not fixed, held once, and the pair
    fits the open part."""
    fixed = fixed_map(instance, decisions)
    fits = open_fits(instance, s, decisions)
    hs = {h.household_id for h in instance.households}
    vs = {v.dwelling_id for v in instance.vacancies}
    holders: dict[str, int] = {}
    for d in assignment.values():
        holders[d] = holders.get(d, 0) + 1
    kept = {h for h, d in fixed.items() if assignment.get(h) == d}
    lawful = [h for h, d in assignment.items() if h in hs and d in vs and holders[d] == 1 and fits(h, d)]
    return kept, lawful


def open_fits(instance: Instance, s: Settings, decisions: Decisions):
    """``fits(h, d)`` on the open part: both not fixed, the pair not forbidden, and suitable by the rules."""
    fixed = fixed_map(instance, decisions)
    taken = set(fixed.values())
    banned = set(decisions.forbidden)
    hs = {h.household_id: h for h in instance.households}
    vs = {v.dwelling_id: v for v in instance.vacancies}

    def fits(h: str, d: str) -> bool:
        return h not in fixed and d not in taken and (h, d) not in banned and suitable(hs[h], vs[d], s)

    return fits


# --- brute force --------------------------------------------------------------------------------------------


def ranks_of(instance: Instance, match: dict[str, str]) -> dict[str, int | None]:
    vs = {v.dwelling_id: v for v in instance.vacancies}
    return {
        h.household_id: wish_rank(h, vs[match[h.household_id]].department)
        if h.household_id in match
        else None
        for h in instance.households
    }


def suitable_lists(instance: Instance, s: Settings, decisions: Decisions = NONE) -> list[list[int]]:
    fits = open_fits(instance, s, decisions)
    return [
        [j for j, d in enumerate(instance.vacancies) if fits(h.household_id, d.dwelling_id)]
        for h in instance.households
    ]


def best_counts(instance: Instance, s: Settings, decisions: Decisions = NONE) -> tuple[int, int]:
    """(most housed, most permanent among those) on the open part, by dynamic programming over households and
    used dwellings."""
    options = suitable_lists(instance, s, decisions)
    permanent = [h.kind is Kind.PERMANENT for h in instance.households]

    @cache
    def best(i: int, used: int) -> tuple[int, int]:
        if i == len(options):
            return 0, 0
        result = best(i + 1, used)
        for j in options[i]:
            if not used >> j & 1:
                housed, perm = best(i + 1, used | 1 << j)
                result = max(result, (housed + 1, perm + permanent[i]))
        return result

    return best(0, 0)


def expected_maxima(instance: Instance, s: Settings, decisions: Decisions = NONE) -> tuple[int, int]:
    """The fixed households (all, and the permanent ones) plus the open part's best counts."""
    fixed = fixed_map(instance, decisions)
    kinds = {h.household_id: h.kind for h in instance.households}
    housed, permanent = best_counts(instance, s, decisions)
    return housed + len(fixed), permanent + sum(kinds[h] is Kind.PERMANENT for h in fixed)


def lex_optimal(instance: Instance, s: Settings, decisions: Decisions = NONE) -> dict[str, str]:
    """The fixed pairs, and on the open part, among all matchings with the most housed and then the most
    permanent households, the one whose housed set, read in priority order, is lexicographically largest
    (the priority-greedy housed set), and then whose wish ranks, read in priority order, are lexicographically
    smallest: serial dictatorship with ties."""
    options = suitable_lists(instance, s, decisions)
    hs, vs = instance.households, instance.vacancies
    target = best_counts(instance, s, decisions)
    order = priority_order(hs, s.tie_break_seed)
    best_key, best_match = None, None

    def walk(i: int, used: int, match: dict[int, int], housed: int, perm: int) -> None:
        nonlocal best_key, best_match
        if housed + (len(hs) - i) < target[0]:
            return
        if i == len(hs):
            if (housed, perm) == target:
                key = tuple(k not in match for k in order) + tuple(
                    wish_rank(hs[k], vs[match[k]].department) if k in match else UNHOUSED for k in order
                )
                if best_key is None or key < best_key:
                    best_key, best_match = key, dict(match)
            return
        walk(i + 1, used, match, housed, perm)
        for j in options[i]:
            if not used >> j & 1:
                match[i] = j
                walk(i + 1, used | 1 << j, match, housed + 1, perm + (hs[i].kind is Kind.PERMANENT))
                del match[i]

    walk(0, 0, {}, 0, 0)
    found = {hs[i].household_id: vs[j].dwelling_id for i, j in best_match.items()}
    return found | fixed_map(instance, decisions)


@st.composite
def lawful_matchings(draw, instance: Instance, s: Settings, decisions: Decisions = NONE) -> dict[str, str]:
    """The fixed pairs and any matching of suitable open pairs (not necessarily a good one).

    Often the households choose juniors first, each its best free dwelling: the seniors then envy, and where a
    junior cannot take a senior's dwelling but a free one, a chain is open. A planted chain's pairs come first.
    """
    options = suitable_lists(instance, s, decisions)
    hs, vs = instance.households, instance.vacancies
    juniors_first = draw(st.booleans())
    if juniors_first:
        order = priority_order(hs, s.tie_break_seed)[::-1]
    else:
        order = draw(st.permutations(range(len(options))))
    used: set[int] = set()
    match = {}
    fits = open_fits(instance, s, decisions)
    h_index = {h.household_id: i for i, h in enumerate(hs)}
    d_index = {v.dwelling_id: j for j, v in enumerate(vs)}
    for h, d in PLANTED.items():
        if h in h_index and fits(h, d):
            used.add(d_index[d])
            match[h] = d
    for i in order:
        if hs[i].household_id in match:
            continue
        free = [j for j in options[i] if j not in used]
        if free and draw(st.integers(0, 3)):
            if juniors_first:
                j = min(free, key=lambda j: wish_rank(hs[i], vs[j].department))
            else:
                j = draw(st.sampled_from(free))
            used.add(j)
            match[hs[i].household_id] = vs[j].dwelling_id
    return match | fixed_map(instance, decisions)


def brute_force_findings(
    instance: Instance, s: Settings, match: dict[str, str], decisions: Decisions = NONE
) -> dict[str, object]:
    """Envy (swap, chain through a free dwelling, unhoused), waste and trade groups of ``match`` on the open
    part: ``fits`` is false for every fixed household, every fixed dwelling and every forbidden pair, so fixed
    pairs neither envy nor are envied nor trade, and a fixed dwelling is never a free one a chain could use."""
    hs = {h.household_id: h for h in instance.households}
    vs = {v.dwelling_id: v for v in instance.vacancies}
    position = {
        instance.households[i].household_id: p
        for p, i in enumerate(priority_order(instance.households, s.tie_break_seed))
    }
    fits = open_fits(instance, s, decisions)

    def rank(h: str, d: str) -> int:
        return wish_rank(hs[h], vs[d].department)

    held = set(match.values())
    free = [d for d in vs if d not in held]
    envy, chain, unhoused_envy, waste = set(), set(), set(), set()
    chain_to: dict[tuple[str, str], set[str]] = {}  # the free dwellings the junior of a chain could move to
    for h in hs:
        for other, theirs in match.items():
            if position[h] >= position[other] or not fits(h, theirs):
                continue
            if h not in match:
                unhoused_envy.add((h, other))
            elif rank(h, theirs) < rank(h, match[h]):
                if fits(other, match[h]):
                    envy.add((h, other))  # they could swap
                elif any(fits(other, d) for d in free):
                    chain.add((h, other))  # h takes theirs, other moves to a free dwelling
                    chain_to[h, other] = {d for d in free if fits(other, d)}
        for d in vs:
            if d not in held and fits(h, d) and (h not in match or rank(h, d) < rank(h, match[h])):
                waste.add(h)
    # trade cycles: arcs a -> b where a may take b's dwelling at a rank no worse than its own; a group (a strongly
    # connected component) counts when one of its arcs is strict: passing dwellings round, someone gains and
    # no one loses
    housed = list(match)
    arcs = {
        (a, b)
        for a in housed
        for b in housed
        if a != b and fits(a, match[b]) and rank(a, match[b]) <= rank(a, match[a])
    }
    strict = {(a, b) for a, b in arcs if rank(a, match[b]) < rank(a, match[a])}
    reach = {(a, b) for a, b in arcs}
    for via in housed:
        reach |= {(a, b) for a in housed for b in housed if (a, via) in reach and (via, b) in reach}
    components = {
        frozenset(b for b in housed if (a, b) in reach and (b, a) in reach) | {a}
        for a in housed
        if (a, a) in reach
    }
    groups = {g for g in components if any(a in g and b in g for a, b in strict)}
    return {
        "envy": envy,
        "chain": chain,
        "chain_to": chain_to,
        "unhoused_envy": unhoused_envy,
        "waste": waste,
        "groups": groups,
        "arcs": arcs,
    }


def assert_chains_match(audit, match: dict[str, str], truth: dict[str, object]) -> None:
    """The checker's chain findings are the brute force's, each naming the two homes and a free dwelling the
    junior could take."""
    chains = [f for f in audit.priority_violations if f.kind == "priority_chain"]
    assert {f.household_ids for f in chains} == truth["chain"] and len(chains) == len(truth["chain"])
    for f in chains:
        senior, junior = f.household_ids
        theirs, mine, spare = f.dwelling_ids
        assert (theirs, mine) == (match[junior], match[senior])
        assert spare in truth["chain_to"][senior, junior]
        assert all(name in f.text for name in (senior, junior, theirs, spare))


PAIRWISE = ("priority_envy", "priority_chain", "priority_unhoused")
DIRECT_WASTE = ("free_dwelling_preferred", "unhoused_with_free_dwelling")


def pairwise(findings):
    """The pairwise priority findings (``fairness.py``); chains from unhoused households are the seniority
    check's and are compared with the brute-force serial dictatorship instead."""
    return [f for f in findings if f.kind in PAIRWISE]


def direct_waste(findings):
    return [f for f in findings if f.kind in DIRECT_WASTE]


# --- properties ---------------------------------------------------------------------------------------------


@PROFILE
@given(cases())
def test_suitability_matrix_follows_the_rules_pair_by_pair(case):
    instance, s = case
    matrix = suitability(build_tables(instance, s))
    expected = np.array([[suitable(h, d, s) for d in instance.vacancies] for h in instance.households])
    assert np.array_equal(matrix, expected)


def test_size_rule_follows_its_plain_reading_for_every_small_household():
    """Exhaustive over small households (members, current rooms, agreed bounds, kind) and room counts, under
    every size rule: the case the random instances reach least, one-sided bounds beyond the rule's."""
    bounds = [None, *range(1, 6)]
    hs = tuple(
        Household(f"H{k}", "Old", "K1", members, current, kind, DAYS[0], min_rooms=lo, max_rooms=hi)
        for k, (members, current, lo, hi, kind) in enumerate(
            (members, current, lo, hi, kind)
            for members in range(1, 5)
            for current in range(1, 6)
            for lo in bounds
            for hi in bounds
            for kind in Kind
            if lo is None or hi is None or lo <= hi
        )
    )
    vs = tuple(Vacancy(f"B{rooms}", "A", "K1", rooms) for rooms in range(1, 8))
    for size_rule in ("range", "law-minimum", "exact"):
        for temporary_size_rule in ("same", "half"):
            s = Settings(size_rule=size_rule, temporary_size_rule=temporary_size_rule)
            t = build_tables(Instance(hs, vs), s)
            n, m = len(hs), len(vs)
            i, j = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
            found = ~failed_rules(t, i, j)["suitable_size"]
            expected = np.array([size_fits(hs[a], vs[b].rooms, s) for a, b in zip(i, j, strict=True)])
            assert np.array_equal(found, expected), (size_rule, temporary_size_rule)


@PROFILE
@given(cases())
def test_each_rule_follows_its_plain_reading_pair_by_pair(case):
    """Rule by rule, so that one rule failing cannot hide a mistake in another."""
    instance, s = case
    n, m = len(instance.households), len(instance.vacancies)
    i, j = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
    failures = failed_rules(build_tables(instance, s), i, j)
    assert set(failures) == {rule.name for rule in RULES}
    for k in range(n * m):
        passed = rules_passed(instance.households[i[k]], instance.vacancies[j[k]], s)
        assert set(passed) == set(failures)
        assert {name for name in failures if failures[name][k]} == {
            name for name, ok in passed.items() if not ok
        }


@PROFILE
@given(cases(loose=None))
def test_max_housed_and_max_permanent_match_brute_force(case):
    instance, s = case
    audit = check(instance, s, {})
    assert (audit.max_housed, audit.max_permanent_housed) == best_counts(instance, s)


@PROFILE
@given(cases(loose=None))
def test_lexicographically_optimal_allocation_passes(case):
    instance, s = case
    assignment = lex_optimal(instance, s)
    audit = check(instance, s, assignment)
    assert audit.ok, audit.verdict_lines()
    truth = brute_force_findings(instance, s, assignment)
    assert not (truth["envy"] or truth["chain"] or truth["unhoused_envy"])  # the brute force agrees: no envy
    assert audit.passes("strict") and audit.passes("weighted")
    assert audit.housed == len(assignment)


@PROFILE
@given(st.data())
def test_findings_match_brute_force_on_any_lawful_matching(data):
    instance, s = data.draw(cases(loose=None))
    match = data.draw(lawful_matchings(instance, s))
    audit = check(instance, s, match)
    truth = brute_force_findings(instance, s, match)
    assert audit.rule_breaches == ()
    assert audit.housed == len(match)
    assert audit.permanent_housed == sum(
        1 for h in instance.households if h.household_id in match and h.kind is Kind.PERMANENT
    )
    assert {f.household_ids for f in audit.priority_violations if f.kind == "priority_envy"} == truth["envy"]
    assert {f.household_ids for f in audit.priority_violations if f.kind == "priority_unhoused"} == truth[
        "unhoused_envy"
    ]
    assert_chains_match(audit, match, truth)
    assert len(pairwise(audit.priority_violations)) == sum(
        len(truth[kind]) for kind in ("envy", "chain", "unhoused_envy")
    )
    waste = direct_waste(audit.waste)
    assert {f.household_ids[0] for f in waste} == truth["waste"] and len(waste) == len(truth["waste"])
    assert len(audit.trade_cycles) == len(truth["groups"])
    for finding in audit.trade_cycles:
        ids = finding.household_ids
        assert len(ids) >= 2 and len(set(ids)) == len(ids)
        assert all((a, b) in truth["arcs"] for a, b in zip(ids, ids[1:] + ids[:1], strict=True))
        assert any(set(ids) <= group for group in truth["groups"])
        assert finding.dwelling_ids == tuple(match[h] for h in ids)
    # the verdict is exactly serial dictatorship's ranks (which imply every pairwise check and no cycle)
    assert audit.ok == (ranks_of(instance, match) == brute_force_ranks(instance, s))
    if audit.ok:
        assert not any(truth[kind] for kind in ("envy", "chain", "unhoused_envy", "waste", "groups"))
    assert audit.passes("strict") == audit.ok
    assert audit.passes("weighted") == (
        len(match) == best_counts(instance, s)[0] and not (truth["waste"] or truth["groups"])
    )


@PROFILE
@given(st.data())
def test_moving_a_housed_household_to_an_unsuitable_dwelling_is_caught(data):
    instance, s = data.draw(cases())
    assignment = lex_optimal(instance, s)
    hs = {h.household_id: h for h in instance.households}
    moves = [(h, d) for h in assignment for d in instance.vacancies if not suitable(hs[h], d, s)]
    if not moves:
        return
    h, d = data.draw(st.sampled_from(moves))
    broken = dict(assignment) | {h: d.dwelling_id}
    audit = check(instance, s, broken)
    assert not audit.ok
    failed = {rule for rule, passed in rules_passed(hs[h], d, s).items() if not passed}
    mine = {
        f.kind for f in audit.rule_breaches if f.household_ids == (h,) and f.dwelling_ids == (d.dwelling_id,)
    }
    assert mine == failed
    taken = sum(1 for v in broken.values() if v == d.dwelling_id) > 1
    assert ("dwelling_assigned_twice" in {f.kind for f in audit.rule_breaches}) == taken


@PROFILE
@given(st.data())
def test_arbitrary_assignments_never_raise_and_count_every_breach(data):
    instance, s = data.draw(cases())
    ids = [h.household_id for h in instance.households] + ["X1"]
    dwelling_ids = [v.dwelling_id for v in instance.vacancies] + ["Y1"]
    assignment = data.draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(dwelling_ids), max_size=8))
    audit = check(instance, s, assignment)
    hs = {h.household_id: h for h in instance.households}
    vs = {v.dwelling_id: v for v in instance.vacancies}
    holders: dict[str, int] = {}
    for d in assignment.values():
        holders[d] = holders.get(d, 0) + 1
    expected = sum(h not in hs for h in assignment) + sum(d not in vs for d in assignment.values())
    expected += sum(1 for d, count in holders.items() if d in vs and count > 1)
    expected += sum(
        not passed
        for h, d in assignment.items()
        if h in hs and d in vs
        for passed in rules_passed(hs[h], vs[d], s).values()
    )
    assert len(audit.rule_breaches) == expected
    lawful = [
        h
        for h, d in assignment.items()
        if h in hs and d in vs and holders[d] == 1 and suitable(hs[h], vs[d], s)
    ]
    assert audit.housed == len(lawful) <= audit.max_housed
    assert audit.permanent_housed <= audit.max_permanent_housed
    assert audit.ok == (audit.as_dict()["ok"])
    assert audit.passes("strict") == audit.ok
    assert audit.passes("weighted") == (
        not audit.rule_breaches and audit.coverage_ok and not audit.waste and not audit.trade_cycles
    )
    if audit.rule_breaches:
        assert not audit.passes("weighted")


# --- properties with decisions: fixed pairs given, forbidden pairs never, the rest judged on the open part ----


@PROFILE
@given(cases_with_decisions())
def test_max_housed_with_decisions_is_fixed_plus_the_open_brute_force(case):
    instance, s, decisions = case
    audit = check(instance, s, {}, decisions=decisions)
    assert (audit.max_housed, audit.max_permanent_housed) == expected_maxima(instance, s, decisions)
    assert audit.fixed == 0
    assert [f.kind for f in audit.rule_breaches] == ["decision_broken"] * len(decisions.fixed)


@PROFILE
@given(cases_with_decisions())
def test_lexicographically_optimal_allocation_with_decisions_passes(case):
    instance, s, decisions = case
    assignment = lex_optimal(instance, s, decisions)
    audit = check(instance, s, assignment, decisions=decisions)
    assert audit.ok, audit.verdict_lines()
    truth = brute_force_findings(instance, s, assignment, decisions)
    assert not (truth["envy"] or truth["chain"] or truth["unhoused_envy"])
    assert audit.passes("strict") and audit.passes("weighted")
    assert audit.housed == len(assignment) == audit.max_housed
    assert audit.fixed == len(decisions.fixed)
    assert audit.forbidden == len(set(decisions.forbidden))
    lines = audit.verdict_lines()
    if decisions.fixed or decisions.forbidden:
        assert sum(line.startswith("decisions: ") and line.endswith(" - ok") for line in lines) == 1
    else:
        assert not any(line.startswith("decisions") for line in lines)


@PROFILE
@given(st.data())
def test_findings_with_decisions_match_brute_force_on_the_open_part(data):
    instance, s, decisions = data.draw(cases_with_decisions())
    match = data.draw(lawful_matchings(instance, s, decisions))
    audit = check(instance, s, match, decisions=decisions)
    truth = brute_force_findings(instance, s, match, decisions)
    maxima = expected_maxima(instance, s, decisions)
    assert audit.rule_breaches == ()  # fixed pairs that break rules are given, not breaches
    assert audit.fixed == len(decisions.fixed)
    assert audit.housed == len(match)
    assert audit.permanent_housed == sum(
        1 for h in instance.households if h.household_id in match and h.kind is Kind.PERMANENT
    )
    assert (audit.max_housed, audit.max_permanent_housed) == maxima
    assert {f.household_ids for f in audit.priority_violations if f.kind == "priority_envy"} == truth["envy"]
    assert {f.household_ids for f in audit.priority_violations if f.kind == "priority_unhoused"} == truth[
        "unhoused_envy"
    ]
    assert_chains_match(audit, match, truth)
    assert len(pairwise(audit.priority_violations)) == sum(
        len(truth[kind]) for kind in ("envy", "chain", "unhoused_envy")
    )
    waste = direct_waste(audit.waste)
    assert {f.household_ids[0] for f in waste} == truth["waste"] and len(waste) == len(truth["waste"])
    fixed = fixed_map(instance, decisions)
    named = {h for f in audit.priority_violations + audit.waste + audit.trade_cycles for h in f.household_ids}
    assert not named & set(fixed)  # fixed households neither envy, nor are envied, nor waste, nor trade
    assert len(audit.trade_cycles) == len(truth["groups"])
    for finding in audit.trade_cycles:
        ids = finding.household_ids
        assert len(ids) >= 2 and len(set(ids)) == len(ids)
        assert all((a, b) in truth["arcs"] for a, b in zip(ids, ids[1:] + ids[:1], strict=True))
        assert any(set(ids) <= group for group in truth["groups"])
    assert audit.ok == (ranks_of(instance, match) == brute_force_ranks(instance, s, decisions))
    if audit.ok:
        assert not any(truth[kind] for kind in ("envy", "chain", "unhoused_envy", "waste", "groups"))
    assert audit.passes("weighted") == (len(match) == maxima[0] and not (truth["waste"] or truth["groups"]))


@PROFILE
@given(st.data())
def test_breaking_a_decision_is_caught(data):
    instance, s, decisions = data.draw(cases_with_decisions())
    assignment = lex_optimal(instance, s, decisions)
    fixed = fixed_map(instance, decisions)
    dwelling_ids = [v.dwelling_id for v in instance.vacancies]
    moves = [(h, d) for h in fixed for d in dwelling_ids if d != fixed[h]] + [(h, None) for h in fixed]
    moves += [(h, d) for h, d in decisions.forbidden]
    intruders = [
        (h.household_id, d)
        for h in instance.households
        if h.household_id not in fixed
        for d in fixed.values()
    ]
    moves += intruders
    if not moves:
        return
    h, d = data.draw(st.sampled_from(moves))
    broken = {k: v for k, v in assignment.items() if k != h} | ({} if d is None else {h: d})
    audit = check(instance, s, broken, decisions=decisions)
    found = [f.kind for f in audit.rule_breaches]
    assert not audit.ok and not audit.passes("weighted")
    if h in fixed:
        assert found.count("decision_broken") == 1 and audit.fixed == len(fixed) - 1
        (finding,) = (f for f in audit.rule_breaches if f.kind == "decision_broken")
        assert finding.household_ids == (h,) and finding.dwelling_ids[0] == fixed[h]
    else:
        assert found.count("decision_broken") == 0 and audit.fixed == len(fixed)
    assert found.count("forbidden_pair") == ((h, d) in set(decisions.forbidden))
    kept, lawful = housed_by_hand(instance, s, decisions, broken)
    assert h not in lawful and audit.housed == len(kept) + len(lawful)
    assert (audit.max_housed, audit.max_permanent_housed) == expected_maxima(instance, s, decisions)
    assert audit.forbidden == len(set(decisions.forbidden)) - found.count("forbidden_pair")
    decided = found.count("decision_broken") + found.count("forbidden_pair") > 0
    assert decided == any(
        line.startswith("decisions: ") and line.endswith(" - FAILED") for line in audit.verdict_lines()
    )
    if (h, d) in intruders:  # an open household put in a kept fixed dwelling: the fixed household keeps it
        assert found.count("dwelling_assigned_twice") == 1 and audit.fixed == len(fixed)


@PROFILE
@given(st.data())
def test_arbitrary_assignments_with_decisions_count_every_breach(data):
    instance, s, decisions = data.draw(cases_with_decisions(unknown=True))
    ids = [h.household_id for h in instance.households] + ["X1"]
    dwelling_ids = [v.dwelling_id for v in instance.vacancies] + ["Y1"]
    assignment = data.draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(dwelling_ids), max_size=8))
    if data.draw(st.booleans()):
        assignment |= dict(decisions.fixed)  # often keep the decisions, to reach the kept-pair branches
    if decisions.forbidden and data.draw(st.booleans()):
        h, d = data.draw(st.sampled_from(decisions.forbidden))  # often assign a forbidden pair
        assignment = {k: v for k, v in assignment.items() if v != d} | {h: d}
    audit = check(instance, s, assignment, decisions=decisions)
    hs = {h.household_id: h for h in instance.households}
    vs = {v.dwelling_id: v for v in instance.vacancies}
    fixed = fixed_map(instance, decisions)
    banned = set(decisions.forbidden)
    kept = {h for h, d in fixed.items() if assignment.get(h) == d}
    holders: dict[str, int] = {}
    for d in assignment.values():
        holders[d] = holders.get(d, 0) + 1

    expected = {
        "unknown_household": sum(h not in hs for h in assignment),
        "unknown_dwelling": sum(d not in vs for d in assignment.values()),
        "dwelling_assigned_twice": sum(1 for d, count in holders.items() if d in vs and count > 1),
        "decision_unknown_id": len(decisions.fixed) - len(fixed),
        "decision_broken": len(fixed) - len(kept),
        "forbidden_pair": sum((h, d) in banned for h, d in assignment.items()),
    }
    for h, d in assignment.items():
        if h in hs and d in vs and h not in kept:
            for rule, passed in rules_passed(hs[h], vs[d], s).items():
                expected[rule] = expected.get(rule, 0) + (not passed)
    found: dict[str, int] = {}
    for f in audit.rule_breaches:
        found[f.kind] = found.get(f.kind, 0) + 1
    assert found == {kind: count for kind, count in expected.items() if count}

    kept_again, lawful_open = housed_by_hand(instance, s, decisions, assignment)
    assert kept_again == kept
    assert audit.housed == len(kept) + len(lawful_open) <= audit.max_housed
    assert audit.permanent_housed == sum(hs[h].kind is Kind.PERMANENT for h in [*kept, *lawful_open])
    assert (audit.max_housed, audit.max_permanent_housed) == expected_maxima(instance, s, decisions)
    assert audit.permanent_housed <= audit.max_permanent_housed
    assert audit.fixed == len(kept)
    assert audit.forbidden == len(banned) - expected["forbidden_pair"]
    assert audit.as_dict()["fixed"] == audit.fixed and audit.as_dict()["ok"] == audit.ok
    assert audit.passes("weighted") == (
        not audit.rule_breaches and audit.coverage_ok and not audit.waste and not audit.trade_cycles
    )


def test_brute_force_helpers_agree_on_a_known_case():
    """The brute force itself: P1 wants D1, but housing P2 there houses one more permanent household."""
    day = dt.date(2000, 1, 1)
    p1 = Household("P1", "Old", "K", 1, 2, Kind.PERMANENT, day, wishes=("A",))
    p2 = Household("P2", "Old", "K", 1, 2, Kind.PERMANENT, day + dt.timedelta(days=1), max_rent=5000.0)
    t3 = Household("T3", "Old", "K", 1, 2, Kind.TEMPORARY, day)
    d1 = Vacancy("D1", "A", "K", 2, rent=5000.0)
    d2 = Vacancy("D2", "B", "K", 2, rent=8000.0)
    instance = Instance((p1, p2, t3), (d1, d2))
    assert best_counts(instance, Settings()) == (2, 2)
    assert lex_optimal(instance, Settings()) == {"P1": "D2", "P2": "D1"}
    truth = brute_force_findings(instance, Settings(), {"P1": "D1"})
    assert truth["waste"] == {"T3"}  # D2 is free and T3 may take it; P2 cannot pay it
    assert truth["envy"] == set() and truth["unhoused_envy"] == set()
    truth = brute_force_findings(instance, Settings(), {"P2": "D1", "T3": "D2"})
    assert truth["unhoused_envy"] == {("P1", "P2"), ("P1", "T3")}


def test_brute_force_finds_a_planted_chain():
    """HS (senior) holds BS but wishes BJ, held by HJ, who cannot pay BS but may take the free BF."""
    senior = Household("HS", "Old", "K1", 1, 2, Kind.PERMANENT, DAYS[0], wishes=("A",))
    junior = Household("HJ", "Old", "K1", 1, 2, Kind.PERMANENT, DAYS[1], max_rent=5000.0)
    bs, bj = Vacancy("BS", "B", "K1", 2, rent=6000.0), Vacancy("BJ", "A", "K1", 2, rent=5000.0)
    match = {"HS": "BS", "HJ": "BJ"}
    for rent, chain in ((4000.0, {("HS", "HJ")}), (8000.0, set())):
        instance = Instance((senior, junior), (bs, bj, Vacancy("BF", "C", "K1", 2, rent=rent)))
        truth = brute_force_findings(instance, Settings(), match)
        assert truth["chain"] == chain and truth["envy"] == set()
        assert {f.household_ids for f in check(instance, Settings(), match).priority_violations} == chain
        assert lex_optimal(instance, Settings()) == ({"HS": "BJ", "HJ": "BF"} if chain else match)
    instance = Instance((senior, junior), (bs, bj, Vacancy("BF", "C", "K1", 2)))
    assert brute_force_findings(instance, Settings(), match)["chain"] == {("HS", "HJ")}
    blocked = Decisions(forbidden=(("HJ", "BF"),))
    assert brute_force_findings(instance, Settings(), match, blocked)["chain"] == set()


@PROFILE
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    )
)
def test_strong_components_match_mutual_reachability(graph):
    from allocator.check.cycles import _strong_components

    n, arcs = graph
    arcs = sorted(arcs)
    indptr = [sum(1 for a, _ in arcs if a < v) for v in range(n + 1)]
    targets = [b for _, b in arcs]
    found = {frozenset(c) for c in _strong_components(n, indptr, targets, [True] * n)}
    reach = {(v, v) for v in range(n)} | set(arcs)
    for via in range(n):
        reach |= {(a, b) for a in range(n) for b in range(n) if (a, via) in reach and (via, b) in reach}
    expected = {frozenset(b for b in range(n) if (a, b) in reach and (b, a) in reach) for a in range(n)}
    assert found == expected
