"""Explanations in time terms (issue 12), on tiny phased cases: what holds a dwelling during a household's stay,
said in the sentences, and each claim kind checked by ``tests/explain_claims.py`` once true and once made false.

Overlap and turnaround are 14 days throughout. Phase 1 starts 01-03-2027 (stays from 15-02-2027) and is ready
01-09-2027, so its dwellings are free again on 15-09-2027.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from builders import hh, senior, vac
from explain_claims import Truth, check_unhoused_claims, check_wish_claims

from allocator import pipeline
from allocator.domain import Decisions, Instance, Kind, Phase, Settings
from allocator.explain.held import HeldOverTime
from allocator.provenance import Provenance

D = dt.date
ONE = Phase("1", D(2027, 3, 1), D(2027, 9, 1), "Blok 1", row=2)
TWO = Phase("2", D(2027, 9, 20), D(2028, 4, 1), "Blok 2", row=3)  # its stays start 06-09-2027


def member(hid: str, phase: Phase, kind: Kind, year: int, **kw):
    return hh(
        hid,
        kind=kind,
        phase=phase.phase_id,
        move_by=phase.construction_start,
        returns_on=phase.ready if kind is Kind.TEMPORARY else None,
        deadline_from_phase=True,
        seniority_date=senior(year),
        **kw,
    )


def run(households, vacancies):
    instance = Instance(tuple(households), tuple(vacancies), phases=(ONE, TWO))
    outcome = pipeline.run(instance, Settings(), Provenance(files=()))
    result = outcome.result
    truth = Truth(result.instance, result.settings, result, None, outcome.fixed_as)
    return outcome, truth, pipeline.explain(outcome)


def no_oracle(fix):
    raise AssertionError("a phased case claims nothing an oracle would have to confirm")


class Told:
    """The facts with one household's sheet sentence (and its lines) replaced, to see the checker refuse."""

    def __init__(self, facts, old: str, new: str):
        self.facts, self.old, self.new = facts, old, new

    def summaries(self):
        return tuple(
            dataclasses.replace(s, reason=_swap(s.reason, self.old, self.new)) for s in self.facts.summaries()
        )

    def lines(self, *, detailed: bool = True):
        return tuple(
            dataclasses.replace(x, reason=_swap(x.reason, self.old, self.new))
            for x in self.facts.lines(detailed=detailed)
        )


def _swap(reason, old: str, new: str):
    return dataclasses.replace(reason, da=reason.da.replace(old, new), en=reason.en.replace(old, new))


def refused(truth, facts, old: str, new: str) -> str:
    """Check ``facts`` with ``old`` said as ``new``: the checker must refuse it (returns its complaint)."""
    told = Told(facts, old, new)
    assert any(old in s.reason.da for s in facts.summaries()), old
    with pytest.raises(AssertionError) as caught:
        check_wish_claims(truth, told, no_oracle, langs=("da",))
    return str(caught.value)


# --- the holder until a date, only the turnaround in the way, and the windows ----------------------------------


@pytest.fixture(scope="module")
def turnaround_case():
    """T1 (phase 1, senior) and T2 (phase 2) both wish Nyvang first: its one dwelling B1 is T1's until
    01-09-2027, ready again 15-09-2027, after T2's stay starts (06-09-2027). B2 is free only from 01-10-2027,
    B3 only until 01-08-2027: their own windows rule them out. T2 gets C1 in Ager, its second wish."""
    households = [
        member("T1", ONE, Kind.TEMPORARY, 2000, wishes=("Nyvang", "Ager")),
        member("T2", TWO, Kind.TEMPORARY, 2015, wishes=("Nyvang", "Ager")),
    ]
    vacancies = [
        vac("B1", available_from=D(2027, 2, 1)),
        vac("B2", available_from=D(2027, 10, 1)),
        vac("B3", available_from=D(2027, 2, 1), available_until=D(2027, 8, 1)),
        vac("C1", department="Ager", available_from=D(2027, 2, 1)),
    ]
    return run(households, vacancies)


TURNAROUND_DA = (
    "Nyvang, 3 boliger (husstandens genhusning 06-09-2027 til 01-04-2028): 1 givet til en husstand, der går forud "
    "(tidligere anciennitetsdato), optaget af etape 1 til 01-09-2027, klar igen 15-09-2027: T1; 2 ikke egnede "
    "(ledig først fra 01-10-2027: 1, kun ledig til 01-08-2027: 1)"
)


