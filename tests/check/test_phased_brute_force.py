"""The phased checker against every allocation of tiny phased cases (<= 6 households, <= 4 dwellings)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from phased_brute_force import as_map, enumerate_case
from phased_cases import PHASES, case, dw, ph

from allocator.check import check
from allocator.check.phased import check_phased
from allocator.domain import Decisions, Kind, Settings

SETTINGS = Settings()
_INDEX_SEEDS = range(60)


def random_case(seed: int):
    rng = random.Random(seed)
    n, m = rng.randint(2, 6), rng.randint(1, 4)
    households = []
    for i in range(n):
        kind = Kind.PERMANENT if rng.random() < 0.3 else Kind.TEMPORARY
        households.append(
            ph(
                f"H{i}",
                rng.choice([p.phase_id for p in PHASES]),
                kind=kind,
                year=rng.randint(2000, 2003),
                members=rng.choice([1, 1, 2]),
                current_rooms=rng.choice([2, 3]),
                wishes=tuple(rng.sample(["A", "B", "C"], rng.randint(0, 2))),
            )
        )
    vacancies = []
    for j in range(m):
        until = rng.choice([None, None, dt.date(2027, 9, 1), dt.date(2028, 4, 1)])
        free_from = rng.choice([None, None, dt.date(2027, 3, 1)])
        vacancies.append(
            dw(
                f"B{j}",
                rng.choice("ABC"),
                rooms=rng.choice([2, 2, 3]),
                available_from=free_from,
                available_until=until,
            )
        )
    return case(households, vacancies)


@pytest.mark.parametrize("seed", _INDEX_SEEDS)
def test_checker_agrees_with_enumeration(seed):
    instance = random_case(seed)
    e = enumerate_case(instance, SETTINGS)
    rng = random.Random(1000 + seed)
    good = [a for a in e.feasible if e.good(a)]
    assert good, "some allocation is always good"
    others = [a for a in e.feasible if not e.good(a)]
    picked = good[:3] + rng.sample(others, min(len(others), 8))
    hs = instance.households
    for a in picked:
        audit = check(instance, SETTINGS, as_map(instance, a))
        what = f"seed {seed}, allocation {as_map(instance, a)}"
        assert audit.max_housed == e.most and audit.max_permanent_housed == e.most_permanent, what
        assert audit.housed == sum(d >= 0 for d in a), what
        assert audit.ok == e.good(a), what + "\n" + "\n".join(audit.verdict_lines())
        assert not audit.rule_breaches and not audit.time.stay_windows and not audit.time.stay_overlaps
        partial = check_phased(instance, SETTINGS, as_map(instance, a), Decisions(), exact_limit=0)
        assert partial.time.partial or partial.time.components == 0
        if e.good(a):  # the direct checks name nothing a good allocation has
            assert partial.ok, what + "\n" + "\n".join(partial.verdict_lines())
        seniority = {f.household_ids[0] for f in audit.seniority}
        assert seniority == {hs[h].household_id for h in e.seniority_violators(a)}, what
        if e.is_best_coverage(a):
            named = {
                f.household_ids[0]
                for f in audit.priority_violations
                if f.kind in ("priority_unhoused", "priority_housed_set")
            }
            assert named == {hs[h].household_id for h in e.housed_set_violators(a)}, what


def test_the_enumeration_sees_reuse():
    """The random cases are not all trivial: some good allocation puts two stays on one dwelling."""
    reused = 0
    for seed in _INDEX_SEEDS:
        instance = random_case(seed)
        e = enumerate_case(instance, SETTINGS)
        for a in e.feasible:
            if e.good(a) and len([d for d in a if d >= 0]) > len({d for d in a if d >= 0}):
                reused += 1
                break
    assert reused >= 5
