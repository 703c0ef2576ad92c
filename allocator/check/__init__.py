"""The independent checker: verifies a finished allocation and is the executable specification of a good one.

It shares no code with the solver beyond ``allocator.domain``; the hard rules are read afresh in
``suitability.py``. ``check`` never raises on a broken assignment: unknown ids, a dwelling given twice and
unsuitable pairs are rule breaches, and those pairs are left out of the allocation the other checks judge.

The checks, in the order of "how the result is judged" in ``shared/domain.md``:

- rule breaches (``breaches.py``, ``decisions.py``): unknown ids, a dwelling given twice, a pair failing a hard
  rule, a broken decision (a fixed pair not kept, a forbidden pair assigned, a fixed pair naming unknown ids);
- coverage (``coverage.py``): housed vs the maximum matching, permanent housed vs the most permanent
  households among maximum matchings;
- priority violations and waste, pair by pair (``fairness.py``);
- seniority: serial dictatorship with ties, through chains of moves of any length, and the priority-greedy
  housed set through chains from unhoused households (``seniority.py``, searching ``reach.py``'s bit rows);
- trade cycles (``cycles.py``).

A phased case (``Instance.phased``, issue 12) goes to ``phased.py``: a dwelling may hold several stays there,
so it has time-extended checks of its own (stay windows, overlaps, coverage and seniority over time, with
its own CP-SAT model) and the Audit carries them in ``Audit.time``.

No check builds a households x dwellings matrix: ``classes.py`` groups households into types and dwellings into
classes, one municipality at a time, and every check works on those (``standing.py``).

Decisions (``allocator.domain.Decisions``): fixed pairs are given and not judged by the rules; coverage,
priority, waste and trade cycles judge only the open part (households and dwellings not fixed), with forbidden
pairs unsuitable everywhere. ``max_housed`` is the number of fixed pairs plus the maximum matching of the open
part, and likewise ``max_permanent_housed``.

``Audit.ok`` is the verdict under strict priority; ``Audit.passes(priority)`` is the verdict under the run's
priority mode (weighted priority only reports priority violations and missing permanent households).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from allocator.check.audit import Audit, Finding
from allocator.check.breaches import read_assignment
from allocator.check.classes import build_classes
from allocator.check.coverage import best_coverage
from allocator.check.cycles import trade_cycles
from allocator.check.decisions import broken_decisions, forbidden_assigned, resolve
from allocator.check.fairness import priority_violations, waste
from allocator.check.reach import blocks
from allocator.check.seniority import seniority_chains, unhoused_chains
from allocator.check.standing import Standing
from allocator.check.suitability import build_tables
from allocator.domain import Decisions, Instance, Settings, priority_order

__all__ = ["Audit", "Finding", "check"]

NO_DECISIONS = Decisions()


def check(
    instance: Instance,
    settings: Settings,
    assignment: Mapping[str, str],
    *,
    decisions: Decisions = NO_DECISIONS,
) -> Audit:
    """Judge ``assignment`` (household id -> dwelling id; absent = unhoused) under ``settings``, keeping
    ``decisions`` (fixed pairs given, forbidden pairs never)."""
    decisions = decisions if decisions is not None else NO_DECISIONS
    if instance.phased:
        # Imported here: the phased checks load CP-SAT, which a case without phases never needs.
        from allocator.check.phased import check_phased

        return check_phased(instance, settings, assignment, decisions)
    tables = build_tables(instance, settings)
    resolved = resolve(instance, decisions)
    # the open part: forbidden pairs, fixed households and fixed dwellings take no part in any later check
    classes = build_classes(tables, resolved)
    position = np.empty(len(instance.households), np.intp)
    position[priority_order(instance.households, settings.tie_break_seed)] = np.arange(
        len(instance.households)
    )
    alloc = read_assignment(instance, tables, assignment, position, resolved)
    kept, broken = broken_decisions(instance, resolved, assignment)
    forbidden = forbidden_assigned(resolved, assignment)

    permanent = ~tables.h_temporary
    fixed = resolved.fixed_home >= 0
    open_housed, open_permanent = best_coverage(classes)
    housed = alloc.home >= 0
    standing = Standing.of(instance, tables, classes, alloc, position)
    rows = blocks(standing)
    seniority, suspects = seniority_chains(standing, rows)
    unhoused_priority, unhoused_waste = unhoused_chains(standing, rows)
    return Audit(
        housed=int(housed.sum()),
        max_housed=int(fixed.sum()) + open_housed,
        permanent_housed=int((housed & permanent).sum()),
        max_permanent_housed=int((fixed & permanent).sum()) + open_permanent,
        priority_violations=priority_violations(standing) + unhoused_priority,
        seniority=seniority,
        waste=waste(standing) + unhoused_waste,
        trade_cycles=trade_cycles(standing, rows, suspects),
        rule_breaches=resolved.unknown + broken + forbidden + alloc.breaches,
        fixed=kept,
        forbidden=len(resolved.forbidden_ids) - len(forbidden),
    )
