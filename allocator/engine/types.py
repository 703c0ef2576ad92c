"""Dwelling types: dwellings that no household can tell apart, grouped with a capacity.

Two dwellings are of one type when they lie in the same department (so every household ranks them alike) and
exactly the same households may have them. The allocation works on types, which keeps the model small at
organisation-wide sizes without losing anything: any dwelling of a type can stand in for any other.

Types are numbered by department, then by their first dwelling id, so the numbering does not depend on the
order of the rows in the vacancies file. The suitable (household, type) pairs are sparse arrays sorted by
household, with the household's wish rank of each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from allocator.engine.tables import Tables, pair_ranks


@dataclass(frozen=True, slots=True)
class DwellingTypes:
    """Dwellings grouped into interchangeable types, and who may have which.

    Attributes
    ----------
    of_vacancy
        Type index of each vacancy, in instance order.
    vacancies
        Per type, the vacancy indices in the order they are handed out (by dwelling id).
    capacity
        Number of dwellings of each type.
    department
        Department code of each type (``Tables.vocabulary``).
    pair_household, pair_type, pair_rank
        The suitable (household, type) pairs, sorted by household then type, and the wish rank of each.
    household_start
        Pairs of household ``i`` are ``household_start[i]:household_start[i + 1]``.
    """

    of_vacancy: np.ndarray
    vacancies: tuple[np.ndarray, ...]
    capacity: np.ndarray
    department: np.ndarray
    pair_household: np.ndarray
    pair_type: np.ndarray
    pair_rank: np.ndarray
    household_start: np.ndarray

    def __len__(self) -> int:
        return len(self.capacity)

    @property
    def n_households(self) -> int:
        return len(self.household_start) - 1

    def of_household(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The types household ``i`` may have (ascending) and its wish rank of each."""
        lo, hi = self.household_start[i], self.household_start[i + 1]
        return self.pair_type[lo:hi], self.pair_rank[lo:hi]

    def rank_of(self, households: np.ndarray, types: np.ndarray) -> np.ndarray:
        """Wish rank of type ``types[k]`` for household ``households[k]`` (the pair must be suitable)."""
        width = max(1, len(self))
        pairs = self.pair_household * width + self.pair_type
        return self.pair_rank[np.searchsorted(pairs, households.astype(np.int64) * width + types)]


def restrict(types: DwellingTypes, keep: np.ndarray) -> DwellingTypes:
    """The same types, with the pairs ``keep`` (a mask) only; other households keep empty pair ranges."""
    pair_h = types.pair_household[keep]
    return DwellingTypes(
        of_vacancy=types.of_vacancy,
        vacancies=types.vacancies,
        capacity=types.capacity,
        department=types.department,
        pair_household=pair_h,
        pair_type=types.pair_type[keep],
        pair_rank=types.pair_rank[keep],
        household_start=np.searchsorted(pair_h, np.arange(types.n_households + 1)),
    )


class TypeBuilder:
    """Collects the types block by block (``allocator.engine.eligibility``) and numbers them at the end."""

    def __init__(self, tables: Tables, dwelling_ids: list[str]) -> None:
        self.tables = tables
        self.ids = dwelling_ids
        self.first: list[int] = []  # per type (in the order found): its first dwelling by id
        self.members: list[list[int]] = []
        self.households: list[np.ndarray] = []

    def add_block(self, rows: np.ndarray, cols: np.ndarray, packed: np.ndarray | None) -> None:
        """``packed[:, c]``: the bits of ``rows`` that may have dwelling ``cols[c]``."""
        departments = self.tables.vacancies.department
        found: dict[tuple[int, bytes], int] = {}
        columns = np.ascontiguousarray(packed.T) if packed is not None else None
        for c in sorted(range(len(cols)), key=lambda c: self.ids[cols[c]]):
            j = int(cols[c])
            key = (int(departments[j]), columns[c].tobytes() if columns is not None else b"")
            t = found.get(key)
            if t is None:
                t = found[key] = len(self.first)
                self.first.append(j)
                self.members.append([])
                bits = np.unpackbits(columns[c])[: len(rows)] if columns is not None else np.zeros(0, bool)
                self.households.append(rows[np.flatnonzero(bits)])
            self.members[t].append(j)

    def build(self) -> DwellingTypes:
        n_vacancies = len(self.ids)
        n_households = len(self.tables.households)
        departments = self.tables.vacancies.department
        first = np.array(self.first, dtype=np.int64)
        id_rank = np.empty(n_vacancies, dtype=np.int64)
        id_rank[sorted(range(n_vacancies), key=self.ids.__getitem__)] = np.arange(n_vacancies)
        order = np.lexsort((id_rank[first], departments[first])) if len(first) else first
        of_vacancy = np.zeros(n_vacancies, dtype=np.int64)
        for new, old in enumerate(order.tolist()):
            of_vacancy[self.members[old]] = new
        counts = np.array([len(self.households[old]) for old in order.tolist()], dtype=np.int64)
        pair_t = np.repeat(np.arange(len(order)), counts)
        pair_h = (
            np.concatenate([self.households[old] for old in order.tolist()]).astype(np.int64)
            if len(order)
            else np.zeros(0, np.int64)
        )
        by_household = np.lexsort((pair_t, pair_h))
        pair_h, pair_t = pair_h[by_household], pair_t[by_household]
        type_departments = departments[first[order]] if len(order) else np.zeros(0, np.int32)
        return DwellingTypes(
            of_vacancy=of_vacancy,
            vacancies=tuple(
                np.array(sorted(self.members[old], key=self.ids.__getitem__), dtype=np.int64)
                for old in order.tolist()
            ),
            capacity=np.array([len(self.members[old]) for old in order.tolist()], dtype=np.int64),
            department=type_departments,
            pair_household=pair_h,
            pair_type=pair_t,
            pair_rank=pair_ranks(self.tables, pair_h, type_departments[pair_t]),
            household_start=np.searchsorted(pair_h, np.arange(n_households + 1)),
        )
