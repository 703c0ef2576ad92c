"""Reading the assignment: unknown ids, dwellings given twice and pairs that break a hard rule.

Every such pair is a rule breach and is left out of the allocation the later checks judge: its household
counts as unhoused and its dwelling as free (a dwelling given to several households is held by none of them).

Decisions (``decisions.py``): a fixed pair that the assignment keeps is lawful as given, whatever the rules say,
and its household holds its dwelling even when others claim it too (they breach ``dwelling_assigned_twice``).
Any other pair with a fixed household or a fixed dwelling, and any forbidden pair, is left out like a breach: the
fixed pair it disturbs is ``decision_broken`` (or, kept, its dwelling is ``dwelling_assigned_twice``), a forbidden
pair is ``forbidden_pair``; those findings come from ``decisions.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from allocator.check.audit import Finding
from allocator.check.decisions import Resolved
from allocator.check.suitability import RULES, Tables, failed_rules
from allocator.domain import Instance


@dataclass(frozen=True, eq=False)
class Allocation:
    """The lawful part of an assignment: ``home[h]`` is the dwelling index of household h or -1,
    ``holder[d]`` the household index holding dwelling d or -1."""

    home: np.ndarray
    holder: np.ndarray
    breaches: tuple[Finding, ...]


def unknown_ids(household_id: object, dwelling_id: object, h: int | None, d: int | None) -> list[Finding]:
    """Findings for an assigned pair whose household (``h``) or dwelling (``d``) the case does not have."""
    found = []
    if h is None:
        found.append(
            Finding(
                "unknown_household",
                (str(household_id),),
                (str(dwelling_id),),
                f"{household_id} -> {dwelling_id}: {household_id} is not a household of this case",
            )
        )
    if d is None:
        found.append(
            Finding(
                "unknown_dwelling",
                (str(household_id),),
                (str(dwelling_id),),
                f"{household_id} -> {dwelling_id}: {dwelling_id} is not a vacancy of this case",
            )
        )
    return found


def lookup(index: dict[str, int], key: object) -> int | None:
    """The index of an id, ``None`` for an unknown or unhashable one."""
    try:
        return index.get(key)  # type: ignore[arg-type]
    except TypeError:  # an unhashable value is no id we know
        return None


def read_assignment(
    instance: Instance,
    tables: Tables,
    assignment: Mapping[str, str],
    position: np.ndarray,
    resolved: Resolved,
) -> Allocation:
    households, vacancies = instance.households, instance.vacancies
    h_index = {h.household_id: i for i, h in enumerate(households)}
    d_index = {v.dwelling_id: j for j, v in enumerate(vacancies)}
    findings: list[Finding] = []
    known: list[tuple[int, int]] = []
    claims: dict[int, list[str]] = {}
    for household_id, dwelling_id in assignment.items():
        h = lookup(h_index, household_id)
        d = lookup(d_index, dwelling_id)
        findings += unknown_ids(household_id, dwelling_id, h, d)
        if d is not None:
            claims.setdefault(d, []).append(str(household_id))
            if h is not None:
                known.append((h, d))
    twice = {d for d, holders in claims.items() if len(holders) > 1}
    for d in sorted(twice):
        holders = tuple(sorted(claims[d]))
        dwelling_id = vacancies[d].dwelling_id
        findings.append(
            Finding(
                "dwelling_assigned_twice",
                holders,
                (dwelling_id,),
                f"{dwelling_id} is assigned to {len(holders)} households ({', '.join(holders)}); "
                "a dwelling can house only one",
            )
        )

    known.sort(key=lambda pair: position[pair[0]])
    h_arr = np.array([h for h, _ in known], np.intp)
    d_arr = np.array([d for _, d in known], np.intp)
    failures = failed_rules(tables, h_arr, d_arr)
    lawful = np.ones(len(known), bool)
    for k, (h, d) in enumerate(known):
        if resolved.fixed_home[h] == d:
            continue  # decided: given, not judged by the rules
        if resolved.fixed_home[h] >= 0 or resolved.fixed_holder[d] >= 0 or (h, d) in resolved.forbidden:
            lawful[k] = False
        for rule in RULES:
            if failures[rule.name][k]:
                lawful[k] = False
                household, vacancy = households[h], vacancies[d]
                findings.append(
                    Finding(
                        rule.name,
                        (household.household_id,),
                        (vacancy.dwelling_id,),
                        rule.explain(household, vacancy, tables.settings),
                    )
                )
        if d in twice:
            lawful[k] = False

    home = np.full(len(households), -1, np.intp)
    holder = np.full(len(vacancies), -1, np.intp)
    home[h_arr[lawful]] = d_arr[lawful]
    holder[d_arr[lawful]] = h_arr[lawful]
    return Allocation(home=home, holder=holder, breaches=tuple(findings))
