"""Waste and the direct priority checks over time: each finding tripped, and a dwelling not free for the
whole stay is no finding."""

from __future__ import annotations

from phased_cases import case, dw, ph

from allocator.check import check
from allocator.check.phased import check_phased
from allocator.domain import Decisions, Settings

SETTINGS = Settings()


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def partial(instance, assignment):
    """The direct checks alone: no component is small enough for the exact questions."""
    return check_phased(instance, SETTINGS, assignment, Decisions(), exact_limit=0)


def test_a_better_dwelling_free_for_the_whole_stay_is_waste():
    """A1 holds T2 (phase 2) only after T1's stay: T1 could have its wish there."""
    instance = case([ph("T1", "1", wishes=("A",)), ph("T2", "2")], [dw("A1", "A"), dw("B1", "B")])
    audit = check(instance, SETTINGS, {"T1": "B1", "T2": "A1"})
    assert kinds(audit.waste) == ["free_dwelling_preferred"]
    assert audit.waste[0].dwelling_ids == ("A1",)
    assert check(instance, SETTINGS, {"T1": "A1", "T2": "A1"}).ok


def test_a_better_dwelling_busy_during_the_stay_is_no_waste():
    """A1 holds T3 (phase 3, ahead, wishing A), whose stay overlaps T1's: nothing T1 could take."""
    instance = case(
        [ph("T3", "3", year=2000, wishes=("A",)), ph("T1", "1", year=2001, wishes=("A",))],
        [dw("A1", "A"), dw("B1", "B")],
    )
    audit = check(instance, SETTINGS, {"T1": "B1", "T3": "A1"})
    assert audit.ok, audit.verdict_lines()


def test_unhoused_with_a_dwelling_free_for_its_stay():
    instance = case([ph("T1", "1"), ph("T2", "2")], [dw("B1")])
    audit = partial(instance, {"T1": "B1"})
    assert kinds(audit.waste) == ["unhoused_with_free_dwelling"]


def test_unhoused_could_take_the_place_of_a_lower_priority_household():
    instance = case([ph("T1", "1", year=2000), ph("T3", "3", year=2001)], [dw("B1")])
    audit = partial(instance, {"T3": "B1"})
    assert kinds(audit.priority_violations) == ["priority_unhoused"]
    assert audit.priority_violations[0].household_ids == ("T1", "T3")
    assert partial(instance, {"T1": "B1"}).ok


def test_a_swap_over_time():
    """T1 (ahead) wants A1, held by T3 whose stay overlaps T1's; they could swap."""
    instance = case(
        [ph("T1", "1", year=2000, wishes=("A",)), ph("T3", "3", year=2001)], [dw("A1", "A"), dw("B1", "B")]
    )
    audit = partial(instance, {"T1": "B1", "T3": "A1"})
    assert kinds(audit.priority_violations) == ["priority_envy"]
    assert audit.priority_violations[0].dwelling_ids == ("A1", "B1")
    assert partial(instance, {"T1": "A1", "T3": "B1"}).ok


def test_no_swap_when_the_other_stay_does_not_fit():
    """B1 also holds T2 (phase 2), which overlaps T3: T3 cannot take B1, so no swap is named."""
    instance = case(
        [
            ph("T1", "1", year=2000, wishes=("A",)),
            ph("T3", "3", year=2001, wishes=("A",)),
            ph("T2", "2", year=2002),
        ],
        [dw("A1", "A"), dw("B1", "B")],
    )
    audit = partial(instance, {"T1": "B1", "T2": "B1", "T3": "A1"})
    assert audit.ok and audit.time.partial, audit.verdict_lines()


def test_the_lower_priority_household_moves_on_to_a_free_dwelling():
    """T3 cannot take T1's C1 (second floor, T3 needs the ground floor) but B1 is free for its stay."""
    instance = case(
        [ph("T1", "1", year=2000, wishes=("A",)), ph("T3", "3", year=2001, needs_ground_floor=True)],
        [dw("A1", "A"), dw("B1", "B"), dw("C1", "C", floor=2)],
    )
    audit = partial(instance, {"T1": "C1", "T3": "A1"})
    assert kinds(audit.priority_violations) == ["priority_chain"]
    assert audit.priority_violations[0].dwelling_ids == ("A1", "C1", "B1")
    assert partial(instance, {"T1": "A1", "T3": "B1"}).ok
