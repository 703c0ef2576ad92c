"""What holds a dwelling during one household's stay, in a phased case (issue 12), for the explanations.

In a phased case a dwelling holds several stays over time, so "who got it" depends on when: the holder that
matters to a household is one whose stay overlaps the household's own stay, the turnaround counting as occupied
(``allocator.stays``). Per (household, dwelling) pair one such holder is named: the one of highest priority,
since that is the strongest reason the household did not get it. A dwelling fixed by an earlier decision
(an accepted or pending offer, a pin) is held by its fixed household for that household's stay only
(``allocator.solve``), so a fixed holder is named under the same overlap rule as any other.

The holders are computed as arrays, per block of households x dwellings: the stays of the block's dwellings
against the households' stays by broadcasting, the best overlapping one per dwelling by a grouped maximum.
``window`` says, for a dwelling whose own window rules it out, which side does: free only after the stay starts
(``Ledig fra``), or to be given back before the stay ends (``Ledig til``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np

from allocator.domain import Instance, Settings
from allocator.explain.words import phrase
from allocator.stays import stay_of

FOREVER = dt.date.max.toordinal()
"""The day number of a stay without end (a permanent stay) and of a dwelling without ``Ledig til``."""
NEVER = dt.date.min.toordinal()
"""The day number of a dwelling free now (no ``Ledig fra``)."""

_CELLS = 1 << 22
"""Household x stay pairs compared at once (about 30 MB of arrays)."""

HELD_UNTIL, HELD_FOR_GOOD, HELD_FROM = range(3)
"""How a holder's stay meets a household's: it holds the dwelling when the household's stay starts, until a
date or for good; or it moves in during the household's stay."""


