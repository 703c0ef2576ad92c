"""The independent checker: verifies a finished allocation and is the executable specification of a good one.

It shares no code with the solver beyond ``allocator.domain``; the hard rules are read afresh in
``suitability.py``. ``check`` never raises on a broken assignment: unknown ids, a dwelling given twice and
unsuitable pairs are rule breaches, and those pairs are left out of the allocation the other checks judge.

The checks, in the order of "how the result is judged" in ``shared/domain.md``:

- rule breaches (``breaches.py``): unknown ids, a dwelling given twice, a pair failing a hard rule;
- coverage (``coverage.py``): housed vs the maximum matching, permanent housed vs the most permanent
  households among maximum matchings;
- priority violations and waste (``fairness.py``);
- trade cycles (``cycles.py``).

``Audit.ok`` is the verdict under strict priority; ``Audit.passes(priority)`` is the verdict under the run's
priority mode (weighted priority only reports priority violations and missing permanent households).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from allocator.check.audit import Audit, Finding
from allocator.check.breaches import read_assignment
from allocator.check.coverage import best_coverage
from allocator.check.cycles import trade_cycles
from allocator.check.fairness import Standing, priority_violations, waste
from allocator.check.suitability import build_tables, suitability
from allocator.domain import Instance, Settings, priority_order

__all__ = ["Audit", "Finding", "check"]


def check(instance: Instance, settings: Settings, assignment: Mapping[str, str]) -> Audit:
    """Judge ``assignment`` (household id -> dwelling id; absent = unhoused) under ``settings``."""
    tables = build_tables(instance, settings)
    suitable = suitability(tables)
    position = np.empty(len(instance.households), np.intp)
    position[priority_order(instance.households, settings.tie_break_seed)] = np.arange(
        len(instance.households)
    )
    alloc = read_assignment(instance, tables, assignment, position)

    permanent = ~tables.h_temporary
    max_housed, max_permanent = best_coverage(suitable, permanent)
    housed = alloc.home >= 0
    standing = Standing.of(instance, tables, suitable, alloc, position)
    return Audit(
        housed=int(housed.sum()),
        max_housed=max_housed,
        permanent_housed=int((housed & permanent).sum()),
        max_permanent_housed=max_permanent,
        priority_violations=priority_violations(standing),
        waste=waste(standing),
        trade_cycles=trade_cycles(standing),
        rule_breaches=alloc.breaches,
    )
