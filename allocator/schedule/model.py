"""The CP-SAT model of the moving schedule (issue 13), one part of the moves at a time
(``allocator.schedule.parts`` splits them, ``allocator.schedule.solve`` puts the parts' answers together).

Variables: per move, its day as a count of calendar days from the plan's first day, whose domain holds only the
working days of its window (so it indexes the working days, while the turnaround and the empty days stay
calendar days); a 0/1 per (move, working day) says which day it is. Rules:

- **window**: the domain itself (``allocator.schedule.moves`` and ``working_days``);
- **crews**: per working day at most ``moves_per_day`` moves, per ISO week at most ``moves_per_week``; only on
  the days and weeks more moves could fall on than the limit (elsewhere the limit cannot bind);
- **one household at a time**: per dwelling, the occupancy intervals [move in, move out + turnaround) of its
  stays do not overlap, in the order the allocation gave the stays; a permanent stay runs to the end.

Goals, in the issue's order: the fewest empty dwelling-days (days between a dwelling being free and its
household moving in), then the fewest weeks per stairwell and phase for the moves out, then the lowest peak day.
They are solved lexicographically in one solve, by weights that make each goal outweigh all after it. One
worker, a fixed seed and a deterministic time limit, so the same input gives the same schedule whatever the
machine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from allocator.schedule.moves import MovePlan
from allocator.schedule.working_days import WorkingDays, week_of

DETERMINISTIC_LIMIT = 20.0  # per part, in CP-SAT's deterministic time units (roughly seconds)
# Measured (benchmarks/schedule.py): the largest part of the 1,200-household case proves its optimum in under
# half a unit. A part stopped by the limit keeps its best schedule, and the schedule is "feasible", not
# "optimal".


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
    """The model of one part of the moves (``allocator.schedule.parts``); ``day`` and ``on`` are keyed by the
    plan's move index."""

    model: cp_model.CpModel
    day: dict[int, cp_model.IntVar]
    on: dict[int, dict[int, cp_model.IntVar]]
    load: dict[int, cp_model.LinearExpr] = field(default_factory=dict)
    empty: list[cp_model.LinearExprT] = field(default_factory=list)  # this part's share of the empty days
    overflow: dict[int, cp_model.IntVar] = field(default_factory=dict)
    week_overflow: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    stairwell_weeks: list[cp_model.IntVar] = field(default_factory=list)
    peak: cp_model.IntVar | None = None
    peak_range: int = 0  # the peak's highest value less its lowest
    moves_per_day: int = 0


def build(
    plan: MovePlan,
    cal: Calendar,
    *,
    moves_per_day: int,
    moves_per_week: int | None,
    soft_capacity: bool = False,
    goals: bool = True,
    moves: Iterable[int] | None = None,
    peak_floor: int = 0,
) -> ScheduleModel:
    """The model of ``moves`` (default: every move), a part that no rule ties to the other moves.

    ``soft_capacity``: the crews' limits may be exceeded at a cost (``overflow``), for the diagnosis. ``goals``:
    add the goal expressions. ``peak_floor``: a peak already proven for the whole schedule, below which this
    part's peak gains nothing (``allocator.schedule.solve``)."""
    model = cp_model.CpModel()
    part = sorted(range(len(plan.moves)) if moves is None else set(moves))
    day: dict[int, cp_model.IntVar] = {}
    on: dict[int, dict[int, cp_model.IntVar]] = {}
    for k in part:
        values = cal.domains[k]
        if not values:
            values = (0,)
            model.add_bool_or([])  # an empty window: infeasible by construction (the diagnosis finds it)
        var = model.new_int_var_from_domain(cp_model.Domain.from_values(values), f"d{k}")
        bools = {v: model.new_bool_var(f"d{k}_{v}") for v in values}
        model.add_exactly_one(bools.values())
        model.add(var == sum(v * b for v, b in bools.items()))
        day[k], on[k] = var, bools
    sm = ScheduleModel(model, day, on, moves_per_day=moves_per_day)
    _crews(sm, cal, moves_per_day, moves_per_week, soft_capacity)
    _one_household_at_a_time(sm, plan)
    if goals:
        _goals(sm, plan, cal, peak_floor)
    return sm


def _crews(sm: ScheduleModel, cal: Calendar, per_day: int, per_week: int | None, soft: bool) -> None:
    by_day: dict[int, list[cp_model.IntVar]] = {}
    for bools in sm.on.values():
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


def _one_household_at_a_time(sm: ScheduleModel, plan: MovePlan) -> None:
    """Per dwelling, the occupancy intervals [move in, move out + turnaround) of its stays in the allocation's
    order: as that order is fixed, their NoOverlap is the chain "each stay moves back on or after its move in,
    and the next moves in once the turnaround after it has passed" (a permanent stay ends the timeline, so
    nothing may follow it). Links to moves of another part are kept by their windows (``parts``)."""
    turnaround = plan.turnaround_days
    model, day = sm.model, sm.day
    for _dwelling, _free, stays in plan.dwellings:
        for stay in stays:
            if stay.move_out is not None and stay.move_in in day and stay.move_out in day:
                model.add(day[stay.move_out] >= day[stay.move_in])
        for before, after in zip(stays, stays[1:], strict=False):
            if before.move_out is None:
                if before.move_in in day and after.move_in in day:
                    model.add_bool_or([])  # a stay after one for good cannot be
            elif before.move_out in day and after.move_in in day:
                model.add(day[after.move_in] >= day[before.move_out] + turnaround)