def test_the_holder_during_the_stay_is_named_with_its_phase_and_date(turnaround_case):
    outcome, truth, facts = turnaround_case
    assert outcome.result.assignment_map == {"T1": "B1", "T2": "C1"}
    (summary,) = facts.summaries()
    assert summary.household_id == "T2" and summary.reason.da == TURNAROUND_DA
    assert summary.reason.en == (
        "Nyvang, 3 dwellings (the household's stay 2027-09-06 to 2028-04-01): 1 given to a household that comes "
        "first (earlier seniority date), held by phase 1 until 2027-09-01, ready again 2027-09-15: T1; 2 not "
        "suitable (free only from 2027-10-01: 1, free only until 2027-08-01: 1)"
    )
    assert check_wish_claims(truth, facts, no_oracle) == 3


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("til 01-09-2027, klar", "til 02-09-2027, klar", "held by phase"),  # the date the holder leaves
        ("optaget af etape 1 til", "optaget af etape 2 til", "etape 2"),  # the holder's phase
        (", klar igen 15-09-2027", "", "ready again"),  # only the turnaround is in the way: said
        ("06-09-2027 til 01-04-2028", "06-09-2027 til 01-05-2028", "01-05-2028"),  # the household's own stay
        ("ledig først fra 01-10-2027: 1", "ledig først fra 01-11-2027: 1", "ledig først fra"),
        ("kun ledig til 01-08-2027: 1", "kun ledig til 01-08-2027 eller før: 1", "kun ledig til"),
        ("(ledig først fra 01-10-2027: 1, kun", "(ledig i tide: 1, kun", "windows not said"),
    ],
)
def test_a_false_time_claim_is_refused(turnaround_case, old, new, complaint):
    _, truth, facts = turnaround_case
    assert complaint in refused(truth, facts, old, new)


# --- a holder moving in during the stay, and one holding it for good ------------------------------------------


@pytest.fixture(scope="module")
def later_case():
    """Two permanent households: PA (phase 2, senior) takes B1 for good from 06-09-2027, during the stay PB
    (phase 1) would have for good from 15-02-2027; PB gets C1 in Ager."""
    households = [
        member("PB", ONE, Kind.PERMANENT, 2015, wishes=("Nyvang", "Ager")),
        member("PA", TWO, Kind.PERMANENT, 2000, wishes=("Nyvang", "Ager")),
    ]
    vacancies = [vac("B1", available_from=D(2027, 2, 1)), vac("C1", department="Ager")]
    return run(households, vacancies)


def test_a_holder_moving_in_during_the_stay_is_said_from_when(later_case):
    outcome, truth, facts = later_case
    assert outcome.result.assignment_map == {"PA": "B1", "PB": "C1"}
    (summary,) = facts.summaries()
    assert summary.reason.da == (
        "Nyvang, 1 bolig (husstandens genhusning fra 15-02-2027 for bestandig): 1 givet til en husstand, der "
        "går forud (tidligere anciennitetsdato), optaget af etape 2 fra 06-09-2027: PA"
    )
    assert check_wish_claims(truth, facts, no_oracle) == 1
    assert "fra 07-09-2027" in refused(truth, facts, "fra 06-09-2027: PA", "fra 07-09-2027: PA")
    assert "for bestandig: PA" in refused(truth, facts, "fra 06-09-2027: PA", "for bestandig: PA")


# --- coverage first: a lower-priority holder, and Ikke anvist -----------------------------------------------


@pytest.fixture(scope="module")
def coverage_case():
    """One dwelling B1: either P (permanent, phase 1) for good, or T1 (phase 1) and then T2 (a phase 2 whose
    stays start 17-09-2027, after T1's turnaround). Housing T1 and T2 houses two, P one: P is not housed,
    though it comes first."""
    later = Phase("2", D(2027, 10, 1), D(2028, 4, 1), "Blok 2", row=3)  # stays from 17-09-2027
    households = [
        member("P", ONE, Kind.PERMANENT, 2015, wishes=("Nyvang",)),
        member("T1", ONE, Kind.TEMPORARY, 2001, wishes=("Nyvang",)),
        member("T2", later, Kind.TEMPORARY, 2000, wishes=("Nyvang",)),
    ]
    instance = Instance(tuple(households), (vac("B1", available_from=D(2027, 2, 1)),), phases=(ONE, later))
    outcome = pipeline.run(instance, Settings(), Provenance(files=()))
    result = outcome.result
    return outcome, Truth(result.instance, result.settings, result), pipeline.explain(outcome)


