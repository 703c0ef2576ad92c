"""The allocation to schedule, read back from an offers workbook written by ``genhus allocate``: every accepted
offer and every offer still out (pending), the last of each household's; refused and withdrawn offers are not
moves. The workbook is read by the offer rounds' reader (``allocator.read.history``), so the same cells mean the
same thing in both."""

from __future__ import annotations

from pathlib import Path

from allocator.domain import Instance, Settings, Vacancy, wish_rank
from allocator.problems import InputError, InputProblem
from allocator.read.history import Response, read_history
from allocator.result import Assignment
from allocator.rounds.timeline import Timeline
from allocator.stays import stay_of


def accepted_assignments(
    instance: Instance, settings: Settings, workbook: str | Path
) -> tuple[list[Assignment], dict[str, Vacancy]]:
    """The assignments to schedule, and the dwellings the workbook knows that the vacancies file lacks."""
    history = read_history(workbook, timeline=Timeline(instance, settings))  # pins one after another
    households = {h.household_id: h for h in instance.households}
    latest: dict[str, str] = {}
    problems = []
    for offer in history.offers:
        if offer.response in (Response.ACCEPTED, Response.PENDING):
            if offer.household_id not in households:
                problems.append(
                    InputProblem(
                        offer.where, "household not in the households file", value=offer.household_id
                    )
                )
                continue
            latest[offer.household_id] = offer.dwelling_id
    if problems:
        raise InputError(problems)
    known = {v.dwelling_id: v for v in instance.vacancies}
    extra = {d: v for d, v in history.dwellings.items() if isinstance(v, Vacancy) and d not in known}
    out = []
    for hid in sorted(latest):
        h, dwelling = households[hid], latest[hid]
        v = known.get(dwelling) or extra.get(dwelling)
        rank = wish_rank(h, v.department) if v is not None else len(h.wishes) + 1
        if instance.phased:
            stay = stay_of(h, settings)
            out.append(Assignment(hid, dwelling, rank, stay_from=stay.start, stay_until=stay.until))
        else:
            out.append(Assignment(hid, dwelling, rank))
    return out, extra
