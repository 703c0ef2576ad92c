"""Priority violations and waste: what a household could justly claim in the allocation it got, pair by pair.

Priority (domain rules 7-8): a household never envies a lower-priority one. Housed h envies h' when h prefers
(strictly lower wish rank) the dwelling of h', is suitable for it, and either

- h' is suitable for h's dwelling (they could swap): ``priority_envy``; or
- h' is suitable for a free dwelling, one nobody holds (a chain: h takes the dwelling of h', h' the free one):
  ``priority_chain``. Coverage stays the same, the same households are housed, and h gains.

Unhoused h envies h' when it is suitable for the dwelling of h' (``priority_unhoused``). One finding per envious
pair: a pair that could swap is ``priority_envy`` even when h' could also take a free dwelling. "Suitable" is the
open part's: fixed dwellings are never free and forbidden pairs never suitable. Longer chains are the seniority
check's (``seniority.py``); these pairwise findings name the simplest cases directly.

Waste: a housed household prefers a dwelling no one got, or an unhoused household is suitable for one. One
finding per household, naming every such free dwelling, best first.

Everything works on the pairs (household, class) of ``classes.py``: a household's preferred classes, and the
holders of a class sorted by priority, so that "held by a lower-priority household" is one binary search.
"""

from __future__ import annotations

import numpy as np

from allocator.check.audit import Finding
from allocator.check.standing import Standing


def priority_violations(s: Standing) -> tuple[Finding, ...]:
    found = _housed_envy(s) + _unhoused_envy(s)
    found.sort(key=lambda item: item[0])
    return tuple(f for _, f in found)


