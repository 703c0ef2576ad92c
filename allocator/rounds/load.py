"""Starting an offer round from files: :func:`load_round` reads the previous workbook and every source of the
coordinator's decisions, then plans the round; :func:`first_round` is the standing of a run without either.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from allocator.domain import Instance, Settings
from allocator.problems import InputError, InputProblem
from allocator.provenance import describe_file
from allocator.read.decisions import Pin, merge, read_decisions, read_decisions_sheet
from allocator.read.history import History, Response, read_history
from allocator.result import Result
from allocator.rounds.plan import RoundPlan, _same_name, plan_round
from allocator.rounds.report import RoundReport
from allocator.rounds.timeline import Timeline
from allocator.rounds.words import warning
from allocator.write.case_identity import read_case


def load_round(
    instance: Instance,
    settings: Settings,
    *,
    history_path: str | Path | None = None,
    decisions_path: str | Path | None = None,
    households_path: str | Path | None = None,
    reopen_pending: bool = False,
    force_history: bool = False,
) -> tuple[RoundPlan, History | None]:
    """Read the previous workbook and the decisions, then :func:`plan_round`.

    The decisions in force are those of ``decisions_path`` (a pins file, or any workbook with a
    ``Beslutninger`` / ``Decisions`` sheet), those on such a sheet in the households workbook, and those the
    previous workbook carries on its own decisions sheet; the same decision given twice counts once.

    The history workbook must belong to this case (:func:`_same_case`): its hidden case record names the
    households file it was made from; if that is this run's households file (same SHA-256), it is this case;
    if the households file changed, every household on its offers sheet that is in this households file must
    carry the same name. Either way every household of this file that the workbook was made for must still
    have its row on the offers sheet. ``force_history`` turns a name that differs into a warning.

    Raises
    ------
    InputError
        With every problem of the history workbook and the decision files together, or else of the case check
        and the plan together.
    """
    problems: list[InputProblem] = []
    timeline = Timeline(instance, settings)  # in a phased case, pins one after another may share a dwelling
    history: History | None = None
    fresh: tuple[Pin, ...] = ()
    in_book: tuple[Pin, ...] = ()
    if history_path is not None:
        try:
            history = read_history(history_path, timeline=timeline)
        except InputError as exc:
            problems.extend(exc.problems)
    if decisions_path is not None:
        try:
            fresh = read_decisions(decisions_path, timeline=timeline)
        except InputError as exc:
            problems.extend(exc.problems)
    if households_path is not None and Path(households_path).suffix.lower() == ".xlsx":
        try:
            in_book = read_decisions_sheet(households_path, timeline=timeline) or ()
        except InputError as exc:
            problems.extend(exc.problems)
    pins, clashes = merge(fresh, in_book, history.pins if history is not None else (), timeline=timeline)
    problems.extend(clashes)
    if problems:
        raise InputError(problems)
    warnings: list[str] = []
    if history is not None and history_path is not None:
        problems.extend(_same_case(instance, history, history_path, households_path, force_history, warnings))
    try:
        plan = plan_round(
            instance, settings, history=history, pins=pins, reopen_pending=reopen_pending, force_history=force_history
        )
    except InputError as exc:
        raise InputError(problems + exc.problems) from None
    if problems:
        raise InputError(problems)
    return replace(plan, warnings=tuple(warnings) + plan.warnings), history


def _same_case(
    instance: Instance,
    history: History,
    history_path: str | Path,
    households_path: str | Path | None,
    force: bool,
    warnings: list[str],
) -> list[InputProblem]:
    """Problems that show the history workbook is not this case's, or lost rows; see :func:`load_round`.

    Offers kept (accepted, pending) are checked by name and rule in the planner; here: the other rows' names,
    when the households file changed since the workbook was written, and rows deleted from the offers sheet.
    """
    name = history.file
    try:
        case = read_case(history_path)
    except ValueError as exc:
        return [InputProblem(file=name, message=f"{exc}; give the workbook as genhus wrote it")]
    households = {h.household_id: h for h in instance.households}
    listed = history.listed or {}
    problems: list[InputProblem] = []
    if case is None:
        warnings.append(
            f"{name}: the workbook has no case record (written by an older genhus), so genhus cannot confirm that "
            "it belongs to this case; its offers are matched by household id and name"
        )
        return problems
    recorded = case.files[0] if case.files else None
    same_file = (
        recorded is not None
        and households_path is not None
        and describe_file(households_path, 0).sha256 == recorded.sha256
    )
    missing = [hid for hid in households if hid not in listed and not _on_history(history, hid)]
    if same_file and missing:
        for hid in missing:
            problems.append(
                InputProblem(
                    file=name,
                    column="Husstand-ID",
                    value=hid,
                    message=f"{hid} is in the households file the workbook was made from, but has no row on its "
                    "offers sheet: the row was deleted, and with it the household's offer and answer; put the "
                    "row back (or use the workbook as genhus wrote it)",
                )
            )
    elif recorded is not None and len(listed) < recorded.rows and missing:
        problems.append(
            InputProblem(
                file=name,
                value=len(listed),
                message=f"the workbook was made for {recorded.rows} households ({recorded.name}), but its offers "
                f"sheet has {len(listed)} rows: rows were deleted, and with them offers and answers; households of "
                f"this file without a row: {', '.join(missing)}",
            )
        )
    if same_file:
        return problems
    kept = {o.household_id for o in history.offers if o.response in (Response.ACCEPTED, Response.PENDING)}
    matched = compared = 0
    for hid, (shown, where) in listed.items():
        household = households.get(hid)
        if household is None or shown is None or household.name is None:
            continue
        compared += 1
        if _same_name(shown) == _same_name(household.name):
            matched += 1
            continue
        if hid in kept:
            continue  # the planner reports it, with the offer
        why = (
            f"{hid} is named {shown!r} on the workbook but {household.name!r} in the households file, which is not "
            f"the file the workbook was made from ({recorded.name if recorded else 'unknown'})"
        )
        if force:
            warnings.append(
                warning(
                    "forced_name" if recorded else "forced_name_unrecorded",
                    where=where,
                    hid=hid,
                    shown=shown,
                    name=household.name,
                    **({"recorded": recorded.name} if recorded else {}),
                )
            )
        else:
            problems.append(
                InputProblem(
                    file=where,
                    column="Navn",
                    value=shown,
                    message=f"{why}: the workbook may belong to another case; give this case's workbook, or run "
                    "with --force-history if the names were corrected on purpose",
                )
            )
    if listed and not force and (not households.keys() & listed.keys() or (compared and not matched)):
        problems.append(
            InputProblem(
                file=name,
                message="no household on the workbook's offers sheet is in this households file with the same "
                "name: the workbook belongs to another case",
            )
        )
    return problems


def _on_history(history: History, hid: str) -> bool:
    """A household with offers only on the history sheet (none on the offers sheet) is reported by the planner."""
    return any(o.household_id == hid for o in history.offers)


def first_round(result: Result) -> RoundReport:
    """The standing of a run without history or decisions: round 1, every offer new and made by the optimiser."""
    return plan_round(result.instance, result.settings).report(result)
