"""Immutable domain objects: households, vacancies, the instance and the settings.

Every object is valid once built: ``__post_init__`` refuses values no reader should have let through, so the
model, the checker and the explanations never re-validate. Readers turn spreadsheet cells into these objects and
report bad cells with file, row and column; a ``DomainError`` here means a programming error, not bad input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Extra = tuple[tuple[str, Any], ...]
"""Columns the tool does not know, kept as (header, value) pairs in input order and carried to the output."""


class DomainError(ValueError):
    """An object was built with a value that breaks its invariants."""


MOVING_METHODS = ("allowance", "removal_firm")
"""How a household moves: it moves itself for the cash allowance, or a removal firm moves it."""


class Kind(str, Enum):
    """Whether the household leaves for good or comes back after the works."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"


class Use(str, Enum):
    """Which kind of rehousing a vacancy may be used for (domain rule 4)."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    ANY = "any"

    def allows(self, kind: Kind) -> bool:
        return self is Use.ANY or self.value == kind.value


@dataclass(frozen=True, slots=True)
class Household:
    """A household that must be rehoused.

    ``row`` is the spreadsheet row the household was read from (0 when built in code); it lets every later
    message point back at the input.
    """

    household_id: str
    department: str
    municipality: str
    members: int
    current_rooms: int
    kind: Kind
    seniority_date: dt.date
    wishes: tuple[str, ...] = ()
    name: str | None = None
    address: str | None = None
    needs_ground_floor: bool = False
    needs_elevator: bool = False
    max_rent: float | None = None
    min_rooms: int | None = None
    max_rooms: int | None = None
    move_by: dt.date | None = None
    current_rent: float | None = None
    accepts_other_municipality: bool = False
    moving_method: str | None = None
    handyman_hours: float | None = None
    stay_months: float | None = None
    deposit: float | None = None
    carpet_age_years: int | None = None
    carpet_value: float | None = None
    phase: str | None = None
    returns_on: dt.date | None = None
    deadline_from_phase: bool = False
    extra: Extra = ()
    row: int = 0

    def __post_init__(self) -> None:
        _require(bool(self.household_id), "household_id must not be empty")
        _require(
            self.returns_on is None or self.kind is Kind.TEMPORARY,
            f"household {self.household_id}: only a temporary household returns",
        )
        _require(
            self.moving_method in (None, *MOVING_METHODS),
            f"household {self.household_id}: moving_method must be one of {', '.join(MOVING_METHODS)}",
        )
        for amount in (
            self.handyman_hours,
            self.stay_months,
            self.deposit,
            self.carpet_age_years,
            self.carpet_value,
        ):
            _require(
                amount is None or amount >= 0, f"household {self.household_id}: a budget figure is negative"
            )
        _require(bool(self.department), f"household {self.household_id}: department must not be empty")
        _require(bool(self.municipality), f"household {self.household_id}: municipality must not be empty")
        _require(self.members >= 1, f"household {self.household_id}: members must be at least 1")
        _require(self.current_rooms >= 1, f"household {self.household_id}: current_rooms must be at least 1")
        _require(isinstance(self.kind, Kind), f"household {self.household_id}: kind must be a Kind")
        _require(
            len(set(self.wishes)) == len(self.wishes), f"household {self.household_id}: a wish is repeated"
        )
        for bound in (self.min_rooms, self.max_rooms):
            _require(bound is None or bound >= 1, f"household {self.household_id}: room bounds must be >= 1")
        if self.min_rooms is not None and self.max_rooms is not None:
            _require(
                self.min_rooms <= self.max_rooms,
                f"household {self.household_id}: min_rooms is larger than max_rooms",
            )
        _require(self.max_rent is None or self.max_rent >= 0, f"household {self.household_id}: max_rent < 0")

    @property
    def needs_step_free(self) -> bool:
        return self.needs_ground_floor or self.needs_elevator


@dataclass(frozen=True, slots=True)
class Vacancy:
    """A dwelling that can be offered. ``floor`` 0 is the ground floor; ``None`` means not stated."""

    dwelling_id: str
    department: str
    municipality: str
    rooms: int
    area_m2: float | None = None
    rent: float | None = None
    floor: int | None = None
    elevator: bool = False
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    use: Use = Use.ANY
    address: str | None = None
    deposit: float | None = None
    extra: Extra = ()
    row: int = 0

    def __post_init__(self) -> None:
        _require(bool(self.dwelling_id), "dwelling_id must not be empty")
        _require(bool(self.department), f"dwelling {self.dwelling_id}: department must not be empty")
        _require(bool(self.municipality), f"dwelling {self.dwelling_id}: municipality must not be empty")
        _require(self.rooms >= 1, f"dwelling {self.dwelling_id}: rooms must be at least 1")
        _require(self.rent is None or self.rent >= 0, f"dwelling {self.dwelling_id}: rent < 0")
        _require(
            self.area_m2 is None or self.area_m2 > 0, f"dwelling {self.dwelling_id}: area_m2 must be > 0"
        )
        _require(isinstance(self.use, Use), f"dwelling {self.dwelling_id}: use must be a Use")
        _require(
            self.available_from is None
            or self.available_until is None
            or self.available_from <= self.available_until,
            f"dwelling {self.dwelling_id}: available_until is before available_from",
        )

    @property
    def step_free(self) -> bool:
        """Ground floor or served by an elevator; an unstated floor without elevator is not step-free."""
        return self.floor == 0 or self.elevator


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase (etape) of the renovation: its households must be out by ``construction_start``; its temporary
    households move back on ``ready``."""

    phase_id: str
    construction_start: dt.date
    ready: dt.date | None = None
    name: str | None = None
    row: int = 0

    def __post_init__(self) -> None:
        _require(bool(self.phase_id), "phase_id must not be empty")
        _require(
            self.ready is None or self.ready > self.construction_start,
            f"phase {self.phase_id}: ready must be after construction_start",
        )