def _expand(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges ``[lo[i], hi[i])``: ``(i, value)`` of every value in every range."""
    lengths = np.maximum(hi - lo, 0)
    rows = np.repeat(np.arange(len(lo)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, np.repeat(lo, lengths) + offsets


def _housed_envy(s: Standing) -> list[tuple[tuple, Finding]]:
    hs, vs = s.instance.households, s.instance.vacancies
    a, classes = s.preferred()
    positions = s.position[s.housed[a]]
    lo, hi = s.later_holders(classes, positions)
    pair, at = _expand(lo, hi)
    if len(pair) == 0:
        return []
    x, y = a[pair], s.holders[at]
    swap = s.classes.suits(s.housed[y], s.home_class[x])
    spare = s.spare()[s.classes.h_type[s.housed[y]]]
    chain = ~swap & (spare > 0)
    keep = swap | chain
    x, y, swap = x[keep], y[keep], swap[keep]
    found = []
    for xa, ya, is_swap in zip(x.tolist(), y.tolist(), swap.tolist(), strict=True):
        h, o = int(s.housed[xa]), int(s.housed[ya])
        mine, theirs = int(s.homes[xa]), int(s.homes[ya])
        hid, oid, mine_id, theirs_id = (
            hs[h].household_id,
            hs[o].household_id,
            vs[mine].dwelling_id,
            vs[theirs].dwelling_id,
        )
        text = (
            f"{hid} (priority {s.position[h] + 1}) prefers {theirs_id} ({s.label(h, theirs)}), held by "
            f"lower-priority {oid} (priority {s.position[o] + 1}), to its own {mine_id} ({s.label(h, mine)}); "
        )
        if is_swap:
            text += f"{oid} could take {mine_id} instead"
            finding = Finding("priority_envy", (hid, oid), (theirs_id, mine_id), text)
        else:
            spare_id, count = _best_free(s, o)
            more = count - 1
            text += (
                f"{oid} could move to free dwelling {vs[spare_id].dwelling_id} ({s.label(o, spare_id)})"
                + (f"; {more} more such free dwellings" if more else "")
            )
            finding = Finding(
                "priority_chain", (hid, oid), (theirs_id, mine_id, vs[spare_id].dwelling_id), text
            )
        found.append(((int(s.position[h]), 0 if is_swap else 1, int(s.position[o])), finding))
    return found


def _unhoused_envy(s: Standing) -> list[tuple[tuple, Finding]]:
    hs, vs = s.instance.households, s.instance.vacancies
    rows, classes = s.classes.classes_of(s.unhoused)
    u = s.unhoused[rows]
    lo, hi = s.later_holders(classes, s.position[u])
    pair, at = _expand(lo, hi)
    found = []
    for h, ya in zip(u[pair].tolist(), s.holders[at].tolist(), strict=True):
        other, theirs = int(s.housed[ya]), int(s.homes[ya])
        hh, ho = hs[h].household_id, hs[other].household_id
        text = (
            f"{hh} (priority {s.position[h] + 1}) is unhoused but could take {vs[theirs].dwelling_id}, "
            f"held by lower-priority {ho} (priority {s.position[other] + 1})"
        )
        finding = Finding("priority_unhoused", (hh, ho), (vs[theirs].dwelling_id,), text)
        found.append(((int(s.position[h]), 2, int(s.position[other])), finding))
    return found


def _best_free(s: Standing, h: int) -> tuple[int, int]:
    """The best free dwelling household ``h`` may take (first in input order among equal ranks) and how many
    free dwellings it may take."""
    _, classes = s.classes.classes_of(np.array([h]))
    dwellings = _free_in(s, classes)
    return int(_best_first(s, h, dwellings)[0]), len(dwellings)


def _free_in(s: Standing, classes: np.ndarray) -> np.ndarray:
    """The free dwellings of the given classes, in input order."""
    _, at = _expand(s.free_ptr[classes], s.free_ptr[classes + 1])
    return np.sort(s.free_dwellings[at])


def _best_first(s: Standing, h: int, dwellings: np.ndarray) -> np.ndarray:
    """The given dwellings (in input order), best wish rank for ``h`` first."""
    ranks = s.tables.rank[h, s.tables.d_department[dwellings]]
    return dwellings[np.argsort(ranks, kind="stable")]


def waste(s: Standing) -> tuple[Finding, ...]:
    hs, vs = s.instance.households, s.instance.vacancies
    found: list[tuple[int, Finding]] = []
    a, classes = s.preferred()
    free = s.free_count[classes] > 0
    for xa in np.unique(a[free]).tolist():
        h, home = int(s.housed[xa]), int(s.homes[xa])
        ids = _best_first(s, h, _free_in(s, classes[free & (a == xa)]))
        first = int(ids[0])
        text = (
            f"{hs[h].household_id} prefers free dwelling {vs[first].dwelling_id} ({s.label(h, first)}) "
            f"to its own {vs[home].dwelling_id} ({s.label(h, home)}){_more(ids)}"
        )
        found.append(
            (
                int(s.position[h]),
                Finding("free_dwelling_preferred", (hs[h].household_id,), _names(s, ids), text),
            )
        )
    rows, classes = s.classes.classes_of(s.unhoused)
    free = s.free_count[classes] > 0
    for r in np.unique(rows[free]).tolist():
        h = int(s.unhoused[r])
        ids = _best_first(s, h, _free_in(s, classes[free & (rows == r)]))
        first = int(ids[0])
        text = (
            f"{hs[h].household_id} is unhoused while {vs[first].dwelling_id} ({s.label(h, first)}), "
            f"suitable for it, is left free{_more(ids)}"
        )
        found.append(
            (
                int(s.position[h]),
                Finding("unhoused_with_free_dwelling", (hs[h].household_id,), _names(s, ids), text),
            )
        )
    found.sort(key=lambda pair: pair[0])
    return tuple(f for _, f in found)


def _names(s: Standing, dwellings: np.ndarray) -> tuple[str, ...]:
    return tuple(s.instance.vacancies[d].dwelling_id for d in dwellings.tolist())


def _more(ids: np.ndarray) -> str:
    return f"; {len(ids) - 1} more such free dwellings" if len(ids) > 1 else ""
