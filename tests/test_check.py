"""Hand-made cases for the independent checker: each rule and each check, tripped and passed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from allocator.check import Audit, Finding, check
from allocator.domain import Decisions, Household, Instance, Kind, Settings, Use, Vacancy, priority_order

DEFAULT = Settings()
NO_DECISIONS = Decisions()


def household(hid: str, **kw) -> Household:
    """A one-person permanent household in Kbh with 2 rooms now: suitable size is exactly 2 rooms."""
    fields = dict(
        department="Old",
        municipality="Kbh",
        members=1,
        current_rooms=2,
        kind=Kind.PERMANENT,
        seniority_date=dt.date(2000, 1, 1) + dt.timedelta(days=int("".join(filter(str.isdigit, hid)) or 0)),
    )
    fields.update(kw)
    return Household(hid, **fields)


def dwelling(did: str, **kw) -> Vacancy:
    fields = dict(department="A", municipality="Kbh", rooms=2, floor=0)
    fields.update(kw)
    return Vacancy(did, **fields)


def audit_of(
    households, vacancies, assignment, settings: Settings = DEFAULT, decisions: Decisions = NO_DECISIONS
) -> Audit:
    return check(Instance(tuple(households), tuple(vacancies)), settings, assignment, decisions=decisions)


def kinds(findings: tuple[Finding, ...]) -> list[str]:
    return [f.kind for f in findings]


def one_pair(h: Household, d: Vacancy, settings: Settings = DEFAULT) -> Audit:
    return audit_of([h], [d], {h.household_id: d.dwelling_id}, settings)


def assert_breaks(h: Household, d: Vacancy, rule: str, settings: Settings = DEFAULT) -> Finding:
    audit = one_pair(h, d, settings)
    assert kinds(audit.rule_breaches) == [rule]
    assert not audit.ok
    assert audit.housed == 0 and audit.max_housed == 0  # the pair is not lawful and no other pair exists
    finding = audit.rule_breaches[0]
    assert finding.household_ids == (h.household_id,) and finding.dwelling_ids == (d.dwelling_id,)
    assert h.household_id in finding.text and d.dwelling_id in finding.text
    return finding


def assert_passes(h: Household, d: Vacancy, settings: Settings = DEFAULT) -> None:
    audit = one_pair(h, d, settings)
    assert audit.ok, audit.verdict_lines()
    assert audit.housed == audit.max_housed == 1


# --- rule 1: same municipality ------------------------------------------------------------------------------


def test_other_municipality_is_a_breach_for_a_permanent_household():
    text = assert_breaks(household("H1"), dwelling("B1", municipality="Aarhus"), "same_municipality").text
    assert "Aarhus" in text and "Kbh" in text
    assert_passes(household("H1"), dwelling("B1"))


def test_municipality_compare_is_exact():
    assert_breaks(household("H1"), dwelling("B1", municipality="kbh"), "same_municipality")


def test_permanent_household_agreeing_to_move_still_stays_in_its_municipality():
    h = household("H1", accepts_other_municipality=True)
    assert_breaks(h, dwelling("B1", municipality="Aarhus"), "same_municipality")


def test_temporary_household_may_move_to_another_municipality_by_agreement():
    temporary = household("H1", kind=Kind.TEMPORARY)
    away = dwelling("B1", municipality="Aarhus")
    assert_breaks(temporary, away, "same_municipality")
    assert_passes(dataclasses.replace(temporary, accepts_other_municipality=True), away)
    assert_passes(temporary, away, Settings(temporary_other_municipality=True))


def test_scenario_waiver_does_not_cover_permanent_households():
    assert_breaks(
        household("H1"),
        dwelling("B1", municipality="Aarhus"),
        "same_municipality",
        Settings(temporary_other_municipality=True),
    )


# --- rule 2: suitable size ----------------------------------------------------------------------------------


def test_size_range_is_members_plus_one_to_current_rooms():
    h = household("H0012", members=1, current_rooms=3)
    finding = assert_breaks(h, dwelling("B0340", rooms=4), "suitable_size")
    assert finding.text.startswith("H0012 -> B0340: 4 rooms, suitable size for H0012 is 2-3 rooms")
    assert_breaks(h, dwelling("B0340", rooms=1), "suitable_size")
    assert_passes(h, dwelling("B0340", rooms=2))
    assert_passes(h, dwelling("B0340", rooms=3))


def test_size_range_works_when_current_dwelling_is_smaller_than_members_plus_one():
    h = household("H1", members=4, current_rooms=2)  # 2..5 rooms
    assert_passes(h, dwelling("B1", rooms=5))
    assert_breaks(h, dwelling("B1", rooms=6), "suitable_size")


def test_agreed_room_bounds_override_the_size_rule():
    h = household("H1", members=2, current_rooms=3)  # 3 rooms by default
    assert_breaks(h, dwelling("B1", rooms=2), "suitable_size")
    assert_passes(dataclasses.replace(h, min_rooms=2), dwelling("B1", rooms=2))
    assert_breaks(h, dwelling("B1", rooms=4), "suitable_size")
    assert_passes(dataclasses.replace(h, max_rooms=4), dwelling("B1", rooms=4))


def test_law_minimum_has_no_upper_bound_unless_agreed():
    law = Settings(size_rule="law-minimum")
    h = household("H1", members=1, current_rooms=2)
    assert_passes(h, dwelling("B1", rooms=6), law)
    assert "at least 2 rooms" in assert_breaks(h, dwelling("B1", rooms=1), "suitable_size", law).text
    assert_breaks(dataclasses.replace(h, max_rooms=4), dwelling("B1", rooms=5), "suitable_size", law)


def test_exact_size_rule_allows_only_members_plus_one_or_current_rooms():
    exact = Settings(size_rule="exact")
    h = household("H1", members=1, current_rooms=4)  # 2 or 4 rooms
    assert_passes(h, dwelling("B1", rooms=3))  # the default range allows it
    assert "2 or 4 rooms" in assert_breaks(h, dwelling("B1", rooms=3), "suitable_size", exact).text
    assert_passes(h, dwelling("B1", rooms=2), exact)
    assert_passes(h, dwelling("B1", rooms=4), exact)
    assert_passes(dataclasses.replace(h, min_rooms=3), dwelling("B1", rooms=3), exact)  # bound set: as range


@pytest.mark.parametrize("size_rule", ["range", "exact"])
def test_an_agreed_minimum_above_the_rules_maximum_lifts_the_maximum(size_rule):
    rule = Settings(size_rule=size_rule)
    h = household("H1", members=1, current_rooms=2, min_rooms=3)  # the rule says 2, agreed at least 3: 3
    assert_passes(h, dwelling("B1", rooms=3), rule)
    text = assert_breaks(h, dwelling("B1", rooms=4), "suitable_size", rule).text
    assert "suitable size for H1 is 3 rooms (agreed room bounds" in text
    assert_breaks(h, dwelling("B1", rooms=2), "suitable_size", rule)
    within = household("H2", members=1, current_rooms=4, min_rooms=3)  # the rule says 2-4: 3-4, not lifted
    assert_passes(within, dwelling("B2", rooms=4), rule)
    assert_breaks(within, dwelling("B2", rooms=5), "suitable_size", rule)


def test_an_agreed_minimum_under_law_minimum_leaves_no_upper_bound():
    law = Settings(size_rule="law-minimum")
    h = household("H1", members=1, current_rooms=2, min_rooms=3)
    assert_passes(h, dwelling("B1", rooms=3), law)
    assert_passes(h, dwelling("B1", rooms=7), law)
    assert "at least 3 rooms" in assert_breaks(h, dwelling("B1", rooms=2), "suitable_size", law).text


@pytest.mark.parametrize("size_rule", ["range", "law-minimum", "exact"])
def test_an_agreed_maximum_below_the_rules_minimum_lowers_the_minimum(size_rule):
    rule = Settings(size_rule=size_rule)
    h = household("H1", members=3, current_rooms=4, max_rooms=2)  # the rule says 4; agreed at most 2: 2 rooms
    assert_passes(h, dwelling("B1", rooms=2), rule)
    text = assert_breaks(h, dwelling("B1", rooms=1), "suitable_size", rule).text
    assert "suitable size for H1 is 2 rooms (agreed room bounds" in text
    assert_breaks(h, dwelling("B1", rooms=3), "suitable_size", rule)
    within = household("H2", members=1, current_rooms=4, max_rooms=3)  # the rule says 2-4: 2-3, not lowered
    assert_passes(within, dwelling("B2", rooms=2), rule)
    assert_breaks(within, dwelling("B2", rooms=1), "suitable_size", rule)


def test_one_sided_agreements_beyond_the_rule_move_the_other_bound():
    from allocator.check.suitability import size_bounds

    lifted = household("H", members=1, current_rooms=2, min_rooms=3)
    lowered = household("L", members=3, current_rooms=4, max_rooms=2)
    assert size_bounds(lifted, Settings())[:2] == (3, 3)
    assert size_bounds(lowered, Settings())[:2] == (2, 2)
    assert size_bounds(lifted, Settings(size_rule="law-minimum"))[:2] == (3, None)
    assert size_bounds(lowered, Settings(size_rule="law-minimum"))[:2] == (2, 2)


# --- rule 3: step-free access -------------------------------------------------------------------------------


@pytest.mark.parametrize("need", ["needs_ground_floor", "needs_elevator"])
def test_step_free_need_requires_ground_floor_or_elevator(need):
    h = household("H1", **{need: True})
    assert_breaks(h, dwelling("B1", floor=2), "step_free_access")
    assert_passes(h, dwelling("B1", floor=0))
    assert_passes(h, dwelling("B1", floor=2, elevator=True))
    assert_passes(household("H1"), dwelling("B1", floor=2))


def test_unknown_floor_without_elevator_is_not_step_free():
    h = household("H1", needs_ground_floor=True)
    assert "floor not stated" in assert_breaks(h, dwelling("B1", floor=None), "step_free_access").text
    assert_passes(h, dwelling("B1", floor=None, elevator=True))


# --- rule 4 (quality): maximum rent -------------------------------------------------------------------------


def test_rent_above_the_households_maximum_is_a_breach():
    h = household("H1", max_rent=6000.0)
    assert_breaks(h, dwelling("B1", rent=6000.5), "max_rent")
    assert_passes(h, dwelling("B1", rent=6000.0))
    assert_passes(h, dwelling("B1", rent=None))  # unknown rent is not above the maximum
    assert_passes(household("H1"), dwelling("B1", rent=99999.0))


# --- rule 5: use of the dwelling ----------------------------------------------------------------------------


def test_use_marks_restrict_the_kind_of_household():
    permanent, temporary = household("H1"), household("H2", kind=Kind.TEMPORARY)
    assert_breaks(permanent, dwelling("B1", use=Use.TEMPORARY), "use_of_dwelling")
    assert_breaks(temporary, dwelling("B1", use=Use.PERMANENT), "use_of_dwelling")
    assert_passes(permanent, dwelling("B1", use=Use.PERMANENT))
    assert_passes(temporary, dwelling("B1", use=Use.TEMPORARY))
    assert_passes(permanent, dwelling("B1", use=Use.ANY))
    assert_passes(temporary, dwelling("B1", use=Use.ANY))


# --- rule 6: in time ----------------------------------------------------------------------------------------


def test_dwelling_must_be_free_overlap_days_before_move_by():
    d = dwelling("B1", available_from=dt.date(2027, 3, 1))
    late = household("H1", move_by=dt.date(2027, 3, 14))
    in_time = household("H1", move_by=dt.date(2027, 3, 15))
    assert "14 days" in assert_breaks(late, d, "in_time").text
    assert_passes(in_time, d)
    assert_passes(late, d, Settings(overlap_days=0))
    assert_passes(late, dwelling("B1", available_from=None))
    assert_passes(household("H1", move_by=None), d)


def test_each_failed_rule_is_its_own_finding():
    h = household("H1", max_rent=5000.0, needs_elevator=True, move_by=dt.date(2027, 1, 1))
    d = dwelling(
        "B1",
        municipality="Aarhus",
        rooms=5,
        floor=3,
        rent=9000.0,
        use=Use.TEMPORARY,
        available_from=dt.date(2027, 1, 1),
    )
    audit = one_pair(h, d)
    assert kinds(audit.rule_breaches) == [
        "same_municipality",
        "suitable_size",
        "step_free_access",
        "max_rent",
        "use_of_dwelling",
        "in_time",
    ]


# --- broken assignments -------------------------------------------------------------------------------------


def test_dwelling_assigned_twice_is_a_breach_and_holds_no_one():
    audit = audit_of([household("H1"), household("H2")], [dwelling("B1")], {"H1": "B1", "H2": "B1"})
    assert kinds(audit.rule_breaches) == ["dwelling_assigned_twice"]
    assert audit.rule_breaches[0].household_ids == ("H1", "H2")
    assert audit.rule_breaches[0].dwelling_ids == ("B1",)
    assert audit.housed == 0 and audit.max_housed == 1
    assert not audit.ok


def test_unknown_household_and_dwelling_ids_are_breaches_not_exceptions():
    audit = audit_of([household("H1")], [dwelling("B1")], {"H1": "B9", "H7": "B1"})
    assert sorted(kinds(audit.rule_breaches)) == ["unknown_dwelling", "unknown_household"]
    assert any("B9" in f.text for f in audit.rule_breaches)
    assert any("H7" in f.text for f in audit.rule_breaches)
    assert audit.housed == 0
    # the unknown household's claim on B1 does not count as a lawful holder: B1 is free and H1 could have it
    assert kinds(audit.waste) == ["unhoused_with_free_dwelling"]


def test_unknown_household_and_known_one_on_the_same_dwelling():
    audit = audit_of([household("H1")], [dwelling("B1")], {"H1": "B1", "X": "B1"})
    assert sorted(kinds(audit.rule_breaches)) == ["dwelling_assigned_twice", "unknown_household"]


def test_values_that_are_not_ids_do_not_raise():
    audit = audit_of([household("H1")], [dwelling("B1")], {"H1": None, ("x",): ["B1"]})
    assert sorted(kinds(audit.rule_breaches)) == ["unknown_dwelling", "unknown_dwelling", "unknown_household"]


def test_breaching_pair_is_left_out_of_the_other_checks():
    # H1 (2 persons, 3 rooms now) needs 3 rooms but was put in the 2-room B1; H2 (1 person) got nothing
    audit = audit_of(
        [household("H1", members=2, current_rooms=3), household("H2")],
        [dwelling("B1", rooms=2), dwelling("B2", rooms=3)],
        {"H1": "B1"},
    )
    assert kinds(audit.rule_breaches) == ["suitable_size"]
    assert (audit.housed, audit.max_housed) == (0, 2)
    # H1 counts as unhoused and B1 as free
    assert [(f.household_ids, f.dwelling_ids) for f in audit.waste] == [
        (("H1",), ("B2",)),
        (("H2",), ("B1",)),
    ]


# --- coverage -----------------------------------------------------------------------------------------------


def test_coverage_counts_the_maximum_matching():
    # H1 may take B1 or B2, H2 only B1: giving B1 to H1 leaves H2 out
    hs = [household("H1", max_rent=9000.0), household("H2", max_rent=5000.0)]
    ds = [dwelling("B1", rent=5000.0), dwelling("B2", rent=8000.0)]
    short = audit_of(hs, ds, {"H1": "B1"})
    assert (short.housed, short.max_housed) == (1, 2)
    assert not short.ok and short.rule_breaches == ()
    full = audit_of(hs, ds, {"H1": "B2", "H2": "B1"})
    assert full.ok, full.verdict_lines()


def test_permanent_households_come_first_within_maximum_coverage():
    # P1 (permanent, wants D1) may take D1 or D2; P2 (permanent) only D1; T3 (temporary) only D2.
    p1 = household("P1", wishes=("A",), members=1, current_rooms=2)
    p2 = household("P2", members=1, current_rooms=2, max_rent=5000.0)
    t3 = household("T3", kind=Kind.TEMPORARY, members=1, current_rooms=3)
    d1 = dwelling("D1", department="A", rooms=2, rent=5000.0)
    d2 = dwelling("D2", department="B", rooms=2, rent=8000.0)  # T3 (2-3 rooms) may take it, P2 cannot pay it
    hs, ds = [p1, p2, t3], [d1, d2]
    greedy = audit_of(hs, ds, {"P1": "D1", "T3": "D2"})  # P1's wish first, but one permanent fewer
    assert (greedy.housed, greedy.max_housed) == (2, 2)
    assert (greedy.permanent_housed, greedy.max_permanent_housed) == (1, 2)
    assert not greedy.ok
    # P2 is unhoused; it could only take D1, held by senior P1, but P1 could move on to T3's D2: a chain
    (finding,) = greedy.priority_violations
    assert (finding.kind, finding.household_ids, finding.dwelling_ids) == (
        "priority_chain_unhoused",
        ("P2", "P1", "T3"),
        ("D1", "D2"),
    )
    assert finding.text == (
        "P2 (priority 2) is unhoused but could be housed in place of lower-priority T3 (priority 3) through a "
        "chain of moves: P2 takes D1 from P1; P1 takes D2 from T3; T3 would be unhoused instead"
    )
    best = audit_of(hs, ds, {"P1": "D2", "P2": "D1"})
    assert best.ok, best.verdict_lines()


# --- priority -----------------------------------------------------------------------------------------------


def contested():
    senior, junior = household("H1", wishes=("A",)), household("H2", wishes=("A",))
    return [senior, junior], [dwelling("BA", department="A"), dwelling("BB", department="B")]


def test_contested_dwelling_given_to_the_junior_is_a_priority_violation():
    hs, ds = contested()
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"})
    assert kinds(audit.priority_violations) == ["priority_envy"]
    finding = audit.priority_violations[0]
    assert finding.household_ids == ("H1", "H2") and finding.dwelling_ids == ("BA", "BB")
    assert "lower-priority H2" in finding.text
    assert audit.trade_cycles == ()  # H2 does not prefer BB
    assert audit.waste == ()
    assert audit_of(hs, ds, {"H1": "BA", "H2": "BB"}).ok


def test_no_envy_when_the_junior_could_not_take_the_seniors_dwelling():
    senior = household("H1", wishes=("A",))
    junior = household("H2", wishes=("A",), max_rent=5000.0)
    ds = [dwelling("BA", department="A", rent=5000.0), dwelling("BB", department="B", rent=6000.0)]
    audit = audit_of([senior, junior], ds, {"H1": "BB", "H2": "BA"})
    assert audit.priority_violations == ()
    assert audit.ok  # the only allocation that houses both


def test_a_temporary_household_is_behind_a_permanent_one_whatever_its_seniority():
    permanent = household("P1", wishes=("A",), seniority_date=dt.date(2020, 1, 1))
    temporary = household("T1", wishes=("A",), kind=Kind.TEMPORARY, seniority_date=dt.date(1980, 1, 1))
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B")]
    audit = audit_of([permanent, temporary], ds, {"P1": "BB", "T1": "BA"})
    assert [f.household_ids for f in audit.priority_violations] == [("P1", "T1")]
    assert audit_of([permanent, temporary], ds, {"P1": "BA", "T1": "BB"}).ok


def test_unhoused_permanent_while_a_temporary_holds_its_dwelling():
    permanent = household("P1", seniority_date=dt.date(2020, 1, 1))
    temporary = household("T1", kind=Kind.TEMPORARY, seniority_date=dt.date(1980, 1, 1))
    audit = audit_of([permanent, temporary], [dwelling("B1")], {"T1": "B1"})
    assert kinds(audit.priority_violations) == ["priority_unhoused"]
    assert (audit.housed, audit.max_housed) == (1, 1)
    assert (audit.permanent_housed, audit.max_permanent_housed) == (0, 1)


def test_unhoused_senior_while_a_junior_holds_a_dwelling_it_could_have():
    hs = [household("H1"), household("H2")]
    audit = audit_of(hs, [dwelling("B1")], {"H2": "B1"})
    assert [(f.kind, f.household_ids, f.dwelling_ids) for f in audit.priority_violations] == [
        ("priority_unhoused", ("H1", "H2"), ("B1",))
    ]
    assert audit.housed == audit.max_housed == 1  # coverage alone does not see it
    assert not audit.ok
    assert audit_of(hs, [dwelling("B1")], {"H1": "B1"}).ok


def chain_case(free_rent: float = 4000.0):
    """Senior H1 holds BB but wishes A; junior H2 holds BA and cannot pay BB; BC is free."""
    senior = household("H1", wishes=("A",))
    junior = household("H2", wishes=("A",), max_rent=5000.0)
    ds = [
        dwelling("BA", department="A", rent=5000.0),
        dwelling("BB", department="B", rent=6000.0),
        dwelling("BC", department="C", rent=free_rent),
    ]
    return [senior, junior], ds, {"H1": "BB", "H2": "BA"}


def test_a_junior_who_could_move_to_a_free_dwelling_is_a_priority_chain():
    hs, ds, assignment = chain_case()
    audit = audit_of(hs, ds, assignment)
    assert [(f.kind, f.household_ids, f.dwelling_ids) for f in audit.priority_violations] == [
        ("priority_chain", ("H1", "H2"), ("BA", "BB", "BC"))
    ]
    assert audit.priority_violations[0].text == (
        "H1 (priority 1) prefers BA (wish 1), held by lower-priority H2 (priority 2), to its own BB "
        "(not a wished department); H2 could move to free dwelling BC (not a wished department)"
    )
    assert audit.coverage_ok and audit.permanent_ok and not (audit.waste or audit.trade_cycles)
    assert not audit.ok and not audit.passes("strict")
    assert audit.passes("weighted")  # reported, not required
    reported = "priority violations: 1 - reported, not required in weighted mode"
    assert reported in audit.verdict_lines("weighted")
    assert audit_of(hs, ds, {"H1": "BA", "H2": "BC"}).ok  # the chain carried out


def test_a_chain_names_the_best_free_dwelling_and_counts_the_others():
    hs, ds, assignment = chain_case()
    hs[1] = dataclasses.replace(hs[1], wishes=("A", "D"))
    ds += [dwelling("BD", department="D", rent=4000.0), dwelling("BE", department="E", rent=9000.0)]
    (finding,) = audit_of(hs, ds, assignment).priority_violations
    assert finding.kind == "priority_chain" and finding.dwelling_ids == ("BA", "BB", "BD")
    assert finding.text.endswith("H2 could move to free dwelling BD (wish 2); 1 more such free dwellings")


def test_no_chain_when_the_junior_can_take_no_free_dwelling():
    hs, ds, assignment = chain_case(free_rent=7000.0)  # H2 cannot pay BC either
    audit = audit_of(hs, ds, assignment)
    assert audit.priority_violations == () and audit.ok, audit.verdict_lines()


def test_no_chain_through_a_forbidden_pair_or_a_fixed_or_held_dwelling():
    hs, ds, assignment = chain_case()
    no_chain = audit_of(hs, ds, assignment, decisions=forbidden(("H2", "BC")))
    assert no_chain.priority_violations == () and no_chain.ok, no_chain.verdict_lines()
    h3 = household("H3", max_rent=4000.0)  # can take only BC
    pinned = audit_of([*hs, h3], ds, assignment | {"H3": "BC"}, decisions=fixed(("H3", "BC")))
    assert pinned.priority_violations == () and pinned.ok, pinned.verdict_lines()
    held = audit_of([*hs, h3], ds, assignment | {"H3": "BC"})
    assert held.priority_violations == () and held.ok, held.verdict_lines()
    # the fixed pair not kept: BC is still no free dwelling, so no chain (only the broken decision)
    broken = audit_of([*hs, h3], ds, assignment, decisions=fixed(("H3", "BC")))
    assert kinds(broken.rule_breaches) == ["decision_broken"] and broken.priority_violations == ()


def test_no_chain_for_a_higher_priority_holder_or_an_unwanted_dwelling():
    hs, ds, assignment = chain_case()
    swapped_priority = {"H1": "BA", "H2": "BB"}  # H2 envies senior H1: no violation
    hs2 = [hs[0], dataclasses.replace(hs[1], max_rent=None)]
    assert audit_of(hs2, ds, swapped_priority).priority_violations == ()
    indifferent = [dataclasses.replace(hs[0], wishes=()), hs[1]]
    assert audit_of(indifferent, ds, assignment).priority_violations == ()


def test_a_pair_that_could_swap_is_envy_not_a_chain():
    hs, ds = contested()
    ds = [*ds, dwelling("BC", department="C")]  # H2 could also move to the free BC
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"})
    assert kinds(audit.priority_violations) == ["priority_envy"]


def test_ties_in_seniority_follow_the_seeded_draw():
    same_day = dt.date(2000, 1, 1)
    hs = (
        household("H1", wishes=("A",), seniority_date=same_day),
        household("H2", wishes=("A",), seniority_date=same_day),
    )
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B")]
    for seed in range(4):
        first, second = (hs[i].household_id for i in priority_order(hs, seed))
        settings = Settings(tie_break_seed=seed)
        audit = audit_of(hs, ds, {first: "BB", second: "BA"}, settings)
        assert [f.household_ids for f in audit.priority_violations] == [(first, second)]
        assert audit_of(hs, ds, {first: "BA", second: "BB"}, settings).ok


# --- waste --------------------------------------------------------------------------------------------------


def test_a_preferred_free_dwelling_is_waste():
    h = household("H1", wishes=("A", "B"))
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B"), dwelling("BC", department="C")]
    audit = audit_of([h], ds, {"H1": "BC"})
    assert kinds(audit.waste) == ["free_dwelling_preferred"]
    assert audit.waste[0].dwelling_ids == ("BA", "BB")  # best first
    assert audit.waste[0].text.startswith("H1 prefers free dwelling BA (wish 1) to its own BC")
    assert audit.priority_violations == () and audit.trade_cycles == ()
    assert audit_of([h], ds, {"H1": "BA"}).ok


def test_an_equally_ranked_free_dwelling_is_not_waste():
    h = household("H1", wishes=("A",))
    ds = [dwelling("B1", department="B"), dwelling("B2", department="C")]
    assert audit_of([h], ds, {"H1": "B1"}).ok


def test_an_unhoused_household_with_a_free_suitable_dwelling_is_waste():
    audit = audit_of([household("H1")], [dwelling("B1"), dwelling("B2", rooms=4)], {})
    assert [(f.kind, f.dwelling_ids) for f in audit.waste] == [("unhoused_with_free_dwelling", ("B1",))]
    assert (audit.housed, audit.max_housed) == (0, 1)


# --- trade cycles -------------------------------------------------------------------------------------------


def test_two_households_who_would_both_gain_by_swapping_form_a_trade_cycle():
    hs = [household("H1", wishes=("B",)), household("H2", wishes=("A",))]
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B")]
    audit = audit_of(hs, ds, {"H1": "BA", "H2": "BB"})
    assert kinds(audit.trade_cycles) == ["trade_cycle"]
    cycle = audit.trade_cycles[0]
    assert cycle.household_ids == ("H1", "H2") and cycle.dwelling_ids == ("BA", "BB")
    assert cycle.text.startswith("trade cycle H1 -> H2 -> H1")
    assert audit_of(hs, ds, {"H1": "BB", "H2": "BA"}).ok


def three_cycle(prefix: str, offset: int, own_second: bool = True):
    """H_a holds D_a and wishes D_(a+1): each prefers the next one's dwelling, no two would swap."""
    names = [f"{prefix}{k}" for k in range(3)]
    # each also wishes its own department second, so that no one would take the third dwelling (an unwished
    # department is as good as its own to a household holding one, and would close a shorter cycle)
    hs = [
        household(f"H{offset + k}", wishes=(names[(k + 1) % 3], names[k])[: 2 if own_second else 1])
        for k in range(3)
    ]
    ds = [dwelling(f"B{offset + k}", department=names[k]) for k in range(3)]
    assignment = {f"H{offset + k}": f"B{offset + k}" for k in range(3)}
    return hs, ds, assignment


