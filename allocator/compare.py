"""Scenario comparison: figures per scenario, the households whose outcome differs, and the price of seniority.

A :class:`ScenarioRun` is what the comparison needs of one scenario: its inputs as changed, its settings, the
assignments, the unassigned and the independent checker's figures. It comes from a fresh run
(:func:`run_scenario`, :meth:`ScenarioRun.from_outcome`) or from the ``result.json`` a ``genhus run`` saved
(:func:`load_saved`, which re-reads the scenario's inputs and re-checks the saved allocation against them).

:func:`compare` turns runs into a :class:`Comparison`: one :class:`Figure` per row of the comparison workbook,
the :class:`Difference` of every household whose dwelling or wish rank is not the same in all scenarios, and a
:class:`SeniorityPrice` for every pair of a strict and a weighted scenario on the same inputs and otherwise the
same settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator import pipeline
from allocator.budget import HOUSEHOLD_ITEMS, PROJECT_ITEMS, cost_lines
from allocator.check import check
from allocator.domain import Household, Instance, Kind, Settings, wish_rank
from allocator.explain import board_cases
from allocator.occupancy import Occupancy, occupancy_of
from allocator.problems import InputError, InputProblem
from allocator.result import Assignment, Reason, Unassigned
from allocator.scenario import Scenario, ScenarioInput, load_scenario, read_inputs

RESULT_FILE = "result.json"
WORKBOOK_FILE = "offers.xlsx"

WISH_CATEGORIES = ("wish_1", "wish_2", "wish_3", "wish_other", "wish_none", "unhoused")
"""The rank profile: 1st, 2nd, 3rd (or later) wish, another department, housed without wishes, not housed."""

BUDGET_ITEMS = (*PROJECT_ITEMS, "total", *HOUSEHOLD_ITEMS)
"""Budget figures (``allocator.budget``): the items the project pays, their total (``CostLine.project_total``),
then the money between households and the landlord that the project does not pay."""

PRIORITY_ONLY = ("priority", "rank_weight", "seniority_weight", "permanent_bonus")
"""Settings a strict and a weighted scenario may differ in and still price seniority alone."""
RUN_ONLY = ("lang", "time_limit_s", "workers")
"""Settings that do not change the allocation."""


@dataclass(frozen=True, slots=True)
class ScenarioRun:
    """One scenario's allocation, as the comparison needs it.

    ``audit`` is ``Audit.as_dict()``; ``passed`` the checker's verdict for the run's priority mode.
    """

    scenario: Scenario
    inputs: ScenarioInput
    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unassigned, ...]
    audit: Mapping[str, Any]
    passed: bool

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def instance(self) -> Instance:
        return self.inputs.instance

    @property
    def settings(self) -> Settings:
        return self.scenario.settings

    @property
    def assignment_map(self) -> dict[str, str]:
        return {a.household_id: a.dwelling_id for a in self.assignments}

    @property
    def rank_of(self) -> dict[str, int]:
        return {a.household_id: a.rank for a in self.assignments}

    @property
    def occupancy(self) -> Occupancy | None:
        """Dwellings held over time (``allocator.occupancy``), for a phased scenario; ``None`` otherwise."""
        if not self.instance.phased:
            return None
        return occupancy_of(self.instance, self.settings, self.assignments)

    @classmethod
    def from_outcome(cls, inputs: ScenarioInput, outcome: pipeline.Outcome) -> ScenarioRun:
        return cls(inputs.scenario, inputs, outcome.result.assignments, outcome.result.unassigned,
                   outcome.audit.as_dict(), outcome.passed)


def run_scenario(scenario: Scenario | str | Path) -> ScenarioRun:
    """Load (if given a path), read and run one scenario through the pipeline, checker included.

    Raises
    ------
    InputError
        For a bad scenario file or bad inputs.
    ValueError
        If the independent checker rejects the allocation (a bug in genhus).
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    inputs = read_inputs(scenario)
    outcome = pipeline.run(inputs.instance, scenario.settings, inputs.provenance, warnings=inputs.warnings)
    if not outcome.passed:
        raise ValueError(f"scenario {scenario.name}: the independent checker rejected the allocation:\n"
                         + "\n".join(outcome.verdict_lines()))
    return ScenarioRun.from_outcome(inputs, outcome)


