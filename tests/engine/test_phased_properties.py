"""The phased allocation equals the literal definition on tiny random cases: every allocation enumerated, the
valid ones (suitable, no two stays of a dwelling overlapping) ordered by the goals of issue 12, the best one's
housed set, ranks and dwellings held compared with the solver's."""

from __future__ import annotations

import datetime as dt
import itertools

from builders import hh, senior, vac
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator.domain import Instance, Kind, Phase, Settings, priority_order, wish_rank
from allocator.engine import eligibility
from allocator.solve import solve
from allocator.stays import stay_of

BASE = dt.date(2027, 1, 1)


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


@st.composite
def phased_case(draw):
    phases = []
    for k in range(draw(st.integers(1, 3))):
        start = draw(st.integers(40, 400))
        phases.append(
            Phase(str(k + 1), construction_start=day(start), ready=day(start + draw(st.integers(20, 200))))
        )
    households = []
    for k in range(draw(st.integers(1, 5))):
        phase = draw(st.sampled_from(phases))
        kind = draw(st.sampled_from([Kind.TEMPORARY, Kind.TEMPORARY, Kind.PERMANENT]))
        households.append(
            hh(
                f"H{k}",
                kind=kind,
                phase=phase.phase_id,
                move_by=phase.construction_start - dt.timedelta(days=draw(st.sampled_from([0, 0, 20]))),
                deadline_from_phase=True,
                returns_on=phase.ready if kind is Kind.TEMPORARY else None,
                seniority_date=senior(draw(st.integers(2000, 2002))),
                wishes=tuple(draw(st.permutations(["A", "B"]))[: draw(st.integers(0, 2))]),
                members=draw(st.integers(1, 2)),
            )
        )
    vacancies = [
        vac(
            f"V{k}",
            department=draw(st.sampled_from(["A", "B", "C"])),
            available_from=draw(st.sampled_from([None, day(0), day(150)])),
            available_until=draw(st.sampled_from([None, None, day(250), day(500)])),
            rooms=draw(st.integers(2, 3)),
        )
        for k in range(draw(st.integers(1, 3)))
    ]
    return Instance(tuple(households), tuple(vacancies), phases=tuple(phases))


def literal_best(inst: Instance, s: Settings):
    hs, vs = inst.households, inst.vacancies
    elig = eligibility.compute(inst, s)
    order = priority_order(hs, s.tie_break_seed)
    stays = [stay_of(h, s) for h in hs]
    best_key, best = None, None
    for choice in itertools.product([None, *range(len(vs))], repeat=len(hs)):
        if any(d is not None and not elig.is_suitable(i, d) for i, d in enumerate(choice)):
            continue
        by_dwelling: dict[int, list[int]] = {}
        for i, d in enumerate(choice):
            if d is not None:
                by_dwelling.setdefault(d, []).append(i)
        if any(
            stays[a].overlaps(stays[b], s)
            for group in by_dwelling.values()
            for a, b in itertools.combinations(group, 2)
        ):
            continue
        housed = [choice[i] is not None for i in order]
        ranks = [wish_rank(hs[i], vs[choice[i]].department) if choice[i] is not None else 0 for i in order]
        key = (
            sum(housed),
            sum(1 for i in order if choice[i] is not None and hs[i].kind is Kind.PERMANENT),
            housed,
            [-r for r in ranks],
            -len(by_dwelling),
        )
        if best_key is None or key > best_key:
            best_key, best = key, choice
    return best_key, best


@settings(max_examples=150, deadline=None)
@given(phased_case())
def test_the_solver_meets_every_goal_of_the_literal_definition(inst):
    s = Settings()
    key, _ = literal_best(inst, s)
    result = solve(inst, s)
    got = {a.household_id: a for a in result.assignments}
    order = priority_order(inst.households, s.tie_break_seed)
    hs = inst.households
    housed = [hs[i].household_id in got for i in order]
    ranks = [got[hs[i].household_id].rank if hs[i].household_id in got else 0 for i in order]
    held = len({a.dwelling_id for a in result.assignments})
    assert (sum(housed), housed, [-r for r in ranks], -held) == (key[0], key[2], key[3], key[4])
    # And the allocation written is itself valid: suitable and without overlapping stays.
    elig = eligibility.compute(inst, s)
    index = {v.dwelling_id: j for j, v in enumerate(inst.vacancies)}
    for i, h in enumerate(hs):
        if h.household_id in got:
            assert elig.is_suitable(i, index[got[h.household_id].dwelling_id])
    for a, b in itertools.combinations(result.assignments, 2):
        if a.dwelling_id == b.dwelling_id:
            ha = next(h for h in hs if h.household_id == a.household_id)
            hb = next(h for h in hs if h.household_id == b.household_id)
            assert not stay_of(ha, s).overlaps(stay_of(hb, s), s)
