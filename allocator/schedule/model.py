"""The CP-SAT model of the moving schedule (issue 13).

Variables: per move, its day as a count of calendar days from the plan's first day, whose domain holds only the
working days of its window (so it indexes the working days, while the turnaround and the empty days stay
calendar days); a 0/1 per (move, working day) says which day it is. Rules:

- **window**: the domain itself (``allocator.schedule.moves`` and ``working_days``);
- **crews**: per working day at most ``moves_per_day`` moves, per ISO week at most ``moves_per_week``;
- **one household at a time**: per dwelling, the occupancy intervals [move in, move out + turnaround) of its
  stays do not overlap (NoOverlap), in the order the allocation gave the stays; a permanent stay runs to the end.

Goals, in the issue's order, each solved to its optimum and then held while the next is optimised (lexicographic):
the fewest empty dwelling-days (days between a dwelling being free and its household moving in), then the
fewest weeks per stairwell and phase for the moves out, then the lowest peak day. One worker, a fixed seed and
a deterministic time limit, so the same input gives the same schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from allocator.schedule.moves import MovePlan
from allocator.schedule.working_days import WorkingDays, week_of

DETERMINISTIC_LIMIT = 20.0  # the first solve, in CP-SAT's deterministic time units (roughly seconds)
GOAL_LIMIT = 2.5  # each later goal: it starts from the previous answer, so it can only improve on it
# Measured (benchmarks/schedule.py): the stairwell goal is the slow one; its optimum is a pigeonhole proof over
# the crews' days that CP-SAT takes minutes to close at 1,200 households, while its answer changes little after
# the first seconds. A goal stopped by its limit leaves the schedule "feasible" rather than "optimal".


@dataclass(frozen=True, slots=True)
class Calendar:
    """Day offsets: ``origin`` is offset 0; ``domains[m]`` the offsets move ``m`` may take."""

    origin: dt.date
    domains: tuple[tuple[int, ...], ...]
    end: int  # one past the last offset any move may take, plus the turnaround

    def date(self, offset: int) -> dt.date:
        return self.origin + dt.timedelta(days=offset)

    def offset(self, day: dt.date) -> int:
        return (day - self.origin).days


def calendar(plan: MovePlan, closed: frozenset[dt.date]) -> Calendar:
    if not plan.moves:
        return Calendar(plan.first_day, (), 1)
    origin = min(min(m.earliest for m in plan.moves), plan.first_day)
    last = max(m.latest for m in plan.moves)
    days = WorkingDays(origin, last, closed)
    domains = []
    for m in plan.moves:
        if m.booked is not None:
            domains.append(((m.booked - origin).days,))
        else:
            domains.append(tuple((days.days[k] - origin).days for k in days.between(m.earliest, m.latest)))
    return Calendar(origin, tuple(domains), (last - origin).days + plan.turnaround_days + 2)


@dataclass
class ScheduleModel:
    """The model and every variable, indexed like the plan's moves."""

    model: cp_model.CpModel
    day: list[cp_model.IntVar]
    on: list[dict[int, cp_model.IntVar]]
    load: dict[int, cp_model.LinearExpr] = field(default_factory=dict)
    empty: list[tuple[int, cp_model.LinearExprT]] = field(default_factory=list)  # (move in, empty days)
    overflow: dict[int, cp_model.IntVar] = field(default_factory=dict)
    week_overflow: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    stairwell_weeks: list[cp_model.IntVar] = field(default_factory=list)
    peak: cp_model.IntVar | None = None
    peak_bound: int | None = None  # a proven lower bound on the peak day (``peak_lower_bound``)
    moves_per_day: int = 0


