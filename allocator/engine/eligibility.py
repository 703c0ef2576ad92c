"""Which household may get which dwelling, computed once, and the dwelling types that follow from it.

The hard rules (``allocator.rules``) are vectorised boolean expressions over column arrays. They are applied
block by block: a household can only live in its own municipality unless it is a temporary household that may
go anywhere, so each block is "the vacancies of one municipality x its households and those that may go
anywhere", cut into row chunks of bounded size. Within a block, dwellings that exactly the same households may
have, in the same department, are grouped into one dwelling type (``allocator.engine.types``). No household x
dwelling matrix of the whole case is built, and only the (household, type) pairs are kept.

Pairs forbidden by decisions (refused earlier, excluded by a coordinator) are removed before grouping, so a
dwelling refused by one household is a type of its own where it must be.

The same rule functions, run on one household row, give the "why not" explanations, so the reasons told to a
resident are exactly the rules the allocation obeyed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from allocator.domain import Instance, Settings
from allocator.engine.tables import Tables, build_tables
from allocator.engine.types import DwellingTypes, TypeBuilder
from allocator.rules import HARD_RULES, same_municipality

# Cells evaluated per rule at once: bounds the memory of a block to a few MB per rule matrix.
_BLOCK_CELLS = 4_000_000


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Suitability of every household for every dwelling, held as dwelling types.

    ``types`` has the suitable (household, type) pairs; ``forbidden`` the (household, vacancy) index pairs that
    pass every rule but a decision forbids. ``excluded`` counts, per rule, the pairs it excludes among those the
    municipality rule lets through (for ``same_municipality`` itself: among all pairs).
    """

    instance: Instance
    settings: Settings
    tables: Tables
    types: DwellingTypes
    forbidden: frozenset[tuple[int, int]]
    excluded: dict[str, int]

    def suitable_row(self, household_index: int) -> np.ndarray:
        """``(n_vacancies,)`` bool: the dwellings household ``household_index`` may get (rules and decisions)."""
        mine = np.zeros(len(self.types), dtype=bool)
        mine[self.types.of_household(household_index)[0]] = True
        return mine[self.types.of_vacancy]

    def ruled_row(self, household_index: int) -> np.ndarray:
        """``(n_vacancies,)`` bool: the dwellings the rules alone allow household ``household_index``."""
        row = self.suitable_row(household_index)
        for i, j in self.forbidden:
            if i == household_index:
                row[j] = True
        return row

    def is_suitable(self, household_index: int, vacancy_index: int) -> bool:
        mine = self.types.of_household(household_index)[0]
        t = self.types.of_vacancy[vacancy_index]
        k = int(np.searchsorted(mine, t))
        return bool(k < len(mine) and mine[k] == t)

    def rule_masks(self, household_index: int) -> dict[str, np.ndarray]:
        """Per rule, the dwellings it allows for one household (for explanations)."""
        one = self.tables.households.take([household_index])
        return {rule.NAME: rule.suitable(one, self.tables.vacancies, self.settings)[0] for rule in HARD_RULES}


def compute(
    instance: Instance,
    settings: Settings,
    forbidden: tuple[tuple[str, str], ...] = (),
) -> Eligibility:
    """All hard rules, then the pairs decisions forbid (refused offers, a coordinator's "must not get")."""
    tables = build_tables(instance.households, instance.vacancies)
    n, m = len(tables.households), len(tables.vacancies)
    excluded = {rule.NAME: 0 for rule in HARD_RULES}
    banned = _forbidden_by_vacancy(instance, forbidden)
    kept_forbidden: set[tuple[int, int]] = set()
    builder = TypeBuilder(tables, [v.dwelling_id for v in instance.vacancies])
    candidates = 0
    for rows, cols in _blocks(tables, settings):
        packed = []
        for chunk in _row_chunks(rows, len(cols)):
            allowed = _allowed(tables, chunk, cols, settings, excluded)
            candidates += allowed.size
            _remove_forbidden(allowed, chunk, cols, banned, kept_forbidden)
            packed.append(np.packbits(allowed, axis=0))
        builder.add_block(rows, cols, np.concatenate(packed, axis=0) if packed else None)
    excluded[same_municipality.NAME] = n * m - candidates
    return Eligibility(
        instance=instance,
        settings=settings,
        tables=tables,
        types=builder.build(),
        forbidden=frozenset(kept_forbidden),
        excluded=excluded,
    )


def _allowed(
    tables: Tables, rows: np.ndarray, cols: np.ndarray, settings: Settings, excluded: dict
) -> np.ndarray:
    sub_h, sub_v = tables.households.take(rows), tables.vacancies.take(cols)
    allowed = np.ones((len(rows), len(cols)), dtype=bool)
    for rule in HARD_RULES:
        if rule is same_municipality:
            continue  # true on every block by construction
        passes = rule.suitable(sub_h, sub_v, settings)
        excluded[rule.NAME] += int(passes.size - np.count_nonzero(passes))
        allowed &= passes
    return allowed


def _blocks(tables: Tables, settings: Settings) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per municipality with vacancies: (its households and those that may go anywhere, its vacancies)."""
    households, vacancies = tables.households, tables.vacancies
    anywhere = same_municipality.waived(households, settings)
    for code in np.unique(vacancies.municipality):
        cols = np.flatnonzero(vacancies.municipality == code)
        rows = np.flatnonzero((households.municipality == code) | anywhere)
        yield rows, cols


def _row_chunks(rows: np.ndarray, n_cols: int) -> Iterator[np.ndarray]:
    # A multiple of 8 rows, so that packing the chunks one by one packs the whole column.
    step = max(8, (_BLOCK_CELLS // max(1, n_cols)) // 8 * 8)
    for lo in range(0, len(rows), step):
        yield rows[lo : lo + step]


def _forbidden_by_vacancy(instance: Instance, forbidden: tuple[tuple[str, str], ...]) -> dict[int, set[int]]:
    row = {h.household_id: i for i, h in enumerate(instance.households)}
    col = {v.dwelling_id: j for j, v in enumerate(instance.vacancies)}
    banned: dict[int, set[int]] = {}
    for h, d in forbidden:
        if h in row and d in col:
            banned.setdefault(col[d], set()).add(row[h])
    return banned


def _remove_forbidden(
    allowed: np.ndarray, rows: np.ndarray, cols: np.ndarray, banned: dict[int, set[int]], kept: set
) -> None:
    if not banned:
        return
    position = {int(h): k for k, h in enumerate(rows)}
    for c, j in enumerate(cols.tolist()):
        for i in banned.get(j, ()):
            k = position.get(i)
            if k is not None and allowed[k, c]:
                allowed[k, c] = False
                kept.add((i, j))