def test_three_households_passing_dwellings_round_form_a_trade_cycle():
    hs, ds, assignment = three_cycle("D", 1)
    audit = audit_of(hs, ds, assignment)
    assert [f.household_ids for f in audit.trade_cycles] == [("H1", "H2", "H3")]
    assert audit.trade_cycles[0].dwelling_ids == ("B1", "B2", "B3")
    assert audit.waste == ()
    # H1 -> H2 and H2 -> H3 are also envy of a junior who could take the senior's dwelling; H3 -> H1 is not
    assert [f.household_ids for f in audit.priority_violations] == [("H1", "H2"), ("H2", "H3")]
    assert audit_of(hs, ds, {"H1": "B2", "H2": "B3", "H3": "B1"}).ok


def test_each_separate_group_of_traders_is_reported():
    hs1, ds1, a1 = three_cycle("D", 1)
    hs2, ds2, a2 = three_cycle("E", 4)
    audit = audit_of(hs1 + hs2, ds1 + ds2, a1 | a2)
    assert sorted(f.household_ids for f in audit.trade_cycles) == [("H1", "H2", "H3"), ("H4", "H5", "H6")]


def test_a_group_that_also_envies_an_earlier_group_is_still_its_own_cycle():
    # H1 <-> H2 trade P and Q; H3 <-> H4 trade R and S, and H3 would also like H1's P
    # everyone wishes its own department last of its wishes: the unwished ones are worse, so the two groups
    # are joined only by H3's wish for P (with unwished own dwellings, all four could pass dwellings round)
    hs = [
        household("H1", wishes=("Q", "P")),
        household("H2", wishes=("P", "Q")),
        household("H3", wishes=("S", "P", "R")),
        household("H4", wishes=("R", "S")),
    ]
    ds = [dwelling(f"B{d}", department=d) for d in "PQRS"]
    audit = audit_of(hs, ds, {"H1": "BP", "H2": "BQ", "H3": "BR", "H4": "BS"})
    assert [f.household_ids for f in audit.trade_cycles] == [("H1", "H2"), ("H3", "H4")]


