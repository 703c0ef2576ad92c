"""How long the independent checker takes on phased cases: exact on one component, and partial at full size.

Not part of `make bench` (the phased solver is not in yet): ``python benchmarks/phased_check.py``. A generated
case (``allocator.generate``, one municipality so that every household competes with every other) gets phases:
households are spread over ``phases`` phases four months apart, each ready six months after its start, so a
phase's temporary dwellings come free for the phase after the next. About a fifth of the vacancies get a
``Ledig til``. The allocation checked is a greedy one (in priority order, the best-ranked suitable dwelling free
for the whole stay), which is what a hand-made plan looks like: the exact questions then have real work; with
``--solver``, the phased solver's own allocation (``allocator.solve``), as on every run.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from allocator.check.phased import check_phased  # noqa: E402
from allocator.check.stay_windows import stays_of  # noqa: E402
from allocator.check.suitability import build_tables, suitability  # noqa: E402
from allocator.domain import Decisions, Instance, Kind, Phase, Settings, priority_order  # noqa: E402
from allocator.generate import generate_instance  # noqa: E402


def phased_case(n: int, m: int, phases: int, *, seed: int = 0, municipalities: int = 1) -> Instance:
    base = generate_instance(n, m, seed=seed, municipalities=municipalities)
    rng = np.random.default_rng(seed)
    start = dt.date(2027, 3, 1)
    plan = tuple(
        Phase(str(k + 1), start + dt.timedelta(days=122 * k), start + dt.timedelta(days=122 * k + 183))
        for k in range(phases)
    )
    households = []
    for h in base.households:
        p = plan[int(rng.integers(phases))]
        households.append(
            dataclasses.replace(
                h,
                phase=p.phase_id,
                move_by=p.construction_start,
                returns_on=p.ready if h.kind is Kind.TEMPORARY else None,
                deadline_from_phase=True,
            )
        )
    vacancies = []
    for v in base.vacancies:
        until = None
        if rng.random() < 0.2:
            until = plan[int(rng.integers(phases))].ready + dt.timedelta(days=int(rng.integers(0, 60)))
            if v.available_from is not None and until < v.available_from:
                until = None
        vacancies.append(dataclasses.replace(v, available_until=until))
    return Instance(tuple(households), tuple(vacancies), phases=plan)


def greedy(instance: Instance, settings: Settings) -> dict[str, str]:
    tables = build_tables(instance, settings)
    stays = stays_of(instance, settings)
    ok = suitability(tables) & stays.window(
        np.arange(len(instance.households))[:, None], np.arange(len(instance.vacancies))[None, :]
    )
    rank = tables.rank[:, tables.d_department]
    on: dict[int, list[int]] = {}
    out = {}
    for h in priority_order(instance.households, settings.tie_break_seed):
        options = np.flatnonzero(ok[h])
        for d in options[np.argsort(rank[h, options], kind="stable")].tolist():
            if not any(stays.overlap(h, g) for g in on.get(d, ())):
                on.setdefault(d, []).append(h)
                out[instance.households[h].household_id] = instance.vacancies[d].dwelling_id
                break
    return out


def max_coverage(instance: Instance, settings: Settings, assignment: dict[str, str]) -> dict[str, str]:
    """An allocation of maximum (and maximum permanent) coverage, as a correct solver returns one: the
    checker's own group model solved by CP-SAT (hinted with ``assignment``), each group's count handed to its
    households in priority order, and each class's stays coloured onto its dwellings by start."""
    from ortools.sat.python import cp_model

    from allocator.check.decisions import resolve
    from allocator.check.stay_windows import open_suitability
    from allocator.check.time_model import add_occupancy, open_part

    tables = build_tables(instance, settings)
    stays = stays_of(instance, settings)
    resolved = resolve(instance, Decisions())
    n = len(instance.households)
    position = np.empty(n, np.intp)
    position[priority_order(instance.households, settings.tie_break_seed)] = np.arange(n)
    suitable = open_suitability(tables, stays, resolved)
    part = open_part(
        suitable,
        tables.d_department,
        tables.rank[:, tables.d_department],
        stays,
        resolved.fixed_home,
        position,
    )
    out: dict[str, str] = {}
    for households, _ in part.components:
        groups: dict[tuple, list[int]] = {}
        for h in households.tolist():
            key = (
                tuple(np.flatnonzero(part.hc[h]).tolist()),
                int(stays.start[h]),
                int(stays.end[h]),
                bool(tables.h_temporary[h]),
            )
            groups.setdefault(key, []).append(h)
        keys = list(groups)
        model = cp_model.CpModel()
        x, housed = add_occupancy(
            model,
            [k[0] for k in keys],
            [len(groups[k]) for k in keys],
            [k[1] for k in keys],
            [k[2] for k in keys],
            part,
        )
        weight = n + 1
        model.maximize(sum((weight + (0 if k[3] else 1)) * e for k, e in zip(keys, housed, strict=True)))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 300
        solver.solve(model)
        by_class: dict[int, list[int]] = {}
        for g, k in enumerate(keys):
            left = list(groups[k])
            for c in k[0]:
                for _ in range(int(solver.value(x[g, c]))):
                    by_class.setdefault(c, []).append(left.pop(0))
        for c, hs in by_class.items():
            free_at = {int(d): -(2**62) for d in part.c_dwellings[c]}
            for h in sorted(hs, key=lambda h: stays.start[h]):
                d = next(d for d, t in free_at.items() if t <= stays.start[h])
                free_at[d] = int(stays.end[h])
                out[instance.households[h].household_id] = instance.vacancies[d].dwelling_id
    return out


def measure(
    n: int,
    m: int,
    phases: int,
    exact_limit: int,
    municipalities: int = 1,
    optimal: bool = False,
    solver: bool = False,
) -> None:
    settings = Settings()
    instance = phased_case(n, m, phases, municipalities=municipalities)
    if solver:
        from allocator.solve import solve

        assignment = solve(instance, settings).assignment_map
    else:
        assignment = greedy(instance, settings)
    if optimal:
        assignment = max_coverage(instance, settings, assignment)
    t0 = time.perf_counter()
    audit = check_phased(instance, settings, assignment, Decisions(), exact_limit=exact_limit)
    seconds = time.perf_counter() - t0
    t = audit.time
    print(
        f"{n:>5} households x {m:>5} vacancies, {phases} phases: {seconds:6.2f} s; components {t.components}, "
        f"exact {t.exact_components} ({t.exact_households} households), larger {list(t.large_components)}; "
        f"housed {audit.housed} of {audit.max_housed}; findings: priority {len(audit.priority_violations)}, "
        f"seniority {len(audit.seniority)}, waste {len(audit.waste)}; undecided {t.undecided}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exact", type=int, nargs="*", default=[20, 40, 80, 120])
    parser.add_argument(
        "--full", action="store_true", help="also 300 x 400 in 4 phases and 1,200 x 1,500 in 8"
    )
    parser.add_argument("--solver", action="store_true", help="check the phased solver's allocations instead")
    args = parser.parse_args()
    for n in args.exact:
        measure(n, round(n * 4 / 3), 4, exact_limit=n, solver=args.solver)
    if args.full and args.solver:
        measure(300, 400, 4, exact_limit=80, municipalities=3, solver=True)
    elif args.full:
        for optimal in (False, True):
            print("maximum coverage allocation" if optimal else "greedy allocation")
            measure(300, 400, 4, exact_limit=80, municipalities=3, optimal=optimal)
            measure(1200, 1500, 8, exact_limit=80, municipalities=3, optimal=optimal)


if __name__ == "__main__":
    main()