@dataclass(frozen=True, slots=True, eq=False)
class HeldOverTime:
    """The stays of one phased allocation, as day numbers per household.

    ``start``, ``until``, ``release`` per household (``until`` = ``release`` = ``FOREVER`` for good);
    ``position`` its place in the priority order and ``by_place`` the reverse; ``stays`` the housed households
    sorted by dwelling (``stay_vacancy``), ``first_stay[j]`` where dwelling ``j``'s begin there; ``phase`` per
    household the index of its phase in ``phase_ids``.
    """

    start: np.ndarray
    until: np.ndarray
    release: np.ndarray
    fixed: np.ndarray
    position: np.ndarray
    by_place: np.ndarray
    stays: np.ndarray
    first_stay: np.ndarray
    stay_vacancy: np.ndarray
    phase: np.ndarray  # per household, index into ``phase_ids``
    phase_ids: tuple[str, ...]
    free_from: np.ndarray  # per vacancy, ``window_days``
    free_until: np.ndarray
    turnaround_days: int
    said: dict = field(default_factory=dict)  # (time key, language) -> its clause, made once

    @classmethod
    def build(
        cls,
        instance: Instance,
        settings: Settings,
        home: Mapping[int, int],
        fixed: Collection[int],
        position: np.ndarray,
    ) -> HeldOverTime:
        """``home`` maps household index to vacancy index; ``fixed`` are the households whose pair a decision
        fixed; ``position[i]`` is household ``i``'s place in the priority order."""
        n = len(instance.households)
        start = np.empty(n, dtype=np.int64)
        until = np.empty(n, dtype=np.int64)
        for i, household in enumerate(instance.households):
            stay = stay_of(household, settings)
            start[i] = stay.start.toordinal()
            until[i] = FOREVER if stay.until is None else stay.until.toordinal()
        release = np.where(until == FOREVER, FOREVER, until + settings.turnaround_days)
        is_fixed = np.zeros(n, dtype=bool)
        is_fixed[list(fixed)] = True
        housed = np.array(sorted(home), dtype=np.int64)
        where = np.array([home[i] for i in housed.tolist()], dtype=np.int64)
        by_dwelling = np.argsort(where, kind="stable")
        stays, stay_vacancy = housed[by_dwelling], where[by_dwelling]
        first_stay = np.searchsorted(stay_vacancy, np.arange(len(instance.vacancies) + 1))
        phase_ids = tuple(p.phase_id for p in instance.phases)
        index = {p: k for k, p in enumerate(phase_ids)}
        phase = np.array([index.get(h.phase, -1) for h in instance.households], dtype=np.int64)
        place = np.asarray(position[:n])
        by_place = np.empty(n, dtype=np.int64)
        by_place[place] = np.arange(n)
        return cls(
            start,
            until,
            release,
            is_fixed,
            place,
            by_place,
            stays,
            first_stay,
            stay_vacancy,
            phase,
            phase_ids,
            *window_days(instance),
            settings.turnaround_days,
        )

    def holders(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``(rows, cols)``: the household of highest priority whose stay on dwelling ``cols[c]`` overlaps
        household ``rows[r]``'s stay, -1 where none does."""
        out = np.full((len(rows), len(cols)), -1, dtype=np.int64)
        counts = self.first_stay[cols + 1] - self.first_stay[cols]
        used = np.flatnonzero(counts)
        if not len(used) or not len(rows):
            return out
        # the stays of the used dwellings, dwelling after dwelling, and where each dwelling's group begins
        lengths = counts[used]
        begins = np.cumsum(lengths) - lengths
        picked = np.repeat(self.first_stay[cols[used]] - begins, lengths) + np.arange(int(lengths.sum()))
        holder = self.stays[picked]
        n = len(self.position)
        step = max(1, _CELLS // len(holder))  # households at a time, so that a block's arrays stay small
        for first in range(0, len(rows), step):
            some = rows[first : first + step]
            overlaps = (self.start[holder][None, :] < self.release[some][:, None]) & (
                self.start[some][:, None] < self.release[holder][None, :]
            )
            score = np.where(overlaps, n - self.position[holder][None, :], 0)  # the first in priority: most
            best = np.maximum.reduceat(score, begins, axis=1)
            out[first : first + step, used] = np.where(
                best > 0, self.by_place[np.clip(n - best, 0, n - 1)], -1
            )
        return out

    def how(self, row: int, holder: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For household ``row`` and the holders of some dwellings (-1 none; fixed or not): how each holds
        it (``HELD_UNTIL``, ``HELD_FOR_GOOD``, ``HELD_FROM``), the date said (day number: its ``until``, or the
        day it moves in), and whether only the turnaround is in the way."""
        h = np.maximum(holder, 0)
        before = self.start[h] <= self.start[row]
        kind = np.where(before, np.where(self.until[h] == FOREVER, HELD_FOR_GOOD, HELD_UNTIL), HELD_FROM)
        date = np.where(before, self.until[h], self.start[h])
        # held until a day the household's stay has begun by, or moving in after it ends: the turnaround
        turnaround = np.where(before, self.until[h] <= self.start[row], self.start[h] >= self.until[row])
        return kind, date, turnaround & (kind != HELD_FOR_GOOD)


FREE_FROM_LATE, GIVEN_BACK_EARLY = range(2)
"""Why a dwelling's own window rules it out for a stay: free only after the stay starts; or to be given back
before the stay ends (for a permanent stay: to be given back at all)."""


def window(start: int, until: int, free_from: np.ndarray, free_until: np.ndarray) -> np.ndarray:
    """Per dwelling, ``FREE_FROM_LATE``, ``GIVEN_BACK_EARLY``, or -1 where its window holds the stay from day
    ``start`` until day ``until`` (``FOREVER``: for good). ``free_from`` / ``free_until`` are day numbers
    (``NEVER`` / ``FOREVER`` where the vacancy has none)."""
    late = free_from > start
    early = free_until < until
    return np.where(late, FREE_FROM_LATE, np.where(early, GIVEN_BACK_EARLY, -1))


def window_days(instance: Instance) -> tuple[np.ndarray, np.ndarray]:
    """``Ledig fra`` and ``Ledig til`` of every vacancy as day numbers (``NEVER`` / ``FOREVER`` where none)."""
    vs = instance.vacancies
    free_from = np.array([NEVER if v.available_from is None else v.available_from.toordinal() for v in vs])
    free_until = np.array(
        [FOREVER if v.available_until is None else v.available_until.toordinal() for v in vs]
    )
    return free_from.astype(np.int64), free_until.astype(np.int64)


_PHASES = 1 << 16  # room for the phase index in a time key


def time_keys(held: HeldOverTime, row: int, holders: np.ndarray) -> np.ndarray:
    """Per dwelling, how its holder (``holders``, -1 none) holds it during household ``row``'s stay, as one
    integer that sorts by date: the date, how (``HELD_UNTIL``, ...), the holder's phase, and whether only the
    turnaround is in the way (a one-dimensional key keeps the grouping of a sentence's dwellings cheap)."""
    kind, date, turnaround = held.how(row, holders)
    phase = held.phase[np.maximum(holders, 0)]
    return ((date * 4 + kind) * _PHASES + phase) * 2 + turnaround


def when_text(key: int, held: HeldOverTime, lang: str) -> str:
    """The clause of one ``time_keys`` key: "optaget af etape 2 til 01-10-2027", ..."""
    key = int(key)
    if (key, lang) not in held.said:
        held.said[key, lang] = _clause(key, held, lang)
    return held.said[key, lang]


def _clause(key: int, held: HeldOverTime, lang: str) -> str:
    rest, turnaround = divmod(key, 2)
    rest, phase = divmod(rest, _PHASES)
    date, kind = divmod(rest, 4)
    fields = {"phase": held.phase_ids[phase], "date": day(date, lang)}
    if kind == HELD_FOR_GOOD:
        return phrase("held_for_good", lang, **fields)
    if kind == HELD_UNTIL:
        ready = day(date + held.turnaround_days, lang)
        return phrase("held_until", lang, **fields) + (
            phrase("turnaround_until", lang, date=ready) if turnaround else ""
        )
    return phrase("held_from", lang, **fields) + (phrase("turnaround_from", lang) if turnaround else "")


def stay_span(held: HeldOverTime, row: int, lang: str) -> str:
    """ "husstandens genhusning 01-08-2027 til 01-10-2027" (or "fra 01-08-2027 for bestandig")."""
    start, until = int(held.start[row]), int(held.until[row])
    if until == FOREVER:
        span = phrase("span_for_good", lang, start=day(start, lang))
    else:
        span = phrase("span_until", lang, start=day(start, lang), until=day(until, lang))
    return phrase("stay_span", lang, span=span)


def window_clauses(side: np.ndarray, free_from: np.ndarray, free_until: np.ndarray) -> dict[str, str]:
    """The dwellings ruled out by their own window, per language: "ledig først fra 01-09-2027: 2, kun ledig
    til 01-06-2027 eller før: 1" (the earliest "Ledig fra" of the first group, the latest "Ledig til" of the
    second; "eller senere" / "eller før" where the group's dates differ)."""
    out = {}
    for lang in ("en", "da"):
        parts = []
        for which, dates, key, pick, more in (
            (FREE_FROM_LATE, free_from, "window_late", np.min, "or_later"),
            (GIVEN_BACK_EARLY, free_until, "window_early", np.max, "or_earlier"),
        ):
            mine = dates[side == which]
            if len(mine):
                text = phrase(key, lang, date=day(int(pick(mine)), lang))
                if len(np.unique(mine)) > 1:
                    text += phrase(more, lang)
                parts.append(f"{text}: {len(mine)}")
        out[lang] = ", ".join(parts)
    return out


def day(number: int, lang: str) -> str:
    """A day number as a date: dd-mm-yyyy in Danish, ISO in English (as the other explanations)."""
    date = dt.date.fromordinal(number)
    return f"{date:%d-%m-%Y}" if lang == "da" else date.isoformat()
