"""Which household may take which dwelling: the checker's hard rules, vectorised with numpy.

This is the checker's own reading of the rules (domain rules 1-5 of ``shared/domain.md``, the size rules of
``Settings`` including ``temporary_size_rule``, and the wished department when ``Settings.wishes`` is
``hard``); it shares no code with the solver's eligibility. Each rule is one function
``test(tables, i, j) -> bool array`` over household indices ``i`` and dwelling indices ``j`` that broadcast
against each other, so the same function fills the whole households x dwellings matrix (``i`` a column of
indices, ``j`` all dwellings) and judges a list of assigned pairs (``i`` and ``j`` two equal-length vectors).
Each rule also has an ``explain`` function that says in plain English why one pair fails it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from allocator.domain import Household, Instance, Kind, Settings, Use, Vacancy

_NO_BOUND = np.int64(2**62)
_NO_DATE = 2**40

Index = Any  # an int array or a slice that broadcasts against the other side


@dataclass(frozen=True, eq=False)
class Tables:
    """Per-household and per-dwelling numbers the rules compare; built once per check."""

    settings: Settings
    # households (length n)
    h_municipality: np.ndarray
    h_any_municipality: np.ndarray
    h_lower: np.ndarray
    h_upper: np.ndarray
    h_exact: np.ndarray
    h_one_more: np.ndarray
    h_current: np.ndarray
    h_step_free: np.ndarray
    h_max_rent: np.ndarray
    h_temporary: np.ndarray
    h_move_by: np.ndarray
    h_wishes_bind: np.ndarray
    h_wish_count: np.ndarray
    # dwellings (length m)
    d_municipality: np.ndarray
    d_rooms: np.ndarray
    d_step_free: np.ndarray
    d_rent: np.ndarray
    d_permanent_use: np.ndarray
    d_temporary_use: np.ndarray
    d_ready: np.ndarray
    d_department: np.ndarray
    # wish rank of every household for every department that has a dwelling (n x departments)
    rank: np.ndarray

    @property
    def any_exact(self) -> bool:
        return bool(self.h_exact.any())


def half_rule_applies(household: Household, settings: Settings) -> bool:
    """The ``half`` temporary size rule covers temporary households without agreed room bounds."""
    return (
        settings.temporary_size_rule == "half"
        and household.kind is Kind.TEMPORARY
        and household.min_rooms is None
        and household.max_rooms is None
    )


def size_bounds(household: Household, settings: Settings) -> tuple[int, int | None, tuple[int, int] | None]:
    """Room bounds of the size rule: ``(lower, upper or None, exact room counts or None)``."""
    one_more, current = household.members + 1, household.current_rooms
    if half_rule_applies(household, settings):
        return math.ceil(household.members / 2), max(one_more, current), None
    agreed_min, agreed_max = household.min_rooms, household.max_rooms
    lower = agreed_min if agreed_min is not None else min(one_more, current)
    if agreed_min is None and agreed_max is not None:
        lower = min(lower, agreed_max)  # an agreed maximum below the rule's minimum drags the minimum down
    unset = agreed_min is None and agreed_max is None
    if settings.size_rule == "exact" and unset:
        return lower, max(one_more, current), (one_more, current)
    if settings.size_rule == "law-minimum":
        return lower, agreed_max, None
    upper = agreed_max if agreed_max is not None else max(one_more, current)
    if agreed_max is None and agreed_min is not None:
        upper = max(upper, agreed_min)  # an agreed minimum above the rule's maximum lifts the maximum
    return lower, upper, None


def wishes_bind(household: Household, settings: Settings) -> bool:
    """Hard wishes bind only a household that has wishes; one without wishes may take any department."""
    return settings.wishes == "hard" and bool(household.wishes)


def other_municipality_allowed(household: Household, settings: Settings) -> bool:
    return household.kind is Kind.TEMPORARY and (
        household.accepts_other_municipality or settings.temporary_other_municipality
    )


def build_tables(instance: Instance, settings: Settings) -> Tables:
    households, vacancies = instance.households, instance.vacancies
    codes: dict[str, int] = {}

    def code(name: str) -> int:
        return codes.setdefault(name, len(codes))

    bounds = [size_bounds(h, settings) for h in households]
    departments: dict[str, int] = {}
    d_department = np.array(
        [departments.setdefault(v.department, len(departments)) for v in vacancies], np.int32
    )
    rank = np.empty((len(households), len(departments)), np.int32)
    for i, h in enumerate(households):
        rank[i, :] = len(h.wishes) + 1
        for position, wish in enumerate(h.wishes):
            if wish in departments:
                rank[i, departments[wish]] = position + 1
    return Tables(
        settings=settings,
        h_municipality=np.array([code(h.municipality) for h in households], np.int64),
        h_any_municipality=np.array([other_municipality_allowed(h, settings) for h in households], bool),
        h_lower=np.array([b[0] for b in bounds], np.int64),
        h_upper=np.array([_NO_BOUND if b[1] is None else b[1] for b in bounds], np.int64),
        h_exact=np.array([b[2] is not None for b in bounds], bool),
        h_one_more=np.array([h.members + 1 for h in households], np.int64),
        h_current=np.array([h.current_rooms for h in households], np.int64),
        h_step_free=np.array([h.needs_step_free for h in households], bool),
        h_max_rent=np.array([np.inf if h.max_rent is None else h.max_rent for h in households], np.float64),
        h_temporary=np.array([h.kind is Kind.TEMPORARY for h in households], bool),
        h_move_by=np.array(
            [_NO_DATE if h.move_by is None else h.move_by.toordinal() for h in households], np.int64
        ),
        h_wishes_bind=np.array([wishes_bind(h, settings) for h in households], bool),
        h_wish_count=np.array([len(h.wishes) for h in households], np.int64),
        d_municipality=np.array([code(v.municipality) for v in vacancies], np.int64),
        d_rooms=np.array([v.rooms for v in vacancies], np.int64),
        d_step_free=np.array([v.step_free for v in vacancies], bool),
        d_rent=np.array([-np.inf if v.rent is None else v.rent for v in vacancies], np.float64),
        d_permanent_use=np.array([v.use.allows(Kind.PERMANENT) for v in vacancies], bool),
        d_temporary_use=np.array([v.use.allows(Kind.TEMPORARY) for v in vacancies], bool),
        d_ready=np.array(
            [
                -_NO_DATE
                if v.available_from is None
                else v.available_from.toordinal() + settings.overlap_days
                for v in vacancies
            ],
            np.int64,
        ),
        d_department=d_department,
        rank=rank,
    )


# --- the rules ----------------------------------------------------------------------------------------------


def same_municipality(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, almenlejeloven § 86 stk. 2 / § 86 a: the dwelling lies in the household's municipality.

    Waived for a temporary household that agreed to another municipality (or when the scenario allows it
    for all temporary households)."""
    return (t.h_municipality[i] == t.d_municipality[j]) | t.h_any_municipality[i]