@dataclass(frozen=True, slots=True)
class Instance:
    """The households and vacancies of one rehousing case, ids unique within each.

    ``phases`` is empty for a case without a phases file. With phases, every household names one of them, its
    ``move_by`` is resolved (its own earlier date, or the phase's construction start) and a temporary household's
    ``returns_on`` is its phase's ready date: a stay is then a property of the household alone
    (``allocator.stays``)."""

    households: tuple[Household, ...]
    vacancies: tuple[Vacancy, ...]
    sources: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()

    def __post_init__(self) -> None:
        _require(_unique(h.household_id for h in self.households), "household ids are not unique")
        _require(_unique(v.dwelling_id for v in self.vacancies), "dwelling ids are not unique")
        _require(_unique(p.phase_id for p in self.phases), "phase ids are not unique")
        if self.phases:
            known = {p.phase_id: p for p in self.phases}
            for h in self.households:
                phase = known.get(h.phase or "")
                _require(phase is not None, f"household {h.household_id}: unknown phase {h.phase!r}")
                assert phase is not None
                _require(
                    h.move_by is not None and h.move_by <= phase.construction_start,
                    f"household {h.household_id}: move_by must be on or before its phase's construction start",
                )
                _require(
                    h.kind is Kind.PERMANENT or (h.returns_on is not None and h.returns_on == phase.ready),
                    f"household {h.household_id}: a temporary household returns on its phase's ready date",
                )

    @property
    def phased(self) -> bool:
        return bool(self.phases)


