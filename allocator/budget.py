"""Budget: what an allocation costs the building project (byggesagen), per household and in total.

Source: seed 001 (KAB's terms, 2014) and shared/domain.md "Money"; every amount is a ``BudgetSettings`` field.

- Moves: a temporary household is paid two moves (out and back), a permanent one one move; each move is either the
  cash moving allowance by the size of the current dwelling (6,000 / 8,000 / 10,000 kr for 1-2 / 3 / 4+ rooms) or
  a removal firm's price.
- Handyman hours (up to 3 per move) at an hourly rate.
- Temporary households keep paying their own rent; the monthly difference to the temporary dwelling's rent is borne
  by the project if that rent is higher and paid to the household if it is lower, so the project pays the absolute
  difference either way, for the length of the stay.
- Empty-rent loss: the rent of a vacancy held for a household from the day it is free until the planned move-in.
- Permanent households: the deposit moves to the new lease; the household pays or receives the difference (not a
  project cost, but shown).
- Carpets bought before the renovation was announced: 1-3 years old new value; 4-9 years 10 % depreciation a year,
  at least 40 %; 10 years or older nothing.

An item whose inputs are missing is not counted, and the line says so: the budget never guesses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allocator.domain import BudgetSettings, Household, Kind, Settings, Vacancy

DAYS_PER_MONTH = 365 / 12


@dataclass(frozen=True, slots=True)
class CostLine:
    """The cost items of one household, in kroner; ``None`` = not counted (see ``missing``)."""

    household_id: str
    kind: Kind
    dwelling_id: str | None
    moves: int
    moving: float
    handyman: float
    rent_difference: float | None  # monthly difference * months; positive: borne by the project
    empty_rent: float | None
    deposit_difference: float | None  # positive: the household pays it
    carpet: float | None
    missing: tuple[str, ...]

    @property
    def project_total(self) -> float:
        """What the project pays: moves, handyman, rent difference either way, empty rent, carpets."""
        return (
            self.moving
            + self.handyman
            + abs(self.rent_difference or 0.0)
            + (self.empty_rent or 0.0)
            + (self.carpet or 0.0)
        )


def moves(kind: Kind) -> int:
    return 2 if kind is Kind.TEMPORARY else 1


def moving_cost(household: Household, budget: BudgetSettings) -> float:
    method = household.moving_method or budget.moving_method
    if method == "removal_firm":
        per_move = budget.removal_firm_price
    elif household.current_rooms <= 2:
        per_move = budget.allowance_small
    elif household.current_rooms == 3:
        per_move = budget.allowance_three
    else:
        per_move = budget.allowance_large
    return float(per_move * moves(household.kind))


def handyman_cost(household: Household, budget: BudgetSettings) -> float:
    hours = budget.handyman_hours if household.handyman_hours is None else household.handyman_hours
    return float(min(hours, 3.0) * budget.handyman_rate * moves(household.kind))


def rent_difference(household: Household, vacancy: Vacancy, budget: BudgetSettings) -> float | None:
    if household.kind is not Kind.TEMPORARY:
        return 0.0
    if vacancy.rent is None or household.current_rent is None:
        return None
    months = budget.stay_months if household.stay_months is None else household.stay_months
    return (vacancy.rent - household.current_rent) * months


def empty_rent(household: Household, vacancy: Vacancy, settings: Settings) -> float | None:
    if settings.budget.move_in == "when_free":
        return 0.0
    if vacancy.rent is None or vacancy.available_from is None or household.move_by is None:
        return None
    move_in = household.move_by - dt.timedelta(days=settings.overlap_days)
    days = max(0, (move_in - vacancy.available_from).days)
    return vacancy.rent * days / DAYS_PER_MONTH


def deposit_difference(household: Household, vacancy: Vacancy) -> float | None:
    if household.kind is not Kind.PERMANENT:
        return 0.0
    if vacancy.deposit is None or household.deposit is None:
        return None
    return vacancy.deposit - household.deposit


def carpet_compensation(household: Household) -> float | None:
    """Seed 001's table: 1-3 years new value; 4-9 years 10 % a year, at least 40 %; 10 years or older nothing."""
    if household.carpet_age_years is None or household.carpet_value is None:
        return None
    age = household.carpet_age_years
    if age <= 3:
        return household.carpet_value
    if age <= 9:
        return household.carpet_value * (1 - max(0.10 * age, 0.40))
    return 0.0


def pair_cost(household: Household, vacancy: Vacancy, settings: Settings) -> float:
    """The part of the project's cost that depends on which dwelling the household gets."""
    return abs(rent_difference(household, vacancy, settings.budget) or 0.0) + (
        empty_rent(household, vacancy, settings) or 0.0
    )


def cost_line(household: Household, vacancy: Vacancy | None, settings: Settings) -> CostLine:
    budget = settings.budget
    if vacancy is None:
        return CostLine(household.household_id, household.kind, None, 0, 0.0, 0.0, None, None, None, None,
                        ("not housed",))
    items = {
        "rent_difference": rent_difference(household, vacancy, budget),
        "empty_rent": empty_rent(household, vacancy, settings),
        "deposit_difference": deposit_difference(household, vacancy),
        "carpet": carpet_compensation(household),
    }
    return CostLine(
        household_id=household.household_id,
        kind=household.kind,
        dwelling_id=vacancy.dwelling_id,
        moves=moves(household.kind),
        moving=moving_cost(household, budget),
        handyman=handyman_cost(household, budget),
        missing=tuple(name for name, value in items.items() if value is None),
        **items,
    )


def cost_lines(
    households: tuple[Household, ...], vacancies: tuple[Vacancy, ...], assignment: dict[str, str], settings: Settings
) -> tuple[CostLine, ...]:
    """One line per household in input order; an unhoused household costs nothing yet."""
    by_id = {v.dwelling_id: v for v in vacancies}
    return tuple(
        cost_line(h, by_id.get(assignment.get(h.household_id, "")), settings) for h in households
    )
