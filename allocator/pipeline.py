"""One allocation run as a library call: solve, check independently, and write the outputs.

The ``allocate`` command, scenario runs and offer rounds all go through here, so the checker runs on every result
genhus writes, and nothing is written when it rejects one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from allocator.check import Audit, check
from allocator.check.schedule import ScheduleAudit
from allocator.domain import Decisions, Instance, Settings, Vacancy
from allocator.explain.fixed import fixed_kinds
from allocator.explain.long_stays import long_temporary_stays
from allocator.explain.wishes import WishFacts, explain_wishes
from allocator.provenance import Provenance
from allocator.result import Result
from allocator.rounds import RoundPlan, RoundReport
from allocator.schedule import Schedule, ScheduleSettings
from allocator.solve import solve
from allocator.timing import stage
from allocator.write import write_json
from allocator.write.atomic import atomic_paths
from allocator.write.workbook import write_workbook

log = logging.getLogger(__name__)
NO_DECISIONS = Decisions()


@dataclass(frozen=True, slots=True)
class Outcome:
    result: Result
    audit: Audit
    provenance: Provenance
    rounds: RoundReport | None = None
    fixed_as: Mapping[str, str] = field(default_factory=dict)  # fixed household -> accepted, pending, pinned
    schedule: Schedule | None = None
    schedule_audit: ScheduleAudit | None = None

    @property
    def passed(self) -> bool:
        """The checker's verdict for the priority mode the run used (and on the schedule, where one was made)."""
        scheduled_ok = self.schedule is None or (self.schedule_audit is not None and self.schedule_audit.ok)
        return self.audit.passes(self.result.settings.priority) and scheduled_ok

    def verdict_lines(self) -> list[str]:
        lines = self.audit.verdict_lines(priority=self.result.settings.priority)
        if self.schedule_audit is not None:
            lines += self.schedule_audit.lines()
        return lines


def run(
    instance: Instance,
    settings: Settings,
    provenance: Provenance,
    *,
    decisions: Decisions = NO_DECISIONS,
    warnings: tuple[str, ...] = (),
    rounds: RoundPlan | None = None,
    schedule: ScheduleSettings | None = None,
) -> Outcome:
    """Solve and check. ``rounds`` is an offer round from ``allocator.rounds.plan_round``: pass its ``instance``
    and ``decisions`` as well; the outcome then carries each household's standing in the rounds.

    ``schedule``: also book every move (``allocator.schedule``), once the allocation passed its checker, and
    check the schedule independently. Raises :class:`allocator.schedule.DoesNotFit` when the moves do not fit."""
    if rounds is not None and (decisions != rounds.decisions or instance is not rounds.instance):
        raise ValueError("run the round's own instance and decisions (rounds.instance, rounds.decisions)")
    flags = long_temporary_stays(instance, settings)
    for flag in flags:
        log.warning("%s", flag)
    fixed_as = fixed_kinds(rounds) if rounds is not None else {}
    result = solve(instance, settings, decisions=decisions, warnings=warnings + flags, fixed_as=fixed_as)
    if rounds is not None:
        result = rounds.keep_pending(result)
    log.info("checking the allocation independently")
    with stage("check"):
        audit = check(instance, settings, result.assignment_map, decisions=decisions)
    report = rounds.report(result) if rounds is not None else None
    outcome = Outcome(result=result, audit=audit, provenance=provenance, rounds=report, fixed_as=fixed_as)
    if schedule is not None and outcome.passed:
        outcome = add_schedule(outcome, schedule)
    return outcome


