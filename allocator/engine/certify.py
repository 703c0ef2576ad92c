"""The CP-SAT certificate: the model, solved from the allocation as a complete hint, must find nothing better.

The answer itself comes from the exact, deterministic step, so it is the same whatever the number of CP-SAT
workers; a CP-SAT solution better than the hint would be a bug, raised as ``SolverDisagreement``. Above
``Settings.certify_max_pairs`` suitable pairs CP-SAT would need minutes (shared/engine-notes.md), so the
certificate is skipped and the min-cost flow's exact optimum stands alone; the independent checker still
verifies the result.
"""

from __future__ import annotations

import logging

import numpy as np
from ortools.sat.python import cp_model

from allocator.domain import Instance, Settings
from allocator.engine import model as model_stage
from allocator.engine.flow import UNHOUSED
from allocator.engine.model import PairValue
from allocator.engine.types import DwellingTypes
from allocator.engine.weighted import pair_costs

log = logging.getLogger(__name__)


class SolverDisagreement(RuntimeError):
    """CP-SAT found an allocation the exact step missed: a bug, never to be hidden."""


def certify(
    types: DwellingTypes, pair_value: PairValue, assign: np.ndarray, settings: Settings
) -> tuple[str, int, float | None]:
    """Solve the CP-SAT model from the allocation as a complete hint; it must find nothing better."""
    housed = np.flatnonzero(assign != UNHOUSED)
    ours = int(pair_value(housed, assign[housed]).sum())
    if len(types.pair_household) > settings.certify_max_pairs:
        log.info("CP-SAT certificate skipped: more than %d suitable pairs", settings.certify_max_pairs)
        return "SKIPPED", ours, float(ours)
    model, variables = model_stage.build(types, pair_value)
    variables.hint(model, assign)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = settings.workers
    solver.parameters.max_time_in_seconds = settings.time_limit_s
    solver.parameters.random_seed = settings.tie_break_seed
    status = solver.solve(model)
    if status == cp_model.UNKNOWN:
        # Out of time before even the hint was accepted: no certificate, but the exact answer stands.
        log.warning(
            "CP-SAT certificate not reached within %.0f s; the exact flow's answer stands", solver.wall_time
        )
        return "UNKNOWN", ours, None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise SolverDisagreement(f"CP-SAT ended with {solver.status_name(status)} on a feasible allocation")
    if round(solver.objective_value) > ours:
        raise SolverDisagreement(
            f"CP-SAT found objective {solver.objective_value:.0f}, the allocation has {ours}"
        )
    return solver.status_name(status), ours, float(solver.best_objective_bound)


def weighted_value(instance: Instance, types: DwellingTypes, settings: Settings) -> PairValue:
    """Coverage first: a bonus per housed household larger than any spread of the weighted costs."""
    all_costs = pair_costs(instance.households, types.pair_rank, types.pair_household, settings)
    spread = int(all_costs.max(initial=0)) - int(all_costs.min(initial=0)) + 1
    bonus = spread * (len(instance.households) + 1)

    def value(hh: np.ndarray, tt: np.ndarray) -> np.ndarray:
        return bonus - pair_costs(instance.households, types.rank_of(hh, tt), hh, settings)

    return value
