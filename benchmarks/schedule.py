"""`make bench`: the moving schedule (issue 13) on phased cases built here, 300 households in 4 phases and
1,200 households in 8 phases, 4 moves a day. Targets: 3 s and 30 s.

Each phase starts 16 weeks after the previous one; its households' move-by dates fall one stairwell (10
households) a week over the 10 weeks before its start; 40 % are temporary and come back 4 months after their
phase starts. Temporary dwellings are reused from phase to phase where a stay has ended (turnaround included),
as the phases issue's solver reuses them; permanent households get a dwelling free 30 days before they must move.
The time is make_schedule alone (moves, model, the three goals) plus the independent checker, as wall and as
CPU time of this process (on a shared machine the wall time also counts the other processes' turns).
"""

from __future__ import annotations

import datetime as dt
import time

from allocator.check.schedule import check
from allocator.domain import Household, Instance, Kind, Phase, Settings, Vacancy
from allocator.result import Assignment
from allocator.schedule import ScheduleSettings, make_schedule

START = dt.date(2027, 9, 1)


def case(n: int, phases: int) -> tuple[Instance, list[Assignment], Settings]:
    settings = Settings()
    phase_list = [
        Phase(str(p + 1), START + dt.timedelta(weeks=16 * p), START + dt.timedelta(weeks=16 * p + 17))
        for p in range(phases)
    ]
    households, vacancies, assignments = [], [], []
    pool: list[list] = []  # [dwelling id, first free day]
    per_phase = n // phases
    for k in range(n):
        p = min(k // per_phase, phases - 1)
        phase = phase_list[p]
        move_by = phase.construction_start - dt.timedelta(weeks=(k % per_phase) // 10 % 10)
        temporary = k % 5 < 2
        hid = f"H{k:05d}"
        households.append(
            Household(
                hid,
                "Old",
                "Hvidovre",
                1,
                2,
                Kind.TEMPORARY if temporary else Kind.PERMANENT,
                dt.date(2000, 1, 1),
                move_by=move_by,
                phase=phase.phase_id,
                returns_on=phase.ready if temporary else None,
                extra=(("Opgang", f"O{k // 10}"),),
            )
        )
        start = move_by - dt.timedelta(days=settings.overlap_days)
        if temporary:
            free = next((slot for slot in pool if slot[1] <= start), None)
            if free is None:
                free = [f"T{len(pool):05d}", start - dt.timedelta(days=20)]
                pool.append(free)
                vacancies.append(Vacancy(free[0], "Temp", "Hvidovre", 2, rent=5000.0, available_from=free[1]))
            free[1] = phase.ready + dt.timedelta(days=14 + settings.turnaround_days)
            assignments.append(Assignment(hid, free[0], 1, stay_from=start, stay_until=phase.ready))
        else:
            did = f"P{k:05d}"
            vacancies.append(
                Vacancy(
                    did, "New", "Hvidovre", 2, rent=6000.0, available_from=move_by - dt.timedelta(days=30)
                )
            )
            assignments.append(Assignment(hid, did, 1, stay_from=start))
    return Instance(tuple(households), tuple(vacancies), phases=tuple(phase_list)), assignments, settings


def main() -> None:
    print("schedule (issue 13): households, phases, moves, seconds (target), status, empty days, peak a day")
    for n, phases, target in ((300, 4, 3), (1200, 8, 30)):
        instance, assignments, settings = case(n, phases)
        options = ScheduleSettings(schedule_from=dt.date(2027, 1, 4), moves_per_day=4, return_days=30)
        started, cpu = time.perf_counter(), time.process_time()
        schedule = make_schedule(instance, settings, assignments, options)
        audit = check(schedule, instance, settings, assignments)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert audit.ok, audit.problems
        print(
            f"  {n:5d} households, {phases} phases: {len(schedule.moves)} moves, "
            f"{seconds:.1f} s (< {target} s; CPU {cpu:.1f} s), "
            f"{schedule.status}, {schedule.empty_days} empty dwelling-days, peak {schedule.peak_day} a day, "
            f"{len(schedule.stairwell_splits)} stairwells split"
        )


if __name__ == "__main__":
    main()
