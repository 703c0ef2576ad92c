"""The housed set and serial dictatorship over time, asked exactly; and what the partial check misses."""

from __future__ import annotations

from phased_cases import case, dw, ph

from allocator.check import check
from allocator.check.phased import check_phased
from allocator.check.time_model import Answer
from allocator.domain import Decisions, Settings

SETTINGS = Settings()


def reuse_seniority_case():
    """T1 (phase 1, first) and X (phase 3) both wish A; T2 (phase 2, last) wishes nothing. Phase 3 overlaps
    phases 1 and 2, phases 1 and 2 fit one dwelling. The right allocation: T1 then T2 in A1, X in B1."""
    return case(
        [
            ph("T1", "1", year=2000, wishes=("A",)),
            ph("X", "3", year=2001, wishes=("A",)),
            ph("T2", "2", year=2002),
        ],
        [dw("A1", "A"), dw("B1", "B")],
    )


def test_worse_off_than_seniority_allows_through_reuse():
    """Giving X A1 leaves T1 in B1: T1 could have A1 if T2 follows it there and X takes B1 - a rearrangement
    through reuse, not a swap or a single move, so only the exact question finds it."""
    instance = reuse_seniority_case()
    wrong = {"X": "A1", "T1": "B1", "T2": "B1"}
    audit = check(instance, SETTINGS, wrong)
    assert [f.kind for f in audit.seniority] == ["seniority_stays"]
    assert audit.seniority[0].household_ids == ("T1",)
    assert "could have wish 1" in audit.seniority[0].text
    assert audit.coverage_ok and not audit.priority_violations and not audit.waste
    assert not audit.ok
    assert check(instance, SETTINGS, {"T1": "A1", "T2": "A1", "X": "B1"}).ok


def test_the_partial_check_says_what_it_missed():
    instance = reuse_seniority_case()
    audit = check_phased(instance, SETTINGS, {"X": "A1", "T1": "B1", "T2": "B1"}, Decisions(), exact_limit=2)
    assert audit.ok and not audit.seniority  # no direct move shows it
    assert audit.time.partial and audit.time.large_components == (3,)
    line = audit.verdict_lines()[-1]
    assert "exact in 0 of 1 components" in line and "partial in the larger ones (3 households)" in line


def housed_set_case():
    """V (phase 3) first, then U (phase 1), W (phase 2), Z (phase 1). U needs 3 rooms: only B1. Three is the
    most housed; the first set is V, U and W (U then W in B1, V in B2)."""
    return case(
        [
            ph("V", "3", year=2000, current_rooms=3),
            ph("U", "1", year=2001, members=2, current_rooms=3),
            ph("W", "2", year=2002, current_rooms=3),
            ph("Z", "1", year=2003, current_rooms=3),
        ],
        [dw("B1", rooms=3), dw("B2", rooms=2)],
    )


def test_housed_set_not_first_in_priority_order():
    """V in B1 and Z, W in B2 houses three too, but leaves out U, ahead of Z. U cannot take Z's place
    directly (B2 is too small for it) nor V's (V is ahead): V must move, then W follow U."""
    instance = housed_set_case()
    audit = check(instance, SETTINGS, {"V": "B1", "Z": "B2", "W": "B2"})
    assert audit.coverage_ok and audit.permanent_ok
    assert [f.kind for f in audit.priority_violations] == ["priority_housed_set"]
    assert audit.priority_violations[0].household_ids == ("U",)
    assert not audit.ok
    assert check(instance, SETTINGS, {"U": "B1", "W": "B1", "V": "B2"}).ok


def test_a_senior_household_equally_happy_leaves_the_wished_dwelling_to_the_next():
    """S (first, no wishes) holds A1 while T (phase 1, wishing A) has B1; S could take B1 instead."""
    instance = case(
        [ph("S", "1", year=2000), ph("T", "1", year=2001, wishes=("A",))], [dw("A1", "A"), dw("B1", "B")]
    )
    audit = check(instance, SETTINGS, {"S": "A1", "T": "B1"})
    assert [f.household_ids for f in audit.seniority] == [("T",)]
    assert check(instance, SETTINGS, {"S": "B1", "T": "A1"}).ok


def test_a_question_cut_short_is_not_decided_and_fails(monkeypatch):
    """CP-SAT stopped by its time limit (simulated): the verdict says "not decided" and does not pass."""
    import allocator.check.time_seniority as seniority

    monkeypatch.setattr(seniority, "solve", lambda model, settings, **kw: Answer(False, False, None, None))
    audit = check(reuse_seniority_case(), SETTINGS, {"T1": "A1", "T2": "A1", "X": "B1"})
    assert audit.time.undecided == 1  # X is the only household below its best rank; T1 and T2 have theirs
    assert audit.coverage_ok and not audit.ok
    assert "time questions not decided: 1 (CP-SAT time limit) - FAILED" in audit.verdict_lines()


def test_coverage_not_proved_fails(monkeypatch):
    import allocator.check.time_coverage as coverage

    real = coverage.solve

    def cut_short(model, settings, **kw):
        found = real(model, settings, **kw)
        return Answer(False, True, None, found.solver)  # the best allocation found, no proof

    monkeypatch.setattr(coverage, "solve", cut_short)
    monkeypatch.setattr(coverage, "_lp_bound", lambda *args: None)  # no certificate: CP-SAT must answer
    audit = check(reuse_seniority_case(), SETTINGS, {"T1": "A1", "T2": "A1", "X": "B1"})
    assert audit.max_housed == 3 and not audit.coverage_ok and not audit.ok
    assert audit.verdict_lines()[0] == "coverage: 3 of at most 3 housed - FAILED"
    assert any(line.startswith("time coverage: not decided - FAILED") for line in audit.verdict_lines())