def suitable_size(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, § 86 stk. 2 and local practice: rooms within the household's bounds (see ``size_bounds``)."""
    rooms = t.d_rooms[j]
    ok = (t.h_lower[i] <= rooms) & (rooms <= t.h_upper[i])
    if t.any_exact:
        ok &= ~t.h_exact[i] | (rooms == t.h_one_more[i]) | (rooms == t.h_current[i])
    return ok


def step_free_access(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, suitable quality: a household needing step-free access gets ground floor or an elevator."""
    return ~t.h_step_free[i] | t.d_step_free[j]


def max_rent(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, household's own limit: a stated rent above the household's stated maximum is not suitable."""
    return t.d_rent[j] <= t.h_max_rent[i]


def use_of_dwelling(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, domain rule 4: a vacancy marked for permanent or temporary use only serves that kind."""
    return np.where(t.h_temporary[i], t.d_temporary_use[j], t.d_permanent_use[j])


def in_time(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard, seed 001: the dwelling is free at least ``overlap_days`` before the household must be out."""
    return t.d_ready[j] <= t.h_move_by[i]


def wished_department(t: Tables, i: Index, j: Index) -> np.ndarray:
    """Hard only with ``wishes="hard"``: a household with wishes gets a dwelling in a wished department.

    A department is wished when its wish rank is within the household's wishes (``rank`` is one past the
    last wish for every other department)."""
    return ~t.h_wishes_bind[i] | (t.rank[i, t.d_department[j]] <= t.h_wish_count[i])


# --- why a pair fails a rule --------------------------------------------------------------------------------


def _explain_municipality(h: Household, d: Vacancy, s: Settings) -> str:
    why = (
        "a temporary household may only move to another municipality by agreement"
        if h.kind is Kind.TEMPORARY
        else "a permanent household must stay in its municipality"
    )
    return (
        f"{h.household_id} -> {d.dwelling_id}: {d.dwelling_id} lies in {d.municipality}, "
        f"{h.household_id} lives in {h.municipality} ({why})"
    )


def _explain_size(h: Household, d: Vacancy, s: Settings) -> str:
    lower, upper, exact = size_bounds(h, s)
    if half_rule_applies(h, s):
        rule = "half size rule for temporary households: at least one room per two persons"
    elif h.min_rooms is not None or h.max_rooms is not None:
        rule = f"agreed room bounds, {s.size_rule} size rule"
    else:
        rule = f"{s.size_rule} size rule"
    if exact is not None:
        allowed = " or ".join(str(r) for r in sorted(set(exact)))
    elif upper is None:
        allowed = f"at least {lower}"
    elif upper == lower:
        allowed = str(lower)
    else:
        allowed = f"{lower}-{upper}"
    return (
        f"{h.household_id} -> {d.dwelling_id}: {d.rooms} rooms, suitable size for {h.household_id} is "
        f"{allowed} rooms ({rule})"
    )


def _explain_step_free(h: Household, d: Vacancy, s: Settings) -> str:
    where = "floor not stated" if d.floor is None else f"floor {d.floor}"
    return (
        f"{h.household_id} -> {d.dwelling_id}: {h.household_id} needs step-free access, "
        f"{d.dwelling_id} is not step-free ({where}, no elevator)"
    )


def _explain_rent(h: Household, d: Vacancy, s: Settings) -> str:
    return (
        f"{h.household_id} -> {d.dwelling_id}: rent {d.rent:,.0f} is above {h.household_id}'s maximum "
        f"rent {h.max_rent:,.0f}"
    )


def _explain_use(h: Household, d: Vacancy, s: Settings) -> str:
    only = "permanent" if d.use is Use.PERMANENT else "temporary"
    return (
        f"{h.household_id} -> {d.dwelling_id}: {d.dwelling_id} is for {only} rehousing only, "
        f"{h.household_id} is {h.kind.value}"
    )


def _explain_time(h: Household, d: Vacancy, s: Settings) -> str:
    latest = h.move_by - dt.timedelta(days=s.overlap_days) if h.move_by else None
    return (
        f"{h.household_id} -> {d.dwelling_id}: {d.dwelling_id} is free from {d.available_from}, "
        f"{h.household_id} must move by {h.move_by} and needs it free by {latest} "
        f"({s.overlap_days} days overlap)"
    )


def _explain_wish(h: Household, d: Vacancy, s: Settings) -> str:
    return (
        f"{h.household_id} -> {d.dwelling_id}: {d.dwelling_id} lies in department {d.department}, which "
        f"{h.household_id} did not wish (wishes: {', '.join(h.wishes)}); wishes are binding (hard wishes)"
    )


@dataclass(frozen=True)
class Rule:
    """One hard rule: its name (the finding kind), its vectorised test and its explanation of one failure."""

    name: str
    test: Callable[[Tables, Index, Index], np.ndarray]
    explain: Callable[[Household, Vacancy, Settings], str]


# Hard constraints, in the order of the specification.
RULES: tuple[Rule, ...] = (
    Rule("same_municipality", same_municipality, _explain_municipality),
    Rule("suitable_size", suitable_size, _explain_size),
    Rule("step_free_access", step_free_access, _explain_step_free),
    Rule("max_rent", max_rent, _explain_rent),
    Rule("use_of_dwelling", use_of_dwelling, _explain_use),
    Rule("in_time", in_time, _explain_time),
    Rule("wished_department", wished_department, _explain_wish),
)


def suitability(t: Tables, *, chunk: int = 512) -> np.ndarray:
    """The households x dwellings bool matrix of suitable pairs, filled a block of households at a time."""
    n, m = len(t.h_municipality), len(t.d_municipality)
    matrix = np.ones((n, m), bool)
    every = slice(None)
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        rows = np.arange(lo, hi)[:, None]
        block = matrix[lo:hi]
        for rule in RULES:
            block &= rule.test(t, rows, every)
    return matrix


def failed_rules(t: Tables, households: np.ndarray, dwellings: np.ndarray) -> dict[str, np.ndarray]:
    """For paired index vectors, the bool vector of failures of each rule, by rule name."""
    return {rule.name: ~np.asarray(rule.test(t, households, dwellings), bool) for rule in RULES}
