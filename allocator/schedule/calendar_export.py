"""The schedule as an iCalendar file (``--calendar FILE.ics``), one all-day event per move, for the
coordinator's calendar program.

Titles carry the household id and the move type, never a name unless asked (``names=True``,
``--calendar-names``): a calendar is shared and synchronised far more widely than a workbook. The file is the
same bytes for the same schedule: each event's UID is made from the case's ids, and its time stamp is the
schedule's ``schedule_from`` date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

from icalendar import Calendar, Event

from allocator.schedule.outcome import Schedule
from allocator.schedule.words import MOVE_WORDS, WORDS
from allocator.write.atomic import atomic_path

PRODID = "-//genhus//flytteskema//DA"


def calendar_bytes(
    schedule: Schedule,
    *,
    names: Mapping[str, str | None] | None = None,
    addresses: Mapping[str, str | None] | None = None,
    lang: str = "da",
) -> bytes:
    """``names``: household id -> name, put in the titles only when given. ``addresses``: dwelling id ->
    address, as the event's location."""
    words = WORDS[lang]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", words["calendar_name"])
    stamp = dt.datetime.combine(schedule.settings.schedule_from, dt.time(0, 0), tzinfo=dt.UTC)
    for m in schedule.moves:
        move = m.move
        who = (names or {}).get(move.household_id) if names is not None else None
        label = MOVE_WORDS[lang][move.type]
        title = f"{words['move']}: {label}, {words['household']} {move.household_id}"
        if who:
            title += f" ({who})"
        event = Event()
        uid = hashlib.sha256(f"{move.household_id}|{move.type}|{move.dwelling_id}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@genhus")
        event.add("dtstamp", stamp)
        event.add("dtstart", m.date)
        event.add("dtend", m.date + dt.timedelta(days=1))
        event.add("summary", title)
        where = (addresses or {}).get(move.dwelling_id)
        event.add("location", where or f"{words['dwelling']} {move.dwelling_id}")
        phase = f"; {words['phase']} {move.phase}" if move.phase else ""
        event.add("description", f"{words['dwelling']} {move.dwelling_id}{phase}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def write_calendar(path: str | Path, schedule: Schedule, **kw) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(calendar_bytes(schedule, **kw))
