"""Reading a phased assignment: every stay inside its dwelling's window, no two stays of a dwelling overlapping.

In a phased case (issue 12) a dwelling may hold several households one after another, so "a dwelling given
twice" is no breach there; two stays on one dwelling that overlap, the turnaround counted as occupied, are
(``stay_overlap``). A stay outside its dwelling's window is ``stay_outside_window``: the dwelling is not free by
the stay's start (``Ledig fra``), a temporary stay ends after ``Ledig til``, or a permanent stay is given a
dwelling that must be given back. The window's first part is the same condition as the ``in_time`` rule
(``available_from <= move_by - overlap_days`` is the stay's start), so in a phased case ``in_time`` is read here
and not again among the per-pair rules; every other hard rule is judged as without phases.

Stays are the household's (``allocator.stays.stay_of``). The checker works on day numbers: ``start`` the first
day held, ``end`` the first day another household may move in (``until + turnaround_days``; ``FOREVER`` for a
permanent stay), so two stays fit one dwelling exactly when the half-open ranges ``[start, end)`` are disjoint.

What is left for the later checks (``home``) holds only lawful stays: a pair breaking a rule, the window or a
decision, or overlapping another assigned stay, is left out (its household unhoused, its time on the dwelling
free); a kept fixed pair is given and stays, and the open stays overlapping it are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from allocator.check.audit import Finding
from allocator.check.breaches import lookup, unknown_ids
from allocator.check.decisions import Resolved
from allocator.check.suitability import RULES, Tables, failed_rules, suitability
from allocator.domain import Instance, Settings
from allocator.stays import stay_of

FOREVER = 2**40
"""Day number of "never free again": the end of a permanent stay, the ``Ledig til`` of a dwelling without one."""

_WINDOW_RULE = "in_time"  # read by the window check in a phased case


@dataclass(frozen=True, eq=False)
class Stays:
    """Per household the stay in day numbers (``start``, ``end`` as in the module docstring) and ``until``
    (the day it moves back; ``FOREVER`` for a permanent stay); per dwelling its window ``free_from`` (no
    limit: ``-FOREVER``) and ``free_until`` (``FOREVER``)."""

    start: np.ndarray
    end: np.ndarray
    until: np.ndarray
    free_from: np.ndarray
    free_until: np.ndarray

    def window(self, i, j) -> np.ndarray:
        """Whether each stay of household ``i`` fits the window of dwelling ``j`` (broadcasting)."""
        return (self.free_from[j] <= self.start[i]) & (self.until[i] <= self.free_until[j])

    def overlap(self, a, b) -> np.ndarray:
        """Whether the stays of households ``a`` and ``b`` cannot share one dwelling (broadcasting)."""
        return (self.start[a] < self.end[b]) & (self.start[b] < self.end[a])


def stays_of(instance: Instance, settings: Settings) -> Stays:
    starts, ends, untils = [], [], []
    for h in instance.households:
        stay = stay_of(h, settings)
        released = stay.released(settings)
        starts.append(stay.start.toordinal())
        ends.append(FOREVER if released is None else released.toordinal())
        untils.append(FOREVER if stay.until is None else stay.until.toordinal())
    vs = instance.vacancies
    return Stays(
        start=np.array(starts, np.int64),
        end=np.array(ends, np.int64),
        until=np.array(untils, np.int64),
        free_from=np.array(
            [-FOREVER if v.available_from is None else v.available_from.toordinal() for v in vs], np.int64
        ),
        free_until=np.array(
            [FOREVER if v.available_until is None else v.available_until.toordinal() for v in vs], np.int64
        ),
    )


def open_suitability(tables: Tables, stays: Stays, resolved: Resolved) -> np.ndarray:
    """households x dwellings: every hard rule and the stay window hold, the pair is not forbidden and the
    household is not fixed. Fixed dwellings stay in: they are free outside their fixed stay."""
    n, m = len(stays.start), len(stays.free_from)
    matrix = suitability(tables) if n and m else np.zeros((n, m), bool)
    matrix &= stays.window(np.arange(n)[:, None], np.arange(m)[None, :])
    if resolved.forbidden:
        h, d = np.array(sorted(resolved.forbidden), np.intp).T
        matrix[h, d] = False
    matrix[resolved.fixed_home >= 0, :] = False
    return matrix


@dataclass(frozen=True, eq=False)
class Reading:
    """The lawful stays: ``home[h]`` the dwelling of household h or -1 (kept fixed pairs included);
    ``breaches`` the per-pair rule findings, ``windows`` and ``overlaps`` the time findings."""

    home: np.ndarray
    breaches: tuple[Finding, ...]
    windows: tuple[Finding, ...]
    overlaps: tuple[Finding, ...]


def read_stays(
    instance: Instance,
    tables: Tables,
    stays: Stays,
    assignment: Mapping[str, str],
    position: np.ndarray,
    resolved: Resolved,
) -> Reading:
    hs, vs = instance.households, instance.vacancies
    h_index = {h.household_id: i for i, h in enumerate(hs)}
    d_index = {v.dwelling_id: j for j, v in enumerate(vs)}
    breaches: list[Finding] = []
    known: list[tuple[int, int]] = []
    for household_id, dwelling_id in assignment.items():
        h, d = lookup(h_index, household_id), lookup(d_index, dwelling_id)
        breaches += unknown_ids(household_id, dwelling_id, h, d)
        if h is not None and d is not None:
            known.append((h, d))
    known.sort(key=lambda pair: position[pair[0]])
    h_arr = np.array([h for h, _ in known], np.intp)
    d_arr = np.array([d for _, d in known], np.intp)
    failures = failed_rules(tables, h_arr, d_arr)
    fits = stays.window(h_arr, d_arr)
    lawful = np.ones(len(known), bool)
    kept = np.zeros(len(known), bool)
    windows: list[Finding] = []
    for k, (h, d) in enumerate(known):
        if resolved.fixed_home[h] == d:
            kept[k] = True
            continue  # decided: given, not judged by the rules
        if resolved.fixed_home[h] >= 0 or (h, d) in resolved.forbidden:
            lawful[k] = False  # decisions.py reports it
        for rule in RULES:
            if rule.name != _WINDOW_RULE and failures[rule.name][k]:
                lawful[k] = False
                breaches.append(
                    Finding(
                        rule.name,
                        (hs[h].household_id,),
                        (vs[d].dwelling_id,),
                        rule.explain(hs[h], vs[d], tables.settings),
                    )
                )
        if not fits[k]:
            lawful[k] = False
            windows.append(_window_finding(instance, stays, h, d))

    overlaps: list[Finding] = []
    by_dwelling: dict[int, list[int]] = {}
    for k, (_, d) in enumerate(known):
        by_dwelling.setdefault(d, []).append(k)
    for d in sorted(by_dwelling):
        ks = sorted(by_dwelling[d], key=lambda k: (stays.start[known[k][0]], position[known[k][0]]))
        for x, a in enumerate(ks):
            for b in ks[x + 1 :]:
                ha, hb = known[a][0], known[b][0]
                if stays.overlap(ha, hb):
                    overlaps.append(_overlap_finding(instance, stays, ha, hb, d))
                    lawful[a] &= kept[a]
                    lawful[b] &= kept[b]
    home = np.full(len(hs), -1, np.intp)
    home[h_arr[lawful]] = d_arr[lawful]
    return Reading(home=home, breaches=tuple(breaches), windows=tuple(windows), overlaps=tuple(overlaps))


def day(number: int) -> str:
    return dt.date.fromordinal(int(number)).isoformat()


def stay_text(stays: Stays, h: int) -> str:
    if stays.until[h] >= FOREVER:
        return f"from {day(stays.start[h])} for good"
    return f"{day(stays.start[h])} to {day(stays.until[h])}, free again {day(stays.end[h])}"


def _window_finding(instance: Instance, stays: Stays, h: int, d: int) -> Finding:
    hid, did = instance.households[h].household_id, instance.vacancies[d].dwelling_id
    reasons = []
    if stays.free_from[d] > stays.start[h]:
        reasons.append(f"{did} is free only from {day(stays.free_from[d])}")
    if stays.until[h] > stays.free_until[d]:
        if stays.until[h] >= FOREVER:
            reasons.append(
                f"a permanent stay needs a dwelling for good, {did} is free only until "
                f"{day(stays.free_until[d])}"
            )
        else:
            reasons.append(f"{did} is free only until {day(stays.free_until[d])}")
    return Finding(
        "stay_outside_window",
        (hid,),
        (did,),
        f"{hid} -> {did}: the stay ({stay_text(stays, h)}) is outside the dwelling's window: "
        + "; ".join(reasons),
    )


def _overlap_finding(instance: Instance, stays: Stays, a: int, b: int, d: int) -> Finding:
    hs = instance.households
    aid, bid, did = hs[a].household_id, hs[b].household_id, instance.vacancies[d].dwelling_id
    return Finding(
        "stay_overlap",
        (aid, bid),
        (did,),
        f"{did} holds {aid} ({stay_text(stays, a)}) and {bid} ({stay_text(stays, b)}): the stays overlap "
        "(the turnaround counts as occupied)",
    )
