"""Starting an offer round from files: :func:`load_round` reads the previous workbook and every source of the
coordinator's decisions, then plans the round; :func:`first_round` is the standing of a run without either.
"""

from __future__ import annotations

from pathlib import Path

from allocator.domain import Instance, Settings
from allocator.problems import InputError, InputProblem
from allocator.read.decisions import Pin, merge, read_decisions, read_decisions_sheet
from allocator.read.history import History, read_history
from allocator.result import Result
from allocator.rounds.plan import RoundPlan, plan_round
from allocator.rounds.report import RoundReport


def load_round(
    instance: Instance,
    settings: Settings,
    *,
    history_path: str | Path | None = None,
    decisions_path: str | Path | None = None,
    households_path: str | Path | None = None,
    reopen_pending: bool = False,
) -> tuple[RoundPlan, History | None]:
    """Read the previous workbook and the decisions, then :func:`plan_round`.

    The decisions in force are those of ``decisions_path`` (a pins file, or any workbook with a
    ``Beslutninger`` / ``Decisions`` sheet), those on such a sheet in the households workbook, and those the
    previous workbook carries on its own decisions sheet; the same decision given twice counts once.

    Raises
    ------
    InputError
        With every problem of the history workbook and the decision files together, or else of the plan.
    """
    problems: list[InputProblem] = []
    history: History | None = None
    fresh: tuple[Pin, ...] = ()
    in_book: tuple[Pin, ...] = ()
    if history_path is not None:
        try:
            history = read_history(history_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if decisions_path is not None:
        try:
            fresh = read_decisions(decisions_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if households_path is not None and Path(households_path).suffix.lower() == ".xlsx":
        try:
            in_book = read_decisions_sheet(households_path) or ()
        except InputError as exc:
            problems.extend(exc.problems)
    pins, clashes = merge(fresh, in_book, history.pins if history is not None else ())
    problems.extend(clashes)
    if problems:
        raise InputError(problems)
    plan = plan_round(instance, settings, history=history, pins=pins, reopen_pending=reopen_pending)
    return plan, history


def first_round(result: Result) -> RoundReport:
    """The standing of a run without history or decisions: round 1, every offer new and made by the optimiser."""
    return plan_round(result.instance, result.settings).report(result)