def build(
    plan: MovePlan,
    cal: Calendar,
    *,
    moves_per_day: int,
    moves_per_week: int | None,
    soft_capacity: bool = False,
    goals: bool = True,
    skip: frozenset[int] = frozenset(),
) -> ScheduleModel:
    """The model. ``soft_capacity``: the crews' limits may be exceeded at a cost (``overflow``), for the
    diagnosis. ``skip``: moves left out (their window is empty). ``goals``: add the goal expressions."""
    model = cp_model.CpModel()
    day: list[cp_model.IntVar] = []
    on: list[dict[int, cp_model.IntVar]] = []
    for k, m in enumerate(plan.moves):
        values = cal.domains[k] if k not in skip else (cal.offset(m.earliest),)
        if not values:
            values = (0,)
            model.add_bool_or([])  # an empty window: infeasible by construction (the diagnosis finds it)
        var = model.new_int_var_from_domain(cp_model.Domain.from_values(values), f"d{k}")
        day.append(var)
        bools = {v: model.new_bool_var(f"d{k}_{v}") for v in values}
        if k not in skip:
            model.add_exactly_one(bools.values())
            model.add(var == sum(v * b for v, b in bools.items()))
        on.append(bools if k not in skip else {})
    sm = ScheduleModel(model, day, on, moves_per_day=moves_per_day)
    _crews(sm, plan, cal, moves_per_day, moves_per_week, soft_capacity)
    _one_household_at_a_time(sm, plan, cal, skip)
    if goals:
        _goals(sm, plan, cal, skip)
    return sm


def _crews(
    sm: ScheduleModel, plan: MovePlan, cal: Calendar, per_day: int, per_week: int | None, soft: bool
) -> None:
    by_day: dict[int, list[cp_model.IntVar]] = {}
    for bools in sm.on:
        for v, b in bools.items():
            by_day.setdefault(v, []).append(b)
    by_week: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for v in sorted(by_day):
        load = sum(by_day[v])
        sm.load[v] = load
        by_week.setdefault(week_of(cal.date(v)), []).extend(by_day[v])
        if len(by_day[v]) <= per_day:
            continue
        if soft:
            over = sm.model.new_int_var(0, len(by_day[v]), f"over{v}")
            sm.overflow[v] = over
            sm.model.add(load <= per_day + over)
        else:
            sm.model.add(load <= per_day)
    if per_week is None:
        return
    for week in sorted(by_week):
        if len(by_week[week]) <= per_week:
            continue
        load = sum(by_week[week])
        if soft:
            over = sm.model.new_int_var(0, len(by_week[week]), f"wover{week[0]}_{week[1]}")
            sm.week_overflow[week] = over
            sm.model.add(load <= per_week + over)
        else:
            sm.model.add(load <= per_week)


def _one_household_at_a_time(sm: ScheduleModel, plan: MovePlan, cal: Calendar, skip: frozenset[int]) -> None:
    """Per dwelling, NoOverlap of [move in, move out + turnaround); the stays keep the allocation's order."""
    turnaround = plan.turnaround_days
    model = sm.model
    for dwelling, _free, all_stays in plan.dwellings:
        stays = [s for s in all_stays if s.move_in not in skip and s.move_out not in skip]
        if len(stays) < 2:
            continue
        intervals = []
        for n, stay in enumerate(stays):
            start = sm.day[stay.move_in]
            if stay.move_out is None:
                end: cp_model.LinearExprT = cal.end
            else:
                end = sm.day[stay.move_out] + turnaround
            size = model.new_int_var(1, cal.end + turnaround, f"size_{dwelling}_{n}")
            intervals.append(model.new_interval_var(start, size, end, f"stay_{dwelling}_{n}"))
        model.add_no_overlap(intervals)
        for before, after in zip(stays, stays[1:], strict=False):
            if before.move_out is None:
                continue  # a permanent stay ends the timeline; NoOverlap already refuses what follows
            model.add(sm.day[after.move_in] >= sm.day[before.move_out] + turnaround)


