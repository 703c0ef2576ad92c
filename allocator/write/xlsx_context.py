"""What every sheet needs to know about one result, computed once: who lives where, wish met, extra
columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from allocator.domain import Household, Vacancy
from allocator.engine.eligibility import Eligibility, compute
from allocator.result import Result
from allocator.write.xlsx_style import Filled, rank_colour, wish_category
from allocator.write.xlsx_words import HEADERS, KINDS, WORDS, wish_word, yes_no

if TYPE_CHECKING:
    from allocator.explain.wishes import WishFacts


@dataclass
class Context:
    """``explained`` is the explain stage's answer (``allocator.explain.wishes.explain_wishes``) when computed
    before the write; ``fixed_as`` says per fixed household how its pair came about (accepted, pending, pinned)."""

    result: Result
    lang: str
    explained: WishFacts | None = None
    fixed_as: Mapping[str, str] = field(default_factory=dict)
    schedule: Any = None  # an allocator.schedule.Schedule where one was made

    @property
    def h(self) -> dict[str, str]:
        """Header words."""
        return HEADERS[self.lang]

    @property
    def w(self) -> dict[str, str]:
        """Other words."""
        return WORDS[self.lang]

    @property
    def households(self) -> tuple[Household, ...]:
        return self.result.instance.households

    @property
    def vacancies(self) -> tuple[Vacancy, ...]:
        return self.result.instance.vacancies

    @cached_property
    def household_by_id(self) -> dict[str, Household]:
        return {h.household_id: h for h in self.households}

    @cached_property
    def vacancy_by_id(self) -> dict[str, Vacancy]:
        return {v.dwelling_id: v for v in self.vacancies}

    @cached_property
    def dwelling_of(self) -> dict[str, Vacancy]:
        """Household id -> its dwelling (one fixed earlier may be missing from the vacancies)."""
        return {
            a.household_id: self.vacancy_by_id[a.dwelling_id]
            for a in self.result.assignments
            if a.dwelling_id in self.vacancy_by_id
        }

    @cached_property
    def dwelling_id_of(self) -> dict[str, str]:
        return self.result.assignment_map

    @cached_property
    def holder_of(self) -> dict[str, Household]:
        """Dwelling id -> the household it is offered to."""
        return {a.dwelling_id: self.household_by_id[a.household_id] for a in self.result.assignments}

    @cached_property
    def rank_of(self) -> dict[str, int]:
        return {a.household_id: a.rank for a in self.result.assignments}

    @cached_property
    def eligibility(self) -> Eligibility:
        if self.explained is not None:
            return self.explained.eligibility
        return compute(self.result.instance, self.result.settings, self.result.decisions.forbidden)

    @cached_property
    def wishes(self) -> WishFacts:
        """Why households did not get a better wish (``allocator.explain.wishes``), computed once."""
        if self.explained is not None:
            return self.explained
        from allocator.explain.wishes import explain_wishes

        r = self.result
        return explain_wishes(
            r.instance,
            r.settings,
            r.assignment_map,
            decisions=r.decisions,
            eligibility=self.eligibility,
            fixed_as=self.fixed_as,
        )

    @cached_property
    def board_cases(self):
        """The board-review cases (``allocator.explain.board_review``), computed once for the sheets."""
        from allocator.explain.board_review import board_cases

        r = self.result
        return board_cases(
            r.instance, r.settings, r.assignment_map, decisions=r.decisions, eligibility=self.eligibility
        )

    @cached_property
    def occupancy(self):
        """A phased case's dwellings over time (``allocator.occupancy``), computed once for the sheets."""
        from allocator.occupancy import occupancy

        return occupancy(self.result)

    @cached_property
    def held_stay(self) -> dict[str, Any]:
        """Household id -> its stay (``allocator.occupancy.HeldStay``), a phased case's housed households."""
        return {s.household_id: s for t in self.occupancy.timelines for s in t.stays}

    def category(self, household: Household) -> int | str:
        return wish_category(household, self.rank_of.get(household.household_id))

    def wish_cell(self, household: Household) -> Filled:
        """The wish the household got, in words on its colour."""
        return self.rank_cell(household, self.rank_of.get(household.household_id))

    def rank_cell(self, household: Household, rank: int | None) -> Filled:
        """What a dwelling of wish rank ``rank`` (``None``: none) means to the household, on its colour."""
        category = wish_category(household, rank)
        return Filled(wish_word(category, self.lang), rank_colour(category))

    def kind(self, household: Household) -> str:
        return KINDS[self.lang][household.kind]

    def dwelling_cells(self, v: Vacancy) -> list:
        """The dwelling as the offers and vacancies sheets show it, in their column order."""
        return [
            v.dwelling_id,
            v.address,
            v.department,
            v.municipality,
            v.rooms,
            v.area_m2,
            v.rent,
            v.floor,
            self.yes_no(v.elevator),
            v.available_from,
        ]

    def yes_no(self, value: bool) -> str:
        return yes_no(value, self.lang)


def extra_headers(objects: tuple[Household, ...] | tuple[Vacancy, ...]) -> list[str]:
    """Headers of the unknown input columns, in first-seen order."""
    seen: dict[str, None] = {}
    for obj in objects:
        for header, _ in obj.extra:
            seen.setdefault(header, None)
    return list(seen)


def extra_values(obj: Household | Vacancy, headers: list[str]) -> list[Any]:
    values = dict(obj.extra)
    return [values.get(header) for header in headers]
