"""Which household may get which dwelling, computed once for all pairs, and why a pair is excluded.

The hard rules (``allocator.rules``) are applied as vectorised boolean matrices. The same rule functions, run on a
few household rows, give the "why not" explanations, so the reasons told to a resident are exactly the rules the
allocation obeyed.

Dwellings that no household can tell apart (same department, so the same wish rank for everyone, and the same
suitability for every household) are grouped into *dwelling types* with a capacity. The allocation works on types,
which keeps the model small at organisation-wide sizes without losing anything: any dwelling of a type can stand
in for any other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allocator.domain import Instance, Settings
from allocator.rules import HARD_RULES
from allocator.tables import NO_WISH, Tables, build_tables


@dataclass(frozen=True, slots=True)
class DwellingTypes:
    """Dwellings grouped into interchangeable types.

    Attributes
    ----------
    of_vacancy
        Type index of each vacancy, in instance order.
    vacancies
        Per type, the vacancy indices in the order they are handed out (by dwelling id).
    capacity
        Number of dwellings of each type.
    suitable
        ``(n_households, n_types)``: household may get a dwelling of the type.
    rank
        ``(n_households, n_types)``: the wish rank of the type's department for the household.
    """

    of_vacancy: np.ndarray
    vacancies: tuple[np.ndarray, ...]
    capacity: np.ndarray
    suitable: np.ndarray
    rank: np.ndarray

    def __len__(self) -> int:
        return len(self.capacity)


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Suitability of every household for every dwelling under all hard rules."""

    instance: Instance
    settings: Settings
    tables: Tables
    suitable: np.ndarray  # (n_households, n_vacancies) bool: rules and decisions
    ruled: np.ndarray  # (n_households, n_vacancies) bool: the rules alone
    excluded: dict[str, int]  # per rule, the pairs it alone would exclude

    def rule_masks(self, household_index: int) -> dict[str, np.ndarray]:
        """Per rule, the dwellings it allows for one household (for explanations)."""
        one = self.tables.households.take([household_index])
        return {rule.NAME: rule.suitable(one, self.tables.vacancies, self.settings)[0] for rule in HARD_RULES}

    def ranks(self) -> np.ndarray:
        """``(n_households, n_vacancies)`` wish rank of every dwelling for every household."""
        return wish_ranks(self.tables, self.tables.vacancies.department)


def compute(
    instance: Instance, settings: Settings, forbidden: tuple[tuple[str, str], ...] = ()
) -> Eligibility:
    """All hard rules, then the pairs decisions forbid (refused offers, a coordinator's "must not get")."""
    tables = build_tables(instance.households, instance.vacancies)
    suitable = np.ones((len(tables.households), len(tables.vacancies)), dtype=bool)
    excluded: dict[str, int] = {}
    for rule in HARD_RULES:
        allowed = rule.suitable(tables.households, tables.vacancies, settings)
        excluded[rule.NAME] = int(allowed.size - np.count_nonzero(allowed))
        suitable &= allowed
    ruled = suitable.copy() if forbidden else suitable
    suitable[forbidden_mask(instance, forbidden)] = False
    return Eligibility(
        instance=instance, settings=settings, tables=tables, suitable=suitable, ruled=ruled, excluded=excluded
    )


def forbidden_mask(
    instance: Instance, forbidden: tuple[tuple[str, str], ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the forbidden pairs that concern this instance."""
    row = {h.household_id: i for i, h in enumerate(instance.households)}
    col = {v.dwelling_id: j for j, v in enumerate(instance.vacancies)}
    pairs = [(row[h], col[d]) for h, d in forbidden if h in row and d in col]
    return (np.array([p[0] for p in pairs], dtype=np.intp), np.array([p[1] for p in pairs], dtype=np.intp))


def wish_ranks(tables: Tables, departments: np.ndarray) -> np.ndarray:
    """Rank 1 in the first wished department, ..., one past the last wish elsewhere (shared/domain.md)."""
    wishes = tables.households.wishes
    n_wishes = (wishes != NO_WISH).sum(axis=1).astype(np.int16)
    rank = np.broadcast_to((n_wishes + 1)[:, None], (len(wishes), len(departments))).copy()
    for k in range(wishes.shape[1] - 1, -1, -1):
        rank[wishes[:, k][:, None] == departments[None, :]] = k + 1
    return rank


def group_types(eligibility: Eligibility) -> DwellingTypes:
    """Group dwellings with the same department and the same suitability column into types."""
    suitable = eligibility.suitable
    departments = eligibility.tables.vacancies.department
    n_vacancies = suitable.shape[1]
    packed = np.packbits(suitable, axis=0).T if suitable.shape[0] else np.zeros((n_vacancies, 0), np.uint8)
    key = np.concatenate([departments.astype(">i4").view(np.uint8).reshape(n_vacancies, 4), packed], axis=1)
    if n_vacancies == 0:
        first, of_vacancy = np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    else:
        _, first, of_vacancy = np.unique(key, axis=0, return_index=True, return_inverse=True)
        of_vacancy = of_vacancy.reshape(-1)
    ids = [v.dwelling_id for v in eligibility.instance.vacancies]
    id_order = np.empty(n_vacancies, dtype=np.intp)
    id_order[sorted(range(n_vacancies), key=ids.__getitem__)] = np.arange(n_vacancies)
    handed_out = np.lexsort((id_order, of_vacancy))
    capacity = np.bincount(of_vacancy, minlength=len(first)).astype(np.int64)
    members = tuple(np.split(handed_out, np.cumsum(capacity)[:-1])) if len(first) else ()
    ranks = wish_ranks(eligibility.tables, departments[first])
    return DwellingTypes(
        of_vacancy=of_vacancy,
        vacancies=members,
        capacity=capacity,
        suitable=suitable[:, first],
        rank=ranks,
    )
