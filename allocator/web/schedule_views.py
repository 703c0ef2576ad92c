"""What the pages show of a moving schedule (issue 13): its figures on the result page, a household's moving
dates, and, when the moves do not fit, the diagnosis in the page's language.

The diagnosis is ``allocator.schedule.Diagnosis``, the same one ``genhus allocate --schedule`` prints in English;
here each of its parts gets a coordinator's sentence from ``words``: the weeks over capacity by how many moves,
the moves whose window is empty and why, and the smallest number of moves per day that fits.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from allocator.schedule import Diagnosis, Schedule
from allocator.web.words import PAGES
from allocator.write.xlsx_words import SCHEDULE_WORDS


def schedule_figures(schedule: Schedule | None, lang: str) -> dict[str, Any] | None:
    """The result page's schedule section; ``None`` without a schedule."""
    if schedule is None:
        return None
    w = PAGES[lang]
    s = schedule.settings
    moves = schedule.moves
    types = Counter(m.move.type for m in moves)
    first = moves[0].date if moves else s.schedule_from
    per_week = SCHEDULE_WORDS[lang]["per_week"].format(n=s.moves_per_week) if s.moves_per_week else ""
    lines = [
        SCHEDULE_WORDS[lang]["made"].format(
            date=s.schedule_from.isoformat(),
            first=_first_day(schedule).isoformat(),
            per_day=s.moves_per_day,
            per_week=per_week,
        ),
        w["schedule_line"].format(
            moves=len(moves),
            first=first.isoformat(),
            last=(moves[-1].date if moves else first).isoformat(),
            peak_day=schedule.peak_day,
            peak_week=schedule.peak_week,
        ),
        w["schedule_types"].format(permanent=types["permanent"], out=types["out"], back=types["back"]),
        w["schedule_empty_days"].format(days=schedule.empty_days),
    ]
    if schedule.stairwell_splits:
        lines.append(w["schedule_splits"].format(n=len(schedule.stairwell_splits)))
    return {"lines": lines}


def _first_day(schedule: Schedule) -> dt.date:
    s = schedule.settings
    return s.schedule_from + dt.timedelta(days=s.notice_days)


def household_moves(schedule: Schedule | None, household_id: str, lang: str) -> list[tuple[str, str]]:
    """One household's moves as (type in words, ISO date), in date order; empty without a schedule."""
    if schedule is None:
        return []
    words = SCHEDULE_WORDS[lang]["types"]
    return [
        (words[m.move.type], m.date.isoformat())
        for m in schedule.moves
        if m.move.household_id == household_id
    ]


def diagnosis_lines(diagnosis: Diagnosis, lang: str) -> list[str]:
    """Why the moves do not fit, a sentence a line, with household ids but no names."""
    w = PAGES[lang]
    types = SCHEDULE_WORDS[lang]["types"]
    out = [w["nf_week"].format(year=y, week=k, n=n) for (y, k), n in diagnosis.over_capacity]
    if diagnosis.empty_windows:
        n = len(diagnosis.empty_windows)
        out.append(w["nf_empty_one"] if n == 1 else w["nf_empty"].format(n=n))
        for e in diagnosis.empty_windows:
            out.append(
                w["nf_window"].format(
                    id=e.household_id,
                    type=types.get(e.type, e.type),
                    earliest=e.earliest.isoformat(),
                    latest=e.latest.isoformat(),
                    reason=w.get(f"nf_reason_{e.reason}", e.reason),
                )
            )
    if diagnosis.min_moves_per_day is not None and diagnosis.min_moves_per_day > diagnosis.moves_per_day:
        out.append(w["nf_min"].format(n=diagnosis.min_moves_per_day, now=diagnosis.moves_per_day))
    elif diagnosis.over_capacity and diagnosis.min_moves_per_day is None:
        limit = w["nf_week_limit"].format(n=diagnosis.moves_per_week) if diagnosis.moves_per_week else ""
        out.append(w["nf_none"].format(limit=limit))
    return out