def test_a_lower_priority_holder_during_the_stay_is_named_as_such(coverage_case):
    outcome, truth, facts = coverage_case
    assert outcome.result.assignment_map == {"T1": "B1", "T2": "B1"}
    (reason,) = outcome.result.unassigned[0].reasons
    # both stays overlap P's stay for good; the one named is the one of higher priority (T2, more senior)
    assert reason.da == (
        "1 egnet ledig bolig (husstandens genhusning fra 15-02-2027 for bestandig): 1 givet til en husstand med "
        "lavere prioritet, optaget af etape 2 fra 17-09-2027 (T2)"
    )
    assert check_unhoused_claims(truth, outcome.result, "da") == check_unhoused_claims(
        truth, outcome.result, "en"
    )
    (summary,) = facts.summaries()
    assert summary.reason.da == (
        "Nyvang, 1 bolig (husstandens genhusning fra 15-02-2027 for bestandig): 1 givet til en husstand med "
        "lavere prioritet, optaget af etape 2 fra 17-09-2027: T2"
    )
    assert check_wish_claims(truth, facts, no_oracle) == 1
    assert "til 01-09-2027" in refused(truth, facts, "fra 17-09-2027: T2", "til 01-09-2027: T2")


def unhoused_refused(outcome, truth, old: str, new: str) -> str:
    u = outcome.result.unassigned[0]
    assert old in u.reasons[0].da
    told = dataclasses.replace(
        outcome.result, unassigned=(dataclasses.replace(u, reasons=(_swap(u.reasons[0], old, new),)),)
    )
    with pytest.raises(AssertionError) as caught:
        check_unhoused_claims(truth, told, "da")
    return str(caught.value)


def test_a_false_ikke_anvist_time_claim_is_refused(coverage_case):
    outcome, truth, _ = coverage_case
    assert "(T1)" in unhoused_refused(outcome, truth, "(T2)", "(T1)")  # T1 is of phase 1
    assert "højere" in unhoused_refused(outcome, truth, "med lavere prioritet", "med højere prioritet")
    assert "etape 1 fra" in unhoused_refused(outcome, truth, "etape 2 fra", "etape 1 fra")
    assert "16-02-2027" in unhoused_refused(outcome, truth, "fra 15-02-2027 for", "fra 16-02-2027 for")


def test_ikke_anvist_says_which_window_rules_each_dwelling_out():
    households = [member("U", TWO, Kind.TEMPORARY, 2000, wishes=("Nyvang",))]
    vacancies = [
        vac("B1", available_from=D(2027, 12, 1)),
        vac("B2", available_from=D(2027, 11, 1)),
        vac("B3", available_until=D(2028, 3, 1)),
    ]
    outcome, truth, _ = run(households, vacancies)
    (reason,) = outcome.result.unassigned[0].reasons
    assert reason.code == "no_in_time"
    assert reason.da.endswith(
        "ingen ledig senest 06-09-2027 og til mindst 01-04-2028 (ledig først fra 01-11-2027 eller senere: 2, "
        "kun ledig til 01-03-2028: 1)"
    )
    assert check_unhoused_claims(truth, outcome.result, "da") == 1
    assert check_unhoused_claims(truth, outcome.result, "en") == 1
    assert "ledig først fra" in unhoused_refused(outcome, truth, "eller senere: 2", "eller senere: 1")
    assert "kun ledig til" in unhoused_refused(outcome, truth, "til 01-03-2028: 1", "til 01-02-2028: 1")


# --- the holders as arrays ---------------------------------------------------------------------------------------