def add_schedule(
    outcome: Outcome,
    settings: ScheduleSettings,
    *,
    booked: Mapping[tuple[str, str], dt.date] | None = None,
    extra_dwellings: Mapping[str, Vacancy] | None = None,
) -> Outcome:
    """The outcome with a moving schedule for its assignments, checked by ``allocator.check.schedule``."""
    from allocator.check.schedule import check as check_schedule
    from allocator.schedule import make_schedule

    result = outcome.result
    log.info("scheduling %d households' moves", len(result.assignments))
    with stage("schedule"):
        made = make_schedule(
            result.instance,
            result.settings,
            result.assignments,
            settings,
            booked=booked,
            extra_dwellings=extra_dwellings,
        )
    log.info("schedule made from %s", made.settings.schedule_from.isoformat())
    with stage("check schedule"):
        audit = check_schedule(
            made,
            result.instance,
            result.settings,
            result.assignments,
            booked=booked,
            extra_dwellings=extra_dwellings,
        )
    return replace(outcome, schedule=made, schedule_audit=audit)


def write(
    outcome: Outcome,
    *,
    out: str | Path | None = None,
    json_path: str | Path | None = None,
    calendar: str | Path | None = None,
    calendar_names: bool = False,
) -> None:
    """Write the JSON, the workbook (and the schedule's calendar) as one transaction: all are written to
    temporary files in their target folders and then renamed; if anything fails, the temporaries are removed
    and the old files stay as they were. Refuses an outcome the checker rejected."""
    if not outcome.passed:
        raise ValueError("the checker rejected this allocation; it must not be written")
    if calendar and outcome.schedule is None:
        raise ValueError("a calendar needs a schedule")
    targets = [(kind, Path(p)) for kind, p in (("json", json_path), ("xlsx", out), ("ics", calendar)) if p]
    if not targets:
        return
    explained = explain(outcome) if out else None
    with stage("write"), atomic_paths(*(p for _, p in targets)) as temps:
        for (kind, target), tmp in zip(targets, temps, strict=True):
            log.info("writing %s", target.name)
            if kind == "json":
                _write_json(tmp, outcome)
            elif kind == "ics":
                from allocator.schedule.calendar_export import write_calendar

                assert outcome.schedule is not None
                write_calendar(tmp, outcome.schedule, **calendar_labels(outcome, names=calendar_names))
            else:
                _write_workbook(tmp, outcome, name=target.name, explained=explained)


def calendar_labels(outcome: Outcome, *, names: bool) -> dict:
    """Names (only if asked) and addresses for the calendar's events."""
    instance = outcome.result.instance
    return {
        "names": {h.household_id: h.name for h in instance.households} if names else None,
        "addresses": {v.dwelling_id: v.address for v in instance.vacancies},
        "lang": outcome.result.settings.lang,
    }


def _write_json(path: Path, outcome: Outcome) -> None:
    audit = outcome.audit.as_dict()
    schedule = outcome.schedule
    if schedule is None:
        write_json(path, outcome.result, audit)
        return
    from allocator import budget

    assert outcome.schedule_audit is not None
    audit = {**audit, "schedule": outcome.schedule_audit.as_dict()}
    result = outcome.result
    lines = budget.result_cost_lines(result, scheduled_empty_days=schedule.empty_days_by_household())
    block = {**schedule.as_dict(), "empty_rent": budget.totals(lines)["empty_rent"].total}
    dates: dict[str, dict[str, str]] = {}
    for m in schedule.moves:
        dates.setdefault(m.move.household_id, {})[m.move.type] = m.date.isoformat()
    write_json(path, result, audit, schedule=block, move_dates=dates)


def explain(outcome: Outcome) -> WishFacts:
    """Why households did not get a better wish (the Begrundelser sheet), as the stage "explain"."""
    r = outcome.result
    with stage("explain"):
        facts = explain_wishes(
            r.instance, r.settings, r.assignment_map, decisions=r.decisions, fixed_as=outcome.fixed_as
        )
        facts.summaries()  # the sentences too, so that the write only lays them out
    return facts


def _write_workbook(
    out: str | Path, outcome: Outcome, *, name: str | None = None, explained: WishFacts | None = None
) -> None:
    write_workbook(
        out,
        outcome.result,
        outcome.audit,
        outcome.provenance,
        lang=outcome.result.settings.lang,
        rounds=outcome.rounds,
        out_name=name,
        schedule=outcome.schedule,
        explained=explained,
    )