def test_a_cycle_needs_every_household_suitable_for_the_next_dwelling():
    hs, ds, assignment = three_cycle("D", 1)
    hs[2] = dataclasses.replace(hs[2], max_rent=5000.0)
    ds[0] = dataclasses.replace(ds[0], rent=6000.0)  # H3 cannot take B1; H1, without a limit, holds it
    audit = audit_of(hs, ds, assignment)
    assert kinds(audit.rule_breaches) == []
    assert audit.trade_cycles == ()


# --- the verdict --------------------------------------------------------------------------------------------


def test_a_good_allocation_passes_every_check():
    hs = [
        household("H1", wishes=("A", "B")),
        household("H2", wishes=("A",)),
        household("H3", kind=Kind.TEMPORARY, wishes=("B",), members=2, current_rooms=3),
        household("H4", needs_ground_floor=True),
    ]
    ds = [
        dwelling("BA", department="A"),
        dwelling("BB", department="B", rooms=3),
        dwelling("BC", department="C", floor=0),
        dwelling("BD", department="C", floor=4),
    ]
    audit = audit_of(hs, ds, {"H1": "BA", "H2": "BD", "H3": "BB", "H4": "BC"})
    assert audit.ok, audit.verdict_lines()
    assert audit.verdict_lines() == [
        "coverage: 4 of at most 4 housed - ok",
        "permanent households: 3 of at most 3 housed (among allocations with maximum coverage) - ok",
        "rule breaches: 0 - ok",
        "priority violations: 0 - ok",
        "seniority: every household has the best wish its seniority allows - ok",
        "waste: 0 - ok",
        "trade cycles: 0 - ok",
    ]
    assert audit.as_dict() == {
        "housed": 4,
        "max_housed": 4,
        "permanent_housed": 3,
        "max_permanent_housed": 3,
        "priority_violations": 0,
        "seniority": 0,
        "waste": 0,
        "trade_cycles": 0,
        "rule_breaches": 0,
        "fixed": 0,
        "forbidden": 0,
        "ok": True,
        "findings": [],
    }