def saved_path(folder: str | Path, scenario: Scenario) -> Path:
    """Where ``genhus run --out-dir folder`` saves the scenario's JSON result."""
    return Path(folder) / scenario.name / RESULT_FILE


def load_saved(inputs: ScenarioInput, folder: str | Path) -> ScenarioRun:
    """The run ``genhus run`` saved in ``folder/<name>/result.json``, checked against the scenario as it is now.

    The scenario's inputs are read again (the JSON holds ids, not households); the saved settings must equal
    the scenario's, the saved ids must be the inputs' ids, and the independent checker must still pass the
    saved allocation. Otherwise the saved result is stale and the scenario must be run again.

    Raises
    ------
    InputError
        Naming the saved file and what does not match.
    """
    scenario = inputs.scenario
    path = saved_path(folder, scenario)
    again = f"run it with: genhus run {scenario.path} --out-dir {folder}"

    def stale(message: str) -> InputError:
        return InputError([InputProblem(str(path), f"saved result of scenario '{scenario.name}': {message}; "
                                                   f"{again}")])

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        settings = doc["settings"]
        saved = [(a["household_id"], a["dwelling_id"], int(a["rank"])) for a in doc["assignments"]]
        stays = [_saved_stay(a.get("stay")) for a in doc["assignments"]]
        unhoused = [(u["household_id"], tuple(u["reasons"])) for u in doc["unassigned"]]
    except FileNotFoundError:
        raise stale("not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise stale(f"cannot be read ({exc.__class__.__name__}: {exc})") from None
    ignored = {k for k in RUN_ONLY if k in settings}
    now = {k: v for k, v in scenario.settings.as_dict().items() if k not in ignored}
    differ = sorted(k for k in now.keys() | settings.keys() - ignored if now.get(k) != settings.get(k))
    if differ:
        raise stale(f"it was made with other settings ({', '.join(differ)})")
    instance = inputs.instance
    if doc.get("phases") != _phases_doc(instance, scenario.settings):
        raise stale("it was made with other phases or another turnaround")
    households = {h.household_id: h for h in instance.households}
    departments = {v.dwelling_id: v.department for v in instance.vacancies}
    ids = [h for h, _, _ in saved] + [h for h, _ in unhoused]
    if sorted(ids) != sorted(households) or any(d not in departments for _, d, _ in saved):
        raise stale("its households or dwellings are not those of the scenario's input files now")
    if any(wish_rank(households[h], departments[d]) != rank for h, d, rank in saved):
        raise stale("its wish ranks do not match the input files now")
    assignment = {h: d for h, d, _ in saved}
    audit = check(instance, scenario.settings, assignment)
    if not audit.passes(scenario.settings.priority):
        raise stale("it no longer passes the independent check against the input files now")
    return ScenarioRun(
        scenario=scenario,
        inputs=inputs,
        assignments=tuple(
            Assignment(h, d, rank, *stay) for (h, d, rank), stay in zip(saved, stays, strict=True)
        ),
        unassigned=tuple(
            Unassigned(h, tuple(Reason("saved", text, text) for text in reasons)) for h, reasons in unhoused
        ),
        audit=audit.as_dict(),
        passed=True,
    )


def _phases_doc(instance: Instance, settings: Settings) -> dict[str, Any] | None:
    """The JSON's ``phases`` block a run of this instance writes (``Result.as_dict``); ``None`` without phases."""
    if not instance.phased:
        return None
    from allocator.result import Result, SolverStats

    stats = SolverStats("", 0, None, "", 0, 0, 0, 0.0)
    return Result(instance, settings, (), (), stats).as_dict()["phases"]


def _saved_stay(stay: Any) -> tuple[Any, Any]:
    """A saved assignment's stay (``{"from": ..., "until": ...}`` in a phased case) as two dates or ``None``."""
    if stay is None:
        return None, None
    start, until = (dt.date.fromisoformat(stay[k]) if stay.get(k) else None for k in ("from", "until"))
    return start, until


# --- the comparison -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the comparison: ``key`` (see ``FIGURE_KEYS``), an optional ``detail`` (a department's name)
    and one value per scenario (``None``: does not apply, e.g. a department with no vacancy in that scenario).

    ``fmt`` is ``int`` (a count), ``amount`` (kroner) or ``decimal`` (kroner per month, one decimal).
    """

    key: str
    values: tuple[float | int | None, ...]
    fmt: str = "int"
    detail: str | None = None


PHASED_FIGURES = ("peak_dwellings_held", "empty_dwelling_days", "empty_dwelling_rent")
"""Figures shown only when a scenario is phased (``allocator.occupancy``): dwellings held on the busiest day,
empty dwelling-days over every dwelling's timeline, and their rent."""

FIGURE_KEYS = (
    "households", "housed", "housed_permanent", "housed_temporary", *WISH_CATEGORIES, "priority_violations",
    "board_review_cases", "average_rent_change", "vacancies", "vacancies_used", "vacancies_used_department",
    *(f"budget_{item}" for item in BUDGET_ITEMS), *PHASED_FIGURES,
)  # fmt: skip
"""Every figure, in the order of the comparison table (``vacancies_used_department`` once per department)."""

HEADLINE = ("households", "housed", "unhoused", "wish_1", "priority_violations", "board_review_cases",
            "budget_total")
"""The figures printed to the terminal."""


@dataclass(frozen=True, slots=True)
class Difference:
    """A household whose outcome is not the same in every scenario.

    ``outcomes`` has one entry per scenario: ``None`` when the scenario left the household out, else
    ``(dwelling_id, rank)``, both ``None`` when it was not housed.
    """

    household: Household
    outcomes: tuple[tuple[str | None, int | None] | None, ...]

    @property
    def wish_differs(self) -> bool:
        """Whether the wish met (or being housed, or being left out) differs, not only the dwelling."""
        return len({None if o is None else ("rank", o[1]) for o in self.outcomes}) > 1


@dataclass(frozen=True, slots=True)
class SeniorityPrice:
    """What strict seniority costs, between a strict and a weighted scenario on the same inputs.

    A household's wish under a scenario is its wish rank, and worse than any rank when it is not housed.
    ``worse_under_strict`` are the households whose wish is worse under strict priority than under weighted,
    ``better_under_strict`` the other way round; ``weighted_priority_violations`` counts the checker's priority
    violations of the weighted allocation (what seniority would lose).
    """

    strict: str
    weighted: str
    households: int
    worse_under_strict: tuple[str, ...]
    better_under_strict: tuple[str, ...]
    weighted_priority_violations: int
    strict_priority_violations: int
    housed_strict: int
    housed_weighted: int
    first_wish_strict: int
    first_wish_weighted: int


@dataclass(frozen=True, slots=True)
class Comparison:
    runs: tuple[ScenarioRun, ...]
    figures: tuple[Figure, ...]
    differences: tuple[Difference, ...]
    prices: tuple[SeniorityPrice, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(run.name for run in self.runs)

    def figure(self, key: str, detail: str | None = None) -> Figure:
        for f in self.figures:
            if f.key == key and f.detail == detail:
                return f
        raise KeyError(key if detail is None else f"{key} ({detail})")

    def values(self, key: str, detail: str | None = None) -> dict[str, float | int | None]:
        """Scenario name -> value of one figure."""
        return dict(zip(self.names, self.figure(key, detail).values, strict=True))


def compare(runs: Sequence[ScenarioRun]) -> Comparison:
    """The figures, differences and prices of seniority of ``runs`` (at least one), in the order given."""
    if not runs:
        raise ValueError("nothing to compare")
    runs = tuple(runs)
    return Comparison(runs, _figures(runs), differences(runs), prices_of_seniority(runs))


def wish_category(household: Household, rank: int | None) -> str:
    """The rank-profile category of a household that got a dwelling of wish rank ``rank`` (``None``: none)."""
    if rank is None:
        return "unhoused"
    if not household.wishes:
        return "wish_none"
    if rank > len(household.wishes):
        return "wish_other"
    return f"wish_{min(rank, 3)}"


def rank_profile(run: ScenarioRun) -> Counter[str]:
    """Households per ``WISH_CATEGORIES`` entry."""
    rank = run.rank_of
    return Counter(wish_category(h, rank.get(h.household_id)) for h in run.instance.households)


def unhoused_by_reason(run: ScenarioRun) -> Counter[str]:
    """Unhoused households by the code of their first reason (``saved``: a saved run, whose codes are not kept)."""
    return Counter(u.reasons[0].code if u.reasons else "none" for u in run.unassigned)


def _figures(runs: tuple[ScenarioRun, ...]) -> tuple[Figure, ...]:
    figures: list[Figure] = []

    def add(key: str, value, fmt: str = "int", detail: str | None = None) -> None:
        figures.append(Figure(key, tuple(value(run) for run in runs), fmt, detail))

    def housed(run: ScenarioRun, kind: Kind | None = None) -> int:
        rank = run.rank_of
        return sum(1 for h in run.instance.households
                   if h.household_id in rank and (kind is None or h.kind is kind))

    profiles = [rank_profile(run) for run in runs]
    add("households", lambda run: len(run.instance.households))
    add("housed", housed)
    add("housed_permanent", lambda run: housed(run, Kind.PERMANENT))
    add("housed_temporary", lambda run: housed(run, Kind.TEMPORARY))
    for category in WISH_CATEGORIES:
        figures.append(Figure(category, tuple(p[category] for p in profiles)))
    add("priority_violations", lambda run: int(run.audit["priority_violations"]))
    add("board_review_cases", lambda run: len(board_cases(run.instance, run.settings, run.assignment_map)))
    add("average_rent_change", _average_rent_change, "decimal")
    add("vacancies", lambda run: len(run.instance.vacancies))
    add("vacancies_used", lambda run: len(set(run.assignment_map.values())))
    departments = sorted({v.department for run in runs for v in run.instance.vacancies}, key=str.casefold)
    used = [Counter(_department_of(run)[d] for d in run.assignment_map.values()) for run in runs]
    offered = [{v.department for v in run.instance.vacancies} for run in runs]
    for department in departments:
        figures.append(Figure(
            "vacancies_used_department",
            tuple(u[department] if department in o else None for u, o in zip(used, offered, strict=True)),
            detail=department,
        ))
    budgets = [_budget(run) for run in runs]
    for item in BUDGET_ITEMS:
        figures.append(Figure(f"budget_{item}", tuple(b[item] for b in budgets), "amount"))
    if any(run.instance.phased for run in runs):
        held = [run.occupancy for run in runs]
        figures.append(Figure("peak_dwellings_held", tuple(o.peak_held if o else None for o in held)))
        figures.append(Figure("empty_dwelling_days", tuple(o.empty_days if o else None for o in held)))
        figures.append(
            Figure("empty_dwelling_rent", tuple(round(o.empty_rent) if o else None for o in held), "amount")
        )
    if any(run.scenario.schedule is not None for run in runs):
        schedules = [_schedule_figures(run) for run in runs]
        for key in SCHEDULE_FIGURES:
            figures.append(Figure(key, tuple(f.get(key) for f in schedules)))
    return tuple(figures)


SCHEDULE_FIGURES = (
    "schedule_weeks_over",
    "schedule_moves_over",
    "schedule_min_moves_per_day",
    "schedule_peak_day",
    "schedule_peak_week",
    "schedule_empty_days",
)
"""The moving schedule's figures (issue 13), only when a scenario has ``[settings.schedule]``: weeks over the
crews' capacity and the moves too many (0 when it fits), the smallest ``moves_per_day`` that fits, the moves at
the peak day and week and the empty dwelling-days of the schedule (blank when it does not fit)."""


def _schedule_figures(run: ScenarioRun) -> dict[str, int | None]:
    from allocator.schedule import DoesNotFit, make_schedule

    if run.scenario.schedule is None:
        return {}
    try:
        made = make_schedule(run.instance, run.settings, run.assignments, run.scenario.schedule)
    except DoesNotFit as exc:
        d = exc.diagnosis
        return {
            "schedule_weeks_over": len(d.over_capacity),
            "schedule_moves_over": sum(n for _, n in d.over_capacity),
            "schedule_min_moves_per_day": d.min_moves_per_day,
        }
    return {
        "schedule_weeks_over": 0,
        "schedule_moves_over": 0,
        "schedule_min_moves_per_day": made.settings.moves_per_day,
        "schedule_peak_day": made.peak_day,
        "schedule_peak_week": made.peak_week,
        "schedule_empty_days": made.empty_days,
    }


def _department_of(run: ScenarioRun) -> dict[str, str]:
    return {v.dwelling_id: v.department for v in run.instance.vacancies}


def _average_rent_change(run: ScenarioRun) -> float | None:
    """Mean of new rent minus current rent (kr a month) over housed households where both rents are known."""
    rent = {v.dwelling_id: v.rent for v in run.instance.vacancies}
    home = run.assignment_map
    changes = [
        rent[home[h.household_id]] - h.current_rent
        for h in run.instance.households
        if h.household_id in home and h.current_rent is not None and rent.get(home[h.household_id]) is not None
    ]
    return round(sum(changes) / len(changes), 1) if changes else None


def _budget(run: ScenarioRun) -> dict[str, float | None]:
    """Totals per cost item over housed households, counting those whose inputs are there.

    An item no housed household has the inputs for (``CostLine.missing``) is ``None``, not 0 (e.g. carpets when no
    row states one; the deposit difference when no permanent household states its deposit, the temporary
    households' zeros notwithstanding). The total is ``CostLine.project_total``, the items counted.
    """
    held = run.occupancy
    lines = [line for line in cost_lines(run.instance.households, run.instance.vacancies, run.assignment_map,
                                         run.settings, empty_before=held.empty_before() if held else None)
             if line.dwelling_id is not None]
    totals: dict[str, float | None] = {}
    for item in BUDGET_ITEMS:
        if item == "total":
            totals[item] = round(sum(line.project_total for line in lines))
            continue
        counted = [line.item(item) for line in lines if item not in line.missing and line.item(item) is not None]
        lacking = any(item in line.missing for line in lines)
        totals[item] = None if lacking and not any(counted) else round(sum(counted))
    return totals


def differences(runs: Sequence[ScenarioRun]) -> tuple[Difference, ...]:
    """Households whose dwelling or wish rank differs between scenarios, in first-seen input order."""
    outcome_maps = []
    households: dict[str, Household] = {}
    for run in runs:
        rank, home = run.rank_of, run.assignment_map
        outcome_maps.append({h.household_id: (home.get(h.household_id), rank.get(h.household_id))
                             for h in run.instance.households})
        for h in run.instance.households:
            households.setdefault(h.household_id, h)
    found = []
    for household_id, household in households.items():
        outcomes = tuple(m.get(household_id) for m in outcome_maps)
        if len(set(outcomes)) > 1:
            found.append(Difference(household, outcomes))
    return tuple(found)


def prices_of_seniority(runs: Sequence[ScenarioRun]) -> tuple[SeniorityPrice, ...]:
    """One price per (strict, weighted) pair of runs with the same inputs and the same other settings."""
    prices = []
    for strict in runs:
        if strict.settings.priority != "strict":
            continue
        for weighted in runs:
            if weighted.settings.priority == "weighted" and _priority_alone_differs(strict, weighted):
                prices.append(price_of_seniority(strict, weighted))
    return tuple(prices)


def price_of_seniority(strict: ScenarioRun, weighted: ScenarioRun) -> SeniorityPrice:
    """Compare a strict and a weighted run household by household (see :class:`SeniorityPrice`)."""
    in_both = [h for h in strict.instance.households
               if h.household_id in {w.household_id for w in weighted.instance.households}]
    rank_s, rank_w = strict.rank_of, weighted.rank_of

    def score(rank: dict[str, int], household_id: str) -> float:
        return rank.get(household_id, math.inf)

    worse = tuple(h.household_id for h in in_both
                  if score(rank_s, h.household_id) > score(rank_w, h.household_id))
    better = tuple(h.household_id for h in in_both
                   if score(rank_s, h.household_id) < score(rank_w, h.household_id))
    return SeniorityPrice(
        strict=strict.name,
        weighted=weighted.name,
        households=len(in_both),
        worse_under_strict=worse,
        better_under_strict=better,
        weighted_priority_violations=int(weighted.audit["priority_violations"]),
        strict_priority_violations=int(strict.audit["priority_violations"]),
        housed_strict=len(strict.assignments),
        housed_weighted=len(weighted.assignments),
        first_wish_strict=rank_profile(strict)["wish_1"],
        first_wish_weighted=rank_profile(weighted)["wish_1"],
    )


def _priority_alone_differs(a: ScenarioRun, b: ScenarioRun) -> bool:
    same_inputs = (a.instance.households == b.instance.households
                   and a.instance.vacancies == b.instance.vacancies)
    ignored = {name: getattr(Settings(), name) for name in PRIORITY_ONLY + RUN_ONLY}
    return same_inputs and dataclasses.replace(a.settings, **ignored) == dataclasses.replace(b.settings, **ignored)