@dataclass(frozen=True, slots=True)
class Decisions:
    """What earlier rounds and coordinators decided, which every run keeps.

    Attributes
    ----------
    fixed
        (household_id, dwelling_id) pairs treated as given: an accepted offer, an offer still out (pending), or a
        coordinator's pin. Neither the household nor the dwelling takes part in the allocation (in a phased case
        the dwelling does, outside the fixed stays).
    forbidden
        (household_id, dwelling_id) pairs that never come back: a refused offer or a coordinator's "must not get".
    over_time
        A phased case: a dwelling may be fixed for several households, one after another (the round planner
        refuses stays that overlap, and the checker verifies them).
    """

    fixed: tuple[tuple[str, str], ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()
    over_time: bool = False

    def __post_init__(self) -> None:
        _require(_unique(h for h, _ in self.fixed), "a household is fixed in two dwellings")
        if not self.over_time:
            _require(_unique(d for _, d in self.fixed), "a dwelling is fixed for two households")
        _require(not set(self.fixed) & set(self.forbidden), "a pair is both fixed and forbidden")


@dataclass(frozen=True, slots=True)
class BudgetSettings:
    """Amounts and assumptions of the budget (kroner). The moving allowances are seed 001's (KAB, 2014).

    Attributes
    ----------
    allowance_small, allowance_three, allowance_large
        Cash moving allowance per move for a current dwelling of 1-2 rooms, 3 rooms, 4 rooms or more.
    moving_method
        ``allowance`` or ``removal_firm``: how households move when their row does not say.
    removal_firm_price
        A removal firm's price per move (an assumption, not from the seed).
    handyman_hours, handyman_rate
        Handyman hours per move when the household's row does not say (seed: up to 3), and the hourly rate.
    stay_months
        Length of a temporary stay when the household's row does not say.
    move_in
        When a held vacancy is moved into, for the empty-rent loss: ``when_free`` (no loss) or
        ``before_move_by`` (``overlap_days`` before the household's move-by date).
    cost_tie_break
        Among equally good allocations, prefer the cheaper: it decides which of the interchangeable dwellings of
        a type each household gets, which never changes the checker's verdict.
    """

    allowance_small: int = 6_000
    allowance_three: int = 8_000
    allowance_large: int = 10_000
    moving_method: str = "allowance"
    removal_firm_price: int = 15_000
    handyman_hours: float = 0.0
    handyman_rate: int = 450
    stay_months: float = 12.0
    move_in: str = "before_move_by"
    cost_tie_break: bool = True

    def __post_init__(self) -> None:
        for name in (
            "allowance_small",
            "allowance_three",
            "allowance_large",
            "removal_firm_price",
            "handyman_rate",
        ):
            _require(
                0 <= getattr(self, name) <= 1_000_000, f"budget {name} must be between 0 and 1,000,000 kr"
            )
        _require(
            self.moving_method in MOVING_METHODS,
            f"budget moving_method must be one of {', '.join(MOVING_METHODS)}",
        )
        _require(0 <= self.handyman_hours <= 3, "budget handyman_hours must be between 0 and 3 (seed 001)")
        _require(0 <= self.stay_months <= 120, "budget stay_months must be between 0 and 120")
        _require(
            self.move_in in ("when_free", "before_move_by"),
            "budget move_in must be when_free or before_move_by",
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


SIZE_RULES = ("range", "law-minimum", "exact")
TEMPORARY_SIZE_RULES = ("same", "half")
WISH_MODES = ("soft", "hard")
PRIORITY_MODES = ("strict", "weighted")
LANGUAGES = ("da", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    """Switches and numbers of one run. Every field has the law's or the seed's default.

    Attributes
    ----------
    overlap_days
        Days a household holds both dwellings: a vacancy must be free at least this long before ``move_by``
        (seed 001: 14 days).
    size_rule
        ``range`` (default): ``min(members+1, current_rooms) <= rooms <= max(members+1, current_rooms)``;
        ``law-minimum``: only the lower bound; ``exact``: ``members+1`` or ``current_rooms``.
    temporary_size_rule
        ``same`` (default): temporary households follow ``size_rule``; ``half``: at least one room per two
        persons, ``ceil(members / 2) <= rooms <= max(members + 1, current_rooms)`` (some organisations' rule
        for a stay of limited length).
    wishes
        ``soft`` (default): wishes order the suitable dwellings; ``hard``: a household that has wishes only gets
        dwellings in its wished departments.
    temporary_other_municipality
        Let every temporary household be rehoused in another municipality (domain rule 1 allows it by agreement;
        per household the input column does the same).
    priority
        ``strict`` (default): permanent before temporary, then seniority, then the seeded draw, met exactly.
        ``weighted``: as many households housed as possible, then one objective, the smallest total of
        ``rank_weight * (rank - 1) - seniority_weight * min(years, 40) - permanent_bonus * permanent`` over housed
        households, ``years`` being whole years of seniority counted back from the most junior household's date.
    rank_weight, seniority_weight, permanent_bonus
        The weights of the ``weighted`` mode.
    tie_break_seed
        Seed of the reproducible draw that orders households with the same kind and seniority date.
    max_offers
        Offers a household gets (domain rule 10: up to 2); the last, offer number ``max_offers``, is the landlord's
        decision (almenlejeloven § 86), marked as the final offer.
    max_offers_temporary
        The same for temporary households, where an organisation gives them fewer (often 1); ``None``: as
        ``max_offers``.
    lang
        Language of spreadsheet output: ``da`` or ``en``.
    time_limit_s, workers
        Time limit and worker count of the CP-SAT solve.
    certify_max_pairs
        Largest number of suitable (household, dwelling type) pairs for which the allocation's optimality is
        proven by the certificate (``allocator.engine.certify``); above it the exact step stands alone and the
        independent checker still verifies the result.
    turnaround_days
        Days a dwelling needs between one household moving out and the next moving in (klargøring); used only
        in a phased case, where a dwelling can hold several stays. Written to the JSON's ``phases`` block, not
        here, so that a case without phases keeps its bytes.
    board_max_members, board_min_rooms
        Board review (domain rule 9): a household of at most ``board_max_members`` persons given a dwelling of at
        least ``board_min_rooms`` rooms while a larger household in the same municipality got a worse wish rank or
        no dwelling is flagged for the board.
    budget
        Amounts and assumptions of the budget (``BudgetSettings``).
    """

    overlap_days: int = 14
    size_rule: str = "range"
    temporary_size_rule: str = "same"
    wishes: str = "soft"
    temporary_other_municipality: bool = False
    priority: str = "strict"
    rank_weight: int = 10
    seniority_weight: int = 1
    permanent_bonus: int = 100
    tie_break_seed: int = 0
    max_offers: int = 2
    max_offers_temporary: int | None = None
    lang: str = "da"
    time_limit_s: float = 60.0
    workers: int = 1
    certify_max_pairs: int = 60_000
    board_max_members: int = 2
    board_min_rooms: int = 4
    turnaround_days: int = 14
    budget: BudgetSettings = field(default_factory=BudgetSettings)

    def __post_init__(self) -> None:
        _require(0 <= self.overlap_days <= 365, "overlap_days must be between 0 and 365")
        _require(self.size_rule in SIZE_RULES, f"size_rule must be one of {', '.join(SIZE_RULES)}")
        _require(
            self.temporary_size_rule in TEMPORARY_SIZE_RULES,
            f"temporary_size_rule must be one of {', '.join(TEMPORARY_SIZE_RULES)}",
        )
        _require(self.wishes in WISH_MODES, f"wishes must be one of {', '.join(WISH_MODES)}")
        for name in ("rank_weight", "seniority_weight", "permanent_bonus"):
            _require(0 <= getattr(self, name) <= 10_000, f"{name} must be between 0 and 10000")
        # Without a weight on wishes the weighted optimum ignores them and may waste a wished dwelling.
        _require(self.rank_weight >= 1, "rank_weight must be at least 1")
        _require(self.priority in PRIORITY_MODES, f"priority must be one of {', '.join(PRIORITY_MODES)}")
        _require(self.max_offers >= 1, "max_offers must be at least 1")
        _require(
            self.max_offers_temporary is None or self.max_offers_temporary >= 1,
            "max_offers_temporary must be at least 1",
        )
        _require(self.lang in LANGUAGES, f"lang must be one of {', '.join(LANGUAGES)}")
        _require(self.time_limit_s > 0, "time_limit_s must be positive")
        _require(self.workers >= 1, "workers must be at least 1")
        _require(self.certify_max_pairs >= 0, "certify_max_pairs must not be negative")
        _require(self.board_max_members >= 1, "board_max_members must be at least 1")
        _require(self.board_min_rooms >= 1, "board_min_rooms must be at least 1")
        _require(0 <= self.turnaround_days <= 365, "turnaround_days must be between 0 and 365")

    def as_dict(self) -> dict[str, Any]:
        return {
            "overlap_days": self.overlap_days,
            "size_rule": self.size_rule,
            "temporary_size_rule": self.temporary_size_rule,
            "wishes": self.wishes,
            "temporary_other_municipality": self.temporary_other_municipality,
            "priority": self.priority,
            "tie_break_seed": self.tie_break_seed,
            "max_offers": self.max_offers,
            **(
                {"max_offers_temporary": self.max_offers_temporary}
                if self.max_offers_temporary is not None
                else {}
            ),
            "lang": self.lang,
            "board_max_members": self.board_max_members,
            "board_min_rooms": self.board_min_rooms,
            "budget": self.budget.as_dict(),
            **(
                {
                    "rank_weight": self.rank_weight,
                    "seniority_weight": self.seniority_weight,
                    "permanent_bonus": self.permanent_bonus,
                }
                if self.priority == "weighted"
                else {}
            ),
        }


def tie_break_key(household_id: str, seed: int) -> str:
    """The seeded draw between households of equal kind and seniority: SHA-256 of ``"seed:id"``.

    A hash rather than input order, so that re-sorting the spreadsheet never changes who comes first, and rather
    than the id itself, so that low ids (often the oldest leases) get no hidden advantage.
    """
    return hashlib.sha256(f"{seed}:{household_id}".encode()).hexdigest()


def priority_key(household: Household, seed: int) -> tuple[int, dt.date, str, str]:
    """Sort key of the priority order: permanent first, earlier seniority date first, then the seeded draw."""
    return (
        0 if household.kind is Kind.PERMANENT else 1,
        household.seniority_date,
        tie_break_key(household.household_id, seed),
        household.household_id,
    )


def priority_order(households: tuple[Household, ...], seed: int) -> list[int]:
    """Indices of ``households`` from highest to lowest priority."""
    return sorted(range(len(households)), key=lambda i: priority_key(households[i], seed))


def wish_rank(household: Household, department: str) -> int:
    """1 in the first wished department, 2 in the second, ..., one past the last wish anywhere else."""
    try:
        return household.wishes.index(department) + 1
    except ValueError:
        return len(household.wishes) + 1


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)


def _unique(ids: Any) -> bool:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            return False
        seen.add(i)
    return True