def test_the_holder_is_the_first_in_priority_of_those_whose_stay_overlaps():
    """B1 holds T1 (phase 1) then T2 (from 06-09-2027: its stay overlaps T1's turnaround, which the hand-made
    home ignores); B2 holds nobody. Household X's stay decides which of them hold B1 during it."""
    instance = Instance(
        (
            member("T1", ONE, Kind.TEMPORARY, 2001),
            member("T2", TWO, Kind.TEMPORARY, 2000),
            member("X", ONE, Kind.PERMANENT, 2020),
            member("Y", TWO, Kind.PERMANENT, 2020),
        ),
        (vac("B1"), vac("B2")),
        phases=(ONE, TWO),
    )
    position = np.array([1, 0, 2, 3])  # T2 comes first
    held = HeldOverTime.build(instance, Settings(), {0: 0, 1: 0}, (), position)
    # X (for good from 15-02-2027) overlaps both: T2 named; Y (from 06-09-2027) overlaps T1's turnaround and T2
    assert held.holders(np.array([2, 3]), np.array([0, 1])).tolist() == [[1, -1], [1, -1]]
    just_after = Settings(turnaround_days=5)  # T1 frees B1 on 06-09-2027, the day Y's stay starts
    held = HeldOverTime.build(instance, just_after, {0: 0}, (), position)
    assert held.holders(np.array([2, 3]), np.array([0, 1])).tolist() == [[0, -1], [-1, -1]]
    held = HeldOverTime.build(instance, Settings(turnaround_days=6), {0: 0}, (), position)
    assert held.holders(np.array([3]), np.array([0])).tolist() == [[0]]  # one day more and it overlaps
    fixed = HeldOverTime.build(instance, just_after, {0: 0}, (0,), position)
    assert fixed.holders(np.array([2, 3]), np.array([0])).tolist() == [[0], [-1]]  # fixed: for its stay only


def test_a_dwellings_line_shows_both_ends_of_its_window(turnaround_case):
    _, _, facts = turnaround_case
    said = {x.dwelling_id: x.reason.da for x in facts.lines() if x.household_id == "T2"}
    assert said["B2"] == (
        "ikke egnet: ledig i tide (kræver en bolig ledig senest 06-09-2027 og til mindst 01-04-2028; ledig fra "
        "01-10-2027)"
    )
    assert said["B3"].endswith("; ledig fra 01-02-2027 til 01-08-2027)")


def test_a_fixed_dwelling_is_held_for_its_own_stay():
    """T1's dwelling B1 is fixed by a decision for T1's stay only: T2, whose stay starts after T1's turnaround,
    follows T1 there; T3, whose stay starts during the turnaround, cannot, and B1 is named as fixed for T1,
    with T1's time like any holder."""
    later = Phase("3", D(2027, 10, 1), D(2028, 4, 1), "Blok 3", row=4)
    households = (
        member("T1", ONE, Kind.TEMPORARY, 2000, wishes=("Nyvang",)),
        member("T2", later, Kind.TEMPORARY, 2015, wishes=("Nyvang", "Ager")),
        member("T3", TWO, Kind.TEMPORARY, 2016, wishes=("Nyvang", "Ager")),
    )
    vacancies = (vac("B1", available_from=D(2027, 2, 1)), vac("C1", department="Ager"))
    instance = Instance(households, vacancies, phases=(ONE, TWO, later))
    decisions = Decisions(fixed=(("T1", "B1"),))
    outcome = pipeline.run(instance, Settings(), Provenance(files=()), decisions=decisions)
    result = outcome.result
    assert result.assignment_map == {"T1": "B1", "T2": "B1", "T3": "C1"}
    truth = Truth(result.instance, result.settings, result, decisions, outcome.fixed_as)
    facts = pipeline.explain(outcome)
    (summary,) = facts.summaries()
    assert summary.reason.da == (
        "Nyvang, 1 bolig (husstandens genhusning 06-09-2027 til 01-04-2028): 1 fastlagt ved en tidligere "
        "beslutning til T1, der går forud, optaget af etape 1 til 01-09-2027, klar igen 15-09-2027"
    )
    assert check_wish_claims(truth, facts, no_oracle) == 1


@pytest.fixture(scope="module")
def fixed_before_case():
    """T1's B1 is fixed by a decision for T1's stay (phase 1, free again 15-09-2027). T2 (phase 3, senior)
    follows T1 there. T3 (phase 2, from 06-09-2027) overlaps T1's turnaround: B1 is named as fixed for T1.
    T4 (phase 3, from 17-09-2027) starts after it: T1 is not named, only T2, who holds B1 then."""
    later = Phase("3", D(2027, 10, 1), D(2028, 4, 1), "Blok 3", row=4)
    households = (
        member("T1", ONE, Kind.TEMPORARY, 2000, wishes=("Nyvang",)),
        member("T2", later, Kind.TEMPORARY, 2001, wishes=("Nyvang", "Ager")),
        member("T3", TWO, Kind.TEMPORARY, 2016, wishes=("Nyvang", "Ager")),
        member("T4", later, Kind.TEMPORARY, 2017, wishes=("Nyvang", "Ager")),
    )
    vacancies = (
        vac("B1", available_from=D(2027, 2, 1)),
        vac("C1", department="Ager"),
        vac("C2", department="Ager"),
    )
    instance = Instance(households, vacancies, phases=(ONE, TWO, later))
    decisions = Decisions(fixed=(("T1", "B1"),))
    outcome = pipeline.run(instance, Settings(), Provenance(files=()), decisions=decisions)
    result = outcome.result
    assert result.assignment_map == {"T1": "B1", "T2": "B1", "T3": "C2", "T4": "C1"}
    truth = Truth(result.instance, result.settings, result, decisions, outcome.fixed_as)
    return outcome, truth, pipeline.explain(outcome)