def _goals(sm: ScheduleModel, plan: MovePlan, cal: Calendar, skip: frozenset[int]) -> None:
    model = sm.model
    turnaround = plan.turnaround_days
    for _dwelling, free, stays in plan.dwellings:
        previous = None
        for stay in stays:
            if stay.move_in in skip:
                previous = None
                continue
            if previous is not None and previous.move_out is not None and previous.move_out not in skip:
                sm.empty.append((stay.move_in, sm.day[stay.move_in] - sm.day[previous.move_out] - turnaround))
            elif previous is None and free is not None:
                sm.empty.append((stay.move_in, sm.day[stay.move_in] - cal.offset(free)))
            previous = stay
    groups: dict[tuple[str, str | None], list[int]] = {}
    for k, m in enumerate(plan.moves):
        if m.moves_in and m.stairwell is not None and k not in skip:
            groups.setdefault((m.stairwell, m.phase), []).append(k)
    for (name, phase), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or "")):
        if len(members) < 2:
            continue
        weeks: dict[tuple[int, int], cp_model.IntVar] = {}
        for k in members:
            by_week: dict[tuple[int, int], list[cp_model.IntVar]] = {}
            for v, b in sm.on[k].items():
                by_week.setdefault(week_of(cal.date(v)), []).append(b)
            for week, bools in by_week.items():
                if week not in weeks:
                    weeks[week] = model.new_bool_var(f"sw_{name}_{phase}_{week[0]}_{week[1]}")
                model.add(weeks[week] >= sum(bools))
        sm.stairwell_weeks.extend(weeks[w] for w in sorted(weeks))
    if sm.load:
        most = max(len(sm.on), 1)
        sm.peak = model.new_int_var(0, most, "peak")
        for load in sm.load.values():
            model.add(sm.peak >= load)
        sm.peak_bound = peak_lower_bound([d for k, d in enumerate(cal.domains) if k not in skip])


def peak_lower_bound(domains: list[tuple[int, ...]]) -> int:
    """The most moves some day must take: for every span between a window's first and a window's last day,
    the moves whose whole window lies in it, spread over the working days there (Hall's condition on spans).
    When it reaches ``moves_per_day`` the peak goal has nothing to gain and is skipped (its optimum is proven)."""
    days = sorted({v for d in domains for v in d})
    if not days:
        return 0
    position = {v: k for k, v in enumerate(days)}
    spans = sorted((position[min(d)], position[max(d)]) for d in domains if d)
    firsts = sorted({a for a, _ in spans})
    best = 0
    for a in firsts:
        inside = [b for s, b in spans if s >= a]
        inside.sort()
        for n, b in enumerate(inside, start=1):
            if n == len(inside) or inside[n] != b:
                best = max(best, -(-n // (b - a + 1)))
    return best


def solver(time_factor: float = 1.0) -> cp_model.CpSolver:
    """One worker, a fixed seed, a deterministic limit: the same model gives the same answer."""
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = 0
    s.parameters.max_deterministic_time = DETERMINISTIC_LIMIT * time_factor
    # Cuts from the full linear relaxation: the crews' days make a transportation problem, whose bounds the LP
    # gives at once (measured: the stairwell goal in a quarter of the time).
    s.parameters.linearization_level = 2
    return s


def solve_lexicographic(sm: ScheduleModel) -> tuple[str, list[int]] | None:
    """Solve the goals in order. Returns (status, the day offset of each move), or ``None`` if infeasible."""
    model = sm.model
    goals: list[cp_model.LinearExprT] = []
    if sm.empty:
        goals.append(sum(e for _, e in sm.empty))
    if sm.stairwell_weeks:
        goals.append(sum(sm.stairwell_weeks))
    if sm.peak is not None and (sm.peak_bound is None or sm.peak_bound < sm.moves_per_day):
        goals.append(sm.peak)
    s = solver()
    # First any schedule, without an objective: measured at 1,200 households, CP-SAT finds one in under a
    # second this way, while minimising the empty days from nothing found none in 20 units.
    status = s.solve(model)
    if status == cp_model.INFEASIBLE:
        return None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise TimeoutError("no schedule found within the time limit")
    proven = True
    days = [int(s.value(d)) for d in sm.day]
    for goal in goals:
        _hint(sm, s)
        s.parameters.max_deterministic_time = GOAL_LIMIT if goal is not goals[0] else DETERMINISTIC_LIMIT
        model.minimize(goal)
        status = s.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False  # the limit came first: keep the schedule of the goals before, and stop
            break
        proven = proven and status == cp_model.OPTIMAL
        model.add(goal <= round(s.objective_value))
        days = [int(s.value(d)) for d in sm.day]
    model.clear_objective()
    return ("optimal" if proven else "feasible"), days


def _hint(sm: ScheduleModel, s: cp_model.CpSolver) -> None:
    """The last answer as a complete hint (every variable), so the next goal starts from a known schedule."""
    model = sm.model
    model.clear_hints()
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, s.value(var))