def _goals(sm: ScheduleModel, plan: MovePlan, cal: Calendar, peak_floor: int) -> None:
    model, day = sm.model, sm.day
    turnaround = plan.turnaround_days
    for _dwelling, free, stays in plan.dwellings:
        previous = None
        for stay in stays:
            if previous is not None and previous.move_out is not None:
                # day in - (day out + turnaround): each end counts in the part that holds it.
                if stay.move_in in day:
                    sm.empty.append(day[stay.move_in] - turnaround)
                if previous.move_out in day:
                    sm.empty.append(-day[previous.move_out])
            elif previous is None and free is not None and stay.move_in in day:
                sm.empty.append(day[stay.move_in] - cal.offset(free))
            previous = stay
    groups: dict[tuple[str, str | None], list[int]] = {}
    for k in sorted(day):
        m = plan.moves[k]
        if m.moves_in and m.stairwell is not None:
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
        # Below the floor the peak gains nothing: another part (or the span bound) already reaches it.
        most = min(len(day), sm.moves_per_day)
        floor = min(max(peak_floor, 0), most)
        sm.peak = model.new_int_var(floor, most, "peak")
        sm.peak_range = most - floor
        for load in sm.load.values():
            model.add(sm.peak >= load)


def peak_lower_bound(domains: list[tuple[int, ...]]) -> int:
    """The most moves some day must take: for every span between a window's first and a window's last day,
    the moves whose whole window lies in it, spread over the working days there (Hall's condition on spans).
    Every schedule's peak is at least this, so the parts' peak goal starts from it (``allocator.schedule.solve``)."""
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


def solver(limit: float = DETERMINISTIC_LIMIT) -> cp_model.CpSolver:
    """One worker, a fixed seed, a deterministic limit: the same model gives the same answer."""
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = 0
    s.parameters.max_deterministic_time = limit
    # Cuts from the full linear relaxation: the crews' days make a transportation problem, whose bounds the LP
    # gives at once. Searching up from the objective's lower bound: measured on the benchmark's largest part,
    # the optimum proven in a third of the deterministic time.
    s.parameters.linearization_level = 2
    s.parameters.use_objective_lb_search = True
    return s


@dataclass(frozen=True, slots=True)
class PartAnswer:
    """A part's schedule: ``days`` maps each of its moves to its day offset; ``peak`` is the most moves it puts
    on one day; ``optimal``: every goal proven best (the peak as far as the floor it was solved with)."""

    days: dict[int, int]
    peak: int
    optimal: bool


def solve_part(sm: ScheduleModel) -> PartAnswer | None:
    """The goals of one part, in order, in one solve. ``None`` if the part has no schedule.

    The goals are weighted so that each outweighs everything after it (a day fewer of empty dwellings is worth
    more than any number of stairwell weeks, a stairwell week more than any peak), which is their lexicographic
    order exactly. Measured (benchmarks/schedule.py): one weighted solve proves the three goals in a fraction of
    the time of three solves, one per goal, each holding the last one's optimum as a bound."""
    model = sm.model
    stairwell_weight = sm.peak_range + 1
    empty_weight = stairwell_weight * (len(sm.stairwell_weeks) + 1)
    objective = empty_weight * sum(sm.empty) + stairwell_weight * sum(sm.stairwell_weeks)
    if sm.peak is not None:
        objective += sm.peak
    model.minimize(objective)
    s = solver()
    # Measured on the benchmark's parts: presolve's probing and symmetry search cost a third of the time and
    # shorten no proof of these models.
    s.parameters.cp_model_probing_level = 0
    s.parameters.symmetry_level = 0
    status = s.solve(model)
    if status == cp_model.UNKNOWN:
        # The limit came before any schedule: find one without the goals (fast), then improve on it.
        model.clear_objective()
        status = s.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = _answer(sm, s, optimal=False)
            _hint(sm, s)
            model.minimize(objective)
            status = s.solve(model)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return found
    if status == cp_model.INFEASIBLE:
        return None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise TimeoutError("no schedule found within the time limit")
    return _answer(sm, s, optimal=status == cp_model.OPTIMAL)


def _answer(sm: ScheduleModel, s: cp_model.CpSolver, *, optimal: bool) -> PartAnswer:
    days = {k: int(s.value(v)) for k, v in sm.day.items()}
    peak = max(Counter(days.values()).values(), default=0) if sm.peak is not None else 0
    return PartAnswer(days, peak, optimal)


def _hint(sm: ScheduleModel, s: cp_model.CpSolver) -> None:
    """The last answer as a complete hint (every variable), so the next solve starts from a known schedule."""
    model = sm.model
    model.clear_hints()
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, s.value(var))
