"""Budget: what an allocation costs the building project (byggesagen), per household and in total.

Source: seed 001 (KAB's terms, 2014) and shared/domain.md "Money"; every amount is a ``BudgetSettings`` field.

Items the project pays (``PROJECT_ITEMS``, summed in ``CostLine.project_total``):

- ``moving``: a temporary household is paid two moves (out and back), a permanent one one move; each move is
  either the cash moving allowance by the size of the current dwelling (6,000 / 8,000 / 10,000 kr for 1-2 / 3 /
  4+ rooms) or a removal firm's price. The household's ``moving_method`` decides, else the setting.
- ``handyman``: handyman hours per move (at most 3, seed 001) at an hourly rate; the household's
  ``handyman_hours`` decides, else the setting.
- ``rent_difference`` (temporary households): the household keeps paying its own rent throughout the stay, and
  that rent stands for the temporary dwelling's. If the temporary dwelling's rent is higher, the project bears
  the monthly difference; if it is lower, the difference is paid back to the household out of the rent it paid,
  which costs the project nothing (``rent_refund``, shown apart). Either way the project's outlay per month is
  the larger of the two rents, so only the part above the household's own rent depends on the allocation.
  Months: in a phased case the stay's own length (from its dates), else the household's ``stay_months``, else
  the setting.
- ``empty_rent``: the rent of a vacancy held for a household from the day it is free until the household moves
  in, ``overlap_days`` before its move-by date (``move_in = before_move_by``); none if households move in the
  day their dwelling is free (``when_free``). Counted for both kinds: a dwelling held back for rehousing earns
  its department nothing until the household takes it over. A month is 365/12 days. In a phased case (issue 12)
  a dwelling can hold several stays, and its empty rent runs over its whole timeline (``allocator.occupancy``):
  each household's line carries the days its dwelling stood empty just before its stay (the wait from
  ``Ledig fra``, or the gap and turnaround after the previous stay), whatever ``move_in`` says.
- ``carpet``: fitted carpets bought before the renovation was announced and ruined by the move: 1-3 years old
  the new value; 4-9 years 10 % depreciation a year (``age * 10 %``), at least 40 %; 10 years or older nothing.
  Ages are whole years; the 40 % minimum therefore only restates the value at 4 years.

Paid by or to households, not the project (``HOUSEHOLD_ITEMS``):

- ``deposit_difference`` (permanent households): the deposit moves to the new lease; the household pays the
  difference if the new deposit is larger (positive) and receives it if smaller (negative). A temporary
  household's deposit stays with its contract dwelling.
- ``rent_refund`` (temporary households): the difference paid back when the temporary rent is lower.

An item whose inputs are missing is not counted (``None``) and the line says which inputs were missing
(``CostLine.lacking``): the budget never guesses. Inputs with a setting as default (moving method, handyman
hours, stay length) always count, with the default where the row is empty. A household without a dwelling costs
nothing yet. ``present_inputs`` tells which budget inputs a case states at all, so that a missing column is
reported once, as an assumption, rather than once per household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from allocator.domain import BudgetSettings, Household, Kind, Settings, Vacancy

if TYPE_CHECKING:
    from allocator.result import Result

DAYS_PER_MONTH = 365 / 12
HANDYMAN_MAX_HOURS = 3.0  # per move, seed 001

PROJECT_ITEMS = ("moving", "handyman", "rent_difference", "empty_rent", "carpet")
"""The items the project pays, in the order the budget shows them."""

HOUSEHOLD_ITEMS = ("deposit_difference", "rent_refund")
"""Money between the household and the landlord that the project does not pay, shown apart."""

ITEMS = PROJECT_ITEMS + HOUSEHOLD_ITEMS

# The inputs the budget reads, as "file.field". A vacancy that is not in the vacancies file (a dwelling fixed by an
# earlier round) lacks "vacancy".
HOUSEHOLD_INPUTS = (
    "household.moving_method",
    "household.handyman_hours",
    "household.stay_months",
    "household.current_rent",
    "household.move_by",
    "household.deposit",
    "household.carpet_age_years",
    "household.carpet_value",
)
VACANCY_INPUTS = ("vacancy.rent", "vacancy.available_from", "vacancy.deposit")
INPUTS = HOUSEHOLD_INPUTS + VACANCY_INPUTS

DEFAULTED_INPUTS = {
    "household.moving_method": "moving_method",
    "household.handyman_hours": "handyman_hours",
    "household.stay_months": "stay_months",
}
"""Inputs that fall back on a ``BudgetSettings`` field when a row does not state them."""

CARPET_INPUTS = frozenset({"household.carpet_age_years", "household.carpet_value"})


def inputs_needed(settings: Settings) -> dict[str, tuple[str, ...]]:
    """Item -> the inputs without which it cannot be counted (besides the dwelling itself)."""
    empty = (
        ()
        if settings.budget.move_in == "when_free"
        else ("vacancy.rent", "vacancy.available_from", "household.move_by")
    )
    return {
        "moving": (),
        "handyman": (),
        "rent_difference": ("household.current_rent", "vacancy.rent"),
        "empty_rent": empty,
        "carpet": tuple(sorted(CARPET_INPUTS)),
        "deposit_difference": ("household.deposit", "vacancy.deposit"),
        "rent_refund": ("household.current_rent", "vacancy.rent"),
    }


@dataclass(frozen=True, slots=True)
class CostLine:
    """The cost items of one household, in kroner (rounded to øre); ``None`` = not counted.

    Attributes
    ----------
    dwelling_id
        The dwelling the household gets; ``None`` if it is not housed (then every item is 0: no cost yet).
    moves
        Moves paid: 1 permanent, 2 temporary, 0 not housed.
    rent_difference
        What the project bears for a temporary dwelling dearer than the household's own rent, for the stay; 0 for
        permanent households.
    deposit_difference
        New deposit minus old, permanent households; positive: the household pays it. Not a project cost.
    rent_refund
        Own rent minus the temporary dwelling's rent, when lower, for the stay: paid back to the household out of
        its own rent. Not a project cost.
    missing
        The items not counted, in ``ITEMS`` order.
    lacking
        Per item not counted, the inputs that were missing (``INPUTS`` names, or ``"vacancy"``).
    """

    household_id: str
    kind: Kind
    dwelling_id: str | None
    moves: int
    moving: float
    handyman: float
    rent_difference: float | None
    empty_rent: float | None
    deposit_difference: float | None
    carpet: float | None
    missing: tuple[str, ...]
    rent_refund: float | None = 0.0
    lacking: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def housed(self) -> bool:
        return self.dwelling_id is not None

    @property
    def project_total(self) -> float:
        """What the project pays: moves, handyman, rent difference, empty rent, carpets (items not counted: 0)."""
        return round(sum(self.item(name) or 0.0 for name in PROJECT_ITEMS), 2)

    def item(self, name: str) -> float | None:
        return getattr(self, name)


def moves(kind: Kind) -> int:
    return 2 if kind is Kind.TEMPORARY else 1


def allowance(rooms: int, budget: BudgetSettings) -> int:
    """The cash moving allowance for one move out of a dwelling of ``rooms`` rooms (seed 001)."""
    if rooms <= 2:
        return budget.allowance_small
    if rooms == 3:
        return budget.allowance_three
    return budget.allowance_large


def moving_cost(household: Household, budget: BudgetSettings) -> float:
    method = household.moving_method or budget.moving_method
    per_move = (
        budget.removal_firm_price if method == "removal_firm" else allowance(household.current_rooms, budget)
    )
    return float(per_move * moves(household.kind))


def handyman_hours(household: Household, budget: BudgetSettings) -> float:
    """Hours per move: the household's, else the setting; never more than seed 001's 3."""
    hours = budget.handyman_hours if household.handyman_hours is None else household.handyman_hours
    return min(hours, HANDYMAN_MAX_HOURS)


def handyman_cost(household: Household, budget: BudgetSettings) -> float:
    return round(handyman_hours(household, budget) * budget.handyman_rate * moves(household.kind), 2)


def stay_months(household: Household, settings: Settings) -> float:
    """A temporary stay's length in months: in a phased case from its own dates (``allocator.stays``: from
    ``overlap_days`` before its move-by date until its phase is ready), else the household's ``stay_months``,
    else the setting."""
    if household.returns_on is not None and household.move_by is not None:
        return ((household.returns_on - household.move_by).days + settings.overlap_days) / DAYS_PER_MONTH
    return settings.budget.stay_months if household.stay_months is None else household.stay_months


def rent_gap(household: Household, vacancy: Vacancy, settings: Settings) -> float | None:
    """Temporary households: (temporary rent - own rent) * months; 0 for permanent ones, ``None`` if unknown."""
    if household.kind is not Kind.TEMPORARY:
        return 0.0
    if vacancy.rent is None or household.current_rent is None:
        return None
    return round((vacancy.rent - household.current_rent) * stay_months(household, settings), 2)


def rent_difference(household: Household, vacancy: Vacancy, settings: Settings) -> float | None:
    """What the project bears: the part of the temporary dwelling's rent above the household's own, for the stay."""
    gap = rent_gap(household, vacancy, settings)
    return None if gap is None else max(gap, 0.0)


def rent_refund(household: Household, vacancy: Vacancy, settings: Settings) -> float | None:
    """Paid back to a temporary household whose temporary dwelling is cheaper, for the stay (not a project cost)."""
    gap = rent_gap(household, vacancy, settings)
    return None if gap is None else max(-gap, 0.0)


def move_in_date(household: Household, settings: Settings) -> dt.date | None:
    """When a household takes over its dwelling under ``before_move_by``: ``overlap_days`` before move-by."""
    if household.move_by is None:
        return None
    return household.move_by - dt.timedelta(days=settings.overlap_days)


def empty_days(household: Household, vacancy: Vacancy, settings: Settings) -> int | None:
    if settings.budget.move_in == "when_free":
        return 0
    move_in = move_in_date(household, settings)
    if move_in is None or vacancy.available_from is None:
        return None
    return max(0, (move_in - vacancy.available_from).days)


def empty_rent(household: Household, vacancy: Vacancy, settings: Settings) -> float | None:
    """The rent lost while the vacancy stands empty waiting for the household."""
    days = empty_days(household, vacancy, settings)
    if days is None:
        return None
    if days == 0:
        return 0.0
    if vacancy.rent is None:
        return None
    return round(vacancy.rent * days / DAYS_PER_MONTH, 2)


def empty_rent_of_days(vacancy: Vacancy, days: int) -> float | None:
    """The rent of ``days`` empty days of ``vacancy`` (a phased case's timeline); ``None``: rent unknown."""
    if days == 0:
        return 0.0
    if vacancy.rent is None:
        return None
    return round(vacancy.rent * days / DAYS_PER_MONTH, 2)


def deposit_difference(household: Household, vacancy: Vacancy) -> float | None:
    """Permanent households: new deposit minus old (positive: the household pays); 0 for temporary ones."""
    if household.kind is not Kind.PERMANENT:
        return 0.0
    if vacancy.deposit is None or household.deposit is None:
        return None
    return round(vacancy.deposit - household.deposit, 2)


def carpet_share(age_years: int) -> float:
    """Share of the new value paid for a carpet of ``age_years`` whole years (seed 001's table)."""
    if age_years <= 3:
        return 1.0
    if age_years <= 9:
        return 1.0 - max(0.10 * age_years, 0.40)
    return 0.0


def carpet_compensation(household: Household) -> float | None:
    """Seed 001's table: 1-3 years new value; 4-9 years 10 % a year, at least 40 %; 10 years or older nothing."""
    if household.carpet_age_years is None or household.carpet_value is None:
        return None
    return round(household.carpet_value * carpet_share(household.carpet_age_years), 2)


def pair_cost(household: Household, vacancy: Vacancy, settings: Settings) -> float:
    """The part of the project's cost that depends on which dwelling the household gets (unknown parts: 0)."""
    return (rent_difference(household, vacancy, settings) or 0.0) + (
        empty_rent(household, vacancy, settings) or 0.0
    )


@dataclass(frozen=True, slots=True)
class PairCosts:
    """``pair_cost`` for many pairs at once (the hand-out's cost tie-break asks for whole blocks of them): the
    figures it reads as arrays, one entry per household and per vacancy of an instance."""

    temporary: np.ndarray  # per household
    current_rent: np.ndarray  # NaN: unknown
    months: np.ndarray
    move_in: np.ndarray  # date ordinal; -1: unknown
    rent: np.ndarray  # per vacancy; NaN: unknown
    available_from: np.ndarray  # date ordinal; -1: unknown
    when_free: bool

    @classmethod
    def of(
        cls, households: Sequence[Household], vacancies: Sequence[Vacancy], settings: Settings
    ) -> PairCosts:
        moving_in = [move_in_date(h, settings) for h in households]
        return cls(
            temporary=np.array([h.kind is Kind.TEMPORARY for h in households], dtype=bool),
            current_rent=_floats(h.current_rent for h in households),
            months=np.array([stay_months(h, settings) for h in households], dtype=np.float64),
            move_in=_ordinals(moving_in),
            rent=_floats(v.rent for v in vacancies),
            available_from=_ordinals(v.available_from for v in vacancies),
            when_free=settings.budget.move_in == "when_free",
        )

    def rounded(self, households: np.ndarray, vacancies: np.ndarray) -> np.ndarray:
        """``round(pair_cost(h, v))`` for every household index (rows) and vacancy index (columns): the same
        float operations in the same order, and Python's rounding to øre wherever numpy's could differ."""
        rent = self.rent[vacancies][None, :]
        own = self.current_rent[households][:, None]
        gap = _round_cents((rent - own) * self.months[households][:, None])
        cost = np.where(self.temporary[households][:, None] & ~np.isnan(gap), np.maximum(gap, 0.0), 0.0)
        if not self.when_free:
            move_in, free = self.move_in[households][:, None], self.available_from[vacancies][None, :]
            days = np.maximum(0, move_in - free)
            lost = (move_in >= 0) & (free >= 0) & (days > 0) & ~np.isnan(rent)
            empty = _round_cents(np.where(lost, rent, 0.0) * days / DAYS_PER_MONTH)
            cost = cost + np.where(lost, empty, 0.0)
        return np.rint(cost).astype(np.int64)


def _floats(values: Iterable[float | None]) -> np.ndarray:
    return np.array([np.nan if x is None else x for x in values], dtype=np.float64)


def _ordinals(days: Iterable[dt.date | None]) -> np.ndarray:
    return np.array([-1 if d is None else d.toordinal() for d in days], dtype=np.int64)


def _round_cents(x: np.ndarray) -> np.ndarray:
    """``round(x, 2)`` elementwise as Python rounds (the exact decimal value, half to even): numpy's product
    by 100 can land on the other side of a half, so values within a hair of one are rounded by Python."""
    scaled = x * 100
    out = np.rint(scaled) / 100
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-9 * np.maximum(1.0, np.abs(scaled))
    if near.any():
        out[near] = [round(float(v), 2) for v in x[near]]
    return out


def present_inputs(households: Iterable[Household], vacancies: Iterable[Vacancy]) -> frozenset[str]:
    """The budget inputs stated for at least one household or vacancy (a column missing or empty is absent)."""
    found: set[str] = set()
    for h in households:
        found.update(name for name in HOUSEHOLD_INPUTS if getattr(h, name.partition(".")[2]) is not None)
    for v in vacancies:
        found.update(name for name in VACANCY_INPUTS if getattr(v, name.partition(".")[2]) is not None)
    return frozenset(found)


def _lacks(household: Household, vacancy: Vacancy | None, needed: tuple[str, ...]) -> tuple[str, ...]:
    lacking = []
    for name in needed:
        source, _, attribute = name.partition(".")
        if source == "vacancy" and vacancy is None:
            continue
        obj = household if source == "household" else vacancy
        if getattr(obj, attribute) is None:
            lacking.append(name)
    if vacancy is None and any(name.startswith("vacancy.") for name in needed):
        lacking.append("vacancy")
    return tuple(lacking)


def cost_line(
    household: Household,
    vacancy: Vacancy | None,
    settings: Settings,
    *,
    dwelling_id: str | None = None,
    inputs: frozenset[str] | None = None,
    empty_before: int | None = None,
) -> CostLine:
    """The cost items of ``household`` in ``vacancy`` (``None``: not housed).

    Parameters
    ----------
    dwelling_id
        The dwelling's id when ``vacancy`` is ``None`` because the dwelling is not in the vacancies file (fixed in
        an earlier round): the household still moves, and the items that need the dwelling are not counted.
    inputs
        The budget inputs the case states at all (``present_inputs``). A household that states no carpet while
        other households do has none (0); when no household states carpets, or ``inputs`` is not given, carpets
        are not counted.
    empty_before
        A phased case: the days the dwelling stood empty just before this household's stay
        (``allocator.occupancy``), which then decide the empty rent.
    """
    budget = settings.budget
    dwelling_id = vacancy.dwelling_id if vacancy is not None else dwelling_id
    if dwelling_id is None:
        nothing = dict.fromkeys(("moving", "handyman", *ITEMS), 0.0)
        return CostLine(household.household_id, household.kind, None, moves=0, missing=(), **nothing)
    carpets_stated = inputs is not None and bool(CARPET_INPUTS & inputs)
    no_carpet = household.carpet_age_years is None and household.carpet_value is None
    if vacancy is None:
        values: dict[str, float | None] = {
            "rent_difference": 0.0 if household.kind is Kind.PERMANENT else None,
            "empty_rent": 0.0 if budget.move_in == "when_free" else None,
            "deposit_difference": 0.0 if household.kind is Kind.TEMPORARY else None,
            "rent_refund": 0.0 if household.kind is Kind.PERMANENT else None,
        }
    else:
        values = {
            "rent_difference": rent_difference(household, vacancy, settings),
            "empty_rent": empty_rent(household, vacancy, settings)
            if empty_before is None
            else empty_rent_of_days(vacancy, empty_before),
            "deposit_difference": deposit_difference(household, vacancy),
            "rent_refund": rent_refund(household, vacancy, settings),
        }
    values["carpet"] = 0.0 if carpets_stated and no_carpet else carpet_compensation(household)
    needed = inputs_needed(settings)
    missing = tuple(name for name in ITEMS if name in values and values[name] is None)
    return CostLine(
        household_id=household.household_id,
        kind=household.kind,
        dwelling_id=dwelling_id,
        moves=moves(household.kind),
        moving=moving_cost(household, budget),
        handyman=handyman_cost(household, budget),
        rent_difference=values["rent_difference"],
        empty_rent=values["empty_rent"],
        deposit_difference=values["deposit_difference"],
        carpet=values["carpet"],
        rent_refund=values["rent_refund"],
        missing=missing,
        lacking=tuple((name, _lacks(household, vacancy, needed[name])) for name in missing),
    )


def cost_lines(
    households: tuple[Household, ...],
    vacancies: tuple[Vacancy, ...],
    assignment: dict[str, str],
    settings: Settings,
    *,
    empty_before: Mapping[str, int] | None = None,
) -> tuple[CostLine, ...]:
    """One line per household in input order; an unhoused household costs nothing yet.

    ``assignment`` maps household id -> dwelling id (absent: not housed); a dwelling not among ``vacancies``
    (fixed in an earlier round) still counts the moves. ``empty_before`` (a phased case): household id -> the
    empty days of its dwelling just before its stay (``allocator.occupancy.Occupancy.empty_before``).
    """
    by_id = {v.dwelling_id: v for v in vacancies}
    inputs = present_inputs(households, vacancies)
    return tuple(
        cost_line(
            h,
            by_id.get(assignment.get(h.household_id, "")),
            settings,
            dwelling_id=assignment.get(h.household_id),
            inputs=inputs,
            empty_before=empty_before.get(h.household_id) if empty_before is not None else None,
        )
        for h in households
    )


def result_cost_lines(
    result: Result, *, scheduled_empty_days: Mapping[str, int | None] | None = None
) -> tuple[CostLine, ...]:
    """:func:`cost_lines` of a result: in a phased case with the empty rent over each dwelling's timeline.

    ``scheduled_empty_days``: where a moving schedule was made (``allocator.schedule``), household id -> the
    days its dwelling stands empty before the scheduled move in; the empty rent then comes from these dates
    (a household whose dwelling's free date is unknown, ``None``, keeps the rule without a schedule)."""
    empty_before = None
    if scheduled_empty_days is not None:
        empty_before = {hid: days for hid, days in scheduled_empty_days.items() if days is not None}
    elif result.instance.phased:
        from allocator.occupancy import occupancy  # imported here: it uses this module's month

        empty_before = occupancy(result).empty_before()
    instance = result.instance
    return cost_lines(
        instance.households,
        instance.vacancies,
        result.assignment_map,
        result.settings,
        empty_before=empty_before,
    )


@dataclass(frozen=True, slots=True)
class ItemTotal:
    """One item over many lines: its sum in total and per kind, and how many housed households it missed."""

    item: str
    total: float
    permanent: float
    temporary: float
    not_counted: int


def totals(lines: Iterable[CostLine]) -> dict[str, ItemTotal]:
    """Item -> its totals, for every item of ``ITEMS`` and ``"project_total"`` (items not counted add 0)."""
    lines = tuple(lines)
    out: dict[str, ItemTotal] = {}
    for name in (*PROJECT_ITEMS, "project_total", *HOUSEHOLD_ITEMS):
        by_kind = {kind: round(sum(_value(x, name) for x in lines if x.kind is kind), 2) for kind in Kind}
        out[name] = ItemTotal(
            item=name,
            total=round(by_kind[Kind.PERMANENT] + by_kind[Kind.TEMPORARY], 2),
            permanent=by_kind[Kind.PERMANENT],
            temporary=by_kind[Kind.TEMPORARY],
            not_counted=sum(1 for x in lines if x.housed and _misses(x, name)),
        )
    return out


def _value(line: CostLine, name: str) -> float:
    return line.project_total if name == "project_total" else (line.item(name) or 0.0)


def _misses(line: CostLine, name: str) -> bool:
    if name == "project_total":
        return any(item in line.missing for item in PROJECT_ITEMS)
    return name in line.missing


def uncounted_items(inputs: frozenset[str], settings: Settings) -> dict[str, tuple[str, ...]]:
    """Item -> the inputs no household or vacancy states, for every item that therefore counts for nobody.

    Only items with a whole column missing; a household missing one cell is said on its own line.
    """
    out: dict[str, tuple[str, ...]] = {}
    for name, needed in inputs_needed(settings).items():
        absent = tuple(i for i in needed if i not in inputs)
        if name == "carpet":
            if not CARPET_INPUTS & inputs:
                out[name] = absent
        elif absent:
            out[name] = absent
    return out


def defaulted_inputs(inputs: frozenset[str]) -> dict[str, str]:
    """Input -> the ``BudgetSettings`` field used for every household, for inputs no household states."""
    return {name: setting for name, setting in DEFAULTED_INPUTS.items() if name not in inputs}