FIXED_T1 = (
    "1 fastlagt ved en tidligere beslutning til T1, der går forud, optaget af etape 1 til 01-09-2027, klar igen "
    "15-09-2027"
)
AHEAD_T2 = "1 givet til en husstand, der går forud (tidligere anciennitetsdato), optaget af etape 3 til 01-04-2028: T2"


def test_a_fixed_holder_is_named_only_during_its_own_stay(fixed_before_case):
    outcome, truth, facts = fixed_before_case
    said = {s.household_id: s.reason.da for s in facts.summaries()}
    assert said == {
        "T3": f"Nyvang, 1 bolig (husstandens genhusning 06-09-2027 til 01-04-2028): {FIXED_T1}",
        "T4": f"Nyvang, 1 bolig (husstandens genhusning 17-09-2027 til 01-04-2028): {AHEAD_T2}",
    }
    lines = {x.household_id: x for x in facts.lines()}
    assert (lines["T3"].holder_id, lines["T3"].reason.code) == ("T1", "fixed_elsewhere")
    assert (lines["T4"].holder_id, lines["T4"].reason.code) == ("T2", "earlier_seniority")
    assert check_wish_claims(truth, facts, no_oracle) == 2


def test_a_fixed_holder_named_outside_its_stay_or_without_its_time_is_refused(fixed_before_case):
    _, truth, facts = fixed_before_case
    # T4's dwelling said to be held by T1's decision, as if a fixed holder held it for the whole plan
    whole_plan = Told(facts, AHEAD_T2, FIXED_T1)
    t1_line = next(x for x in facts.lines() if x.household_id == "T3")
    whole_plan.lines = lambda *, detailed=True: tuple(
        dataclasses.replace(x, holder_id="T1", reason=t1_line.reason) if x.household_id == "T4" else x
        for x in facts.lines(detailed=detailed)
    )
    with pytest.raises(AssertionError, match="T1 holds it at another time"):
        check_wish_claims(truth, whole_plan, no_oracle, langs=("da",))
    complaint = refused(truth, facts, ", optaget af etape 1 til 01-09-2027, klar igen 15-09-2027", "")
    assert "one time clause" in complaint


def test_the_holders_are_the_same_in_chunks(monkeypatch):
    """Many households against a few stays, compared a few households at a time or all at once."""
    from allocator.explain import held as held_module

    phases = (ONE, TWO)
    households = tuple(
        member(f"H{k}", phases[k % 2], (Kind.TEMPORARY, Kind.PERMANENT)[k % 3 == 0], 1990 + k % 20)
        for k in range(60)
    )
    instance = Instance(households, tuple(vac(f"B{j}") for j in range(7)), phases=phases)
    rng = np.random.default_rng(1)
    home = {i: int(rng.integers(7)) for i in range(0, 60, 2)}
    position = rng.permutation(60)
    held = HeldOverTime.build(instance, Settings(), home, (4,), position)
    rows, cols = np.arange(1, 60, 2), np.array([6, 0, 3, 3, 1, 5, 2, 4])
    whole = held.holders(rows, cols)
    assert (whole >= 0).any() and len(set(whole.ravel().tolist())) > 3
    monkeypatch.setattr(held_module, "_CELLS", 7)
    assert (held.holders(rows, cols) == whole).all()
    for r, i in enumerate(rows.tolist()):  # and the literal definition, pair by pair
        for c, j in enumerate(cols.tolist()):
            overlapping = [
                g
                for g, d in home.items()
                if d == j
                and (g == 4 or (held.start[g] < held.release[i] and held.start[i] < held.release[g]))
            ]
            expected = min(overlapping, key=lambda g: position[g]) if overlapping else -1
            assert whole[r, c] == expected, (i, j)
