"""Waste and the direct priority checks of a phased case, move by move on the allocation's own timelines.

"Free for a stay": no other lawful stay on the dwelling overlaps it (the turnaround counted as occupied).

- Waste: a housed household prefers (a better wish rank) a suitable dwelling free for its whole stay
  (``free_dwelling_preferred``), or an unhoused household is suitable for one (``unhoused_with_free_dwelling``).
- ``priority_unhoused``: an unhoused household could take the place of a lower-priority housed one: it suits
  that household's dwelling, which, without that household, is free for its stay. As many are housed, and no
  fewer permanent ones (a permanent household is ahead of every temporary one).
- ``priority_envy``: a housed household prefers the dwelling of a lower-priority one and they could swap, each
  dwelling free for the other's stay once both have moved out.
- ``priority_chain``: as above, but the lower-priority household moves on to another dwelling free for its
  stay.

These are exact findings (each names an allocation that is better by the rules) but not a complete search:
chains of three or more moves are the exact check's (``time_seniority.py``), which runs where the case is small
enough. Fixed households are given, not judged, and their stays occupy their dwellings.
"""

from __future__ import annotations

import numpy as np

from allocator.check.audit import Finding
from allocator.check.standing import rank_label
from allocator.check.stay_windows import Stays
from allocator.domain import Instance


class Timelines:
    """The lawful stays of every dwelling, and which household of the open part is housed where."""

    def __init__(self, instance: Instance, stays: Stays, home: np.ndarray, rank: np.ndarray) -> None:
        self.instance, self.stays, self.home, self.rank = instance, stays, home, rank
        self.on: dict[int, list[int]] = {}
        for h in np.flatnonzero(home >= 0).tolist():
            self.on.setdefault(int(home[h]), []).append(h)

    def free_for(self, h: int, d: int, *, without: tuple[int, ...] = ()) -> bool:
        """Whether dwelling ``d`` is free for the whole stay of ``h``, once ``h`` and ``without`` left it."""
        others = [g for g in self.on.get(d, ()) if g != h and g not in without]
        return not others or not bool(self.stays.overlap(h, np.array(others)).any())

    def label(self, h: int, d: int) -> str:
        return rank_label(self.instance.households[h], int(self.rank[h, d]))


def waste(t: Timelines, suitable: np.ndarray, households: np.ndarray) -> tuple[Finding, ...]:
    hs, vs = t.instance.households, t.instance.vacancies
    found = []
    for h in households.tolist():
        d_own = int(t.home[h])
        options = np.flatnonzero(suitable[h])
        if d_own >= 0:
            options = options[t.rank[h, options] < t.rank[h, d_own]]
        free = [
            int(d) for d in options[np.argsort(t.rank[h, options], kind="stable")] if t.free_for(h, int(d))
        ]
        if not free:
            continue
        first = free[0]
        more = f"; {len(free) - 1} more such dwellings" if len(free) > 1 else ""
        hid = hs[h].household_id
        names = tuple(vs[d].dwelling_id for d in free)
        if d_own >= 0:
            text = (
                f"{hid} prefers {vs[first].dwelling_id} ({t.label(h, first)}), free for its whole stay, to its "
                f"own {vs[d_own].dwelling_id} ({t.label(h, d_own)}){more}"
            )
            found.append(Finding("free_dwelling_preferred", (hid,), names, text))
        else:
            text = (
                f"{hid} is unhoused while {vs[first].dwelling_id} ({t.label(h, first)}), suitable for it, is "
                f"free for its whole stay{more}"
            )
            found.append(Finding("unhoused_with_free_dwelling", (hid,), names, text))
    return tuple(found)


def direct_priority(
    t: Timelines, suitable: np.ndarray, households: np.ndarray, position: np.ndarray
) -> tuple[Finding, ...]:
    """``priority_unhoused``, ``priority_envy`` and ``priority_chain`` findings, for the open households
    ``households`` (in priority order), at most one per household and its lower-priority counterpart."""
    hs, vs = t.instance.households, t.instance.vacancies
    is_open = np.zeros(len(hs), bool)
    is_open[households] = True
    found = []
    for h in households.tolist():
        d_own = int(t.home[h])
        options = np.flatnonzero(suitable[h])
        if d_own >= 0:
            options = options[t.rank[h, options] < t.rank[h, d_own]]
        for d in options.tolist():
            for o in t.on.get(d, ()):
                if not is_open[o] or position[o] <= position[h] or not t.free_for(h, d, without=(o,)):
                    continue
                hid, oid, did = hs[h].household_id, hs[o].household_id, vs[d].dwelling_id
                head = (
                    f"{hid} (priority {position[h] + 1}) prefers {did} ({t.label(h, d)}), held by "
                    f"lower-priority {oid} (priority {position[o] + 1}), "
                )
                if d_own < 0:
                    text = (
                        f"{hid} (priority {position[h] + 1}) is unhoused but could take {did}, held by "
                        f"lower-priority {oid} (priority {position[o] + 1}): without {oid} it is free for "
                        f"{hid}'s whole stay"
                    )
                    found.append(Finding("priority_unhoused", (hid, oid), (did,), text))
                    continue
                own_id = vs[d_own].dwelling_id
                if suitable[o, d_own] and t.free_for(o, d_own, without=(h,)):
                    text = (
                        head + f"to its own {own_id} ({t.label(h, d_own)}); {oid} could take {own_id} instead"
                    )
                    found.append(Finding("priority_envy", (hid, oid), (did, own_id), text))
                    continue
                spare = [
                    int(e)
                    for e in np.flatnonzero(suitable[o]).tolist()
                    if e not in (d, d_own) and t.free_for(o, int(e))
                ]
                if spare:
                    e = min(spare, key=lambda e: (t.rank[o, e], e))
                    text = head + (
                        f"to its own {own_id} ({t.label(h, d_own)}); {oid} could move to "
                        f"{vs[e].dwelling_id} ({t.label(o, e)}), free for its whole stay"
                    )
                    found.append(
                        Finding("priority_chain", (hid, oid), (did, own_id, vs[e].dwelling_id), text)
                    )
    return tuple(found)
