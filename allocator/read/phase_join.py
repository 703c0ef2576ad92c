"""Join the households to the phases (issue 12): each household's phase, move-by date and return date.

With a phases file every household names a known phase. Its move-by date is its own ``Senest fraflytning`` when
that is on or before the phase's construction start (kept: the coordinator agreed an earlier move), else the
construction start itself (``deadline_from_phase``); a stated date after the construction start is an error,
since the household would still live there when the works begin. A temporary household returns on its phase's
ready date, so a phase with temporary households must have one. Without a phases file a phase column is an
error that says to give one: the dates it stands for are not known.

The households given here are as read (``move_by`` as stated, ``None`` when empty), so that a scenario can move a
phase's construction start and join again.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping

from allocator.domain import Household, Kind, Phase
from allocator.problems import InputProblem
from allocator.read.columns import HOUSEHOLD_FIELDS, alias_table, normalise
from allocator.read.table import row_list

__all__ = ["join_phases", "phase_column_without_phases", "written_header"]


def written_header(headers: tuple[str, ...], name: str) -> str:
    """The households file's header for field ``name`` as written there, or its English name if absent."""
    aliases = alias_table(HOUSEHOLD_FIELDS)
    for header in headers:
        found = aliases.get(normalise(header))
        if found is not None and found.name == name:
            return header
    return name


def phase_column_without_phases(
    households: tuple[Household, ...], headers: tuple[str, ...], file: str
) -> list[InputProblem]:
    """One problem when households name phases but no phases file was given."""
    named = [h.row for h in households if h.phase is not None]
    if not named:
        return []
    return [
        InputProblem(
            file=file,
            row=1,
            column=written_header(headers, "phase"),
            message=f"households name a phase ({row_list(named)}) but no phases file was given; give the phases "
            "file (Etape, Byggestart, Klar til tilbageflytning) with --phases, or in a scenario as "
            "inputs.phases, or delete the column",
        )
    ]


def join_phases(
    households: tuple[Household, ...],
    phases: tuple[Phase, ...],
    *,
    headers: tuple[str, ...],
    files: tuple[str, str],
    notes: Mapping[str, str] | None = None,
) -> tuple[tuple[Household, ...], list[InputProblem]]:
    """The households with phase, move-by date, ``deadline_from_phase`` and ``returns_on`` resolved.

    Parameters
    ----------
    households
        As read: ``phase`` as written, ``move_by`` as stated.
    phases
        The phases file's phases (after any scenario changes).
    headers
        The households file's header texts, to name its columns as written.
    files
        The households file and the phases file, as the user named them.
    notes
        Phase id -> a few words appended to a problem about that phase (a scenario's change of it).

    Returns
    -------
    tuple
        The joined households (only where there are no problems) and every problem.
    """
    household_file, phase_file = files
    by_id = {p.phase_id: p for p in phases}
    phase_column = written_header(headers, "phase")
    move_by_column = written_header(headers, "move_by")
    notes = notes or {}
    problems: list[InputProblem] = []
    joined: list[Household] = []
    temporary_rows: dict[str, list[int]] = {}
    for h in households:
        phase = by_id.get(h.phase or "")
        if phase is None:
            problems.append(_unknown_phase(h, phases, household_file, phase_column))
            continue
        start = phase.construction_start
        if h.move_by is not None and h.move_by > start:
            problems.append(
                InputProblem(
                    file=household_file,
                    row=h.row or None,
                    column=move_by_column,
                    value=h.move_by.strftime("%d-%m-%Y"),
                    message=f"household '{h.household_id}' would move out after the construction start of phase "
                    f"'{phase.phase_id}' ({start.strftime('%d-%m-%Y')}){_note(notes, phase)}; a household must "
                    "be out by its phase's construction start: write an earlier date, or leave the cell empty "
                    "to use the construction start",
                )
            )
            continue
        if h.kind is Kind.TEMPORARY:
            temporary_rows.setdefault(phase.phase_id, []).append(h.row)
        joined.append(
            dataclasses.replace(
                h,
                move_by=h.move_by if h.move_by is not None else start,
                deadline_from_phase=h.move_by is None,
                returns_on=phase.ready if h.kind is Kind.TEMPORARY else None,
            )
        )
    for phase in phases:
        rows = temporary_rows.get(phase.phase_id)
        if phase.ready is None and rows:
            problems.append(
                InputProblem(
                    file=phase_file,
                    row=phase.row or None,
                    column="ready (Klar til tilbageflytning)",
                    value=phase.phase_id,
                    message=f"phase '{phase.phase_id}' has {len(rows)} temporary "
                    f"{'household' if len(rows) == 1 else 'households'} ({household_file} {row_list(rows)}) "
                    f"but no ready date{_note(notes, phase)}; give the day they can move back",
                )
            )
    if problems:
        return households, problems
    return tuple(joined), []


def _unknown_phase(h: Household, phases: tuple[Phase, ...], file: str, column: str) -> InputProblem:
    known = [p.phase_id for p in phases]
    if h.phase is None:
        message = f"household '{h.household_id}' names no phase; with a phases file every household needs one"
    else:
        message = f"household '{h.household_id}': no phase '{h.phase}' in the phases file"
    near = nearest(h.phase, known)
    hint = f"; did you mean '{near}'?" if near is not None else ""
    listed = ", ".join(f"'{k}'" for k in known[:12]) + (" ..." if len(known) > 12 else "")
    return InputProblem(
        file=file,
        row=h.row or None,
        column=column,
        value=h.phase,
        message=f"{message} (known phases: {listed}){hint}",
    )


def nearest(value: str | None, known: list[str]) -> str | None:
    """The known phase id closest to ``value``: by number when all are whole numbers, else by spelling."""
    if not value or not known:
        return None
    if value.strip().lstrip("-").isdigit() and all(k.lstrip("-").isdigit() for k in known):
        return min(known, key=lambda k: (abs(int(k) - int(value)), int(k)))
    folded = {k.casefold(): k for k in known}
    if value.casefold() in folded:
        return folded[value.casefold()]
    found = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return found[0] if found else None


def _note(notes: Mapping[str, str], phase: Phase) -> str:
    note = notes.get(phase.phase_id)
    return f" ({note})" if note else ""
