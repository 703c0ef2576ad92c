"""Column arrays of households and vacancies, so that every rule is one vectorised expression.

The rules see ``HouseholdTable`` and ``VacancyTable`` rather than domain objects: a rule then computes the
suitability of every household for every dwelling at once, as an ``(n_households, n_vacancies)`` boolean matrix.
Texts (municipalities, departments) are coded as integers from one shared vocabulary so that equal text means
equal code across both tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from allocator.domain import Household, Kind, Use, Vacancy

_EPOCH = dt.date(1970, 1, 1)
NO_DATE_EARLY = np.iinfo(np.int32).min // 2
NO_DATE_LATE = np.iinfo(np.int32).max // 2
NO_WISH = -2


@dataclass(frozen=True, slots=True)
class HouseholdTable:
    municipality: np.ndarray  # int32 code
    members: np.ndarray  # int32
    current_rooms: np.ndarray  # int32
    min_rooms: np.ndarray  # int32, 0 = not set
    max_rooms: np.ndarray  # int32, 0 = not set
    permanent: np.ndarray  # bool
    other_municipality_ok: np.ndarray  # bool: agreed by the household (the setting is applied by the rule)
    needs_step_free: np.ndarray  # bool
    max_rent: np.ndarray  # float64, nan = not set
    move_by: np.ndarray  # int32 days since 1970, NO_DATE_LATE = no deadline
    returns_on: np.ndarray  # int32 days since 1970, NO_DATE_LATE = stays for good (or no phases)
    wishes: np.ndarray  # int32 (n, max wishes) codes in wish order, -2 = no wish

    def __len__(self) -> int:
        return len(self.members)

    def take(self, index: np.ndarray | list[int]) -> HouseholdTable:
        """The rows ``index`` only: explanations evaluate the rules for a few households."""
        idx = np.asarray(index, dtype=np.intp)
        return HouseholdTable(**{name: getattr(self, name)[idx] for name in self.__slots__})


@dataclass(frozen=True, slots=True)
class VacancyTable:
    municipality: np.ndarray  # int32 code
    department: np.ndarray  # int32 code
    rooms: np.ndarray  # int32
    step_free: np.ndarray  # bool
    rent: np.ndarray  # float64, nan = not stated
    for_permanent: np.ndarray  # bool
    for_temporary: np.ndarray  # bool
    available_from: np.ndarray  # int32 days since 1970, NO_DATE_EARLY = free now
    available_until: np.ndarray  # int32 days since 1970, NO_DATE_LATE = free for good

    def __len__(self) -> int:
        return len(self.rooms)

    def take(self, index: np.ndarray | list[int]) -> VacancyTable:
        """The rows ``index`` only: eligibility evaluates the rules block by block."""
        idx = np.asarray(index, dtype=np.intp)
        return VacancyTable(**{name: getattr(self, name)[idx] for name in self.__slots__})


@dataclass(frozen=True, slots=True)
class Tables:
    """Both tables plus the vocabulary that codes their texts."""

    households: HouseholdTable
    vacancies: VacancyTable
    vocabulary: tuple[str, ...]


def days(date: dt.date | None, missing: int) -> int:
    return missing if date is None else (date - _EPOCH).days


def build_tables(households: tuple[Household, ...], vacancies: tuple[Vacancy, ...]) -> Tables:
    words = sorted(
        {h.municipality for h in households}
        | {v.municipality for v in vacancies}
        | {v.department for v in vacancies}
        | {h.department for h in households}
        | {w for h in households for w in h.wishes}
    )
    code = {w: i for i, w in enumerate(words)}
    hh = HouseholdTable(
        municipality=np.array([code[h.municipality] for h in households], dtype=np.int32),
        members=np.array([h.members for h in households], dtype=np.int32),
        current_rooms=np.array([h.current_rooms for h in households], dtype=np.int32),
        min_rooms=np.array([h.min_rooms or 0 for h in households], dtype=np.int32),
        max_rooms=np.array([h.max_rooms or 0 for h in households], dtype=np.int32),
        permanent=np.array([h.kind is Kind.PERMANENT for h in households], dtype=bool),
        other_municipality_ok=np.array([h.accepts_other_municipality for h in households], dtype=bool),
        needs_step_free=np.array([h.needs_step_free for h in households], dtype=bool),
        max_rent=np.array([np.nan if h.max_rent is None else h.max_rent for h in households], dtype=float),
        move_by=np.array([days(h.move_by, NO_DATE_LATE) for h in households], dtype=np.int32),
        returns_on=np.array([days(h.returns_on, NO_DATE_LATE) for h in households], dtype=np.int32),
        wishes=_wish_codes(households, code),
    )
    vv = VacancyTable(
        municipality=np.array([code[v.municipality] for v in vacancies], dtype=np.int32),
        department=np.array([code[v.department] for v in vacancies], dtype=np.int32),
        rooms=np.array([v.rooms for v in vacancies], dtype=np.int32),
        step_free=np.array([v.step_free for v in vacancies], dtype=bool),
        rent=np.array([np.nan if v.rent is None else v.rent for v in vacancies], dtype=float),
        for_permanent=np.array([v.use in (Use.ANY, Use.PERMANENT) for v in vacancies], dtype=bool),
        for_temporary=np.array([v.use in (Use.ANY, Use.TEMPORARY) for v in vacancies], dtype=bool),
        available_from=np.array([days(v.available_from, NO_DATE_EARLY) for v in vacancies], dtype=np.int32),
        available_until=np.array([days(v.available_until, NO_DATE_LATE) for v in vacancies], dtype=np.int32),
    )
    return Tables(households=hh, vacancies=vv, vocabulary=tuple(words))


def _wish_codes(households: tuple[Household, ...], code: dict[str, int]) -> np.ndarray:
    depth = max((len(h.wishes) for h in households), default=0)
    wishes = np.full((len(households), depth), NO_WISH, dtype=np.int32)
    for i, h in enumerate(households):
        wishes[i, : len(h.wishes)] = [code[w] for w in h.wishes]
    return wishes


def pair_ranks(tables: Tables, households: np.ndarray, departments: np.ndarray) -> np.ndarray:
    """Wish rank of department ``departments[k]`` for household ``households[k]``: 1 in the first wished
    department, ..., one past the last wish elsewhere (shared/domain.md)."""
    wishes = tables.households.wishes[households]
    n_wishes = (wishes != NO_WISH).sum(axis=1)
    rank = (n_wishes + 1).astype(np.int16)
    for k in range(wishes.shape[1] - 1, -1, -1):
        rank[wishes[:, k] == departments] = k + 1
    return rank