def test_verdict_lines_show_the_first_findings_of_a_failed_check():
    hs = [household(f"H{k}") for k in range(1, 6)]
    audit = audit_of(hs, [dwelling("B1")], {"H5": "B1"})
    lines = audit.verdict_lines()
    assert "priority violations: 4 - FAILED" in lines
    at = lines.index("priority violations: 4 - FAILED")
    assert lines[at + 1].startswith("  - H1 (priority 1) is unhoused but could take B1")
    assert lines[at + 4] == "  - ... and 1 more"
    data = audit.as_dict()
    assert data["ok"] is False and data["priority_violations"] == 4
    assert data["findings"] == [f.text for f in audit.priority_violations]


def test_audit_and_finding_are_frozen():
    audit = audit_of([household("H1")], [dwelling("B1")], {"H1": "B1"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        audit.housed = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Finding("x", (), (), "t").kind = "y"  # type: ignore[misc]


def test_empty_case_is_ok():
    assert audit_of([], [], {}).ok
    assert audit_of([household("H1")], [], {}).ok
    assert audit_of([], [dwelling("B1")], {}).ok


# --- temporary size rule "half" -----------------------------------------------------------------------------

HALF = Settings(temporary_size_rule="half")


def test_half_rule_gives_a_temporary_household_one_room_per_two_persons():
    h = household("H7", kind=Kind.TEMPORARY, members=3, current_rooms=4)  # range: exactly 4 rooms
    assert_breaks(h, dwelling("B2", rooms=2), "suitable_size")
    assert_passes(h, dwelling("B2", rooms=2), HALF)  # ceil(3 / 2) = 2
    assert_passes(h, dwelling("B2", rooms=4), HALF)
    finding = assert_breaks(h, dwelling("B2", rooms=1), "suitable_size", HALF)
    assert finding.text.startswith("H7 -> B2: 1 rooms, suitable size for H7 is 2-4 rooms (half size rule")
    assert "temporary" in finding.text
    assert_breaks(h, dwelling("B2", rooms=5), "suitable_size", HALF)  # upper: max(members + 1, current rooms)


@pytest.mark.parametrize(("members", "lowest"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_half_rule_rounds_half_the_members_up(members, lowest):
    h = household("H1", kind=Kind.TEMPORARY, members=members, current_rooms=1)
    assert_passes(h, dwelling("B1", rooms=lowest), HALF)
    if lowest > 1:
        assert_breaks(h, dwelling("B1", rooms=lowest - 1), "suitable_size", HALF)


@pytest.mark.parametrize("size_rule", ["range", "law-minimum", "exact"])
def test_half_rule_replaces_every_size_rule_for_temporary_households(size_rule):
    half = Settings(size_rule=size_rule, temporary_size_rule="half")
    h = household("H1", kind=Kind.TEMPORARY, members=1, current_rooms=4)  # half: 1-4 rooms
    for rooms in (1, 3, 4):
        assert_passes(h, dwelling("B1", rooms=rooms), half)
    assert "1-4 rooms" in assert_breaks(h, dwelling("B1", rooms=5), "suitable_size", half).text
    # without "half" each size rule refuses some of these: 1 room is below members + 1 everywhere
    assert_breaks(h, dwelling("B1", rooms=1), "suitable_size", Settings(size_rule=size_rule))


def test_half_rule_leaves_permanent_households_to_the_size_rule():
    h = household("H1", members=3, current_rooms=4)
    assert_breaks(h, dwelling("B1", rooms=2), "suitable_size", HALF)
    law_half = Settings(size_rule="law-minimum", temporary_size_rule="half")
    assert_passes(h, dwelling("B1", rooms=6), law_half)  # no upper bound for a permanent household


def test_half_rule_leaves_temporary_households_with_agreed_bounds_to_the_size_rule():
    h = household("H1", kind=Kind.TEMPORARY, members=3, current_rooms=4)
    with_min = dataclasses.replace(h, min_rooms=3)  # 3-4 rooms under the range rule
    assert_breaks(with_min, dwelling("B1", rooms=2), "suitable_size", HALF)
    assert_passes(with_min, dwelling("B1", rooms=3), HALF)
    with_max = dataclasses.replace(h, max_rooms=5)  # 4-5 rooms under the range rule
    text = assert_breaks(with_max, dwelling("B1", rooms=2), "suitable_size", HALF).text
    assert "4-5 rooms" in text and "half" not in text
    assert_passes(with_max, dwelling("B1", rooms=5), HALF)


def test_half_rule_changes_coverage_and_waste():
    # T1 (temporary, 3 persons, 4 rooms now) and the 2-room B1: suitable only under "half"
    t1 = household("T1", kind=Kind.TEMPORARY, members=3, current_rooms=4)
    ds = [dwelling("B1", rooms=2)]
    same = audit_of([t1], ds, {})
    assert (same.max_housed, same.waste) == (0, ())
    assert same.ok
    half = audit_of([t1], ds, {}, HALF)
    assert half.max_housed == 1
    assert kinds(half.waste) == ["unhoused_with_free_dwelling"]
    assert audit_of([t1], ds, {"T1": "B1"}, HALF).ok


# --- hard wishes --------------------------------------------------------------------------------------------

HARD = Settings(wishes="hard")


def test_hard_wishes_allow_only_wished_departments():
    h = household("H1", wishes=("A", "B"))
    assert_passes(h, dwelling("BC", department="C"))  # soft: wishes only give the rank
    finding = assert_breaks(h, dwelling("BC", department="C"), "wished_department", HARD)
    assert finding.text == (
        "H1 -> BC: BC lies in department C, which H1 did not wish (wishes: A, B); "
        "wishes are binding (hard wishes)"
    )
    assert_passes(h, dwelling("BA", department="A"), HARD)
    assert_passes(h, dwelling("BB", department="B"), HARD)


def test_hard_wishes_do_not_bind_a_household_without_wishes():
    assert_passes(household("H1"), dwelling("BC", department="C"), HARD)


def test_hard_wishes_compare_departments_exactly():
    assert_breaks(household("H1", wishes=("A",)), dwelling("Ba", department="a"), "wished_department", HARD)
    assert_breaks(household("H1", wishes=("A",)), dwelling("Ba", department="A "), "wished_department", HARD)


def test_hard_wishes_is_its_own_finding_next_to_the_other_rules():
    h = household("H1", wishes=("A",), max_rent=5000.0)
    audit = one_pair(h, dwelling("BC", department="C", rent=6000.0), HARD)
    assert kinds(audit.rule_breaches) == ["max_rent", "wished_department"]


def test_hard_wishes_change_coverage_priority_and_waste():
    # H1 (senior) wishes A only; H2 has no wishes. Soft: H1 may take either dwelling; hard: only BA.
    hs = [household("H1", wishes=("A",)), household("H2")]
    ds = [dwelling("BA", department="A"), dwelling("BC", department="C")]
    soft = audit_of(hs, ds, {"H2": "BA"})
    assert (soft.housed, soft.max_housed) == (1, 2)
    assert kinds(soft.priority_violations) == ["priority_unhoused"]
    assert kinds(soft.waste) == ["unhoused_with_free_dwelling"]  # H1 could take the free BC
    hard = audit_of(hs, ds, {"H2": "BA"}, HARD)
    assert (hard.housed, hard.max_housed) == (1, 2)
    assert kinds(hard.priority_violations) == ["priority_unhoused"]  # H1 could take BA, held by junior H2
    # BC is free, and H1 may not take it, but H2 could move there and leave BA to H1: coverage is short
    assert kinds(hard.waste) == ["free_dwelling_chain"]
    assert hard.waste[0].text == (
        "H1 is unhoused but could be housed through a chain of moves ending in free dwelling BC: "
        "H1 takes BA from H2; H2 takes free dwelling BC"
    )
    assert audit_of(hs, ds, {"H1": "BA", "H2": "BC"}, HARD).ok


def test_hard_wishes_remove_envy_of_an_unwished_dwelling():
    hs = [household("H1", wishes=("A",)), household("H2")]
    ds = [dwelling("BC", department="C")]
    assert kinds(audit_of(hs, ds, {"H2": "BC"}).priority_violations) == ["priority_unhoused"]
    hard = audit_of(hs, ds, {"H2": "BC"}, HARD)
    assert hard.ok, hard.verdict_lines()
    assert (hard.housed, hard.max_housed) == (1, 1)


def test_hard_wishes_turn_a_home_outside_the_wishes_into_a_breach_not_a_trade_cycle():
    hs, ds, assignment = three_cycle("D", 1, own_second=False)  # H_k sits in D_k and wishes only D_(k+1)
    assert kinds(audit_of(hs, ds, assignment).trade_cycles) == ["trade_cycle"]
    hard = audit_of(hs, ds, assignment, HARD)
    assert kinds(hard.rule_breaches) == ["wished_department"] * 3
    assert hard.trade_cycles == () and hard.housed == 0  # the breaching pairs are left out
    assert audit_of(hs, ds, {"H1": "B2", "H2": "B3", "H3": "B1"}, HARD).ok


# --- passes: strict and weighted priority -------------------------------------------------------------------


def test_passes_strict_is_ok():
    hs, ds = contested()
    bad = audit_of(hs, ds, {"H1": "BB", "H2": "BA"})
    good = audit_of(hs, ds, {"H1": "BA", "H2": "BB"})
    assert bad.passes("strict") is False and good.passes("strict") is True


def test_weighted_passes_with_priority_violations():
    hs, ds = contested()
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"})
    assert kinds(audit.priority_violations) == ["priority_envy"]
    assert not audit.ok
    assert audit.passes("weighted")


def weighted_short_of_permanent() -> Audit:
    """P2 (permanent) left out for T3 (temporary): coverage is full, one permanent household fewer."""
    p1 = household("P1", wishes=("A",), members=1, current_rooms=2)
    p2 = household("P2", members=1, current_rooms=2, max_rent=5000.0)
    t3 = household("T3", kind=Kind.TEMPORARY, members=1, current_rooms=3)
    ds = [dwelling("D1", department="A", rooms=2, rent=5000.0), dwelling("D2", department="B", rent=8000.0)]
    return audit_of([p1, p2, t3], ds, {"P1": "D1", "T3": "D2"})


def test_weighted_passes_with_fewer_permanent_households_than_possible():
    audit = weighted_short_of_permanent()
    assert (audit.permanent_housed, audit.max_permanent_housed) == (1, 2)
    assert audit.coverage_ok and kinds(audit.findings()) == ["priority_chain_unhoused"]
    assert not audit.passes("strict")
    assert audit.passes("weighted")


def test_weighted_still_requires_coverage():
    hs = [household("H1", max_rent=9000.0), household("H2", max_rent=5000.0)]
    ds = [dwelling("B1", rent=5000.0), dwelling("B2", rent=8000.0)]
    short = audit_of(hs, ds, {"H1": "B1"})
    assert not short.coverage_ok and kinds(short.findings()) == ["free_dwelling_chain"]  # H1 could take B2
    assert not short.passes("weighted")


def test_weighted_still_requires_no_rule_breaches():
    audit = one_pair(household("H1"), dwelling("B1", municipality="Aarhus"))
    assert audit.coverage_ok and audit.rule_breaches  # 0 of at most 0 housed
    assert not audit.passes("weighted")


def test_weighted_still_requires_no_waste():
    h = household("H1", wishes=("A", "B"))
    ds = [dwelling("BA", department="A"), dwelling("BC", department="C")]
    audit = audit_of([h], ds, {"H1": "BC"})
    assert audit.coverage_ok and kinds(audit.findings()) == ["seniority_chain", "free_dwelling_preferred"]
    assert not audit.passes("weighted")


def test_weighted_still_requires_no_trade_cycles():
    hs = [household("H1", wishes=("B",)), household("H2", wishes=("A",))]
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B")]
    audit = audit_of(hs, ds, {"H1": "BA", "H2": "BB"})
    # both have a seniority chain (H2's: it takes BA, and H1, ahead of it, moves to the better BB)
    assert audit.coverage_ok and kinds(audit.findings()) == [
        "priority_envy",
        "seniority_chain",
        "seniority_chain",
        "trade_cycle",
    ]
    assert not audit.passes("weighted")
    # without the cycle the same envy alone is fine in weighted mode
    assert audit_of(hs, ds, {"H1": "BB", "H2": "BA"}).passes("weighted")


def test_unknown_priority_mode_is_refused():
    audit = audit_of([], [], {})
    with pytest.raises(ValueError, match="priority"):
        audit.passes("lenient")
    with pytest.raises(ValueError, match="priority"):
        audit.verdict_lines("lenient")


# --- verdict lines in weighted mode -------------------------------------------------------------------------

NOT_REQUIRED = "reported, not required in weighted mode"


def test_weighted_verdict_reports_priority_violations_without_failing():
    hs, ds = contested()
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"})
    strict = audit.verdict_lines()
    assert strict == audit.verdict_lines("strict")
    assert "priority violations: 1 - FAILED" in strict
    weighted = audit.verdict_lines(priority="weighted")
    assert f"priority violations: 1 - {NOT_REQUIRED}" in weighted
    at = weighted.index(f"priority violations: 1 - {NOT_REQUIRED}")
    assert weighted[at + 1] == f"  - {audit.priority_violations[0].text}"
    assert not any("FAILED" in line for line in weighted)


def test_weighted_verdict_reports_missing_permanent_households_without_failing():
    audit = weighted_short_of_permanent()
    strict, weighted = audit.verdict_lines(), audit.verdict_lines("weighted")
    start = "permanent households: 1 of at most 2 housed (among allocations with maximum coverage) - "
    assert start + "FAILED" in strict
    assert start + NOT_REQUIRED in weighted
    assert not any("FAILED" in line for line in weighted)


def test_weighted_verdict_still_fails_the_required_checks():
    h = household("H1", wishes=("A", "B"))
    ds = [dwelling("BA", department="A"), dwelling("BC", department="C")]
    lines = audit_of([h], ds, {"H1": "BC"}).verdict_lines("weighted")
    assert "waste: 1 - FAILED" in lines
    short = audit_of([household("H1")], [dwelling("B1")], {}).verdict_lines("weighted")
    assert short[0] == "coverage: 0 of at most 1 housed - FAILED"
    breach = one_pair(household("H1"), dwelling("B1", rooms=5)).verdict_lines("weighted")
    assert "rule breaches: 1 - FAILED" in breach


def test_weighted_verdict_of_a_good_allocation_is_all_ok():
    hs, ds = contested()
    audit = audit_of(hs, ds, {"H1": "BA", "H2": "BB"})
    assert audit.verdict_lines("weighted") == audit.verdict_lines()
    assert audit.verdict_lines() == [
        "coverage: 2 of at most 2 housed - ok",
        "permanent households: 2 of at most 2 housed (among allocations with maximum coverage) - ok",
        "rule breaches: 0 - ok",
        "priority violations: 0 - ok",
        "seniority: every household has the best wish its seniority allows - ok",
        "waste: 0 - ok",
        "trade cycles: 0 - ok",
    ]


def test_as_dict_is_unchanged_by_the_priority_mode():
    hs, ds = contested()
    data = audit_of(hs, ds, {"H1": "BB", "H2": "BA"}).as_dict()
    assert "passes" not in data and data["ok"] is False


# --- decisions: fixed and forbidden pairs -------------------------------------------------------------------


def fixed(*pairs: tuple[str, str]) -> Decisions:
    return Decisions(fixed=tuple(pairs))


def forbidden(*pairs: tuple[str, str]) -> Decisions:
    return Decisions(forbidden=tuple(pairs))


def test_empty_decisions_change_nothing():
    hs, ds = contested()
    for assignment in ({"H1": "BB", "H2": "BA"}, {"H1": "BA", "H2": "BB"}, {"H2": "BA"}, {"H1": "BX"}):
        assert audit_of(hs, ds, assignment, decisions=Decisions()) == audit_of(hs, ds, assignment)
    assert audit_of(hs, ds, {"H1": "BA", "H2": "BB"}).verdict_lines() == [
        "coverage: 2 of at most 2 housed - ok",
        "permanent households: 2 of at most 2 housed (among allocations with maximum coverage) - ok",
        "rule breaches: 0 - ok",
        "priority violations: 0 - ok",
        "seniority: every household has the best wish its seniority allows - ok",
        "waste: 0 - ok",
        "trade cycles: 0 - ok",
    ]


def test_a_fixed_pair_that_breaks_a_rule_is_not_a_breach():
    # H1 needs 2 rooms; the coordinator pinned it in the 4-room B1 with its agreement
    h, d = household("H1"), dwelling("B1", rooms=4, municipality="Aarhus")
    assert sorted(kinds(one_pair(h, d).rule_breaches)) == ["same_municipality", "suitable_size"]
    audit = audit_of([h], [d], {"H1": "B1"}, decisions=fixed(("H1", "B1")))
    assert audit.ok, audit.verdict_lines()
    assert audit.rule_breaches == ()
    assert (audit.housed, audit.max_housed, audit.fixed) == (1, 1, 1)
    assert (audit.permanent_housed, audit.max_permanent_housed) == (1, 1)


def test_a_fixed_household_moved_elsewhere_is_a_breach():
    hs = [household("H1"), household("H2")]
    ds = [dwelling("B1"), dwelling("B2")]
    decisions = fixed(("H1", "B1"))
    assert audit_of(hs, ds, {"H1": "B1", "H2": "B2"}, decisions=decisions).ok
    moved = audit_of(hs, ds, {"H1": "B2", "H2": "B1"}, decisions=decisions)
    assert kinds(moved.rule_breaches) == ["decision_broken"]
    finding = moved.rule_breaches[0]
    assert finding.household_ids == ("H1",) and finding.dwelling_ids == ("B1", "B2")
    assert finding.text.startswith("H1 -> B1 was decided") and "H1 is assigned B2" in finding.text
    assert "B1 is assigned to H2" in finding.text
    assert moved.fixed == 0 and not moved.ok and not moved.passes("weighted")
    dropped = audit_of(hs, ds, {"H2": "B2"}, decisions=decisions)
    assert kinds(dropped.rule_breaches) == ["decision_broken"]
    assert "H1 is unhoused" in dropped.rule_breaches[0].text
    assert dropped.rule_breaches[0].dwelling_ids == ("B1",)


def test_an_open_household_in_a_fixed_dwelling_is_left_out():
    # H1 is fixed in B1 but was moved to B2; H2, open, took B1: B1 is not part of the open allocation
    hs = [household("H1"), household("H2")]
    ds = [dwelling("B1"), dwelling("B2"), dwelling("B3")]
    audit = audit_of(hs, ds, {"H1": "B2", "H2": "B1"}, decisions=fixed(("H1", "B1")))
    assert kinds(audit.rule_breaches) == ["decision_broken"]
    assert audit.housed == 0 and audit.max_housed == 2  # H1 given, H2 could take B2 or B3
    assert [(f.household_ids, f.dwelling_ids) for f in audit.waste] == [(("H2",), ("B2", "B3"))]


def test_a_fixed_dwelling_claimed_twice_stays_with_its_fixed_household():
    hs = [household("H1"), household("H2")]
    audit = audit_of(hs, [dwelling("B1")], {"H1": "B1", "H2": "B1"}, decisions=fixed(("H1", "B1")))
    assert kinds(audit.rule_breaches) == ["dwelling_assigned_twice"]
    assert (audit.housed, audit.max_housed, audit.fixed) == (1, 1, 1)


def test_a_fixed_pair_with_an_unknown_id_is_a_breach():
    hs, ds = [household("H1")], [dwelling("B1")]
    audit = audit_of(hs, ds, {"H1": "B1"}, decisions=fixed(("H9", "B1")))
    assert kinds(audit.rule_breaches) == ["decision_unknown_id"]
    assert "household H9 is not in this case" in audit.rule_breaches[0].text
    assert audit.fixed == 0 and audit.max_housed == 1  # the unknown pair fixes nothing
    both = audit_of(hs, ds, {"H1": "B1"}, decisions=fixed(("H9", "B9"), ("H1", "B7")))
    assert kinds(both.rule_breaches) == ["decision_unknown_id", "decision_unknown_id"]
    assert (
        "household H9 is not in this case and dwelling B9 is not in this case" in both.rule_breaches[0].text
    )


def test_a_forbidden_pair_assigned_is_a_breach():
    h, d = household("H1"), dwelling("B1")
    audit = audit_of([h], [d], {"H1": "B1"}, decisions=forbidden(("H1", "B1")))
    assert kinds(audit.rule_breaches) == ["forbidden_pair"]
    assert audit.rule_breaches[0].text.startswith("H1 -> B1: H1 must not get B1")
    assert (audit.housed, audit.max_housed, audit.forbidden) == (0, 0, 0)
    assert not audit.ok
    # a forbidden pair that also fails a rule: both are reported
    big = dwelling("B1", rooms=4)
    both = audit_of([h], [big], {"H1": "B1"}, decisions=forbidden(("H1", "B1")))
    assert sorted(kinds(both.rule_breaches)) == ["forbidden_pair", "suitable_size"]


def test_a_forbidden_pair_is_not_suitable_for_coverage():
    hs, ds = [household("H1"), household("H2")], [dwelling("B1"), dwelling("B2", rooms=4)]
    assert audit_of(hs, ds, {}).max_housed == 1
    audit = audit_of(hs, ds, {"H2": "B1"}, decisions=forbidden(("H1", "B1")))
    assert (audit.housed, audit.max_housed, audit.forbidden) == (1, 1, 1)
    assert audit.ok, audit.verdict_lines()  # senior H1 may not take B1, so no priority violation
    none = audit_of([household("H1")], [dwelling("B1")], {}, decisions=forbidden(("H1", "B1")))
    assert none.max_housed == 0 and none.waste == () and none.ok


def test_a_forbidden_pair_is_no_envy_waste_or_trade():
    hs = [household("H1", wishes=("B",)), household("H2", wishes=("A",))]
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B"), dwelling("BC", department="B")]
    decisions = forbidden(("H1", "BB"), ("H1", "BC"))
    audit = audit_of(hs, ds, {"H1": "BA", "H2": "BB"}, decisions=decisions)
    assert audit.ok, audit.verdict_lines()  # without the decisions: a trade cycle and waste on BC
    plain = audit_of(hs, ds, {"H1": "BA", "H2": "BB"})
    assert kinds(plain.trade_cycles) == ["trade_cycle"] and kinds(plain.waste) == ["free_dwelling_preferred"]


def test_a_senior_open_household_does_not_envy_a_junior_fixed_household():
    hs, ds = contested()  # both wish A; H1 is senior
    decisions = fixed(("H2", "BA"))
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"}, decisions=decisions)
    assert audit.ok, audit.verdict_lines()
    assert kinds(audit_of(hs, ds, {"H1": "BB", "H2": "BA"}).priority_violations) == ["priority_envy"]
    # unhoused, the senior does not envy the junior's fixed dwelling either
    single = [dwelling("BA", department="A")]
    unhoused = audit_of(hs, single, {"H2": "BA"}, decisions=decisions)
    assert unhoused.priority_violations == () and unhoused.ok
    assert kinds(audit_of(hs, single, {"H2": "BA"}).priority_violations) == ["priority_unhoused"]


def test_a_fixed_household_neither_envies_nor_trades_nor_wastes():
    # H1 is fixed in BA but wishes B; a free BB and H2 holding BC (wishing A) would otherwise be waste and a trade
    hs = [household("H1", wishes=("B",)), household("H2", wishes=("A",))]
    ds = [dwelling("BA", department="A"), dwelling("BB", department="B"), dwelling("BC", department="B")]
    decisions = fixed(("H1", "BA"))
    assignment = {"H1": "BA", "H2": "BC"}
    plain = audit_of(hs, ds, assignment)
    assert kinds(plain.waste) == ["free_dwelling_preferred"] and kinds(plain.trade_cycles) == ["trade_cycle"]
    audit = audit_of(hs, ds, assignment, decisions=decisions)
    assert audit.ok, audit.verdict_lines()


def test_an_open_household_and_a_free_dwelling_are_still_waste():
    hs = [household("H1"), household("H2"), household("H3")]
    ds = [dwelling("B1"), dwelling("B2"), dwelling("B3")]
    decisions = fixed(("H1", "B1"))
    audit = audit_of(hs, ds, {"H1": "B1", "H2": "B2"}, decisions=decisions)
    assert [(f.kind, f.household_ids, f.dwelling_ids) for f in audit.waste] == [
        ("unhoused_with_free_dwelling", ("H3",), ("B3",))
    ]
    assert (audit.housed, audit.max_housed) == (2, 3)
    assert audit_of(hs, ds, {"H1": "B1", "H2": "B2", "H3": "B3"}, decisions=decisions).ok


def test_coverage_counts_fixed_households_plus_the_open_maximum():
    # H1 is fixed in B1 although only H2 could take it; H2 then has nothing: 1 fixed + 0 open
    hs = [
        household("H1", max_rent=9000.0),
        household("H2", max_rent=5000.0),
        household("T3", kind=Kind.TEMPORARY),
    ]
    ds = [dwelling("B1", rent=5000.0), dwelling("B2", rent=8000.0, use=Use.PERMANENT)]
    assert audit_of(hs, ds, {}).max_housed == 2
    decisions = fixed(("H1", "B1"))
    audit = audit_of(hs, ds, {"H1": "B1"}, decisions=decisions)
    assert (audit.housed, audit.max_housed) == (1, 1)
    assert (audit.permanent_housed, audit.max_permanent_housed) == (1, 1)
    assert audit.ok, audit.verdict_lines()
    # a fixed temporary household counts towards coverage, not towards the permanent count
    t_fixed = fixed(("T3", "B1"))
    audit = audit_of(hs, ds, {"T3": "B1", "H1": "B2"}, decisions=t_fixed)
    assert (audit.housed, audit.max_housed) == (2, 2)
    assert (audit.permanent_housed, audit.max_permanent_housed) == (1, 1)
    assert audit.ok, audit.verdict_lines()
    # a fixed pair that breaks a rule still counts as housed, on top of the open maximum
    big = fixed(("H2", "B2"))  # H2 cannot pay B2
    audit = audit_of(hs, ds, {"H2": "B2", "H1": "B1"}, decisions=big)
    assert (audit.housed, audit.max_housed, audit.rule_breaches) == (2, 2, ())


def test_verdict_and_dict_report_the_decisions():
    hs, ds = contested()
    decisions = Decisions(fixed=(("H2", "BA"),), forbidden=(("H1", "BA"), ("H9", "BB")))
    audit = audit_of(hs, ds, {"H1": "BB", "H2": "BA"}, decisions=decisions)
    assert audit.ok
    lines = audit.verdict_lines()
    assert "decisions: 1 fixed pair kept, 2 forbidden pairs respected - ok" in lines
    assert lines.index("decisions: 1 fixed pair kept, 2 forbidden pairs respected - ok") == 2
    assert audit.as_dict()["fixed"] == 1 and audit.as_dict()["forbidden"] == 2
    broken = audit_of(hs, ds, {"H1": "BA", "H2": "BB"}, decisions=decisions)
    assert (
        "decisions: 0 of 1 fixed pair kept, 1 of 2 forbidden pairs respected - FAILED"
        in broken.verdict_lines()
    )
    assert sorted(kinds(broken.rule_breaches)) == ["decision_broken", "forbidden_pair"]
    assert broken.as_dict()["fixed"] == 0 and broken.as_dict()["forbidden"] == 1
    assert (
        "decisions: 0 of 1 fixed pair kept, 1 of 2 forbidden pairs respected - FAILED"
        in broken.verdict_lines("weighted")
    )
    assert not broken.passes("weighted")
    only_forbidden = audit_of(hs, ds, {"H1": "BB", "H2": "BA"}, decisions=forbidden(("H1", "BA")))
    assert "decisions: 0 fixed pairs kept, 1 forbidden pair respected - ok" in only_forbidden.verdict_lines()
