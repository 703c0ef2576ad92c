"""The checker of a phased case (issue 12): the same questions as without phases, over stays in time.

A dwelling may hold several stays that do not overlap, so the one-household-per-dwelling checks of the other
modules do not apply; ``check`` routes a phased instance here. The checks, in the order of the audit:

- per-pair rules as without phases, and decisions (``stay_windows.py``, ``decisions.py``);
- every stay inside its dwelling's window, no two stays of one dwelling overlapping (``stay_windows.py``);
- coverage: the most housed and most permanent housed, proved with the checker's own CP-SAT model
  (``time_model.py``, ``time_coverage.py``);
- priority and waste move by move on the allocation (``time_moves.py``), everywhere;
- the housed set first in priority order and serial dictatorship with ties, exactly, in every component of at
  most ``exact_limit`` households (``time_seniority.py``); above it only the direct checks, and the verdict
  says so. Trade cycles follow from serial dictatorship (the first household of a cycle that gains could do
  better with nobody ahead worse off), so they have no check of their own here; a two-household trade in a
  large component is a ``priority_envy`` finding.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from allocator.check.audit import Audit, TimeChecks
from allocator.check.decisions import broken_decisions, forbidden_assigned, resolve
from allocator.check.stay_windows import open_suitability, read_stays, stays_of
from allocator.check.suitability import build_tables
from allocator.check.time_coverage import best_coverage
from allocator.check.time_model import open_part
from allocator.check.time_moves import Timelines, direct_priority, waste
from allocator.check.time_seniority import EXACT_LIMIT, exact_checks
from allocator.domain import Decisions, Instance, Settings, priority_order


def check_phased(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    decisions: Decisions,
    *,
    exact_limit: int = EXACT_LIMIT,
) -> Audit:
    tables = build_tables(instance, settings)
    resolved = resolve(instance, decisions)
    stays = stays_of(instance, settings)
    n = len(instance.households)
    position = np.empty(n, np.intp)
    position[priority_order(instance.households, settings.tie_break_seed)] = np.arange(n)
    reading = read_stays(instance, tables, stays, assignment, position, resolved)
    kept, broken = broken_decisions(instance, resolved, assignment)
    forbidden = forbidden_assigned(resolved, assignment)

    suitable = open_suitability(tables, stays, resolved)
    rank = tables.rank[:, tables.d_department] if tables.rank.size else np.ones(suitable.shape, np.int32)
    # a fixed household holds its fixed dwelling in every allocation judged, kept in this one or not
    part = open_part(suitable, tables.d_department, rank, stays, resolved.fixed_home, position)
    coverage = best_coverage(part, stays, tables.h_temporary, reading.home, settings)

    fixed = resolved.fixed_home >= 0
    open_h = np.flatnonzero(~fixed)
    open_h = open_h[np.argsort(position[open_h], kind="stable")]
    timelines = Timelines(instance, stays, reading.home, rank)
    direct = direct_priority(timelines, suitable, open_h, position)
    index = {h.household_id: i for i, h in enumerate(instance.households)}
    # an unhoused household that could take a lower-priority one's place directly is named once, by that
    taken_over = frozenset(index[f.household_ids[0]] for f in direct if f.kind == "priority_unhoused")
    exact = exact_checks(
        instance,
        part,
        stays,
        tables.h_temporary,
        position,
        reading.home,
        coverage,
        settings,
        skip_unhoused=taken_over,
        exact_limit=exact_limit,
    )
    housed = reading.home >= 0
    permanent = ~tables.h_temporary
    return Audit(
        housed=int(housed.sum()),
        max_housed=int(fixed.sum()) + sum(coverage.housed),
        permanent_housed=int((housed & permanent).sum()),
        max_permanent_housed=int((fixed & permanent).sum()) + sum(coverage.permanent),
        priority_violations=direct + exact.housed_set,
        seniority=exact.seniority,
        waste=waste(timelines, suitable, open_h),
        trade_cycles=(),
        rule_breaches=resolved.unknown + broken + forbidden + reading.breaches,
        fixed=kept,
        forbidden=len(resolved.forbidden_ids) - len(forbidden),
        time=TimeChecks(
            stay_windows=reading.windows,
            stay_overlaps=reading.overlaps,
            coverage_decided=all(coverage.decided),
            coverage_certified=coverage.certified,
            exact_limit=exact_limit,
            components=len(part.components),
            exact_components=exact.exact_components,
            exact_households=exact.exact_households,
            large_components=exact.large,
            undecided=exact.undecided + sum(not d for d in coverage.decided),
        ),
    )
