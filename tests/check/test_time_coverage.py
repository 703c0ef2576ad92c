"""Coverage over time: reuse of a dwelling can house one more, and permanent households come first."""

from __future__ import annotations

from phased_cases import case, dw, ph

from allocator.check import check
from allocator.check.phased import check_phased
from allocator.domain import Decisions, Kind, Settings

SETTINGS = Settings()


def test_reuse_houses_one_more():
    """One dwelling, a phase 1 and a phase 2 household: both can be housed, one after the other."""
    instance = case([ph("T1", "1", year=2000), ph("T2", "2", year=2001)], [dw("B1")])
    short = check(instance, SETTINGS, {"T1": "B1"})
    assert (short.housed, short.max_housed) == (1, 2)
    assert not short.coverage_ok and not short.ok
    assert check(instance, SETTINGS, {"T1": "B1", "T2": "B1"}).ok


def test_no_reuse_across_overlapping_phases():
    instance = case([ph("T1", "1", year=2000), ph("T3", "3", year=2001)], [dw("B1")])
    audit = check(instance, SETTINGS, {"T1": "B1"})
    assert audit.max_housed == 1 and audit.ok, audit.verdict_lines()


def test_reuse_needs_a_rearrangement_to_house_one_more():
    """T1 and T2 can share a dwelling, T3 overlaps both: housing T3 means moving T2 in after T1."""
    instance = case(
        [ph("T1", "1", year=2000), ph("T2", "2", year=2001), ph("T3", "3", year=2002)], [dw("B1"), dw("B2")]
    )
    audit = check(instance, SETTINGS, {"T1": "B1", "T2": "B2"})
    assert (audit.housed, audit.max_housed) == (2, 3)
    assert check(instance, SETTINGS, {"T1": "B1", "T2": "B1", "T3": "B2"}).ok


def test_as_many_permanent_as_possible_among_the_largest():
    """{T1, T2} and {T1, P2} both house two; P2 is permanent, so the second is required."""
    instance = case(
        [ph("P2", "2", kind=Kind.PERMANENT, year=2005), ph("T1", "1", year=2000), ph("T2", "2", year=2001)],
        [dw("B1")],
    )
    temporary = check(instance, SETTINGS, {"T1": "B1", "T2": "B1"})
    assert temporary.coverage_ok and not temporary.permanent_ok
    assert (temporary.permanent_housed, temporary.max_permanent_housed) == (0, 1)
    assert check(instance, SETTINGS, {"T1": "B1", "P2": "B1"}).ok


def test_a_fixed_stay_holds_its_dwelling_only_for_its_time():
    instance = case([ph("T1", "1"), ph("T2", "2"), ph("T3", "3")], [dw("B1")])
    fixed = Decisions(fixed=(("T1", "B1"),))
    audit = check(instance, SETTINGS, {"T1": "B1", "T2": "B1"}, decisions=fixed)
    assert audit.ok and audit.fixed == 1 and audit.max_housed == 2, audit.verdict_lines()
    clash = check(instance, SETTINGS, {"T1": "B1", "T3": "B1"}, decisions=fixed)
    assert [f.kind for f in clash.time.stay_overlaps] == ["stay_overlap"]
    assert clash.housed == 1 and clash.max_housed == 2  # the fixed stay is kept, T3's is left out


def test_a_fixed_stay_starting_during_an_open_one_keeps_it_out():
    """P1 would hold B1 for good from phase 1; T2's fixed stay there begins later, during P1's: only T2 fits."""
    instance = case([ph("P1", "1", kind=Kind.PERMANENT), ph("T2", "2")], [dw("B1")])
    fixed = Decisions(fixed=(("T2", "B1"),))
    audit = check(instance, SETTINGS, {"T2": "B1"}, decisions=fixed)
    assert audit.max_housed == 1 and audit.ok, audit.verdict_lines()
    clash = check(instance, SETTINGS, {"T2": "B1", "P1": "B1"}, decisions=fixed)
    assert [f.kind for f in clash.time.stay_overlaps] == ["stay_overlap"] and not clash.ok


def test_coverage_by_groups_of_interchangeable_households():
    """Four phase 1 households and four phase 2 ones on three dwellings: six housed, with reuse."""
    households = [ph(f"T{k}", "1", year=2000 + k) for k in range(4)] + [
        ph(f"U{k}", "2", year=2010 + k) for k in range(4)
    ]
    instance = case(households, [dw("B1"), dw("B2"), dw("B3")])
    assignment = {"T0": "B1", "T1": "B2", "T2": "B3", "U0": "B1", "U1": "B2", "U2": "B3"}
    audit = check_phased(instance, SETTINGS, assignment, Decisions())
    assert audit.max_housed == 6 and audit.ok, audit.verdict_lines()


def test_the_certificate_and_cp_sat_agree(monkeypatch):
    """The LP certificate settles an optimal allocation; without it CP-SAT finds the same maximum; a
    non-optimal allocation gets no certificate."""
    import allocator.check.time_coverage as coverage

    instance = case(
        [ph("T1", "1", year=2000), ph("T2", "2", year=2001), ph("T3", "3", year=2002)], [dw("B1"), dw("B2")]
    )
    best = {"T1": "B1", "T2": "B1", "T3": "B2"}
    certified = check(instance, SETTINGS, best)
    assert certified.time.coverage_certified == 1 and certified.max_housed == 3
    short = check(instance, SETTINGS, {"T1": "B1", "T2": "B2"})
    assert short.time.coverage_certified == 0 and short.max_housed == 3
    monkeypatch.setattr(coverage, "_lp_bound", lambda *args: None)
    solved = check(instance, SETTINGS, best)
    assert solved.time.coverage_certified == 0 and solved.max_housed == 3 and solved.ok


def test_a_certificate_needs_the_allocation_to_fit_the_model():
    """An allocation with overlapping stays is no solution: its count proves nothing."""
    instance = case([ph("T1", "1"), ph("T3", "3")], [dw("B1")])
    audit = check(instance, SETTINGS, {"T1": "B1", "T3": "B1"})
    assert audit.max_housed == 1 and audit.housed == 0
